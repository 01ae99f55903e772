"""What every quote rule proposes (`Found`), and the Doc and span helpers the rules share.

`quotes.py` runs the rules; the candidate finders (`quote_candidates.py`), the quoted stretches and
their widening (`quote_regions.py`) and the quotes no cue reached (`quote_orphans.py`) all build and
read these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Found:
    start: int
    end: int
    kind: str
    cue: str | None = None
    speaker_tok: Any = None  # the head token of the speaker phrase, when the parse gives one
    speaker_text: str | None = None
    cue_start: int = -1
    pieces: list[tuple[int, int]] = field(default_factory=list)
    # which rule found it: cue | according | line | quoted. A rule for "Content, X said." parsed
    # with "said" under the content verb was dropped: on PolNeAR dev it found 6 right speakers,
    # 11 wrong and 15 false quotes, while spaCy mostly parses that shape with "said" as the root.
    rule: str = "cue"
    borrowed: Found | None = None  # a cue-less quote takes the speaker of this earlier one
    parent: Found | None = None  # the attribution whose content holds this one's cue
    slot: str = ""  # how the cue takes its content (`cue_slot`), for the learned filter
    lexicon_p: float = 1.0  # the cue lexicon's P(cue | word, slot)
    confidence: float = 1.0  # the learned filter's P(attribution); 1 for quotes and speaker lines
    speaker_p: float = 1.0  # the speaker ranker's P(its choice is the source); 1 when not ranked
    lead: tuple[int, int] | None = None  # a content piece before the cue: its passive or raised subject
    # the cue is a verb the lexicon does not know that frames the quotation ("“…,” Trump barked"):
    # its subject speaks, and the ranker, fitted on the lexicon's cues, does not choose
    framed: bool = False


def span_of(tokens: list[Any]) -> tuple[int, int]:
    """The character bounds of some tokens, punctuation and spaces left out ((0, 0) for none)."""
    toks = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not toks:
        return (0, 0)
    return (min(t.idx for t in toks), max(t.idx + len(t) for t in toks))


def tokens(doc: Any) -> list[Any]:
    """The Doc's tokens, made once: each `for tok in doc` builds every Token object anew."""
    toks = doc.user_data.get("newsdesk_tokens")
    if toks is None:
        toks = doc.user_data["newsdesk_tokens"] = list(doc)
    return toks


def doc_text(doc: Any) -> str:
    """The Doc's text, kept once in its user_data: Doc.text re-joins every token on each access, and
    the quote rules, speakers, pronouns and national bodies read it many times an article."""
    text = doc.user_data.get("newsdesk_text")
    if text is None:
        text = doc.user_data["newsdesk_text"] = doc.text
    return text


def token_at(doc: Any, char: int) -> Any:
    """The token that covers a character offset, or None (used by the filter, ranker and quote anatomy)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters two (start, end) spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def enclosing(text: str, start: int, end: int, separator: str) -> tuple[int, int]:
    """The bounds of the line ("\n") or paragraph ("\n\n") holding text[start:end]: from just
    after the last separator before `start` to the first one from `end` (or the text's end)."""
    before = text.rfind(separator, 0, start)
    after = text.find(separator, end)
    return before + 1, len(text) if after < 0 else after
