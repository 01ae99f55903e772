"""Search joins irregular forms to their lemma (S18): 'said' finds 'says', 'went' 'go', 'children'
'child', 'men' 'man', and back, in quote search and in article search through both engines (each
is asked for the lemma's forms too: the texts are indexed as written, so an index built before
answers at once and a typed prefix stays what was typed); the snippet marks the form the text
holds; a form that is a word of its own ('found', 'left') stays itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from search_helpers import engines, store_articles_and_quotes

from newsdesk.store import Store, open_store
from newsdesk.store import search_index as si
from newsdesk.store.snippets import MARK_CLOSE, MARK_OPEN

ARTICLES = {
    "says": ("Talks fail", "The envoy says the talks failed in Doha."),
    "went": ("Early night", "The men went home early after the vote."),
    "child": ("Park opens", "A child played in the new park on Sunday."),
    "found": ("Key lost", "Police found the stolen key behind the station."),
    "go": ("Trip", "Ministers go to Brussels on Friday."),
}
QUOTES = {
    "says": "he says the plan is dead",
    "children": "the children stayed home all week",
    "man": "a man was hurt in the blast",
    "go": "we go there every week",
    "find": "we will find the money",
    "leave": "they leave the city today",
    "left": "the left won the vote",
    "lives": "she lives in the capital",
}


def _fill(store: Store) -> dict[str, int]:
    return store_articles_and_quotes(store, ARTICLES, list(QUOTES.values()), month="2026-04",
                                     quotes_url="https://news.example/q")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    si.forget_readers()
    s = open_store(tmp_path / "desk.db")
    s.ids = _fill(s)  # type: ignore[attr-defined]
    yield s
    s.close()
    si.forget_readers()


def _found(store: Store, query: str) -> set[int]:
    return {r["id"] for r in store.desk_search(query, limit=50) if r["id"] != store.ids["quotes"]}  # type: ignore[attr-defined]


def _quotes(store: Store, about: str) -> set[str]:
    return {q["text"] for q in store.search_quotes(about=about)}


def test_the_table_is_the_pipelines_lemma_exceptions() -> None:
    from spacy.strings import get_string_id

    from newsdesk.store import irregular_forms

    assert (get_string_id("verb"), get_string_id("noun")) == (irregular_forms.VERB, irregular_forms.NOUN)
    table = irregular_forms.lemmas()
    assert table["said"] == "say" and table["went"] == "go" and table["children"] == "child" and table["men"] == "man"
    # a verb of its own, a regular form of another verb, a news word: not joined
    assert {"found", "ground", "lives", "left", "media"}.isdisjoint(table)
    assert "stopped" not in table  # the stemmer joins it already


def test_quote_search_joins_irregular_forms(store: Store) -> None:
    assert _quotes(store, "said") == {QUOTES["says"]}
    assert _quotes(store, "say") == {QUOTES["says"]}
    assert _quotes(store, "went") == {QUOTES["go"]} and _quotes(store, "gone") == {QUOTES["go"]}
    assert _quotes(store, "child") == {QUOTES["children"]}
    assert _quotes(store, "men") == {QUOTES["man"]}
    assert _quotes(store, '"he said"') == {QUOTES["says"]}  # a phrase of forms


def test_words_of_their_own_stay_themselves(store: Store) -> None:
    assert _quotes(store, "found") == set() and _quotes(store, "find") == {QUOTES["find"]}
    assert _quotes(store, "left") == {QUOTES["left"]} and _quotes(store, "leave") == {QUOTES["leave"]}
    assert _quotes(store, "live") == {QUOTES["lives"]} and _quotes(store, "life") == set()
    ids = store.ids  # type: ignore[attr-defined]
    for engine in engines(store):
        assert _found(store, "find") == set(), engine
        assert _found(store, "found") == {ids["found"]}, engine


def test_article_search_joins_irregular_forms_in_both_engines(store: Store) -> None:
    ids = store.ids  # type: ignore[attr-defined]
    for engine in engines(store):
        assert _found(store, "said") == {ids["says"]}, engine
        assert _found(store, '"envoy said"') == {ids["says"]}, engine
        assert _found(store, '"said envoy"') == set(), engine  # still a phrase
        assert _found(store, "go") == {ids["went"], ids["go"]}, engine
        assert _found(store, "went") == {ids["went"], ids["go"]}, engine
        assert _found(store, "man home") == {ids["went"]}, engine
        assert _found(store, "children") == {ids["child"]}, engine
        assert _found(store, "chil*") == {ids["child"]}, engine
        assert _found(store, '"ministers went"') == {ids["go"]}, engine
        # a typed prefix finds the families of the words it begins (S19): 'wen*' finds 'went' and 'go'
        assert _found(store, "wen*") == {ids["went"], ids["go"]} and _found(store, "childr*") == {ids["child"]}, engine


def test_the_snippet_marks_the_irregular_form(store: Store) -> None:
    ids = store.ids  # type: ignore[attr-defined]
    for engine in engines(store):
        [hit] = [r for r in store.desk_search("go", limit=5) if r["id"] == ids["went"]]
        assert MARK_OPEN + "went" + MARK_CLOSE in hit["snippet"], engine
        [hit] = [r for r in store.desk_search("man", limit=5) if r["id"] == ids["went"]]
        assert MARK_OPEN + "men" + MARK_CLOSE in hit["snippet"], engine
        # the regular forms of the lemma too: 'said' marks 'says' (a form of 'say')
        [hit] = [r for r in store.desk_search("said", limit=5) if r["id"] == ids["says"]]
        assert MARK_OPEN + "says" + MARK_CLOSE in hit["snippet"], engine


def test_an_index_built_before_answers_without_a_rebuild(store: Store) -> None:
    """The index holds the texts' words as before (INDEX_VERSION unchanged): an index synced by the
    code before this change is used as it is and finds the irregular forms."""
    ids = store.ids  # type: ignore[attr-defined]
    db = si.db_path_of(store.conn)
    assert si.INDEX_VERSION == 5  # S19 stems each language apart, S20 adds unstemmed words (a rebuild each)
    si.sync_search_index(store)
    si.forget_readers()
    assert si.sync_search_index(store).rebuilt is False and si.reader_for(db) is not None
    assert _found(store, "said") == {ids["says"]} and _found(store, "child") == {ids["child"]}
