"""S19 end to end: the CLI (`newsdesk search --json`), the desk's /search page and /api/search answer
a query with the same articles in the same order, on a store made by the store code and served by
a real uvicorn on a loopback port (its index synced by the server's own keeper). The answers are
S19's: 'sai*' finds 'says', 'wen*' finds 'goes', 'said' ranks 'said' twice above 'says' and 'said'
once each, 'national' finds French 'nationaux' and 'Wahl' German 'Wahlen', with a language filter too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import running_server
from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

ARTICLES = {  # key: (title, text, language)
    "mixed": ("Harbour talks", "The envoy says the harbour talks failed and the minister said the same today.", "en"),
    "twice": ("Harbour talks", "The envoy said the harbour talks failed and the minister said the same today.", "en"),
    "says": ("Bridge plan", "The mayor says the bridge plan is dead and nobody can revive it now.", "en"),
    "went": ("Early night", "The delegates went home early after the long vote.", "en"),
    "goes": ("Trip", "Each delegate goes to Brussels on Friday.", "en"),
    "nationaux": ("Grève", "Les syndicats nationaux ont appelé à la grève générale.", "fr"),
    "wahlen": ("Bayern", "Die Wahlen in Bayern bringen eine neue Regierung.", "de"),
}
# query, filters, the articles expected (in order where the list says so)
EXPECTED = [("said", {}, ["twice"], {"mixed", "twice", "says"}), ("sai*", {}, [], {"mixed", "twice", "says"}),
            ("wen*", {}, [], {"went", "goes"}), ("national", {}, ["nationaux"], {"nationaux"}),
            ("national", {"language": "fr"}, ["nationaux"], {"nationaux"}), ("Wahl", {}, ["wahlen"], {"wahlen"})]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, dict[int, str]]]:
    db = tmp_path_factory.mktemp("s19") / "desk.db"
    store = open_store(db)
    names = {}
    for i, (key, (title, text, language)) in enumerate(ARTICLES.items()):
        article = Article(url=f"https://news.example/{i}", title=title, text=text, paragraphs=(text,),
                          language=language, published=f"2026-05-{i + 1:02d}T09:00:00+00:00")
        names[store.store_page(RawPage(body=text.encode(), origin=f"s19-{i}"), article)[1]] = key
    store.close()
    with running_server(db) as base:
        yield base, db, names


def _get(url: str, path: str, **params: Any) -> httpx.Response:
    response = httpx.get(url + path, params=params, timeout=60)
    assert response.status_code == 200, (path, response.text[:300])
    return response


def _cli(db: Path, query: str, filters: dict[str, str]) -> list[int]:
    options = [x for name, value in filters.items() for x in (f"--{name}", value)]
    result = CliRunner().invoke(main, ["search", query, "--db", str(db), "--json", *options], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [hit["id"] for hit in json.loads(result.stdout)["items"]]


def _page(url: str, query: str, filters: dict[str, str]) -> list[int]:
    html = _get(url, "/search", q=query, **filters).text
    results = html[html.index("<main"):]
    return [int(i) for i in dict.fromkeys(re.findall(r'href="/article/(\d+)"', results))]


def test_the_cli_the_desk_and_the_api_give_the_same_answers(served: tuple[str, Path, dict[int, str]]) -> None:
    url, db, names = served
    for query, filters, first, found in EXPECTED:
        api = [item["id"] for item in _get(url, "/api/search", q=query, **filters).json()["items"]]
        assert _cli(db, query, filters) == api, (query, filters)
        assert _page(url, query, filters) == api, (query, filters)
        assert {names[i] for i in api} == found, (query, filters)
        assert [names[i] for i in api[:len(first)]] == first, (query, filters)


def test_the_cli_marks_the_form_a_prefix_found(served: tuple[str, Path, dict[int, str]]) -> None:
    url, db, names = served
    result = CliRunner().invoke(main, ["search", "sai*", "--db", str(db)], catch_exceptions=False)
    assert "[says]" in result.stdout
    [hit] = [h for h in _get(url, "/api/search", q="sai*").json()["items"] if names[h["id"]] == "says"]
    assert "<mark>says</mark>" in hit["snippet_html"]
