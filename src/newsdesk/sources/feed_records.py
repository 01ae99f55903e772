"""What every feed format reads into: `Feed` and `FeedEntry`, with the date and link rules they share.

RSS and Atom (feeds.py) and JSON Feed (jsonfeed.py) both build these. They live apart from
either parser so the dependency runs one way: feeds.py dispatches to jsonfeed.py, and
jsonfeed.py needs nothing from feeds.py (it used to import it back inside its functions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime

from dateutil import parser as dateparser

from newsdesk.extract.detect import is_web_link
from newsdesk.sources.safety import join_url


@dataclass(frozen=True)
class FeedEntry:
    url: str | None
    title: str | None = None
    published: str | None = None  # ISO 8601 with offset
    authors: tuple[str, ...] = ()
    summary: str | None = None  # as the feed gave it (sanitised HTML or text)
    content_html: str = ""  # the full article when the feed carries it, else ""
    categories: tuple[str, ...] = ()
    updated: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Feed:
    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]
    language: str | None = None
    cut: bool = False  # more than feeds.MAX_FEED_ENTRIES entries: only the first ones were read


def date_text(raw: str | None) -> str | None:
    """A feed's date string (RFC 822 or ISO 8601, any offset) as ISO 8601 keeping its offset."""
    if not raw:
        return None
    for parse in (parsedate_to_datetime, dateparser.isoparse, dateparser.parse):
        try:
            when = parse(raw)
        except (TypeError, ValueError, OverflowError, IndexError):
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.isoformat()
    return None


def absolute_link(link: str | None, base: str | None) -> str | None:
    """A feed's link, stripped and resolved against the feed's address (None if it has none, it
    cannot be parsed: safety.join_url, or it leads to no web page: javascript:, data:, file:...)."""
    if not link or not is_web_link(link):
        return None
    link = link.strip()
    return join_url(base, link)
