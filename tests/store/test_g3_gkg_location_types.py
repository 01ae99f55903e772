"""GKG locations with GDELT's own location types (G3). The GKG 2.1 codebook: 1 COUNTRY, 2 USSTATE,
3 USCITY, 4 WORLDCITY, 5 WORLDSTATE (an ADM1 outside the US); the ADM1 code is the FIPS country
code followed by the division's code ("USTX", "GM02"); V2Locations is
type#name#country#ADM1#ADM2#lat#lon#featureID#offset. Every place was type 4 but countries, with no
ADM1, and V2Locations had no ADM2 field (its latitude sat in ADM2's place). A name the gazetteer does
not know is left out: GDELT writes only the places its gazetteer matched. Real SQLite store, real
spaCy annotation, real GeoNames tables."""

from __future__ import annotations

import sys
from pathlib import Path

from newsdesk.store.gdelt_export import gkg_location
from newsdesk.understand.gkg import locations
from newsdesk.understand.places import gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402
from gkg_helpers import gkg_rows  # noqa: E402

TEXT = ("Flood warnings went out across Texas on Monday, and Houston closed its schools. In Bavaria, "
        "officials said the rain would reach Munich by night. Aid workers in Nairobi said Kenya had "
        "asked for help with its own floods.")


def _v2(tmp_path: Path, text: str) -> dict[str, list[str]]:
    """The article's V2Locations: name → its nine fields."""
    store, ids = store_texts(tmp_path / "d.db", [text])
    try:
        row = gkg_rows(store)[ids[0]]
    finally:
        store.close()
    return {p.split("#")[1]: p.split("#") for p in row["V2Locations"].split(";") if p}


def test_each_place_has_its_gdelt_location_type_and_adm1(tmp_path: Path) -> None:
    found = _v2(tmp_path, TEXT)
    g = gazetteer()
    # (type, FIPS country, ADM1): the country code from the gazetteer, not written out here
    us, de, ke = g.fips["USA"], g.fips["DEU"], g.fips["KEN"]
    got = {name: tuple(found[name][:4]) for name in ("Texas", "Houston", "Bavaria", "Munich", "Nairobi", "Kenya")}
    assert got["Texas"] == ("2", "Texas", us, us + "TX")  # before: 4, no ADM1
    assert got["Houston"] == ("3", "Houston", us, us + "TX")
    assert got["Bavaria"][:3] == ("5", "Bavaria", de) and got["Bavaria"][3] == got["Munich"][3] != ""
    assert got["Munich"][0] == "4" and got["Nairobi"][:3] == ("4", "Nairobi", ke)
    assert got["Kenya"] == ("1", "Kenya", ke, "")


def test_v2_locations_have_nine_fields_with_the_point_after_adm2(tmp_path: Path) -> None:
    found = _v2(tmp_path, TEXT)
    assert all(len(p) == 9 for p in found.values())  # before: 8, no ADM2
    houston = found["Houston"]
    assert houston[4] == "" and 29 < float(houston[5]) < 30.5 and -96 < float(houston[6]) < -95
    assert found["Kenya"][7] == found["Kenya"][2] and found["Texas"][7] == found["Texas"][3]  # textual feature ID


def test_a_name_the_gazetteer_does_not_know_is_left_out() -> None:
    stored = [{"text": "Qxzorvath", "type": "GPE", "start": 0, "country": None, "canonical": "Qxzorvath"},
              {"text": "Kenya", "type": "GPE", "start": 20, "country": "KEN", "canonical": "Kenya"}]
    assert [p["name"] for p in locations(stored)] == ["Kenya"]  # before: Qxzorvath as a type 4 with no point


def test_an_adm1_code_geonames_does_not_take_from_fips_is_left_empty() -> None:
    paris = gazetteer().lookup("Paris", "FRA")
    assert paris is not None and paris.admin1  # GeoNames gives France's 2016 region code
    loc = {"name": "Paris", "kind": paris.kind, "country": "FRA", "admin1": paris.admin1,
           "lat": paris.lat, "lon": paris.lon, "offset": 0}
    assert gkg_location(loc)[:4] == ["4", "Paris", gazetteer().fips["FRA"], ""]


def _event_geo(name: str, country: str, lat: float | None, lon: float | None) -> list[str]:
    """ActionGeo_Type .. ActionGeo_FeatureID of an event stored with this place."""
    from newsdesk.store.gdelt_export import EVENT_COLUMNS, event_row

    event = {"id": 1, "article_id": 7, "seq": 0, "day": "2026-01-05", "published": "2026-01-05T09:00:00+00:00",
             "first_seen": "2026-01-05T10:00:00+00:00", "cameo": "042", "quad_class": 1, "goldstein": 1.9,
             "source_code": "USA", "source_text": "Officials", "source_country": "USA", "target_code": "MEX",
             "target_text": "Mexico", "target_country": "MEX", "place_name": name, "place_country": country,
             "lat": lat, "lon": lon, "confidence": 0.5, "sentence": "Officials met.", "start": 0, "end": 14,
             "article_url": "https://x.example/a"}
    row = dict(zip(EVENT_COLUMNS, event_row(event, 1.0), strict=False))
    return [str(row[f"ActionGeo_{k}"]) for k in ("Type", "FullName", "CountryCode", "ADM1Code", "FeatureID")]


def test_an_events_place_has_the_same_type_and_adm1() -> None:
    g = gazetteer()
    us, de = g.fips["USA"], g.fips["DEU"]
    want = {("Texas", "USA"): ["2", "Texas", us, us + "TX", ""], ("Houston", "USA"): ["3", "Houston", us, us + "TX", ""],
            ("Nairobi", "KEN"): ["4", "Nairobi", g.fips["KEN"]]}
    for (name, country), fields in want.items():
        place = g.lookup(name, country)
        assert place is not None
        assert _event_geo(place.name, country, place.lat, place.lon)[:len(fields)] == fields  # before: 4, no ADM1
    bavaria = g.lookup("Bavaria", "DEU", frozenset({"DEU"}))
    assert bavaria is not None and _event_geo("Bavaria", "DEU", bavaria.lat, bavaria.lon)[:3] == ["5", "Bavaria", de]
    assert _event_geo("Kenya", "KEN", None, None)[0] == "1"
