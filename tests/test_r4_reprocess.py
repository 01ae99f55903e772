"""`newsdesk reprocess` leaves the store as the current code builds it from the same pages, the user's
decisions kept: aliases an older code left go (a user's merge alias stays), events an older code
stored are coded again, and stories stay where they were (real pages ingested into a real SQLite
store, real spaCy and event coder, the CLI through click's runner)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import Store, open_store
from newsdesk.store.entities import last_word_key
from newsdesk.understand.canonical import spelling_key

FILLER = ("Lawmakers spent the rest of the week arguing over the details of the plan, and several"
          " committees met late into the evening to go through the amendments one by one.")
PAGES = {
    "a-signing": ("Health bill signed", "President Barack Obama signed the health care bill at the White House in"
                  " Washington on Tuesday. Obama said it was a good day for the country."),
    "b-reporters": ("Vote will pass, Obama says", "Obama told reporters in Chicago on Monday that the bill would"
                    " pass. The senator said the vote was close."),
    "c-iran": ("Iran talks", "Iran condemned the United States on Monday after Washington imposed new sanctions on"
               " Tehran. Foreign Minister Abbas Araghchi said Iran would meet European diplomats in Geneva next"
               " week. The European Union urged both sides to negotiate."),
    "d-border": ("Border clash", "Russia accused Ukraine of shelling a border village on Friday. Ukraine rejected"
                 " the claim and asked the United Nations to send observers."),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store the current code built from the pages."""
    pages = tmp_path_factory.mktemp("pages")
    for name, (title, text) in PAGES.items():
        (pages / f"{name}.html").write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}"
                                            f"</h1><p>{text}</p><p>{FILLER}</p><p>{FILLER}</p></article></body></html>")
    db = tmp_path_factory.mktemp("pristine") / "desk.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--workers", "1", "-q", str(pages)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(pristine: Path, tmp_path: Path) -> Path:
    """A copy of the pristine store, for a test to spoil as an older code would have."""
    copy = tmp_path / "desk.db"
    with sqlite3.connect(pristine) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return copy


def _reprocess(db: Path) -> str:
    result = CliRunner().invoke(main, ["reprocess", "--db", str(db), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert "unchanged 4" in result.output  # the pages analyse as before: only the store's steps run again
    return result.output


def _aliases(store: Store) -> dict[tuple[str, str], set[str]]:
    """(type, name) of each entity -> its alias keys."""
    out: dict[tuple[str, str], set[str]] = {}
    for r in store.conn.execute("SELECT e.type, e.name, a.key FROM entities e JOIN entity_aliases a"
                                " ON a.entity_id = e.id"):
        out.setdefault((r[0], r[1]), set()).add(r[2])
    return out


def _events(store: Store) -> dict[str, list[tuple]]:
    """Article title -> its events' rows (every column but the id), in order."""
    out: dict[str, list[tuple]] = {}
    for r in store.conn.execute("SELECT a.title, e.* FROM events e JOIN articles a ON a.id = e.article_id"
                                " ORDER BY a.title, e.seq"):
        out.setdefault(r["title"], []).append(tuple(v for k, v in dict(r).items() if k not in ("id", "article_id")))
    return out


def _article(store: Store, title: str) -> int:
    return int(store.conn.execute("SELECT id FROM articles WHERE title = ?", (title,)).fetchone()[0])


def test_reprocess_drops_the_aliases_no_mention_gives_and_keeps_a_users_merge(db: Path, pristine: Path) -> None:
    with open_store(db) as store:
        barack, chicago = store.entity_row("Barack Obama")["id"], store.entity_row("Chicago")["id"]
        # What an older code left: an alias no mention writes, and spelling keys it computed otherwise.
        store.conn.execute("INSERT INTO entity_aliases(entity_id, alias, key, skey, last)"
                           " VALUES (?, 'Barry Obama', 'barry obama', 'br obm', 'obm')", (barack,))
        store.conn.execute("UPDATE entity_aliases SET skey = 'x', last = 'x' WHERE entity_id = ?", (chicago,))
        # and a misspelt entity of its own, which the user merged into the right one: the user's word
        chikago = store.conn.execute("INSERT INTO entities(type, name, key, first_seen) VALUES"
                                     " ('GPE', 'Chikago', 'chikago', '2026-01-01') RETURNING id").fetchone()[0]
        store.conn.execute("INSERT INTO entity_aliases(entity_id, alias, key, skey, last)"
                           " VALUES (?, 'Chikago', 'chikago', 'ckg', 'ckg')", (chikago,))
        store.merge_entities(chicago, chikago)
        assert store.entity_row("Barry Obama")["id"] == barack
    _reprocess(db)
    with open_store(db, readonly=True) as store, open_store(pristine, readonly=True) as built:
        aliases = _aliases(store)
        assert "barry obama" not in aliases[("PERSON", "Barack Obama")]
        assert "chikago" in aliases[("GPE", "Chicago")]  # the user's merge
        assert store.entity_row("Chikago")["id"] == chicago
        # every other alias is what the current code gives from the same pages, no more, no less
        aliases[("GPE", "Chicago")].discard("chikago")
        assert aliases == _aliases(built)
        assert {(spelling_key(r[0]), last_word_key(r[0])) == (r[1], r[2]) for r in store.conn.execute(
            "SELECT alias, skey, last FROM entity_aliases WHERE entity_id = ?", (chicago,))} == {True}


def test_reprocess_codes_again_the_events_an_older_code_stored(db: Path, pristine: Path) -> None:
    with open_store(db) as store:
        iran, border = _article(store, "Iran talks"), _article(store, "Border clash")
        rows = store.conn.execute("SELECT id FROM events WHERE article_id = ? ORDER BY seq", (iran,)).fetchall()
        kept = [r[0] for r in store.conn.execute("SELECT id FROM events WHERE article_id = ? ORDER BY seq",
                                                 (border,))]
        assert len(rows) >= 2 and kept
        # What an older coder left for an article whose page analyses the same today: one event
        # coded otherwise, one it missed, and a day it read from nowhere.
        store.conn.execute("UPDATE events SET cameo = '190', root = '19', goldstein = -10, day = '1999-01-01'"
                           " WHERE id = ?", (rows[0][0],))
        store.conn.execute("DELETE FROM events WHERE id = ?", (rows[1][0],))
        stories = store.story_assignments()
    _reprocess(db)
    with open_store(db, readonly=True) as store, open_store(pristine, readonly=True) as built:
        assert _events(store) == _events(built)
        # an article whose events were right keeps its event ids (GLOBALEVENTID in the exports)
        assert [r[0] for r in store.conn.execute("SELECT id FROM events WHERE article_id = ? ORDER BY seq",
                                                 (border,))] == kept
        # stories are not placed again for articles that did not change (pipeline.REFRESH_ALWAYS)
        assert store.story_assignments() == stories
