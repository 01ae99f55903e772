"""Search finds word forms (migration 034 and the stemmed search index): 'treaties' finds what says
'treaty', 'sanctions' 'sanctioned', 'negotiations' 'negotiating', in quote search and in article
search through both engines (the tantivy index and FTS5); a quoted phrase is still a phrase; a
typed prefix* still finds the words it begins; the snippet marks the form the text holds. A store
made at migration 033 by this code is upgraded in place and answers the same."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from search_helpers import dated_article, engines, store_articles_and_quotes

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store import search_index as si
from newsdesk.store import sqlite as store_sqlite
from newsdesk.store.snippets import MARK_CLOSE, MARK_OPEN

ARTICLES = {
    "treaty": ("Border deal", "The two governments signed a peace treaty in Geneva on Monday."),
    "sanctioned": ("Bank fined", "The regulator sanctioned the bank for hiding its losses."),
    "negotiating": ("Talks resume", "Diplomats are negotiating a ceasefire in Doha this week."),
    "apart": ("Old quarrel", "The treaty was old. Nobody spoke of peace after the war."),
    "election": ("Vote counted", "The election was held on Sunday and counting went on all night."),
}
QUOTES = {
    "treaty": "the treaty would be signed in June",
    "sanctioned": "we sanctioned them because they lied",
    "warning": "this is a warning to every smuggler",
    "new": "the new rules start today",
}


def _article(i: int, title: str, text: str) -> Article:
    return dated_article(i, title, text, "2026-03")


def _fill(store: Store) -> dict[str, int]:
    """Store ARTICLES, and one article whose quotes are QUOTES, through the store's own writes."""
    return store_articles_and_quotes(store, ARTICLES, list(QUOTES.values()), month="2026-03",
                                     quotes_url="https://news.example/9", quotes_day=10)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    si.forget_readers()
    s = open_store(tmp_path / "desk.db")
    s.ids = _fill(s)  # type: ignore[attr-defined]
    yield s
    s.close()
    si.forget_readers()


def _found(store: Store, query: str) -> set[int]:
    return {r["id"] for r in store.desk_search(query, limit=50)}


def _quotes(store: Store, about: str) -> list[str]:
    return [q["text"] for q in store.search_quotes(about=about)]


def test_quote_search_finds_the_forms_of_a_word(store: Store) -> None:
    assert _quotes(store, "treaties") == [QUOTES["treaty"]]
    assert _quotes(store, "sanctions") == [QUOTES["sanctioned"]]
    assert _quotes(store, "war") == []  # a word is no prefix: 'war' is not 'warning'
    # FTS5's porter stems 'news' as 'new': the quote search keeps the word's own forms only
    assert _quotes(store, "news") == [] and _quotes(store, "rule") == [QUOTES["new"]]


def test_article_search_finds_the_forms_of_a_word_in_both_engines(store: Store) -> None:
    ids = store.ids  # type: ignore[attr-defined]
    for engine in engines(store):
        assert ids["sanctioned"] in _found(store, "sanctions"), engine
        assert ids["negotiating"] in _found(store, "negotiations"), engine
        assert {ids["treaty"], ids["apart"]} <= _found(store, "treaties"), engine
        assert ids["negotiating"] in _found(store, "title:talk"), engine


def test_the_snippet_marks_the_form_the_text_holds(store: Store) -> None:
    for engine in engines(store):
        [hit] = [r for r in store.desk_search("sanctions bank", limit=5)]
        assert MARK_OPEN + "sanctioned" + MARK_CLOSE in hit["snippet"], engine
        assert MARK_OPEN + "bank" + MARK_CLOSE in hit["snippet"], engine
        hit = next(r for r in store.desk_search("treaties", limit=5) if r["id"] == store.ids["treaty"])  # type: ignore[attr-defined]
        assert MARK_OPEN + "treaty" + MARK_CLOSE in hit["snippet"], engine
        [hit] = store.desk_search('"peace treaties"', limit=5)
        assert MARK_OPEN + "peace treaty" + MARK_CLOSE in hit["snippet"], engine
        [hit] = store.desk_search("title:talk", limit=5)
        assert hit["title_marked"] == MARK_OPEN + "Talks" + MARK_CLOSE + " resume", engine


