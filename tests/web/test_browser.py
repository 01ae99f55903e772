"""The desk in headless Debian chromium (playwright, no browser download): reading, searching,
feeds, the chart, keyboard navigation, relative times, and a hostile page that must not run."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk_server import chromium_browser

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


class Watch:
    """Dialogs, console errors and page errors seen by one page: any of them fails a hostile test."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Loopback only: a publisher's lead image must not make the test reach the internet.
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    pg = context.new_page()
    yield pg
    context.close()


def shot(page: Any, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_read_the_desk_front_to_article_to_category(page: Any, base_url: str) -> None:
    watch = Watch(page)
    page.goto(base_url + "/")
    assert page.locator("h2#recent-title").text_content() == "Recent posts"
    assert page.locator("article.card").count() >= 10
    assert re.search(r"ago|just now", page.locator("time[data-relative]").first.inner_text())
    shot(page, "front")
    page.locator("article.card h3 a").first.click()
    page.wait_for_selector("h1.headline")
    assert page.locator(".reader .body p").count() >= 1
    shot(page, "article")
    first = page.url
    page.keyboard.press("j")
    page.wait_for_url(lambda url: url != first)
    assert "/article/" in page.url
    page.keyboard.press("k")
    page.wait_for_url(first)
    page.goto(base_url + "/categories")
    page.locator(".facet-list a", has_text="World").first.click()
    page.wait_for_selector("h1.page-title")
    assert page.locator("h1.page-title").inner_text() == "World"
    assert page.locator("article.card").count() >= 1
    shot(page, "category")
    assert not watch.dialogs and not watch.page_errors


def test_related_posts_are_links(page: Any, base_url: str, ids: dict[str, int]) -> None:
    page.goto(f"{base_url}/article/{ids['rail']}")
    links = page.locator("section.related a")
    assert links.count() >= 6
    links.first.click()
    page.wait_for_selector("h1.headline")
    assert re.search(r"/article/\d+$", page.url)


def test_search_for_a_word(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#q-top", "government")
    page.press("#q-top", "Enter")
    page.wait_for_selector("ol.results")
    assert page.locator("ol.results > li").count() >= 1
    assert page.locator("ol.results mark").count() >= 1
    shot(page, "search")
    page.goto(base_url + '/search?q=%22unterminated+(')
    assert page.locator("main").inner_text()  # answered with a page, not a crash


def test_atom_feed_reads(page: Any, base_url: str) -> None:
    response = page.request.get(base_url + "/feed.atom")
    assert response.ok
    root = ET.fromstring(response.body())
    assert len(root.findall("{http://www.w3.org/2005/Atom}entry")) >= 10


def test_stats_chart_renders_with_javascript_off(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/stats")
    chart = page.locator("svg.chart").first
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() >= 2
    assert max(bars.nth(i).bounding_box()["height"] for i in range(bars.count())) > 50
    shot(page, "stats")
    context.close()


def test_relative_times_refresh_without_reload(browser: Any, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()
    page.goto(base_url + "/")
    node = page.locator("time[data-relative]").first
    page.evaluate("""(el) => { el.setAttribute('datetime', new Date(Date.now() - 90 * 1000).toISOString()); }""",
                  node.element_handle())
    page.clock.fast_forward("00:31")
    page.wait_for_function("(el) => el.textContent === '2 minutes ago'", arg=node.element_handle(), timeout=5000)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_and_themes(browser: Any, base_url: str, ids: dict[str, int], scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, color_scheme=scheme)
    page = context.new_page()
    for name, path in (("front", "/"), ("article", f"/article/{ids['rail']}"), ("search", "/search?q=iran")):
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, f"{path} scrolls sideways at phone width ({width}px)"
        shot(page, f"phone-{scheme}-{name}", full=False)
    context.close()


@pytest.mark.parametrize("which", ["hostile", "hostile_extracted"])
def test_hostile_page_runs_nothing(page: Any, base_url: str, ids: dict[str, int], which: str) -> None:
    watch = Watch(page)
    page.goto(f"{base_url}/article/{ids[which]}")
    page.wait_for_load_state("load")
    title = page.locator("h1.headline").inner_text()
    assert "news" in title.lower()
    for link in page.locator("a").all():
        href = (link.get_attribute("href") or "").strip().lower()
        assert not href.startswith(("javascript:", "data:")), href
    page.goto(base_url + "/search?q=alert")
    page.goto(base_url + "/")
    page.wait_for_timeout(300)
    shot(page, f"{which}-front")
    assert watch.dialogs == [] and watch.page_errors == [] and watch.console_errors == []
