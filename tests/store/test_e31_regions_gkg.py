"""Regions and country names in the GKG export (E31): a region larger than a country ("the Gulf",
"Southeast Asia", "Latin America") has no point and no GKG 2.1 location type (1 country, 2 US state,
3 US city, 4 world city, 5 world state), so it is left out; it was written as a type 4 city with no
coordinates. A country's own short name or its people's ("Lao", "Laotian") outranks a small town of
that name: "Lao" was Laoag, in the Philippines. Real SQLite store, real spaCy annotation, real GeoNames
tables."""

from __future__ import annotations

import sys
from pathlib import Path

from newsdesk.understand import countries
from newsdesk.understand.gkg import locations
from newsdesk.understand.places import gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402
from gkg_helpers import gkg_rows  # noqa: E402

GULF = ("Oil tankers crossed the Gulf on Monday as ministers from Saudi Arabia met in Riyadh. Officials in "
        "Southeast Asia and Latin America watched prices.")


def _locations(tmp_path: Path, text: str) -> list[list[str]]:
    store, ids = store_texts(tmp_path / "d.db", [text])
    try:
        row = gkg_rows(store)[ids[0]]
    finally:
        store.close()
    return [p.split("#") for p in row["Locations"].split(";") if p]


def test_a_region_is_left_out_of_the_gkg_locations(tmp_path: Path) -> None:
    found = {p[1]: p for p in _locations(tmp_path, GULF)}
    assert not {"Gulf", "Southeast Asia", "Latin America"} & set(found)  # before: each a type 4 "city"
    assert found["Saudi Arabia"][0] == "1" and found["Riyadh"][0] == "4"
    assert all(p[4] and p[5] for p in found.values())  # every location left has its point


def test_the_gulf_is_a_region_of_no_country() -> None:
    assert countries.region("the Gulf") and countries.region("the Arabian Gulf")
    assert countries.lookup("the Gulf", "LOC") is None
    assert not countries.region("Gulf of Mexico")  # a sea of its own, named in full


def test_lao_is_laos_not_a_philippine_town() -> None:
    lao = gazetteer().lookup("Lao")
    assert lao is not None and (lao.country, lao.kind) == ("LAO", "country")  # before: Laoag, PHL
    assert countries.nation("Laotian") == "LAO"
    stored = [{"text": "Lao", "type": "GPE", "start": 4, "country": None, "canonical": "Lao"}]
    assert [(p["country"], p["kind"]) for p in locations(stored)] == [("LAO", "country")]
