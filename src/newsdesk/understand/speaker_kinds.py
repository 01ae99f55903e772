"""Speakers that cannot speak: the ranker's choice checked against what the parse says it is.

The ranker (`speakers.ranked_speaker`) scores candidates against each other, so when every candidate
near a cue is wrong the best of them still gets a high P and passes the gate. The words it then
names cannot have said anything: a date ("Saturday said"), web-page furniture glued to a name
("Igor BobicFlagShareLikeReplyMari Hayman ... 9:12PMTrump Says"), a place heading a dateline
("JACKSON, Miss. — ..."), a demonstrative pronoun standing for no one ("That said, Millennials say
..."). A relative pronoun the parse did not hang on its noun ("who is running ... and who worked
the crowd", "the Chicago Police Department which reported" read as an adverbial clause) stands for
that noun.

`vetted` returns the speaker to use, or None when there is no one to name: the caller then reports
the quote with P(speaker) 0, so the gate drops it. A wrong name is worth less to a reader than no
quote. Places that stand for a government ("Moscow said", "Washington warned") are not touched:
only a place opening a dateline is. A relative pronoun with no noun before it ("over who supported
which bill") is left as it is: PolNeAR names such pronouns sources too.

Tried and dropped (session 15): a common noun that is the subject of an outer verb ("The trip
suggests that Sanders is looking ahead") replaced by the named subject of a cue in its clause. On
PolNeAR train (shipped models) it fixed 8 speakers and broke 47: PolNeAR names the outer
subject the source ("statistics show", "the suit claims", "the former president said that ..."),
and no animacy test at hand (entity type, the ranker's lemma weights) tells "the trip" from "the
prosecutor". Also tried: the ranker's next candidate (of its best three) that can speak instead of
P 0. On PolNeAR train it kept the same quotes as P 0 (the next one's P never passed the gate), so
the simpler P 0 stays.
"""

from __future__ import annotations

import re
from typing import Any

_MUTE_ENTS = {"DATE", "TIME"}
_PLACES = {"GPE", "LOC", "FAC"}
_RELATIVE = {"who", "whom", "which", "that"}
_DEMONSTRATIVE = {"that", "this"}
# Day and month names, which the parse tags PROPN like a person's name.
_TIME_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
               "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "today", "yesterday", "tonight", "tomorrow"}
# Arcs a relative clause's verb can sit behind ("who is running for Congress and who worked the
# crowd": the second "who" hangs on a verb conjoined to the relative clause).
_CLAUSE_CHAIN = {"conj", "xcomp", "advcl"}
# Web-page furniture glued into one token: "BobicFlagShareLikeReplyMari" (a run of buttons between
# two names) has many lower-to-upper joins, a real name at most two ("McCain", "RealClearPolitics").
_GLUED_JOINS = 3
_GLUED_TIME = re.compile(r"\d[AP]M[A-Z]")  # "9:12PMTrump": a comment's time stamp and a headline


def vetted(top: Any) -> Any:
    """The speaker to report when the ranker (and `speakers.grammar_speaker`) chose `top`: `top`
    itself, the noun a relative pronoun stands for, or None when no one can be named."""
    if _is_date(top) or _is_glued(top) or _opens_dateline(top):
        return None
    low = top.lower_
    if top.pos_ != "PRON" or top.dep_ not in ("nsubj", "nsubjpass"):
        return top
    if low in _DEMONSTRATIVE and top.head.dep_ != "relcl" and _noun_before(top) is None:
        return None  # "That said, Millennials say ...": "That" is no one
    if low in _RELATIVE and top.head.dep_ != "relcl":  # under relcl the naming step reads the noun
        return _antecedent(top) or top  # none before it ("over who supported ..."): left as it is
    return top


def _is_date(tok: Any) -> bool:
    """A date or time named as a speaker ("Saturday said", "the last two weeks signaled"). The
    token itself must be a time word: the parse also tags "Last week Stumpf" one DATE, and an age
    ("43, said") is a number."""
    if tok.ent_type_ not in _MUTE_ENTS:
        return False
    return tok.pos_ == "NOUN" or tok.lower_ in _TIME_NAMES or bool(_GLUED_TIME.search(tok.text))


def _is_glued(tok: Any) -> bool:
    """Page furniture glued to a word, in the token or in the name it hangs on ("Mari Hayman" as
    an apposition of "BobicFlagShareLikeReplyMari")."""
    words = [tok] + ([tok.head] if tok.dep_ in ("appos", "compound") else [])
    return any(len(re.findall(r"[a-z][A-Z]", w.text)) >= _GLUED_JOINS or _GLUED_TIME.search(w.text)
               for w in words)


def _opens_dateline(tok: Any) -> bool:
    """A place in capitals at the start of a line, followed by a comma or a dash ("JACKSON, Miss.
    — ..."): where the story was filed, not a government speaking."""
    if tok.ent_type_ not in _PLACES or not tok.is_upper:
        return False
    first = tok
    while first.ent_iob_ == "I" and first.i > 0 and first.nbor(-1).is_upper:  # "NEW YORK": from "NEW"
        first = first.nbor(-1)
    before = tok.doc.text[: first.idx].rstrip(" \t")
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (not before or before.endswith("\n")) and after is not None and after.text in (",", "—", "–", "-", "(")


def _antecedent(pron: Any) -> Any:
    """The noun a relative pronoun stands for: the head of its relative clause, reached through
    verbs conjoined to that clause, or the noun right before it when the parse hung the clause
    elsewhere ("turned to the Chicago Police Department which reported ...": an advcl of "turned")."""
    verb = pron.head
    for _ in range(4):
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ not in _CLAUSE_CHAIN or verb.head.i == verb.i:
            break
        verb = verb.head
    return _noun_before(pron)


def _noun_before(pron: Any) -> Any:
    """The noun or name written right before the pronoun, a comma between allowed."""
    i = pron.i - 1
    if i >= 0 and pron.doc[i].text == ",":
        i -= 1
    before = pron.doc[i] if i >= 0 else None
    return before if before is not None and before.pos_ in ("NOUN", "PROPN") else None
