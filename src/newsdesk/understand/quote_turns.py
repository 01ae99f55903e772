"""Attributions inside an interview answer or a transcript's turn (session 17, Q15).

A turn ("DanaWhitfield: … The transport minister told me that the government would not sign …", or
an "A:" answer) is one quote, its speaker's. Before session 17 `quotes._nest` dropped every cue
inside one, as inside quotation marks, so the minister's words were lost. A reader wants both: the
answer as the interviewee's, and the minister's words as the minister's, nested in the answer that
reports them. Only a statement that the turn gives to someone else is kept (`reported_in_turn`); the
speaker's own "I said …" stays part of the answer, and the turn's label is never the inner speaker
(`speaker_in_turn`).

Measured (clean copies of 452d089 against it plus this): the corpus store's interview pages gain 11
inner quotes (Chomsky's George Bush and Hoop Scheffer, Colbert on the Onion page, …) and lose none;
PolNeAR dev predictions are byte-identical. Quoted transcripts there (the Pence / Wallace one) would
have gained "it shows …" and "Trump's tweet was mocking the fact …" without the statement and subject
tests below.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand.quote_cues import rule_speaker
from newsdesk.understand.quote_found import Found, doc_text, token_at

NESTED_IN_TURNS = True  # False: every cue in a turn is dropped, as in session 16


def reported_in_turn(doc: Any, f: Found, turn: Found) -> bool:
    """Whether an attribution inside a turn ("The minister told me that they would not sign", in an
    answer) reports what someone other than the turn's speaker said, who keeps the whole answer:
    quoted words, or a clause after its cue (`_STATEMENT_SLOTS`), whose cue's subject is someone
    (`_someone_else`). The turn's own words stay its own: "I said ...", "we told them ..." (already
    the answer's), "as you said" (the interviewer's, asked back), "like she said, bring light into
    ..." (a parenthetical cue: the words around it are the speaker's); "Trump's tweet was mocking
    the fact that ..." (an object, no statement) is the speaker's reading; "the government appears
    to have taken ..." (a raised subject) names no one saying anything. Before session 17 every cue
    in a turn was dropped, and the minister's words with it."""
    if not NESTED_IN_TURNS or doc is None:
        return False
    if f.slot not in _STATEMENT_SLOTS or (f.kind != "direct" and (f.lead is not None or f.start < f.cue_start)):
        return False
    cue = token_at(doc, f.cue_start) if f.cue_start >= 0 else None
    who = _turn_subject(f, cue, turn)
    return who is not None and cue is not None and _someone_else(doc, who, turn.start, cue.idx)


def _someone_else(doc: Any, who: Any, start: int, cue_at: int) -> bool:
    """Whether a cue's subject inside a turn is someone other than its speaker: no first or second
    person, no thing ("it shows ..."), and a he, she or they only after its paragraph of the turn
    has named whom it may stand for (a person; or a group, a place or a person for "they"): "There
    was a woman … she said" names no one, and the article's last person before is not she."""
    word = who.lower_
    if who.is_punct or word in _OWN_VOICE | _THINGS:
        return False
    if word not in _HE_SHE | _THEY:
        return True
    kinds = {"PERSON"} if word in _HE_SHE else {"PERSON", "ORG", "NORP", "GPE"}
    start = max(start, doc_text(doc).rfind("\n\n", 0, cue_at) + 2)
    return any(e.label_ in kinds and start <= e.start_char and e.end_char <= cue_at for e in doc.ents)


def _turn_subject(f: Found, cue: Any, turn: Found) -> Any:
    """Who the grammar says speaks an attribution inside a turn, never the turn's label: the parse
    may hang "DanaWhitfield:" on the answer's first verb as a second subject."""
    who = f.speaker_tok if f.speaker_tok is not None else (rule_speaker(cue) if cue is not None else None)
    if who is not None and who.idx < turn.start and cue is not None:
        who = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= turn.start), None)
    return who


# The turn's own voice: its speaker ("I", "we") or the one asking ("you").
_OWN_VOICE = {"i", "me", "my", "myself", "we", "us", "our", "ourselves", "you", "your"}
_THINGS = {"it", "this", "that", "these", "those", "which", "what", "there"}
_HE_SHE = {"he", "she", "him", "her"}
_THEY = {"they", "them"}
# How a cue takes a statement: a clause ("told me that ...", "promised to ..."), a noun's ("the claim
# that ..."); a quotation too when its cue takes it so ("“We will not sign,” the minister said").
_STATEMENT_SLOTS = {"ccomp", "xcomp", "acl"}


def speaker_in_turn(f: Found, cue: Any, ranked: Any) -> Any:
    """The speaker of an attribution kept inside a turn (`reported_in_turn`): the ranker's choice,
    unless that is the turn's own label or voice (it took "DanaWhitfield:" for the speaker of "The
    fishermen's union said ..." in her answer); then the cue's subject, whom the child was kept for."""
    turn = f.parent
    if turn is None or turn.rule != "line" or ranked is None:
        return ranked
    if ranked.idx < turn.start or ranked.lower_ in _OWN_VOICE:
        return _turn_subject(f, cue, turn) or ranked
    return ranked
