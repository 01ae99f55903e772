"""Where an indirect quote's content ends: a clause the parser hangs on the cue right after the
content, with no comma between, carries on what was said (quote_candidates.TRAILING_CLAUSES, on
as shipped); after a comma it is the writer's (real spaCy parses, the shipped filter)."""

from __future__ import annotations

from entity_helpers import quotes_of


def _quote_with(text: str, words: str) -> dict:
    q = next((q for q in quotes_of(text) if words in q["text"]), None)
    assert q is not None, quotes_of(text)
    return q


def test_a_purpose_infinitive_after_the_object_is_part_of_what_was_said() -> None:
    text = "Markets fell on Monday. Senator Tom Jones cited the budget deficit to justify the cuts to schools."
    q = _quote_with(text, "the budget deficit")
    assert q["text"] == "the budget deficit to justify the cuts to schools", q
    assert q["speaker"] == "Tom Jones", q


def test_a_purpose_infinitive_after_a_prepositional_cue_is_part_of_what_was_said() -> None:
    text = "The vote was close. Senator Tom Jones called for new elections to restore trust in the council."
    q = _quote_with(text, "new elections")
    assert q["text"].endswith("new elections to restore trust in the council"), q


def test_after_a_comma_the_clause_stays_out() -> None:
    text = "The vote was close. Senator Tom Jones called for new elections, to restore trust in the council."
    q = _quote_with(text, "new elections")
    assert "restore" not in q["text"], q


def test_a_past_tense_clause_after_a_comma_is_what_the_speaker_did() -> None:
    text = "The vote was close. Senator Tom Jones said the plan failed, and left the room."
    q = _quote_with(text, "the plan failed")
    assert "left the room" not in q["text"], q


def test_a_participle_clause_with_its_own_subject_is_the_writers() -> None:
    # "because he was troubled ...": a clause of its own, in the gold content 3 of 7 times in train
    text = "The vote was close. Senator Tom Jones wrote the letter because he was troubled by the cuts to schools."
    q = _quote_with(text, "the letter")
    assert "troubled" not in q["text"], q
