"""The seed page end to end through the text extractor, judged by ../shared/seed/check.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsdesk.extract.text import extract_text

FETCHED = "2026-02-11T12:00:00+00:00"


def test_seed_passes_the_article_and_related_checks(shared_dir: Path, tmp_path: Path) -> None:
    seed = shared_dir / "seed"
    article = extract_text((seed / "seed.txt").read_text(encoding="utf-8"), fetched_at=FETCHED)
    result = tmp_path / "r.json"
    result.write_text(json.dumps(article.to_dict(), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(seed / "check.py"), str(seed / "expected.json"), str(result),
         "--only", "article,related"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 failed" in done.stdout


def test_seed_rail_ages_resolve_to_times(shared_dir: Path) -> None:
    article = extract_text((shared_dir / "seed" / "seed.txt").read_text(encoding="utf-8"), fetched_at=FETCHED)
    assert article.related[0].age == "2 minutes ago"
    assert article.related[0].published == "2026-02-11T11:58:00+00:00"
    assert article.related[1].published == "2026-02-11T11:00:00+00:00"
    assert article.categories == ("News", "World")
    assert article.authors == ("News Desk",)


def test_seed_without_fetch_time_keeps_ages_as_text(shared_dir: Path) -> None:
    article = extract_text((shared_dir / "seed" / "seed.txt").read_text(encoding="utf-8"))
    assert [r.age for r in article.related][:2] == ["2 minutes ago", "1 hour ago"]
    assert all(r.published is None for r in article.related)
