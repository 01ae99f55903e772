"""Jinja2 environment and the filters templates use.

Article content is untrusted: templates autoescape everything, URLs are only rendered when
their scheme is http(s), and the only HTML we build from article text (search highlights)
is escaped first, then only balanced <mark> pairs are added (an allow-list of one tag).
"""

from __future__ import annotations

import functools
import html
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from newsdesk.store.snippets import MARK_CLOSE, MARK_OPEN

TEMPLATES = Path(__file__).parent / "templates"


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 string to an aware datetime (naive and date-only values are taken as UTC)."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


_UNITS = (("year", 365 * 86400), ("month", 30 * 86400), ("week", 7 * 86400), ("day", 86400),
          ("hour", 3600), ("minute", 60))


def relative_time(value: str | None, now: datetime | None = None) -> str:
    """"2 minutes ago", "in 3 days", "just now"; the same wording as static/desk.js uses."""
    dt = parse_time(value)
    return _relative(dt, now) if dt else ""


def _relative(dt: datetime, now: datetime | None = None) -> str:
    # Epoch seconds rather than datetime arithmetic: one call per card on every listing page.
    seconds = (now.timestamp() if now else time.time()) - dt.timestamp()
    ahead, seconds = seconds < 0, abs(seconds)
    for unit, size in _UNITS:
        if seconds >= size:
            n = int(seconds // size)
            phrase = f"{n} {unit}{'' if n == 1 else 's'}"
            return f"in {phrase}" if ahead else f"{phrase} ago"
    return "just now"


def human_time(value: str | None) -> str:
    """A readable absolute time: "11 Feb 2026, 12:00 UTC", or just the date for date-only values."""
    dt = parse_time(value)
    return _human(dt, date_only=len((value or "").strip()) <= 10) if dt else (value or "")


# Month abbreviations as strftime's %b writes them in the C locale (the server never sets another):
# a table lookup instead of strftime, which was a third of a card's time on a cold listing page.
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _human(dt: datetime, date_only: bool) -> str:
    if date_only:
        return f"{dt.day} {_MONTHS[dt.month]} {dt.year}"
    dt = dt.astimezone(UTC)
    return f"{dt.day} {_MONTHS[dt.month]} {dt.year}, {dt.hour:02d}:{dt.minute:02d} UTC"


def iso_time(value: str | None) -> str:
    dt = parse_time(value)
    return dt.isoformat() if dt else ""


_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


@functools.lru_cache(maxsize=8192)
def parsed_time(value: str) -> tuple[datetime, str, str] | None:
    """(aware datetime, ISO form, absolute wording) of an ISO time. Cached: a listing shows ~40
    times, and the same times recur on every page that shows the same articles."""
    dt = parse_time(value)
    if dt is None:
        return None
    # A stored time is usually already what isoformat() would write it as: keep the string.
    iso = value if _CANONICAL.fullmatch(value) else dt.isoformat()
    return dt, iso, _human(dt, date_only=len(value.strip()) <= 10)


def time_html(value: str | None, cls: str = "when", relative: str | None = None) -> str:
    """`<time>` with machine time, absolute time as its title and relative text (desk.js refreshes it);
    `relative` stands in for that text (stored cards keep a placeholder there, see fragments).

    Built with an f-string: `Markup.format` per time was a fifth of a listing page's rendering
    (cProfile). The datetime and wording are ours, not the page's; `cls` is escaped.
    """
    found = parsed_time(value) if value and isinstance(value, str) else None
    if found is None:
        return ""
    dt, iso, human = found
    return (f'<time class="{html.escape(cls)}" datetime="{iso}" title="{human}" data-relative>'
            f"{_relative(dt) if relative is None else relative}</time>")


def relative_now(value: str | None) -> str:
    """The relative text time_html would write for this time now ("" if it is not a time)."""
    dt = parse_time(value) if value and isinstance(value, str) else None
    return _relative(dt) if dt else ""


def time_tag(value: str | None, cls: str = "when") -> Markup:
    """time_html as a template filter (`value|timetag`)."""
    return Markup(time_html(value, cls))


def safe_url(value: str | None) -> str | None:
    """The URL if it is http(s) without credentials; None otherwise (javascript:, data:, …)."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return None
    if any(ord(c) < 32 for c in value):
        return None
    return value


_PLAIN = "[^" + MARK_OPEN + MARK_CLOSE + "]*"
_MARKED = re.compile(MARK_OPEN + "(" + _PLAIN + ")" + MARK_CLOSE)
_WELL_FORMED = re.compile(_PLAIN + "(?:" + MARK_OPEN + _PLAIN + MARK_CLOSE + _PLAIN + ")*")


def marked(value: str | None) -> Markup:
    """Snippet or title with MARK_OPEN/MARK_CLOSE markers to HTML with <mark>: escape, then allow-list.

    The allow-list is applied by construction rather than by nh3 (which cost a tenth of a search
    answer): after html.escape the text holds no tag at all, and the only tags added are <mark>
    and </mark> in balanced pairs around marker-delimited runs; stray markers are dropped.
    """
    return Markup(marked_html(value))


def marked_html(value: str | None) -> str:
    """`marked`'s HTML as a plain str, for answers that write it into JSON (no Markup object)."""
    text = html.escape(value or "")
    if MARK_OPEN not in text and MARK_CLOSE not in text:
        return text
    if _well_formed(text):  # what the store writes: plain replacement keeps pairs balanced
        return text.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
    text = _MARKED.sub(lambda m: "<mark>" + m.group(1) + "</mark>", text)
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def _well_formed(text: str) -> bool:
    """Whether `_WELL_FORMED` matches all of `text`: after each MARK_OPEN exactly one MARK_CLOSE
    before the next, and none before the first. Checked with split/count (~2/3 of the regex's
    time on a 220-character snippet; the check runs on every snippet of a search answer)."""
    first, *rest = text.split(MARK_OPEN)
    return MARK_CLOSE not in first and all(part.count(MARK_CLOSE) == 1 for part in rest)


def unmarked(value: str | None) -> str:
    return (value or "").replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def query_string(base: dict[str, Any], **changes: Any) -> str:
    """`?a=1&b=2` from the current filters with some changed; None drops a key."""
    merged = {k: v for k, v in {**base, **changes}.items() if v not in (None, "")}
    return ("?" + urlencode(merged)) if merged else ""


def without_page(request: Any) -> dict[str, str]:
    """The request's query parameters but `page`: what a pager link or a JSON twin keeps."""
    return {k: v for k, v in request.query_params.items() if k != "page"}


def page_url(path: str, params: dict[str, Any], page: int) -> str:
    """`path` at this page of a page-numbered listing, its other parameters kept: a page's JSON twin
    (the twins of /search, /stories, /entities and /quotes dropped `page`: page 2 led to page 1's JSON)."""
    return path + query_string(params, page=page if page > 1 else None)


def numbered_links(path: str, params: dict[str, Any], page: int, more: bool,
                   last: int | None = None) -> dict[str, str | None]:
    """`prev_url` and `next_url` of a page-numbered listing, its other parameters kept (a pager
    that dropped them led from one actor's events to everyone's). `last`: the last page holding
    items, where a count knows it; a page past it leads back there, not to the empty page before."""
    back = min(page - 1, last) if last is not None else page - 1
    return {"prev_url": path + query_string(params, page=back) if back >= 1 else None,
            "next_url": path + query_string(params, page=page + 1) if more else None}


_INLINE_CODE = re.compile(r"`([^`\n]+)`")


def inline_code(text: Any) -> Markup:
    """Text whose `backticked` spans are <code> (the API's descriptions are written so), escaped."""
    escaped = html.escape(str(text or ""), quote=False)
    return Markup(_INLINE_CODE.sub(r"<code>\1</code>", escaped))


def make_environment(extra_dirs: list[Path] | None = None) -> Environment:
    env = Environment(loader=FileSystemLoader([str(TEMPLATES), *map(str, extra_dirs or [])]),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters.update(timetag=time_tag, reltime=relative_time, humantime=human_time, isotime=iso_time,
                       safe_url=safe_url, marked=marked, unmarked=unmarked, code=inline_code)
    # fragments builds on this module
    from newsdesk.web.fragments import card_html, options_html, results_html, sections_html

    env.globals.update(query_string=query_string, card_html=card_html, options_html=options_html,
                       sections_html=sections_html, results_html=results_html)
    return env
