"""The learned speaker gate (`speaker_gate`): how naming reached a speaker, and quotes dropped on it."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.records import Article
from newsdesk.understand import quotes, speaker_gate
from newsdesk.understand.annotate import annotate_doc
from newsdesk.understand.nlp import parse

TEXT = ("Senator Maria Gomez spoke in Boston on Monday about the state budget. "
        "She said the budget would pass before the summer recess. "
        "Officials said the vote could slip to the autumn.")


def _views(text: str) -> tuple[Article, list[dict[str, float]]]:
    doc = parse(text)
    doc.user_data.clear()
    out = annotate_doc(Article(text=text, language="en"), doc)
    return out, doc.user_data[speaker_gate.FEATURES_KEY]


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Ship a gate of the test's making (as data/speaker_gate.json would)."""
    def ship(weights: dict[str, float], threshold: float = 0.5) -> None:
        monkeypatch.setattr(speaker_gate, "_shipped", lambda: speaker_gate.Gate(weights, 0.0, threshold))
    return ship


def test_naming_says_a_pronoun_was_resolved_and_how_far_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speaker_gate, "USE", False)
    out, views = _views(TEXT)
    by_speaker = {q.speaker: x for q, x in zip(out.quotes, views, strict=True)}
    she = by_speaker["Maria Gomez"]  # "She said ..."
    assert she["how=pronoun"] == 1.0 and she["mention=PERSON"] == 1.0 and she["speaker=name"] == 1.0
    assert she["back"] > 0  # the senator is named a sentence before
    officials = by_speaker["Officials"]  # a description no one named before stands for
    assert officials["how=description_none"] == 1.0 and "back" not in officials and "writes=-" in officials


def test_a_shipped_gate_drops_the_quotes_it_scores_below_its_threshold(gate: Any) -> None:
    gate({"how=pronoun": -20.0}, 0.5)  # every other quote scores 0.5 and passes
    out, views = _views(TEXT)
    assert [q.speaker for q in out.quotes] == ["Officials"]
    assert len(views) == 2  # both were found and scored; the gate dropped one


def test_a_shipped_gate_decides_instead_of_the_product_gate(gate: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes, "SPEAKER_GATE", 1.01)  # no product reaches it
    gate({}, 0.5)
    out, _ = _views(TEXT)
    assert len(out.quotes) == 2
    monkeypatch.setattr(speaker_gate, "USE", False)  # the product gate again
    assert _views(TEXT)[0].quotes == ()


def test_the_features_read_the_two_p_apart_and_the_speakers_kind() -> None:
    x = speaker_gate.features(0.9, 0.0, "officials", {"how": "description_none", "writes": "-"})
    assert x["filter"] > 2 and x["ranker"] < -9  # a vetted-out speaker's P 0 is a finite log-odds
    assert x["speaker=lower"] == 1.0 and x["how=description_none"] == 1.0 and x["writes=-"] == 1.0
    assert speaker_gate.speaker_kind(None) == "none" and speaker_gate.speaker_kind("Maria Gomez") == "name"

