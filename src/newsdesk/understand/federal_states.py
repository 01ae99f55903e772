"""States, provinces and Länder of federal countries (data/federal_states.json): which one some
words name, and which one an article is about.

Why: their bodies share their country's bodies' names ("the Virginia Senate", "the Texas House",
"Victoria's Legislative Assembly"), so national_bodies names them after the state; and a state's
name is often a city's elsewhere ("Victoria" is also Canada's and the Seychelles' city), so the
gazetteer needs them to geocode a mention by its article (places, gkg).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).parent / "data" / "federal_states.json"
# a state's name that stands for its country's government more often than for the state: read as
# the state only written "Washington State"
_METONYMS = {"washington"}


@dataclass(frozen=True)
class State:
    name: str  # English name: "Victoria", "Bavaria"
    country: str  # ISO 3166 alpha-3
    city: str | None  # one of its cities in GeoNames (None: US states, which the gazetteer has)


def _key(words: str) -> str:
    from newsdesk.understand.canonical import name_key  # canonical imports national_bodies, which imports this

    return name_key(words)


@lru_cache(maxsize=1)
def states() -> tuple[tuple[State, tuple[str, ...]], ...]:
    """Every state with the names it is written by (its English name first)."""
    rows = json.loads(_DATA.read_text(encoding="utf-8"))
    return tuple((State(name, code, city), (name, *others))
                 for code, listed in rows.items() if not code.startswith("_") for name, city, *others in listed)


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[State, ...]]:
    """Every state by the key of each of its names ("nsw", "new south wales", "bayern"); a name two
    countries' states share (Punjab) has both."""
    out: dict[str, tuple[State, ...]] = {}
    for state, names in states():
        for written in names:
            key = _key(written)
            key = key if key not in _METONYMS else f"{key} state"
            if state not in out.get(key, ()):  # "Quebec", "Québec": one key
                out[key] = (*out.get(key, ()), state)
    return out


def state_of(words: str, country: str | None = None) -> State | None:
    """The state some words name ("Virginia", "the State of Texas", "Bayern"), the one of
    `country` when two countries have one of that name; else None."""
    key = _key(words)
    for prefix in ("state of ", "province of "):
        key = key[len(prefix):] if key.startswith(prefix) else key
    return _namesake_of(table().get(key, ()), country)


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, tuple[State, ...]]:
    """Every state by the key of its adjective ("victorian", "punjabi": Pakistan's and India's)."""
    rows = json.loads(_DATA.read_text(encoding="utf-8"))["_adjectives"]
    named = {(s.country, s.name): s for s, _ in states()}
    out: dict[str, tuple[State, ...]] = {}
    for code, adjectives in rows.items():
        for adjective, name in adjectives.items():
            out[_key(adjective)] = (*out.get(_key(adjective), ()), named[code, name])
    return out


def state_or_adjective(words: str, country: str | None = None) -> State | None:
    """The state some words name (`state_of`) or its adjective names ("Victorian", "Bavarian"), the
    one of `country` when two countries have one of that name ("Punjab", "Punjabi"); else None. Only
    for the words before a body's name: "Victorian" alone is as often an era."""
    found = state_of(words, country)
    if found is not None:
        return found
    return _namesake_of(_adjectives().get(_key(words), ()), country)


def _namesake_of(states: tuple[State, ...], country: str | None) -> State | None:
    """The one state a name or adjective stands for: the only one, or where states of two countries
    share it ("Punjab", "Punjabi"), the one of `country`; else None."""
    ours = [s for s in states if s.country == country] if len(states) > 1 else states
    return ours[0] if len(ours) == 1 else None


def names_a_state(words: str) -> bool:
    """Whether some words are a state's name or adjective, of any country ("Punjab", "Bavarian")."""
    key = _key(words)
    return bool(table().get(key) or _adjectives().get(key))


def leading_state(mentions: Iterable[Any], country: str | None = None) -> State | None:
    """The state the article is about, when clear: the only one its place mentions name (of
    `country`, the article's, when it has one), or one named at least twice and at least twice as
    often as any other."""
    states = (state_of(m.text, country) for m in mentions if m.type in ("GPE", "LOC"))
    return most_named(s for s in states if s is not None and country in (None, s.country))


def most_named(states: Iterable[State]) -> State | None:
    """The only state named, or one named at least twice and at least twice as often as any other."""
    ranked = Counter(states).most_common(2)
    if not ranked or (len(ranked) > 1 and (ranked[0][1] < 2 or ranked[0][1] < 2 * ranked[1][1])):
        return None
    return ranked[0][0]
