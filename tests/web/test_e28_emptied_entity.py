"""A one-word entity whose mentions all went to the one person carrying the word ("Obama", once
Barack Obama is stored: store.surnames) keeps its id for when the word comes back; its page and API
say where the mentions are filed now instead of showing an empty entity (E28). Real annotator, real
SQLite store, real uvicorn on a loopback port, real chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desk_server import chromium_browser, running_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402

BARE = "Obama told reporters in Chicago on Monday that the bill would pass. The senator said the vote was close."
BARACK = ("President Barack Obama signed the health care bill at the White House on Tuesday. "
          "Obama said it was a good day.")


@pytest.fixture(scope="module")
def emptied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("e28") / "desk.db"
    store, _ = store_texts(db, [BARE, BARACK])  # the bare word's mentions went to Barack Obama
    bare = store.conn.execute("SELECT id FROM entities WHERE type = 'PERSON' AND key = 'obama'").fetchone()[0]
    barack = store.entity_row("Barack Obama")["id"]
    left = store.conn.execute("SELECT count(*) FROM entity_mentions WHERE entity_id = ?", (bare,)).fetchone()[0]
    store.close()
    assert bare != barack and left == 0
    with running_server(db) as url:
        yield {"url": url, "bare": bare, "barack": barack, "db": db}


def test_the_api_of_an_emptied_entity_says_where_its_mentions_went(emptied: dict[str, Any]) -> None:
    e = httpx.get(f"{emptied['url']}/api/entities/{emptied['bare']}", timeout=60).json()
    # before: an entity of 0 mentions, nothing said of where they went
    assert e["empty"] is True and e["filed_under"] == {"id": emptied["barack"], "name": "Barack Obama",
                                                       "type": "PERSON"}
    kept = httpx.get(f"{emptied['url']}/api/entities/{emptied['barack']}", timeout=60).json()
    assert kept["empty"] is False and kept["filed_under"] is None and kept["mentions"] >= 3


def test_entities_show_says_where_they_went(emptied: dict[str, Any]) -> None:
    from click.testing import CliRunner

    from newsdesk.cli import main

    run = CliRunner().invoke(main, ["entities", "show", str(emptied["bare"]), "--db", str(emptied["db"])])
    assert run.exit_code == 0, run.output
    assert f"no article names Obama on its own now: filed under Barack Obama (id {emptied['barack']})" in run.output


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.mark.browser
def test_the_page_of_an_emptied_entity_sends_the_reader_on(browser: Any, emptied: dict[str, Any]) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{emptied['url']}/entities/{emptied['bare']}")
        note = page.locator("p.filed-under")
        assert note.inner_text() == "No article names Obama on its own now: its mentions are filed under Barack Obama."
        note.get_by_role("link").click()
        page.wait_for_url(f"{emptied['url']}/entities/{emptied['barack']}")
        assert page.locator("h1.page-title").inner_text() == "Barack Obama"
        assert page.locator("p.filed-under").count() == 0
    finally:
        page.close()
