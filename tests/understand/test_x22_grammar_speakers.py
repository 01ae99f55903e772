"""Speakers at the gold's own place (X22): a participle hung on a reported clause, a poll that counts
its respondents, "their" owning a cue noun. Real spaCy parses and the shipped ranker; each text has
the shape of PolNeAR train sentences where our quote sat at its gold's place with the wrong speaker."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of, speaker_of

# These tests check who speaks, not whether the gate keeps the quote: under the ranker refitted in
# session 27 their quotes' P(attribution) x P(speaker) lie between 0.41 and 0.52, below the shipped
# gate then (0.58); since session 28 the gate is 0.62, since session 29 0.64, over the boosted ranker's P.
pytestmark = pytest.mark.usefixtures("gate_04")


def _speakers(text: str, words: str) -> list[str | None]:
    return [q["speaker"] for q in quotes_of(text) if words in q["text"]]


def _speaker_of_cue(text: str, cue: str) -> list[str | None]:
    return [q["speaker"] for q in quotes_of(text) if q["cue"] == cue]


def test_a_participle_on_a_that_clause_goes_on_the_reporter() -> None:
    # spaCy hangs "noting" on "contradicting", whose subject the ranker took
    text = ("Corey Lewandowski, Trump's campaign manager, said that the candidate was not contradicting his "
            "stance on rich donors by accepting their help, noting that most of the money raised would go to "
            "the RNC for its national voter mobilization this fall.")
    assert _speaker_of_cue(text, "noting") == ["Corey Lewandowski"]


def test_stating_goes_on_the_reporter_not_the_reported() -> None:
    text = ('Cruz said last week that Trump represents "New York values," stating during the debate that they '
            'are "socially liberal or pro-abortion or pro-gay-marriage, focus around money and the media."')
    assert _speaker_of_cue(text, "stating") == ["Cruz"]


def test_saying_after_an_idea_rejected_is_the_rejecter() -> None:
    # "saying" hangs on the clause of "the idea that ...", an acl; its reporter is who rejected it
    text = ("Trump campaign manager Corey Lewandowski rejected the idea that the billionaire real estate developer "
            "would be a drag on the GOP ticket, saying the huge crowds he is turning out at rallies and in the "
            "primaries prove that Trump would energize the party and expand its appeal.")
    assert _speaker_of_cue(text, "saying") == ["Corey Lewandowski"]


def test_a_participle_after_a_clause_of_saying_stays_with_its_speaker() -> None:
    # the guard: "Lewandowski added" reports speech itself, so "saying" goes on with Lewandowski
    text = ("Comey cannot say that “from his perspective,” Lewandowski added, saying it should be “up to the "
            "prosecutor to move forward or not.”")
    assert _speaker_of_cue(text, "saying") == ["Lewandowski"]


def test_a_poll_written_before_the_share_is_the_source() -> None:
    text = ("In a September Washington Post-ABC News poll, 75 percent of Republicans said most people in "
            "politics can't be trusted.")
    assert speaker_of(text, "can't be trusted") == "a September Washington Post-ABC News poll"


def test_a_share_with_no_poll_before_it_keeps_its_words() -> None:
    # the guard: no "In a ... poll," on the cue's verb, the share stays the speaker
    text = "Six in 10 voters say he is at least somewhat decisive, after half said so earlier."
    assert speaker_of(text, "somewhat decisive") == "Six in 10 voters"


def test_their_owning_the_cue_noun_is_the_plural_subject() -> None:
    text = ("The politicians and religious figures in attendance were unanimous in their condemnation of "
            "Trump's comments about Muslims.")
    assert _speakers(text, "comments about Muslims") == ["The politicians and religious figures in attendance"]
