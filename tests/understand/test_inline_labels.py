"""A name and a colon right before a quotation inside a paragraph label the quotation as that name's
words (`quote_orphans.INLINE_LABELS`): "WHY THE POLLS MISSED - Mark Blumenthal: “…”". PolNeAR marks
the colon as the cue; a name after a preposition or a verb of telling is whom the words are about or
for, not who says them."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of

from newsdesk.understand import quote_orphans

DIGEST = ("Pollsters spent the week explaining the Iowa result.\n\n"
          "WHY THE POLLS MISSED - Mark Blumenthal and Jon Cohen: “Although the polls failed to predict the "
          "winner, the signs were there all along.”\n\n"
          "Jeffrey Jones of Gallup wrote about party strength in the states. More from Jones: “The "
          "partisanship of the state population is a starting point for any forecast.”\n\n"
          "The late surge doesn’t surprise Republican pollster Daron Shaw: “Historically, lesser-known "
          "candidates rise late in the race.”")


def _speaker_of(text: str, words: str) -> str | None:
    q = next((q for q in quotes_of(text) if words in q["text"]), None)
    return q and q["speaker"]


def test_a_name_and_a_colon_before_a_quotation_are_its_speaker() -> None:
    qs = {q["text"][:20]: q for q in quotes_of(DIGEST)}
    assert "Mark Blumenthal" in _speaker_of(DIGEST, "the signs were there")
    assert "Jones" in _speaker_of(DIGEST, "partisanship of the state")
    assert _speaker_of(DIGEST, "lesser-known candidates") == "Daron Shaw"
    labelled = [q for q in qs.values() if q["cue"] == ":"]
    assert len(labelled) == 3 and all(q["kind"] == "direct" for q in labelled), qs


def test_without_the_labels_the_quotations_are_lost_or_misread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_orphans, "INLINE_LABELS", False)
    assert not (_speaker_of(DIGEST, "the signs were there") or "").startswith("Mark")
    assert _speaker_of(DIGEST, "lesser-known candidates") != "Daron Shaw"


def test_the_label_beats_a_cue_in_the_sentence_before() -> None:
    # PolNeAR train: the tweet went to the Twitter feed of the sentence before
    text = ("The candidate's Twitter feed serves as a direct line to his mind, so it was no surprise that "
            "soon after the massacre he tweeted about it. Donald Trump: \"Appreciate the congrats for being "
            "right on radical Islamic terrorism.\"")
    assert _speaker_of(text, "Appreciate the congrats") == "Donald Trump"


@pytest.mark.parametrize("text", [
    "Senate Majority Leader Mitch McConnell delivered a blunt message to Trump: \"It's time to quit "
    "attacking various people.\"",
    "A strategist for Obama's campaigns said of Sanders: \"The question is, will he do that in time?\"",
    "He was also critical of the president's stance, telling Breitbart London: “President Obama’s comments "
    "today are wrong.”",
])
def test_a_name_the_words_are_for_or_about_is_no_label(text: str) -> None:
    assert all(q["speaker"] not in ("Trump", "Donald Trump", "Sanders", "Bernie Sanders", "Breitbart London")
               for q in quotes_of(text)), quotes_of(text)
