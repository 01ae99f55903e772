"""A blank line ends a sentence in the shared parse (`nlp.PARAGRAPH_BREAKS`): a heading or a dateline
is no longer the subject of the paragraph after it (real spaCy parses)."""

from __future__ import annotations

from newsdesk.records import Article
from newsdesk.understand.events import EventCoder
from newsdesk.understand.nlp import parse

DATELINE = "Nairobi, Monday 3 March\n\nKenyan President William Ruto said the strike was illegal."


def test_a_blank_line_ends_a_sentence_and_a_line_break_does_not() -> None:
    doc = parse("Nairobi, Monday 3 March\n\nKenyan President William Ruto spoke\nto reporters.")
    assert [s.text.strip() for s in doc.sents] == ["Nairobi, Monday 3 March",
                                                    "Kenyan President William Ruto spoke\nto reporters."]


def test_the_person_after_a_dateline_is_the_subject_of_his_verb() -> None:
    said = next(t for t in parse(DATELINE) if t.text == "said")
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["Ruto"]


def test_the_event_after_a_dateline_has_its_speaker_for_a_source() -> None:
    # the parse made "Nairobi" the subject of "said" (V5's rough edge): the event had no source
    events = EventCoder().code(Article(text=DATELINE, language="en")).events
    sources = {e["source"]["text"] for e in events if e["sentence"].startswith("Kenyan")}
    assert "Kenyan President William Ruto" in sources, events
