"""A speaker written as a nationality ("The Jordanian", "the Israeli") is no person called by the
country's name (E32, found by U3): by the skeleton spelling rule "Jordanian" is a spelling of "Jordan"
('jrdn' both), so the quote was linked to the person called Jordan when stored. A demonym speaker is
linked to no person; a person's bare name ("Jordan said" of Michael Jordan) still links. Real SQLite
store; hand-made annotations (the store's link is under test, not the annotator)."""

from __future__ import annotations

from pathlib import Path

import pytest
from speaker_link_helpers import article, name, speaker, store_article

from newsdesk.records import Article, Quote
from newsdesk.store import open_store

# (the country, as a person's name; its demonym as written)
PAIRS = [("Jordan", "Jordanian"), ("Israel", "Israeli"), ("Georgia", "Georgian"), ("Chad", "Chadian")]


def _said(who: str, mentions: tuple[tuple[str, str, str], ...]) -> Article:
    """“The forest is ours,” `who` said: one quote of `who` and the mentions (written, type, canonical)."""
    text = f"\u201cThe forest is ours,\u201d {who} said on a visit to Peru."
    at = text.index(who)
    quote = Quote(text="The forest is ours", kind="direct", start=0, end=at + len(who), speaker=who, cue="said",
                  speaker_start=at, speaker_end=at + len(who))
    return article(text, tuple(name(text, w, t, c) for w, t, c in mentions), (quote,))


def _person(who: str) -> Article:
    return _said(who, ((who, "PERSON", who),))


def _people(who: str, demonym: str, country: str) -> Article:
    return _said(who, ((demonym, "NORP", country),))


@pytest.mark.parametrize(("country", "demonym"), PAIRS)
@pytest.mark.parametrize("written", ["The {}", "the {}", "a {} official"])
def test_a_demonym_speaker_is_not_the_person_called_by_the_country(
        tmp_path: Path, country: str, demonym: str, written: str) -> None:
    who = written.format(demonym)
    with open_store(tmp_path / "store.db") as store:
        store_article(store, 1, _person(country))
        theirs = store_article(store, 2, _people(who, demonym, country))
        assert speaker(store, 1) == country  # the person's own quote
        assert speaker(store, theirs) is None


@pytest.mark.parametrize(("country", "demonym"), PAIRS)
def test_the_person_stored_after_the_demonym_speaker_takes_no_link(tmp_path: Path, country: str,
                                                                   demonym: str) -> None:
    """The late link (`_link_late`) reads the store-time rule too."""
    with open_store(tmp_path / "store.db") as store:
        theirs = store_article(store, 1, _people(f"The {demonym}", demonym, country))
        store_article(store, 2, _person(country))
        assert speaker(store, 2) == country
        assert speaker(store, theirs) is None


@pytest.mark.parametrize("full", ["Michael Jordan", "Steve Israel", "Chad Smith"])
def test_a_persons_bare_name_that_is_a_countrys_still_links(tmp_path: Path, full: str) -> None:
    bare = full.split()[-1]
    with open_store(tmp_path / "store.db") as store:
        store_article(store, 1, _person(full))
        bare_id = store_article(store, 2, _said(bare, ((bare, "PERSON", bare),)))
        unmarked = store_article(store, 3, _said(bare, ()))  # the tagger left the name out
        assert speaker(store, bare_id) == full
        assert speaker(store, unmarked) == full


def test_a_demonym_in_a_named_speaker_keeps_the_name(tmp_path: Path) -> None:
    """A speaker that names a person beside the nationality is that person's (a guard)."""
    with open_store(tmp_path / "store.db") as store:
        store_article(store, 1, _person("Israel"))
        store_article(store, 2, _person("Benjamin Netanyahu"))
        who = "Israeli Prime Minister Benjamin Netanyahu"
        theirs = store_article(store, 3, _said(who, ((who, "PERSON", "Benjamin Netanyahu"),)))
        assert speaker(store, theirs) == "Benjamin Netanyahu"


@pytest.mark.parametrize("written", ["Jordanien", "Jordaniens"])
def test_a_french_demonym_speaker_is_not_the_person_called_by_the_country(tmp_path: Path, written: str) -> None:
    """The French side's demonyms ("Jordanien": 'jrdn' too) are read by its own tables."""
    with open_store(tmp_path / "store.db") as store:
        store_article(store, 1, _person("Jordan"))
        theirs = store_article(store, 2, _said(written, ()))
        assert speaker(store, theirs) is None


def test_a_body_named_after_its_country_keeps_its_demonym_speaker(tmp_path: Path) -> None:
    """Only a person is refused: "the Israeli army", filed as the Israel Defense Forces, is theirs (a guard)."""
    with open_store(tmp_path / "store.db") as store:
        store_article(store, 1, _person("Israel"))
        who = "Israeli army"
        theirs = store_article(store, 2, _said(who, ((who, "ORG", "Israel Defense Forces"),)))
        assert speaker(store, theirs) == "Israel Defense Forces"
