"""Boilerplate learned from many pages: which words and which whole lines sit outside article bodies.

A menu item, a share bar or a cookie notice reads the same on every site that has one, and
its words ("subscribe", "newsletter", "rights", "reserved") are rare in article prose. Counting,
over the labelled development pages, on how many pages each word (and each whole line) occurs
in body lines and in other lines gives every line of a new page four measured numbers
(VOCAB_FEATURES) instead of a phrase list written by hand.

Counts are by page (a word used fifty times on one page counts once), and a word seen on
fewer than MIN_PAGES pages says nothing. Training rows must not see their own page in the
counts (`own`), or the model would learn that every line of its training pages is known.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsdesk.extract.text_lines import Line

VOCAB_FEATURES = ("vocab_mean", "vocab_max", "vocab_min", "vocab_known", "line_outside", "line_inside")
# A word must occur on this many pages before its counts mean anything (2 and 3 tried by page CV).
MIN_PAGES = 2
_KEY = re.compile(r"\w+")


def line_key(text: str) -> str:
    """A line's words, lowercased: the same menu item with other spacing or punctuation matches."""
    return " ".join(_KEY.findall(text.lower()))[:80]


def line_words(line: Line) -> set[str]:
    return {t.lower() for t in line.tokens if not t.isdigit()}


@dataclass
class PageCounts:
    """What one page adds to the counts: words and line keys seen in its body and outside it."""

    body_words: set[str] = field(default_factory=set)
    other_words: set[str] = field(default_factory=set)
    body_lines: set[str] = field(default_factory=set)
    other_lines: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, lines: list[Line], labels: Iterable[int]) -> PageCounts:
        page = cls()
        for line, label in zip(lines, labels, strict=True):
            (page.body_words if label else page.other_words).update(line_words(line))
            (page.body_lines if label else page.other_lines).add(line_key(line.text))
        return page


@dataclass
class Vocabulary:
    """Page counts summed over training pages: word -> (body pages, other pages), line key -> the same."""

    words: dict[str, tuple[int, int]]
    lines: dict[str, tuple[int, int]]

    @classmethod
    def from_pages(cls, pages: Iterable[PageCounts], min_pages: int = 1) -> Vocabulary:
        wb, wo, lb, lo = Counter[str](), Counter[str](), Counter[str](), Counter[str]()
        for page in pages:
            wb.update(page.body_words)
            wo.update(page.other_words)
            lb.update(page.body_lines)
            lo.update(page.other_lines)
        words = {w: (wb[w], wo[w]) for w in wb.keys() | wo.keys() if wb[w] + wo[w] >= min_pages}
        lines = {k: (lb[k], lo[k]) for k in lb.keys() | lo.keys() if lb[k] + lo[k] >= min_pages}
        return cls(words, lines)

    def to_dict(self) -> dict[str, dict[str, list[int]]]:
        return {"words": {w: list(v) for w, v in sorted(self.words.items())},
                "lines": {k: list(v) for k, v in sorted(self.lines.items())}}

    @classmethod
    def from_dict(cls, d: dict[str, dict[str, list[int]]]) -> Vocabulary:
        return cls({w: (v[0], v[1]) for w, v in d["words"].items()},
                   {k: (v[0], v[1]) for k, v in d["lines"].items()})


def vocab_rows(lines: list[Line], vocab: Vocabulary, own: PageCounts | None = None) -> list[list[float]]:
    """VOCAB_FEATURES per line; `own` is the page's own share of the counts, taken out for training rows."""
    rows = []
    for line in lines:
        scores = []
        words = line_words(line)
        for w in words:
            body, other = vocab.words.get(w, (0, 0))
            if own is not None:
                body, other = body - (w in own.body_words), other - (w in own.other_words)
            if body + other >= MIN_PAGES:
                # Log odds of "outside the body" with add-one smoothing, in pages.
                scores.append(math.log((other + 1) / (body + 1)))
        key = line_key(line.text)
        body, other = vocab.lines.get(key, (0, 0))
        if own is not None:
            body, other = body - (key in own.body_lines), other - (key in own.other_lines)
        if body + other < MIN_PAGES:  # a line seen on one page is that page's own
            body = other = 0
        rows.append([sum(scores) / len(scores) if scores else 0.0, max(scores, default=0.0),
                     min(scores, default=0.0), len(scores) / max(len(words), 1),
                     math.log1p(other), math.log1p(body)])
    return rows
