"""The metadata benchmark runs on any gold JSONL in the shared format, scored by the set's score.py."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from newsdesk.bench import metadata

HEAD = ('<meta property="og:title" content="Harbour budget agreed">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">')
BODY = "<article><h1>Harbour budget agreed</h1>" + "<p>The council agreed the harbour budget today.</p>" * 20


def test_run_on_a_fresh_gold_file(tmp_path: Path, shared_dir: Path) -> None:
    (tmp_path / "html").mkdir()
    pages = {"with.html.gz": HEAD, "without.html.gz": ""}
    for name, head in pages.items():
        html = f"<html><head><title>Harbour budget agreed</title>{head}</head><body>{BODY}</body></html>"
        (tmp_path / "html" / name).write_bytes(gzip.compress(html.encode()))
    gold = [
        {"file": "html/with.html.gz", "title": "Harbour budget agreed", "authors": ["Jane Doe"],
         "date_published": "2024-03-05 09:30:00+01:00"},
        {"file": "html/without.html.gz", "title": "Harbour budget agreed", "authors": [], "date_published": None},
    ]
    gold_file = tmp_path / "set" / "gold.jsonl"
    gold_file.parent.mkdir()
    gold_file.write_text("\n".join(json.dumps(g) for g in gold))
    shutil.copy(shared_dir / "bench" / "metadata" / "score.py", tmp_path / "score.py")  # one folder up, as shipped
    result = metadata.run(tmp_path, gold_file, tools=["newsdesk"])
    ours = result["tools"]["newsdesk"]
    assert ours["title_exact"] == 1.0
    assert ours["authors_name_F1"] == 1.0
    assert ours["date_accuracy"] == 1.0
    assert ours["invented_authors"] == 0 and ours["invented_dates"] == 0
    assert "newsdesk" in metadata.format_table(result)
