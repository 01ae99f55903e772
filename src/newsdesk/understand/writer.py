"""Who a page's own "I" is.

A minister's speech, an op-ed or a blog post says "I would like to make a statement" outside any
quotation marks: the page's writer speaks. `annotate` gave such an "I" the nearest person before
it, as for a he/she: on the corpus store 101 of 151 "I" quotes went to whoever the page had named
last (a minister's statement to "Alex Marshall", a blogger's to "Charles").

An "I" in an interview's turn ("ChristopherHill: … I took the Oath") is the one the turn's label
names. A page that introduces other people's words as paragraphs after a colon ("Camerini, from
blog Transbrasil, states:") is different again: there, an "I" is the writer being quoted, and the
nearest person before it is the old rule, kept. Elsewhere an unquoted "I" is the writer: the page's
author when the byline names a person (not "Ministry of Justice"), else nobody the page names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from newsdesk.understand import nlp, quote_candidates, quote_regions
from newsdesk.understand.roles import TITLE_WORDS

FIRST_PERSON = {"i", "me"}
WRITER_SPEAKS = True  # False: an unquoted "I" goes to the nearest person, as before session 14


def writer_speaks(tok: Any, text: str) -> bool:
    """Whether a first-person speaker token is the page's writer: outside quotation marks, with no
    paragraph before it ending in a colon (a page quoting others' paragraphs)."""
    if not WRITER_SPEAKS or tok.lower_ not in FIRST_PERSON:
        return False
    if ":\n" in text[:tok.idx]:
        return False
    return not any(a <= tok.idx < b for a, b in quote_regions.every_quoted(tok.doc))


def turn_label(tok: Any, text: str) -> str | None:
    """The speaker label of the interview turn a token stands in ("ChristopherHill" of
    "ChristopherHill: … I took the Oath …", or of a later paragraph of the same answer): that "I" is
    the one answering, not the page's writer."""
    start = _paragraph_start(text, tok.idx)
    label = _label_at(tok.doc, text, start, tok.idx + len(tok))
    if label is not None or not _transcript(text):
        return label
    for _ in range(_CONTINUED):  # an unlabelled paragraph of a transcript goes on the turn before it
        if start == 0:
            return None
        end, start = start - 2, _paragraph_start(text, start - 2)
        if (label := _label_at(tok.doc, text, start, end)) is not None:
            return label
    return None


_CONTINUED = 5  # paragraphs an answer runs on for; a guess, past it the page has moved on
_LINE_LABEL = re.compile(quote_candidates.SPEAKER_LINE.pattern, re.MULTILINE)  # at every line's start


def _transcript(text: str) -> bool:
    """Whether some label opens two or more paragraphs ("WilliamSSaturn:", "ChristopherHill:")."""
    return any(n >= 2 for n in _label_counts(text).values())


def _label_counts(text: str) -> Counter[str]:
    """How many lines each speaker label opens."""
    return Counter(m.group(1).strip() for m in _LINE_LABEL.finditer(text))


def _paragraph_start(text: str, at: int) -> int:
    found = text.rfind("\n\n", 0, at)
    return found + 2 if found >= 0 else 0


def _label_at(doc: Any, text: str, start: int, end: int) -> str | None:
    found = quote_candidates.SPEAKER_LINE.match(text[start:end])  # its ^ is the paragraph's start
    if not found:
        return None
    label = found.group(1).strip()
    # a name the tagger knows, capitals, or a label that opens other paragraphs too (a Wikinews
    # "ChristopherHill:" is no entity); "Analysis: I think …" once is a heading
    named = quote_candidates.names_speaker(doc, start + found.start(1), start + found.end(1))
    return label if named or _label_counts(text)[label] >= 2 else None


def person_author(authors: Iterable[str]) -> str | None:
    """The first byline that names a person, without its titles ("The Rt Hon Lord McNally" →
    "McNally"); None when the bylines are organisations ("Ministry of Justice") or absent."""
    return next((name for a in authors if (name := _person_name(a.strip()))), None)


@lru_cache(maxsize=1024)
def _person_name(author: str) -> str | None:
    if not author or len(author) > 80:
        return None
    doc = nlp.load_nlp()(f"Written by {author}.")
    ents = [e for e in doc.ents if e.label_ == "PERSON" and e.text.strip() == author]
    if not ents:
        return None
    words = author.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS | _COURTESY:
        words = words[1:]
    return " ".join(words)


# Courtesy words bylines put before a peer's or a minister's name ("The Rt Hon Lord McNally").
_COURTESY = {"the", "rt", "hon", "right", "honourable", "honorable"}
