"""desk_search (migrations/014), the narrow copy search pages read, follows every write to articles:
ingest, a re-ingest that changes a page, reprocess (replace_article), kind changes and deletes;
its stored API item is the one web/listing.item_json builds, byte for byte, and the listing rows
rebuilt from it are the ones read from articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store import search_index as si
from newsdesk.store.desk import ARTICLE_COLUMNS
from newsdesk.store.desk_search import search_row
from newsdesk.store.queries import listing_rows
from newsdesk.web.listing import item_json
from newsdesk.web.responses import dumps


def _article(i: int, **changes: object) -> Article:
    body = f"Report {i} on the “harbour” works — the council’s vote & <b>budget</b>. " * 3
    fields: dict[str, object] = dict(
        url=f"https://narrow.example/{i}", title=f"Headline {i} \"quoted\" \\ slash", site_name="Narrow Times",
        language="en", authors=(f"Writer {i % 3}", "Ünïcode Name"), categories=("Local", f"Topic {i % 2}"),
        published=f"2026-03-{1 + i % 28:02d}T08:00:00+00:00" if i % 4 else None,
        text=body, paragraphs=(body,), excerpt=body[:50], image=f"https://narrow.example/{i}.jpg" if i % 2 else None)
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    si.forget_readers()
    with open_store(tmp_path / "narrow.db") as s:
        for i in range(10):
            s.store_page(RawPage(body=f"p{i}".encode(), origin=f"p{i}"), _article(i))
        yield s
    si.forget_readers()


def _expected(store: Store) -> dict[int, tuple[dict[str, Any], str]]:
    """(listing row, body) of every article, read from articles itself."""
    rows = listing_rows(store.conn, f"SELECT {ARTICLE_COLUMNS}, a.text AS body FROM articles a WHERE a.kind = 'article'")
    return {r["id"]: (r, r.pop("body")) for r in rows}


def _narrow(store: Store) -> dict[int, tuple[dict[str, Any], str, bytes]]:
    """(listing row as the desk rebuilds it, body, stored item) of every desk_search row."""
    rows = store.conn.execute("SELECT id, key, item, text FROM desk_search").fetchall()
    out = {}
    for r in rows:
        row = search_row(*r)
        out[r[0]] = (row, row.pop("_text"), r[2].encode())
    return out


def _assert_in_step(store: Store) -> None:
    wide, narrow = _expected(store), _narrow(store)
    assert sorted(narrow) == sorted(wide)
    for ident, (row, body) in wide.items():
        got, text, item = narrow[ident]
        assert list(got.items()) == list(row.items()) and text == body  # same keys, same order
        assert item == dumps(item_json(row))  # what the API answer shows, the same bytes
        assert orjson.loads(item)["authors"] == row["authors"]


def test_the_table_follows_ingest_updates_reprocess_kind_changes_and_deletes(store: Store) -> None:
    _assert_in_step(store)
    assert len(_narrow(store)) == 10
    # A re-fetch that changed the page: same article, new title, text and date.
    changed = store.store_page(RawPage(body=b"p3-v2", origin="p3-v2"),
                               _article(3, title="Headline 3 rewritten", text="A new body about tides.",
                                        published="2027-01-01T00:00:00+00:00"))[1]
    assert _narrow(store)[changed][0]["title"] == "Headline 3 rewritten"
    assert _narrow(store)[changed][1] == "A new body about tides."
    # Reprocess overwrites the extracted fields through replace_article.
    ident = next(iter(_expected(store)))
    assert store.replace_article(ident, _article(0, title="Reprocessed", authors=(), categories=()))
    got = orjson.loads(_narrow(store)[ident][2])
    assert got["title"] == "Reprocessed" and got["authors"] == [] and got["categories"] == []
    _assert_in_step(store)
    # Leaving the articles, coming back, going away.
    store.conn.execute("UPDATE articles SET kind = 'not_article' WHERE id = ?", (changed,))
    assert changed not in _narrow(store)
    store.conn.execute("UPDATE articles SET kind = 'article' WHERE id = ?", (changed,))
    assert changed in _narrow(store)
    store.conn.execute("PRAGMA foreign_keys = OFF")  # other capabilities' rows point at articles
    store.conn.execute("DELETE FROM articles WHERE id = ?", (changed,))
    assert changed not in _narrow(store)
    # A write to a column the table does not hold leaves its row as it was.
    store.conn.execute("UPDATE articles SET last_seen = '2030-01-01' WHERE id = ?", (ident,))
    _assert_in_step(store)


def test_the_migration_fills_the_table_for_articles_stored_before_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with open_store(db) as s:
        for i in range(6):
            s.store_page(RawPage(body=f"p{i}".encode(), origin=f"p{i}"), _article(i))
        # As a store from before migration 014 was: no table, no triggers, not recorded.
        for name in ("desk_search_insert", "desk_search_update", "desk_search_delete"):
            s.conn.execute(f"DROP TRIGGER {name}")
        s.conn.execute("DROP TABLE desk_search")
        s.conn.execute("DELETE FROM schema_migrations WHERE name LIKE '014_%'")
        s.conn.execute("UPDATE articles SET authors = '[]', categories = '[]' WHERE id = 1")
    with open_store(db) as s:
        assert len(_narrow(s)) == 6
        odd = orjson.loads(_narrow(s)[1][2])  # no names stored: an empty list, as item_json gives
        assert odd["authors"] == [] and odd["categories"] == []
        s.conn.execute("UPDATE articles SET authors = '[\"A\"]', categories = '[\"B\"]' WHERE id = 1")
        _assert_in_step(s)


def test_search_items_are_the_listing_rows_items(store: Store) -> None:
    # Without an index FTS5 answers, with full listing rows whatever was asked (the API shapes them).
    fts, _ = store.desk_search_page("harbour", limit=5, titles=False, items=True)
    assert fts and all("item" not in r and r["title"] and "snippet" in r for r in fts)
    si.sync_search_index(store)
    for query in ("harbour", "budget", "\"council’s vote\"", "head*", "tides OR report"):
        full, more = store.desk_search_page(query, limit=5)
        lean, lean_more = store.desk_search_page(query, limit=5, titles=False, items=True)
        assert full and more == lean_more
        assert [r["id"] for r in lean] == [r["id"] for r in full]
        for f, r in zip(full, lean, strict=True):
            assert set(r) == {"id", "item", "snippet"} and r["snippet"] == f["snippet"]
            assert r["item"] == dumps(item_json(f))


PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        + "".join(f"<p>Paragraph {i} of the report says the council met on Tuesday about the ferry timetable,"
                  " the harbour fees and the new pier, which residents have opposed for years.</p>" for i in range(6))
        + "</article></body></html>")


def test_ingest_and_reprocess_keep_the_table_in_step(tmp_path: Path) -> None:
    from newsdesk.pipeline import ingest, reprocess
    from newsdesk.settings import Settings
    from newsdesk.stages import Stages

    batch = tmp_path / "batch"
    batch.mkdir()
    for i, title in enumerate(("Ferry talks resume", "Pier vote delayed")):
        (batch / f"{i}.html").write_text(PAGE.format(title=title), encoding="utf-8")
    si.forget_readers()
    with open_store(tmp_path / "r.db") as s:
        ingest([str(batch)], s, Settings(), stages=Stages(("extract",)))
        assert len(_narrow(s)) == 2
        _assert_in_step(s)
        ident = min(_narrow(s))
        s.conn.execute("UPDATE articles SET title = 'Edited by hand', text = 'nothing', content_hash = 'x'"
                       " WHERE id = ?", (ident,))
        assert _narrow(s)[ident][1] == "nothing"
        summary = reprocess(s, Settings(), stages=Stages(("extract",)))
        assert summary.updated == 1
        assert _narrow(s)[ident][0]["title"] in ("Ferry talks resume", "Pier vote delayed")
        assert "harbour fees" in _narrow(s)[ident][1]
        _assert_in_step(s)
    si.forget_readers()
