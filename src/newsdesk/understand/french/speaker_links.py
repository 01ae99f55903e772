"""The named entity a French speaker phrase stands for by the words around it (F6's rules, split out
of speakers by concern, F7): the mention the phrase holds ("le ministre Jérôme Cahuzac") or stands
beside ("la procureure ..., Mme Fatou Bensouda"), the name after its noun ("le quotidien Le Figaro"),
the person the article gave a role noun ("le ministre"), and a person's sex as the text gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsdesk.understand import name_sex
from newsdesk.understand.entities import Mention
from newsdesk.understand.french import roles
from newsdesk.understand.french.speakers import Speaker

_ARTICLE_SEX = {"le": "m", "un": "m", "du": "m", "au": "m", "ce": "m", "la": "f", "une": "f", "cette": "f"}
_HONORIFICS = {"m.": "m", "mme": "f", "mlle": "f", "madame": "f", "monsieur": "m", "mademoiselle": "f"}


def gender(m: Mention) -> str | None:
    """The sex the text gives a person: an honorific before or in the name ("Mme", "M."), the article
    of a role noun beside it ("la procureure ..., Mme X", "X, le porte-parole"), a first name nearly
    all of whose bearers are one sex (`name_sex`, "Nadine"). fr_core_news_sm's own gender on a name
    is left out: it called Jean-Philippe Magnen feminine."""
    doc = m.span.doc
    before = doc[m.span.start - 1].lower_ if m.span.start > 0 else ""
    for w in [before] + [t.lower_ for t in m.span]:
        if w in _HONORIFICS:
            return _HONORIFICS[w]
    for noun in _role_nouns_beside(m):
        det = [c.lower_ for c in noun.children if c.dep_ == "det"]
        if det and det[0] in _ARTICLE_SEX:
            return _ARTICLE_SEX[det[0]]
    return name_sex.first_name_sex(m.text.replace("-", " "))


@dataclass
class Context:
    """What naming a speaker reads: the article's mentions, its sentences (`quote_marks`), its
    quotations, the persons found speaking so far with where, and the speakers found so far that
    name no one ("un porte-parole de la police"), with where."""

    by_token: dict[int, Mention]
    mentions: list[Mention]
    sents: list[tuple[int, int]]
    regions: list[tuple[int, int]]
    earlier: list[tuple[int, Mention]]
    phrases: list[tuple[int, Speaker]] = field(default_factory=list)

    def quoted(self, char: int) -> bool:
        return any(a < char < b for a, b in self.regions)


def named_after(head: Any, by_token: dict[int, Mention]) -> Mention | None:
    """The name right after a common noun that it names ("le quotidien français Le Figaro")."""
    doc = head.doc
    i = head.i + 1
    while i < len(doc) and doc[i].pos_ == "ADJ":
        i += 1
    m = by_token.get(i) if i < len(doc) and head.pos_ == "NOUN" else None
    return m if m is not None and m.span.start == i else None


def person_within(sp: Speaker, by_token: dict[int, Mention]) -> Mention | None:
    """A person named inside the phrase ("le ministre Jérôme Cahuzac")."""
    doc = sp.head.doc
    for t in doc.char_span(sp.span[0], sp.span[1], alignment_mode="expand") or []:
        m = by_token.get(t.i)
        if m is not None and m.type == "PERSON":
            return m
    return None


_APPOSITION_ENDS = {",", ".", ";", ")", "!"}


def beside(sp: Speaker, by_token: dict[int, Mention]) -> Mention | None:
    """The person named in apposition to the phrase: "un jeune manifestant, Abdel Nasser", "La
    procureure de la CPI, Mme Fatou Bensouda", "le président de l'Ufip (Ufip), Jean Louis X"."""
    doc = sp.head.doc
    span = doc.char_span(sp.span[0], sp.span[1], alignment_mode="expand")
    if span is None:
        return None
    i = span.end
    if i < len(doc) and doc[i].text == "(":
        while i < len(doc) and doc[i].text != ")" and i - span.end < 8:
            i += 1
        i += 1
    if i + 1 < len(doc) and doc[i].text == ",":
        for t in doc[i + 1:i + 3]:
            m = by_token.get(t.i)
            ends = m.span.end if m is not None else len(doc)
            if m is not None and m.type == "PERSON" and (ends >= len(doc) or doc[ends].text in _APPOSITION_ENDS):
                return m  # an apposition ends with the name; ", Yasser Arafat aurait été" is a clause
    closed = span.end < len(doc) and doc[span.end].text == ","
    before = doc[span.start - 2] if closed and span.start >= 2 and doc[span.start - 1].text == "," else None
    if before is not None and (m := by_token.get(before.i)) is not None and m.type == "PERSON":
        return m  # "Mme Sophie Durand, la présidente de la chambre, a estimé"
    for c in sp.head.subtree:  # the parse's own apposition
        m = by_token.get(c.i)
        if c.dep_ == "appos" and m is not None and m.type == "PERSON":
            return m
    return None


def by_role(noun: Any, mentions: list[Mention]) -> Mention | None:
    """The person the article gave this role ("le ministre" -> "le ministre du budget, Jérôme
    Cahuzac"), the nearest before the noun, else the first after it. A role written with its
    complement ("le ministre du Redressement productif") is only the person given those words too."""
    lemma = noun.lemma_.lower()
    words = {t.lower_ for t in noun.subtree
             if t.i > noun.i and t.pos_ in ("NOUN", "PROPN", "ADJ") and t.idx - noun.idx < 60}
    fits = [m for m in mentions if m.type == "PERSON" and m.span.start != noun.i and _has_role(m, noun.lower_, lemma)
            and words <= _role_words(m)]
    before = [m for m in fits if m.end <= noun.idx]
    if before:
        return before[-1]
    return fits[0] if fits else None


def _role_nouns_beside(m: Mention) -> list[Any]:
    """Role nouns the parse hangs on the name or the name on ("la procureure ..., Mme Fatou Bensouda")."""
    near = [c for t in m.span for c in t.children if c.dep_ in ("appos", "nmod")]
    root = m.span.root
    if root.dep_ in ("appos", "flat:name", "nmod") and root.head.i < m.span.start:
        near.append(root.head)
    return [t for t in near if t.pos_ == "NOUN" and roles.is_role_noun(t)]


def _role_words(m: Mention) -> set[str]:
    """The words around a person's name that may give their role (their role, and the phrase
    before or after the name in its sentence)."""
    doc = m.span.doc
    around = doc[max(m.span.sent.start, m.span.start - 10):min(m.span.sent.end, m.span.end + 10)]
    return {t.lower_ for t in around} | set((m.role or "").lower().split())


def _has_role(m: Mention, word: str, lemma: str) -> bool:
    """The text gives the person this role: their mention's role, a noun of it above the name in the
    parse ("La ministre de la Culture, Mme Odile X"), or a few words before it with no verb between."""
    if m.role and (word in m.role.lower().split() or lemma in m.role.lower().split()):
        return True
    doc = m.span.doc
    near = [c for t in m.span for c in t.children]
    t = m.span.root
    for _ in range(3):
        t = t.head
        near.append(t)
    for k in range(m.span.start - 1, max(-1, m.span.start - 7), -1):
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (".", ";"):
            break
        near.append(doc[k])
    return any(t.pos_ == "NOUN" and (t.lower_ == word or t.lemma_.lower() == lemma) for t in near)
