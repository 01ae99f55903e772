"""Stores for the search tests: dated one-paragraph articles, an article made of quotes, and the
two engines in turn (the tantivy index, then FTS5 with the index out of the way)."""

from __future__ import annotations

from collections.abc import Iterator

from quote_helpers import minister_quotes

from newsdesk.records import Article, RawPage
from newsdesk.store import Store
from newsdesk.store import search_index as si


def dated_article(i: int, title: str, text: str, month: str, **fields: object) -> Article:
    """Article `i`, published on day i + 1 of `month` ("2026-03")."""
    return Article(url=f"https://news.example/{i}", title=title, text=text, paragraphs=(text,), language="en",
                   published=f"{month}-{i + 1:02d}T09:00:00+00:00", **fields)  # type: ignore[arg-type]


def store_article(store: Store, i: int, title: str, text: str, month: str, **fields: object) -> int:
    return store.store_page(RawPage(body=text.encode(), origin=f"a{i}"), dated_article(i, title, text, month, **fields))[1]


def store_articles_and_quotes(store: Store, articles: dict[str, tuple[str, str]], quotes: list[str], *,
                              month: str, quotes_url: str, quotes_day: int = 20) -> dict[str, int]:
    """Store `articles` (key → (title, text)) and one article whose quotes are `quotes`, through the
    store's own writes; key → article id, "quotes" → the quotes' article."""
    ids = {key: store_article(store, i, title, text, month) for i, (key, (title, text)) in enumerate(articles.items())}
    article = minister_quotes(quotes, url=quotes_url, published=f"{month}-{quotes_day:02d}T09:00:00+00:00")
    ids["quotes"] = store.store_page(RawPage(body=article.text.encode(), origin="q"), article)[1]
    store.after_store_entities(ids["quotes"], article)
    return ids


def without_index(store: Store) -> None:
    """Search through FTS5 only: the index directory out of the way."""
    path = si.index_dir(si.db_path_of(store.conn))
    if path.exists():
        path.rename(path.with_name(path.name + ".hidden"))
    si.forget_readers()


def engines(store: Store) -> Iterator[str]:
    """Each engine in turn: the search index, then FTS5."""
    si.sync_search_index(store)
    si.forget_readers()
    assert si.reader_for(si.db_path_of(store.conn)) is not None
    yield "index"
    without_index(store)
    yield "fts5"