def test_a_quoted_phrase_matches_its_words_together_only(store: Store) -> None:
    """'"peace treaties"' finds 'a peace treaty' (the words' forms, in that order, side by side), not
    'The treaty was old. Nobody spoke of peace' (both words, apart)."""
    ids = store.ids  # type: ignore[attr-defined]
    for engine in engines(store):
        assert _found(store, '"peace treaties"') == {ids["treaty"]}, engine
        assert _found(store, '"treaty peace"') == set(), engine
        assert ids["apart"] in _found(store, "peace treaty"), engine


def test_a_typed_prefix_still_finds_the_words_it_begins(store: Store) -> None:
    """The indexes hold stems: 'electi*' must still find 'election' (stem 'elect'), 'negotiat*'
    'negotiating' (stem 'negoti')."""
    ids = store.ids  # type: ignore[attr-defined]
    for engine in engines(store):
        for prefix in ("elect*", "electi*", "electio*", "election*"):
            assert ids["election"] in _found(store, prefix), (engine, prefix)
        assert ids["negotiating"] in _found(store, "negotiat*"), engine
        assert ids["treaty"] in _found(store, "trea*"), engine
        assert _found(store, "counting electi*") == {ids["election"]}, engine  # with another word
        assert _found(store, "title:vote OR (sunday electi* NOT ceasefire)") == {ids["election"]}, engine


def _at_033(monkeypatch: pytest.MonkeyPatch) -> None:
    """Open stores with the migrations up to 033 only, as the last release did."""
    every = store_sqlite.migration_files
    monkeypatch.setattr(store_sqlite, "migration_files", lambda: [m for m in every() if m[0] <= 33])


def test_a_store_made_at_033_is_upgraded_and_searches_word_forms(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    si.forget_readers()
    db = tmp_path / "old.db"
    with monkeypatch.context() as m:
        _at_033(m)
        old = open_store(db)
        ids = _fill(old)
        assert old.version == 33
        assert "porter" not in old.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'quotes_fts'").fetchone()[0]
        assert old.search_quotes(about="treaties") == [] and old.desk_search("negotiations") == []
        old.close()
    store = open_store(db)  # applies 034 in place
    assert store.version >= 34
    for table in ("articles_fts", "quotes_fts"):
        assert "porter" in store.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    assert _quotes(store, "treaties") == [QUOTES["treaty"]]
    assert ids["negotiating"] in _found(store, "negotiations")  # FTS5: no index yet
    assert ids["sanctioned"] in {r["id"] for r in store.search("sanctions")}  # the CLI's search
    # The rebuilt tables stay in step through the recreated triggers: a new article, an edit, a delete.
    new = store.store_page(RawPage(body=b"new", origin="new"),
                           _article(20, "Accord", "Ministers hailed the accords they negotiated."))[1]
    assert new in _found(store, "negotiations")
    store.conn.execute("UPDATE articles SET text = 'Nothing here.' WHERE id = ?", (ids["negotiating"],))
    assert ids["negotiating"] not in _found(store, "negotiations")
    store.conn.execute("DELETE FROM articles WHERE id = ?", (new,))
    assert _found(store, "negotiations") == set()
    assert _found(store, "accords") == set()
    store.conn.execute("DELETE FROM quotes WHERE text = ?", (QUOTES["treaty"],))
    assert _quotes(store, "treaties") == []
    si.sync_search_index(store)
    si.forget_readers()
    assert si.reader_for(str(db)) is not None
    assert ids["sanctioned"] in _found(store, "sanctions")  # the index answers too
    store.close()
