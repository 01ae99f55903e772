"""A cue coordinated with a passive verb shares that verb's subject, not its agent
(`quote_cues.CONJ_PASSIVE_SUBJECT`): in "The governor was interviewed by the BBC and said …" the
governor speaks; the BBC only interviewed."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of

from newsdesk.understand import nlp, quote_cues

# These tests check who speaks, not whether the gate keeps the quote: under the ranker refitted in
# session 27 their quotes' P(attribution) x P(speaker) lie between 0.41 and 0.52, below the shipped
# gate then (0.58); since session 28 the gate is 0.62, since session 29 0.64, over the boosted ranker's P.
pytestmark = pytest.mark.usefixtures("gate_04")

TEXT = "The governor was interviewed by the BBC on Monday and said the plan would fail within a year."


def _speakers() -> list[str]:
    return [q["speaker"] for q in quotes_of(TEXT) if "plan would fail" in q["text"]]


def test_the_passive_verbs_subject_speaks() -> None:
    assert _speakers() == ["The governor"]


def test_without_it_the_agent_was_the_speaker_and_the_quote_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_cues, "CONJ_PASSIVE_SUBJECT", False)
    nlp.clear_cache()
    try:
        assert "The governor" not in _speakers()
    finally:
        nlp.clear_cache()
