"""A speaker on another line than its cue (X25, session 18): spaCy runs a sentence on across a
paragraph break after "Jr." and hangs the first paragraph's name on the next paragraph's verb. Real
spaCy parses and the shipped ranker; the text is written for these tests, in the shape of a PolNeAR
train page where our quote sat at its gold's place with the wrong speaker."""

from __future__ import annotations

from entity_helpers import quotes_of

_TEXT = ("''We are out of time,'' said Peter Hale, a senior fellow at the Harbor Institute and a former adviser "
         "to Governor Thomas R. Lowell Jr.\n\n"
         "Mrs. Okafor often says she is not running for a second term, but she has also praised his record.")


def _speakers(cue: str) -> list[str | None]:
    return [q["speaker"] for q in quotes_of(_TEXT) if q["cue"] == cue]


def test_the_name_before_the_cue_on_its_line_speaks() -> None:
    assert _speakers("says") == ["Okafor"]


def test_a_speaker_on_the_cue_line_stays() -> None:
    # the guard: the second cue's speaker was on its line already
    assert _speakers("has praised") == ["Okafor"]
