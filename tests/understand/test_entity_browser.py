"""The entity page and quote search in headless Debian chromium (playwright, no download)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from entity_helpers import store_texts

from desk_server import chromium_browser, running_server

pytestmark = pytest.mark.browser

TEXTS = [
    "Iran's foreign minister Abbas Araghchi said on Monday that talks with the United States would continue.",
    "Foreign Minister Abbas Araqchi told reporters in Muscat that Iran would never give up its missiles.",
    "“Our missiles are not up for discussion,” Abbas Araqchi said in Tehran on Wednesday.",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("entities") / "desk.db"
    store, _ = store_texts(db, TEXTS)
    store.close()
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


def test_entity_page_from_list_to_quotes(browser: Any, server: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/entities?type=PERSON")
    page.get_by_role("link", name="Abbas Araghchi").click()
    page.wait_for_selector("h1.page-title")
    assert page.locator("h1.page-title").inner_text() == "Abbas Araghchi"
    aliases = page.locator("ul.aliases li").all_inner_texts()
    assert "Abbas Araqchi" in aliases and "Abbas Araghchi" in aliases
    assert page.locator("ul.roles li").first.inner_text().lower().startswith(("iran's foreign minister",
                                                                               "foreign minister"))
    box = page.locator("svg.chart").bounding_box()
    assert box and box["width"] > 300 and page.locator("svg.chart rect.bar").count() >= 3
    assert page.locator("ul.quotes li.quote").count() == 3
    assert page.locator("ul.quotes li.quote-direct").count() == 1
    page.get_by_role("link", name=re.compile("All quotes by")).click()
    page.wait_for_selector("form.filters")
    page.fill("#quote-about", "missiles")
    page.press("#quote-about", "Enter")
    page.wait_for_url(re.compile(r"about=missiles"))
    texts = page.locator("ul.quotes blockquote").all_inner_texts()
    assert len(texts) == 2 and all("missiles" in t for t in texts)
    assert not errors
    page.close()
