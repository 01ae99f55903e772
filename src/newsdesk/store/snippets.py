"""Search snippets and highlights: the query's terms (phrases, words, prefixes) found in a text
with str methods on its lower-cased copy, marked between MARK_OPEN and MARK_CLOSE, and the cut of
a body around its first match that a search result shows (store/desk_search.py).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

# Snippet markers that cannot occur in stored text, so highlighting survives HTML escaping.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"

_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


class Term(NamedTuple):
    """One alternative of the query's marks: lower-cased words with non-word characters between
    them (a phrase, or one word), the last one possibly a prefix."""

    words: tuple[str, ...]
    prefix: bool


class Marks(NamedTuple):
    """What to mark in a snippet: every term, the phrases only (a snippet centres on a phrase), the
    words a match starts with (lower-cased), and the same terms as regex alternatives for texts
    the word matcher cannot take (see `_plain_positions`)."""

    terms: tuple[Term, ...]  # in the order the regex alternation tries them
    phrases: tuple[Term, ...]
    words: tuple[str, ...]
    anchor_words: tuple[str, ...]
    sources: tuple[str, ...]  # the regex alternatives, same order
    phrase_sources: tuple[str, ...]
    # Every word is word characters only, and lower-casing keeps its length: only then does the
    # matcher on the lower-cased text agree with the case-insensitive regex.
    plain: bool
    # Every term is one word (no phrase of two or more): `_word_matches` takes them.
    single: bool = False


@functools.lru_cache(maxsize=256)
def terms_pattern(query: str) -> Marks:
    """The query's terms as Marks — phrases, words, prefix* (a word start); operators and column
    names left out. Matching is what `\\b(?:term|...)\\b` with IGNORECASE does (alternatives tried
    longest first), done with str methods on the lower-cased text: compiling that regex cost
    ~0.2 ms per query (pure-Python re parser), a tenth of a cold search.

    Case-insensitive but not accent-insensitive: highlighting may miss "élection" for "election"
    where the index matched it; that costs a missing mark, never a wrong result.

    Kept per query string (a pure function of it, and Marks is immutable, like the compiled
    regexes of `_regex`): reading a query's terms with re.findall/finditer/sub was 30-70 us.
    """
    phrase_words = [p.split() for p in re.findall(r'"([^"]+)"', query) if p.split()]
    phrases = {r"\W+".join(map(re.escape, w)): (tuple(w), False) for w in phrase_words}
    found = dict(phrases)
    for m in re.finditer(r"(\w+)(\*)?(:)?", re.sub(r'"[^"]*"', " ", query)):
        word, star, colon = m.groups()
        if colon or word in _OPERATORS:
            continue
        found.setdefault(re.escape(word) + (r"\w*" if star else ""), ((word,), bool(star)))

    def ordered(alternatives: dict[str, tuple[tuple[str, ...], bool]]) -> tuple[tuple[str, ...], tuple[Term, ...]]:
        sources = tuple(sorted(alternatives, key=len, reverse=True))  # the regex tries longer ones first
        return sources, tuple(Term(tuple(w.lower() for w in alternatives[s][0]), alternatives[s][1]) for s in sources)

    def literal(words: list[str]) -> tuple[str, ...]:
        # A phrase's first word may carry punctuation (the regex allows any \W between words):
        # its leading word characters are still what a match starts with.
        return tuple(sorted({m.group().lower() for w in words for m in [re.match(r"\w+", w)] if m}))

    sources, terms = ordered(found)
    phrase_sources, phrase_terms = ordered(phrases)
    plain = all(re.fullmatch(r"\w+", w) and len(w.lower()) == len(w) for ws, _ in found.values() for w in ws)
    return Marks(terms, phrase_terms, literal([ws[0] for ws, _ in found.values()]),
                 literal([w[0] for w in phrase_words]), sources, phrase_sources, plain,
                 all(len(t.words) == 1 for t in terms))


@functools.lru_cache(maxsize=64)
def _regex(sources: tuple[str, ...]) -> re.Pattern[str] | None:
    """The terms as one case-insensitive regex, for the rare text the word matcher cannot take."""
    return re.compile(r"\b(?:" + "|".join(sources) + r")\b", re.IGNORECASE) if sources else None


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"  # what re's \w means for str patterns


def _term_end(lower: str, at: int, term: Term) -> int:
    """Where `term` ends if it matches `lower` at `at` (a word boundary), else -1."""
    n, j, last = len(lower), at, len(term.words) - 1
    for k, word in enumerate(term.words):
        if not lower.startswith(word, j):
            return -1
        j += len(word)
        if k < last:  # \W+ between a phrase's words
            if j >= n or _is_word(lower[j]):
                return -1
            while j < n and not _is_word(lower[j]):
                j += 1
    if term.prefix:
        while j < n and _is_word(lower[j]):
            j += 1
    elif j < n and _is_word(lower[j]):
        return -1
    return j


def _matches(lower: str, terms: tuple[Term, ...], words: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each match in text order, none overlapping, as the regex's scan finds them:
    tried only where one of `words` occurs (str.find, ~20x faster than the regex's every-character scan)."""
    starts: set[int] = set()
    for word in words:
        at = lower.find(word)
        while at >= 0:
            starts.add(at)
            at = lower.find(word, at + 1)
    out: list[tuple[int, int]] = []
    last = 0
    for at in sorted(starts):
        if at < last or (at and _is_word(lower[at - 1])):
            continue
        for term in terms:
            end = _term_end(lower, at, term)
            if end >= 0:
                out.append((at, end))
                last = end
                break
    return out


def _mark_all(text: str, pattern: re.Pattern[str] | None) -> str:
    return pattern.sub(lambda m: MARK_OPEN + m.group() + MARK_CLOSE, text) if pattern else text


