"""What U1's analyst walk left (session 18, W15): search gave no total on the page, the API or the
CLI; "Quoted most" ranked the pronouns "we" and "I" as speakers; a search feed with an unreadable
query answered an HTML page; Atom ids held the host and port; /docs showed `backticks`; and
`newsdesk search -iran` was a click error. Real SQLite store, real uvicorn on a loopback port, the
real CLI and Debian chromium."""

from __future__ import annotations

import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, serve_desk
from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import desk_search, open_store
from newsdesk.store.search_index import sync_search_index

HARBOURS = 23  # articles with "harbour"; every third also says "ferry"
ATOM = "{http://www.w3.org/2005/Atom}"
# (speaker as stored, how many quotes): the two pronouns were ranked above the one named speaker
SPEAKERS = [("we", 3), ("I", 2), ("Ana Ruiz", 1)]


def _store_harbours(db: Path) -> None:
    store = open_store(db)
    for n in range(HARBOURS):
        extra = " A ferry waited by the quay." if n % 3 == 0 else ""
        text = f"The harbour of town {n} reopened after storm number {n} had passed over the coast.{extra}"
        url = f"https://port{n % 4}.example/{n}"
        article = Article(title=f"Harbour report {n}", text=text, url=url, language="en",
                          site_name=f"Port News {n % 4}", published=f"2026-03-{n + 1:02d}T08:00:00+00:00")
        store.store_page(RawPage(body=text.encode(), origin=url, url=url), article)
    store.close()


def _store_quotes(db: Path) -> None:
    """Quotes whose speakers are as SPEAKERS says, none resolved to an entity (as a pronoun the
    resolver could not place is stored)."""
    conn = sqlite3.connect(db)
    n = 0
    for speaker, count in SPEAKERS:
        for _ in range(count):
            n += 1
            conn.execute("INSERT INTO quotes (article_id, speaker, text, kind, start, end, day)"
                         " VALUES (1, ?, ?, 'direct', 0, 10, '2026-03-01')",
                         (speaker, f"the lighthouse keeper number {n} stays on duty"))
    conn.commit()
    conn.close()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("w15") / "desk.db"
    _store_harbours(db)
    _store_quotes(db)
    yield from serve_desk(db)


def _api(desk: dict[str, Any], path: str, **params: Any) -> Any:
    response = httpx.get(desk["url"] + path, params=params, timeout=60)
    assert response.status_code == 200, response.text[:300]
    return response.json()


def _all_ids(desk: dict[str, Any], q: str) -> list[int]:
    ids, page = [], 1
    while True:
        found = _api(desk, "/api/search", q=q, limit=10, page=page)
        ids += [item["id"] for item in found["items"]]
        if not found["next"]:
            return ids
        page += 1


def _cli(desk: dict[str, Any], *args: str) -> Any:
    return CliRunner().invoke(main, [*args, "--db", str(desk["db"])])


@pytest.mark.parametrize("q", ["harbour", "ferry", "harbour NOT ferry"])
def test_search_says_its_total_alike_on_the_page_the_api_and_the_cli(desk: dict[str, Any], q: str) -> None:
    ids = _all_ids(desk, q)
    assert ids, q
    first = _api(desk, "/api/search", q=q, limit=5)
    assert (first["total"], first["total_exact"]) == (len(ids), True)
    assert first["total_label"] == f"{len(ids)} results"
    assert _api(desk, "/api/search", q=q, limit=5, page=2, sort="date")["total"] == len(ids)  # any page, any order
    html = httpx.get(desk["url"] + "/search", params={"q": q}, timeout=60).text
    assert f">{len(ids)} results</p>" in html
    out = _cli(desk, "search", q)
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[-1] == f"{len(ids)} results"


