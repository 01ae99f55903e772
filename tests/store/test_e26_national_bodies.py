"""A body every state has ("the Senate", "Parliament", "the Supreme Court") is one entity per
country, not one for all: named with its country in the article, or in an article about one
country, it is that country's; bare, with no country in evidence, it stays as it was (E26).
Real SQLite store, real spaCy annotation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsdesk.store import Store
from newsdesk.understand import national_bodies

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import annotate, store_texts  # noqa: E402

PAKISTAN = "Pakistan's Senate passed the budget bill on Monday. The Senate will meet again next week."
ITALY = "Italy's Senate rejected the reform on Tuesday after a long night of debate."
US = "The U.S. Senate confirmed the nominee on Wednesday. Later the Senate adjourned."
BARE = "The Senate adjourned on Friday after a long debate about the budget."
# a bare "Parliament" in an article about one country only
ABOUT = ("Parliament voted on Thursday to extend the state of emergency in Pakistan. Pakistan's army "
         "chief welcomed the vote, and Pakistani newspapers said the streets of Lahore were calm.")


def _filed(store: Store, article_id: int, words: str) -> set[tuple[int, str]]:
    """(entity id, name) of the mentions of the article written `words`."""
    return {(r[0], r[1]) for r in store.conn.execute(
        "SELECT e.id, e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = ? AND m.text = ?", (article_id, words))}


@pytest.fixture
def stored(tmp_path: Path):  # type: ignore[no-untyped-def]
    store, ids = store_texts(tmp_path / "desk.db", [PAKISTAN, ITALY, US, BARE, ABOUT])
    try:
        yield store, ids
    finally:
        store.close()


def test_each_countrys_senate_is_its_own_entity_and_a_bare_one_stays_apart(stored) -> None:  # type: ignore[no-untyped-def]
    store, (pakistan, italy, us, bare, _) = stored
    senates = {a: _filed(store, a, "Senate") for a in (pakistan, italy, us, bare)}
    # before: Pakistan's, Italy's, the US article's second mention and the bare one were one "Senate"
    assert {n for _, n in senates[pakistan]} == {"Senate (Pakistan)"}
    assert {n for _, n in senates[italy]} == {"Senate (Italy)"}
    assert {n for _, n in senates[us] | _filed(store, us, "U.S. Senate")} == {"Senate (United States)"}
    assert {n for _, n in senates[bare]} == {"Senate"}
    assert len({i for s in senates.values() for i, _ in s}) == 4


def test_a_bare_body_in_an_article_about_one_country_is_that_countrys(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    assert {n for _, n in _filed(store, ids[4], "Parliament")} == {"Parliament (Pakistan)"}


def test_a_later_bare_senate_is_not_filed_under_a_countrys(stored) -> None:  # type: ignore[no-untyped-def]
    """The country's entity does not take the bare name as an alias: another article's "the Senate",
    of no country, is not Pakistan's, and the name finds the bare one."""
    store, ids = stored
    assert store.entity_row("Senate")["name"] == "Senate"
    assert store.entity_row("Senate (Pakistan)")["id"] in {i for i, _ in _filed(store, ids[0], "Senate")}


@pytest.mark.parametrize(("text", "named"), [
    # the only country the article names, once
    ("The Supreme Court ruled on Friday that the election was valid, and lawyers in Nairobi welcomed it.",
     "Supreme Court (Kenya)"),
    # two countries named alike: no country is clear, and the name stays bare
    ("The Supreme Court ruled on Friday. Lawyers in Kenya and in Uganda welcomed it.", "Supreme Court"),
])
def test_the_articles_country_when_it_is_clear(text: str, named: str) -> None:
    assert {e.canonical for e in annotate(text).entities if e.text == "Supreme Court"} == {named}


@pytest.mark.parametrize(("name", "found"), [
    ("U.S. Senate", ("Senate", "USA")), ("Pakistan's Senate", ("Senate", "PAK")),
    ("Brazilian Supreme Court", ("Supreme Court", "BRA")), ("Supreme Court of Pakistan", ("Supreme Court", "PAK")),
    ("Sénat français", ("Sénat", "FRA")), ("le Congrès américain", ("Congrès", "USA")),
    ("Indian National Congress", None), ("European Parliament", None), ("Senate Democrats", None),
])
def test_a_name_that_writes_its_country(name: str, found: tuple[str, str] | None) -> None:
    assert national_bodies.in_name(name) == found


def test_two_countries_bodies_spelt_alike_stay_two() -> None:
    """The spelling rule reads "Niger" and "Nigeria" alike; a body named after each is two bodies,
    and one country's body named in two languages is one."""
    from newsdesk.understand.canonical import same_name

    assert not same_name("Senate (Niger)", "Senate (Nigeria)")
    assert same_name("Sénat (United States)", "Senate (United States)")
