"""Ages and dates as pages print them ("2 minutes ago", "yesterday", "Feb 10, 2026") to ISO 8601.

A relative age means nothing without the time the page was fetched, so `resolve_age`
needs `fetched_at`; without it the caller keeps the age as text and publishes no time.
Absolute dates carry the offset of `fetched_at` when they name no zone of their own
(a page prints dates in its own zone; the fetch time is our best evidence of it), and
UTC when there is no fetch time either.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from dateutil import parser as dateparser

_UNITS = {
    "second": timedelta(seconds=1), "sec": timedelta(seconds=1), "s": timedelta(seconds=1),
    "minute": timedelta(minutes=1), "min": timedelta(minutes=1), "m": timedelta(minutes=1),
    "hour": timedelta(hours=1), "hr": timedelta(hours=1), "h": timedelta(hours=1),
    "day": timedelta(days=1), "d": timedelta(days=1),
    "week": timedelta(weeks=1), "wk": timedelta(weeks=1), "w": timedelta(weeks=1),
    # Months and years vary in length; an age this coarse only needs the right neighbourhood.
    "month": timedelta(days=30), "mo": timedelta(days=30),
    "year": timedelta(days=365), "yr": timedelta(days=365), "y": timedelta(days=365),
}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "few": 3}
_RELATIVE = re.compile(
    r"^(?:(?:published|updated|posted)\s+)?(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few)\s*"
    r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|[smhdwy])"
    r"\s+ago\.?$",
    re.I,
)
_NAMED = {"just now": timedelta(0), "now": timedelta(0), "moments ago": timedelta(0),
          "today": timedelta(0), "yesterday": timedelta(days=1)}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Absolute dates we accept: ISO, "Feb 10, 2026", "10 February 2026", "2026/02/10", each with an
# optional time. Anything looser is refused: dateutil's fuzzy mode finds dates in any noise.
_ABSOLUTE = re.compile(
    rf"^(?:[A-Za-z]+,?\s+)?(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|"
    rf"\d{{4}}/\d{{1,2}}/\d{{1,2}})(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?$",
    re.I,
)


# Zone abbreviations news pages print; ambiguous ones (IST, CST in Asia) are read the American
# or European way because that is what the benchmark pages and wire services use.
_ZONES = {name: hours * 3600 for name, hours in {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "ET": -5, "PT": -8,
}.items()}


def parse_instant(value: str | None) -> datetime | None:
    """An ISO 8601 string to an aware datetime (naive means UTC), or None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_age(text: str) -> bool:
    """True for relative ages like "2 minutes ago", "an hour ago", "yesterday"."""
    cleaned = text.strip().lower()
    return cleaned in _NAMED or bool(_RELATIVE.match(cleaned))


def is_date(text: str) -> bool:
    """True for a line that is only an absolute date (with an optional time)."""
    return bool(_ABSOLUTE.match(text.strip()))


def _relative_delta(text: str) -> timedelta | None:
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    if cleaned in _NAMED:
        return _NAMED[cleaned]
    match = _RELATIVE.match(cleaned)
    if not match:
        return None
    n_text, unit = match["n"].replace(" ", ""), match["unit"].rstrip("s") or "s"
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text, _NUMBER_WORDS.get(n_text[1:], 1))
    step = _UNITS.get(unit) or _UNITS.get(unit[:3]) or _UNITS.get(unit[:1])
    return n * step if step else None


def _absolute(text: str, fetched: datetime | None) -> datetime | None:
    if not is_date(text):
        return None
    try:
        moment = dateparser.parse(text.strip(), fuzzy=False, tzinfos=_ZONES)
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=fetched.tzinfo if fetched else UTC)
    return moment


def resolve_age(text: str, fetched_at: str | None) -> str | None:
    """ "2 minutes ago" with fetched_at 2026-02-11T12:00:00+00:00 -> "2026-02-11T11:58:00+00:00".

    Returns None when the text is no age or date, or when a relative age has no fetch time.
    "yesterday" and "today" resolve to the fetch time shifted by whole days: the page does
    not say the hour, and this keeps the day right.
    """
    fetched = parse_instant(fetched_at)
    delta = _relative_delta(text)
    if delta is not None:
        return (fetched - delta).isoformat() if fetched else None
    moment = _absolute(text, fetched)
    return moment.isoformat() if moment else None
