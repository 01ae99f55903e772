"""Session 29, speaker errors met in PolNeAR train: quoted words right before a cue are what it
says, not who says it ('"Safety," said Grimm'); a cue whose whole complement lies on another line
(a headline the parser ran into the deck's verb) has no content of its own; a speaker phrase that
opens a quotation mark closes it. Real spaCy parses and the shipped models."""

from __future__ import annotations

import pytest
from entity_helpers import annotate, phrase_of, speaker_of

from newsdesk.understand import nlp, quote_candidates, quote_orphans, quote_regions, quotes, speaker_phrase

SAFETY = ("Voters here worry about terrorism in the wake of attacks in Paris and San Bernardino, Calif.\n\n"
          '"Safety," said Grimm, a Donald Trump supporter. "Safety for the whole country, everybody."\n\n'
          "The recent terror attacks changed the Republican campaign.")

MORNING_JOE = ("Rudy Giuliani, who backs Trump, trashed Comey on MSNBC’s “Morning Joe,” calling it a "
               "“no-brainer” to prosecute under the statutory definition of the law.")

HEADLINE = ("American dream survives among Millennials, poll finds; \n"
            "Generation expects more success, though definition is different.\n\n"
            "In a changing economy, Millennials still believe in the American dream.")


def test_a_one_word_quotation_before_said_is_not_its_speaker() -> None:
    assert speaker_of(SAFETY, "Safety for the whole country") == "Grimm"


def test_a_show_named_in_quotation_marks_before_the_cue_is_not_its_speaker(gate_04: None) -> None:
    # read at gate 0.4: the quote's P(attribution) x P(speaker) is 0.91 x 0.70, under the shipped gate
    assert speaker_of(MORNING_JOE, "no-brainer") == "Rudy Giuliani"


def test_a_quoted_title_right_before_the_cue_is_not_the_closer_subject() -> None:
    text = ("Washington, star of television’s “Scandal,” thanked Obama for “taking these steps to make us "
            "ALL safer.”")
    assert speaker_of(text, "taking these steps") == "Washington"


def test_the_quoted_stretch_must_end_right_before_the_cue() -> None:
    doc = nlp.parse('He called it "a disaster" and said the plan failed.')
    said = next(t for t in doc if t.text == "said")
    assert quotes._quoted_before(doc, said) == []
    doc = nlp.parse('"Safety," said Grimm.')
    said = next(t for t in doc if t.text == "said")
    assert [doc.text[a:b] for a, b in quotes._quoted_before(doc, said)] == ["Safety,"]


def test_a_headline_run_into_the_deck_is_not_the_decks_content() -> None:
    qs = annotate(HEADLINE).quotes
    assert not any("American dream survives" in q.text for q in qs), qs
    assert any(q.text == "in the American dream" and q.speaker == "Millennials" for q in qs), qs


def test_without_the_switch_the_deck_takes_the_headline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_candidates, "OFF_LINE_CONTENT", True)
    doc = nlp.parse(HEADLINE)
    assert any("American dream survives" in doc.text[f.start:f.end] for f in quotes.candidates(doc))


def test_a_speaker_phrase_closes_the_quotation_it_opens() -> None:
    assert phrase_of("This CNN “reporter” said she was biased.", "reporter") == "This CNN “reporter”"
    assert phrase_of("Hundreds of the party's ''superdelegates'' said they would wait.", "Hundreds") == \
        "Hundreds of the party's ''superdelegates''"


def test_a_balanced_quotation_in_a_speaker_phrase_is_kept() -> None:
    assert phrase_of('Some in the "Bernie or Bust" crowd said they would not vote.', "Some") == \
        'Some in the "Bernie or Bust" crowd'


def test_an_unclosed_mark_after_the_head_is_cut_with_what_follows() -> None:
    doc = nlp.load_nlp()("Senior officials “in the loop said it would pass.")
    officials = next(t for t in doc if t.text == "officials")
    span = speaker_phrase._quotes_closed(doc[0:5], officials)
    assert span.text == "Senior officials"


ALI = ("“His legend will live on,” Spencer said, as a few young fighters worked out inside the gym, while "
       "outside some passers-by stopped to take photos of themselves near the large image of Ali that overlooks "
       "the front door. “His stories will live on — and his example will live on here.”")


def test_a_verb_with_its_own_object_before_a_full_stop_is_not_the_quotations_cue() -> None:
    q = next(q for q in annotate(ALI).quotes if "His stories will live on" in q.text)
    assert q.speaker == "Spencer", q


def test_without_the_switch_the_door_overlooking_verb_takes_the_quotation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_orphans, "SENTENCE_END_CUES", True)
    doc = nlp.parse(ALI)
    regions = quote_regions.quotations(doc)
    found = quote_orphans.orphan_quotes(doc, regions, [])
    assert any(doc.text[f.cue_start:].startswith("overlooks") for f in found), found


FACT_CHECK = ("In other words, the statistics show part of the income picture.\n\n"
              '"The idea that I would dismantle health care in America while we\'re waiting to pass Medicare for '
              'all is just not accurate. I helped write that bill."\n\n'
              "- Sanders.\n\n"
              "Sanders exaggerates when he says he helped write the Affordable Care Act.")


def test_a_hyphen_opening_the_line_after_a_quotation_names_its_speaker() -> None:
    assert speaker_of(FACT_CHECK, "dismantle health care") == "Sanders"


def test_a_bulleted_line_after_a_quotation_is_no_dash_speaker() -> None:
    assert quotes.DASH_SPEAKER.match("”\n\n-Pollster Ann Selzer is happy to be Iowa’s “silver standard,”\n") is None
    m = quotes.DASH_SPEAKER.match("”\n\n- Sanders.\n\nSanders exaggerates")
    assert m is not None and (m.group(1) or m.group(2)) == "Sanders"
