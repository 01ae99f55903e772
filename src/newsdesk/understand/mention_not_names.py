"""Tagged "people" that name no one: dropped.

A common noun capitalised at a sentence's start, a phrase of English ("Global Warming"), a name
behind a prefix ("anti-Trump"), a god, an editor's note, a word English always writes with a
determiner ("the Moon") or only as a hashtag.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import countries, name_kinds
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_people import made_people, people_by_text, person_names


def not_common_nouns(doc: Any, found: list[Mention]) -> list[Mention]:
    """Without the one-word "people" the article writes in lower case as a common noun.

    A heading or a sentence capitalises its first word, and the small model reads "Gender",
    "Iodine" or "Photographs" there as a name; the same word in lower case elsewhere in the
    article ("gender equality") says it is none. Surnames of people the article names in full
    stay ("Savage" of "Dan Savage" beside "savage criticism"), and so does a word written lower
    case only in a handle or a hashtag ("#bagua", "@obama").
    """
    lower = {t.text for t in doc if t.is_alpha and t.is_lower and not (t.i and doc[t.i - 1].text in "#@")}
    names = person_names(found)
    return [m for m in found if not (m.type == "PERSON" and len(m.span) == 1 and m.text not in names
                                     and m.text.lower() in lower)]


def phrases_not_people(found: list[Mention]) -> list[Mention]:
    """Without the "people" named by a phrase of English ("Collective Intelligence", "Global
    Warming": `name_kinds.english_phrase`) that no mention makes a person (a role, a verb of
    saying, an interview's turn, a person it is listed with)."""
    phrases = {m.text for m in found if m.type == "PERSON" and name_kinds.english_phrase(m.span)}
    others = [m for m in found if m.text not in phrases]
    # the names other mentions make people's: "Double Standard Clinton" beside Hillary Clinton stays
    people = made_people(found) | person_names(others) | _listed_with_people(found, phrases, others)
    return [m for m in found if not (m.type == "PERSON" and m.text in phrases and m.text not in people
                                     and m.span[-1].text not in people)]


def _listed_with_people(found: list[Mention], phrases: set[str], others: list[Mention]) -> set[str]:
    """The phrases a mention lists with a person named in full: "Starry Lee and Holden Chow were
    elected" (both words of "Starry Lee" are English words, as are those of "Collective
    Intelligence", listed with "Content, Collaboration, Community")."""
    full = {t.i for m in others if m.type == "PERSON" and len(m.span) > 1 for t in m.span}
    return {m.text for m in found if m.type == "PERSON" and m.text in phrases
            and any(t.i in full for t in m.span.root.conjuncts)}


def prefixed_not_people(found: list[Mention]) -> list[Mention]:
    """Without the "people" that are a name behind an English prefix of opinion or time ("pro-Beijing",
    "anti-Trump", "non-EU": `name_kinds.prefixed`), an adjective, not a name."""
    return [m for m in found if not (m.type == "PERSON" and " " not in m.text and name_kinds.prefixed(m.text))]


def deities_off(found: list[Mention]) -> list[Mention]:
    """Without a religion's name for its god ("May God bless you", tagged a person: four mentions on
    the corpus store), which is none of the kinds kept: people, organisations, places, nationalities."""
    return [m for m in found if m.text.casefold() not in name_kinds.DEITIES]


def editor_notes_off(found: list[Mention]) -> list[Mention]:
    """Without the label of an editor's note ("Ed.: See the catalog", tagged a person: `name_kinds.editor_note`)."""
    return [m for m in found if not (m.type == "PERSON" and name_kinds.editor_note(m.span))]


def determined_not_people(found: list[Mention]) -> list[Mention]:
    """Without the one-word "people" English gives a determiner in every mention ("the G8",
    "the Moon", "A Bill will be introduced") or writes only as a hashtag ("#WeMissTurkey"), and
    with those that modify a place noun ("the Glasgow area") made places. A surname of a person
    the article names in full stays ("the late John F Kennedy", "On the whole Obama"), and so
    does a name it also writes bare ("JFK" beside "the JFK's speech")."""
    names = person_names(found)
    by_text = people_by_text(found)
    drop: set[int] = set()
    for text, ms in by_text.items():
        if all(name_kinds.modifies_place(m.span) for m in ms):
            for m in ms:
                m.type, m.role, m.country = ("GPE" if countries.lookup(text, "GPE") else "LOC"), None, None
        elif text not in names and len(ms[0].span) == 1 and all(
                name_kinds.determined(m.span) or name_kinds.hashtag(m.span) for m in ms):
            drop |= {id(m) for m in ms}
    return [m for m in found if id(m) not in drop]
