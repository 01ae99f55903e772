"""The speaker where the parse says who does the cue in a shape the ranker's features miss (X21):
real spaCy parses, the shipped ranker. Each text is a PolNeAR sentence shape where our quote sat at
its gold's place with another entity of the sentence as its speaker."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of, speaker_of

# These tests check who speaks, not whether the gate keeps the quote: under the ranker refitted in
# session 27 their quotes' P(attribution) x P(speaker) lie between 0.41 and 0.52, below the shipped
# gate then (0.58); since session 28 the gate is 0.62, since session 29 0.64, over the boosted ranker's P.
pytestmark = pytest.mark.usefixtures("gate_04")


def test_the_subject_next_to_the_verb_not_a_place_before_it() -> None:
    # spaCy gives "went" two subjects, "New Hampshire" and "Trump"; the ranker took the place
    text = "Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”"
    assert speaker_of(text, "total stiff") == "Trump"


def test_a_dateline_place_is_not_the_person_after_it() -> None:
    # spaCy reads "New York" as the subject and the vice president as its appositive
    text = "New York (AFP) – Vice President Joe Biden on Monday said Donald Trump was endangering the lives of US troops."
    assert speaker_of(text, "endangering the lives") == "Joe Biden"


def test_a_name_against_the_cue_is_its_subject_not_an_apposition() -> None:
    # no comma after "Roberts": he is not a second name for the real Dred Scott
    text = ("The museum traces the history from the Dred Scott case to Plessy v. Ferguson. "
            "To understand the real Dred Scott, Chief Justice Roberts said, one should visit this museum.")
    assert speaker_of(text, "visit this museum") == "Roberts"


@pytest.mark.xfail(strict=True, reason="session 28: the boosted ranker puts Maddow first itself but with "
                   "P 0.32 (the linear ranker put 'conversation' first at 0.55, and the rule gave Maddow that "
                   "P): the quote falls under even the gate 0.4")
def test_with_a_name_asking_the_name_asks() -> None:
    text = ("Maddow pressed Clinton on her plans. The conversation ended with Maddow asking Clinton pointedly "
            "whether she would consider a woman as a running mate.")
    assert speaker_of(text, "running mate") == "Maddow"


def test_adding_goes_on_with_the_reporter_not_the_reported_subject() -> None:
    # spaCy hangs "adding" on Romney's reported clause
    text = ("To wit, Trump told Newsmax that Mitt Romney “had a crazy policy of self-deportation which was "
            "maniacal,” adding, “He lost all of the Latino vote … he lost everybody who is inspired to come "
            "into this country.”")
    assert [q["speaker"] for q in quotes_of(text) if q["cue"] == "adding"] == ["Trump"]


def test_an_apposition_closed_by_a_comma_keeps_its_subject() -> None:
    # the guard of the name-against-the-cue rule: a real apposition names the same speaker
    text = "Tom Clarke, the coal baron, said the plan would save the mines."
    assert speaker_of(text, "save the mines") == "Tom Clarke"


def test_two_subjects_joined_by_and_are_one_list() -> None:
    # the parse gives "said" two subjects; "and" makes them one list, whose first member stays
    text = ('In the poll released Sunday, just 8 percent of Democrats said they would vote for Trump; just 1 percent '
            'of Democrats and 3 percent of self-identified "liberals" said they would vote for the Green Party.')
    assert [q["speaker"] for q in quotes_of(text) if "Green Party" in q["text"]] == ["just 1 percent of Democrats"]
