"""Where French text quotes and where its sentences end, found on the characters, not the parse.

fr_core_news_sm 3.8 parses a « … » badly: the marks come out as nouns or as sentences of their own, so
the quote rules (`quotes`) take the quoted stretches and the sentence bounds from the text itself.
"""

from __future__ import annotations

import re

PAIRS = {"«": "»", "“": "”", '"': '"'}
# French typesetting puts a (narrow) non-breaking space inside « »: every space counts as one
SPACES = " \u00a0\u202f\t"
_WORD = re.compile(r"\w+")
# a sentence ends at . ! ? … before a capital, a digit, a quotation mark or a dash; ";" always ends one
_STOP = re.compile(r"[.!?…]+(?=[\s\u00a0]+[«“\"A-ZÀ-Ý0-9—–-])|;|\n+")
# "M. Samaras", "J-M Ayrault", "Mme. X": a stop after these ends no sentence
_ABBREVIATED = re.compile(r"(?:\b[A-ZÀ-Ý]|\bM|\bMme|\bMM|\bMlle|\bDr|\bSt|\bav|\bapr|\bJ\.-C)$")


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of each outermost quotation. A « left open at the end of its
    paragraph closes there (French runs a quote over paragraphs, opening each one); a straight or
    curly quote left open is dropped (more often a stray inch sign or a typo than a quote)."""
    out: list[tuple[int, int]] = []
    opener, depth, start = "", 0, 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if opener == "«":
                out.append((start, i))
            opener, depth = "", 0
        elif not opener:
            if ch in PAIRS:
                opener, depth, start = ch, 1, i
        elif ch == PAIRS[opener]:
            depth -= 1
            if depth == 0:
                out.append((start, i))
                opener = ""
        elif ch == opener:
            depth += 1
    if opener == "«":
        out.append((start, len(text)))
    return out


def inner(text: str, region: tuple[int, int]) -> tuple[int, int]:
    """The quoted words of a region, without the marks and the spaces inside them."""
    a, b = region[0] + 1, region[1]
    while a < b and text[a] in SPACES:
        a += 1
    while b > a and text[b - 1] in SPACES:
        b -= 1
    return a, b


def words(text: str, span: tuple[int, int]) -> int:
    return len(_WORD.findall(text[span[0]:span[1]]))


def sentences(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence bounds: a stop inside a quotation ends no sentence of the text around it, so a
    quote of three sentences and its cue after it are one sentence here."""
    quoted = [False] * (len(text) + 1)
    for a, b in regions:
        for i in range(a, min(b, len(text))):
            quoted[i] = True
    stops = [(m.start(), m.end(), m.group(0)[0]) for m in _STOP.finditer(text)]
    stops += [(b, b + 1, "»") for b in _closing_sentences(text, regions)]
    out, start = [], 0
    for at, after, kind in sorted(stops):
        if at < start or kind != "»" and (quoted[at] or (kind == "." and _ABBREVIATED.search(text, 0, at))):
            continue
        end = at if kind == "\n" else after
        if text[start:end].strip():
            out.append((start, end))
        start = after
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _closing_sentences(text: str, regions: list[tuple[int, int]]) -> list[int]:
    """Closing marks that end a sentence: the quotation ends with a stop and a capital opens what
    follows ("« … concernant la langue. » Le PP a considéré": a new sentence, with its own subject);
    "« … », a-t-il dit" and "« … » explique X" go on."""
    ends = []
    for a, b in regions:
        inside = text[a + 1:b].rstrip(SPACES)
        rest = text[b + 1:].lstrip(SPACES)
        if b < len(text) and inside[-1:] in (".", "!", "?", "…") and rest[:1].isupper():
            ends.append(b)
    return ends


def trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """a..b without the spaces, commas and the final stop around it."""
    while a < b and (text[a] in SPACES or text[a] in "\n,:-—–"):
        a += 1
    while b > a and (text[b - 1] in SPACES or text[b - 1] in "\n,;:."):
        b -= 1
    return a, b
