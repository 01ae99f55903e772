"""The entity a French quote's speaker names, pronouns included (F6's rules, split out of speakers
by concern, F7): the phrase's own mention (`speaker_links`), else for il/elle the subject of the
nearest earlier sentence of that gender, for a role noun the person given that role.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand.entities import Mention
from newsdesk.understand.french import roles
from newsdesk.understand.french.speaker_links import Context, beside, by_role, gender, named_after, person_within
from newsdesk.understand.french.speakers import PRONOUN_GENDER, SPEAKING_BODIES, STOPS, SUBJECT_DEPS, Speaker, phrase

_WINDOW = 1500  # characters back a pronoun may reach: about three paragraphs


def named(sp: Speaker, ctx: Context) -> tuple[Mention | None, str]:
    """The mention a speaker phrase stands for, if any, and the phrase as written (for a pronoun
    whose antecedent names no one, the antecedent's phrase: "Le nouveau gouvernement")."""
    text = sp.head.doc.text
    written = text[sp.span[0]:sp.span[1]]
    own = (ctx.by_token.get(sp.head.i) or person_within(sp, ctx.by_token) or beside(sp, ctx.by_token)
           or named_after(sp.head, ctx.by_token))
    if own is not None:
        return glued_person(own, ctx.by_token) or own, written
    w = sp.head.lower_
    if w.lstrip("-") in ("ils", "elles"):
        m, phrase_ = group(sp.head, ctx)
        return m, phrase_ or written
    if w in PRONOUN_GENDER:
        m, phrase_ = antecedent(sp.head, PRONOUN_GENDER[w], ctx)
        return m, phrase_ or written
    if sp.head.pos_ == "NOUN" and roles.is_role_noun(sp.head):  # "le ministre", not "le quotidien"
        return by_role(sp.head, ctx.mentions), written
    return None, written


def glued_person(m: Mention, by_token: dict[int, Mention]) -> Mention | None:
    """The person named right after an organisation, a space apart: "a annoncé à l'agence RIA Novosti
    Valentine Sapounov" (the two names `names` split) is Sapounov speaking, not the agency."""
    doc = m.span.doc
    nxt = by_token.get(m.span.end) if m.type == "ORG" and m.span.end < len(doc) else None
    if nxt is None or nxt.type != "PERSON" or nxt.span.start != m.span.end:
        return None
    return nxt if doc[m.span.end - 1].whitespace_ == " " else None


def antecedent(tok: Any, sex: str, ctx: Context) -> tuple[Mention | None, str | None]:
    """What a il/elle stands for: the subject of the nearest earlier sentence (or a speaker already
    found there) that may be it: a person of the pronoun's gender where the text says one. A sentence
    whose subject is the same pronoun carries the same one on, so it is passed. A body the sentence
    just before names as its subject ("Le nouveau gouvernement ... Il a déclaré") is the answer,
    naming no one, or naming the organisation it is; so is someone unnamed who spoke there ("…, a
    indiqué un porte-parole de la police. … a-t-il précisé"); with no subject to go by, the nearest
    person of that gender named before."""
    doc, here = tok.doc, tok.idx
    sents = [s for s in ctx.sents if s[0] <= here and here - s[0] <= _WINDOW]
    for n, (a, b) in enumerate(reversed(sents)):
        spoke = [(at, m) for at, m in ctx.earlier if a <= at < min(b, here)]
        said = [(at, sp) for at, sp in ctx.phrases if a <= at < min(b, here) and phrase_sex(sp.head) == sex
                and _indefinite(sp)]
        if said and (not spoke or said[-1][0] > spoke[-1][0]) and phrase_number(said[-1][1].head) != "p":
            return None, _written(said[-1][1])  # "…, a indiqué un porte-parole de la police. … a-t-il précisé"
        if spoke and gender(spoke[-1][1]) in (None, sex):
            return spoke[-1][1], None
        subj = _main_subject(doc, a, b, ctx) if b <= here else None
        if subj is None:
            continue
        sp = Speaker(subj, phrase(subj))
        m = (ctx.by_token.get(subj.i) or person_within(sp, ctx.by_token) or beside(sp, ctx.by_token)
             or _same_name(subj, ctx.mentions))
        if m is not None and m.type == "PERSON" and gender(m) in (None, sex):
            return m, None
        if n == 1 and m is not None and m.type == "ORG" and ctx.by_token.get(subj.i) is m and not (
                roles.is_role_noun(subj)):  # "ministre de l'Agriculture", read an ORG, is a role
            return m, None  # "Le PP a considéré qu'Antoni Pastor … Il lui reproche": the party, no person
        g = subj.morph.get("Gender")
        # a body or a person's role with no name the model found ("le ministre de la Justice X")
        body = n == 1 and m is None and (subj.lemma_.lower() in SPEAKING_BODIES or roles.is_role_noun(subj))
        if body and g and ("f" if g[0] == "Fem" else "m") == sex:
            return None, doc.text[sp.span[0]:sp.span[1]]
    near = [m for m in ctx.mentions if m.type == "PERSON" and m.end <= here and here - m.start <= _WINDOW
            and not ctx.quoted(m.start) and gender(m) in (None, sex) and not _after_preposition(m)]
    return (near[-1] if near else None), None


def group(tok: Any, ctx: Context) -> tuple[Mention | None, str | None]:
    """What an ils/elles stands for: a group speaking or the plural subject of one of the two
    sentences before it ("Les syndicats ont rencontré le ministre. Ils ont affirmé …"); an
    organisation's mention when the group is one. (None, None) when no plural group stands there.
    Gender is not read: the small model calls "infirmières" masculine."""
    doc, here = tok.doc, tok.idx
    sents = [s for s in ctx.sents if s[1] <= here and here - s[0] <= _WINDOW][-2:]
    for a, b in reversed(sents):
        said = [sp for at, sp in ctx.phrases if a <= at < b and phrase_number(sp.head) == "p"]
        if said:
            return None, _written(said[-1])
        subj = _main_subject(doc, a, b, ctx)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or phrase_number(subj) != "p":
            continue
        m = ctx.by_token.get(subj.i)
        return (m, None) if m is not None and m.type == "ORG" else (None, _written(Speaker(subj, phrase(subj))))
    return None, None


def _indefinite(sp: Speaker) -> bool:
    """A phrase brought in with an indefinite article ("un porte-parole de la police"): someone the
    article does not name. "l'expert", "son parti" mostly stand for one it named before."""
    doc = sp.head.doc
    first = doc.char_span(sp.span[0], sp.span[1], alignment_mode="expand")
    return first is not None and len(first) > 0 and first[0].lower_ in ("un", "une")


def phrase_sex(head: Any) -> str | None:
    """The grammatical gender of a speaker phrase's head noun ("un porte-parole": m), or None."""
    g = head.morph.get("Gender")
    return ("f" if g[0] == "Fem" else "m") if g and head.pos_ == "NOUN" else None


def phrase_number(head: Any) -> str | None:
    """"p" for a plural head noun ("les dirigeants"), "s" for a singular one, None for another word."""
    n = head.morph.get("Number")
    return ("p" if n[0] == "Plur" else "s") if n and head.pos_ in ("NOUN", "PROPN") else None


def _written(sp: Speaker) -> str:
    return str(sp.head.doc.text[sp.span[0]:sp.span[1]])


def _same_name(tok: Any, mentions: list[Mention]) -> Mention | None:
    """A name the model did not mark here but marked as a person elsewhere in the article."""
    if not tok.text[:1].isupper():  # the small model reads "Le Pen"'s "Pen" as a noun
        return None
    doc = tok.doc
    a = b = tok.i
    while a > 0 and doc[a - 1].text[:1].isupper() and doc[a - 1].pos_ in ("PROPN", "DET", "NOUN"):
        a -= 1
    while b + 1 < len(doc) and doc[b + 1].text[:1].isupper() and doc[b + 1].pos_ in ("PROPN", "NOUN"):
        b += 1
    name = doc[a:b + 1].text
    return next((m for m in mentions if m.type == "PERSON" and (m.text == name or m.canonical == name)), None)


def _after_preposition(m: Mention) -> bool:
    """The name hangs from a preposition ("la politique du président José Ramón Bauzà"): no subject."""
    doc = m.span.doc
    i = m.span.start - 1
    while i >= 0 and m.span.start - i <= 3 and doc[i].pos_ in ("NOUN", "ADJ", "DET"):
        if doc[i].lower_ in _BEFORE_NAME:
            break
        i -= 1
    return i >= 0 and doc[i].lower_ in _BEFORE_NAME


_BEFORE_NAME = {"de", "d'", "d’", "à", "par", "avec", "pour", "contre", "sur", "selon", "chez", "du", "au", "des",
                "aux"}


def _main_subject(doc: Any, a: int, b: int, ctx: Context) -> Any:
    """A sentence's subject outside its quotations: the parse's first, else (the small model often
    parses a sentence with no subject) its first person named not after a preposition."""
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return None
    for t in span:
        if (t.dep_ in SUBJECT_DEPS and t.lower_ not in ("qui", "-t") and t.text not in STOPS and t.pos_ != "VERB"
                and not ctx.quoted(t.idx)):
            return t
    for t in span:
        m = ctx.by_token.get(t.i)
        named_here = m is not None and m.type == "PERSON" and not ctx.quoted(t.idx)
        if named_here and (t.i == 0 or doc[t.i - 1].lower_ not in _BEFORE_NAME):
            return t
    return None
