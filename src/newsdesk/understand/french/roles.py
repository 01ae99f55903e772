"""A French person's role and country where the text gives them, beside the name.

Two places, as French writes them: before the name ("le nouveau premier ministre conservateur
Antonis Samaras", "le ministre iranien des Affaires étrangères Abbas Araghchi") and in an
apposition after it ("Najat Vallaud-Belkacem, porte-parole du gouvernement,"). The role keeps its
head noun, the words that make the office ("premier", "vice", "ancien") and its complement ("des
Affaires étrangères"); a nationality in it is the person's country, not the role ("iranien" →
IRN), and a judgement of the writer's ("nouveau", "conservateur") is neither. The words are a
lexicon of French, not names of any article.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from newsdesk.understand.french import places

# Nouns of an office, a function or a trade that name a person ("ministre", "porte-parole"), the words
# before one that make the office ("premier ministre"), forms of address ("M. Samaras" is Samaras):
# data/roles.json, which says where they come from.
_DATA = json.loads(resources.files("newsdesk.understand.french").joinpath("data/roles.json").read_text("utf-8"))
ROLE_NOUNS: frozenset[str] = frozenset(_DATA["role_nouns"])
OFFICE_WORDS: frozenset[str] = frozenset(_DATA["office_words"])
HONORIFICS: frozenset[str] = frozenset(_DATA["honorifics"])
_STOPS = {"PUNCT", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM", "PROPN"}
_WINDOW = 8  # a role phrase is at most this many words (the longest in the corpus's French: 6)


def is_role_noun(tok: Any) -> bool:
    return tok.lower_ in ROLE_NOUNS


def before(span: Any) -> tuple[str | None, str | None]:
    """(role, country code) written just before the name: the noun phrase of a role noun that ends
    where the name starts ("le ministre iranien des Affaires étrangères Abbas Araghchi")."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in HONORIFICS:
        i -= 1
    if i >= 0 and doc[i].pos_ == "ADP":
        return None, None  # "l'ex-conseiller de M. Samaras": the name completes the role, it holds none
    words: list[Any] = []
    while i >= 0 and len(words) < _WINDOW and "\n" not in doc[i].text:
        tok = doc[i]
        # a capitalised complement ("des Affaires étrangères") is part of the phrase; a name is not
        if tok.pos_ in _STOPS and not (tok.pos_ == "PROPN" and words and i > 0 and doc[i - 1].pos_ in ("ADP", "DET")):
            break
        if tok.pos_ == "DET" and not (i > 0 and doc[i - 1].pos_ == "ADP"):
            break
        words.insert(0, tok)
        i -= 1
    heads = [k for k, t in enumerate(words) if is_role_noun(t)]
    if not heads:
        return None, None
    return _phrase(words[heads[0]:], words[:heads[0]])


def after(span: Any) -> tuple[str | None, str | None]:
    """(role, country code) of an apposition after the name: "X, porte-parole du gouvernement,"
    or "X, le président de la Commission européenne,". The apposition closes with punctuation,
    unless the name opens its sentence ("Barroso, le président de la Commission se dit ..."): after
    a preposition the comma may close an adverbial instead ("Dans une interview à Radio Sawa, le chef
    du Conseil a critiqué": the chef is the verb's subject). Not when a name follows the role words
    ("dans le Massachusetts, le sénateur Scott Brown": his role)."""
    doc = span.doc
    i = span.end
    if i >= len(doc) - 1 or doc[i].text != ",":
        return None, None
    i += 1
    while i < len(doc) and doc[i].pos_ == "DET":
        i += 1
    words: list[Any] = []
    while i < len(doc) and len(words) < _WINDOW and doc[i].pos_ not in ("PUNCT", "VERB", "AUX", "PRON", "CCONJ"):
        if doc[i].pos_ == "PROPN" and doc[i - 1].pos_ not in ("ADP", "DET"):
            break  # a name after the role words: theirs, not the apposition's
        words.append(doc[i])
        i += 1
    heads = [k for k, t in enumerate(words) if is_role_noun(t)]
    if not heads or any(t.pos_ == "ADP" for t in words[: heads[0]]):
        return None, None
    closed = i >= len(doc) or doc[i].is_punct
    opens = span.start == 0 or doc[span.start - 1].is_sent_end or doc[span.start - 1].text in (".", "\n", "\n\n")
    if (i < len(doc) and doc[i].pos_ == "PROPN") or not (closed or opens):
        return None, None
    return _phrase(words[heads[0]:], words[:heads[0]])


def _phrase(rest: list[Any], lead: list[Any]) -> tuple[str | None, str | None]:
    """The role from its head onwards, with the office words before the head; a demonym of the head
    is the country; adjectives between the head and its complement that are no office are off."""
    country = None
    kept = [t for t in lead if t.lower_ in OFFICE_WORDS]
    in_complement = False
    for tok in rest:
        in_complement = in_complement or tok.pos_ == "ADP"
        place = places.lookup(tok.text, "NORP") if tok.pos_ in ("ADJ", "NOUN") and tok.is_lower else None
        # "le ministre iranien": his country; "professeur à l'université américaine": the university's
        if place is not None and place.how == "demonym" and tok is not rest[0] and not in_complement:
            country = country or place.code
            continue
        if tok is rest[0] or in_complement or tok.lower_ in OFFICE_WORDS:
            kept.append(tok)
    while kept and kept[-1].pos_ in ("ADP", "DET"):
        kept.pop()
    if not kept:
        return None, country
    role = "".join(t.text_with_ws for t in kept).strip()
    return role, country
