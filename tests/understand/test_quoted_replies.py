"""A content wholly inside quotation marks is what was said however few and plain its words
(`quote_candidates.QUOTED_REPLIES`): "“Well, we’ll see,” said Pence" is Pence's reply, though the
same words outside quotation marks ("said we'll see") report nothing a reader can use. So is a short
quotation written right against a cue the parse gave no complement ("“Sorry,” Sanders said";
"Priebus said, “Probably.”"), but not a quoted phrase that is the subject itself or lies in another
sentence."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of

from newsdesk.understand import nlp, quote_candidates

TEXT = ("Todd asked Pence whether that would take place before the November election.\n\n"
        "“Well, we’ll see,” said Pence.")


def _replies() -> list[tuple[str, str]]:
    return [(q["speaker"], q["kind"]) for q in quotes_of(TEXT) if "we’ll see" in q["text"]]


def test_a_quoted_reply_of_plain_words_is_a_quote() -> None:
    assert _replies() == [("Pence", "direct")]


def test_without_it_the_reply_was_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_candidates, "QUOTED_REPLIES", False)
    nlp.clear_cache()
    try:
        assert _replies() == []
    finally:
        nlp.clear_cache()


def test_plain_words_outside_quotation_marks_are_still_no_content() -> None:
    assert not [q for q in quotes_of("Asked about the vote, the senator said we'll see.") if q["cue"] == "said"]


REPLIES = ("Clinton offered to debate in Brooklyn. \"Sorry,\" Sanders said.\n\n"
           "Asked whether he would fire a speechwriter, Priebus said, \"Probably.\"\n\n"
           "The network now includes websites and \"citizen journalists\" who promote and inflate such causes.\n\n"
           "Will the Republicans try to have it \"both ways\"? It seems pretty likely they will.")


def test_a_short_quotation_against_a_bare_cue_is_its_reply() -> None:
    got = {q["text"]: q["speaker"] for q in quotes_of(REPLIES)}
    assert got.get("Sorry") == "Sanders" and got.get("Probably.") == "Priebus", got
    assert not any("citizen journalists" in t or "both ways" in t for t in got), got


def test_without_it_the_short_replies_were_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_candidates, "QUOTED_REPLIES", False)
    nlp.clear_cache()
    try:
        got = {q["text"] for q in quotes_of(REPLIES)}
        assert "Sorry" not in got and "Probably." not in got
    finally:
        nlp.clear_cache()
