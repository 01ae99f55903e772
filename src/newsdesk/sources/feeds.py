"""RSS and Atom feeds: parse them safely, and find the feeds a page declares.

feedparser reads every flavour of feed (RSS 0.9x/1.0/2.0, Atom, broken ones), but it is
not a security boundary, so hostile XML (entity bombs, external entities) is refused by
`safety.refuse_hostile_xml` before feedparser sees a byte.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime
from typing import Any

import feedparser
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from newsdesk.errors import Rejected
from newsdesk.extract.detect import looks_like_json_feed, refuse_deep_nesting
from newsdesk.sources.feed_records import Feed, FeedEntry, absolute_link, date_text
from newsdesk.sources.jsonfeed import parse_json_feed
from newsdesk.sources.safety import end_tag, first_entries, join_url, refuse_hostile_xml

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")

# Characters of text (tags stripped) from which an entry's HTML counts as the whole article
# rather than a teaser. Measured on ../shared/corpus/feeds: summaries run 150-570 characters,
# full bodies 2,260-15,378; 1,000 sits between with room on both sides.
SUBSTANTIAL_TEXT_CHARS = 1000

# Entries parsed from one feed. feedparser took 57 s for a 9 MB RSS of 200,000 one-line items
# (5 s for 20,000), under the byte cap, on every run, for a run that fetches 200 of them; feeds
# carry tens of items, podcast archives a few thousand.
MAX_FEED_ENTRIES = 5_000
_ENTRY_END = end_tag("item", "entry")

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def text_length(html: str) -> int:
    """Characters of visible text in an HTML fragment (roughly: tags out, runs of space as one)."""
    return len(_SPACE.sub(" ", _TAG.sub("", html)).strip())


def is_substantial(html: str) -> bool:
    return text_length(html) >= SUBSTANTIAL_TEXT_CHARS


def parse_feed(body: bytes, base_url: str | None = None) -> Feed:
    """Parse RSS/Atom (or JSON Feed) bytes; raise Rejected("feed", ...) for hostile XML or a non-feed."""
    if not body.strip():
        raise Rejected("feed", "empty input")
    if looks_like_json_feed(body):
        return parse_json_feed(body, base_url)
    body, cut = first_entries(body, _ENTRY_END, MAX_FEED_ENTRIES)
    refuse_hostile_xml(body, "feed")
    headers = {"content-location": base_url} if base_url else {}
    # Always bytes: given a str, feedparser would treat it as a URL or a file name to open.
    try:
        parsed = feedparser.parse(bytes(body), response_headers=headers)
    except Exception as exc:  # feedparser is lenient, but not proven never to raise
        raise Rejected("feed", "unreadable feed", f"{type(exc).__name__}: {exc}"[:200]) from exc
    if not parsed.get("version") and not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no RSS or Atom element")
        raise Rejected("feed", "not a feed", detail[:200])
    channel = parsed.feed
    link = absolute_link(channel.get("link"), base_url)
    entries = tuple(_entry(e, base_url or link) for e in parsed.entries)
    return Feed(title=_clean(channel.get("title")), link=link, entries=entries,
                language=channel.get("language") or None, cut=cut)


def _entry(e: Any, base: str | None) -> FeedEntry:
    link = e.get("feedburner_origlink") or e.get("link")
    if not link and str(e.get("id", "")).startswith(("http://", "https://")):
        link = e.get("id")  # Atom entries sometimes carry their URL only as the id
    candidates = [c.get("value", "") for c in e.get("content", [])]
    summary = e.get("summary") or None
    content, size = "", 0
    for html in candidates:
        if (n := text_length(html)) > size:
            content, size = html, n
    # Many feeds put the whole article in <description>.
    if size < SUBSTANTIAL_TEXT_CHARS and summary and summary not in candidates and is_substantial(summary):
        content = summary
    authors = [a.get("name", "").strip() for a in e.get("authors", []) if a.get("name")]
    if not authors and e.get("author"):
        authors = [e.author.strip()]
    return FeedEntry(
        url=absolute_link(link, base),
        title=_clean(e.get("title")),
        published=_date(e, "published") or _date(e, "updated"),
        updated=_date(e, "updated"),
        authors=tuple(dict.fromkeys(a for a in authors if a)),
        summary=summary,
        content_html=content,
        # `or ""`: feedparser gives None for a term it could not read (a mangled feed)
        categories=tuple(dict.fromkeys(term for t in e.get("tags", []) if (term := (t.get("term") or "").strip()))),
        id=e.get("id") or None,
    )


def _date(e: Any, name: str) -> str | None:
    """ISO 8601 with offset from the feed's own string (keeps its offset), else feedparser's UTC."""
    # dict.get, not e.get: feedparser would answer "updated" with "published" (and warn).
    raw = dict.get(e, name)
    if raw and (iso := date_text(raw)):
        return iso
    parsed = dict.get(e, f"{name}_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return None


def _clean(text: str | None) -> str | None:
    text = _SPACE.sub(" ", text or "").strip()
    return text or None


def discover_feeds(html: str, base_url: str | None) -> list[str]:
    """Feeds a page declares with <link rel="alternate" type="application/rss+xml|atom+xml">.

    Absolute http(s) URLs, in page order, without duplicates. Comment feeds (WordPress
    declares one beside the posts feed) are left out: their items are comments, not articles.
    Rejected("collect", "page nested too deeply") for a page no parser should build.
    """
    refuse_deep_nesting(html, "collect")  # before lexbor, which a deep page holds for hours
    tree = HTMLParser(html)
    base = base_url
    base_tag = tree.css_first("base[href]")
    if base_tag is not None and base_tag.attributes.get("href"):
        base = join_url(base_url, base_tag.attributes["href"] or "") or base_url
    found: list[str] = []
    for node in tree.css("link[rel][href]"):
        attrs = node.attributes
        rels = (attrs.get("rel") or "").lower().split()
        kind = (attrs.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rels or kind not in FEED_TYPES:
            continue
        href = (attrs.get("href") or "").strip()
        title = (attrs.get("title") or "").lower()
        if "comment" in title or re.search(r"/comments/(feed|rss)", href, re.I):
            continue
        url = join_url(base, href) or ""
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return found
