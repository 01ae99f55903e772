"""The entity page and quote search in headless Debian chromium (playwright, no download)."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from entity_helpers import store_texts

from newsdesk.settings import Settings

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TEXTS = [
    "Iran's foreign minister Abbas Araghchi said on Monday that talks with the United States would continue.",
    "Foreign Minister Abbas Araqchi told reporters in Muscat that Iran would never give up its missiles.",
    "“Our missiles are not up for discussion,” Abbas Araqchi said in Tehran on Wednesday.",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from newsdesk.web.app import create_app

    db = tmp_path_factory.mktemp("entities") / "desk.db"
    store, _ = store_texts(db, TEXTS)
    store.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db, Settings(db=str(db))), host="127.0.0.1", port=port,
                                        log_level="error"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


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
