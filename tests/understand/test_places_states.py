"""The offline gazetteer knows the US states: no more "Virginia, South Africa"."""

from __future__ import annotations

import pytest

from newsdesk.understand.places import gazetteer


@pytest.mark.parametrize(("name", "lat", "lon"), [
    ("Virginia", 37.7, -77.2), ("Florida", 27.6, -81.4), ("Montana", 46.5, -111.3), ("Texas", 31.0, -97.5),
])
def test_a_us_state_is_in_the_us(name: str, lat: float, lon: float) -> None:
    place = gazetteer().lookup(name)
    assert place is not None and place.country == "USA"
    assert place.lat is not None and place.lon is not None
    assert abs(place.lat - lat) < 1.5 and abs(place.lon - lon) < 1.5


def test_a_big_city_keeps_a_states_name() -> None:
    place = gazetteer().lookup("New York")
    assert place is not None and place.name == "New York City"
