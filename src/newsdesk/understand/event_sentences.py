"""The stretches of a parsed sentence the event coder reads as sentences (V5).

spaCy's sentences are not always one sentence of English, and an event read across such a
sentence joins what the text keeps apart:
- a blank line ends a sentence. spaCy runs one over a heading or a dateline and the paragraph after it,
  or over two paragraphs ("Russian troops attacked\\n\\nUkrainian positions ..."), and the coder made
  an event whose actor stood in one paragraph and its target in the other. Each paragraph's part is
  now a sentence of its own;
- a sentence mostly in another script than Latin ("<Arabic> Egyptian President Anwar Sadat said it
  in 1977") was given no event at all (V4), its English clause's with it. The longest stretch of the
  sentence without a letter of another script is read instead, when it holds a few words.

A part is a Span of the same Doc: offsets, entities and the parse stay the article's. The parse
still links words across a part's edge (the object of "attacked" is in the next paragraph), so an
actor is read only from the words of its own part (`inside`).

Since session 23 the shared parse itself ends a sentence at a blank line (`nlp.PARAGRAPH_BREAKS`), so
a heading or a dateline no longer takes the verb or the subject of the paragraph after it ("Nairobi,
Monday 3 March\n\nKenyan President William Ruto said": "Nairobi" was the subject of "said", and the
part had none); the paragraph parts here stay for Docs parsed without it. Measured (V5): PETR-2
triples P 0.343 R 0.370 F1 0.356 and pentaclass 0.998 as before (their sentences have no blank line
and no other script); over the 66 English pages of the corpus (wikinews-en-gum, govuk) 1,517 events
instead of 1,436, the new ones the parts of sentences that were one, nearly all `weak`; 67 storable
instead of 69.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand.language import other_script_share

# A sentence whose letters are mostly of another script than Latin is not English, whatever its
# paragraph's language (the parse of "<Arabic> Sadat said it in 1977" ran an actor over both).
OTHER_SCRIPT_MAX = 0.5
# The Latin stretch of such a sentence is read when it has this many words: "Egyptian President
# Anwar Sadat said it" is a clause, a name or a title quoted in Latin letters ("CNN", "Al Jazeera
# English") is not.
MIN_LATIN_WORDS = 4


def parts(sent: Any) -> list[Any]:
    """The spans of `sent` the coder reads as sentences: its paragraphs' parts, each of them, when
    it is mostly in another script, cut to its longest Latin stretch (or dropped when that is short)."""
    out = []
    for part in _paragraph_parts(sent):
        if other_script_share(part.text) > OTHER_SCRIPT_MAX:
            part = _latin_stretch(part)
        if part is not None and part.text.strip():
            out.append(part)
    return out


def inside(tok: Any, part: Any) -> bool:
    """Whether a token is one of the part's words (a parse link may leave it)."""
    return part.start <= tok.i < part.end


def _paragraph_parts(sent: Any) -> list[Any]:
    """`sent` cut at every blank line in it (a whitespace token holding two line breaks)."""
    cuts = [t.i for t in sent if t.is_space and t.text.count("\n") >= 2]
    if not cuts:
        return [sent]
    doc, bounds = sent.doc, [sent.start, *cuts, sent.end]
    out = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        start = low + 1 if low in cuts else low
        if start < high:
            out.append(doc[start:high])
    return out


def _latin_stretch(part: Any) -> Any | None:
    """The longest run of the part's tokens with no letter of another script, from its first word
    to its last (punctuation around it left out), or None when it has fewer than MIN_LATIN_WORDS."""
    best: tuple[int, int] = (0, 0)
    start = None
    for tok in [*part, None]:
        foreign = tok is None or other_script_share(tok.text) > 0
        if not foreign and start is None:
            start = tok.i
        elif foreign and start is not None:
            end = tok.i if tok is not None else part.end
            if end - start > best[1] - best[0]:
                best = (start, end)
            start = None
    doc = part.doc
    words = [t for t in doc[best[0]:best[1]] if t.is_alpha]
    if len(words) < MIN_LATIN_WORDS:
        return None
    return doc[words[0].i:best[1]]
