"""The desk's lists as an editor reads them (U3): which stories grew today (`?grew_since=`, the CLI's
`--grew-since`), and a quotes, events, entities or stories page past the end, which led back to
page N-1 (itself empty) where only the search knew its total. Real SQLite stores, real uvicorn on
a loopback port, the real CLI and Debian chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, get_json, serve_desk
from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

from .test_w16_list_oddities import _store as quotes_store

NOW = datetime.now(UTC).replace(microsecond=0)
# (story, site, hours ago it was collected): X began three days ago and took a copy an hour ago;
# Y took nothing since two days ago; Z began two hours ago with two copies.
TEXTS = {"X": "The harbour authority closed the northern pier after the storm damaged its cranes and rails.",
         "Y": "Farmers in the valley counted their losses after the late frost ruined the apricot harvest.",
         "Z": "The city council voted to rebuild the old library with money from the national heritage fund."}
ARRIVALS = [("X", "Gulf Wire", 72), ("Y", "Gulf Wire", 48), ("Z", "Gulf Wire", 2), ("Z", "Harbour Post", 2),
            ("X", "Harbour Post", 1)]


def _grown(store: Any) -> dict[str, int]:
    """Each article stored, then dated as collected ARRIVALS' hours ago, then placed in its story."""
    stories = {}
    for n, (key, site, hours) in enumerate(ARRIVALS):
        url = f"https://{site.split()[0].lower()}.example/{n}"
        article = Article(url=url, site_name=site, language="en", text=TEXTS[key], paragraphs=(TEXTS[key],),
                          title=TEXTS[key][:40])
        _, article_id = store.store_page(RawPage(body=f"{url}\n{TEXTS[key]}".encode(), origin=url, url=url), article)
        seen = (NOW - timedelta(hours=hours)).isoformat()
        store.conn.execute("UPDATE articles SET first_seen = ? WHERE id = ?", (seen, article_id))
        store.after_store_stories(article_id, store.get_article(article_id))
        stories[key] = store.story_of(article_id)
    store.conn.commit()
    assert len(set(stories.values())) == 3, stories  # each text its own story, its copies with it
    return stories


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("u3grown") / "desk.db"
    with open_store(db) as store:
        ids = _grown(store)
    yield from serve_desk(db, ids=ids)


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("u3lists") / "desk.db"
    yield from serve_desk(db, ids=quotes_store(db))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


def test_stories_that_grew_since_a_time_newest_arrival_first(grown: dict[str, Any]) -> None:
    ids = grown["ids"]
    since = (NOW - timedelta(hours=6)).isoformat()
    found = get_json(grown, "/api/stories", grew_since=since)
    assert [(s["id"], s["joined"]) for s in found["stories"]] == [(ids["X"], 1), (ids["Z"], 2)]
    assert found["total"] == 2 and found["sort"] == "arrived" and found["grew_since"] == since
    assert found["stories"][0]["arrived"] == (NOW - timedelta(hours=1)).isoformat()
    wider = get_json(grown, "/api/stories", grew_since=(NOW - timedelta(hours=50)).isoformat())
    assert [(s["id"], s["joined"]) for s in wider["stories"]] == [(ids["X"], 1), (ids["Z"], 2), (ids["Y"], 1)]
    # without the filter: every story, by when its newest member arrived, or as before by news day
    arrived = get_json(grown, "/api/stories", sort="arrived")["stories"]
    assert [s["id"] for s in arrived] == [ids["X"], ids["Z"], ids["Y"]] and "joined" not in arrived[0]
    today = get_json(grown, "/api/stories", grew_since="today")
    assert today["grew_since"] == NOW.date().isoformat()
    assert today["stories"] == get_json(grown, "/api/stories", grew_since=NOW.date().isoformat())["stories"]


