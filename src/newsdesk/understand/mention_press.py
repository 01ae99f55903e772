"""Publications: a name some mention uses as a newspaper's or a magazine's is an organisation.

"editor of Eutopia", "wrote in Eutopia", a place's nameplate ("Edmonton Sun"), a name listed with
publications, the subjects of a review of the front pages.
"""

from __future__ import annotations

import bisect
from typing import Any

from newsdesk.understand import name_kinds, roles
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_people import opens_a_turn
from newsdesk.understand.mention_things import THINGS
from newsdesk.understand.name_sex import first_names

# Readings a publication's use does not overrule: a place or a nationality ("Hong Kong newspapers"),
# a work (a newspaper is one too) or a law.
_NOT_PRESS = ("GPE", "NORP", "WORK_OF_ART", "LAW")


def publications(found: list[Mention]) -> None:
    """A name some mention uses as a newspaper's or a magazine's is that publication (ORG) in all its
    mentions: "editor of Eutopia" and "wrote in Eutopia" (read a person), a place's nameplate ("Edmonton
    Sun", a person), a name listed with publications ("Sing Tao, Hong Kong Daily News and the Sun").
    Not a place, a nationality, a work or a law (_NOT_PRESS), nor a name a mention makes a person's by a
    person's role, or an interview's turn it opens. A one-word nameplate no mention uses so
    ("the Sun" of "a sample from the Sun") takes the other reading the article gives it, where the
    model read some of its mentions as an organisation: the star is not the newspaper."""
    titled = [m for m in found if m.type == "PERSON" and m.role and name_kinds.person_role(m.role)]
    people = {m.text for m in titled} | {m.span[-1].text for m in titled} | {
        m.text for m in found if opens_a_turn(m.span)}
    press = {m.text for m in found if m.type not in _NOT_PRESS and m.text not in people
             and (name_kinds.publication_use(m.span) or name_kinds.press_name(m.span))}
    press |= _listed_with_press(found, press, people)
    press |= _subjects_beside_press(found, _papers(found, press), people)
    for m in found:
        if m.text in press and m.type not in _NOT_PRESS + ("ORG",):
            m.type, m.role, m.country, m.place_how = "ORG", None, None, None
    for text in {m.text for m in found if m.type == "ORG" and m.text.casefold() in name_kinds.NAMEPLATES} - press:
        others = [m.type for m in found if m.text == text and m.type in THINGS + ("LOC",) and m.type != "ORG"]
        for m in found:
            if others and m.text == text and m.type == "ORG":
                m.type = max(others, key=others.count)


def _listed_with_press(found: list[Mention], press: set[str], people: set[str]) -> set[str]:
    """The names listed with two publications or more ("Sing Tao, Hong Kong Daily News, Oriental Daily and
    the Sun highlight stories"): ones `press` holds or organisations ending in a nameplate ("Oriental
    Daily"). One is not enough: the parse lists "Shervin Nekuee" with the magazine in "Farhad Golyardi,
    editor of Eutopia and Shervin Nekuee, an Iranian sociologist", and a byline its writer with the paper
    ("John Smith, Washington Post"); nor is a name opening with a given name."""
    papers = _papers(found, press)
    return {m.text for m in found if m.type in ("PERSON", "ORG") and m.text not in people | press
            and m.span[0].lower_ not in first_names()
            and len({t.i for t in _listed_or_apposed(m.span.root)} & papers - {m.span.root.i}) >= 2}


def _papers(found: list[Mention], press: set[str]) -> set[int]:
    """The root tokens of the mentions of publications: `press`, and organisations named by a nameplate
    or ending in one ("the Sun", "Oriental Daily", "Hong Kong Economic Journal")."""
    return {m.span.root.i for m in found if m.text in press or (
        m.type == "ORG" and m.span[-1].lower_ in name_kinds.NAMEPLATES)}


def _subjects_beside_press(found: list[Mention], papers: set[int], people: set[str]) -> set[str]:
    """The "people" that are the subject of a verb in a paragraph where three publications or more are the
    subjects of two other verbs: a review of the front pages ("... Journal put up the interview; Sing Tao, Oriental
    Daily and the Sun highlight stories on youth. Wen Wei Po stressed the government's policies"). Not a
    name a role or an interview's turn makes a person's, nor one opening with a given name."""
    if not found:
        return set()
    doc = found[0].span.doc
    breaks = [t.i for t in doc if roles.paragraph_break(t)]
    subjects: dict[int, dict[int, int]] = {}  # paragraph -> publication subject -> its verb
    for m in found:
        verb = _subject_verb(m.span.root) if m.span.root.i in papers else None
        if verb is not None:
            subjects.setdefault(bisect.bisect(breaks, verb.i), {})[m.span.root.i] = verb.i
    out = set()
    for m in found:
        verb = _subject_verb(m.span.root) if m.type == "PERSON" and not m.role else None
        if verb is None or m.text in people or m.span[0].lower_ in first_names():
            continue
        # three papers and two verbs: two papers are a sentence's ("the Times reported and the Guardian
        # ran it. Chan Ka-keung stressed ..." names a person), a review of the front pages lists more
        beside = subjects.get(bisect.bisect(breaks, verb.i), {})
        if len(beside) >= 3 and len(set(beside.values()) - {verb.i}) >= 2:
            out.add(m.text)
    return out


def _subject_verb(tok: Any) -> Any:
    """The verb a token is the subject of, itself or as a member of the subject's list, else None."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok.head if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") else None


def _listed_or_apposed(tok: Any) -> list[Any]:
    """The members of the list a token is in, itself too, counting the parse's appositions ("Sing
    Tao, Hong Kong Daily News, Oriental Daily and the Sun": News hangs on Tao as an apposition)."""
    while tok.dep_ in ("conj", "appos") and tok.head.i < tok.i:
        tok = tok.head
    members, todo = [], [tok]
    while todo:
        t = todo.pop()
        members.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
    return members
