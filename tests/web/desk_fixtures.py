"""Stores and servers for the web tests: real SQLite files, a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from desk_server import free_port, running_server  # noqa: F401 - re-exported for the web tests
from newsdesk.errors import Rejected
from newsdesk.extract import extract
from newsdesk.records import Article, RawPage, Related
from newsdesk.store import open_store
from newsdesk.store.search_index import sync_search_index

SEED_FETCHED_AT = "2026-02-11T12:00:00+00:00"


def corpus_pages(shared: Path, limit_converted: int = 12) -> list[tuple[Path, dict]]:
    """Every raw page of the corpus and the first `limit_converted` converted ones (keeps the suite fast)."""
    out, converted = [], 0
    for line in (shared / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["form"] == "converted-html":
            converted += 1
            if converted > limit_converted:
                continue
        out.append((shared / "corpus" / entry["path"], entry))
    return out


def build_corpus_store(db: Path, shared: Path, hostile_html: str, hostile: Article) -> dict[str, int]:
    """A store from the seed, part of the corpus, a hostile page (extracted and hand-made) and a failure."""
    store = open_store(db)
    ids: dict[str, int] = {}
    seed = shared / "seed" / "seed.txt"
    raw = RawPage(body=seed.read_bytes(), origin=str(seed), kind_hint="text", fetched_at=SEED_FETCHED_AT,
                  url="https://seed.example/iran-missiles")
    # The seed's text extractor is another engineer's work; the desk tests do not depend on it.
    with contextlib.suppress(Exception):
        ids["seed"] = store.store_page(raw, extract(raw))[1]
    stored_urls: list[str] = []
    for path, entry in corpus_pages(shared):
        raw = RawPage(body=path.read_bytes(), origin=str(path), url=entry["url"],
                      source_url="file://" + str(path.parent))
        try:
            store.store_page(raw, extract(raw))
            stored_urls.append(entry["url"])
        except Rejected as exc:
            store.record_failure(raw.origin, exc.stage, exc.reason, exc.detail, raw)
    raw = RawPage(body=b"hand-made article with a rail", origin="rail-record")
    ids["rail"] = store.store_page(raw, rail_article(store.get_article(stored_urls[0]).key))[1]
    raw = RawPage(body=hostile_html.encode(), origin="hostile.html", url="https://hostile.example/page")
    ids["hostile_extracted"] = store.store_page(raw, extract(raw))[1]
    raw = RawPage(body=b"hand-made hostile record", origin="hostile-record")
    ids["hostile"] = store.store_page(raw, hostile)[1]
    store.record_failure("broken.html", "extract", "empty page", "0 bytes <script>alert('fail')</script>")
    store.source_polled("https://feeds.example/rss.xml", "timeout", None)
    # The served desk searches through the index from its first request (the FTS5 path has its
    # own tests in test_desk_queries.py and tests/store/test_search_index.py).
    sync_search_index(store)
    store.close()
    return ids


def rail_article(stored_key: str | None) -> Article:
    """An article like the seed page: two categories, a byline and a six-item "Recent posts" rail,
    the first of which is an article we store (so the page links to our copy)."""
    paragraphs = tuple(f"Paragraph {i} of the rail article about missile talks and sanctions." for i in range(5))
    related = tuple(Related(title=f"Recent post {i}", url=f"https://rail.example/post-{i}", excerpt=f"Excerpt {i}",
                            published="2026-02-11T11:58:00+00:00", age="2 minutes ago") for i in range(1, 6))
    return Article(url="https://rail.example/story", canonical_url="https://rail.example/story",
                   site_name="Rail Times", title="Iran Refuses to Negotiate Missile Capabilities with US",
                   authors=("News Desk",), published="2026-02-11T11:00:00+00:00", categories=("News", "World"),
                   language="en", text="\n\n".join(paragraphs), paragraphs=paragraphs, excerpt=paragraphs[0],
                   related=(Related(title="A stored story", url=stored_key), *related))
