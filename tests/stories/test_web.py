"""Story pages over HTTP and in headless chromium, against a real server on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desk_server import chromium_browser, running_server
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

from .stories_data import ELECTION, QUAKE


@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    db = tmp_path_factory.mktemp("stories") / "desk.db"
    store = open_store(db)
    ids: dict[str, int] = {}
    docs = [(f"q{i}", d) for i, d in enumerate(QUAKE)] + [(f"e{i}", d) for i, d in enumerate(ELECTION)]
    for n, (name, (title, text)) in enumerate(docs):
        article = Article(title=title, text=text, url=f"https://site{n}.example/a", site_name=f"Site {n}",
                          published=f"2026-02-1{n % 3}T09:00:00+00:00", language="en")
        _, ids[name] = store.store_page(RawPage(body=text.encode(), origin=name), article)
        store.after_store_stories(ids[name], article)
    for n in range(2):  # two sites republish the first quake report
        copy = Article(title=f"Quake copy {n}", text=QUAKE[0][1] + "\n\nStory continues below advertisement",
                       url=f"https://copy{n}.example/a", site_name=f"Copy {n}", language="en",
                       published="2026-02-10T15:00:00+00:00")
        _, ids[f"copy{n}"] = store.store_page(RawPage(body=f"copy{n}".encode(), origin=f"copy{n}"), copy)
        store.after_store_stories(ids[f"copy{n}"], copy)
    ids["quake_story"] = store.story_of(ids["q0"]) or 0
    store.close()
    with running_server(db) as url:
        yield url, ids


def test_front_page_leads_with_stories_and_folds_copies(story_site: tuple[str, dict[str, int]]) -> None:
    url, ids = story_site
    front = httpx.get(f"{url}/").text
    block = front.split('id="top-stories"', 1)[1].split("</section>", 1)[0]
    assert f'href="/stories/{ids["quake_story"]}"' in block
    assert "5 articles" in block and "also published by 2 sources" in block
    assert 'id="top-stories"' not in httpx.get(f"{url}/?language=en").text  # a filtered page lists articles only


def test_story_list_and_story_page_over_http(story_site: tuple[str, dict[str, int]]) -> None:
    url, ids = story_site
    listing = httpx.get(f"{url}/stories")
    assert listing.status_code == 200 and "also published by 2 sources" in listing.text
    api = httpx.get(f"{url}/api/stories").json()
    assert sorted(s["articles"] for s in api["stories"]) == [3, 5]
    page = httpx.get(f"{url}/stories/{ids['quake_story']}")
    assert page.status_code == 200
    assert "First report" in page.text and "Latest report" in page.text
    assert page.text.count('class="timeline-item"') == 3  # five articles, the two copies folded
    story = httpx.get(f"{url}/api/stories/{ids['quake_story']}").json()
    assert story["first_report"]["id"] == ids["q0"]
    dups = httpx.get(f"{url}/api/duplicates/{ids['copy0']}").json()
    assert {d["id"] for d in dups["duplicates"]} == {ids["q0"], ids["copy1"]}


def test_missing_story_is_a_404_in_both_shapes(story_site: tuple[str, dict[str, int]]) -> None:
    url, _ = story_site
    assert httpx.get(f"{url}/stories/424242").status_code == 404
    error = httpx.get(f"{url}/api/stories/424242")
    assert error.status_code == 404 and error.json()["error"]["code"] == "not_found"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.mark.browser
def test_reader_goes_from_stories_to_a_story_and_its_copies(browser: Any,
                                                            story_site: tuple[str, dict[str, int]]) -> None:
    url, ids = story_site
    context = browser.new_context()
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{url}/stories")
    page.click(f"[data-story='{ids['quake_story']}'] .card-title a")
    page.wait_for_url(f"**/stories/{ids['quake_story']}")
    assert page.locator(".timeline-item").count() == 3
    page.click("details.also summary")
    assert page.locator("details.also li").count() == 2
    page.locator(".first-report a").click()
    page.wait_for_url(f"**/article/{ids['q0']}")
    context.close()
