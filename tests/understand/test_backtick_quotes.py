"""Quotation marks written `` … '' (LaTeX, the Penn Treebank, some wire texts and scrapes) open and
close a quotation (`quote_regions.quoted_regions`); a `` left unclosed in its paragraph is markup."""

from __future__ import annotations

from entity_helpers import annotate

from newsdesk.understand.quote_regions import quoted_regions


def _quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quoted_regions(text, 1)]


def test_backticks_open_what_two_apostrophes_or_a_curly_mark_close() -> None:
    assert _quoted("``It's an enormous moment,'' said Steve Schmidt.") == ["It's an enormous moment,"]
    assert _quoted("``I say brains is the greater producer of wealth.\" — Peres") == [
        "I say brains is the greater producer of wealth."]
    assert _quoted("She said ``we will win this one” and left.") == ["we will win this one"]


def test_two_apostrophes_still_open_and_close_a_quotation() -> None:
    assert _quoted("''We won,'' he said. ``And we will again,'' she said.") == ["We won,", "And we will again,"]


def test_backticks_in_code_or_markup_open_no_quotation() -> None:
    assert _quoted("Run ``make test`` first. Then he said “the build is green.”") == ["the build is green."]
    text = "A stray `` in a shell script.\n\nThe minister said the plan was sound and would be kept."
    assert _quoted(text) == []


def test_a_backtick_quotation_may_run_on_into_the_next_paragraph() -> None:
    text = "``The first part of it.\n\n``And the rest of it,'' she said."
    assert _quoted(text) == ["The first part of it.", "And the rest of it,"]


def test_a_backtick_quotation_gets_its_speaker() -> None:
    quotes = annotate("The campaign ended on Tuesday. ``It's an enormous moment for all of us,'' said "
                      "Steve Schmidt, a strategist.").quotes
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("It's an enormous moment for all of us", "Steve Schmidt", "direct")], quotes
