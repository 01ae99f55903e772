"""An entity's country reads a state of another federal country by the article's countries, as the GKG
export does (E29): "Victoria" in an Australian story is Australia's state, not Hong Kong's or Canada's
city; "Ontario" beside Toronto is Canada's province, not Ontario, California. And a region larger than a
country (a continent, the Middle East) takes no town's country: "Asia" is not the Philippine town.
Real spaCy annotation, real SQLite store, real GeoNames and federal_states tables."""

from __future__ import annotations

from pathlib import Path

from entity_helpers import annotate, store_texts

from newsdesk.understand import countries
from newsdesk.understand.places import gazetteer


def _countries(text: str, name: str) -> set[str | None]:
    return {e.country for e in annotate(text).entities if e.text == name}


def test_victoria_in_an_australian_story_is_australias() -> None:
    text = ("Schools in Victoria and Queensland reopened on Monday. Officials in Australia said classes "
            "in Melbourne would resume in full next week.")
    assert _countries(text, "Victoria") == {"AUS"}
    assert _countries(text, "Queensland") == {"AUS"}


def test_ontario_beside_toronto_is_canadas() -> None:
    text = "Heavy snow fell on Toronto and across Ontario on Tuesday, and schools in the province closed."
    assert _countries(text, "Ontario") == {"CAN"}


def test_a_state_is_chosen_by_the_articles_countries_only() -> None:
    # the article's countries choose the state; with none of them named, the name reads as before
    assert countries.city_country("victoria", frozenset({"AUS"})) == "AUS"
    assert countries.city_country("victoria", frozenset({"CAN"})) == "CAN"
    assert countries.city_country("victoria") not in ("AUS", None)
    assert countries.city_country("punjab", frozenset({"IND"})) == "IND"
    assert countries.city_country("punjab", frozenset({"PAK"})) == "PAK"
    # a state no city shares is its country's, and one country's only name sets the article's context
    assert countries.city_country(countries.fold("Bayern")) == "DEU"
    assert countries.unambiguous_city("Queensland") and not countries.unambiguous_city("Victoria")
    # the entity and the gazetteer (GKG, events) agree
    for name, context in (("Victoria", frozenset({"AUS"})), ("Ontario", frozenset({"CAN"})),
                          ("Punjab", frozenset({"IND"}))):
        entity = countries.lookup(name, "GPE", context)
        place = gazetteer().lookup(name, context=context)
        assert entity is not None and place is not None and place.country == entity.code, name


def test_a_continent_takes_no_towns_country() -> None:
    text = ("Stocks fell across Asia and Europe on Monday, and markets in the Middle East and West Africa "
            "followed. Traders in Tokyo sold shares.")
    for name in ("Asia", "Europe", "Middle East", "West Africa"):
        assert _countries(text, name) == {None}, name
    assert _countries(text, "Tokyo") == {"JPN"}
    for name in ("Asia", "Africa", "MENA", "Sub-Saharan Africa", "Latin America"):
        assert countries.region(name) and countries.lookup(name, "LOC") is None, name
        assert gazetteer().lookup(name) is None, name  # before: Asia, Philippines; Mahdia, Tunisia; Mena, Ethiopia
    # a country named like a region is the country
    for name, code in (("South Africa", "ZAF"), ("America", "USA"), ("Central African Republic", "CAF")):
        place = countries.lookup(name, "GPE")
        assert not countries.region(name) and place is not None and place.code == code, name


def test_the_store_gives_a_continent_no_country_and_a_state_its_own(tmp_path: Path) -> None:
    text = ("Stocks fell across Asia on Monday. In Australia, shares of miners in Queensland and Victoria "
            "dropped, officials said.")
    store, _ = store_texts(tmp_path / "d.db", [text])
    try:
        rows = dict(store.conn.execute("SELECT name, country FROM entities WHERE name IN ('Asia', 'Victoria')"))
    finally:
        store.close()
    assert rows == {"Asia": None, "Victoria": "AUS"}  # before: PHL, HKG
