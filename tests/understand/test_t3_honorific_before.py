"""canonical.honorific_before reads the honorifics roles.HONORIFICS lists, those that say a sex."""

from __future__ import annotations

import pytest

from newsdesk.understand.canonical import honorific_before, title_of
from newsdesk.understand.roles import HONORIFICS

SEXED = sorted({w.rstrip(".") for w in HONORIFICS if title_of(w)[1]})


def _before(honorific: str) -> str | None:
    text = f"On Monday {honorific} Smith said the talks would resume."
    return honorific_before(text, text.index("Smith"))


def test_the_list_has_honorifics_of_both_sexes() -> None:
    assert {title_of(w)[1] for w in SEXED} == {"m", "f"}


@pytest.mark.parametrize("word", SEXED)
def test_each_listed_honorific_that_says_a_sex_is_read_before_a_name(word: str) -> None:
    written = word.capitalize()
    assert _before(written) == written
    assert _before(written + ".") == written + "."
    assert title_of(_before(written + "."))[1] == title_of(word)[1]


def test_miss_and_madam_are_read_too_and_an_honorific_that_says_no_sex_is_not() -> None:
    assert _before("Miss") == "Miss" and _before("Madam") == "Madam"
    assert _before("Dr.") is None  # "Dr" is listed, but says no sex: no title is given for it
    assert _before("Ms") == "Ms" and honorific_before("Ms Smith", 3) == "Ms"