def test_the_cli_lists_the_same_growth(grown: dict[str, Any]) -> None:
    since = (NOW - timedelta(hours=6)).isoformat()

    def cli(*args: str) -> Any:
        out = CliRunner().invoke(main, ["stories", *args, "--db", str(grown["db"])], catch_exceptions=False)
        assert out.exit_code == 0, out.output
        return out.stdout

    rows = json.loads(cli("--grew-since", since, "--json"))
    api = get_json(grown, "/api/stories", grew_since=since)["stories"]
    assert [(r["id"], r["joined"], r["arrived"]) for r in rows] == [(s["id"], s["joined"], s["arrived"]) for s in api]
    assert [r["id"] for r in json.loads(cli("--grew-since", "today", "--json"))] == [
        s["id"] for s in get_json(grown, "/api/stories", grew_since="today")["stories"]]
    text = cli("--grew-since", since)
    assert f"+2 since {since}" in text and f"+1 since {since}" in text
    bad = CliRunner().invoke(main, ["stories", "--grew-since", "yesterdayish", "--db", str(grown["db"])])
    assert bad.exit_code == 2 and "yesterdayish" in bad.output
    # worded as every other date option's error, not click's usage block
    assert bad.output.startswith("newsdesk: --grew-since must be") and "Usage:" not in bad.output, bad.output
    assert "or `today`, got 'yesterdayish'" in bad.output


@pytest.mark.parametrize(("params", "words"), [({"grew_since": "2026-11-31"}, "2026-11-31"),
                                               ({"sort": "size"}, "parameter 'sort' must be")])
def test_a_wrong_growth_parameter_is_a_400(grown: dict[str, Any], params: dict[str, str], words: str) -> None:
    got = httpx.get(grown["url"] + "/api/stories", params=params, timeout=60)
    assert got.status_code == 400 and words in got.json()["error"]["message"], got.text[:300]


def test_the_story_list_offers_what_grew_today(grown: dict[str, Any], browser: Any) -> None:
    page = browser.new_context().new_page()
    page.goto(grown["url"] + "/stories")
    page.get_by_role("link", name="Grew today").click()
    page.wait_for_url(re.compile(r"grew_since=today"))
    cards = page.locator("li.story-card")
    today = get_json(grown, "/api/stories", grew_since="today")["stories"]
    assert [int(cards.nth(i).get_attribute("data-story") or 0) for i in range(cards.count())] == [
        s["id"] for s in today]
    assert [cards.nth(i).locator(".joined").inner_text() for i in range(cards.count())] == [
        f"+{s['joined']} since {NOW.date().isoformat()}" for s in today]
    assert page.get_by_role("link", name="All stories").count() == 1


# (list address, its items' key, the noun its past-the-end sentence counts, the store holding several)
LISTS = [("/api/quotes", "quotes", "quotes", "lists"), ("/api/events", "events", "events", "lists"),
         ("/api/entities", "entities", "entities", "lists"), ("/api/stories", "stories", "stories", "grown")]


@pytest.mark.parametrize(("path", "key", "noun", "store"), LISTS)
def test_a_page_past_the_end_says_where_the_list_ends(request: pytest.FixtureRequest, path: str, key: str,
                                                      noun: str, store: str) -> None:
    lists = request.getfixturevalue(store)
    every = get_json(lists, path, limit=100)[key]
    assert len(every) >= 2, every
    first = get_json(lists, path, limit=1)
    assert first["total"] == len(every) and first["past_the_end"] is None
    past = get_json(lists, path, limit=1, page=len(every) + 5)
    assert past[key] == [] and past["total"] == len(every)
    assert past["past_the_end"] == f"Nothing on page {len(every) + 5}: the {len(every)} {noun} end on page {len(every)}"


@pytest.mark.parametrize(("path", "store"), [("/quotes", "lists"), ("/events", "lists"), ("/entities", "lists"),
                                             ("/stories", "grown")])
def test_the_pager_past_the_end_leads_to_the_last_page(request: pytest.FixtureRequest, browser: Any, path: str,
                                                       store: str) -> None:
    lists = request.getfixturevalue(store)
    total = get_json(lists, "/api" + path, limit=1)["total"]
    page = browser.new_context().new_page()
    page.goto(f"{lists['url']}{path}?limit=1&page={total + 5}")
    assert page.locator("p.empty[role=status]").inner_text().startswith(f"Nothing on page {total + 5}:")
    page.get_by_role("link", name="Last page").click()
    page.wait_for_url(re.compile(rf"page={total}\b"))
    assert "Nothing on page" not in page.locator("main").inner_text()
    back = page.locator("a[rel=prev]").first.get_attribute("href") or ""
    assert back.endswith(f"page={total - 1}"), back
