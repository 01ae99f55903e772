"""What in an article makes a name a person's, as the type rules ask it.

A full name the article gives (and its surname), a person's role, a verb of saying the name is the
subject of, an interview's turn it opens. The rules that retype a "person" (`mention_things`,
`mention_places`, ...) keep one that any of these makes a person.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import countries, name_kinds, quote_cues, roles
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_edges import OPENING
from newsdesk.understand.name_sex import first_names
from newsdesk.understand.quote_cues import BUILTIN_CUES

# Session 24: a full name the tagger read as an organisation is a person's when it is written as one
# (`named_like_a_person`): "Carly Fiorina" was ORG in 30 of PolNeAR train's mentions, "Sean Hannity",
# "Nikki Haley", "Hakeem Jeffries" too; her bare "Fiorina" then stayed ORG 47 times in one article,
# and her "she said" went to the nearest man.
ORG_FULL_NAMES = True


def person_names(found: list[Mention]) -> set[str]:
    """The full names the article gives people, whole and as surnames ("Barack Obama", "Obama").

    Only names of two words or more: a one-word PERSON is as likely a misreading as the place
    it would overrule ("Bagua", a Peruvian town, is also tagged PERSON in the article about it).
    """
    full = [m for m in found if m.type == "PERSON" and len(m.span) > 1]
    return {m.text for m in full} | {m.span[-1].text for m in full}


def people_by_text(found: list[Mention]) -> dict[str, list[Mention]]:
    """The PERSON mentions grouped by their text, in the order they come."""
    by_text: dict[str, list[Mention]] = {}
    for m in found:
        if m.type == "PERSON":
            by_text.setdefault(m.text, []).append(m)
    return by_text


def made_people(found: list[Mention]) -> set[str]:
    """The names a mention makes a person's by itself: a role, a verb of saying, an interview's turn."""
    return {m.text for m in found if m.type == "PERSON" and (m.role or says(m.span) or opens_a_turn(m.span))}


def persons_by_mention(found: list[Mention], any_role: bool = True) -> set[str]:
    """The names some mention makes a person's: a full name the article gives (and its surname), a
    role, a verb of saying the name is the subject of, an interview's turn it opens. With `any_role`
    False only a person's role counts, for a name the text uses as a tool or a site: "Google" of
    "used with Internet Explorer or Google Chrome" is read as Chrome's role. (A name read as a thing
    keeps any role: "Dries" of "Dries Mertens", read as Mertens' role, is his given name.)"""
    people = person_names(found) | {m.text for m in found if m.type == "PERSON" and (
        m.role and (any_role or name_kinds.person_role(m.role)) or says(m.span))}
    return people | {m.text for m in found if opens_a_turn(m.span)}


def opens_a_turn(span: Any) -> bool:
    """Whether the name opens a paragraph, after opening quotation marks if any ('"WALLACE: Let's
    start'), and a colon follows it: a transcript's speaker."""
    doc = span.doc
    a = span.start
    while a > 0 and doc[a - 1].text in OPENING:
        a -= 1
    first = a == 0 or roles.paragraph_break(doc[a - 1])
    return first and span.end < len(doc) and doc[span.end].text == ":"


def says(span: Any) -> bool:
    """Whether the name is the subject of a verb of saying used as one ("Hill said", "Kopgli
    writes that"): the quote rules' cue lexicon reads the verb a cue on its own ("said on
    Monday") or in the way it takes its complement here. "Continue" is a cue only before a clause
    or a quote ("continued that ..."), so "Chrome continues to surge" says nothing about Chrome."""
    root, verb = span.root, span.root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in BUILTIN_CUES:
        return False
    return quote_cues.reports_words(verb)


def named_like_a_person(span: Any, in_entity: set[int] | None = None) -> bool:
    """Whether a name the tagger read as an organisation is a person's: written as a full name (two or
    three capitalised words, the first a given name of three letters or more, "Carly", not "Al" of
    "Al Qaeda"; the last no English word, "Fiorina", not "Post" of "Washington Post" nor "Research" of
    "Edison Research"; no place's name among them; not modifying the noun right after it: "the Carly
    Fiorina campaign" is the campaign's, "Carly Fiorina strode onstage", parsed as a compound of
    "onstage", is hers) and given a person's role there ("GOP presidential candidate Carly Fiorina",
    "Fox News host Sean Hannity"; the role's last word right before the name will do when the parse
    hung it elsewhere): a firm named after its founders ("Morgan Stanley") has none.
    `_one_type_per_name` then makes the name's other mentions a person's too."""
    words = list(span)
    if not 2 <= len(words) <= 3 or not all(w.text[:1].isupper() and w.text.replace("’", "").replace("'", "").isalpha()
                                            for w in words):
        return False
    first, last = words[0], words[-1]
    if len(first.text) < 3 or first.lower_ not in first_names() or name_kinds.common_word(last.text):
        return False
    if any(countries.lookup(w.text, "GPE") is not None for w in words):
        return False
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i == span.end and root.head.pos_ == "NOUN":
        return False
    role, kind = roles.describe(span, in_entity)
    if role and not kind:
        return name_kinds.person_role(role)
    # the parse may hang the title elsewhere ("candidate Carly Fiorina strode onstage" as compounds of
    # "onstage"): the word right before the name then says it
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and not kind and before.is_lower and name_kinds.person_role(before.text)
