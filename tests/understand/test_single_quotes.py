"""Quotation marks that can be something else: single curly marks as British, Irish and Commonwealth
papers quote (`quote_regions.SINGLE_QUOTES`), told apart from the apostrophe that shares the closing
mark, and a stray straight closing mark (`quote_regions.STRAY_CLOSERS`)."""

from __future__ import annotations

import pytest
from entity_helpers import quotes_of

from newsdesk.understand import quote_regions
from newsdesk.understand.quote_regions import quoted_regions

BRIEFING = "The ministry held a briefing in London on Monday.\n\n"


def _quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quoted_regions(text, 1)]


def test_a_multi_sentence_quotation_in_single_marks_is_one_direct_quote() -> None:
    text = BRIEFING + "‘We are ready for any scenario. The army has been on alert for weeks,’ Jane Smith said."
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert q["kind"] == "direct" and q["speaker"] == "Jane Smith"
    assert q["text"] == "We are ready for any scenario. The army has been on alert for weeks"


def test_the_quotation_goes_on_after_its_cue() -> None:
    text = BRIEFING + "‘We are ready for any scenario,’ Jane Smith said. ‘The army has been on alert for weeks.’"
    (q,) = quotes_of(text)
    assert q["text"] == "We are ready for any scenario … The army has been on alert for weeks.", q


def test_without_single_marks_the_parse_alone_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_regions, "SINGLE_QUOTES", False)
    text = BRIEFING + "‘We are ready for any scenario. The army has been on alert for weeks,’ Jane Smith said."
    (q,) = quotes_of(text)
    assert q["kind"] == "indirect" and q["text"] == "The army has been on alert for weeks", q


def test_apostrophes_neither_open_nor_close() -> None:
    text = "‘We don’t know what the ministers’ plan is, and it’s been that way since the ‘90s,’ she said."
    assert _quoted(text) == ["We don’t know what the ministers’ plan is, and it’s been that way since the ‘90s,"]
    assert _quoted("The ministers’ plan was rejected by the ‘90s generation and its voters.") == []


def test_a_plural_possessive_closes_when_nothing_later_can() -> None:
    # "the ministers’" ends the quotation: no later ’ in the paragraph closes it
    assert _quoted("She called it ‘a betrayal by the ministers’ and left the room.") == [
        "a betrayal by the ministers"]


def test_quotations_inside_quotations_are_the_outer_ones_words() -> None:
    british = "‘He told me “never again” and walked out of the talks,’ she said."
    assert _quoted(british) == ["He told me “never again” and walked out of the talks,"]
    american = "“He told me ‘never again’ and walked out of the talks,” she said."
    assert _quoted(american) == ["He told me ‘never again’ and walked out of the talks,"]


def test_an_unclosed_single_mark_runs_on_only_into_a_paragraph_that_reopens() -> None:
    running = "‘We are ready for any scenario.\n\n‘The army has been on alert for weeks,’ she said."
    assert _quoted(running) == ["We are ready for any scenario.", "The army has been on alert for weeks,"]
    stray = "Rock ‘n roll was never his thing.\n\nHe preferred jazz and the blues."
    assert _quoted(stray) == []


def test_a_stray_straight_closing_mark_opens_nothing() -> None:
    # 'communities," For': a typo's closing mark with none open; before, it opened a quotation and
    # every later pair of the page was read inside out
    text = ('Professor Burrows said kits would be sent to schools and communities," For example, schools can '
            'hold their own votes". People were encouraged to send designs. Key said "In the end I will have '
            'one vote like everybody else" on Monday.')
    assert _quoted(text) == ["In the end I will have one vote like everybody else"]
    assert _quoted('He said,"We will win this race." Then he left.') == ["We will win this race."]


def test_without_the_rule_the_stray_mark_turns_the_page_inside_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_regions, "STRAY_CLOSERS", False)
    text = ('Professor Burrows said kits would be sent to schools and communities," For example, schools can '
            'hold their own votes". People were encouraged to send designs.')
    assert _quoted(text) == [" For example, schools can hold their own votes"]
