"""JSON Feed 1.0 / 1.1: parsed into the same entries as RSS and Atom, fetched and saved alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loopback import LoopbackServer
from newsdesk.errors import Rejected
from newsdesk.records import RawPage
from newsdesk.settings import Settings
from newsdesk.sources.feeds import discover_feeds, is_substantial, parse_feed
from newsdesk.sources.fetch import Fetcher
from newsdesk.sources.files import read_files
from newsdesk.sources.state import MemoryFetchState
from newsdesk.sources.web import collect_url

LONG = "The ferry ran late again, and the harbour master explained why at length. " * 20


def json_feed(items: list[dict[str, object]], version: str = "1.1", **top: object) -> bytes:
    return json.dumps({"version": f"https://jsonfeed.org/version/{version}", "title": "Harbour news",
                       "home_page_url": "/", "items": items, **top}).encode()


def test_fields_of_both_versions() -> None:
    body = json_feed([
        {"id": 1, "url": "/2026/ferry", "title": " Ferry late ", "content_html": f"<p>{LONG}</p>",
         "date_published": "2026-02-11T09:30:00+02:00", "date_modified": "2026-02-12T08:00:00Z",
         "authors": [{"name": "Ana Ruiz"}, {"name": "Bo Li"}], "tags": ["Harbour", "Transport", "Harbour"]},
        {"id": "2", "external_url": "https://other.example/story", "content_text": "One.\n\nTwo & three.",
         "summary": "Short."},
    ], language="en")
    feed = parse_feed(body, "https://news.example/feed.json")
    assert feed.title == "Harbour news" and feed.link == "https://news.example/" and feed.language == "en"
    first, second = feed.entries
    assert first.url == "https://news.example/2026/ferry" and first.title == "Ferry late" and first.id == "1"
    assert first.published == "2026-02-11T09:30:00+02:00" and first.updated == "2026-02-12T08:00:00+00:00"
    assert first.authors == ("Ana Ruiz", "Bo Li") and first.categories == ("Harbour", "Transport")
    assert is_substantial(first.content_html)
    assert second.url == "https://other.example/story" and second.summary == "Short."
    assert second.content_html == "<p>One.</p><p>Two &amp; three.</p>"
    old = parse_feed(json_feed([{"id": "a", "url": "https://x.example/a"}], version="1", author={"name": "Desk"}))
    assert old.entries[0].authors == ("Desk",)


@pytest.mark.parametrize("body", [b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
                                  b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000,
                                  b'{"title": "no version", "items": []}'])
def test_broken_json_feeds_are_refused_cleanly(body: bytes) -> None:
    with pytest.raises(Rejected) as info:
        parse_feed(body, "https://news.example/feed.json")
    assert info.value.stage == "feed" and info.value.reason == "not a feed"


def test_json_feed_over_http_and_saved(loopback: LoopbackServer, settings: Settings, tmp_path: Path) -> None:
    page = f"<html><head><title>Ferry</title></head><body><article><p>{LONG}</p></article></body></html>"
    loopback.add("/2026/ferry", page)
    body = json_feed([{"id": "1", "url": "/2026/ferry", "title": "Ferry"},
                      {"id": "2", "url": "/2026/gone", "title": "Gone", "content_html": f"<p>{LONG}</p>"}])
    loopback.add("/feed.json", body, content_type="application/feed+json")
    home = '<html><head><link rel="alternate" type="application/feed+json" href="/feed.json"></head></html>'
    assert discover_feeds(home, loopback.url("/")) == [loopback.url("/feed.json")]
    state = MemoryFetchState()
    with Fetcher(settings, state) as fetcher:
        got = list(collect_url(loopback.url("/feed.json"), fetcher, state, settings))
    pages = [p for p in got if isinstance(p, RawPage)]
    # The first item fetched; the second is gone (404) but the feed carried its whole text.
    assert [p.url for p in pages] == [loopback.url("/2026/ferry"), loopback.url("/2026/gone")]
    assert pages[0].body == page.encode() and LONG.strip()[:40].encode() in pages[1].body
    (tmp_path / "saved.json").write_bytes(body.replace(b'"/2026/', b'"https://news.example/2026/'))
    saved = list(read_files([tmp_path / "saved.json"], 10_000_000))
    assert [p.url for p in saved if isinstance(p, RawPage)] == ["https://news.example/2026/gone"]
