"""Names glued to a neighbour: a common word before ("Free Aung San Suu Kyi", "Citing Togo") or
a place after ("Obama Cairo" of "the Obama Cairo speech"). The mention is cut to the name (and the
place made a mention of its own).
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import countries, name_kinds
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_people import person_names


def lead_words_off(found: list[Mention]) -> list[Mention]:
    """A "person" opening with a common word glued to a name the article gives alone is that name:
    "Free Aung San Suu Kyi" (a slogan) beside "Aung San Suu Kyi" is the person, "Citing Togo" (a
    sentence's first words) the country. Given names are common words too, so the rest must be a
    person's name of two words or more, or a country after a word English uses as no noun:
    "Will Smith" beside "Smith", or "Mark Jordan", keeps its given name."""
    types: dict[str, list[str]] = {}
    for m in found:
        types.setdefault(m.text, []).append(m.type)
    out = []
    for m in found:
        rest = m.span[1:]
        kind = _rest_type(rest, types.get(rest.text, [])) if m.type == "PERSON" and len(rest) else None
        if kind is None or not name_kinds.common_lead(m.span, noun=kind == "PERSON"):
            out.append(m)
            continue
        person = kind == "PERSON"
        out.append(Mention(rest.text, kind, rest.start_char, rest.end_char, rest,
                           role=m.role if person else None, country=m.country if person else None))
    return out


def places_glued_off(found: list[Mention]) -> list[Mention]:
    """A "person" made of a person's name and a place after it is the two: "Obama Cairo" (of "the
    Obama Cairo speech") beside Barack Obama is Obama and Cairo. The name before the place must be
    a full name the article gives a person or its surname (a one-word "person" is as often a
    misreading: "Dalit" beside the website "Dalit India"), and no given name
    (`name_kinds.place_glued`: "Jack London" stays)."""
    names = person_names(found)
    out = []
    for m in found:
        rest, place = m.span[:-1], m.span[-1:]
        if m.type != "PERSON" or not name_kinds.place_glued(m.span) or rest.text not in names - {m.text}:
            out.append(m)
            continue
        out.append(Mention(rest.text, "PERSON", rest.start_char, rest.end_char, rest, role=m.role, country=m.country))
        out.append(Mention(place.text, "GPE", place.start_char, place.end_char, place))
    return out


def _rest_type(rest: Any, types: list[str]) -> str | None:
    """The type of the name left after a leading common word: of two words or more, a person's when
    the article gives a person that name, else the type it gives it most; of one word, a country's
    when the gazetteer has one of that name (the model reads "Togo" a person as often); else None."""
    if len(rest) > 1:
        return "PERSON" if "PERSON" in types else max(types, key=types.count) if types else None
    place = countries.lookup(rest.text, "GPE")
    return "GPE" if place is not None and place.how == "country" else None
