"""Articles from plain-text scrapes: a web page rendered to text, menus and rails included.

A scrape has lost its markup, so the body is found from the shape of the lines alone:

1. split the page into lines and blank-line separated blocks (`split_lines`);
2. describe each line by its own shape (length, closing punctuation, stop-word density,
   title case, list bullets, repetition) and by its neighbourhood (how much prose lies
   around it, whether it sits inside the page's main run of prose) (`line_features`);
3. score each line with a small boosted-tree model learned from the development pages,
   then rescore with the neighbours' scores (a second, stacked model), because body
   lines come in runs and so does boilerplate (`body_lines`);
4. read the metadata around the body: the title above it, categories, byline and dateline,
   and the "Recent Posts" rail below it (related.py).

The work is split by concern: text_lines.py (lines and their features), text_model.py (the
stacked tree model, trained by `newsdesk.bench.text_extraction`, cross-validated by page, and
shipped in data/text_lines.json), text_meta.py (headline, byline, dateline around the body).
This module puts them together and keeps their public names importable from here.
"""

from __future__ import annotations

import re

from newsdesk.extract.related import related_from_lines
from newsdesk.extract.text_lines import (
    CJK,
    FEATURE_NAMES,
    STOP_WORDS,
    TERMINAL,
    Line,
    content_words,
    line_features,
    split_lines,
)
from newsdesk.extract.text_meta import (
    HEAD_WINDOW,
    byline_authors,
    datelines,
    labelled_values,
    signature,
    split_run_together,
    title_above,
)
from newsdesk.extract.text_model import (
    MAX_TEXT_LINES,
    MODEL_FILE,
    LineModel,
    Trees,
    best_span,
    body_mask,
    load_model,
    refuse_lines,
)
from newsdesk.records import Article, paragraphs_to_text
from newsdesk.understand.language import detect_language

__all__ = [
    "FEATURE_NAMES", "MODEL_FILE", "STOP_WORDS", "Line", "LineModel", "Trees", "best_span", "body_mask",
    "byline_authors", "excerpt_of", "extract_text", "labelled_values", "line_features", "load_model",
    "refuse_long_text", "split_lines", "split_run_together",
]

EXCERPT_CHARS = 200
# Fewer body words than this and the page is not an article (the shortest gold body among the
# bench pages has 66 words; a listing's stray blurb rarely reaches 40).
MIN_BODY_WORDS = 40
# A body with no prose line must be longer than this to count (a recipe, a schedule); listings'
# headline runs stay below it. The bench pages with prose-free bodies have 120+ words.
PROSELESS_BODY_WORDS = 120
# A line split_lines keeps: one with a character str.strip() keeps (re's \S is str.isspace's opposite).
_NON_EMPTY_LINE = re.compile(r"[^\S\n]*\S[^\n]*")
_ERROR_PAGE = re.compile(r"\b(404|page not found|not found|access denied|forbidden|sign in|log in|login|"
                         r"password|create an account|subscribe to continue)\b", re.I)


def _words(line: Line) -> int:
    """Word count; Chinese, Japanese and Korean write without spaces: two characters a word."""
    return len(line.tokens) + len(CJK.findall(line.text)) // 2


def _reads_as_prose(line: Line) -> bool:
    return _words(line) >= 12 and bool(TERMINAL.search(line.text))


def _not_article_reason(lines: list[Line], body: list[Line]) -> str | None:
    words = sum(_words(line) for line in body)
    # A short "body" without one line of running text is a listing's headlines, not an article.
    if words >= MIN_BODY_WORDS and (words >= PROSELESS_BODY_WORDS or any(map(_reads_as_prose, body))):
        return None
    heads = sum(3 <= len(line.tokens) <= 20 and not line.is_prose for line in lines)
    if heads >= 15:
        return "not an article: link listing"
    if any(_ERROR_PAGE.search(line.text) for line in lines[:40]):
        return "not an article: error or login page"
    return "not an article: no body text"


def excerpt_of(paragraph: str, limit: int = EXCERPT_CHARS) -> str:
    """The first paragraph, cut at a word boundary near `limit` characters, with an ellipsis."""
    if len(paragraph) <= limit:
        return paragraph
    return paragraph[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def refuse_long_text(text: str) -> None:
    """Refuse, as body_mask would, a scrape of more than MAX_TEXT_LINES lines, before any is split.

    split_lines makes an object and a token tuple per line: a 10 MB scrape of short lines took
    47 s and 612 MB only to be refused by body_mask's cap. Counting is a C-speed scan, no objects.
    """
    if text.count("\n") + text.count("\r") < MAX_TEXT_LINES:  # cannot hold more lines: no scan
        return
    normal = text.replace("\r\n", "\n").replace("\r", "\n")  # split_lines' line breaks
    n = sum(1 for _ in _NON_EMPTY_LINE.finditer(normal))
    refuse_lines(n)


def extract_text(text: str, url: str | None = None, fetched_at: str | None = None) -> Article:
    """A plain-text scrape of a web page to an Article (kind "not_article" when it is none)."""
    refuse_long_text(text)
    lines = split_lines(text)
    mask = body_mask(lines)
    body = [line for line, keep in zip(lines, mask, strict=True) if keep]
    reason = _not_article_reason(lines, body)
    if reason:
        return Article(kind="not_article", reason=reason, url=url, extractor="text")
    start = mask.index(True)
    end = len(mask) - 1 - mask[::-1].index(True)
    body_words = {w for line in body for w in content_words(line)}
    title, title_at = title_above(lines, start, body_words)
    head = lines[max(0, start - HEAD_WINDOW):start]
    categories: list[str] = []
    tags: list[str] = []
    authors: list[str] = []
    for line in lines[:start]:
        found = labelled_values(line.text)
        if found:
            (tags if found[0] == "tags" else categories).extend(v for v in found[1] if v not in categories + tags)
    for line in head:
        authors = authors or byline_authors(line.text)
    authors = authors or signature(lines, end)
    published, updated = datelines(lines, max(0, start - HEAD_WINDOW), start, fetched_at)
    paragraphs = [line.text for line in body]
    related = related_from_lines([line.text for line in lines[end + 1:]], fetched_at)
    body_text = paragraphs_to_text(paragraphs)
    return Article(
        url=url, title=title, authors=tuple(authors), published=published, updated=updated,
        categories=tuple(categories), tags=tuple(tags), language=detect_language(body_text),
        text=body_text, paragraphs=tuple(paragraphs), excerpt=excerpt_of(paragraphs[0]),
        related=tuple(related), extractor="text",
    )
