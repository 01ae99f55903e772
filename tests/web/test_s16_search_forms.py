"""Word forms through the API, end to end (S16): a store made by the store code, served by a real
uvicorn on a loopback port; /api/search finds 'sanctioned' for 'sanctions' and marks it, /api/quotes
finds 'treaty' for 'treaties', /search shows the marked form. Fails on the code before migration 034."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desk_server import running_server
from newsdesk.records import Article, Quote, RawPage
from newsdesk.store import open_store

TEXT = "The regulator sanctioned the bank. “The treaty would be signed in June,” the minister said."
SAID = "The treaty would be signed in June"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("s16") / "desk.db"
    store = open_store(db)
    start = TEXT.index(SAID)
    article = Article(url="https://news.example/1", title="Bank fined", text=TEXT, paragraphs=(TEXT,), language="en",
                      published="2026-03-01T09:00:00+00:00",
                      quotes=(Quote(text=SAID, kind="direct", start=start, end=start + len(SAID),
                                    speaker="Ana Lopez", cue="said"),))
    _, article_id = store.store_page(RawPage(body=TEXT.encode(), origin="s16"), article)
    store.after_store_entities(article_id, article)
    store.close()
    with running_server(db) as base:
        yield base


def _get(url: str, path: str, **params: Any) -> httpx.Response:
    response = httpx.get(url + path, params=params, timeout=60)
    assert response.status_code == 200, (path, response.text[:300])
    return response


def test_the_api_finds_and_marks_word_forms(url: str) -> None:
    body = _get(url, "/api/search", q="sanctions").json()
    [hit] = body["items"]
    assert "<mark>sanctioned</mark>" in hit["snippet_html"]
    [quote] = _get(url, "/api/quotes", about="treaties").json()["quotes"]
    assert quote["text"] == SAID
    assert "<mark>sanctioned</mark>" in _get(url, "/search", q="sanctions").text
