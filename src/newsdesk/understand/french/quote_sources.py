"""French rule 4 (`quotes`): a source named before or after what it reports: "selon X, …",
"d'après X : « … »", "…, selon X.", "Europe, selon la mythologie, fut enlevée", "pour X, « … »"."""

from __future__ import annotations

from typing import Any

from newsdesk.understand.french import quote_marks as marks
from newsdesk.understand.french import roles
from newsdesk.understand.french.quote_cues import lexicon
from newsdesk.understand.french.quote_page import MIN_WORDS, OPENERS, Page, Said, goes_on, has_verb
from newsdesk.understand.french.speakers import Speaker

_QUE = {"que", "qu'", "qu’"}
# a word after which "selon X, …" opens its own clause: the content is what follows only
_OPENS_CLAUSE = {"car", "mais", "et", "que", "qu'", "qu’", "puisque", "donc", "or", "ainsi", "-", "—"}


def according(page: Page) -> list[Said]:
    """Rule 4: "selon X, …", "d'après X : « … »", "…, selon X.", "pour X, « … »"."""
    doc, out = page.doc, []
    for tok in doc:
        word = tok.lower_
        if word in ("d'", "d’") and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "après":
            cue_end = doc[tok.i + 1]
        elif word in lexicon().according or word == "pour":
            cue_end = tok
        else:
            continue
        if page.inside(tok.idx):
            continue
        said = _source_phrase(page, tok, cue_end, word == "pour")
        if said is not None:
            out.append(said)
    return out


def _source_phrase(page: Page, cue: Any, cue_end: Any, pour: bool) -> Said | None:
    doc, text = page.doc, page.text
    s1 = page.sents[page.sentence(cue.idx)][1]
    np = _source_words(doc, cue_end, s1)
    head = next((t for t in np if t.pos_ in ("NOUN", "PROPN", "PRON") or t.text[:1].isupper()), None)
    if head is None:
        return None
    speaker = Speaker(head, (np[0].idx, np[-1].idx + len(np[-1])))
    np += _apposition(doc, np[-1].i + 1, s1)
    after = np[-1].idx + len(np[-1])
    tail = text[after:s1]
    gap = len(tail) - len(tail.lstrip(marks.SPACES + ",:"))
    separated = bool(text[after:after + gap].strip(marks.SPACES))  # "selon un rapport sur « … »": a title
    k = page.region_at(after + gap) if separated else None
    cue_span = (cue.idx, cue_end.idx + len(cue_end))
    quoted = k is not None and k not in page.used and page.long_enough(k)
    if pour and not (quoted and _names_someone(np)) and not _opinion_of(page, cue, head):
        return None  # "pour X" is a source before a quotation of X's, or a person's view opening a sentence
    if k is not None and quoted:
        page.used.add(k)
        said = Said([marks.inner(text, page.regions[k])], "direct", cue_span, speaker, {k})
        goes_on(page, said, page.regions[k][1] + 1, s1)
        return said
    pieces = _reported_around(page, cue, marks.trimmed(text, after + gap, s1) if separated else (s1, s1))
    inner = page.within(*pieces)
    if sum(marks.words(text, p) for p in pieces) < MIN_WORDS or inner & page.used:
        return None
    page.used.update(inner)
    return Said([p for p in pieces if p[0] < p[1]], "indirect", cue_span, speaker, inner)


def _source_words(doc: Any, cue_end: Any, end: int) -> list[Any]:
    """The source's phrase after "selon" / "d'après", up to a comma, a colon or a quotation."""
    np = []
    for t in doc[cue_end.i + 1:cue_end.i + 14]:
        if t.text in (",", ":", ".", ";", "«", "(") or t.idx >= end:
            break
        np.append(t)
    if not np or np[0].pos_ == "VERB" or (np[0].lower_ in ("le", "la", "les") and len(np) == 1):
        return []
    return np


def _reported_around(page: Page, cue: Any, rest: tuple[int, int]) -> list[tuple[int, int]]:
    """What a "selon X" reports: what follows it when it opens its clause ("Selon X, …", "car selon
    eux, …"), both sides when it stands inside a clause ("Europe, selon la mythologie, fut enlevée"),
    else the words before it ("…, selon X.")."""
    doc, text = page.doc, page.text
    before = marks.trimmed(text, page.sents[page.sentence(cue.idx)][0], cue.idx)
    if marks.words(text, before) == 0 or (cue.i > 0 and doc[cue.i - 1].lower_ in _OPENS_CLAUSE):
        return [rest]
    if marks.words(text, rest) >= MIN_WORDS and has_verb(doc, rest):
        return [before, rest]
    return [before]


def _apposition(doc: Any, i: int, end: int) -> list[Any]:
    """", sociologue français et professeur à Bordeaux II," after a source's name: a phrase with no
    verb between two commas is the name's description, not the content."""
    if i >= len(doc) or doc[i].text != ",":
        return []
    for j in range(i + 1, min(i + 16, len(doc))):
        t = doc[j]
        if t.idx >= end or t.pos_ in ("VERB", "AUX") or t.text in OPENERS or t.lower_ in _QUE:
            return []
        if t.text == ",":  # "Selon l'AFP, le CNS, …, a appelé": a subject, not a description
            after = doc[j + 1] if j + 1 < len(doc) else None
            return [] if after is None or after.pos_ in ("VERB", "AUX") else list(doc[i:j])
    return []


def _opinion_of(page: Page, cue: Any, head: Any) -> bool:
    """"Pour Javier López, directeur …, les niveaux … étaient alarmants", "Pour la syndicaliste, il
    n'existe qu'une voie": "pour" opening its sentence before a person (a name the model reads as one,
    a pronoun, a role or agent noun) and a comma is that person's view; "Pour la première fois, …",
    "Pour Noël, …", "Pour Apple, le trimestre …" are not."""
    doc = cue.doc
    s0, end = page.sents[page.sentence(cue.idx)]
    opens = page.text[s0:cue.idx].strip(marks.SPACES + "-—–\n") in ("", "Mais", "mais", "Et")
    person = head.ent_type_ == "PER" or head.lower_ in ("lui", "elle", "eux", "elles") or head.pos_ == "NOUN" and (
        roles.is_role_noun(head) or head.lower_.endswith(_AGENT_ENDINGS))
    after = next((t for t in doc[head.i + 1:] if t.text in (",", ":", ".") or t.idx >= end), None)
    return bool(opens and person and after is not None and after.text == ",")


# nouns of people by what they do: "la syndicaliste", "le chercheur", "les manifestants"
_AGENT_ENDINGS = ("iste", "istes", "eur", "eurs", "euse", "euses", "ienne", "iens", "ien")


def _names_someone(np: list[Any]) -> bool:
    return any(t.ent_type_ in ("PER", "ORG") or t.lower_ in ("lui", "elle", "eux", "elles") for t in np)
