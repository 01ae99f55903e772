"""A thing made, done or put out is no quote: "issued a statement", "introduced a carbon tax",
"unveiled her campaign ad" report no one's words (`quote_made`, real spaCy parses)."""

from __future__ import annotations

from entity_helpers import quotes_of


def _said(text: str) -> list[str]:
    return [q["text"] for q in quotes_of(text)]


def test_a_statement_issued_is_not_a_quote_and_its_words_still_are() -> None:
    text = ("McCain, the party's presidential nominee in 2008, issued a statement after Trump spoke. "
            "\"This is wrong,\" he said.")
    qs = quotes_of(text)
    assert all(q["text"] != "a statement" for q in qs), qs
    assert any(q["text"] == "This is wrong" and q["speaker"] == "McCain" for q in qs), qs


def test_a_released_or_posted_vehicle_of_words_is_not_a_quote() -> None:
    assert "a statement" not in _said("The town released a statement on Friday. The mayor declined to comment.")
    assert "her message" not in _said("Palin posted her message on Facebook late on Sunday.")


def test_a_thing_introduced_or_unveiled_is_not_a_quote() -> None:
    assert _said("A conservative party in the Canadian province introduced a carbon tax in 2008.") == []
    assert _said("Hillary Clinton unveiled her first Spanish-language campaign ad on Monday.") == []
    assert _said("Obama is unveiling the new actions at the White House on Tuesday.") == []


def test_a_statement_said_to_be_about_something_and_a_clause_stay() -> None:
    # what the object says of the statement, or a clause in it, is the filter's to judge, as before
    assert "a statement on the subject" in _said("Trump issued a statement on the subject.")
    assert "a bill that would cut taxes" in _said("The senator introduced a bill that would cut taxes.")
    assert any("a fighter for families" in t for t in _said(
        "Mrs. Clinton introduced him as \"a fighter for families\" and a passionate advocate."))



def test_a_video_of_someone_speaking_is_what_it_shows_not_a_quote() -> None:
    said = _said("The campaign posted a video of the president speaking to troops in Kabul.")
    assert not any(t.startswith("a video") for t in said), said
