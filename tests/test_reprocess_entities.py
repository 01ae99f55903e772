"""`newsdesk reprocess` brings the store's entities and quotes up to the current code even for
articles whose analysed content did not change (real pages ingested into a real SQLite store,
real spaCy, the CLI through click's runner)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import open_store

BARACK = ("President Barack Obama signed the health care bill at the White House in Washington on Tuesday. "
          "Obama said it was a good day for the country.")
BARE = ("Obama told reporters in Chicago on Monday that the bill would pass. "
        "The senator said the vote was close.")

FILLER = ("Lawmakers spent the rest of the week arguing over the details of the plan, and several"
          " committees met late into the evening to go through the amendments one by one.")


def _page(title: str, text: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p><p>{FILLER}</p><p>{FILLER}</p></article></body></html>")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-signing.html").write_text(_page("Health bill signed", BARACK))
    (pages / "b-reporters.html").write_text(_page("Vote will pass, Obama says", BARE))
    db = tmp_path / "desk.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--workers", "1", "-q", str(pages)])
    assert result.exit_code == 0, result.output
    return db


def _bare_article(store) -> int:  # type: ignore[no-untyped-def]
    return int(store.conn.execute("SELECT id FROM articles WHERE title LIKE 'Vote will pass%'").fetchone()[0])


def _links(store, article_id: int) -> tuple[set[str], set[str]]:  # type: ignore[no-untyped-def]
    """The names of the person entities the article's mentions and quotes point at."""
    mentions = {r[0] for r in store.conn.execute(
        "SELECT e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = ? AND e.type = 'PERSON'", (article_id,))}
    quotes = {r[0] for r in store.conn.execute(
        "SELECT e.name FROM quotes q JOIN entities e ON e.id = q.speaker_id WHERE q.article_id = ?", (article_id,))}
    return mentions, quotes


def _place(store, article_id: int) -> str:  # type: ignore[no-untyped-def]
    return str(store.conn.execute("SELECT e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
                                  " WHERE m.article_id = ? AND m.text = 'Chicago'", (article_id,)).fetchone()[0])


def _reprocess(db: Path) -> str:
    result = CliRunner().invoke(main, ["reprocess", "--db", str(db), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    return result.output


def test_reprocess_puts_right_an_entity_link_an_older_code_left(db: Path) -> None:
    with open_store(db) as store:
        bare = _bare_article(store)
        assert _links(store, bare) == ({"Barack Obama"}, {"Barack Obama"})
        # What the code before E11 left when the bare article came first: a one-word "Obama"
        # holding that article's mention and quote.
        lone = store.conn.execute("INSERT INTO entities(type, name, key, first_seen) VALUES"
                                  " ('PERSON', 'Obama', 'obama', '2026-01-01') RETURNING id").fetchone()[0]
        store.conn.execute("INSERT INTO entity_aliases(entity_id, alias, key, skey, last)"
                           " SELECT ?, alias, key, skey, last FROM entity_aliases WHERE key = 'obama' LIMIT 1", (lone,))
        person = "(SELECT id FROM entities WHERE type = 'PERSON')"
        store.conn.execute(f"UPDATE entity_mentions SET entity_id = ? WHERE article_id = ? AND entity_id IN {person}",
                           (lone, bare))
        store.conn.execute(f"UPDATE quotes SET speaker_id = ? WHERE article_id = ? AND speaker_id IN {person}",
                           (lone, bare))
        # and a misspelt place an older code made of "Chicago", the article's mention on it
        chikago = store.conn.execute("INSERT INTO entities(type, name, key, first_seen) VALUES"
                                     " ('GPE', 'Chikago', 'chikago', '2026-01-01') RETURNING id").fetchone()[0]
        store.conn.execute("UPDATE entity_mentions SET entity_id = ? WHERE article_id = ? AND text = 'Chicago'",
                           (chikago, bare))
        assert _links(store, bare) == ({"Obama"}, {"Obama"})
        assert _place(store, bare) == "Chikago"
    output = _reprocess(db)
    assert "unchanged 2" in output  # the pages analyse as before: only the store's step is re-run
    with open_store(db, readonly=True) as store:
        assert _links(store, bare) == ({"Barack Obama"}, {"Barack Obama"})
        # the one-word entity left with nothing is gone, not listed with 0 mentions
        assert store.conn.execute("SELECT count(*) FROM entities WHERE id = ?", (lone,)).fetchone()[0] == 0
        assert [e["name"] for e in store.list_entities(type="PERSON")] == ["Barack Obama"]
        assert _place(store, bare) == "Chicago"
        assert "Chikago" not in {e["name"] for e in store.list_entities(type="GPE")}


def test_reprocess_keeps_a_users_split_and_merge(db: Path) -> None:
    with open_store(db) as store:
        bare = _bare_article(store)
        store.split_entity("Barack Obama", "Obama")  # the bare "Obama" is someone else
        chicago = store.entity_row("Chicago")["id"]
        store.merge_entities(chicago, store.entity_row("Washington")["id"])  # wrong, but the user's word
        before = _links(store, bare)
    assert before[0] == {"Obama"}
    _reprocess(db)
    with open_store(db, readonly=True) as store:
        assert _links(store, bare) == before
        names = {r[0] for r in store.conn.execute("SELECT DISTINCT e.name FROM entity_mentions m"
                                                  " JOIN entities e ON e.id = m.entity_id")}
        assert "Washington" not in names and "Chicago" in names
        assert store.entity_row("Washington")["id"] == chicago
