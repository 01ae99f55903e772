"""A they/them/it speaker stands for a group or thing of its number and kind, a subject first, and a
he/she in mid-sentence for an earlier he/she subject of its sentence (P2): real spaCy parses."""

from __future__ import annotations

from entity_helpers import speaker_of

SAID = "“We are ready to sign it this week,”"


def test_they_is_the_plural_noun_subject_before_not_an_organisation() -> None:
    text = f"Officials met the Pentagon's lawyers in Washington on Monday. {SAID} they said."
    assert speaker_of(text, "ready to sign") == "Officials"


def test_they_is_a_party_named_as_its_people() -> None:
    text = f"Republicans blocked the bill in the Senate on Monday. {SAID} they said."
    assert speaker_of(text, "ready to sign") == "Republicans"


def test_they_is_everyone_joined_by_and() -> None:
    text = f"Senator Chuck Grassley and Senator Patrick Leahy wrote to the Pentagon. {SAID} they said."
    assert speaker_of(text, "ready to sign") == "Chuck Grassley and Patrick Leahy"


def test_it_is_the_document_subject_not_the_organisation_after_it() -> None:
    text = f"The report was sent to the Pentagon on Monday. {SAID} it said."
    assert speaker_of(text, "ready to sign") == "The report"


def test_it_is_the_organisation_subject() -> None:
    text = f"Barack Obama met Boeing executives. Boeing sold its stake on Monday. {SAID} it said."
    assert speaker_of(text, "ready to sign") == "Boeing"


def test_an_organisation_only_as_object_is_not_it() -> None:
    # the sentence that names a fitting word names it only as the object: no guess
    text = f"Barack Obama visited the Pentagon on Monday. {SAID} it said."
    assert speaker_of(text, "ready to sign") == "it"


def test_a_name_inside_what_they_say_is_not_them() -> None:
    text = ("Democrats wrote to the Senate on Monday. The Pentagon has grown beyond its purpose and must be "
            "cut back sharply before next year, they said.")
    assert speaker_of(text, "must be cut back") == "Democrats"


def test_a_he_after_an_earlier_he_subject_in_its_sentence() -> None:
    text = f"Barack Obama spoke on Monday. He praised Joe Biden before he said, {SAID[:-2]}.”"
    assert speaker_of(text, "ready to sign") == "Barack Obama"


def test_a_plural_time_noun_does_not_stand_in_the_way() -> None:
    text = (f"Democratic party officials said the vote would begin at noon. A few minutes later they said, "
            f"{SAID[:-2]}.”")
    assert speaker_of(text, "ready to sign") == "Democratic party officials"


def test_a_block_quote_left_open_still_names_whom_she_means() -> None:
    # a straight quotation mark opens a passage of another text and is never closed in its paragraph;
    # the article's own quotations are curly, so the passage is no speaker's words
    text = ("Hillary Clinton spoke on Monday about a woman she had met.\n\n"
            '"Mary Smith thought the whole thing was outrageous. She was anxious, sure.\n\n'
            "“It never crossed my mind that I was losing it,” she said months later, and a big reason "
            'was the rise of Donald Trump."\n\nThe article ends there.')
    assert speaker_of(text, "never crossed my mind") == "Mary Smith"


def test_we_in_an_interview_turn_is_the_one_answering() -> None:
    text = ("Wikinews interviewed the players.\n\nWikinews: How is the team doing?\n\n"
            "TinaMcKenzie: We have said many times that the team would win the cup this year.\n\n"
            "Wikinews: And the coach?\n\nTinaMcKenzie: He is great.")
    assert speaker_of(text, "win the cup") == "Tina McKenzie"  # the label spaced as a name (L1)
