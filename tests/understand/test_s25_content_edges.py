"""A content's edges (S25): a quoted word at the edge of a content keeps the mark that closes or opens
it, and a content that ends in a conjunction goes on through the conjunct the parser hung elsewhere,
unless that conjunct reports (real spaCy parses)."""

from __future__ import annotations

from entity_helpers import quotes_of


def _quote(text: str, words: str) -> dict:
    q = next((q for q in quotes_of(text) if words in q["text"]), None)
    assert q is not None, quotes_of(text)
    return q


def test_a_content_ending_in_a_quoted_word_keeps_its_closing_mark() -> None:
    text = ("Republicans seized on the message, arguing that it showed “intent” and indicated Clinton may have "
            "violated laws.")
    q = _quote(text, "it showed")
    assert q["text"].endswith("“intent”"), q
    # what follows the mark is a second statement the parse hung on "seized": it stays out
    assert "indicated" not in q["text"], q


def test_the_closing_mark_across_a_comma() -> None:
    text = "Senator Jane Roe told reporters that waterboarding is “peanuts,” compared to what militants are doing."
    q = _quote(text, "waterboarding")
    assert q["text"].endswith("“peanuts,”"), q


def test_doubled_apostrophes_close_a_quoted_phrase() -> None:
    q = _quote("Mr. Smith called the plan ''a disaster'' on Monday.", "the plan")
    assert q["text"] == "the plan ''a disaster''", q


def test_a_content_starting_in_a_quotation_keeps_its_opening_mark() -> None:
    q = _quote("The senator described “a total failure” of the agency in his speech.", "total failure")
    assert q["text"].startswith("“a total failure”"), q


def test_a_content_ending_in_a_conjunction_goes_on_through_its_conjunct() -> None:
    q = _quote("Bannon will talk about the Southern border and how many Syrians can easily slip through.",
               "Southern border")
    assert q["text"] == "about the Southern border and how many Syrians can easily slip through", q


def test_or_whether_goes_on_too() -> None:
    text = ("The candidate declined to elaborate on his planned message to AIPAC or whether he would honor a "
            "previous pledge to remain neutral.")
    q = _quote(text, "AIPAC")
    assert q["text"].endswith("to remain neutral"), q


def test_a_reporting_conjunct_is_a_statement_of_its_own() -> None:
    # the parse hangs "60 percent said ..." on the first report: the first content ends before "and"
    text = ("In a survey released last Thursday, 79 percent of Democrats said they were satisfied or very "
            "satisfied with Mr. Obama's presidency and 60 percent said they would like to see the next president "
            "continue his policies.")
    q = _quote(text, "very satisfied")
    assert q["text"].endswith("presidency"), q


def test_but_said_is_no_part_of_the_first_content() -> None:
    text = ("The lobbyist Jane Roe testified on Monday. She said she had met with Manafort twice but said neither "
            "Manafort nor Gates played a role in its lobbying activities.")
    q = _quote(text, "met with Manafort")
    assert q["text"] == "she had met with Manafort twice", q
