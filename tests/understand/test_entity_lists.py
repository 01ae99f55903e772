"""A one-word "place" listed among people is a person (E14): a list names things of one kind."""

from __future__ import annotations

from entity_helpers import annotate


def _types(text: str) -> dict[str, str]:
    return {e.text: e.type for e in annotate(text).entities}


def test_a_town_name_listed_among_people_is_a_person() -> None:
    types = _types("There could be countless more women just like Amy, Bethany and Dorothy, "
                   "but we need to create the right environment.")
    assert types["Bethany"] == "PERSON"


def test_a_country_or_capital_among_people_stays_a_place() -> None:
    types = _types("Obama, Putin and China met. Leaders from Paris, Smith and Jones came.")
    assert types["China"] == "GPE" and types["Paris"] == "GPE"
