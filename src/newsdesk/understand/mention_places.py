"""Place or person: a name the tagger read one way that the article reads the other.

A one-word "person" that is an office's place ("Chief Minister Sindh"), a county, a country, a
capital or a town of a country the article names is that place; a "place" given a person's title,
listed among people, or named as a person elsewhere ("Obama" beside Barack Obama) is that person.
And each place's country, read in the article's context (`place_countries`). A state's body
written after the state's name or adjective is that body, not the place (`state_bodies`).
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import countries, federal_states, name_kinds, roles
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_people import people_by_text, person_names, persons_by_mention
from newsdesk.understand.name_sex import first_names


def offices_not_people(found: list[Mention]) -> list[Mention]:
    """Without the "people" that are an office or a class: "Chief Guest" (a modifying title before a
    common noun: `name_kinds.office_word`) and "he is a self-described Libertarian Socialist" (a
    copula's class: `name_kinds.predicate_class`), when no mention names them otherwise. And "Chief
    Minister Sindh, Murad Ali Shah": a title glued before a word, then the office holder named in
    full, is the office of a place, so the word is that place."""
    names = person_names(found)
    by_text = people_by_text(found)
    drop: set[int] = set()
    for text, ms in by_text.items():
        if all(len(m.span) == 1 and name_kinds.office_word(m.role, text) for m in ms) or all(
                name_kinds.predicate_class(m.span) for m in ms):
            drop |= {id(m) for m in ms}
        elif len(ms[0].span) == 1 and text not in names and all(_office_before_holder(m.span, m.role, found)
                                                                 for m in ms):
            for m in ms:
                m.type, m.role, m.country = "GPE", None, None
    return [m for m in found if id(m) not in drop]


def _office_before_holder(span: Any, role: str | None, found: list[Mention]) -> bool:
    """Whether a one-word "person" with a title ("Chief Minister Sindh") is followed by a comma and a
    person named in full who is not in a list ("Sindh, Murad Ali Shah in Karachi"; not "President
    Obama, Hillary Clinton and Joe Biden") and whose surname is not this word: the holder of the office."""
    doc = span.doc
    if not role or not name_kinds.person_role(role) or span.text.lower() in first_names():
        return False
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = next((p for p in found if p.span.start == span.end + 1), None)
    if nxt is None or nxt.type != "PERSON" or len(nxt.span) < 2 or nxt.span[-1].text == span.text:
        return False
    after = doc[nxt.span.end] if nxt.span.end < len(doc) else None
    return after is None or after.text not in (",", "and", "or", "&")


def counties_not_people(found: list[Mention]) -> None:
    """A one-word "person" that is a shire ("Hampshire", "Bedfordshire": `name_kinds.county_name`) is
    that county, and so is one the gazetteer knows as a place listed among two places or more and no
    person ("Surrey and Sussex; Hertfordshire, Cambridgeshire and Bedfordshire"); not when a mention
    makes it a person (a full name, a person's role, a verb of saying) or it is a given name."""
    people = persons_by_mention(found, any_role=False)
    for m in found:
        if m.type == "PERSON" and len(m.span) == 1 and m.text not in people and name_kinds.county_name(m.text):
            m.type, m.role, m.country = "GPE", None, None
    by_token = {t.i: p for p in found for t in p.span}
    listed = set()
    for m in found:
        if (m.type != "PERSON" or len(m.span) != 1 or m.text in people or m.text.lower() in first_names()
                or countries.lookup(m.text, "GPE") is None):
            continue
        kinds = [by_token[t.i].type if t.i in by_token else None for t in _listed_with(m.span.root)]
        if sum(k in ("GPE", "LOC") for k in kinds) >= 2 and "PERSON" not in kinds:
            listed.add(m.text)
    for m in found:
        if m.text in listed and m.type == "PERSON":
            m.type, m.role, m.country = "GPE", None, None


def places_not_people(found: list[Mention]) -> None:
    """A one-word "person" that is a country or a capital is that place ("Peru", "Rabat"),
    unless the article gives a person that name ("Jordan" beside "Jordan Peterson"); so is one
    that is a big city of a country the article names ("Glasgow" in a British story, "São
    Paulo" in a Brazilian one; not Surrey, British Columbia, in a story about Surrey, England);
    and so is a town of such a country that a mention uses as a place ("in Yurimaguas", "towns such
    as Yurimaguas" in a story about Peru), that no mention makes a person (a role, a verb of saying,
    a full name: "Bush", a town of Egypt, is George Bush's surname) and that is no given name."""
    names = person_names(found) | {m.span[0].text for m in found if m.type == "PERSON" and len(m.span) > 1}
    named = {p.code for m in found if m.type in ("GPE", "LOC", "NORP")
             for p in [countries.lookup(m.text, m.type)] if p}
    towns = {m.text for m in found if m.type == "PERSON" and len(m.span) == 1 and name_kinds.place_use(m.span)}
    towns = {t for t in towns - persons_by_mention(found) if t.lower() not in first_names()}
    for m in found:
        if m.type != "PERSON" or (len(m.span) == 1 and m.text in names):
            continue
        place = countries.lookup(m.text, "GPE")
        big = place is not None and place.code in named and name_kinds.big_city(m.text)
        if place and place.how in ("country", "part", "capital") and len(m.span) == 1 or big or (
                m.text in towns and _town_in(m.text, found)):
            m.type, m.role, m.country = "GPE", None, None


def _town_in(text: str, found: list[Mention]) -> bool:
    """Whether the gazetteer has a town of that name in a country the article's other places name
    (not the name's own place reading: "Obama" read as Obama, Japan, names no Japan)."""
    named = {p.code for m in found if m.type in ("GPE", "LOC", "NORP") and m.text != text
             for p in [countries.lookup(m.text, m.type)] if p}
    town = countries.lookup(text, "GPE", frozenset(named))
    return town is not None and town.code in named


def titled_places_are_people(found: list[Mention], in_entity: set[int]) -> None:
    """A "place" the gazetteer lacks that the text gives a person's title or role is that person,
    in all its mentions: "President Buhari", "(indigenous protest leader) Pizango", "Togolese
    blogger Rodrigue Kopgli", "Dame Sue Ion". The role must be headed by a title or a word for
    someone who does something (`name_kinds.person_role`): places get descriptors too ("the
    Grand Mosque", "fungus", "government")."""
    people: dict[str, str | None] = {}
    for m in found:
        if m.type not in ("GPE", "LOC", "FAC") or countries.lookup(m.text, m.type):
            continue
        role = roles.describe(m.span, in_entity)[0]
        if role and name_kinds.person_role(role) and not _office_before_holder(m.span, role, found):
            people[m.text] = people.get(m.text) or role
        # a form of address only a person's name opens with ("Dame Sue Ion"); not a title a place
        # is named after too ("Queen Elizabeth Hospital")
        elif len(m.span) > 1 and m.span[0].lower_ in roles.HONORIFICS:
            people.setdefault(m.text, None)
    # and a longer unknown "place" ending in a person's name is a relative's or their full name
    # ("Pascaline Bongo" beside Albert-Bernard Bongo, "Alberto Pizango" beside leader Pizango)
    names = person_names(found) | {m.text for m in found if m.type == "PERSON" and len(m.span) == 1}
    for m in found:
        if m.type not in ("GPE", "LOC", "FAC"):
            continue
        # a separate last word: "Pro-Beijing" does not end in a name "Beijing"
        ends_in_name = len(m.span) > 1 and bool(m.span[-2].whitespace_) and m.span[-1].text in names | people.keys()
        if m.text in people or ends_in_name and not countries.lookup(m.text, m.type):
            m.type, m.role, m.country = "PERSON", people.get(m.text), None


def listed_people_not_places(found: list[Mention]) -> None:
    """A one-word "place" listed among people is a person, in all its mentions: "women just like
    Amy, Bethany and Dorothy" (Bethany, Oklahoma, is a town). A list names things of one kind; two
    people in it at least and no place, and not a country nor a capital ("Obama, Putin and China")."""
    by_token = {t.i: m for m in found for t in m.span}
    people = set()
    for m in found:
        if m.type not in ("GPE", "LOC", "FAC") or len(m.span) != 1:
            continue
        place = countries.lookup(m.text, m.type)
        if place and place.how in ("country", "part", "capital"):
            continue
        kinds = [by_token[t.i].type if t.i in by_token else None for t in _listed_with(m.span.root)]
        if kinds.count("PERSON") >= 2 and not {"GPE", "LOC", "FAC"} & set(kinds):
            people.add(m.text)
    for m in found:
        if m.text in people and m.type in ("GPE", "LOC", "FAC"):
            m.type, m.country, m.place_how = "PERSON", None, None


def _listed_with(tok: Any) -> list[Any]:
    """The other members of the coordination a token is in ("Amy" and "Dorothy" for "Bethany")."""
    members, todo = [], [name_kinds.first_listed(tok)]
    while todo:
        t = todo.pop()
        members.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return [t for t in members if t.i != tok.i]


def place_countries(found: list[Mention]) -> dict[str, str]:
    """Countries of places, a city name shared by several countries read in the article's
    context. Returns that context: each place text the article names that points at one
    country only (a country, demonym, capital, or a city or state no other country has)."""
    places = [m for m in found if m.type in ("GPE", "LOC", "NORP", "FAC")]
    for m in places:
        place = countries.lookup(m.text, m.type)
        if place:
            m.country, m.place_how = place.code, place.how
    named = {m.text: m.country for m in places
             if m.country and (m.place_how != "city" or countries.unambiguous_city(m.text))}
    for m in places:
        if m.place_how in ("city", "capital"):  # Tripoli is Libya's capital and a city of Lebanon
            place = countries.lookup(m.text, m.type, frozenset(c for t, c in named.items() if t != m.text))
            if place:
                m.country, m.place_how = place.code, place.how
    return named


def people_not_places(found: list[Mention], named: dict[str, str]) -> None:
    """A "place" that is a person the article names is that person ("Obama" after "Barack Obama").

    The small model reads a lone surname as a GPE when it is also a town somewhere (Obama,
    Japan), and the gazetteer then files the person under that town's country. When the
    article gives a PERSON that name, whole, as surname or alone, and the place reading is no more
    than a town outside the countries its other places name (or no place at all), the person wins;
    "London" beside "Jack London", or "Houston" in a US story, stay places.
    """
    names = person_names(found)
    # a one-word person overrules a foreign town only ("Obama" beside Obama, Japan, in an
    # interview naming the US and Russia), not a place the gazetteer lacks (the town of Bagua)
    single = {m.text for m in found if m.type == "PERSON" and len(m.span) == 1}
    for m in found:
        if m.type not in ("GPE", "LOC", "FAC") or m.text not in names | single:
            continue
        others = {code for text, code in named.items() if text != m.text}
        foreign_town = m.place_how == "city" and m.country not in others
        if foreign_town or (m.place_how is None and m.text in names):
            m.type, m.country, m.place_how = "PERSON", None, None


# A body's name after a state's name or adjective, which the tagger leaves out of the state's mention when
# it is in lower case ("the Ontario legislature", "the Bavarian state parliament")
_BODY_WORDS = {"legislature", "parliament", "assembly", "senate", "landtag"}
_BETWEEN = {"'s", "’s", "state"}


def state_bodies(doc: Any, found: list[Mention]) -> list[Mention]:
    """Each state mention (a name or adjective of a state, federal_states) followed by a body's name
    no other mention holds, as one organisation mention of both ("Ontario legislature"), which
    national_bodies names after the state ("Legislature (Ontario)"); the tagger had only the place
    ("Ontario") or the nationality ("Bavarian"), so the body was no entity. Other mentions as they are."""
    taken = {t.i for m in found for t in m.span}
    out = []
    for m in found:
        end = _body_end(doc, m.span.end, taken) if m.type in ("GPE", "NORP", "LOC") else None
        if end is not None and federal_states.names_a_state(m.text):
            span = doc[m.span.start:end]
            m = Mention(span.text, "ORG", span.start_char, span.end_char, span)
        out.append(m)
    return out


def _body_end(doc: Any, i: int, taken: set[int]) -> int | None:
    """The end of a body's name starting at token `i` (after "'s" or "state"), else None."""
    while i < len(doc) and doc[i].lower_ in _BETWEEN:
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ == "legislative" and doc[i + 1].lower_ in ("assembly", "council"):
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _BODY_WORDS or i in taken:
        return None
    return i + 1