def test_a_total_past_the_cap_is_said_as_at_least(desk: dict[str, Any], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the index and through FTS5 (a store never indexed), the count stops at COUNT_CAP."""
    monkeypatch.setattr(desk_search, "COUNT_CAP", 10)
    plain = tmp_path / "plain.db"
    _store_harbours(plain)
    indexed = tmp_path / "indexed.db"
    _store_harbours(indexed)
    with open_store(indexed) as store:
        sync_search_index(store)
    for db in (plain, indexed):
        with open_store(db) as store:
            assert store.desk_search_total("harbour") == (10, False)
            assert store.desk_search_total("ferry") == (len(range(0, HARBOURS, 3)), True)
    out = CliRunner().invoke(main, ["search", "harbour", "--db", str(indexed)])
    assert out.output.splitlines()[-1] == "at least 10 results"


def test_quoted_most_leaves_out_unresolved_pronouns(desk: dict[str, Any]) -> None:
    named = [name for name, _ in SPEAKERS if name not in ("we", "I")]
    api = [w["name"] for w in _api(desk, "/api/quotes")["speakers"]]
    assert api == named
    out = _cli(desk, "quotes", "--speakers", "--json")
    assert out.exit_code == 0, out.output
    assert [w["name"] for w in json.loads(out.output)] == named
    html = httpx.get(desk["url"] + "/quotes", timeout=60).text
    most = html[html.index("Quoted most"):]
    most = most[:most.index("</p>")]
    assert "Ana Ruiz" in most and "we" not in re.sub(r"<[^>]+>", " ", most).split()
    # the quotes themselves stay searchable
    found = _api(desk, "/api/quotes", about="lighthouse", limit=50)
    assert {q["speaker"] for q in found["quotes"]} == {name for name, _ in SPEAKERS}


def test_search_feed_errors_are_no_html(desk: dict[str, Any]) -> None:
    for path, params in (("/search/feed.atom", {"q": '"'}), ("/feed.atom", {"since": "someday"})):
        response = httpx.get(desk["url"] + path, params=params, timeout=60)
        assert response.status_code == 400, (path, response.text[:200])
        assert response.headers["content-type"].startswith("text/plain"), response.headers["content-type"]
        assert "<" not in response.text and response.text.startswith("400")


def _feed_ids(url: str) -> list[str]:
    response = httpx.get(url + "/search/feed.atom", params={"q": "ferry"}, timeout=60)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [root.findtext(ATOM + "id") or ""] + [e.findtext(ATOM + "id") or "" for e in root.iter(ATOM + "entry")]


def test_atom_ids_do_not_hold_the_address_served_from(desk: dict[str, Any]) -> None:
    here = _feed_ids(desk["url"])
    there = _feed_ids(desk["url"].replace("127.0.0.1", "localhost"))
    assert len(here) == 1 + len(range(0, HARBOURS, 3))
    assert here == there
    assert all(i.startswith("tag:") and "127.0.0.1" not in i for i in here)
    assert len(set(here)) == len(here)


def test_docs_render_inline_code(desk: dict[str, Any]) -> None:
    html = httpx.get(desk["url"] + "/docs", timeout=60).text
    body = html[html.index("<main"):]
    assert "`" not in body
    assert "<code>total_exact</code>" in body


def test_search_takes_a_query_that_begins_with_a_dash(desk: dict[str, Any]) -> None:
    dashed = _cli(desk, "search", "-harbour", "--json")
    assert dashed.exit_code == 0, dashed.output
    assert dashed.output.startswith("newsdesk: '-harbour' cannot be read as written")
    out = _cli(desk, "search", "-ferry")
    assert out.exit_code == 0, out.output
    assert "Harbour report 0" in out.output
    typo = _cli(desk, "search", "--limt", "5", "harbour")
    assert typo.exit_code == 2 and "No such option: --limt" in typo.output


def test_count_and_inline_code_in_chromium(desk: dict[str, Any]) -> None:
    for browser in chromium_browser():
        page = browser.new_page()
        page.goto(desk["url"] + "/search?q=ferry")
        assert page.locator("p.count").inner_text() == f"{len(range(0, HARBOURS, 3))} results"
        page.goto(desk["url"] + "/docs")
        assert page.locator("section.endpoint code", has_text="total_exact").count() >= 1
        page.close()
