"""Ages and printed dates resolve against the fetch time, and only then."""

from __future__ import annotations

import pytest

from newsdesk.extract.ages import is_age, is_date, parse_instant, resolve_age

FETCHED = "2026-02-11T12:00:00+00:00"


@pytest.mark.parametrize(("age", "expected"), [
    ("2 minutes ago", "2026-02-11T11:58:00+00:00"),
    ("1 hour ago", "2026-02-11T11:00:00+00:00"),
    ("an hour ago", "2026-02-11T11:00:00+00:00"),
    ("3 days ago", "2026-02-08T12:00:00+00:00"),
    ("yesterday", "2026-02-10T12:00:00+00:00"),
    ("5h ago", "2026-02-11T07:00:00+00:00"),
    ("Published 1 day ago", "2026-02-10T12:00:00+00:00"),
    ("2 weeks ago", "2026-01-28T12:00:00+00:00"),
])
def test_relative_ages_resolve_against_fetch_time(age: str, expected: str) -> None:
    assert is_age(age)
    assert resolve_age(age, FETCHED) == expected


def test_relative_age_keeps_the_fetch_offset() -> None:
    assert resolve_age("90 minutes ago", "2026-02-11T12:00:00+05:00") == "2026-02-11T10:30:00+05:00"


def test_without_fetch_time_a_relative_age_is_not_resolved() -> None:
    assert resolve_age("2 minutes ago", None) is None
    assert resolve_age("yesterday", None) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Feb 10, 2026", "2026-02-10T00:00:00+00:00"),
    ("10 February 2026", "2026-02-10T00:00:00+00:00"),
    ("2026-02-10", "2026-02-10T00:00:00+00:00"),
    ("Nov. 20, 2019 5:52 AM EST", "2019-11-20T05:52:00-05:00"),
    ("February 10, 2026 at 3:15 pm", "2026-02-10T15:15:00+00:00"),
])
def test_absolute_dates(text: str, expected: str) -> None:
    assert is_date(text)
    assert resolve_age(text, FETCHED) == expected


def test_absolute_date_takes_the_fetch_offset_when_it_names_no_zone() -> None:
    assert resolve_age("Feb 10, 2026", "2026-02-11T12:00:00-08:00") == "2026-02-10T00:00:00-08:00"


@pytest.mark.parametrize("text", ["hello ago", "Recent Posts", "2 apples ago maybe", "", "News Desk",
                                  "In 2025 the ministry said 38,000 people left"])
def test_other_text_is_neither_age_nor_date(text: str) -> None:
    assert not is_age(text)
    assert not is_date(text)
    assert resolve_age(text, FETCHED) is None


def test_parse_instant() -> None:
    assert parse_instant("2026-02-11T12:00:00Z").isoformat() == "2026-02-11T12:00:00+00:00"
    assert parse_instant("2026-02-11T12:00:00").isoformat() == "2026-02-11T12:00:00+00:00"
    assert parse_instant("not a time") is None
    assert parse_instant(None) is None
