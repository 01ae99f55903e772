"""The event pages over a real loopback server: JSON API, HTML, and the actor-pair page in chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from events_helpers import store_events

from desk_server import chromium_browser, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("events_web") / "desk.db"
    store_events(db).close()
    with running_server(db) as url:
        yield url


def test_events_api_filters(server: str) -> None:
    data = httpx.get(server + "/api/events", params={"pair": "USA-IRN", "code": "04"}).json()
    assert data["events"] and all(e["cameo"].startswith("04") for e in data["events"])
    assert httpx.get(server + "/api/events", params={"place": "OMN"}).json()["events"]
    bad = httpx.get(server + "/api/events", params={"code": "talks"})
    assert bad.status_code == 400 and bad.json()["error"]["status"] == 400


def test_pair_api_and_page(server: str) -> None:
    data = httpx.get(server + "/api/pair/USA-IRN").json()
    assert data["count"] >= 3 and len(data["timeline"]) >= 3
    assert data["cooperation"] >= 1 and data["conflict"] >= 1
    html = httpx.get(server + "/pair/usa-irn").text
    assert "svg" in html and 'href="#day-2026-02-02"' in html and 'id="day-2026-02-02"' in html
    assert httpx.get(server + "/pair/USA").status_code == 404


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.mark.browser
def test_pair_page_point_leads_to_its_sentences(browser: Any, server: str, tmp_path: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/pair/USA-IRN")
    assert page.locator("h1.page-title").inner_text().replace(" ", "") == "USA–IRN"
    box = page.locator("svg.goldstein").bounding_box()
    assert box and box["width"] > 300
    points = page.locator("svg.goldstein a.point")
    assert points.count() >= 3
    day = points.nth(2).get_attribute("data-day")
    points.nth(2).locator("circle").click()
    page.wait_for_function("location.hash.length > 1")
    assert page.evaluate("location.hash") == f"#day-{day}"
    section = page.locator(f"section#day-{day}")
    assert section.is_visible() and section.locator("blockquote.sentence").count() >= 1
    Path("artifacts/screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path="artifacts/screenshots/event_pair.png", full_page=True)
    assert not errors


def test_events_page_says_which_events_are_listed(server: str) -> None:
    """The store keeps only events it is sure of (the others are flagged `weak` in analyze): the page
    says so, or a reader takes the short list for all the coder found."""
    html = httpx.get(server + "/events").text
    note = html[html.index('id="events-stored-note"'):]
    assert "names their source" in note.split("</p>")[0]
    assert "<code>weak</code>" in note.split("</p>")[0]
