"""Quotes hold only what was said: not the speaker's own preamble, a show's title, a turn of
someone else, or a content of stop words; a speaker phrase is one piece (real spaCy parses)."""

from __future__ import annotations

from entity_helpers import quotes_of

from newsdesk.understand import nlp
from newsdesk.understand.speaker_phrase import phrase as _phrase


def test_a_quote_after_a_colon_does_not_take_the_sentence_before_it() -> None:
    # the parser hangs "underscored" on "said" as a second complement: it is an attribution of its own
    text = ("Ali Shamkhani, an adviser to Iran’s Supreme Leader, underscored on Wednesday the unyielding nature "
            "of Iran’s missile program: “The Islamic Republic’s missile capabilities are non-negotiable,” he said "
            "in a statement for state media.")
    qs = quotes_of(text)
    said = next(q for q in qs if "non-negotiable" in q["text"])
    assert "Shamkhani" not in said["text"] and "underscored" not in said["text"], qs
    assert said["speaker"] == "Ali Shamkhani", qs


def test_a_quoted_show_title_is_not_part_of_the_quote() -> None:
    text = ("On Tuesday’s episode of “The Evening News Hour With Jane Doe,” the senator said she wanted to "
            "speak “directly to young voters” and let them know that the plan would pass.")
    qs = quotes_of(text)
    assert qs, qs
    assert all("Evening News Hour" not in q["text"] for q in qs), qs


def test_a_quote_is_not_another_persons_turn_the_parser_hung_on_a_later_cue() -> None:
    text = ("“Are you coming tonight?” she asked, but Kevin was asleep again, and as the mayor went on about "
            "“how the system is rigged,” Melanie said yes, over and over again.")
    assert all("Kevin" not in q["text"] for q in quotes_of(text)), quotes_of(text)


def test_a_content_of_stop_words_is_no_quote() -> None:
    text = "In Islamabad, the rock band Khudgharz left crowds calling for more with their covers."
    assert all(q["text"] != "for more" for q in quotes_of(text)), quotes_of(text)


def test_a_speaker_phrase_is_one_connected_piece() -> None:
    doc = nlp.parse("In Islamabad, the band left crowds calling for more with their covers set.")
    crowds = next(t for t in doc if t.text == "crowds")
    assert _phrase(crowds) == "crowds"
    doc = nlp.parse("A senior official at the ministry said that it was over.")
    assert _phrase(next(t for t in doc if t.text == "official")) == "A senior official at the ministry"
