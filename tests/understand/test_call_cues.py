"""A "call" that phones or convenes says nothing: with a person or a gathering as its object and
a purpose infinitive after it, it is no attribution cue (quote_cues.summons); a "call" that names
("called his rival a liar") or urges ("called on Republicans to ...") still is. Real spaCy parses,
the shipped filter."""

from __future__ import annotations

from entity_helpers import quotes_of


def _cues(text: str) -> list[tuple[str, str]]:
    return [(q["cue"], q["text"]) for q in quotes_of(text)]


def _called(text: str) -> list[str]:
    return [t for cue, t in _cues(text) if cue.split()[-1] == "called"]


def test_calling_a_person_to_thank_her_is_no_quote() -> None:
    text = ("The debate was tense. Hillary Clinton called Alicia Machado on Friday to express gratitude "
            "to the former Miss Universe.")
    assert _called(text) == [], _cues(text)


def test_calling_a_meeting_to_discuss_something_is_no_quote() -> None:
    text = ("North Korea tested a bomb on Friday. The United Nations Security Council called an emergency "
            "meeting to discuss the test.")
    assert _called(text) == [], _cues(text)


def test_calling_a_rival_to_congratulate_him_is_no_quote() -> None:
    text = "The campaign was over. Clinton called Sanders to congratulate him on his victory."
    assert _called(text) == [], _cues(text)


def test_calling_someone_a_name_is_still_a_quote() -> None:
    text = "The race tightened. Senator Tom Jones called his rival a liar and a fraud on Tuesday."
    assert _called(text) == ["his rival a liar and a fraud"], _cues(text)


def test_a_name_with_an_infinitive_after_it_is_still_a_quote() -> None:
    # the infinitive follows a predicate ("a clown"): what was said of Palin, not a summons
    text = ("The feud went on. Last September, Beck called Palin a clown on his radio show at a rally "
            "to protest the Iran deal.")
    assert any(t.startswith("Palin a clown") for t in _called(text)), _cues(text)


def test_calling_on_someone_to_act_is_still_a_quote() -> None:
    text = "The race tightened. Senator Tom Jones called on Republicans to reject the nominee."
    assert [t for cue, t in _cues(text) if cue == "called on"] == ["to reject the nominee"], _cues(text)
