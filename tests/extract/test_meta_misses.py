"""The metadata benchmark's error analysis: each miss listed once, under its field and cause."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from newsdesk.bench import metadata


def _page(head: str) -> bytes:
    body = "<article>" + "<p>The council agreed the harbour budget today after a long debate.</p>" * 20 + "</article>"
    return gzip.compress(f"<html><head>{head}</head><body>{body}</body></html>".encode())


def test_misses_are_grouped_by_field_and_cause(tmp_path: Path, shared_dir: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a.html.gz").write_bytes(_page(
        '<meta property="og:title" content="Harbour budget agreed">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">'))
    gold = [{"file": "html/a.html.gz", "title": "Harbour budget agreed after long debate",
             "authors": ["Jane Doe", "John Roe"], "date_published": "2024-03-06 09:30:00+01:00"}]
    gold_file = tmp_path / "set" / "gold.jsonl"
    gold_file.parent.mkdir()
    gold_file.write_text(json.dumps(gold[0]))
    shutil.copy(shared_dir / "bench" / "metadata" / "score.py", tmp_path / "score.py")
    result = metadata.run(tmp_path, gold_file, tools=["newsdesk"])
    groups = metadata.misses(result, "newsdesk")
    assert set(groups) == {"title: headline cut too short", "authors: some missing",
                           "date_published: off by one day"}
    assert all(len(pages) == 1 and pages[0].startswith("html/a.html.gz") for pages in groups.values())
    assert "== authors: some missing: 1" in metadata.format_misses(groups)
