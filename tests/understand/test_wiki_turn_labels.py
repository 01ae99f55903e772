"""A wiki interview's turn label is the user name of the person the page names ("NoamChomsky" for
"Noam Chomsky"); the tagger also reads the glued label as an organisation, which named the turns."""

from __future__ import annotations

import pytest

from newsdesk.records import Article

pytest.importorskip("spacy")

TEXT = ("Wikinews reporter David Shankbone interviewed the linguist Noam Chomsky about the war.\n\n"
        "DavidShankbone: What do you think of the coverage?\n\n"
        "NoamChomsky: I think the coverage has been very poor, and I said so at the time.\n\n"
        "DavidShankbone: Why?\n\n"
        "NoamChomsky: Because the reporters accept the official story. I believe that is the problem.")


def _speakers(text: str) -> dict[str, str | None]:
    from newsdesk.understand.annotate import Annotator

    article = Annotator().annotate(Article(url="https://wiki.example/1", title="Interview", text=text,
                                           paragraphs=tuple(text.split("\n\n")), language="en"))
    return {q.text.split()[0]: q.speaker for q in article.quotes}


def test_a_glued_user_name_label_names_the_person_the_page_names() -> None:
    said = _speakers(TEXT)
    assert said.get("I") == "Noam Chomsky", said
    assert said.get("Because") == "Noam Chomsky", said


def test_a_label_with_no_spaced_person_is_the_person_of_its_spaced_name() -> None:
    # session 16 (L1): a glued label naming no one on the page is a person's name itself, spaced at
    # its capitals, no more the label as written (whose quotes then linked to no entity)
    text = TEXT.replace("the linguist Noam Chomsky", "a linguist")  # nobody named "Noam Chomsky"
    said = _speakers(text)
    assert said.get("I") == "Noam Chomsky", said
