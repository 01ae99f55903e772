"""Article search through FTS5 finds what the search index finds (S18): FTS5's porter joins words the
index's stemmer keeps apart ('news' and 'new', 'organization' and 'organ', 'general' and 'generous'),
and the page's articles are checked by the index's stemmer, as quote search checks its quotes (S16);
in every FTS5 path: ranked, filtered or sorted by date, and for articles the index has not caught
up with yet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from search_helpers import store_article

from newsdesk.store import Store, open_store
from newsdesk.store import search_index as si
from newsdesk.store.desk import Filters
from newsdesk.store.search_index import has_stems

ARTICLES = {
    "news": ("Bad day", "The news was bad for everyone in town."),
    "new": ("Rules", "The new rules start today in every school."),
    "organization": ("Charity", "The organization helps families in need."),
    "organ": ("Concert", "The organ played all evening in the church."),
    "general": ("Strike", "A general strike closed the port."),
    "generous": ("Gift", "A generous donor paid for the roof."),
    "accented": ("Marchés", "L’économie mondiale ralentit cette année."),
}


def _store_article(store: Store, i: int, title: str, text: str) -> int:
    return store_article(store, i, title, text, "2026-05", site_name="Example")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    si.forget_readers()
    s = open_store(tmp_path / "desk.db")
    s.ids = {key: _store_article(s, i, *v) for i, (key, v) in enumerate(ARTICLES.items())}  # type: ignore[attr-defined]
    yield s
    s.close()
    si.forget_readers()


def _found(store: Store, query: str, **kw: object) -> set[str]:
    names = {v: k for k, v in store.ids.items()}  # type: ignore[attr-defined]
    return {names.get(r["id"], str(r["id"])) for r in store.desk_search(query, limit=50, **kw)}  # type: ignore[arg-type]


def test_fts5_keeps_apart_what_porter_joins(store: Store) -> None:
    assert si.reader_for(si.db_path_of(store.conn)) is None  # no index: FTS5 answers
    assert _found(store, "news") == {"news"}
    assert _found(store, "new") == {"new"}
    assert _found(store, "organization") == {"organization"}
    assert _found(store, "general") == {"general"}
    assert _found(store, "economy") == {"accented"}  # accents folded as the engines fold them
    assert _found(store, "news OR organ") == {"news", "organ"}
    assert _found(store, "title:rules") == {"new"} and _found(store, "title:news") == set()
    assert _found(store, "new* NOT rules") == {"news"}  # a prefix is a prefix
    # filtered, or by date: the other FTS5 path
    assert _found(store, "news", sort="date") == {"news"}
    assert _found(store, "generous", filters=Filters(site="Example")) == {"generous"}


def test_the_articles_the_index_has_not_caught_up_with(store: Store) -> None:
    si.sync_search_index(store)
    si.forget_readers()
    assert _found(store, "news") == {"news"}  # the index
    later = _store_article(store, 20, "Schools", "More new teachers start in the new year.")
    assert si.pending_ids(store.conn, si.reader_for(si.db_path_of(store.conn)).watermark, 10) == [later]  # type: ignore[union-attr]
    assert _found(store, "news") == {"news"}  # the pending article, searched by FTS5, holds 'new' only
    assert str(later) in _found(store, "teachers")


def test_accents_fold_past_other_characters() -> None:
    """The accent fold keeps words apart where a non-ASCII character stood: 'l’économie' has the
    word 'economie' (the curly apostrophe, dropped, made it 'leconomie'), and letters NFKD keeps
    whole fold as the index folds them."""
    assert has_stems("l’économie mondiale", "economi")
    assert has_stems("die Straße", "strass")
    assert not has_stems("l’économie mondiale", "leconomi")
