"""Short attributions (PolNeAR's contents of 1-3 words) that are no quote for a reader: a passive
cue's subject ("The plan was sharply criticized by Tom Jones": the plan) and a pronoun object
("Jerry Brown endorsed her"). Real spaCy parses; the rules' candidates (`quotes.candidates`) and the
shipped filter and ranker."""

from __future__ import annotations

from typing import Any

from entity_helpers import quotes_of

from newsdesk.understand import quotes
from newsdesk.understand.nlp import load_nlp


def _candidates(text: str) -> list[tuple[str, str, str | None]]:
    """(slot, content, cue) of each candidate the rules propose for `text`."""
    doc: Any = load_nlp()(text)
    return [(f.slot, text[f.start:f.end], f.cue) for f in quotes.candidates(doc)]


def test_a_passive_subject_is_no_quote_for_a_reader() -> None:
    # "The plan", said by Tom Jones, tells a reader nothing (the rule was tried and taken out, see
    # quote_candidates after SUMMONS_NO_CUE)
    text = "The plan was sharply criticized by Senator Tom Jones."
    assert not [q for q in quotes_of(text) if q["text"] == "The plan"], quotes_of(text)


def test_a_pronoun_object_is_no_quote_for_a_reader() -> None:
    # "her" or "which" as what was said tells a reader nothing
    text = "Governor Jerry Brown endorsed her on Tuesday."
    assert not [c for c in _candidates(text) if c[2] == "endorsed"], _candidates(text)
    assert not [c for c in _candidates("He faces allegations of fraud, which he has denied.") if c[1] == "which"]


def test_other_wordless_contents_stay_out() -> None:
    # a preposition's pronoun or stop word is still no content ("called for more")
    assert not [c for c in _candidates("The crowd called for more.") if c[2] == "called"]
