"""Speakers named from the wrong words of their phrase (S28): real spaCy parses, the shipped ranker and
filter. Each text is written for the test in the shape of a PolNeAR train case."""

from __future__ import annotations

from entity_helpers import speaker_of


def test_a_named_aide_speaks_not_the_possessor() -> None:
    # "Clinton's" comes first among the noun's children; the spokesman is named in apposition
    text = ("Hillary Clinton spoke in Ohio on Monday. Clinton's spokesman, Brian Fallon, said the campaign "
            "would release the records next week.")
    assert speaker_of(text, "release the records") == "Brian Fallon"


def test_a_named_campaign_chairman_speaks_not_the_candidate() -> None:
    text = ("Donald Trump held a rally in Ohio. Mr. Trump's campaign chairman, Paul Manafort, told reporters "
            "that the convention would be orderly.")
    assert speaker_of(text, "convention would be orderly") == "Paul Manafort"


def test_an_organisations_named_officer_speaks_as_before() -> None:
    # the guard: a person before an organisation, whatever the order (unchanged)
    text = "Google's chief executive, Sundar Pichai, said the company would hire more engineers."
    assert speaker_of(text, "hire more engineers") == "Sundar Pichai"


def test_a_timestamp_line_is_no_part_of_the_speaker() -> None:
    text = ("The Latest on the debate (all times local):\n\n11:30 a.m.\n\nMore GOP candidates say the executive "
            "actions on gun sales are unconstitutional.")
    assert speaker_of(text, "unconstitutional") == "More GOP candidates"


def test_the_paragraph_before_is_no_part_of_the_speaker() -> None:
    # (was "... they do not have more than one or two.": a content no rule proposes in that sentence
    # alone, found only when the parse ran the paragraph before into it, as it no longer does:
    # `nlp.PARAGRAPH_BREAKS`)
    text = ("The plane was grounded for a week. It is now cleared to fly again, according to the F.A.A.\n\n"
            "Most people who own aircraft say they do not own more than two planes.")
    assert speaker_of(text, "more than two planes") == "Most people"


def test_a_candidates_advisers_are_not_the_candidate() -> None:
    text = ("Donald Trump held a rally in Ohio. Mr. Trump's advisers told reporters that the convention would "
            "be orderly.")
    assert speaker_of(text, "convention would be orderly") == "Mr. Trump's advisers"


def test_a_spokesman_without_a_name_is_the_spokesman() -> None:
    text = ("Hillary Clinton spoke in Ohio on Monday. Clinton's spokesman said the campaign would release the "
            "records next week.")
    assert speaker_of(text, "release the records") == "Clinton's spokesman"


def test_a_campaign_still_speaks_for_its_candidate() -> None:
    # the guard: a campaign, an office, a team are the owner's voice (unchanged)
    text = ("Hillary Clinton spoke in Ohio on Monday. Clinton's campaign said it would release the records "
            "next week.")
    assert speaker_of(text, "release the records") == "Hillary Clinton"
