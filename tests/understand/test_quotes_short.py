"""Short attributions (PolNeAR's contents of 1-3 words): a passive cue with a "by" agent reports on
its subject ("The plan was sharply criticized by Tom Jones": the plan), and a pronoun as a cue's
direct object is not (PRONOUN_OBJECT is off: "her" says nothing to a reader). Real spaCy parses; the rules'
candidates (`quotes.candidates`) and, where said, the shipped filter and ranker."""

from __future__ import annotations

from typing import Any

from entity_helpers import quotes_of

from newsdesk.understand import quotes
from newsdesk.understand.nlp import load_nlp


def _candidates(text: str) -> list[tuple[str, str, str | None]]:
    """(slot, content, cue) of each candidate the rules propose for `text`."""
    doc: Any = load_nlp()(text)
    return [(f.slot, text[f.start:f.end], f.cue) for f in quotes.candidates(doc)]


def test_a_passive_cue_with_an_agent_reports_on_its_subject() -> None:
    text = "The plan was sharply criticized by Senator Tom Jones."
    assert ("passive", "The plan", "was criticized") in _candidates(text), _candidates(text)
    q = next(q for q in quotes_of(text) if q["cue"] == "was criticized")
    assert q["text"] == "The plan" and q["speaker"] == "Tom Jones", q


def test_the_agent_speaks_not_the_subject() -> None:
    # the subject holds a name too: the content is what was said of, the agent who said it
    text = "Mayor Ann Smith's proposal was rejected by Senator Tom Jones."
    qs = [q for q in quotes_of(text) if q["cue"] == "was rejected"]
    assert qs and all(q["speaker"] == "Tom Jones" for q in qs), qs


def test_a_passive_cue_without_an_agent_is_no_candidate() -> None:
    # "The new rules were announced": no one in the sentence said it
    assert not [c for c in _candidates("The new rules were announced.") if c[0] == "passive"]


def test_a_subject_of_stop_words_is_no_content() -> None:
    assert not [c for c in _candidates("It was echoed by her campaign.") if c[0] == "passive"]


def test_a_passive_cue_with_a_complement_keeps_its_own_content() -> None:
    cands = _candidates("Senator Tom Jones was asked by the party to resign.")
    assert not [c for c in cands if c[0] == "passive"], cands


def test_a_pronoun_object_is_no_quote_for_a_reader() -> None:
    # PRONOUN_OBJECT is off: "her" or "which" as what was said tells a reader nothing
    text = "Governor Jerry Brown endorsed her on Tuesday."
    assert not [c for c in _candidates(text) if c[2] == "endorsed"], _candidates(text)
    assert not [c for c in _candidates("He faces allegations of fraud, which he has denied.") if c[1] == "which"]


def test_other_wordless_contents_stay_out() -> None:
    # a preposition's pronoun or stop word is still no content ("called for more")
    assert not [c for c in _candidates("The crowd called for more.") if c[2] == "called"]
