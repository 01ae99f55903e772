"""The phrase a quote's speaker is written as, when no name fits it: "a senior official", "one or
more of its veto-wielding permanent members", "those who backed the bill", cut where an aside starts
when too long to show.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand.annotate_switches import CONNECTED_PHRASE, NUMBER_PHRASE
from newsdesk.understand.speakers import trimmed

_QUANTIFIERS = {"some", "many", "most", "several", "all", "both", "each", "none", "few", "one", "half"}
# Speakers that name no one without their clause: "those" was the speaker of 11 judged quotes in a
# 5-fold CV on PolNeAR train, "some"/"others"/"one" of 9 more, every one judged wrong.
_NAMES_NO_ONE = {"those", "others", "some", "many", "most", "several", "few", "one", "anyone", "everyone",
                 "someone", "somebody", "everybody", "anybody"}
_MAX_COUNTED = 12  # a number's phrase may run this long (longer: the parser ran on into a clause)
# Session 21 (S28): a speaker phrase stays on its head's line. The parse hangs a live blog's timestamp
# or the end of the paragraph before on the subject of the next ("11:30 a.m.\n\nMore GOP candidates",
# "the F.A.A.\n\nMost people", "”\n\nIntelligence officials"). 5-fold CV over PolNeAR train: 10 judged
# speakers lose such a line (judged alike before and after: 9 right, 1 wrong); PolNeAR dev unchanged.
# False: the phrase as the parse gives it.
ONE_LINE = True


def phrase(tok: Any) -> str:
    """The speaker phrase as text (`phrase_span`)."""
    return phrase_span(tok).text


def phrase_span(tok: Any) -> Any:
    """The speaker phrase without relative clauses or trailing apposition: "a senior official";
    a number keeps what it counts, at up to `_MAX_COUNTED` tokens ("one or more of its
    veto-wielding permanent members", not "one"); a word that names no one by itself keeps the
    clause that says who ("those who backed the bill", not "those")."""
    bare = tok.lower_ in _NAMES_NO_ONE
    counted = NUMBER_PHRASE and (tok.pos_ == "NUM" or tok.lower_ in _QUANTIFIERS) or bare
    if counted:
        left_out = ("appos", "advcl") if bare else ("relcl", "acl", "appos", "advcl")
        keep = [t for t in tok.subtree if not under(t, tok, left_out)]
    else:
        keep = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("prep", "pobj", "compound")]
        keep = [t for t in keep if t.head.i <= tok.i or t.i <= tok.i or t.head.dep_ in ("prep", "pobj")]
        if CONNECTED_PHRASE:  # not "crowds calling for more": "more" hangs on the clause left out
            kept = {t.i for t in keep}
            keep = [t for t in keep if all(a.i in kept for a in path_up(t, tok))]
    doc = tok.doc
    span = doc[min(t.i for t in keep): max(t.i for t in keep) + 1] if keep else doc[tok.i: tok.i + 1]
    span = _one_line(span, tok) if ONE_LINE else span
    span = trimmed(span, tok)  # "everyone," of "everyone, including the mayor, said"
    span = _quotes_closed(span, tok)
    most = _MAX_COUNTED if counted else 8
    if len(span) <= most:
        return span
    return doc[tok.i: tok.i + 1] if bare else _cut_phrase(span, tok, most)  # "those", its clause too long


# Session 29: a phrase that opens a quotation closes it. The subtree of a head inside a quoted word
# stops before the closing mark ('Iowa’s “silver standard', 'this CNN “reporter', 'Obama’s ‘pivot'
# shown as speakers); a mark that closes right after the phrase joins it, one that closes further on
# (or never) is left out with the words on its far side from the head.
_OPEN_MARKS = {"“": "”", "‘": "’", "``": "''", "«": "»"}
_STRAIGHT = {'"', "''"}
_CLOSE_WITHIN = 2  # tokens after the phrase a closing mark may lie (a comma or full stop before it)


def _quotes_closed(span: Any, tok: Any) -> Any:
    """The phrase with the quotation mark it opens closed, or without the mark and its far side."""
    doc = tok.doc
    opened = _unclosed(span)
    if opened is None:
        return span
    closer = _OPEN_MARKS.get(opened.text)
    for t in doc[span.end: min(len(doc), span.end + _CLOSE_WITHIN + 1)]:
        if "\n" in t.text:
            break
        if t.text == closer or closer is None and t.text in _STRAIGHT:
            return doc[span.start: t.i + 1]
    if opened.i > tok.i:
        return doc[span.start: opened.i]
    return doc[opened.i + 1: span.end] if opened.i + 1 <= tok.i else span


def _unclosed(span: Any) -> Any:
    """The last quotation mark the span opens and does not close (a straight mark opens when the span
    has an odd number of them), or None."""
    open_at: list[Any] = []
    straight: list[Any] = []
    for t in span:
        if t.text in _OPEN_MARKS:
            open_at.append(t)
        elif open_at and t.text == _OPEN_MARKS[open_at[-1].text]:
            open_at.pop()
        elif t.text in _STRAIGHT:
            straight = straight[:-1] if straight else [t]
    return (open_at or straight or [None])[-1]


def _one_line(span: Any, tok: Any) -> Any:
    """The phrase within the head's line: a line break before the head ends a timestamp, a heading or
    the quote before ("11:30 a.m." over "More GOP candidates are chiming in"), one after it starts
    the next line."""
    doc = tok.doc
    start = max((t.i + 1 for t in doc[span.start: tok.i] if "\n" in t.text), default=span.start)
    end = min((t.i for t in doc[tok.i + 1: span.end] if "\n" in t.text), default=span.end)
    return doc[start: end]


_ASIDE = {"like", "including", ",", "(", "—", "–", "who", "whom", "whose", "which", "that"}


def _cut_phrase(span: Any, tok: Any, most: int) -> Any:
    """A phrase too long to show, cut where an aside starts after its head (a list of examples,
    "like" / "such as" / "including", a comma, a relative or participle clause): "civil rights
    groups", not "groups" alone, of "civil rights groups like the ACLU and the NACDL". With no such
    cut, the head and the words before it; the head alone when even that is too long."""
    doc = tok.doc
    for t in doc[tok.i + 1: span.end]:
        if t.text in _ASIDE or t.lower_ in _ASIDE or t.dep_ in ("relcl", "acl") \
                or t.lower_ == "such" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "as":
            cut = trimmed(doc[span.start: t.i], tok)
            return cut if len(cut) <= most else doc[tok.i: tok.i + 1]
    left = doc[span.start: tok.i + 1]
    return left if len(left) <= most else doc[tok.i: tok.i + 1]


def path_up(t: Any, top: Any) -> list[Any]:
    """The tokens from t up to (not including) top; all of t's ancestors when top is not one."""
    out = []
    while t.i != top.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return out if t.i == top.i else [*out, t]


def under(t: Any, top: Any, deps: tuple[str, ...]) -> bool:
    while t.i != top.i:
        if t.dep_ in deps:
            return True
        t = t.head
    return False
