"""People's names the French model cuts, glues or abbreviates, mended by the text around them.

- A name cut in two ("Guido" and "Tonelli" as two people, one space apart) is one person.
- A body's name glued to the person after it ("l'agence RIA Novosti Valentine Sapounov", "le site
  de Jababeka David Quentin"): the person is the words from the first known first name on, else the
  last two; the words before are the body (the agency, the site) the noun before them names.
- "B. Obama" is the Barack Obama the article names in full: the same surname, a first name with
  that initial (after `canonical.canonicalize`, which joins surnames but not initials).
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.understand.entities import Mention
from newsdesk.understand.french import things
from newsdesk.understand.name_sex import first_names

_INITIAL = re.compile(r"^([A-Z])\.\s*(\S.*)$")


def mend(found: list[Mention]) -> list[Mention]:
    """The mentions with cut names joined and glued names split (text order kept)."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and _cut(prev, m):
            out[-1] = _with_span(prev, prev.span.doc[prev.span.start:m.span.end])
            continue
        split = _glued(m, prev)
        if split is None:
            out.append(m)
            continue
        body, person = split
        if prev is not None and prev.type == "ORG" and prev.span.end == body.start:
            out[-1] = _with_span(prev, prev.span.doc[prev.span.start:body.end])
        else:
            out.append(_with_span(Mention("", "ORG", 0, 0, body), body))
        out.append(_with_span(m, person))
    return out


def _cut(prev: Mention, m: Mention) -> bool:
    """Two one-word people a single space apart in one sentence: the model cut one name."""
    doc = m.span.doc
    return (prev.type == m.type == "PERSON" and len(prev.span) == len(m.span) == 1
            and prev.span.end == m.span.start and doc[prev.span.end - 1].whitespace_ == " ")


def _glued(m: Mention, prev: Mention | None) -> tuple[Any, Any] | None:
    """(body span, person span) of a person of three words or more glued after a body: right after
    an organisation's mention ("RIA" + "Novosti Valentine Sapounov") or after a body's noun."""
    if m.type != "PERSON" or len(m.span) < 3 or not all(t.whitespace_ for t in m.span[:-1]):
        return None  # three words apart, not pieces of one ("Gilles-Éric Séralini")
    after_org = prev is not None and prev.type == "ORG" and prev.span.end == m.span.start
    if not after_org and things.head_type(m.span, over_de=True) != "ORG":
        return None
    names = first_names()
    words = list(m.span)
    if words[0].lower_ in names:
        return None  # a first name opens it ("Jean Paul Sartre"): a person throughout
    k = next((i for i, t in enumerate(words) if i > 0 and t.lower_ in names and i < len(words) - 1),
             len(words) - 2)
    doc, a = m.span.doc, m.span.start
    return doc[a:a + k], doc[a + k:m.span.end]


def _with_span(m: Mention, span: Any) -> Mention:
    m.span, m.text, m.start, m.end = span, span.text, span.start_char, span.end_char
    return m


def initials_to_full(mentions: list[Mention]) -> None:
    """Gives "B. Obama" (and the mentions canonicalized to it) the canonical name of the one person
    of the article with that surname whose first name has that initial ("Barack Obama")."""
    fulls = {m.canonical or m.text for m in mentions if m.type == "PERSON"}
    renamed: dict[str, str] = {}
    for name in fulls:
        hit = _INITIAL.match(name)
        if hit is None:
            continue
        initial, rest = hit.groups()
        cands = {f for f in fulls if f != name and f.endswith(" " + rest) and f[:1] == initial
                 and not _INITIAL.match(f) and len(f.split()) == len(rest.split()) + 1}
        if len(cands) == 1:
            renamed[name] = cands.pop()
    for m in mentions:
        if m.type == "PERSON" and (m.canonical or m.text) in renamed:
            m.canonical = renamed[m.canonical or m.text]
