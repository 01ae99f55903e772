"""A quote's content stops before a trailing clause that reports the whole sentence and is a kept
attribution of its own (`quotes._cut_trailing_reports`): real spaCy parses, the shipped models."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

from newsdesk.understand import quotes

KASICH = ("Ohio Gov. John Kasich said he would have fired Lewandowski if such an incident had happened in his "
          "campaign, according to press reports.")


def _by_speaker(text: str) -> dict[str | None, str]:
    return {q.speaker: q.text for q in annotate(text).quotes}


def test_the_report_of_a_report_is_not_part_of_what_was_said() -> None:
    said = _by_speaker(KASICH)
    words = "he would have fired Lewandowski if such an incident had happened in his campaign"
    assert said["John Kasich"] == words, said
    assert said["press reports"] == words, said  # the clause is still the reporters' attribution


def test_without_the_rule_the_clause_stays_in_the_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes, "TRAILING_REPORTS", False)
    assert _by_speaker(KASICH)["John Kasich"].endswith("according to press reports")
