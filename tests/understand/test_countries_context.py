"""A place name several countries share is read in the article's context."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

from newsdesk.understand.countries import lookup


@pytest.mark.parametrize("state", ["Virginia", "Florida", "Arizona", "Montana", "Colorado"])
def test_a_us_state_outranks_a_foreign_town_of_its_name(state: str) -> None:
    # Virginia, South Africa; Florida, Cuba; Arizona, Honduras; Montana, Bulgaria; Colorado, Brazil
    place = lookup(state, "GPE")
    assert place is not None and place.code == "USA"


def test_the_articles_countries_choose_between_namesakes() -> None:
    assert lookup("Hyderabad", "GPE").code == "IND"  # type: ignore[union-attr]
    assert lookup("Hyderabad", "GPE", frozenset({"PAK"})).code == "PAK"  # type: ignore[union-attr]
    # a town of the article's country does not displace a city a hundred times its size
    assert lookup("Paris", "GPE", frozenset({"USA"})).code == "FRA"  # type: ignore[union-attr]


def test_an_article_reads_its_cities_in_its_own_countries() -> None:
    pakistan = annotate("Pakistan's army was deployed in Hyderabad, Pakistan's officials said.")
    assert {e.country for e in pakistan.entities if e.text == "Hyderabad"} == {"PAK"}
    canada = annotate("Canadian police said a fire in Richmond destroyed a warehouse.")
    assert {e.country for e in canada.entities if e.text == "Richmond"} == {"CAN"}


def test_wikinews_virginia_is_the_us_state() -> None:
    text = ("Attorney Robert Sarvis, the Libertarian Party's nominee for Governor of Virginia, answered "
            "five questions submitted via e-mail.\n\nSarvis has garnered double digits in opinion polls "
            "for the 2013 Virginia gubernatorial election.")
    codes = {e.country for e in annotate(text).entities if e.text == "Virginia"}
    assert codes == {"USA"}
