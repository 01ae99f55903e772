"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): the same `Feed` as RSS and Atom.

feedparser 6.0 reads no JSON Feed, and the byte sniffer took one for text ("not a page").
Items become `FeedEntry`s like any other feed's: `url` (or `external_url`) resolved against
the feed's address, `content_html` (or `content_text`, escaped) as the article when it is
substantial, `date_published` / `date_modified` kept with their offsets.
"""

from __future__ import annotations

import html as htmlmod
import json
from typing import Any

from newsdesk.errors import Rejected
from newsdesk.sources.feed_records import Feed, FeedEntry, absolute_link, date_text

VERSION_PREFIX = "https://jsonfeed.org/version/"


def parse_json_feed(body: bytes, base_url: str | None) -> Feed:
    """Parse JSON Feed bytes into a `Feed`; Rejected("feed", ...) when it is not one."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Rejected("feed", "not a feed", f"JSON Feed unreadable: {str(exc)[:160]}") from exc
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(VERSION_PREFIX):
        raise Rejected("feed", "not a feed", "JSON without a jsonfeed.org version")
    base = base_url or _text(data.get("feed_url"))  # where we got it first, as for RSS and Atom
    entries = tuple(_entry(item, base, _authors(data)) for item in _list(data.get("items")) if isinstance(item, dict))
    return Feed(title=_text(data.get("title")), link=absolute_link(_text(data.get("home_page_url")), base),
                entries=entries, language=_text(data.get("language")))


def _entry(item: dict[str, Any], base: str | None, feed_authors: tuple[str, ...]) -> FeedEntry:
    content = _text(item.get("content_html")) or ""
    if not content and (plain := _text(item.get("content_text"))):
        content = "".join(f"<p>{htmlmod.escape(p.strip())}</p>" for p in plain.split("\n\n") if p.strip())
    tags = _list(item.get("tags"))
    return FeedEntry(
        url=absolute_link(_text(item.get("url")) or _text(item.get("external_url")), base),
        title=_text(item.get("title")),
        published=date_text(_text(item.get("date_published"))) or date_text(_text(item.get("date_modified"))),
        updated=date_text(_text(item.get("date_modified"))),
        authors=_authors(item) or feed_authors,
        summary=_text(item.get("summary")),
        content_html=content,
        categories=tuple(dict.fromkeys(t.strip() for t in tags if isinstance(t, str) and t.strip())),
        id=_text(item.get("id")),
    )


def _authors(obj: dict[str, Any]) -> tuple[str, ...]:
    """1.1's "authors" list, else 1.0's single "author"."""
    people = _list(obj.get("authors")) or [obj.get("author")]
    names = (_text(p.get("name")) for p in people if isinstance(p, dict))
    return tuple(dict.fromkeys(n for n in names if n))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)  # ids may be numbers, though the spec says strings
    return value.strip() or None if isinstance(value, str) else None
