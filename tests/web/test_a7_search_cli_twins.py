"""`newsdesk search` lacked two of /api/search's parameters, ?page= and ?author= (session 16, A7):
a terminal could not reach results past --limit, nor one author's articles. Real SQLite store, real
uvicorn on a loopback port, the real CLI; both answer alike."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import running_server
from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

AUTHORS = ["Ana Ruiz", "Ben Cole", "Ana Ruiz", "Cara Diaz", "Ana Ruiz"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("a7search") / "desk.db"
    store = open_store(db)
    for n, author in enumerate(AUTHORS):
        text = f"The harbour reopened on day {n} after the storm, and {n + 2} ferries sailed before noon."
        article = Article(title=f"Harbour report {n}", text=text, url=f"https://port.example/{n}", language="en",
                          site_name="Port News", authors=(author,), published=f"2026-03-0{n + 1}T08:00:00+00:00")
        store.store_page(RawPage(body=text.encode(), origin=f"h{n}"), article)
    store.close()
    with running_server(db) as url:
        yield {"url": url, "db": db}


def api_ids(desk: dict[str, Any], **params: Any) -> list[int]:
    response = httpx.get(desk["url"] + "/api/search", params={"q": "harbour", "sort": "date", **params}, timeout=60)
    assert response.status_code == 200, response.text[:300]
    return [item["id"] for item in response.json()["items"]]


def cli_ids(desk: dict[str, Any], *flags: str) -> list[int]:
    out = CliRunner().invoke(main, ["search", "harbour", "--db", str(desk["db"]), "--sort", "date", "--json", *flags])
    assert out.exit_code == 0, out.output
    return [hit["id"] for hit in json.loads(out.output)["items"]]


def test_search_pages_through_results_as_the_api_does(desk: dict[str, Any]) -> None:
    everything = cli_ids(desk)
    assert len(everything) == len(AUTHORS)
    pages = [cli_ids(desk, "--limit", "2", "--page", str(n)) for n in (1, 2, 3)]
    assert [i for p in pages for i in p] == everything
    assert pages == [api_ids(desk, limit=2, page=n) for n in (1, 2, 3)]


def test_search_takes_an_author_as_the_api_does(desk: dict[str, Any]) -> None:
    ana = cli_ids(desk, "--author", "Ana Ruiz")
    assert len(ana) == AUTHORS.count("Ana Ruiz")
    assert ana == api_ids(desk, author="Ana Ruiz")
