"""A word a headline capitalises only by its case is no part of a person's name there (T5): spaCy
glues "Face", "Hid", "Rip" to names in headline case ("... Clinton And Trump Face", "Clinton Hid
Past Health Problems", "Black Lawmakers Rip Donald Trump"), and the glued name became the fuller
form of the text's "Trump" or "Clinton". A word the text writes capitalised stays (a surname such as
Warren is an English word too)."""

from __future__ import annotations

from entity_helpers import annotate


def _canonicals(article, text: str) -> set[str | None]:  # type: ignore[no-untyped-def]
    return {e.canonical for e in article.entities if e.type == "PERSON" and e.text == text}


def test_a_headline_word_after_a_surname_leaves_no_fuller_form() -> None:
    body = "Trump spoke in Ohio on Monday.\n\n\"We will win,\" Trump said. Clinton was in New York."
    article = annotate(body, title="One Tweet Sums Up The Double Standard Clinton And Trump Face")
    assert _canonicals(article, "Trump") == {"Trump"}
    assert [q.speaker for q in article.quotes] == ["Trump"]


def test_an_irregular_verb_form_after_a_surname_goes_too() -> None:
    body = "Clinton was treated for a concussion in 2012.\n\n\"I am fine,\" Clinton said on Monday."
    article = annotate(body, title="Clinton Hid Past Health Problems From Public, Former Doctor Says")
    assert _canonicals(article, "Clinton") == {"Clinton"}
    assert "Clinton" in {q.speaker for q in article.quotes}


def test_a_headline_word_before_a_full_name_goes_and_the_full_name_stays() -> None:
    body = ("Members of the caucus spoke on Friday.\n\n\"He is a fraud,\" Rep. Jim Clyburn said of Trump. "
            "Trump said the members were wrong.")
    article = annotate(body, title="Black Lawmakers Rip Donald Trump As A Disgusting Fraud")
    assert _canonicals(article, "Trump") == {"Donald Trump"}
    assert "Donald Trump" in {q.speaker for q in article.quotes}


def test_the_text_repeating_a_headline_cut_before_a_two_word_name_keeps_the_surname() -> None:
    title = "Derelict Obama and Clinton"
    text = title + "\n\nObama spoke on Monday.\n\n\"We must act,\" Obama said."
    article = annotate(text, title=title)
    assert all(article.text[e.start:e.end] == e.text for e in article.entities)
    first = min((e for e in article.entities if e.type == "PERSON"), key=lambda e: e.start)
    assert (first.text, first.start) == ("Obama", text.index("Obama"))
    assert {q.speaker for q in article.quotes} == {"Obama"}


def test_a_surname_that_is_an_english_word_the_text_writes_capitalised_stays() -> None:
    body = "Warren questioned the bank's chief on Tuesday.\n\n\"You should resign,\" Warren said."
    article = annotate(body, title="Elizabeth Warren Hammers Wells Fargo Chief Over Fake Accounts")
    assert _canonicals(article, "Warren") == {"Elizabeth Warren"}
    assert {q.speaker for q in article.quotes} == {"Elizabeth Warren"}
