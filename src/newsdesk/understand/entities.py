"""Named entities of an article: people, organisations, places, nationalities.

spaCy's NER gives the mentions; we tidy their edges (`mention_edges`: a leading "the", a trailing
possessive, a title folded into a person's name), attach a role (`roles.role_of`) and a country
(`countries.lookup`), then let the article correct the tagger's types, each concern in its module:
names in another language's paragraphs (`mention_foreign`), names glued to a neighbour
(`mention_glued`), "people" that name no one (`mention_not_names`), that are things
(`mention_things`), publications (`mention_press`) or groups (`mention_groups`), place or person
(`mention_places`); what makes a name a person's is `mention_people`. Canonical names are the next
step (`canonical.py`).

Other modules import `KEEP`, `Mention`, `find_mentions` and `foreign_paragraphs` from here.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import countries, mention_people, name_kinds, roles
from newsdesk.understand.mention import KEEP, Mention
from newsdesk.understand.mention_edges import has_capital, is_money, trim, unbalanced
from newsdesk.understand.mention_foreign import foreign_paragraphs, in_english
from newsdesk.understand.mention_glued import lead_words_off, places_glued_off
from newsdesk.understand.mention_groups import groups_not_people, named_groups_not_people
from newsdesk.understand.mention_not_names import (
    deities_off,
    determined_not_people,
    editor_notes_off,
    not_common_nouns,
    phrases_not_people,
    prefixed_not_people,
)
from newsdesk.understand.mention_people import made_people, named_like_a_person, person_names
from newsdesk.understand.mention_places import (
    counties_not_people,
    listed_people_not_places,
    offices_not_people,
    people_not_places,
    place_countries,
    places_not_people,
    state_bodies,
    titled_places_are_people,
)
from newsdesk.understand.mention_press import publications
from newsdesk.understand.mention_things import (
    acronyms_not_people,
    read_as_things,
    subtitles_not_people,
    summits_storms_sites,
    things_not_people,
    things_short_names,
    translated_not_people,
    used_as_things,
)
from newsdesk.understand.surname_mentions import bare_surnames

__all__ = ["KEEP", "Mention", "find_mentions", "foreign_paragraphs"]


# Words after a language that ends its phrase: "an instructor in English at USI", "a teacher of French and
# Latin"; a demonym before a noun is a nationality ("head of Iranian intelligence").
_AFTER_LANGUAGE = {"at", "and", "or", "for", "with", "from", "who", "since"}


def _person_country(role: str | None) -> str | None:
    """A person's country when their role names one: "Iranian Foreign Minister" → IRN. A language
    taught or studied ("a USI instructor in English") is not a nationality: events coded Kevin Allton,
    an instructor at an Indiana university, as GBR (V5)."""
    if not role:
        return None
    words = role.replace("’s", "").replace("'s", "").split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i: i + size])
            if phrase[:1].isupper():
                place = countries.lookup(phrase, "NORP")
                if place and place.how in ("country", "part", "demonym") and not (
                        place.how == "demonym" and _language(words, i, size)):
                    return place.code
    return None


def _language(words: list[str], i: int, size: int) -> bool:
    """Whether words[i:i+size], a demonym, is a language: the object of "in" or "of" ending its phrase,
    or the last of a list of two ("a translator in Arabic and French", where "French" was FRA)."""
    after = words[i + size].lower() if i + size < len(words) else None
    if after is not None and after not in _AFTER_LANGUAGE:
        return False
    before = [w.lower() for w in words[max(i - 3, 0):i]]
    return before[-1:] in (["in"], ["of"]) or (len(before) == 3 and before[0] in ("in", "of")
                                               and before[2] in ("and", "or") and words[i - 2][:1].isupper())


def find_mentions(doc: Any) -> list[Mention]:
    """Entity mentions with trimmed edges, roles and countries, in text order."""
    in_entity = {t.i for ent in doc.ents for t in ent}
    out: list[Mention] = []
    doubtful: list[Mention] = []
    things: dict[str, str] = {}  # a "person" the text describes as a thing -> the thing's type
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        span, title, cut = trim(ent)
        # A name has a capital letter: an all-lower-case "entity" is a phrase of a quoted
        # sentence in a language the English model cannot read (Arabic, Spanish, French).
        if len(span) == 0 or not has_capital(span.text) or unbalanced(span.text) or is_money(span):
            continue
        label = ent.label_
        if label == "ORG" and mention_people.ORG_FULL_NAMES and named_like_a_person(span, in_entity):
            label = "PERSON"  # "GOP presidential candidate Carly Fiorina" read as an organisation
        m = Mention(span.text, label, span.start_char, span.end_char, span)
        if label == "PERSON":
            role, kind = roles.describe(span, in_entity)
            if not role:  # a class noun in the name or the class the text puts it in
                kind = kind or name_kinds.class_in_name(span) or name_kinds.class_said(span)
            if kind:
                things[m.text] = kind
            m.role = role or (None if kind else roles.title_role(title))
            m.country = _person_country(m.role)
        (doubtful if cut else out).append(m)
    out = places_glued_off(lead_words_off(in_english(doc, out + _confirmed(doubtful, out))))
    out = not_common_nouns(doc, out)
    things_not_people(out, things)
    out = prefixed_not_people(phrases_not_people(out))
    translated_not_people(out)
    subtitles_not_people(out)
    out = editor_notes_off(deities_off(out))
    publications(out)
    summits_storms_sites(out)
    read_as_things(out)
    used_as_things(out)
    things_short_names(out)
    acronyms_not_people(out)
    named_groups_not_people(out)
    out = groups_not_people(out)
    out = offices_not_people(determined_not_people(out))
    counties_not_people(out)
    places_not_people(out)
    titled_places_are_people(out, in_entity)
    listed_people_not_places(out)
    people_not_places(out, place_countries(out))
    out = state_bodies(doc, out)
    _one_type_per_name(out)
    return sorted(out + bare_surnames(doc, out), key=lambda m: m.start)


def _confirmed(doubtful: list[Mention], found: list[Mention]) -> list[Mention]:
    """The cut names the article confirms elsewhere: "Obama" (of "Obama a eu également") beside
    "Barack Obama" is kept, "Si" (of "Si el ...") or "Pour" (of "Pour ma part") is not."""
    names = person_names(found)
    kept = [m for m in doubtful if m.text in names]
    for m in kept:  # the parse around a misread name is no source of a role
        m.role = m.country = None
    return kept


def _one_type_per_name(found: list[Mention]) -> None:
    """The mentions of one full name (two words or more) take one type in an article: a person's
    when a mention of it makes it one (a role, a verb of saying, an interview's turn), else the
    type most of them have. The small model reads a name by the words around each mention: "Aung
    San Suu Kyi" was an organisation after "support for" in 20 of her 38 mentions on the corpus
    store, beside "democracy icon Aung San Suu Kyi", and across articles the store types her as most
    mentions say. A country's or a capital's name is not made a person's (a homonym), and a name
    modifying a noun keeps the tagger's type ("the Obama White House" is the building's)."""
    by_text: dict[str, list[Mention]] = {}
    for m in found:
        if len(m.span) > 1:
            by_text.setdefault(m.text, []).append(m)
    people = made_people(found)
    for text, ms in by_text.items():
        types = [m.type for m in ms]
        if len(set(types)) < 2:
            continue
        if "PERSON" in types and text in people and not countries.lookup(text, "PERSON"):
            kind = "PERSON"
        else:
            top = max(set(types), key=types.count)
            if 2 * types.count(top) <= len(types):
                continue
            kind = top
        like = next(m for m in ms if m.type == kind)
        for m in ms:
            if m.type != kind and not _modifies_noun(m.span):
                m.type, m.country, m.place_how = kind, like.country, like.place_how
                m.role = m.role if kind == "PERSON" else None


def _modifies_noun(span: Any) -> bool:
    """Whether the name modifies a common noun after it ("the Trump campaign", "Adelson money")."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end and root.head.pos_ == "NOUN"
