"""The GKG export geocodes a place by its article (E27): "Victoria" is Australia's state, Canada's
city and the Seychelles' capital, and the store's one entity holds one country (the first article's
reading); an article whose other places are Australian puts its Victoria in Australia, one whose
places are Canadian in Canada. The states of federal countries are in the gazetteer, as namesakes the
article's countries choose. Real SQLite store, real spaCy annotation, real GeoNames tables."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from newsdesk.store.gdelt_export import write_gdelt
from newsdesk.understand.places import gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402

CANADA = ("The ferry left Victoria on Monday for Vancouver. Officials in Canada said the crossing to "
          "British Columbia's mainland was calm.")
AUSTRALIA = ("Schools in Victoria and Queensland reopened on Monday. Officials in Australia said "
             "classes in Melbourne would resume in full next week.")


def _places(tmp_path: Path, texts: list[str]) -> list[dict[str, tuple[str, str]]]:
    """Each article's GKG locations: name → (FIPS country, latitude)."""
    store, ids = store_texts(tmp_path / "d.db", texts)
    try:
        out = io.StringIO()
        write_gdelt(store, "gdelt-gkg", out)
    finally:
        store.close()
    rows = {int(r["NDArticleId"]): r for r in csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t")}
    return [{p.split("#")[1]: (p.split("#")[2], p.split("#")[4]) for p in rows[i]["Locations"].split(";") if p}
            for i in ids]


def test_victoria_is_geocoded_by_its_article_not_by_the_entitys_one_country(tmp_path: Path) -> None:
    canada, australia = _places(tmp_path, [CANADA, AUSTRALIA])
    assert canada["Victoria"][0] == "CA"
    # before: Canada's city, the stored entity's country (the first article's)
    assert australia["Victoria"][0] == "AS" and float(australia["Victoria"][1]) < 0  # south of the equator
    assert australia["Queensland"][0] == "AS"  # before: no place at all


def test_in_the_other_order_too(tmp_path: Path) -> None:
    australia, canada = _places(tmp_path, [AUSTRALIA, CANADA])
    assert (australia["Victoria"][0], canada["Victoria"][0]) == ("AS", "CA")


def test_a_state_is_a_namesake_the_articles_countries_choose() -> None:
    g = gazetteer()
    victoria = g.lookup("Victoria", None, frozenset({"AUS"}))
    assert victoria is not None and victoria.country == "AUS"
    assert {"AUS", "CAN"} <= g.namesakes("Victoria")
    # with no country of the article, the name reads as before: not Australia's state
    assert g.lookup("Victoria") == g.cities["victoria"] and g.cities["victoria"].country != "AUS"
    # a city of the state's own name keeps it: Berlin the city, not the Land's mean point
    assert g.lookup("Berlin", "DEU") == g.cities["berlin"]
