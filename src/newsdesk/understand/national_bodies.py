"""Bodies every state has ("the Senate", "Parliament", "the Supreme Court", "the police"): one
entity per country, not one for every country's.

A name such as "Senate" is no one body: the store filed Pakistan's, Italy's and the US Senate as
one entity, and "Supreme Court" held Brazil's and the UK's. Such a mention is named after its
country, "Senate (Pakistan)", when the article says which country it is:
- the name writes it: "U.S. Senate", "Pakistan's Senate", "Brazilian Supreme Court", "Supreme
  Court of Pakistan", "Sénat français";
- a place or nationality right before it ("Pakistan's Senate" read as two names, "the Italian
  Parliament") or after it ("the Senate of Pakistan", "la police italienne");
- an earlier mention of the same body in the article was named after its country (the nearest);
- else the article's leading country, when clear: the only country it names (places,
  nationalities, cities), or one named at least twice and at least twice as often as any other.
Else the name stays bare, as before. The country is shown by its English name (the store's
names for countries are English, countries.country_name), the body by a fixed form of its name,
so the entity's name does not depend on which article came first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from newsdesk.understand import countries
from newsdesk.understand.quote_found import doc_text

# The fixed form of each body's name, in English and French (a body named in French stays French:
# "Sénat" and "Senate" were kept apart by E23, and nothing here joins them).
_NAMES = (
    "Senate", "Parliament", "Congress", "Supreme Court", "Constitutional Court", "High Court",
    "National Assembly", "House of Representatives", "Chamber of Deputies", "Government", "Cabinet",
    "Foreign Ministry", "Ministry of Foreign Affairs", "Interior Ministry", "Ministry of Interior",
    "Ministry of the Interior", "Defence Ministry", "Defense Ministry", "Ministry of Defence",
    "Ministry of Defense", "Justice Ministry", "Ministry of Justice", "Finance Ministry",
    "Ministry of Finance", "Health Ministry", "Ministry of Health", "Education Ministry",
    "Ministry of Education", "Police", "National Police", "Army", "Navy", "Air Force", "Armed Forces",
    "Military", "Central Bank",
    "Sénat", "Parlement", "Congrès", "Cour suprême", "Conseil constitutionnel", "Assemblée nationale",
    "Gouvernement", "Ministère des Affaires étrangères", "Ministère de l'Intérieur",
    "Ministère de la Défense", "Ministère de la Justice", "Police nationale", "Armée", "Banque centrale",
)
# French words between a body and its country: "Cour suprême des États-Unis"
_OF = {"of", "de", "des", "du", "d"}
_LEADING = re.compile(r"^(?:the|le|la|les|l)\s+")
_BEFORE = re.compile(r"\s*(?:['’]s?)?\s*")  # "Pakistan's Senate", "the Italian Parliament"
_AFTER_OF = re.compile(r"\s+(?:of|de|des|du|d['’])\s*(?:the\s+|la\s+|l['’])?")  # "the Senate of Pakistan"
_AFTER_WORD = re.compile(r"\s+([^\W\d_A-Z][\w-]*)")  # "la police italienne": a lower-case word after


def _key(name: str) -> str:
    """name_key without its import (canonical imports this module), a leading French article off too."""
    from newsdesk.understand.canonical import name_key

    return _LEADING.sub("", name_key(name))


@lru_cache(maxsize=1)
def _bodies() -> dict[str, str]:
    return {_key(n): n for n in _NAMES}


def bare(name: str) -> str | None:
    """The fixed form of the body a name names with no country ("the Senate" → "Senate"), else None."""
    return _bodies().get(_key(name))


def named(body: str, code: str) -> str:
    """The body named after its country: "Senate (Pakistan)"."""
    return f"{body} ({countries.country_name(code) or code})"


@lru_cache(maxsize=4096)
def _country(words: str) -> str | None:
    """The country some words name or a nationality says: "u s", "pakistan", "brazilian", "francais"."""
    place = countries.lookup(words, "NORP")
    if place is not None and place.how in ("country", "demonym"):
        return place.code
    from newsdesk.understand.french import places as places_fr

    return places_fr.country(words) or _demonym_fr(words)  # "etats unis", "francais"


def in_name(name: str) -> tuple[str, str] | None:
    """(body, country) when the name writes both: "U.S. Senate", "Supreme Court of Pakistan",
    "Sénat français", "Brazil's Supreme Court"; else None."""
    words = _key(name).split()
    for i in range(1, min(len(words), 5)):
        body = bare(" ".join(words[i:]))
        code = _country(" ".join(words[:i])) if body else None  # "us senate", "pakistan supreme court"
        if body and code:
            return body, code
        body = bare(" ".join(words[:len(words) - i]))
        rest = words[len(words) - i:]
        if body and rest[0] in _OF and len(rest) > 1:
            rest = rest[1:]
        code = _country(" ".join(rest)) if body else None  # "supreme court of pakistan", "senat francais"
        if body and code:
            return body, code
    return None


def _span(m: Any) -> tuple[Any, int, int] | None:
    span = getattr(m, "span", None)
    return None if span is None else (span.doc, span.start_char, span.end_char)


def _places(mentions: list[Any]) -> list[tuple[Any, tuple[Any, int, int]]]:
    """The places and nationalities with a country, with their spans (read once per article)."""
    spans = [(o, _span(o)) for o in mentions if o.country and o.type in ("GPE", "NORP")]
    return [(o, there) for o, there in spans if there is not None]


def _beside(m: Any, places: list[tuple[Any, tuple[Any, int, int]]]) -> str | None:
    """The country of a place or nationality (`_places`) written right before or after the mention."""
    here = _span(m)
    if here is None:
        return None
    doc, start, end = here
    text = doc_text(doc)  # Doc.text re-joins every token on each access: kept once per Doc
    for o, there in places:
        if o is m or there[0] is not doc:
            continue
        if there[2] <= start and _BEFORE.fullmatch(text[there[2]:start]):
            return str(o.country)
        after = _AFTER_OF.match(text, end)
        if after and there[1] == after.end():
            return str(o.country)
    word = _AFTER_WORD.match(text, end)
    return _demonym_fr(word.group(1)) if word else None


def _demonym_fr(word: str) -> str | None:
    """The country a French nationality says ("le Sénat américain", "la police italienne")."""
    from newsdesk.understand.french import places as places_fr

    return places_fr.demonym(word)


def leading_country(mentions: Iterable[Any]) -> str | None:
    """The country the article is about, when clear: the only one it names, or one named at least
    twice and at least twice as often as any other."""
    counts = Counter(m.country for m in mentions if m.country and m.type in ("GPE", "NORP", "LOC"))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and (ranked[0][1] < 2 or ranked[0][1] < 2 * ranked[1][1])):
        return None
    return str(ranked[0][0])


def name_bodies(mentions: list[Any]) -> None:
    """Name each organisation mention that is a body every state has after its country (in place),
    as the module's docstring says; a body with no country in evidence keeps its name."""
    leading = leading_country(mentions)
    last: dict[str, str] = {}  # body → the country its nearest earlier mention was named after
    places: list[tuple[Any, tuple[Any, int, int]]] | None = None
    for m in sorted((m for m in mentions if m.type == "ORG"), key=lambda m: m.start):
        found = in_name(m.canonical or m.text)
        if found is None:
            body = bare(m.canonical or m.text)
            if body and places is None:
                places = _places(mentions)
            code = (_beside(m, places or []) or last.get(body) or leading) if body else None
            found = (body, code) if body and code else None
        if found is not None:
            last[found[0]] = found[1]
            m.canonical = named(*found)
