"""An interview whose text opens on its first question names its interviewee in the title (X25,
session 18): "Q&A: Jane Doe on ...", "An interview with Jane Doe". Real spaCy parses; the texts are
written for these tests."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

_BODY = ("Q: Why did the harbour plan take ten years?\n\n"
         "A: Because every council before ours wanted a bigger wall than the town could pay for.\n\n"
         "Q: What changes for the fishing boats?\n\n"
         "A: They get the inner basin back, and the ferry moves to the north quay.")


def _answer_speakers(title: str) -> list[str | None]:
    return [q.speaker for q in annotate(_BODY, title=title).quotes if "basin" in q.text or "council" in q.text]


@pytest.mark.parametrize("title", ["Q&A: Dana Whitfield on the harbour plan",
                                   "An interview with Dana Whitfield, the harbour master",
                                   "Interview: Dana Whitfield"])
def test_the_title_names_whom_the_answers_are_from(title: str) -> None:
    assert _answer_speakers(title) == ["Dana Whitfield", "Dana Whitfield"]


def test_a_title_about_a_person_names_no_interviewee() -> None:
    # the guard: a person the title is about is not, by place alone, the one who answers
    assert _answer_speakers("Why Dana Whitfield wants a smaller wall") == []


def test_a_reporter_in_the_title_does_not_answer() -> None:
    # the guard: the page's rules hold for its title too ("with" a reporter is who asks)
    assert _answer_speakers("Our reporter Sam Ortiz interviewed the harbour board") == []


def test_the_text_before_the_questions_still_comes_first() -> None:
    text = "Wikinews interviews Marcus Lee about the harbour.\n\n" + _BODY
    quotes = annotate(text, title="Q&A: Dana Whitfield on the harbour plan").quotes
    assert {q.speaker for q in quotes if "basin" in q.text} == {"Marcus Lee"}
