"""body_features: the vectorised character counts equal the regexes and str.count calls they replace."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.extract.body_features import _CAPITAL, _DIGIT, _char_counts

TEXTS = [
    "Ministers met 3 times in 2024; Ana said so.",
    "ÉCOLE d'été à Paris: Über 12 Schüler",  # capitals outside ASCII
    "\u00a0Zürich\u2003Genève ilk ünite",  # a capital after a no-break or em space counts as a word start
    "a.B c-D (E) x",  # a capital after punctuation is no word start
    "Why? Because!! 1,000, 2,000… and ,,. so on",  # stops and commas in runs; an ellipsis is no stop
    "Цена ٣٤ рубля Ωmega",  # Arabic-Indic digits are digits too
    "x",
]


@pytest.mark.parametrize("extra", ["", "𝟙𝟚 math digits 𝟛", "emoji 😀 Then more"])
def test_char_counts_equal_the_regex_counts(extra: str) -> None:
    texts = [*TEXTS, extra] if extra else TEXTS
    counts = _char_counts(texts)
    assert counts[0].tolist() == [len(_DIGIT.findall(t)) for t in texts]
    assert counts[1].tolist() == [len(_CAPITAL.findall(t)) for t in texts]
    assert counts[2].tolist() == [t.count(".") + t.count("!") + t.count("?") for t in texts]
    assert counts[3].tolist() == [t.count(",") for t in texts]
    assert counts.dtype == np.float64 and counts.shape == (4, len(texts))
