"""Labels that name a speaker, or do not (session 16, M5): the answers of a "Q:"/"A:" interview are
the interviewee's (named in the headline or intro) and its questions are no quotes; a media or
editor's tag ("VIDEO:", "UPDATE:") in a transcript is never a turn; a one-off headline "Rubio: I Still
Believe …" is the words of the person the page names by that label. Real spaCy parses."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

from newsdesk.understand import dialogue, nlp, writer
from newsdesk.understand.quote_candidates import speaker_lines

pytest.importorskip("spacy")

QA = "\n\n".join([
    "Interview: Jane Doe on the city budget",
    "We spoke with Jane Doe, the city's budget director, about the cuts planned for next year.",
    "Q: Why are the libraries closing on Sundays?",
    "A: Because I could not find the money anywhere else. We cut the parks first.",
    "Q: Will the pools reopen?",
    "A: Not this summer. I hope we can open them next year.",
])


def test_an_answer_of_a_q_and_a_interview_is_the_interviewee_s() -> None:
    art = annotate(QA)
    answers = [q for q in art.quotes if q.text.startswith(("Because I could", "Not this summer"))]
    assert len(answers) == 2, art.quotes
    assert all(q.speaker == "Jane Doe" and q.kind == "direct" for q in answers), answers


def test_a_question_of_a_q_and_a_interview_is_no_quote() -> None:
    art = annotate(QA)
    asked = [q for q in art.quotes if "libraries closing" in q.text or "pools reopen" in q.text]
    assert asked == [], asked
    assert all(q.speaker not in ("Q", "A") for q in art.quotes), art.quotes


def test_an_i_in_an_answer_is_the_interviewee_and_in_a_question_no_one_s() -> None:
    doc = nlp.load_nlp()(QA)
    i_answer = next(t for t in doc if t.text == "I" and t.idx > QA.index("A: Because"))
    assert writer.turn_label(i_answer, QA) == "Jane Doe"
    text = QA.replace("Will the pools reopen?", "I hear the pools stay shut?")
    doc = nlp.load_nlp()(text)
    i_question = next(t for t in doc if t.text == "I" and t.idx > text.index("Q: I hear"))
    assert writer.turn_label(i_question, text) is None


def test_a_lone_a_label_is_no_interview() -> None:
    text = "Two options remain.\n\nA: Raise the tax on fuel.\n\nA: Borrow against next year."
    assert not dialogue.is_dialogue(text)


TRANSCRIPT = "\n\n".join([
    "Full transcript of the debate on schools.",
    "RAMOS: Secretary Clinton, what would you tell the parents?",
    "CLINTON: I would tell them that every school deserves a nurse and a librarian.",
    "VIDEO: The mother of a pupil asks about class sizes in her district.",
    "RAMOS: Your answer?",
    "CLINTON: We will hire more teachers.",
])


@pytest.mark.parametrize("tag", ["VIDEO", "PHOTO", "WATCH", "UPDATE", "EDITOR'S NOTE", "READ MORE"])
def test_a_media_or_editor_tag_in_a_transcript_is_no_turn(tag: str) -> None:
    text = TRANSCRIPT.replace("VIDEO:", f"{tag}:")
    art = annotate(text)
    assert all(q.speaker != tag and q.speaker.upper() != tag for q in art.quotes if q.speaker), art.quotes
    clinton = [q for q in art.quotes if q.text.startswith("I would tell")]
    assert clinton and clinton[0].speaker.upper() == "CLINTON" and "mother" not in clinton[0].text, clinton


def test_update_twice_makes_no_transcript() -> None:
    text = "Storm hits coast.\n\nUPDATE: The road reopened at noon.\n\nUPDATE: Power is back in most homes."
    assert not dialogue.is_dialogue(text)


@pytest.mark.parametrize("headline,name,words", [
    ("Rubio: I Still Believe Trump Can’t Be Trusted with the Codes.", "Marco Rubio", "I Still Believe"),
    ("Trump: Clinton should have congratulated me for making history.", "Donald Trump", "Clinton should"),
    ("Cruz: Trump Would Put Liberals On Court, ‘I Fear The Same Thing Is True’ for Rubio.", "Ted Cruz",
     "Trump Would Put"),
    ("Rubio: Trump Can’t Be Trusted with the Codes.", "Marco Rubio", "Trump Can’t"),  # indirect
])
def test_a_headline_name_label_is_the_speaker_of_its_words(headline: str, name: str, words: str) -> None:
    text = "\n\n".join([
        headline,
        f"{name} spoke on Friday at a rally in Colorado, where several thousand supporters waited for hours.",
        "The campaign said the crowd was the largest of the week.",
    ])
    art = annotate(text)
    said = [q for q in art.quotes if q.start < len(headline)]
    assert said and all(q.speaker == name for q in said), said
    kind = "indirect" if headline.startswith("Rubio: Trump") else "direct"  # direct: first person or quoted
    assert any(q.text.startswith(words) and q.kind == kind for q in said), said


@pytest.mark.parametrize("headline", [
    "BUSTED: I Was Wrong About the Budget",  # a kicker in capitals
    "Poll: Voters Trust Marco Rubio With the Codes",  # no one the page knows by that label
])
def test_a_headline_label_that_names_no_speaker_of_its_words_says_nothing(headline: str) -> None:
    text = "\n\n".join([
        headline,
        "Marco Rubio and voters in Florida spoke to reporters on Friday about the budget.",
        "The ministry said the figures would be published next week.",
    ])
    art = annotate(text)
    label = headline.split(":")[0]
    assert not any(q.speaker in (label, "Marco Rubio") and q.start < len(headline) for q in art.quotes), art.quotes
    doc = nlp.load_nlp()(text)
    assert not any(f.speaker_text == label for f in speaker_lines(doc, text))


PANEL = [
    "Chris Matthews, Alex Seitz-Wald and Luciana Lopez discussed the tax plan on Saturday.",
    "Chris Matthews: Bernie says he will pay for free tuition with a tax on Wall Street speculation.",
    "But then I ask the people what they mean by it, and they say every trade pays fifty cents.",
    "Matthews: Well, speculation is bad.",
    "Lopez: Well, no one thinks of a pension as speculation.",
    "Matthews: Here is the irony of our time: everybody hates people who make money off money.",
]


@pytest.mark.parametrize("after", [
    "The panel is right to note, however, that the tax would fall on smaller investors as well.",
    "Matthews has made the same point about pensions on his show for several years.",
])
def test_a_writer_s_paragraph_after_the_last_answer_is_no_part_of_it(after: str) -> None:
    text = "\n\n".join([*PANEL, after, "The campaign projects that the tax would raise $75 billion a year."])
    doc = nlp.load_nlp()(text)
    last = [f for f in speaker_lines(doc, text) if text[f.start:f.end].startswith("Here is the irony")]
    assert last and last[0].end == text.index(PANEL[-1]) + len(PANEL[-1]), last
    first = next(f for f in speaker_lines(doc, text) if text[f.start:f.end].startswith("Bernie says"))
    assert first.end == text.index(PANEL[2]) + len(PANEL[2])  # "But then I ask …" is still his


def test_a_headline_label_the_page_also_knows_as_a_place_is_no_speaker() -> None:
    # the tagger called "Gabon" a person once and a country twice on a corpus-store page
    from spacy.tokens import Span

    from newsdesk.understand.quote_candidates import _headline_speaker

    text = "Gabon: On the president's death\n\nGabon mourned on Sunday, and Gabon buried Omar Bongo."
    doc = nlp.load_nlp()(text)
    at = [t.i for t in doc if t.text == "Gabon"]
    doc.ents = [Span(doc, at[1], at[1] + 1, label="ORG"), Span(doc, at[2], at[2] + 1, label="GPE")]
    assert not _headline_speaker(doc, "Gabon")
    doc.ents = [Span(doc, at[1], at[1] + 1, label="ORG")]
    assert _headline_speaker(doc, "Gabon")  # known as an organisation only: a speaker
