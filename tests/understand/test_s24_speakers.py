"""Wrong named speakers and non-person subjects (S24): real spaCy parses, the shipped ranker and
filter. Each text is written for the test in the shape of a PolNeAR case where our quote sat at its
gold's place with the wrong speaker."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of, speaker_of


def test_a_report_before_a_semicolon_is_its_own_speakers() -> None:
    # spaCy hangs the first "said" on the second: one quote over both clauses, spoken by "30 percent"
    text = ("More than half of the farmers said the drought had ruined their crops; 30 percent said they "
            "would sell their land next year.")
    assert speaker_of(text, "ruined their crops") == "More than half of the farmers"
    assert speaker_of(text, "sell their land") == "30 percent"


def test_a_finding_before_a_colon_is_not_the_share_after_it() -> None:
    text = ("The audit confirmed that the hospital had lost track of its spending: 35 percent of managers say "
            "they never saw a budget.")
    assert speaker_of(text, "lost track of its spending") == "The audit"
    assert not any("lost track" in q["text"] and "never saw" in q["text"] for q in quotes_of(text))


def test_a_colon_inside_the_quotation_stays_in_the_quote() -> None:
    # the guard: the separator must lie outside quotation marks
    text = "“We lost the vote: the members simply went home,” the chairman said after the meeting."
    quotes = [q for q in quotes_of(text) if "lost the vote" in q["text"]]
    assert [q["speaker"] for q in quotes] == ["the chairman"]
    assert "went home" in quotes[0]["text"]


def test_a_list_closed_by_a_comma_is_no_part_of_the_subject(gate_04: None) -> None:
    # spaCy gives "found" two subjects, "records" (of the gerund's list) and "scholars"; read at gate
    # 0.4: the quote's P(attribution) x P(speaker) is 0.89 x 0.70 = 0.625, under the shipped gate (0.64)
    text = ("Cross-referencing state voting records and county-by-county patterns of factory closures and other "
            "economic trends between 2004 and 2012, the scholars found that towns hardest hit by closures were "
            "more likely to elect outsiders.")
    assert speaker_of(text, "elect outsiders") == "the scholars"


@pytest.mark.xfail(strict=True, reason="session 28: the boosted ranker puts the list's second member "
                   "first (P 0.70 against 0.29 for 'family'), and the guard only keeps a far first that the "
                   "ranker chose; the speaker is 'protesters', one of the list")
def test_a_list_without_a_comma_before_the_verb_stays_one_subject() -> None:
    # the guard: "and" right before the near subject joins one list
    text = "The family, protesters and civic leaders have been demanding that the police release the video."
    assert speaker_of(text, "release the video") == "The family"
