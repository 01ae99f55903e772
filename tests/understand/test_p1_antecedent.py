"""A he/she with no subject before it in its sentence stands for the subject of the sentence before,
not the person named last (P1): real spaCy parses. Both people are men, so sex agreement (G1) cannot
tell them apart."""

from __future__ import annotations

from entity_helpers import speaker_of

SAID = " He said, “We are ready to sign it this week.”"


def test_the_previous_sentences_subject_not_its_object() -> None:
    assert speaker_of("Barack Obama praised Joe Biden on Tuesday." + SAID, "ready to sign") == "Barack Obama"


def test_the_main_clause_subject_not_one_in_its_clause() -> None:
    text = "Barack Obama said on Monday that Joe Biden would lead the talks." + SAID
    assert speaker_of(text, "ready to sign") == "Barack Obama"


def test_a_possessor_is_not_the_subject() -> None:
    text = "Joe Biden met Barack Obama's aides on Monday." + SAID
    assert speaker_of(text, "ready to sign") == "Joe Biden"


def test_a_passives_agent_is_its_subject() -> None:
    text = "The bill was praised by Barack Obama after a meeting with Joe Biden." + SAID
    assert speaker_of(text, "ready to sign") == "Barack Obama"


def test_a_he_subject_before_stands_for_its_own_antecedent() -> None:
    text = "Barack Obama met Joe Biden on Monday. He told reporters the talks went well." + SAID
    assert speaker_of(text, "ready to sign") == "Barack Obama"


def test_a_name_inside_a_quote_is_not_its_speaker() -> None:
    # a paragraph that is only a quote names Biden as its subject; the speaker is Obama before it
    text = ("Barack Obama spoke to reporters on Monday.\n\n“Joe Biden will lead the talks for us.”\n\n"
            "He added, “We are ready to sign it this week.”")
    assert speaker_of(text, "ready to sign") == "Barack Obama"
    # nor is a subject inside the quote of the pronoun's own sentence
    text = "Barack Obama met John Kerry on Monday. “I told Kerry that Joe Biden will lead the talks,” he said."
    assert speaker_of(text, "will lead the talks") == "Barack Obama"


def test_a_subject_in_the_pronouns_own_sentence_still_comes_first() -> None:
    text = ("Barack Obama praised Joe Biden on Tuesday. Biden thanked the crowd and then he said, "
            "“We are ready to sign it this week.”")
    assert speaker_of(text, "ready to sign") == "Joe Biden"


def test_no_subject_there_keeps_the_nearest_person() -> None:
    text = "Barack Obama praised Joe Biden on Tuesday. The crowd cheered for John Kerry." + SAID
    assert speaker_of(text, "ready to sign") == "John Kerry"


def test_a_he_after_a_possessor_in_its_own_sentence_keeps_the_possessor() -> None:
    # "where he stands" follows Obama's possessive in its own sentence: it is Obama, so the "He said"
    # that stands for it is too, not the subject of the sentence before (Biden)
    text = "Joe Biden spoke first. Barack Obama's speech showed where he stands." + SAID
    assert speaker_of(text, "ready to sign") == "Barack Obama"
