"""Places, an event and offices the corpus store filed as PERSON (E25), each by evidence in its own
sentence: a shire is a county ("Hampshire", "Bedfordshire"); a name the gazetteer knows as a place, listed
among places and no person, is a place ("Surrey and Sussex; ..."); a name with an indefinite article and a
hyphenated modifier is no person's ("a no-deal Brexit"), nor is the class a copula gives someone ("is a
self-described Libertarian Socialist"); a modifying title before a common noun is an office ("Chief
Guest"), and a title glued before a word, then its holder named in full, is the office of that place
("Chief Minister Sindh, Murad Ali Shah"). The texts are made up after the corpus store's pages; the
tagger's readings are the real model's. People beside each stay."""

from __future__ import annotations

from entity_helpers import annotate


def _types(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in annotate(text).entities:
        out.setdefault(e.text, set()).add(e.type)
    return out


def test_counties_listed_among_places_are_places() -> None:
    types = _types("Forces now share teams: Norfolk and Suffolk; Surrey and Sussex; Hertfordshire, Cambridgeshire "
                   "and Bedfordshire; Durham and Cleveland. Anna Webb said the partnerships had saved money.")
    assert types.get("Surrey") == {"GPE"}, types
    assert types.get("Bedfordshire") == {"GPE"}, types
    assert types.get("Anna Webb") == {"PERSON"}, types


def test_a_shire_is_a_county() -> None:
    types = _types("The hub links councils working in and round Hampshire and the Isle of Wight, said Tom Reeve.")
    assert types.get("Hampshire") == {"GPE"}, types
    assert types.get("Tom Reeve") == {"PERSON"}, types


def test_a_no_deal_brexit_is_no_person() -> None:
    types = _types("Ministers fear that a no-deal Brexit could be forced through Parliament, Laura Kemp wrote.")
    assert "PERSON" not in types.get("Brexit", set()), types
    assert types.get("Laura Kemp") == {"PERSON"}, types


def test_a_class_after_a_copula_is_no_person() -> None:
    types = _types("He opposed the war early, and is a self-described Libertarian Socialist. Noam Fisher said so.")
    assert "PERSON" not in types.get("Libertarian Socialist", set()), types
    assert types.get("Noam Fisher") == {"PERSON"}, types


def test_offices_are_no_people() -> None:
    types = _types("In Lahore, the minister attended as Chief Guest, and Chief Minister Sindh, Murad Ali Shah "
                   "in Karachi.")
    assert "Guest" not in types, types
    assert types.get("Sindh") == {"GPE"}, types
    assert types.get("Murad Ali Shah") == {"PERSON"}, types


def test_people_stay_people() -> None:
    # guards: a title before a surname that is an English noun, a shire surname of a person named in
    # full, and a title before a person followed by a list of people
    types = _types("Leonard Cheshire founded the homes. Cheshire said they would last. Chief Inspector Morse, "
                   "the detective, agreed. Governor Hale, Maria Lopez and Tim Bond met on Monday.")
    assert types.get("Cheshire") == {"PERSON"}, types
    assert "PERSON" in types.get("Morse", set()) | types.get("Chief Inspector Morse", set()), types
    assert types.get("Hale") == {"PERSON"}, types
