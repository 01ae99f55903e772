"""A user's merge links the quote it gives a speaker at once, and `newsdesk reprocess` keeps that
link (E28): real pages ingested into a real SQLite store, real spaCy, the CLI through click's runner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import open_store

FILLER = ("Community groups spent the rest of the week discussing the plan, and several meetings went on"
          " late into the evening to go through the proposals one by one.")
PAGES = {
    "a-both": ("Leaders meet", "Michael Harper and Susan Harper met community leaders in Denver on Monday."),
    "b-bare": ("Park talks", "Harper spoke to reporters in Denver on Tuesday. \u201cThe park is ours,\u201d"
               " Harper said."),
}


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _speaker(db: Path) -> str | None:
    with open_store(db, readonly=True) as store:
        row = store.conn.execute("SELECT e.name FROM quotes q JOIN articles a ON a.id = q.article_id"
                                 " LEFT JOIN entities e ON e.id = q.speaker_id WHERE a.title = 'Park talks'").fetchone()
    return row[0] if row else "no quote"


def test_a_merge_moves_a_bare_surnames_quote_and_reprocess_keeps_it(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, (title, text) in PAGES.items():
        (pages / f"{name}.html").write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}"
                                            f"</h1><p>{text}</p><p>{FILLER}</p><p>{FILLER}</p></article></body></html>")
    db = tmp_path / "desk.db"
    _run("ingest", "--db", str(db), "--workers", "1", "-q", str(pages))
    assert _speaker(db) == "Harper"  # two people carry the surname: a one-word entity of its own
    _run("entities", "merge", "Michael Harper", "Susan Harper", "--db", str(db))
    # before: the quote stayed on the one-word entity until a reprocess
    assert _speaker(db) == "Michael Harper"
    _run("reprocess", "--db", str(db), "--workers", "1", "-q")
    assert _speaker(db) == "Michael Harper"
