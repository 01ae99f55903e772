"""A labelled line whose words are a figure or a roster of names is a tally, not the label's words
(`quote_candidates.TALLY_LINES`): a delegate count ("Hillary Clinton: 1,769.") or a list of panelists
by state ("Iowa: Tim Albrecht, Brad Anderson, …"). A labelled line of speech stays a quote."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of

from newsdesk.understand import nlp, quote_candidates

TEXT = ("Delegate count after the latest primaries, according to the Associated Press.\n\n"
        "Hillary Clinton: 1,769.\n\n"
        "Bernie Sanders: 1,501.\n\n"
        "The panel this week included these insiders.\n\n"
        "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink, Bonnie Campbell\n\n"
        "SANDERS: We are going to take this fight all the way to the convention.")


def _lines() -> dict[str, str]:
    return {q["text"]: q["speaker"] for q in quotes_of(TEXT) if q["cue"] == ":"}


def test_figures_and_rosters_are_no_quotes_but_speech_is() -> None:
    lines = _lines()
    assert not any(t.startswith(("1,", "Tim Albrecht")) for t in lines), lines
    assert any("take this fight" in t for t in lines), lines


def test_without_it_the_tallies_were_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_candidates, "TALLY_LINES", False)
    nlp.clear_cache()
    try:
        assert any(t.startswith(("1,", "Tim Albrecht")) for t in _lines())
    finally:
        nlp.clear_cache()
