"""The desk's speed-ups keep its answers right: the search cache empties when the store changes,
the narrow listing table follows every write, and cards built in Python escape what pages send."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store.desk import Filters
from newsdesk.web.fragments import card_html, rail_html, sections_html

from .desk_fixtures import running_server


def _article(i: int, word: str = "harbour", **changes: object) -> Article:
    body = f"Report {i} on the {word} works and the council vote. " * 4
    fields: dict[str, object] = dict(
        url=f"https://cache.example/{i}", title=f"Headline {i} {word}", site_name="Cache Times", language="en",
        authors=("A Writer",), categories=("Local",), published=f"2026-03-{1 + i % 28:02d}T08:00:00+00:00",
        text=body, paragraphs=(body,), excerpt=body[:60])
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    db = tmp_path / "cache.db"
    with open_store(db) as store:
        for i in range(12):
            store.store_page(RawPage(body=f"p{i}".encode(), origin=f"p{i}"), _article(i))
    return db


def test_search_cache_hits_repeats_and_empties_when_the_store_changes(small_store: Path) -> None:
    with running_server(small_store) as url:
        first = httpx.get(url + "/api/search", params={"q": "harbour"}, timeout=10)
        again = httpx.get(url + "/api/search", params={"q": "harbour"}, timeout=10)
        assert first.headers["x-desk-cache"] == "miss" and again.headers["x-desk-cache"] == "hit"
        assert again.json() == first.json() and len(first.json()["items"]) == 12
        cold = httpx.get(url + "/api/search", params={"q": "harbour"}, headers={"Cache-Control": "no-cache"},
                         timeout=10)
        assert cold.headers["x-desk-cache"] == "miss" and cold.json() == first.json()
        html = httpx.get(url + "/search", params={"q": "harbour"}, timeout=10)
        assert html.status_code == 200 and html.headers["x-desk-cache"] in ("hit", "miss")

        with open_store(small_store) as store:  # another writer: the ingest process
            new_id = store.store_page(RawPage(body=b"new", origin="new"), _article(99, title="Harbour reopens"))[1]
        after = httpx.get(url + "/api/search", params={"q": "harbour"}, timeout=10)
        assert after.headers["x-desk-cache"] == "miss"
        assert new_id in [item["id"] for item in after.json()["items"]]


def test_malformed_queries_are_not_cached_as_results(small_store: Path) -> None:
    with running_server(small_store) as url:
        for _ in range(2):
            r = httpx.get(url + "/api/search", params={"q": "(("}, timeout=10)
            assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_query"


def _listed(store: Store, **filters: str) -> list[tuple[int, str]]:
    return [(r["id"], r["title"]) for r in store.desk_page(Filters(**filters), limit=100).items]


def test_listing_table_follows_inserts_updates_kind_changes_and_deletes(small_store: Path) -> None:
    with open_store(small_store) as store:
        before = _listed(store)
        assert len(before) == 12
        changed = store.store_page(RawPage(body=b"p3-v2", origin="p3-v2"),
                                   _article(3, title="Headline 3 rewritten", published="2027-01-01T00:00:00+00:00"))[1]
        assert _listed(store)[0] == (changed, "Headline 3 rewritten")  # new title, new place in the order
        assert len(_listed(store)) == 12
        store.conn.execute("UPDATE articles SET kind = 'not_article' WHERE id = ?", (changed,))
        assert changed not in [i for i, _ in _listed(store)]
        gone = before[-1][0]
        store.conn.execute("PRAGMA foreign_keys = OFF")  # other capabilities' rows point at articles
        store.conn.execute("DELETE FROM articles WHERE id = ?", (gone,))
        assert gone not in [i for i, _ in _listed(store)]
        # The narrow table and the wide one agree, row for row, on everything a card shows.
        narrow = store.conn.execute("SELECT id, title, site_name, excerpt FROM desk_listing ORDER BY id").fetchall()
        wide = store.conn.execute("SELECT id, title, site_name, excerpt FROM articles WHERE kind = 'article'"
                                  " ORDER BY id").fetchall()
        assert [tuple(r) for r in narrow] == [tuple(r) for r in wide]
        dated = _listed(store, since="2026-03-05", until="2026-03-08")
        assert dated and all(t.startswith("Headline") for _, t in dated) and len(dated) == 4


HOSTILE = '</h3><script>alert("x")</script><img src=x onerror=alert(1)>'


def test_cards_escape_every_field_a_page_sent() -> None:
    row = {"id": 7, "title": HOSTILE, "site_name": 'Evil "Site"', "authors": ['"><script>a()</script>'],
           "categories": ["<b>x</b>", "a/b c"], "language": '"en', "excerpt": HOSTILE * 20,
           "sort_key": "2026-02-11T12:00:00+00:00"}
    html = str(sections_html([("<i>Sec</i>", [row]), (None, [row])]))
    html += str(card_html(row)) + str(rail_html([{"id": 7, "title": HOSTILE, "first_seen": "2026-02-11"}],
                                                [("<u>c</u>", 3)]))
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "onerror=alert(1)&gt;" in html  # kept as text
    assert 'href="/category/a/b%20c"' in html and 'href="/source/Evil%20%22Site%22"' in html
    assert '<time class="when" datetime="2026-02-11T12:00:00+00:00"' in html
    assert html.count('<article class="card">') == 3
