"""The metadata benchmark's error analysis: each miss listed once, under its field and cause."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsdesk.bench import metadata


def test_misses_are_grouped_by_field_and_cause(tmp_path: Path, shared_dir: Path) -> None:
    gold = [
        {"file": "a.html.gz", "title": "Harbour budget agreed after long debate", "authors": ["Jane Doe", "John Roe"],
         "date_published": "2024-03-06 09:30:00+01:00"},
        {"file": "b.html.gz", "title": "Storm hits coast", "authors": ["Ann Lee"], "date_published": None},
        {"file": "c.html.gz", "title": "Rates rise", "authors": ["Bo Chen"], "date_published": "2024-01-01"},
    ]
    preds = [
        {"file": "a.html.gz", "title": "Harbour budget agreed", "authors": ["Jane Doe"],
         "date_published": "2024-03-05T09:30:00+01:00"},
        {"file": "b.html.gz", "title": "Storm hits coast | Daily Planet", "authors": ["Daily Planet"],
         "date_published": "2024-02-02"},
        {"file": "c.html.gz", "title": "Rates rise", "authors": ["Bo Chen"], "date_published": "2024-01-01"},
    ]
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("\n".join(json.dumps(g) for g in gold))
    shutil.copy(shared_dir / "bench" / "metadata" / "score.py", tmp_path / "score.py")
    groups = metadata.misses({"gold": str(gold_file), "predictions": {"newsdesk": preds}}, "newsdesk")
    assert {cause: [p.split("\n")[0] for p in pages] for cause, pages in groups.items()} == {
        "title: headline cut too short": ["a.html.gz"],
        "authors: some missing": ["a.html.gz"],
        "date_published: off by one day": ["a.html.gz"],
        "title: extra words around the headline (site name, kicker)": ["b.html.gz"],
        "authors: other names": ["b.html.gz"],
        "date_published: invented": ["b.html.gz"],
    }
    assert "== authors: other names: 1" in metadata.format_misses(groups)
