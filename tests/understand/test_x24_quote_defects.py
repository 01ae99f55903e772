"""Small English quote defects a desk user met (session 17, X24): a question put to "you" gave `you`
a quote; a headline the parser ran into the first paragraph gave its stray words ("On the morning
show") to the next cue; a speaker as written kept its comma ("everyone,"); a page's tweet markup
('2016">Crofts') was a speaker; and a dummy "it" ("It seems that …") was one. Hand-written pages,
real spaCy parses and the shipped models."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

from newsdesk.understand import pronouns, speakers

pytest.importorskip("spacy")


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in annotate(text).quotes]


# --- 1. a question is asked, not said ---------------------------------------------------------------

def test_a_question_put_to_you_is_no_quote() -> None:
    text = "\n\n".join([
        "The harbour wall vote",
        "Q: Why do you oppose the wall?",
        "A: I have fished from this quay since I was twelve, and the wall would close it to small boats.",
    ])
    said = _said(text)
    assert not any(s is not None and s.lower() == "you" for s, _ in said), said
    assert not any(t == "the wall" for _, t in said), said


def test_a_question_to_the_reader_is_no_quote_but_a_statement_to_you_is() -> None:
    said = _said("Would you say the mayor broke her promise to the fishermen? Many fishermen say she broke it"
                 " on Tuesday.")
    assert [s for s, _ in said] == ["Many fishermen"], said
    # "You said in March that …" tells what the one addressed said: still a quote
    said = _said("You said in March that the wall was too costly. Do you still think so?")
    assert any(t.endswith("the wall was too costly") for _, t in said), said


# --- 2. a headline run into the first paragraph -----------------------------------------------------

def test_stray_words_of_a_headline_s_clause_are_no_content() -> None:
    text = "\n\n".join([
        "Mayor defends harbour wall on local radio",
        "On the morning show, Mayor Ellen Crofts defended the wall. Partial transcript as follows:",
        "HOST: Mayor, the fishermen are angry.",
        "CROFTS: I say the wall protects his boat as much as anyone's.",
    ])
    said = _said(text)
    assert not any(t.startswith("On the morning show") for _, t in said), said
    assert any(s == "Ellen Crofts" and t.startswith("I say the wall") for s, t in said), said


# --- 3. a speaker as written ends on a word ---------------------------------------------------------

def test_a_speaker_phrase_keeps_no_comma() -> None:
    text = "“We will win the vote,” everyone, including the fishermen, said on Tuesday."
    [q] = [q for q in annotate(text).quotes if "win the vote" in q.text]
    assert q.speaker == "everyone, including the fishermen"
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start:q.speaker_end] == "everyone, including the fishermen"


# --- 4. a page's markup is no one -------------------------------------------------------------------

TWEETS = "\n\n".join([
    "Crofts spoke on Tuesday.",
    '<tweet tweet-author="@harbourdesk" tweet-date="May 3, 2016">Crofts said that the wall would stay'
    ' until the vote<tweet/>.',
    '<tweet id="7681" author="@harbourdesk" datetime="2016-05-03">Fishermen say the council never came'
    " down to the quay. — Harbour Desk (@harbourdesk) May 3, 2016</tweet>.",
])


def test_tweet_markup_is_no_speaker() -> None:
    quotes = annotate(TWEETS).quotes
    assert quotes, "the tweets' cues still make quotes"
    for q in quotes:
        assert q.speaker is None or not speakers.markup(q.speaker), q
        if q.speaker_start is not None and q.speaker_end is not None:
            assert not speakers.markup(TWEETS[q.speaker_start:q.speaker_end]), q


def test_markup_words() -> None:
    assert speakers.markup('2016">.@BernieSanders') and speakers.markup('datetime="2016')
    assert not speakers.markup("@BernieSanders") and not speakers.markup("O'Rourke")


# --- 5. a dummy "it" -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "It seems that the plan for the harbour will fail.",
    "Often, it appeared that the mayor was unable to answer the fishermen.",
    "It goes without saying that raising taxes on the harbour is unpopular.",
])
def test_a_dummy_it_is_no_speaker(text: str, gate_04: None) -> None:
    # read at gate 0.4: the first sentence's P(attribution) x P(speaker) is 0.668 x 0.952 = 0.636, under
    # the shipped gate (0.64, session 29); what this test reads is that the dummy "it" names no one
    quotes = annotate(text).quotes
    assert quotes, "PolNeAR marks these as attributions with no source: the quote stays"
    assert all(q.speaker is None and q.speaker_start is None for q in quotes), quotes


def test_an_it_for_a_thing_still_speaks() -> None:
    text = "The harbour report was published on Monday. It said that the wall cost too much."
    [q] = annotate(text).quotes
    assert q.speaker == "The harbour report"
    text = "The harbour report is long. It appears to blame the council for the delays."
    assert [q.speaker for q in annotate(text).quotes] == ["The harbour report"]


def test_dummy_it_reads_the_verb_s_clause() -> None:
    from newsdesk.understand import nlp
    doc = nlp.parse("It looks as if the council will lose. It looks old.")
    its = [t for t in doc if t.lower_ == "it"]
    assert [pronouns.dummy_it(t) for t in its] == [True, False]


def test_an_it_for_a_body_the_tagger_did_not_name() -> None:
    text = ("Many fishermen share these fears, but the Northern and Western Fishing Coalition, which speaks for 300 boats,"
            " wants to stay neutral. Recently, however, it issued a paper welcoming the council's plans for the"
            " quay.")
    said = [(q.speaker, q.text) for q in annotate(text).quotes if "paper" in q.text]
    assert said and all(s == "the Northern and Western Fishing Coalition" for s, _ in said), said
