"""Search highlighting (store/snippets.py): the word matcher marks exactly what the case-insensitive
regex `\\b(?:term|...)\\b` (alternatives longest first) marks, on random texts and queries."""

from __future__ import annotations

import random
import re

import pytest

from newsdesk.store.snippets import MARK_CLOSE, MARK_OPEN, _first, mark_terms, marked_snippet, terms_pattern

VOCABULARY = ["new", "york", "news", "newyork", "New", "YORK", "storm", "storms", "x_y", "café", "Café", "élection",
              "police", "said", "u", "s", "a", "b", "ab", "abc", "2024", "οδος", "ΟΔΟΣ", "straße", "İstanbul"]
GLUE = [" ", "  ", ", ", "-", ".", "\n", "_", "'", " — ", ""]


def oracle(query: str) -> re.Pattern[str] | None:
    """The regex the marks must agree with, built independently of the code under test."""
    phrases = [r"\W+".join(map(re.escape, p.split())) for p in re.findall(r'"([^"]+)"', query) if p.split()]
    words = [re.escape(w) + (r"\w*" if star else "") for w, star, colon in
             re.findall(r"(\w+)(\*)?(:)?", re.sub(r'"[^"]*"', " ", query))
             if not colon and w not in ("AND", "OR", "NOT", "NEAR")]
    alternatives = sorted(set(phrases + words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE) if alternatives else None


def random_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(VOCABULARY) + rng.choice(GLUE) for _ in range(n))


def random_query(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.4:
            parts.append(rng.choice(VOCABULARY))
        elif kind < 0.6:
            parts.append(rng.choice(VOCABULARY)[:rng.randint(1, 3)] + "*")
        else:
            parts.append('"' + " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 3))) + '"')
    return " ".join(parts)


def marked_by(pattern: re.Pattern[str] | None, text: str) -> str:
    return pattern.sub(lambda m: MARK_OPEN + m.group() + MARK_CLOSE, text) if pattern else text


def test_marks_agree_with_the_regex_on_random_texts_and_queries() -> None:
    rng = random.Random(11)
    for _ in range(400):
        query, text = random_query(rng), random_text(rng, rng.randint(0, 30))
        marks, pattern = terms_pattern(query), oracle(query)
        assert mark_terms(text, marks) == marked_by(pattern, text), (query, text)
        found = pattern.search(text) if pattern else None
        if len(text.lower()) == len(text):  # the snippet centres on a phrase first; here: the first match
            assert _first(text, text.lower(), marks, phrases=False) == (found.start() if found else -1), (query, text)


@pytest.mark.parametrize(("query", "text", "expected"), [
    ("new", "New york, news; renew NEW", "\x02New\x03 york, news; renew \x02NEW\x03"),
    ("new*", "New york, news; renew", "\x02New\x03 york, \x02news\x03; renew"),
    ('"new york" new', "new  york new-york newyork", "\x02new  york\x03 \x02new-york\x03 newyork"),
    ('"u.s. army"', "the U.S. army and U.S.army", "the \x02U.S. army\x03 and U.S.army"),  # punctuation: regex path
    ("x_y", "x_y x_yz x-y", "\x02x_y\x03 x_yz x-y"),
    ("café", "CAFÉ café cafés", "\x02CAFÉ\x03 \x02café\x03 cafés"),
    ("NOT war", "not war", "not \x02war\x03"),
])
def test_marks_examples(query: str, text: str, expected: str) -> None:
    assert mark_terms(text, terms_pattern(query)) == expected


def test_snippet_centres_on_the_phrase_and_marks_it() -> None:
    text = "storm " * 80 + "the new york police said " + "calm " * 80
    snippet = marked_snippet(text, terms_pattern('storm "new york"'))
    assert snippet.startswith("…") and "\x02new york\x03" in snippet and "\x02storm\x03" in snippet
    assert snippet.index("\x02new york\x03") < 120
