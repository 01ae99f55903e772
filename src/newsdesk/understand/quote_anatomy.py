"""The anatomy of a quote: where, in the article text, its pieces, its cue and its speaker's mention are.

`anatomy(doc, text, found, by_token)` gives the stretches that were said (in text order, without the
quote's own cue clause), the cue as written ("did not say", "according to", a speaker line's colon)
and the mention of the speaker as written (a name, a description, a pronoun), so a page can mark
each apart and every quote points back at the words it came from.
"""

from __future__ import annotations

from typing import Any

# annotate calls `anatomy`, and the anatomy marks the speaker annotate names: a cycle Python resolves
# because neither module uses the other before its functions run.
from newsdesk.understand import annotate, quotes
from newsdesk.understand.entities import Mention

Span = tuple[int, int]


def anatomy(doc: Any, text: str, f: quotes.Found,
            by_token: dict[int, Mention]) -> tuple[tuple[Span, ...], Span | None, Span | None]:
    """(pieces said, cue span, speaker-mention span) of one found quote; a cue-less quote that
    borrows its speaker points at the cue and mention of the quote it borrows from."""
    origin = _origin(f)
    cue = _cue_span(doc, text, origin)
    who, phrase = _speaker_span(text, origin, by_token, cue)
    pieces = _without(text, _pieces(text, f), _cue_clause(text, cue, phrase)) if origin is f else _pieces(text, f)
    return pieces, cue, who


def _pieces(text: str, f: quotes.Found) -> tuple[Span, ...]:
    """What was said, as (start, end) stretches in text order, without the spaces at their edges;
    overlapping or touching stretches are one."""
    out: list[Span] = []
    for a, b in sorted(_trim(text, p) for p in f.pieces or [(f.start, f.end)]):
        if a >= b:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out) or ((f.start, f.end),)


def _cue_clause(text: str, cue: Span | None, who: Span | None) -> Span | None:
    """The cue, with the phrase that names the speaker when nothing but spaces lies between ("she
    said", "said Warren", "Clinton's team says"): words that introduce the quote, never words said."""
    if cue is None or who is None:
        return cue
    if who[1] <= cue[0] and not text[who[1]:cue[0]].strip():
        return who[0], cue[1]
    if cue[1] <= who[0] and not text[cue[1]:who[0]].strip():
        return cue[0], who[1]
    return cue


def _without(text: str, pieces: tuple[Span, ...],
             clause: Span | None) -> tuple[Span, ...]:
    """The pieces with the quote's own cue clause cut out. A content span the parser runs across
    its cue ("“It's finished,” she said of the election, in which ...", "what lawmakers called
    “fraud”": 33 of 1,619 quotes on PolNeAR dev) would otherwise mark the cue as said."""
    if clause is None:
        return pieces
    out: list[Span] = []
    for a, b in pieces:
        if a < clause[0] and clause[1] < b:
            out += [p for p in ((a, clause[0]), (clause[1], b)) if any(ch.isalnum() for ch in text[p[0]:p[1]])]
        else:
            out.append((a, b))
    return tuple(_trim(text, p) for p in out) or pieces


def _trim(text: str, piece: Span) -> Span:
    """A stretch without the spaces at its edges, nor the comma that hands a quote over to its cue
    ("“… non-negotiable,” he said"): the writer's punctuation, not the speaker's words."""
    a, b = piece
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in HANDOVER):
        b -= 1
    return a, b


HANDOVER = ",;:"


def without_closing_comma(said: str) -> str:
    """A piece of what was said as shown: `_trim`'s stretch, as text."""
    a, b = _trim(said, (0, len(said)))
    return said[a:b]


def _origin(f: quotes.Found) -> quotes.Found:
    """The quote whose cue and speaker this one uses: a cue-less quote borrows the one's before."""
    seen = 0
    while f.cue_start < 0 and f.borrowed is not None and seen < 50:  # a chain, never a cycle
        f, seen = f.borrowed, seen + 1
    return f


def _cue_span(doc: Any, text: str, f: quotes.Found) -> Span | None:
    """The cue as written: the verb with the auxiliaries, negation and particle next to it ("did
    not say", "pointed out"), "according to", a speaker line's colon, a dash before a name."""
    if f.cue_start < 0:
        return _dash_at(text, f) if f.speaker_text is not None else None
    if f.rule == "line":
        return f.cue_start, f.cue_start + 1
    tok = quotes.token_at(doc, f.cue_start)
    if tok is None:
        return None
    deps = ("aux", "auxpass", "neg", "prt") if f.rule != "according" else ("prep",)
    parts = {c.i for c in tok.children if c.dep_ in deps}
    first = last = tok
    while first.i > 0 and first.i - 1 in parts:
        first = doc[first.i - 1]
    while last.i + 1 < len(doc) and last.i + 1 in parts:
        last = doc[last.i + 1]
    return first.idx, last.idx + len(last)


def _dash_at(text: str, f: quotes.Found) -> Span | None:
    """"“…” ― Karen Bobadilla": the dash after one of the quote's pieces."""
    for _, end in f.pieces or [(f.start, f.end)]:
        m = quotes.DASH_SPEAKER.match(text[end:end + 60])
        if m:
            at = end + next(i for i, ch in enumerate(m.group(0)) if ch in "―—-")
            return at, at + 1
    return None


def _speaker_span(text: str, f: quotes.Found, by_token: dict[int, Mention],
                  cue: Span | None) -> tuple[Span | None, Span | None]:
    """(where the text names the speaker, the whole phrase that names them): the words annotate
    names the speaker from (`annotate.written_speaker`), so the mark and the name agree. The mark
    is the name written in the phrase ("Clinton" in "Clinton's team", "Abbas Araghchi" in "Iran's
    foreign minister Abbas Araghchi"), else the phrase itself as the speaker reads ("Trump aides",
    "a senior official", a pronoun); none for an "it" that stands for a clause. A speaker line's or
    dash's name is found beside its cue."""
    if f.speaker_text is not None:
        name = _written_name(text, f.speaker_text, cue)
        return name, name
    if f.speaker_tok is None:
        return None, None
    m, words = annotate.written_speaker(quotes.speaker_head(f.speaker_tok), by_token)
    if words is None:
        return None, None
    phrase = words.start_char, words.end_char
    if m is None:
        return phrase, phrase
    return (m.start, m.end), (min(m.start, phrase[0]), max(m.end, phrase[1]))


def _written_name(text: str, name: str, cue: Span | None) -> Span | None:
    """A speaker line's name just before its colon, a dash speaker's name just after the dash."""
    if cue is None:
        return None
    before = text.rfind(name, 0, cue[0])
    if before >= 0 and not text[before + len(name):cue[0]].strip():
        return before, before + len(name)
    after = text.find(name, cue[1], cue[1] + 60)
    return (after, after + len(name)) if after >= 0 else None
