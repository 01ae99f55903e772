"""A demonym the tagger reads as a person ("Jordanian", "Israeli", the French "Jordanien") is filed
under no person called by its country's name (E33): the skeleton rule made them spellings of one name
('jrdn', 'isrl'), so the mention, with its page and its quotes, went to the person called Jordan or
Israel. Real SQLite store, records as the annotators write them, French ones in French articles."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest
from named_articles import named_article

from newsdesk.records import RawPage
from newsdesk.store import Store, open_store

Names = Sequence[tuple[str, str] | tuple[str, str, str]]
# (a person called by a country's name, the people as the tagger gives a person, the article's language)
PAIRS = [("Jordan", "Jordanian", "en"), ("Israel", "Israeli", "en"), ("Jordan", "Jordanien", "fr"),
         ("Bahrain", "Bahraini", "en")]


def _put(store: Store, i: int, language: str, names: Names) -> int:
    """Store article `i` writing each (name, type[, canonical])."""
    article = named_article(i, [(n[0], n[1]) for n in names]).replace(language=language)
    canon = {n[0]: n[2] for n in names if len(n) == 3}
    article = article.replace(entities=tuple(dataclasses.replace(e, canonical=canon.get(e.text, e.canonical))
                                             for e in article.entities))
    _, article_id = store.store_page(RawPage(body=article.text.encode(), origin=f"s-{i}", url=article.url), article)
    store.after_store_entities(article_id, article)
    return article_id


def _filed(store: Store, text: str) -> set[tuple[str, str]]:
    """(name, type) of the entities the mentions written `text` are filed under."""
    return {(r[0], r[1]) for r in store.conn.execute(
        "SELECT DISTINCT e.name, e.type FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.text = ?", (text,))}


@pytest.mark.parametrize(("person", "people", "language"), PAIRS)
@pytest.mark.parametrize("person_first", [True, False])
def test_a_demonym_read_as_a_person_is_not_the_person_called_by_the_country(
        tmp_path: Path, person: str, people: str, language: str, person_first: bool) -> None:
    with open_store(tmp_path / "d.db") as store:
        stories = [("en", [(person, "PERSON")]), (language, [(people, "PERSON")])]
        for i, (lang, names) in enumerate(stories if person_first else stories[::-1]):
            _put(store, i, lang, names)
        assert _filed(store, person) == {(person, "PERSON")}
        assert _filed(store, people) == {(people, "PERSON")}


def test_nor_the_person_of_that_surname_its_article_names(tmp_path: Path) -> None:
    """In an article naming Michael Jordan, a person-tagged "Jordanian" is no misspelt "Jordan"."""
    with open_store(tmp_path / "d.db") as store:
        _put(store, 0, "en", [("Michael Jordan", "PERSON"), ("Jordanian", "PERSON")])
        assert _filed(store, "Jordanian") == {("Jordanian", "PERSON")}
        assert _filed(store, "Michael Jordan") == {("Michael Jordan", "PERSON")}


def test_the_join_an_older_rule_made_goes_when_the_article_is_stored_again(tmp_path: Path) -> None:
    """A store built before E33 kept "Israeli" as an alias of the person Israel, and an alias resolves
    exactly: storing the article again (a reprocess) files it apart and the alias goes."""
    with open_store(tmp_path / "d.db") as store:
        _put(store, 0, "en", [("Israel", "PERSON")])
        israel = store.conn.execute("SELECT id FROM entities WHERE name = 'Israel'").fetchone()[0]
        with store.conn:
            store._add_alias(israel, "Israeli")  # what the old rule's join left in the store
        _put(store, 1, "en", [("Israeli", "PERSON")])
        assert _filed(store, "Israeli") == {("Israeli", "PERSON")}
        store.drop_stale_aliases()
        assert {r[0] for r in store.conn.execute("SELECT alias FROM entity_aliases WHERE entity_id = ?",
                                                 (israel,))} == {"Israel"}


def test_a_nationality_stays_filed_under_its_country(tmp_path: Path) -> None:
    """The people of a country are its nationality entity by design, named by the country ("Pakistani"
    as the NORP Pakistan), and a French country's name English reads as a demonym is that country."""
    with open_store(tmp_path / "d.db") as store:
        _put(store, 0, "en", [("Pakistani", "NORP", "Pakistan"), ("Argentina", "GPE")])
        _put(store, 1, "fr", [("Argentine", "GPE", "Argentina")])
        _put(store, 2, "en", [("Pakistan", "NORP")])
        assert _filed(store, "Pakistani") == _filed(store, "Pakistan") == {("Pakistan", "NORP")}
        assert _filed(store, "Argentine") == {("Argentina", "GPE")}
        pakistan = store.conn.execute("SELECT id FROM entities WHERE name = 'Pakistan'").fetchone()[0]
        assert store._resolve("NORP", "Pakistani") == pakistan  # its demonym alias still finds it
