"""A quotation running on across paragraphs (no closing mark at the paragraph's end, the next one
opening with a mark) is one attribution (`quote_orphans.JOIN_RUNNING_ON`)."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of

from newsdesk.understand import quote_orphans

LEAD = "Jane Smith, the defence minister, held a briefing on Monday.\n\n"
FIRST = "The army has been on alert for weeks. It will stay so."
SECOND = "Nobody should doubt our resolve"


def _with(words: str) -> dict:
    return next(q for q in quotes_of(LEAD + words) if SECOND in q["text"])


def test_the_paragraph_after_a_cue_carries_its_quotation_on() -> None:
    q = _with(f"Smith said: “{FIRST}\n\n“{SECOND}.”\n\nThe briefing ended at noon.")
    assert q["speaker"] == "Jane Smith" and q["kind"] == "direct"
    assert q["text"] == f"{FIRST} … {SECOND}.", q
    assert len(q["pieces"]) == 2


def test_the_cue_after_the_last_paragraph_takes_the_first() -> None:
    # the first paragraph has no cue of its own: the quotation's cue comes at its end
    text = f"“We are ready,” said Tom Brown, her deputy.\n\n“{FIRST}\n\n“{SECOND},” Smith said."
    q = _with(text)
    assert q["speaker"] == "Jane Smith" and q["text"] == f"{FIRST} … {SECOND}", q
    brown = next(q for q in quotes_of(LEAD + text) if q["speaker"] == "Tom Brown")
    assert FIRST not in brown["text"]


def test_a_cue_in_the_sentence_before_takes_the_whole_quotation() -> None:
    q = _with(f"Smith said:\n\n“{FIRST}\n\n“{SECOND}.”\n\nThe briefing ended at noon.")
    assert q["speaker"] == "Jane Smith" and q["text"] == f"{FIRST} … {SECOND}.", q


def test_without_the_rule_the_paragraphs_are_read_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_orphans, "JOIN_RUNNING_ON", False)
    text = f"“We are ready,” said Tom Brown, her deputy.\n\n“{FIRST}\n\n“{SECOND},” Smith said."
    brown = next(q for q in quotes_of(LEAD + text) if q["speaker"] == "Tom Brown")
    assert FIRST in brown["text"]  # the first paragraph went to the cue in the sentence before


def test_a_closed_quotation_does_not_run_on() -> None:
    text = f"Smith said: “{FIRST}”\n\n“{SECOND},” Tom Brown, her deputy, said."
    q = _with(text)
    assert q["speaker"] == "Tom Brown" and FIRST not in q["text"], q
