"""A speaker as written kept its comma (session 17, X24): "“…,” everyone, including the fishermen,
said" gave the API's speaker_text "everyone, including the fishermen," and the article page's speaker
mark ended on the comma. Real annotator, real SQLite store, real uvicorn on a loopback port and
Debian chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk_server import chromium_browser, get_json, serve_desk

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402

TEXTS = ["“We will win the vote on the harbour wall,” everyone, including the fishermen, said on Tuesday."]
WRITTEN = "everyone, including the fishermen"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("x24") / "desk.db"
    store, ids = store_texts(db, TEXTS)
    store.close()
    yield from serve_desk(db, ids=ids)


def test_the_api_gives_the_speaker_as_written_without_its_comma(desk: dict[str, Any]) -> None:
    [q] = [q for q in get_json(desk, f"/api/articles/{desk['ids'][0]}")["quotes"] if "win the vote" in q["text"]]
    assert (q["speaker"], q["speaker_text"]) == (WRITTEN, WRITTEN)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


def test_the_article_page_marks_the_speaker_up_to_its_last_word(desk: dict[str, Any], browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{desk['url']}/entities/in/{desk['ids'][0]}")
        marks = page.locator("article .speaker, .article-text .speaker, p .speaker")
        assert marks.count() >= 1
        assert WRITTEN in [marks.nth(i).inner_text() for i in range(marks.count())]
    finally:
        page.close()
