"""The desk has an icon: pages link it, /favicon.ico answers it, and no page load ends in a 404
(real uvicorn on a loopback port, Debian chromium through playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desk_server import chromium_browser, running_server
from newsdesk.store import open_store


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("favicon") / "desk.db"
    with open_store(db):
        pass
    with running_server(db) as base:
        yield base


@pytest.mark.parametrize("path", ["/", "/sources", "/api/stats"])
def test_no_request_of_a_page_load_fails_and_the_icon_is_an_image(browser: Any, url: str, path: str) -> None:
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    try:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # the browser asks for its icon after the load
        assert failed == []
        # the icon a browser would show decodes as an image, at both the linked and the implicit address
        for icon in ("/static/favicon.svg", "/favicon.ico"):
            size = page.evaluate("async (src) => { const i = new Image(); i.src = src; await i.decode();"
                                 " return [i.naturalWidth, i.naturalHeight]; }", url + icon)
            assert size[0] > 0 and size[1] > 0
    finally:
        page.close()
    assert failed == []


def test_pages_link_the_icon_and_favicon_ico_serves_it(url: str) -> None:
    html = httpx.get(url + "/").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    ico = httpx.get(url + "/favicon.ico")
    assert ico.status_code == 200 and ico.headers["content-type"].startswith("image/svg+xml")
    assert ico.content == (Path(__file__).parents[2] / "src/newsdesk/web/static/favicon.svg").read_bytes()
