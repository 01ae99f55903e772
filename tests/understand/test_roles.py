"""Roles and countries of people and places, read off the parse."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

from newsdesk.understand.countries import lookup


def _person(text: str, name: str) -> dict:
    ents = [e for e in annotate(text).to_dict()["entities"] if e["type"] == "PERSON" and name in e["text"]]
    assert ents, f"no PERSON {name!r} in {text!r}"
    return ents[0]


def test_apposition_after_the_name() -> None:
    e = _person("Maria Lopez, a senior adviser to the Mexican president, arrived in Madrid on Monday.", "Maria Lopez")
    assert e["role"] == "senior adviser to the Mexican president"


def test_name_in_apposition_to_a_title() -> None:
    e = _person("Germany's finance minister, Klaus Werner, rejected the plan on Tuesday.", "Klaus Werner")
    assert "finance minister" in (e["role"] or "")
    assert e["country"] == "DEU"


def test_pre_modifier_title_and_nationality() -> None:
    e = _person("The French Foreign Minister Jean Dupont met reporters in Paris.", "Jean Dupont")
    assert "Foreign Minister" in (e["role"] or "")
    assert e["country"] == "FRA"


def test_no_role_when_the_text_gives_none() -> None:
    e = _person("Yesterday Peter Mills walked his dog in the park.", "Peter Mills")
    assert e["role"] is None


@pytest.mark.parametrize(("name", "kind", "code", "how"), [
    ("U.S.", "GPE", "USA", "country"), ("United States", "GPE", "USA", "country"), ("Britain", "GPE", "GBR", "country"),
    ("Iranian", "NORP", "IRN", "demonym"), ("Nigerian", "NORP", "NGA", "demonym"), ("Germans", "NORP", "DEU", "demonym"),
    ("Tehran", "GPE", "IRN", "capital"), ("Washington", "GPE", "USA", "capital"), ("Iran’s", "GPE", "IRN", "country"),
])
def test_country_lookup(name: str, kind: str, code: str, how: str) -> None:
    place = lookup(name, kind)
    assert place is not None and (place.code, place.how) == (code, how)


def test_unknown_names_have_no_country() -> None:
    assert lookup("Democrats", "NORP") is None
    assert lookup("Xyzzyville", "GPE") is None


def test_constituent_parts_keep_their_own_name() -> None:
    place = lookup("England", "GPE")
    assert place is not None and (place.code, place.how) == ("GBR", "part")
    ents = {e.text: e for e in annotate("Fans in England and across the United Kingdom celebrated.").entities}
    assert ents["England"].canonical == "England" and ents["England"].country == "GBR"
