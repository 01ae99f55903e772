"""Interview and transcript turns, whole (session 16, M4): an answer over several paragraphs is one
quote, up to the next label or a clear end; inside a transcript a one-off label ("HOST:") is a turn,
outside one a capitals kicker ("WATCH:") is no speaker; `dialogue.is_dialogue` is the one answer to
"is this page an interview or a transcript?". Real spaCy parses."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

from newsdesk.understand import dialogue, nlp
from newsdesk.understand.quote_candidates import speaker_lines

pytest.importorskip("spacy")

ANSWER = [
    "AnnLee: The tariffs will raise prices for families, and the factories they protect will pay more for steel.",
    "Nobody in the industry I talk to expects the plants to reopen. They were automated long before the tariffs.",
    "And the jobs we lost went to software, not to other countries, so a tax at the border brings none back.",
]
INTERVIEW = "\n\n".join([
    "The economist Ann Lee spoke to Tom Dale about trade and jobs.",
    "TomDale: What do you make of the new tariffs?",
    *ANSWER,
    "TomDale: Will the government listen?",
    "AnnLee: I doubt it, but I will keep saying so.",
])


def _turns(text: str) -> list[tuple[str | None, list[str]]]:
    """(label, the words of each piece) of every "NAME:" turn the quote finder proposes."""
    doc = nlp.load_nlp()(text)
    return [(f.speaker_text, [text[a:b] for a, b in f.pieces or [(f.start, f.end)]]) for f in speaker_lines(doc, text)]


def test_an_answer_over_three_paragraphs_is_one_quote() -> None:
    art = annotate(INTERVIEW)
    answer = next(q for q in art.quotes if q.text.startswith("The tariffs"))
    assert answer.speaker == "Ann Lee" and answer.kind == "direct", answer
    said = [INTERVIEW[a:b] for a, b in answer.pieces]
    assert said == [ANSWER[0][len("AnnLee: "):], ANSWER[1], ANSWER[2]], said  # offsets true to the text
    assert answer.end == INTERVIEW.index(ANSWER[2]) + len(ANSWER[2])
    # the later paragraphs are no quote of their own, with no speaker or another one
    later = [q for q in art.quotes if q is not answer and q.start < answer.end and q.end > answer.start]
    assert later == [], later


def test_an_i_in_a_later_paragraph_of_the_answer_is_the_one_answering() -> None:
    text = INTERVIEW.replace("Nobody in the industry I talk to expects", "I think nobody expects", 1)
    i_said = [q for q in annotate(text).quotes if "nobody expects" in q.text]
    assert i_said and all(q.speaker == "Ann Lee" for q in i_said), i_said


@pytest.mark.parametrize("end", [
    "Trade and the unions",  # a heading: no finite verb
    "Ann Lee at the Chicago trade forum in 2019.",  # a caption
    "Lee later told reporters that the government had ignored the advice of its own economists.",  # the writer's
])
def test_an_answer_stops_where_the_writer_speaks_again(end: str) -> None:
    text = "\n\n".join([*INTERVIEW.split("\n\n")[:3], ANSWER[1], end, ANSWER[2], "TomDale: Thank you."])
    labels = dict((label, pieces) for label, pieces in _turns(text) if label == "AnnLee")
    assert labels["AnnLee"] == [ANSWER[0][len("AnnLee: "):], ANSWER[1]], labels


def test_a_one_off_headline_label_says_only_its_line() -> None:
    # no label repeats: no interview, so no paragraph after the label is its speaker's
    text = ("Pat Caddell: Democrat voters are worried about the health of their candidate.\n\n"
            "Pollsters have found that many voters are anxious about the race.")
    assert _turns(text) == [("Pat Caddell", ["Democrat voters are worried about the health of their candidate."])]


TRANSCRIPT = "\n\n".join([
    "Partial transcript as follows:",
    "SANDERS: We have to raise the minimum wage, and we have to do it this year.",
    "HOST: Senator, the governors say they cannot pay for it.",
    "SANDERS: They can, if the richest pay their share.",
])


def test_a_one_off_host_label_in_a_transcript_is_a_turn() -> None:
    assert [label for label, _ in _turns(TRANSCRIPT)] == ["SANDERS", "HOST", "SANDERS"]
    host = next(q for q in annotate(TRANSCRIPT).quotes if q.text.startswith("Senator, the governors"))
    assert host.speaker == "HOST" and host.kind == "direct", host


def test_a_kicker_outside_a_transcript_or_at_its_head_is_no_speaker() -> None:
    story = ("WATCH: Senator Tom Jones took money from a lobbyist, the newspaper reported.\n\n"
             "The report, published on Monday, drew on court filings and interviews with former staff.")
    assert _turns(story) == []
    headed = "WATCH: Sanders and the host clash on wages\n\n" + TRANSCRIPT
    assert [label for label, _ in _turns(headed)] == ["SANDERS", "HOST", "SANDERS"]


def test_one_answer_to_is_this_an_interview() -> None:
    assert dialogue.is_dialogue(INTERVIEW) and dialogue.is_dialogue(TRANSCRIPT)
    # a writer's lead-in repeated, a one-off headline label: no interview, for the quote finder
    # and for whose "I" a paragraph's is alike
    lead_ins = ("Limbaugh continued: I think the debate is rigged.\n\n"
                "Limbaugh continued: I have said so for weeks.")
    assert not dialogue.is_dialogue(lead_ins)
    assert not dialogue.is_dialogue("Pat Caddell: Voters are worried.\n\nThe race is close.")
    tally = "SUPERDELEGATES.\n\nClinton: 547.\n\nSanders: 46.\n\nTHE TOTAL.\n\nClinton: 2,316.\n\nSanders: 1,547."
    assert not dialogue.is_dialogue(tally)  # numbers after the labels: a count, no one speaking


def test_writer_turn_label_follows_the_answer_and_stops_at_the_writer() -> None:
    from newsdesk.understand import writer

    text = "\n\n".join([*INTERVIEW.split("\n\n")[:3], "I believe the plants will not reopen.",
                        "Lee later told reporters that she had been ignored.", "I think so too, the editor adds.",
                        "TomDale: Thank you.", "AnnLee: Thank you."])
    doc = nlp.load_nlp()(text)
    i_of = [t for t in doc if t.text == "I"]
    assert writer.turn_label(i_of[0], text) == "AnnLee"  # a later paragraph of her answer
    assert writer.turn_label(i_of[1], text) is None  # past the writer's "Lee later told reporters"
