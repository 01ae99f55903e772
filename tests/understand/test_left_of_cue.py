"""A name written right before a cue the parse gave no subject ("“…,” Ramos, 58, told AFP"; "Col.
Steven H. Warren, a military spokesman in Baghdad, said") is the speaker, though the parse hung it on
a word before as an appositive or a modifier and the path from the cue to it is a misparse's. The
ranker reads where the name is written (`speakers.LEFT_OF_CUE`); without it the ranker's P for the
name was low and the speaker gate dropped these quotes."""

from __future__ import annotations

import pytest
from entity_helpers import linear_ranker, quotes_of

from newsdesk.understand import nlp, speakers

CASES = [
    ("“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, told AFP in "
     "an interview in Mexico City on Monday.", "tremendously wrong", "Ramos"),
    ("As a part of his plea, Marcel Lehel Lazar, 44, said that he victimized nearly 100 Americans from "
     "his home overseas, often by correctly guessing their passwords.", "victimized", "Marcel Lehel Lazar"),
    ("But in a conference call with reporters on Dec. 2, Col. Steven H. Warren, a military spokesman in "
     "Baghdad, said, ''I mean, a raid is a combat operation. There is no way around that.''",
     "combat operation", "Steven H. Warren"),
    ("“We’ve had more successful conventions than this one,” Texas delegate Bill Eastland, wearing a "
     "cowboy hat and campaign pins, said matter-of-factly as confetti fluttered down around him.",
     "successful conventions", "Bill Eastland"),
    ("''They were professionals, but also competitors,'' William M. Daley, President Obama's former chief "
     "of staff, said of their time in the administration.", "professionals", "William M. Daley"),
]


def _speaker(text: str, words: str) -> str | None:
    q = next((q for q in quotes_of(text) if words in q["text"]), None)
    return None if q is None else q["speaker"]


@pytest.mark.parametrize(("text", "words", "speaker"), CASES)
def test_the_name_before_the_cue_speaks(text: str, words: str, speaker: str) -> None:
    assert _speaker(text, words) == speaker


def test_without_it_these_quotes_are_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    # under the linear ranker alone: the boosted trees (session 28), trained with the feature and
    # reading it from the features they are given, keep three of the five without it
    linear_ranker(monkeypatch)
    monkeypatch.setattr(speakers, "LEFT_OF_CUE", False)
    right = sum(_speaker(text, words) == speaker for text, words, speaker in CASES)
    assert right <= 1


def test_what_lies_between_the_name_and_the_cue() -> None:
    def at(text: str, name: str, cue: str) -> str | None:
        doc = nlp.parse(text)
        return speakers.left_of_cue(next(t for t in doc if t.text == cue), next(t for t in doc if t.text == name))

    assert at("Ramos, 58, told AFP.", "Ramos", "told") == "aside"
    assert at("Ramos, 58, told AFP.", "AFP", "told") is None  # after the cue
    assert at("Bill Clinton also said it.", "Clinton", "said") == "adjacent"
    assert at("Sen. Chris Murphy (a Democrat) says so.", "Murphy", "says") == "aside"
    assert at("The plan, Trump said, failed.", "plan", "said") is None  # a comma alone: no aside
    assert at("The plan, Trump said, failed.", "Trump", "said") == "adjacent"
