"""Which cue a quotation with no complement takes (`quote_orphans._cue_near`).

The parse often starts a sentence right after a quotation that ends in "!" or "?" and its marks,
and puts the cue in it ("…she's wrong!'' Mr. Trump wrote on Twitter"). The cue there is still the
quotation's, however wide its closing marks (`AFTER_MARKS_SENTENCE`); the cue of the paragraph
before is not. But a cue deeper in the next sentence yields to one before the quotation in its own
sentence (`OWN_SENTENCE_FIRST`): "Trump said, and I quote, “…” He is treating his supporters as
ignorants who will believe anything" is not the ignorants' quotation."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of

from newsdesk.understand import nlp, quote_orphans

TWEET = ("In the past week, any semblance of a friendship between Mr. Trump and Bill Clinton came to an "
         "ugly end as the former president and his wife's presidential campaign found themselves in a "
         "muddy battle over sexism with the Republican candidate.\n\n"
         "''If Hillary thinks she can unleash her husband, with his terrible record of women abuse, while "
         "playing the women's card on me, she's wrong!'' Mr. Trump wrote on Twitter on Monday.")

LETTER = ("Readers wrote in about the rally.\n\n"
          "No wonder Trump said, and I quote, \"We love the poorly educated.\" He is treating his "
          "supporters as ignorants who will believe anything he says. Sad.")


def _quote(text: str, words: str) -> dict:
    q = next((q for q in quotes_of(text) if words in q["text"]), None)
    assert q is not None, quotes_of(text)
    return q


def test_the_cue_past_doubled_closing_marks_is_the_quotations() -> None:
    q = _quote(TWEET, "unleash her husband")
    assert q["cue"] == "wrote" and q["speaker"] == "Trump" and q["kind"] == "direct"


def test_without_it_the_cue_came_from_the_paragraph_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_orphans, "AFTER_MARKS_SENTENCE", False)
    nlp.clear_cache()
    try:
        q = next((q for q in quotes_of(TWEET) if "unleash her husband" in q["text"]), None)
        assert q is None or q["cue"] != "wrote"
    finally:
        nlp.clear_cache()


def test_a_cue_before_the_quotation_in_its_sentence_beats_one_in_the_next() -> None:
    q = _quote(LETTER, "poorly educated")
    assert q["cue"] != "will believe" and q["speaker"] != "ignorants"


def test_without_it_the_next_sentences_cue_won(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_orphans, "OWN_SENTENCE_FIRST", False)
    nlp.clear_cache()
    try:
        assert _quote(LETTER, "poorly educated")["cue"] == "will believe"
    finally:
        nlp.clear_cache()
