"""The desk's store queries on hand-made records: keyset paging with ties, side tables kept in
sync by triggers, search windows, snippets and query errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import QueryError
from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store.desk import Filters
from newsdesk.store.snippets import MARK_CLOSE, MARK_OPEN

WORDS = ("budget", "harbour", "election", "vaccine", "drought", "railway", "festival")


def _article(i: int, **changes: object) -> Article:
    body = f"Story {i} about the {WORDS[i % len(WORDS)]} and the council. " * 5
    fields: dict[str, object] = dict(
        url=f"https://news.example/{i}", title=f"Headline {i} {WORDS[i % len(WORDS)]}",
        site_name=f"Site {i % 3}", language="en" if i % 4 else "fr", authors=(f"Writer {i % 5}",),
        categories=(f"Cat {i % 4}",), published=f"2026-02-{1 + i // 10:02d}T10:00:00+00:00",  # ten per day: ties
        text=body, paragraphs=(body,), excerpt=body[:80])
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "desk.db")
    for i in range(95):
        s.store_page(RawPage(body=f"page {i}".encode(), origin=f"p{i}"), _article(i))
    s.store_page(RawPage(body=b"listing", origin="listing"),
                 Article(kind="not_article", reason="category listing", url="https://news.example/list",
                         title="budget budget budget", text="budget " * 50))
    return s


def _walk(store: Store, filters: Filters | None = None, limit: int = 7) -> list[int]:
    filters = filters or Filters()
    seen: list[int] = []
    cursor = None
    while True:
        page = store.desk_page(filters, cursor=cursor, limit=limit)
        seen += [r["id"] for r in page.items]
        if not page.older:
            return seen
        cursor = page.older


def test_keyset_pages_cover_every_article_once_in_order_despite_ties(store: Store) -> None:
    seen = _walk(store)
    assert len(seen) == len(set(seen)) == 95
    rows = {r["id"]: r for r in store.desk_page(limit=100).items}
    keys = [(rows[i]["sort_key"], i) for i in seen]
    assert keys == sorted(keys, reverse=True)


def test_newer_cursor_returns_the_previous_page(store: Store) -> None:
    first = store.desk_page(limit=10)
    second = store.desk_page(cursor=first.older, limit=10)
    back = store.desk_page(cursor=second.newer, newer=True, limit=10)
    assert [r["id"] for r in back.items] == [r["id"] for r in first.items]
    assert back.newer is None


@pytest.mark.parametrize("filters", [Filters(category="Cat 1"), Filters(author="Writer 2"), Filters(site="Site 0"),
                                     Filters(language="fr"), Filters(category="Cat 2", author="Writer 3"),
                                     Filters(since="2026-02-03", until="2026-02-05")])
def test_filtered_walks_match_a_plain_filter(store: Store, filters: Filters) -> None:
    seen = _walk(store, filters, limit=4)
    everything = [store.get_article(i) for i in _walk(store)]
    def keep(a: Article) -> bool:
        day = (a.published or "")[:10]
        return ((not filters.category or filters.category in a.categories)
                and (not filters.author or filters.author in a.authors)
                and (not filters.site or a.site_name == filters.site)
                and (not filters.language or a.language == filters.language)
                and (not filters.since or day >= filters.since) and (not filters.until or day <= filters.until))
    expected = [int(a.id or 0) for a in everything if keep(a)]
    assert expected and seen == expected


def test_category_and_author_tables_follow_updates(store: Store) -> None:
    article_id = store.store_page(RawPage(body=b"v2", origin="p5-v2"),
                                  _article(5, categories=("Moved",), authors=("New Writer",)))[1]
    assert [r["id"] for r in store.desk_page(Filters(category="Moved")).items] == [article_id]
    assert article_id not in [r["id"] for r in store.desk_page(Filters(category="Cat 1"), limit=100).items]
    assert [r["id"] for r in store.desk_page(Filters(author="New Writer")).items] == [article_id]
    assert ("Moved", 1) in store.category_counts()


def test_search_ranks_marks_filters_and_skips_non_articles(store: Store) -> None:
    hits = store.desk_search("budget")
    assert hits and all("budget" in r["title"] for r in hits)
    assert all(f"{MARK_OPEN}budget{MARK_CLOSE}" in r["snippet"] for r in hits)
    assert "not_article" not in {store.get_article(r["id"]).kind for r in hits}
    fr = store.desk_search("council", Filters(language="fr"), limit=100)
    assert fr and {r["language"] for r in fr} == {"fr"}
    by_date = store.desk_search("council", sort="date", limit=100)
    assert [r["sort_key"] for r in by_date] == sorted((r["sort_key"] for r in by_date), reverse=True)
    assert store.desk_search("elect*") and store.desk_search('"the council"')
    page1 = store.desk_search("council", limit=10)
    page2 = store.desk_search("council", limit=10, offset=10)
    assert not {r["id"] for r in page1} & {r["id"] for r in page2}


@pytest.mark.parametrize("query", ["", "   ", "((", "***"])
def test_unreadable_searches_raise_query_error_with_a_hint(store: Store, query: str) -> None:
    with pytest.raises(QueryError):
        store.desk_search(query)


def test_searches_fts5_rejects_are_reread_as_words(store: Store) -> None:
    assert store.desk_search('budget "unterminated') is not None
    assert store.desk_search("U.S.-budget") is not None


def test_bad_cursor_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError):
        store.desk_page(cursor="not-a-cursor")


def test_day_counts_and_neighbours(store: Store) -> None:
    days = store.day_counts(5)
    assert len(days) == 5 and days == sorted(days) and all(n == 10 for _, n in days[:-1])
    page = store.desk_page(limit=3).items
    newer, older = store.neighbours(page[1]["sort_key"], page[1]["id"])
    assert newer and older and newer["id"] == page[0]["id"] and older["id"] == page[2]["id"]
