"""The title's full names resolve the text's short ones, without entering the entities (E14).

Offsets are into `text` (DESIGN.md), and extraction keeps the title out of it, so the title's
names are read for resolving, never listed."""

from __future__ import annotations

from entity_helpers import annotate

TITLE = "Wikinews interviews Christopher Hill, U.S. Republican Party presidential candidate"
BODY = ("Wikinews spoke to the candidate on Monday.\n\nHill said his years in the Air Force taught him "
        "discipline. Asked about taxes, Hill said he would cut them.")


def test_a_short_name_takes_the_full_name_of_the_title() -> None:
    article = annotate(BODY, title=TITLE)
    hills = [e for e in article.entities if e.type == "PERSON" and e.text == "Hill"]
    assert hills and all(e.canonical == "Christopher Hill" for e in hills)
    assert "Christopher Hill" in {q.speaker for q in article.quotes}


def test_the_titles_names_are_not_entities_of_the_text() -> None:
    article = annotate(BODY, title=TITLE)
    assert all(article.text[e.start:e.end] == e.text for e in article.entities)
    assert "Christopher Hill" not in {e.text for e in article.entities}


def test_a_full_name_the_text_gives_first_wins_over_the_title() -> None:
    body = "Marc Lamont Hill, a professor, joined the call.\n\nHill said the debate was useful."
    hills = [e for e in annotate(body, title=TITLE).entities if e.text == "Hill"]
    assert hills and all(e.canonical == "Marc Lamont Hill" for e in hills)
