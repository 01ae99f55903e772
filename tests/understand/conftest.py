"""Fixtures shared by the entity and quote tests."""

from __future__ import annotations

import pytest

from newsdesk.understand import quotes


@pytest.fixture
def gate_04(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quotes read at speaker gate 0.4, not the shipped one: for tests that check who speaks or
    where a content starts and stops, on sentences whose P(attribution) x P(speaker) lies under the
    shipped gate (each module says by how much)."""
    monkeypatch.setattr(quotes, "SPEAKER_GATE", 0.4)
