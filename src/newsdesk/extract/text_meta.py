"""Metadata printed around a scrape's body: headline, categories and tags, byline, dateline, signature."""

from __future__ import annotations

import re

from newsdesk.extract.ages import resolve_age
from newsdesk.extract.related import is_rail_heading
from newsdesk.extract.text_lines import AGO, BULLET, DATE, STOP_WORDS, Line, content_words

LABELLED = re.compile(r"^(categor(?:y|ies)|sections?|filed under|topics?|tags?|keywords)\s*:\s*(.+)$", re.I)
_BYLINE = re.compile(r"^(?:by|written by|posted by|words by|von|par|por|di|door)\s+(.+)$", re.I)
# Lowercase-to-uppercase inside a word: where two links' texts were run together ("NewsWorld").
_RUN_TOGETHER = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
# Words of page furniture that can look like a two-word name on a line of their own.
_UI_WORDS = frozenset("""share print email comments comment reply tweet facebook twitter whatsapp linkedin
advertisement sponsored subscribe follow newsletter tags related login menu search home skip content
close video photo photos gallery read more next previous top back""".split())  # noqa: SIM905
# How far above the body we look for its title, byline and dateline (tuned on the seed and the
# bench pages: headlines sit within a dozen lines of the first paragraph).
HEAD_WINDOW = 15


def split_run_together(label: str) -> list[str]:
    """ "NewsWorld" -> ["News", "World"]: link texts a scrape ran together, split at case changes.

    Each piece must be a capitalised word of 3+ letters, so "iPhone" and "McDonald" stay whole.
    """
    pieces = _RUN_TOGETHER.split(label)
    if len(pieces) > 1 and all(len(p) >= 3 and p[0].isupper() for p in pieces):
        return pieces
    return [label]


def labelled_values(line: str) -> tuple[str, list[str]] | None:
    """ "Categories: NewsWorld" -> ("categories", ["News", "World"]); None for other lines."""
    match = LABELLED.match(line)
    if not match:
        return None
    kind = "tags" if match[1].lower() in ("tag", "tags", "keywords") else "categories"
    values: list[str] = []
    for part in re.split(r"\s*[,|•·/;]\s*", match[2]):
        for piece in split_run_together(part.strip()):
            if piece and piece not in values:
                values.append(piece)
    return kind, values


def _is_name(text: str) -> bool:
    words = text.split()
    return (1 <= len(words) <= 4 and all(w[0].isupper() for w in words)
            and not any(w.lower().strip(".") in STOP_WORDS | _UI_WORDS for w in words)
            and not any(c.isdigit() for c in text))


def _clean_name(piece: str) -> str:
    # A name run into the next link, usually the publisher's in capitals: "GarberFOXBusiness".
    piece = re.split(r"(?<=[a-z])(?=[A-Z]{2})", piece.strip(" .,|-"))[0]
    piece = re.split(r"\s+[|\-–—]\s+|\s{2,}", piece)[0].strip(" .,")
    return piece.title() if piece.isupper() and len(piece) > 3 else piece


def byline_authors(line: str) -> list[str]:
    """ "By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"]; [] when the line is no byline."""
    match = _BYLINE.match(line.strip())
    if not match or len(match[1].split()) > 12:
        return []
    pieces = [_clean_name(piece) for piece in _NAME_SPLIT.split(match[1]) if piece.strip()]
    names: list[str] = []
    for name in pieces:
        # A lone word after a comma is an agency or a place ("By Jane Doe, Reuters"), not a name.
        if _is_name(name) and (len(name.split()) >= 2 or len(pieces) == 1) and name not in names:
            names.append(name)
    return names


def signature(lines: list[Line], end: int) -> list[str]:
    """A desk or author name printed alone between the body and a rail ("News Desk"), else [].

    Only there: a lone name-shaped line elsewhere is as likely a site name or a menu.
    """
    after = lines[end + 1:end + 4]
    for k, line in enumerate(after):
        if is_rail_heading(line.text):
            break
        if _is_name(line.text) and len(line.tokens) >= 2:
            nxt = lines[end + 2 + k] if end + 2 + k < len(lines) else None
            if nxt is None or is_rail_heading(nxt.text):
                return [line.text]
    return []


def title_above(lines: list[Line], start: int, body_words: set[str]) -> tuple[str | None, int]:
    """The headline above the body: a headline-shaped line near it sharing its words.

    Returns (title, line index); the score is shared content words plus a small bonus for
    closeness, so an unrelated promo line next to the body loses to the real headline.
    """
    best, best_score, best_at = None, 0.0, -1
    for i in range(max(0, start - HEAD_WINDOW), start):
        text = lines[i].text
        n = len(lines[i].tokens)
        if not 3 <= n <= 30 or BULLET.match(text) or LABELLED.match(text) or _BYLINE.match(text):
            continue
        # Datelines, captions and teasers end in a full stop or carry a date; headlines do neither.
        if text.endswith((":", "…", "...", ".")) or is_rail_heading(text) or DATE.search(text) or AGO.search(text):
            continue
        words = content_words(lines[i])
        shared = sum(w in body_words for w in words) / max(len(words), 1)
        score = shared + 0.02 * (i - start + HEAD_WINDOW)
        if shared > 0 and score > best_score:
            best, best_score, best_at = text, score, i
    return best, best_at


def datelines(lines: list[Line], lo: int, hi: int, fetched_at: str | None) -> tuple[str | None, str | None]:
    """(published, updated) from datelines between lines lo and hi ("Published 1 day ago", "Nov. 20, 2019")."""
    published = updated = None
    for line in lines[max(lo, 0):hi]:
        found = DATE.search(line.text) or AGO.search(line.text)
        if not found or len(line.tokens) > 20:
            continue
        # The date with its time when the rest of the line is that time, else the date alone.
        moment = resolve_age(line.text[found.start():], fetched_at) or resolve_age(found.group(0), fetched_at)
        if moment and re.match(r"\s*(updated|modified|last updated)", line.text, re.I):
            updated = updated or moment
        elif moment:
            published = published or moment
    return published, updated
