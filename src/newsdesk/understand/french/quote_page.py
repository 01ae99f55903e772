"""What the French quote rules share (`quotes`, `quote_sources`): the page they read (its
quotations and sentences, from `quote_marks`) and the attribution each rule proposes (`Said`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsdesk.understand.french import quote_marks as marks
from newsdesk.understand.french.speakers import Speaker

MIN_WORDS = 3  # a shorter quotation is a term or a title (« 3DS XL », « détermination »), not a statement
MIN_BARE = 4  # ... and one with no colon or "que" before it ("a dénoncé « … »") needs one more
OPENERS = set(marks.PAIRS)
AUXES = {"a", "avait", "ont", "avaient", "aurait", "auraient", "aura", "eut", "est", "était", "sont", "s'est"}
OBJECT_CLITICS = {"lui", "leur", "nous", "vous", "me", "m'", "m’", "l'", "l’", "le", "la", "les", "y", "en", "se",
                  "s'", "s’", "t'"}


@dataclass
class Said:
    pieces: list[tuple[int, int]]
    kind: str
    cue: tuple[int, int] | None
    speaker: Speaker | None
    regions: set[int] = field(default_factory=set)
    carried: Said | None = None  # a cue-less quotation takes this quote's speaker


@dataclass
class Page:
    doc: Any
    text: str
    regions: list[tuple[int, int]]
    sents: list[tuple[int, int]]
    used: set[int] = field(default_factory=set)  # quotations taken
    cues: set[int] = field(default_factory=set)  # cue tokens taken

    def region_at(self, char: int) -> int | None:
        return next((k for k, (a, _) in enumerate(self.regions) if a == char), None)

    def inside(self, char: int) -> bool:
        return any(a < char < b for a, b in self.regions)

    def within(self, *spans: tuple[int, int]) -> set[int]:
        """The quotations that open inside any of the spans."""
        return {k for k, (a, _) in enumerate(self.regions) if any(lo <= a < hi for lo, hi in spans)}

    def sentence(self, char: int) -> int:
        return next((k for k, (a, b) in enumerate(self.sents) if a <= char < b), len(self.sents) - 1)

    def long_enough(self, k: int, least: int = MIN_WORDS) -> bool:
        return marks.words(self.text, marks.inner(self.text, self.regions[k])) >= least


def goes_on(page: Page, said: Said, at: int, end: int) -> None:
    """The quotation right after a cue clause, in the same sentence, is the same quote's next piece."""
    rest = page.text[at:end]
    gap = len(rest) - len(rest.lstrip(marks.SPACES + ",:"))
    k = page.region_at(at + gap)
    if k is not None and k not in page.used and gap > 0:
        said.pieces.append(marks.inner(page.text, page.regions[k]))
        said.regions.add(k)
        page.used.add(k)


def finite(doc: Any, span: tuple[int, int]) -> bool:
    """The stretch holds a clause of its own: a finite verb."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand") or []
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in words)


def has_verb(doc: Any, span: tuple[int, int]) -> bool:
    """A clause, not the source's description (", selon Joseph Lhota, le président du MTA.")."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand") or []
    return any(t.pos_ in ("VERB", "AUX") for t in words)


def clitic_speaker(tok: Any) -> Speaker:
    """The clitic subject of "dit-il", "a-t-elle" as the speaker, without its hyphen."""
    start = tok.idx + len(tok.text) - len(tok.text.lstrip("-"))
    return Speaker(tok, (start, tok.idx + len(tok.text)))
