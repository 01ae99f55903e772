"""Whom a he, she, they or we speaker stands for: the nearest person (or group) before it, subjects
preferred, its own sentence's first, else (a he/she) the subject of an earlier sentence.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import nlp, pronouns
from newsdesk.understand.annotate_switches import GROUP_SUBJECTS, PREVIOUS_SUBJECT, SEX_AGREES
from newsdesk.understand.entities import Mention
from newsdesk.understand.speakers import quoted_at

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me", "his"}
ANTECEDENT_WINDOW = 1500  # characters back a pronoun may reach: about three paragraphs
_SUBJECT_PRONOUNS = {"he", "she"}


def antecedent(tok: Any, mentions: list[Mention]) -> Mention | None:
    """The nearest person before a he/she (a group before they/we), subjects preferred: one before it
    in its sentence, else (a he/she) the subject of an earlier sentence (`_previous_subject`); not
    one whose sex the article says and the pronoun does not (`pronouns`)."""
    kinds = ("PERSON",) if tok.lower_ in PERSON_PRONOUNS else ("ORG", "NORP", "GPE")
    before = [m for m in mentions if m.type in kinds and m.end <= tok.idx
              and tok.idx - m.start < ANTECEDENT_WINDOW]
    if SEX_AGREES:  # "She says" after "Clinton says Trump's ...": not Trump
        before = pronouns.agreeing(tok, before, mentions)
    if not before:
        return None
    sent = nlp.sent_of(tok)
    own = [m for m in before if m.start >= sent.start_char]
    if PREVIOUS_SUBJECT and tok.lower_ in _SUBJECT_PRONOUNS:
        return _subject_for(tok, sent, own, before, mentions) or before[-1]
    subjects = [m for m in own if m.span.root.dep_ in ("nsubj", "nsubjpass")]
    return (subjects or before)[-1]


def _subject_for(tok: Any, sent: Any, own: list[Mention], before: list[Mention],
                 mentions: list[Mention]) -> Mention | None:
    """The subject a he/she stands for: the last one before it in its sentence; when its sentence
    names no one before it outside quotation marks ("“… Biden …,” he said", "He said …"), the
    previous sentence's (`_previous_subject`). None: the nearest person, as before."""
    quoted = pronouns.antecedent_quoted(tok.doc)
    own = [m for m in own if not quoted_at(m.span.root.idx, quoted)]
    if not own:
        return _previous_subject(tok, sent, before, mentions, quoted)
    if not GROUP_SUBJECTS:
        subjects = [m for m in own if m.span.root.dep_ in ("nsubj", "nsubjpass")]
        return subjects[-1] if subjects else None
    heads = [(o.span.root, o) for o in own] + _unnamed_subjects(tok, sent, quoted)
    ranked = sorted(((h, o) for h, o in heads if pronouns.subject_token(h)), key=lambda ho: ho[0].i)
    if not ranked:
        return None
    head, named = ranked[-1]
    return named if named is not None else antecedent(head, mentions)


def _unnamed_subjects(tok: Any, sent: Any, quoted: list[tuple[int, int]]) -> list[tuple[Any, Mention | None]]:
    """The subjects before a he/she in its sentence that are the same pronoun ("He praised Biden
    before he said": whom the first "He" means). Not "the senator" by its role (`_by_role`): on
    PolNeAR train "the campaign" read as an agent matched a pollster "involved with the Clinton
    campaign"."""
    return [(t, None) for t in sent if t.i < tok.i and t.lower_ == tok.lower_
            and pronouns.subject_token(t) and not quoted_at(t.idx, quoted)]


def _previous_subject(tok: Any, sent: Any, before: list[Mention], mentions: list[Mention],
                      quoted: list[tuple[int, int]]) -> Mention | None:
    """The subject of the nearest earlier sentence naming one of `before` (the people a he/she may
    mean): its main clause's subject first, so the speaker of "“…,” Obama said." and not a name
    the quote holds; a he/she of the same sex there stands for whom it stands for. None when that
    sentence has no such subject (then the nearest person, as before). `quoted`: the Doc's quoted
    stretches (`quote_regions.quoted_regions`)."""
    while sent.start > 0:
        sent = nlp.sent_of(tok.doc[sent.start - 1])
        # who the sentence names outside quotation marks: a sentence that is only a quote is
        # its speaker's, not its subject's ("Obama spoke. “Biden will lead.” He added …")
        heads: list[tuple[Any, Mention | None]] = [
            (m.span.root, m) for m in before if sent.start_char <= m.start < sent.end_char]
        heads += [(t, None) for t in sent if t.lower_ == tok.lower_]
        heads = [(h, m) for h, m in heads if not quoted_at(h.idx, quoted)]
        if not heads:
            if before[0].start < sent.start_char:
                continue  # someone is named further back
            return None
        heads = [(h, m) for h, m in heads if pronouns.subject_token(h)]
        if not heads:
            return None
        head, m = min(heads, key=lambda hm: (pronouns.depth(hm[0]), hm[0].i))
        return m if m is not None else antecedent(head, mentions)
    return None
