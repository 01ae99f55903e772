"""A page's own unquoted "I" is its writer (`understand.writer`): the byline's person, else no one
the page names; on a page that quotes others' paragraphs after a colon, the old rule stays."""

from __future__ import annotations

from entity_helpers import annotate

from newsdesk.understand import writer

SPEECH = ("With permission, Mr Speaker, I would like to make a statement about stop and search powers.\n\n"
          "Alex Marshall of the College of Policing has led the work. I believe that the reforms will help.\n\n"
          "Lord McNally thanked the judges.")


def _speakers(text: str, **fields: object) -> dict[str, str | None]:
    return {q.text.split()[0]: q.speaker for q in annotate(text, **fields).quotes}


def test_a_speech_is_its_person_authors_not_the_last_person_named() -> None:
    said = _speakers(SPEECH, authors=("Ministry of Justice", "The Rt Hon Lord McNally"))
    assert said["to"] == "McNally" and said["that"] == "McNally", said  # the text's "Lord McNally"


def test_with_no_person_in_the_byline_the_i_is_nobody_the_page_names() -> None:
    said = _speakers(SPEECH, authors=("Ministry of Justice",))
    assert said["that"] == "I", said  # not Alex Marshall, the person named just before


def test_a_page_quoting_others_paragraphs_keeps_the_nearest_person() -> None:
    text = ("Bloggers reacted at once. Camerini, from blog Transbrasil, states:\n\n"
            "The experts on television are talking about things that are just speculation.\n\n"
            "I believe that lightning did not knock the aircraft down.")
    said = _speakers(text, authors=("Thiana Biondo",))
    assert said["that"] == "Camerini", said


def test_an_i_inside_quotation_marks_is_not_the_writer() -> None:
    text = "Maria Lopez spoke on Monday. “I believe the plan will fail,” she said."
    said = _speakers(text, authors=("Thiana Biondo",))
    assert "Thiana Biondo" not in said.values(), said


def test_person_author_reads_the_byline() -> None:
    assert writer.person_author(("Ministry of Justice", "Jane Doe")) == "Jane Doe"
    assert writer.person_author(("Reuters",)) is None and writer.person_author(()) is None


INTERVIEW = ("Interview\n\n"
             "WilliamSSaturn: Why did you choose to run in the Republican Party?\n\n"
             "ChristopherHill: My ties to the party date back to 1979, when I volunteered for Ronald Reagan.\n\n"
             "WilliamSSaturn: Any final thoughts?\n\n"
             "ChristopherHill: A final thought. America is a nation that will endure. I believe it is our "
             "responsibility to pass on the same opportunities to future generations.")


def test_an_i_in_an_interview_turn_is_the_one_answering() -> None:
    # the turn's label, not the writer nor Ronald Reagan (since session 16 the whole turn is one quote)
    said = {q.speaker for q in annotate(INTERVIEW, authors=("Wikinews",)).quotes if "our responsibility" in q.text}
    assert said == {"Christopher Hill"}, said  # the label spaced as a name (L1)


def test_an_answer_running_on_past_its_labelled_paragraph_is_still_the_one_answering() -> None:
    text = INTERVIEW + ("\n\nI experienced that kind of adversity during the war. I believe that George Whitman "
                        "would have done the same.")
    said = {q.speaker for q in annotate(text, authors=("Wikinews",)).quotes if "George Whitman" in q.text}
    assert said == {"Christopher Hill"}, said  # the label spaced as a name (L1)