def mark_terms(text: str, marks: Marks, lower: str | None = None) -> str:
    """The text with every match of the query's terms between MARK_OPEN and MARK_CLOSE."""
    if not marks.terms or not text:
        return text
    lower = text.lower() if lower is None else lower
    if not marks.plain or len(lower) != len(text):
        return _mark_all(text, _regex(marks.sources))
    out, last = [], 0
    found = _word_matches(lower, marks.terms) if marks.single else _matches(lower, marks.terms, marks.words)
    for start, end in found:
        out += [text[last:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        last = end
    return "".join(out) + text[last:] if out else text


def _first(text: str, lower: str, marks: Marks, phrases: bool) -> int:
    """Where the first match of the query's terms (or of its phrases only) starts; -1 if none.

    Most bodies of a result page hold the match late or (title-only hits) not at all: str.find
    on the lower-cased body is ~20x faster than a case-insensitive regex scan. Lower-casing may
    change a text's length (rare letters such as 'İ'); positions are then not comparable and the
    regex scans from the start.
    """
    terms, sources, words = ((marks.phrases, marks.phrase_sources, marks.anchor_words) if phrases
                             else (marks.terms, marks.sources, marks.words))
    if not terms:
        return -1
    if not marks.plain or len(lower) != len(text):
        pattern = _regex(sources)
        found = pattern.search(text) if pattern else None
        return found.start() if found else -1
    if marks.single and not phrases:
        return _first_word_match(lower, terms)
    return _first_match(lower, terms, words)


def _first_match(lower: str, terms: tuple[Term, ...], words: tuple[str, ...]) -> int:
    """Where `_matches(lower, terms, words)` would start its first match, without finding every
    occurrence of every word: a common word occurs hundreds of times in a long body and the
    snippet only needs the first match (this was ~half of a cold search's snippet time)."""
    nexts = {word: lower.find(word) for word in words}
    while True:
        found = [at for at in nexts.values() if at >= 0]
        if not found:
            return -1
        at = min(found)
        if not (at and _is_word(lower[at - 1])) and any(_term_end(lower, at, term) >= 0 for term in terms):
            return at
        for word, pos in nexts.items():  # every word found at this start moves past it
            if pos == at:
                nexts[word] = lower.find(word, at + 1)


_WORD_RUN = re.compile(r"\w*")  # \w is what _is_word tests: str.isalnum() or "_"


def _word_end(lower: str, at: int, term: Term) -> int:
    """Where one-word `term`, found by str.find at `at`, ends as a match; -1 if it is no match
    (a word character just before or, unless a prefix, just after)."""
    if at and _is_word(lower[at - 1]):
        return -1
    end = at + len(term.words[0])
    if term.prefix:
        return _WORD_RUN.match(lower, end).end()  # type: ignore[union-attr]  # \w* always matches
    return -1 if end < len(lower) and _is_word(lower[end]) else end


def _word_matches(lower: str, terms: tuple[Term, ...]) -> list[tuple[int, int]]:
    """`_matches` for one-word terms (most queries): each term's occurrences found and checked on
    their own, then, at each start, the first term in alternation order wins and overlaps drop out,
    as the regex's left-to-right scan decides. ~2x faster: no per-start loop over every term."""
    found: list[tuple[int, int, int]] = []
    for rank, term in enumerate(terms):
        word = term.words[0]
        at = lower.find(word)
        while at >= 0:
            end = _word_end(lower, at, term)
            if end >= 0:
                found.append((at, rank, end))
            at = lower.find(word, at + 1)
    if len(terms) > 1:
        found.sort()
    out: list[tuple[int, int]] = []
    last = 0
    for at, _, end in found:
        if at >= last:
            out.append((at, end))
            last = end
    return out


def _first_word_match(lower: str, terms: tuple[Term, ...]) -> int:
    """`_first_match` for one-word terms: the earliest start at which any of them matches."""
    best = -1
    for term in terms:
        word = term.words[0]
        at = lower.find(word)
        while at >= 0 and (best < 0 or at < best):
            if _word_end(lower, at, term) >= 0:
                best = at
                break
            at = lower.find(word, at + 1)
    return best


def marked_snippet(text: str, marks: Marks, width: int = 220) -> str:
    """About `width` characters from just before the first phrase match, else the first term match,
    whitespace squeezed, matches marked; the text's start when nothing matches (a title hit).

    One regex search over the body (started at the earliest literal, see _first) and one
    marking pass over the cut: the snippet was a third of a cold search's time.
    """
    lower = text.lower()
    if marks.single and marks.plain and not marks.phrases and len(lower) == len(text):
        at = _first_word_match(lower, marks.terms)  # what the two _first calls come to (most queries)
    else:
        at = _first(text, lower, marks, phrases=True)
        at = _first(text, lower, marks, phrases=False) if at < 0 else at
    at = max(at, 0)
    start = max(0, at - width // 3)
    if start:  # begin at a word: the first space between the cut and the match
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    # Twice the width of raw text leaves enough once runs of spaces and newlines are squeezed.
    raw_end = start + 2 * width
    # Squeezing a shorter cut first: its words are the long cut's (the last maybe clipped), so it is
    # a prefix of the long cut squeezed, and once longer than `width` it decides the snippet alike
    # (`more` is then true either way). split/join of the long cut was a fifth of a snippet's time.
    piece = " ".join(text[start:start + width + width // 4].split())
    if len(piece) <= width:
        piece = " ".join(text[start:raw_end].split())
    end = len(piece)
    if end > width:
        space = piece.rfind(" ", 0, width)
        end = space if space > width // 2 else width
    more = end < len(piece) or raw_end < len(text.rstrip())
    return ("…" if start else "") + mark_terms(piece[:end], marks) + ("…" if more else "")
