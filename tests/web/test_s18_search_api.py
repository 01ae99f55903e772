"""S18 through the API, end to end: a store made by the store code, served by a real uvicorn on a
loopback port. /api/search finds 'says' for 'said' and marks it, /api/quotes?about=united states
finds what was said about the United States ('American', 'U.S.'), not 'united' and 'states' apart
nor the pronoun 'us', and ?about=said finds 'says'."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desk_server import running_server
from newsdesk.records import Article, Quote, RawPage
from newsdesk.store import open_store

SAID = ["American officials agreed to the plan", "the United States says it will act",
        "they told us nothing about the states", "a united front of several states"]
TEXT = "The envoy says the talks failed. " + " ".join(f"“{q},” the minister added." for q in SAID)


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("s18") / "desk.db"
    store = open_store(db)
    quotes = tuple(Quote(text=q, kind="direct", start=TEXT.index(q), end=TEXT.index(q) + len(q), speaker="Ana Lopez",
                         cue="added") for q in SAID)
    article = Article(url="https://news.example/1", title="Envoy speaks", text=TEXT, paragraphs=(TEXT,),
                      language="en", published="2026-04-01T09:00:00+00:00", quotes=quotes)
    _, article_id = store.store_page(RawPage(body=TEXT.encode(), origin="s18"), article)
    store.after_store_entities(article_id, article)
    store.close()
    with running_server(db) as base:
        yield base


def _get(url: str, path: str, **params: Any) -> httpx.Response:
    response = httpx.get(url + path, params=params, timeout=60)
    assert response.status_code == 200, (path, response.text[:300])
    return response


def test_the_api_joins_irregular_forms_and_reads_a_country_name(url: str) -> None:
    [hit] = _get(url, "/api/search", q="said").json()["items"]
    assert "<mark>says</mark>" in hit["snippet_html"]
    about = {q["text"] for q in _get(url, "/api/quotes", about="united states").json()["quotes"]}
    assert about == {SAID[0], SAID[1]}
    assert {q["text"] for q in _get(url, "/api/quotes", about="said").json()["quotes"]} == {SAID[1]}
