"""A speaker search reads the speaker as written from the quote's own column (migration 040), not
from every candidate article's text (session 17, A9). A8 read text[speaker_start:speaker_end] of
each article holding the phrase's words, and a common word ('we') read most of the store.

Real SQLite, real annotation: a store written by the pipeline, brought back to what 039 left it,
migrated on open; then the article's text is changed under the stored quote, so only a search
that reads the column still finds the speaker as written.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from newsdesk.records import RawPage
from newsdesk.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import annotate  # noqa: E402

SENATOR = "Vermont Sen. Bernie Sanders spoke in Iowa on Monday. The senator said the plan would fail in the end."
WE = "“We will vote against the bill on Friday,” the union said in Ohio on Tuesday."
# the store as 039 left it: no column, no index of it
BACK_TO_039 = ("DROP TRIGGER quotes_speaker_fts_insert; DROP TRIGGER quotes_speaker_fts_delete;"
               " DROP TRIGGER quotes_speaker_fts_update; DROP TABLE quotes_speaker_fts;"
               " ALTER TABLE quotes DROP COLUMN speaker_written;"
               " DELETE FROM schema_migrations WHERE name LIKE '040_%'; PRAGMA user_version = 39;")


def _store(db: Path) -> dict[str, int]:
    store = open_store(db)
    ids = {}
    for i, (key, text) in enumerate({"senator": SENATOR, "we": WE}.items()):
        article = annotate(text, url=f"https://news.example/{key}", title=f"Story {key}",
                           published=f"2026-01-{i + 1:02d}T09:00:00+00:00")
        _, article_id = store.store_page(RawPage(body=text.encode(), origin=key, url=article.url), article)
        store.after_store_entities(article_id, article)
        ids[key] = article_id
    store.close()
    return ids


def _written(db: Path) -> dict[int, str | None]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT article_id, speaker_written FROM quotes ORDER BY id"))
    finally:
        conn.close()


def _back_to_039(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.executescript(BACK_TO_039)
    conn.close()


def test_quotes_store_the_speaker_as_written_when_written_and_when_migrated(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    ids = _store(db)
    assert _written(db) == {ids["senator"]: "The senator", ids["we"]: "the union"}
    # written again (reprocess rebuilds an article's quotes through the same hook): kept
    store = open_store(db)
    store.after_store_entities(ids["senator"], annotate(SENATOR, url="https://news.example/senator"))
    store.close()
    assert _written(db)[ids["senator"]] == "The senator"
    _back_to_039(db)
    open_store(db).close()  # migration 040 fills the rows stored before it from the article's text
    assert _written(db) == {ids["senator"]: "The senator", ids["we"]: "the union"}


def test_a_speaker_search_reads_the_column_not_the_article_text(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    ids = _store(db)
    _back_to_039(db)
    store = open_store(db)
    try:
        # the text no longer writes the phrase where the quote's speaker stands (same length, so
        # the offsets still hold): A8's search read it from there and found nothing
        store.conn.execute("UPDATE articles SET text = replace(text, 'The senator', 'The Senatus') WHERE id = ?",
                           (ids["senator"],))
        found = store.search_quotes(speaker="the senator")
        assert [(q["article_id"], q["speaker"], q["written_match"]) for q in found] == [
            (ids["senator"], "Bernie Sanders", True)]
        assert [(s["name"], s["quotes"]) for s in store.quote_speakers(speaker="the senator")] == [
            ("Bernie Sanders", 1)]
        assert store.search_quotes(speaker="Senatus") == []
    finally:
        store.close()


def test_a_store_opened_read_only_before_040_still_finds_the_written_form(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    ids = _store(db)
    _back_to_039(db)
    store = open_store(db, readonly=True)  # not migrated: read from the article's text, as before
    try:
        assert [(q["article_id"], q["written_match"]) for q in store.search_quotes(speaker="the senator")] == [
            (ids["senator"], True)]
    finally:
        store.close()
