"""Downloads from the desk (U3): the articles a search, source, story or entity page shows, in each
format `newsdesk export` writes, from /api/export, streamed, and linked from those pages. Export was
CLI only. Real SQLite store, real uvicorn on a loopback port, the real CLI and Debian chromium."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, serve_desk
from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

from .analyst_walk_helpers import store_walk

PERIOD = {"q": "iran", "since": "2026-11-01", "until": "2026-11-30"}
CLI_PERIOD = ("--query", "iran", "--since", "2026-11-01", "--until", "2026-11-30")
BULK = 160  # articles of BULK_TEXT on one site: a download far larger than the pipe's queue
BULK_TEXT = "The bulk wire filed this paragraph again and again for the archive. " * 400


def _bulk(store: Any) -> None:
    for n in range(BULK):
        url = f"https://bulk.example/{n}"
        article = Article(url=url, site_name="Bulk Wire", language="en", text=f"{n} {BULK_TEXT}",
                          paragraphs=(f"{n} {BULK_TEXT}",), title=f"Bulk {n}", published="2026-09-01T10:00:00+00:00")
        store.store_page(RawPage(body=url.encode(), origin=url, url=url), article)
    store.conn.commit()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("u3") / "desk.db"
    with open_store(db) as store:
        ids = store_walk(store)
        _bulk(store)
    yield from serve_desk(db, ids=ids, tmp=db.parent)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


def _cli(desk: dict[str, Any], *args: str) -> str:
    out = CliRunner().invoke(main, ["export", *args, "--db", str(desk["db"])], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return str(out.stdout)


def _get(desk: dict[str, Any], **params: Any) -> httpx.Response:
    return httpx.get(desk["url"] + "/api/export", params=params, timeout=120)


def _ids(jsonl: str) -> list[int]:
    return sorted(int(json.loads(line)["id"]) for line in jsonl.splitlines())


def test_each_format_downloads_what_the_cli_exports(desk: dict[str, Any]) -> None:
    jsonl = _get(desk, format="jsonl", **PERIOD)
    assert jsonl.status_code == 200, jsonl.text[:300]
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert jsonl.headers["content-disposition"] == 'attachment; filename="newsdesk-export.jsonl"'
    assert jsonl.text == _cli(desk, *CLI_PERIOD)  # the CLI's very bytes: one writer for both
    assert int(jsonl.headers["x-export-articles"]) == len(jsonl.text.splitlines()) == 3
    for fmt in ("csv", "gdelt-events", "gdelt-mentions", "gdelt-gkg"):
        got, written = _get(desk, format=fmt, **PERIOD), desk["tmp"] / f"period.{fmt}"
        _cli(desk, *CLI_PERIOD, "--format", fmt, "-o", str(written))
        assert got.status_code == 200 and got.content == written.read_bytes(), fmt
    assert _get(desk, format="csv", **PERIOD).headers["content-type"].startswith("text/csv")
    assert _get(desk, format="gdelt-gkg", **PERIOD).headers["content-type"].startswith("text/tab-separated-values")
    parquet = _get(desk, format="parquet", **PERIOD)
    import pyarrow.parquet as pq

    assert parquet.headers["content-type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(parquet.content))
    cli_file = desk["tmp"] / "period.parquet"
    _cli(desk, *CLI_PERIOD, "--format", "parquet", "-o", str(cli_file))
    assert table.equals(pq.read_table(cli_file))
    assert sorted(table.column("id").to_pylist()) == _ids(jsonl.text)


def test_a_source_a_story_and_an_entity_download_their_own_articles(desk: dict[str, Any]) -> None:
    ids = desk["ids"]
    site = _get(desk, site="Harbour Post", format="csv")
    assert {int(r["id"]) for r in csv.DictReader(io.StringIO(site.text))} == set(
        _ids(_cli(desk, "--source", "Harbour Post")))
    story_id = httpx.get(f"{desk['url']}/api/articles/{ids['1']}", timeout=60).json()["story_id"]
    story = httpx.get(f"{desk['url']}/api/stories/{story_id}", timeout=60).json()
    got = _get(desk, story=story_id)
    assert got.headers["content-disposition"] == f'attachment; filename="newsdesk-story-{story_id}.jsonl"'
    assert _ids(got.text) == sorted(a["id"] for a in story["timeline"]) and len(story["timeline"]) >= 2
    # a query beginning with '-' is the query, not an option of the command the desk runs
    assert _get(desk, q="-ferry iran").text == _cli(desk, "--query=-ferry iran")
    # the entity's articles (hand-made mentions of Iran in five of them), within a period too
    assert _ids(_get(desk, entity=ids["iran"]).text) == sorted(ids[n] for n in "01234")
    assert _ids(_get(desk, entity=ids["iran"], since="2026-11-01").text) == sorted(ids[n] for n in "1234")


@pytest.mark.parametrize(("params", "status", "words"), [
    ({"format": "xml"}, 400, "parameter 'format' must be one of jsonl, csv, parquet"),
    ({"since": "2026-11-31"}, 400, "2026-11-31"),
    ({"q": "\x01\x02"}, 400, "has nothing to match"),
    ({"story": "nine"}, 400, "parameter 'story' must be a whole number"),
    ({"story": "987654"}, 404, "no story 987654"),
    ({"entity": "987654"}, 404, "no entity 987654"),
])
def test_a_bad_format_or_filter_is_refused_with_the_reason(desk: dict[str, Any], params: dict[str, str],
                                                          status: int, words: str) -> None:
    got = _get(desk, **params)
    assert got.status_code == status, got.text[:300]
    assert words in got.json()["error"]["message"]


def _exports() -> list[int]:
    """The `newsdesk export` processes the desk (served in this process: desk_server) runs now."""
    mine = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue
        if int(fields[1]) == os.getpid() and b"export" in command and fields[0] != "Z":
            mine.append(int(stat.parent.name))
    return mine


def _slow_client(desk: dict[str, Any]) -> socket.socket:
    """A client of the Bulk Wire download with a small receive buffer, that read the headers and waits:
    the kernel holds at most a few MB (tcp_wmem), the file is ~9 MB."""
    url = httpx.URL(desk["url"])
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
    client.connect((url.host, url.port))
    client.sendall(b"GET /api/export?site=Bulk+Wire HTTP/1.1\r\nHost: desk\r\n\r\n")
    head = client.recv(4096)
    assert head.startswith(b"HTTP/1.1 200") and b"transfer-encoding: chunked" in head.lower(), head[:300]
    return client


def _writers_end() -> None:
    deadline = time.monotonic() + 15
    while _exports() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _exports(), "the writer kept writing for a client that went away"


def test_a_large_download_streams_and_stops_when_the_client_goes(desk: dict[str, Any]) -> None:
    # The server runs in this process (desk_server), so its export processes can be watched: one that
    # does not wait for its client has ended before the client reads.
    with _slow_client(desk):
        time.sleep(1.5)
        assert _exports(), "the whole file was written before the client read it"
    _writers_end()
    whole = _get(desk, site="Bulk Wire")
    assert len(whole.text.splitlines()) == BULK and len(whole.content) > 8_000_000


def test_downloads_at_once_are_bounded_and_head_writes_nothing(desk: dict[str, Any]) -> None:
    from newsdesk.web.routes_export import MAX_DOWNLOADS

    clients = [_slow_client(desk) for _ in range(MAX_DOWNLOADS)]
    try:
        busy = _get(desk, site="Harbour Post")
        assert busy.status_code == 503 and busy.json()["error"]["code"] == "busy", busy.text[:300]
    finally:
        for client in clients:
            client.close()
    _writers_end()
    head = httpx.head(desk["url"] + "/api/export", params={"site": "Bulk Wire", "format": "csv"}, timeout=60)
    assert head.status_code == 200 and head.content == b"" and head.headers["x-export-articles"] == str(BULK)
    _writers_end()
    assert _get(desk, site="Harbour Post").status_code == 200


def test_the_pages_link_their_downloads(desk: dict[str, Any], browser: Any) -> None:
    ids, page = desk["ids"], browser.new_context().new_page()
    story_id = httpx.get(f"{desk['url']}/api/articles/{ids['1']}", timeout=60).json()["story_id"]
    pages = {"/search?q=iran&since=2026-11-01&until=2026-11-30&sort=date": PERIOD,
             "/source/Harbour%20Post": {"site": "Harbour Post"},
             f"/stories/{story_id}": {"story": str(story_id)}, f"/entities/{ids['iran']}": {"entity": str(ids["iran"])}}
    for path, selection in pages.items():
        page.goto(desk["url"] + path)
        links = page.locator("p.downloads a[download]")
        assert links.count() == 6, path
        href = links.and_(page.locator("[data-format=csv]")).get_attribute("href") or ""
        asked = dict(httpx.URL(href).params)
        assert asked == {**selection, "format": "csv"}, (path, href)
        with page.expect_download() as caught:
            links.first.click()
        saved = desk["tmp"] / f"dl-{len(path)}.jsonl"
        caught.value.save_as(saved)
        assert saved.read_text(encoding="utf-8") == _get(desk, **selection).text, path
