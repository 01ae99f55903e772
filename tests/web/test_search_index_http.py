"""Search served through the tantivy index: `newsdesk index`, a desk that catches its index up by
itself, and answers that do not change shape or miss articles while the index lags."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store
from newsdesk.store import search_index as si

from .desk_fixtures import running_server


def _article(i: int, word: str) -> Article:
    body = f"Report {i} on the {word} near the old harbour. " * 3
    return Article(url=f"https://news.example/{i}", title=f"{word.title()} news {i}", site_name="Example",
                   language="en", published=f"2026-03-{1 + i % 28:02d}T08:00:00+00:00", text=body,
                   paragraphs=(body,), excerpt=body[:60])


def _fill(db: Path, words: list[str], start: int = 0) -> list[int]:
    with open_store(db) as store:
        return [store.store_page(RawPage(body=f"{start + i}".encode(), origin=f"o{start + i}"),
                                 _article(start + i, w))[1] for i, w in enumerate(words)]


def test_index_command_builds_then_updates(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    _fill(db, ["lighthouse", "ferry", "lighthouse"])
    first = CliRunner().invoke(main, ["index", "--db", str(db)], catch_exceptions=False)
    assert first.exit_code == 0 and "rebuilt: 3 articles indexed" in first.output
    _fill(db, ["ferry"], start=3)
    again = CliRunner().invoke(main, ["index", "--db", str(db)], catch_exceptions=False)
    assert "updated: 1 articles indexed" in again.output
    si.forget_readers()
    with open_store(db, readonly=True) as store:
        store.conn.execute("PRAGMA query_only = 0")
        store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")  # index alone answers
        assert len(store.desk_search("ferry")) == 2


def test_the_desk_indexes_by_itself_and_never_misses_new_articles(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    _fill(db, ["lighthouse"] * 3 + ["ferry"] * 2)
    with running_server(db) as url:  # start-up builds the index in the background
        deadline = time.monotonic() + 30
        while si.reader_for(str(db)) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert si.reader_for(str(db)) is not None
        answer = httpx.get(url + "/api/search", params={"q": "lighthouse"}, timeout=10).json()
        assert len(answer["items"]) == 3
        assert set(answer["items"][0]) >= {"id", "title", "snippet", "snippet_html", "links", "date"}
        assert "<mark>lighthouse</mark>" in answer["items"][0]["snippet_html"].lower()
        new = _fill(db, ["lighthouse"], start=10)  # written by another process; the index lags
        lagging = httpx.get(url + "/api/search", params={"q": "lighthouse", "sort": "date"}, timeout=10).json()
        assert new[0] in {i["id"] for i in lagging["items"]} and len(lagging["items"]) == 4
        page = httpx.get(url + "/search", params={"q": '"old harbour"', "site": "Example"}, timeout=10)
        assert page.status_code == 200 and page.text.count('<li class="card">') == 6
        bad = httpx.get(url + "/api/search", params={"q": "(("}, timeout=10)
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_query"
