"""A saved feed file is a source that was read, not one "never fetched"; a URL an ingest fetched was fetched.

`make run` ingests ../shared/corpus: its saved .xml/.rss feeds became sources listed as never
fetched on the desk's /sources page, in /api/sources and by `newsdesk sources`, and so did a
feed URL fetched by `newsdesk ingest` rather than `newsdesk watch`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, running_server
from loopback import LoopbackServer
from newsdesk.cli import main

from .saved_feed import SAVED_FEED

EMPTY_FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A store that ingested a saved feed file and, by URL, a feed on a loopback server."""
    tmp = tmp_path_factory.mktemp("sources")
    saved = tmp / "harbour.rss"
    saved.write_text(SAVED_FEED)
    db = tmp / "n.db"
    before = datetime.now(UTC).replace(microsecond=0)
    with LoopbackServer() as server:
        server.robots("User-agent: *\nAllow: /\n")
        server.add("/quiet.xml", EMPTY_FEED, content_type="application/rss+xml", etag='"v1"')
        feed_url = server.url("/quiet.xml")
        for source in (str(saved), feed_url):
            result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--stages", "extract", "--allow-private",
                                               "--json", source], catch_exceptions=False)
            assert result.exit_code == 0, result.output
    after = datetime.now(UTC)
    yield {"db": db, "file": str(saved), "url": feed_url, "before": before, "after": after}


def _between(store: dict[str, Any], stamp: str | None) -> bool:
    return stamp is not None and store["before"] <= datetime.fromisoformat(stamp) <= store["after"]


def _check_items(store: dict[str, Any], items: list[dict[str, Any]]) -> None:
    by_url = {item["url"]: item for item in items}
    saved, fetched = by_url[store["file"]], by_url[store["url"]]
    assert saved.get("file") is True and saved["kind"] == "file" and saved["articles"] == 2, saved
    assert saved["last_fetch_at"] is None and _between(store, saved.get("last_read_at")), saved
    assert fetched.get("file") is False and fetched.get("last_read_at") is None, fetched
    assert _between(store, fetched["last_fetch_at"]), fetched


def test_newsdesk_sources_says_a_saved_file_was_read(store: dict[str, Any]) -> None:
    listing = CliRunner().invoke(main, ["sources", "--db", str(store["db"]), "--json"], catch_exceptions=False)
    _check_items(store, json.loads(listing.output))
    lines = CliRunner().invoke(main, ["sources", "--db", str(store["db"])], catch_exceptions=False).output
    [saved] = [line for line in lines.splitlines() if line.startswith(store["file"] + " ")]
    assert " file  read 20" in saved and "never" not in saved, saved
    [fetched] = [line for line in lines.splitlines() if line.startswith(store["url"] + " ")]
    assert " fetched 20" in fetched and "never" not in fetched, fetched


@pytest.fixture(scope="module")
def desk_url(store: dict[str, Any]) -> Iterator[str]:
    with running_server(Path(store["db"])) as url:
        yield url


def test_api_sources_says_a_saved_file_was_read(store: dict[str, Any], desk_url: str) -> None:
    _check_items(store, httpx.get(desk_url + "/api/sources", timeout=30).json()["items"])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.mark.browser
def test_the_sources_page_says_a_saved_file_was_read(store: dict[str, Any], desk_url: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(desk_url + "/sources")
        headers = page.locator("thead th").all_inner_texts()
        column = next(n for n, header in enumerate(headers) if header.startswith("Last fetch"))
        saved = page.locator("tr", has_text=store["file"]).locator("td")
        assert saved.nth(headers.index("Kind")).inner_text() == "file"
        assert saved.nth(column).inner_text().startswith("read "), saved.nth(column).inner_text()
        assert saved.nth(column).locator("time").count() == 1
        assert saved.nth(headers.index("Next fetch")).inner_text() == "—"
        fetched = page.locator("tr", has_text=store["url"]).locator("td")
        assert fetched.nth(column).locator("time").count() == 1, fetched.nth(column).inner_text()
    finally:
        page.close()
