"""/api/articles, the Atom feeds and search list a syndicated text once (its representative, with
its copy count), as the front page does; `copies=all` lists every stored copy. A real store (the
dedupe hook places each article), searched through FTS5 and through the search index, served by
uvicorn on a free loopback port."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import running_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_listing_folds import PAGES, store_pages  # noqa: E402

from newsdesk.cli import main  # noqa: E402
from newsdesk.store import open_store  # noqa: E402
from newsdesk.store.search_index import sync_search_index  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module", params=["fts5", "index"])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("copies") / "desk.db"
    store = open_store(db)
    ids = store_pages(store, PAGES)
    if request.param == "index":
        sync_search_index(store, wait=True)
    store.close()
    with running_server(db) as url:
        yield {"url": url, "db": db, "wire": ids[0], "copies": {ids[2], ids[4]}, "mode": request.param}


def get(desk: dict[str, Any], path: str, **params: str) -> httpx.Response:
    response = httpx.get(desk["url"] + path, params=params, timeout=60)
    assert response.status_code == 200, (path, params, response.status_code, response.text[:300])
    return response


def _wire(items: list[dict[str, Any]], desk: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in items if i["id"] == desk["wire"] or i["id"] in desk["copies"]]


@pytest.mark.parametrize("params", [{}, {"category": "World"}, {"sort": "date"}])
def test_search_lists_the_text_once_with_its_copy_count(desk: dict[str, Any], params: dict[str, str]) -> None:
    items = get(desk, "/api/search", q="quotas", **params).json()["items"]
    wire = _wire(items, desk)
    assert [w["id"] for w in wire] == [desk["wire"]], (desk["mode"], items)
    assert (wire[0]["copies"], wire[0]["other_sources"]) == (2, 1)
    every = get(desk, "/api/search", q="quotas", copies="all", **params).json()["items"]
    assert {w["id"] for w in _wire(every, desk)} == {desk["wire"], *desk["copies"]}
    html = get(desk, "/search", q="quotas", **params).text
    assert html.count("Title of https://") == 1 and "also published by 1 source" in html


def test_api_articles_lists_the_text_once_with_its_copy_count(desk: dict[str, Any]) -> None:
    items = get(desk, "/api/articles").json()["items"]
    wire = _wire(items, desk)
    assert [w["id"] for w in wire] == [desk["wire"]]
    assert (wire[0]["copies"], wire[0]["other_sources"]) == (2, 1)
    assert all(i["copies"] == 0 for i in items if i["id"] != desk["wire"])
    every = get(desk, "/api/articles", copies="all").json()["items"]
    assert {w["id"] for w in _wire(every, desk)} == {desk["wire"], *desk["copies"]}
    # a site's own listing is its articles, copies included (as its HTML page)
    site = get(desk, "/api/articles", site="b.example").json()["items"]
    assert [i["id"] for i in site] == sorted(desk["copies"])[:1]


@pytest.mark.parametrize(("path", "query"), [("/feed.atom", {}), ("/search/feed.atom", {"q": "quotas"})])
def test_the_atom_feeds_list_the_text_once(desk: dict[str, Any], path: str, query: dict[str, str]) -> None:
    def ids(copies: str) -> set[int]:
        root = ET.fromstring(get(desk, path, copies=copies, **query).content)
        return {int(e.findtext(f"{ATOM}id", "").rsplit("/", 1)[-1]) for e in root.iter(f"{ATOM}entry")}
    folded = ids("fold")
    assert desk["wire"] in folded and not folded & desk["copies"], folded
    assert desk["copies"] <= ids("all")


def test_a_bad_copies_value_is_a_400(desk: dict[str, Any]) -> None:
    assert httpx.get(desk["url"] + "/api/articles", params={"copies": "some"}, timeout=60).status_code == 400


def test_the_cli_search_folds_copies_unless_asked_for_all(desk: dict[str, Any]) -> None:
    def ids(*flags: str) -> set[int]:
        out = CliRunner().invoke(main, ["search", "quotas", "--db", str(desk["db"]), "--json", *flags],
                                 catch_exceptions=False)
        assert out.exit_code == 0, out.output
        return {hit["id"] for hit in json.loads(out.output)["items"]}
    assert desk["wire"] in ids() and not ids() & desk["copies"]
    assert desk["copies"] <= ids("--all-copies")


@pytest.mark.parametrize(("facet", "param"), [("categories", "category"), ("languages", "language")])
def test_facet_counts_are_what_their_listing_lists(desk: dict[str, Any], facet: str, param: str) -> None:
    # "/categories" and the filter options counted every copy: "World (6)" led to a page of 4.
    counts = {c["name"]: c["articles"] for c in get(desk, f"/api/{facet}").json()["items"]}
    listed = {name: len(get(desk, "/api/articles", limit="100", **{param: name}).json()["items"]) for name in counts}
    assert counts == listed
    assert counts[{"categories": "World", "languages": "en"}[facet]] == {"categories": 4, "languages": 5}[facet]
