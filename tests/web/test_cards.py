"""Listing cards stored ahead of time (web/cards.py, migrations/012): the same HTML as cards rendered
per request, dropped on any write to their article, ignored when another version of the code wrote them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.web.cards import CARD_VERSION, fill_cards
from newsdesk.web.fragments import card_html, sections_html
from newsdesk.web.listing import group_by_category


def _article(i: int, **changes: object) -> Article:
    fields: dict[str, object] = dict(
        url=f"https://news.example/{i}", title=f"Headline {i}", site_name=f"Site {i % 3}", language="en",
        authors=(f"Writer {i % 5}", "Ann & Bo"), categories=(f"Cat {i % 4}", "A/B"),
        published=f"2026-02-{1 + i // 10:02d}T10:{i % 60:02d}:00+00:00", text=f"Body {i}.", excerpt=f"Excerpt {i} <b>")
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def _put(store: Store, i: int, **changes: object) -> int:
    return store.store_page(RawPage(body=f"page {i} {changes}".encode(), origin=f"p{i}"), _article(i, **changes))[1]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "desk.db")
    for i in range(40):
        _put(s, i)
    _put(s, 40, title='<!--relative--> "</h3><script>alert(1)</script>', published=None)
    return s


def _page_html(store: Store) -> tuple[str, list[str | None]]:
    page = store.desk_page(limit=50, cards=CARD_VERSION)
    return str(sections_html(group_by_category(page.items))), [a["card"] for a in page.items]


def test_stored_cards_render_the_page_as_cards_rendered_per_request(store: Store) -> None:
    before, cards = _page_html(store)
    assert cards and all(c is None for c in cards)
    assert fill_cards(store.conn) == 41
    after, cards = _page_html(store)
    assert all(cards) and after == before
    assert fill_cards(store.conn) == 0  # nothing left to do


def test_a_card_cannot_be_forged_by_article_text(store: Store) -> None:
    fill_cards(store.conn)
    page = store.desk_page(limit=50, cards=CARD_VERSION)
    hostile = next(a for a in page.items if "script" in (a["title"] or ""))
    html, _ = _page_html(store)
    assert "<script>" not in html and "&lt;!--relative--&gt;" in html
    assert str(card_html(hostile)) in html


def test_a_write_drops_the_card_until_it_is_stored_again(store: Store) -> None:
    fill_cards(store.conn)
    article_id = _put(store, 7, title="Headline 7, corrected")
    page = store.desk_page(limit=50, cards=CARD_VERSION)
    row = next(a for a in page.items if a["id"] == article_id)
    assert row["card"] is None
    assert "Headline 7, corrected" in str(sections_html([(None, [row])]))
    assert fill_cards(store.conn, [article_id, 999_999]) == 1
    row = next(a for a in store.desk_page(limit=50, cards=CARD_VERSION).items if a["id"] == article_id)
    assert row["card"] and "Headline 7, corrected" in row["card"]


def test_cards_from_other_code_are_ignored_and_replaced(store: Store) -> None:
    fill_cards(store.conn)
    store.conn.execute("UPDATE desk_cards SET version = ?, html = 'stale' WHERE id IN (SELECT id FROM desk_cards LIMIT 5)",
                       (CARD_VERSION + 1,))
    html, cards = _page_html(store)
    assert "stale" not in html and sum(c is None for c in cards) == 5
    assert fill_cards(store.conn) == 5
    assert all(_page_html(store)[1])


def test_filtered_and_api_pages_do_not_read_cards(store: Store) -> None:
    fill_cards(store.conn)
    assert "card" not in store.desk_page().items[0]
    from newsdesk.store.desk import Filters
    assert "card" not in store.desk_page(Filters(site="Site 1"), cards=CARD_VERSION).items[0]


def test_writes_to_columns_a_card_does_not_show_keep_it(store: Store) -> None:
    fill_cards(store.conn)
    first = store.desk_page(limit=1, cards=CARD_VERSION).items[0]["id"]
    store.conn.execute("UPDATE articles SET last_seen = '2030-01-01T00:00:00+00:00', image = 'https://x.example/i.png'"
                       " WHERE id = ?", (first,))
    assert store.desk_page(limit=1, cards=CARD_VERSION).items[0]["card"]
    store.conn.execute("UPDATE articles SET excerpt = 'Changed' WHERE id = ?", (first,))
    assert store.desk_page(limit=1, cards=CARD_VERSION).items[0]["card"] is None
