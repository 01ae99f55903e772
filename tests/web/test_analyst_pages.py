"""Defects found reading the desk in chromium as a demanding analyst would (task W11); each test
fails on the code before its fix. A small store of hand-made articles whose dates, authors and
counts the tests choose, served by a real uvicorn on a free loopback port."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desk_server import chromium_browser
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

from .desk_fixtures import running_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_listing_folds import PAGES, store_pages  # noqa: E402

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
LONG_SITE = "Hovenier nodig? 0900 Hovenier voor tuinontwerp, aanleg en tuinonderhoud!"
REPRINTED = ("Dock workers in the northern port ended their nine-day walkout on Friday after the operators offered a"
             " new shift pattern and a bonus for night work.\n\nCranes were moving again by the evening, the port"
             " authority said, and the backlog of container ships should clear within a week.")
# (day, how many articles): the busiest day has 3, so a chart's middle grid line is a whole count.
DAYS = [("2026-03-02", 3), ("2026-03-03", 2), ("2026-03-04", 1)]
EVENT = {"cameo": "042", "root": "04", "quad_class": 1, "goldstein": 1.9, "sentence": "The minister visited Islamabad.",
         "source": {"text": "the minister", "code": "GBRGOV", "country": "GBR"},
         "target": {"text": "Pakistan", "code": "PAK", "country": "PAK"},
         "location": {"name": "Islamabad", "country": "PAK"}, "start": 0, "end": 31}


def _article(n: int, day: str | None) -> Article:
    text = f"Report number {n} on the harbour strike and the talks that followed it."
    return Article(url=f"https://harbour.example/{n}", title=f"Harbour report {n}", site_name="Harbour Post",
                   authors=("Ana Pereira",), categories=("Ports",), language="en",
                   published=f"{day}T0{n % 10}:00:00+00:00" if day else None, text=text, paragraphs=(text,),
                   excerpt=text)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db: Path = tmp_path_factory.mktemp("analyst") / "desk.db"
    ids: dict[str, int] = {}
    with open_store(db) as store:
        n = 0
        for day, count in DAYS:
            for _ in range(count):
                n += 1
                store.store_page(RawPage(body=f"page {n}".encode(), origin=f"p{n}"), _article(n, day))
        # An undated page: the listing places it by when it was collected.
        ids["undated"] = store.store_page(RawPage(body=b"undated page", origin="undated"), _article(99, None))[1]
        coded = replace(_article(50, "2026-03-05"), events=(EVENT,))
        ids["event"] = store.store_page(RawPage(body=b"event page", origin="event"), coded)[1]
        store.after_store_events(ids["event"], coded)
        for n in range(3):
            store.record_failure(f"broken-{n}.html", "extract", "empty page", "0 bytes")
        store.record_failure("huge.html", "fetch", "too large", "12 MB")
        store.source_polled("https://feeds.example/rss.xml", "fetch: timeout", "2099-01-01T00:00:00+00:00")
        french = replace(_article(60, "2026-03-06"), language="fr", title="Grève au port",
                         categories=("Ports fr",), authors=("Marie Dupont",))
        ids["french"] = store.store_page(RawPage(body=b"french page", origin="fr"), french)[1]
        german = replace(_article(61, "2026-03-06"), language="de", title="Streik im Hafen",
                         categories=("Häfen",), authors=("Hans Müller",))
        ids["german"] = store.store_page(RawPage(body=b"german page", origin="de"), german)[1]
        # A site name as long as the sample corpus's longest: the source select grew to fit it.
        long_site = replace(_article(70, None), site_name=LONG_SITE, categories=("Gardens",), authors=("Tuin Team",),
                            title="Hovenier in Oosterbeek")
        store.store_page(RawPage(body=b"garden page", origin="garden"), long_site)
    with running_server(db) as url:
        yield {"url": url, "ids": ids}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def test_chart_grid_lines_stand_at_the_counts_they_are_labelled_with(page: Any, desk: dict[str, Any]) -> None:
    # The middle line was drawn at half the peak but labelled with it rounded: with a peak of 3,
    # "2" stood at 1.5 and the day with 2 articles rose above its own line.
    page.goto(desk["url"] + "/stats")
    chart = page.locator("svg.chart").first
    lines = chart.locator("line.grid")
    labels = chart.locator("text.axis[text-anchor='end']")
    grid = {int(labels.nth(i).text_content()): float(lines.nth(i).get_attribute("y1")) for i in range(lines.count())}
    assert sorted(grid) == [0, 1, 3]
    bars = chart.locator("rect.bar")
    tops = {}
    for i in range(bars.count()):
        bar = bars.nth(i)
        value = int(bar.locator("title").text_content().rsplit(": ", 1)[1])
        tops[value] = float(bar.get_attribute("y"))
    assert tops.keys() == {1, 2, 3}
    for value in (1, 3):
        assert abs(tops[value] - grid[value]) < 0.2, (value, tops, grid)
    assert grid[1] > tops[2] > grid[3]


def test_the_event_pages_are_in_the_navigation_and_their_lines_read(page: Any, desk: dict[str, Any]) -> None:
    # No page linked to /events (nor so to /pair/...), and an event's place was glued to the link
    # before it: "pairin Islamabad".
    page.goto(desk["url"] + "/")
    page.locator("nav .nav a", has_text="Events").click()
    page.wait_for_url(re.compile(r"/events$"))
    line = page.locator("li.event p").first.inner_text()
    assert re.search(r"pair\s+in Islamabad", line), line
    page.locator("li.event a", has_text="pair").first.click()
    page.wait_for_url(re.compile(r"/pair/GBR-PAK$"))
    line = page.locator("li.event p").first.inner_text()
    assert re.search(r"Goldstein \+1\.9\s+in Islamabad", line), line


def test_a_filter_that_matches_nothing_says_so_and_offers_the_way_back(page: Any, desk: dict[str, Any]) -> None:
    # A store of seven articles said "No articles here yet. Ingest some with newsdesk ingest"
    # for any filter that matched none.
    page.goto(desk["url"] + "/category/Ports?language=fr")
    empty = page.locator("p.empty").inner_text()
    assert "match" in empty and "language “fr”" in empty and "Ingest" not in empty, empty
    page.locator("p.empty a", has_text="Show all articles").click()
    page.wait_for_url(re.compile(r"/category/Ports$"))
    assert page.locator("article.card").count() >= 7


def test_an_unknown_author_is_a_404_like_an_unknown_source(page: Any, desk: dict[str, Any]) -> None:
    # /source/ and /category/ said 404 for a name the store never saw; /author/ gave an empty 200.
    assert page.goto(desk["url"] + "/author/Nobody%20Here").status == 404
    assert "no author" in page.locator("main").inner_text()
    assert page.goto(desk["url"] + "/author/Ana%20Pereira").status == 200
    assert page.locator("article.card").count() >= 7


def test_a_category_page_does_not_skip_a_heading_level(page: Any, desk: dict[str, Any]) -> None:
    # Its cards' h3 titles followed the h1 with no h2 between: a screen reader's outline lost a level.
    for path in ("/category/Ports", "/", "/source/Harbour%20Post", "/author/Ana%20Pereira"):
        page.goto(desk["url"] + path)
        levels = page.eval_on_selector_all("main h1, main h2, main h3, main h4", "hs => hs.map(h => +h.tagName[1])")
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)


def test_an_undated_article_shows_its_time_as_when_it_was_collected(page: Any, desk: dict[str, Any]) -> None:
    # Placed by when it was stored, it topped the front page as "just now" like a fresh report.
    for path, item in (("/", "article.card"), ("/search?q=harbour&sort=date", "ol.results > li")):
        page.goto(desk["url"] + path)
        undated = page.locator(item, has_text="Harbour report 99").locator(".meta").first.inner_text()
        dated = page.locator(item, has_text="Harbour report 6").locator(".meta").first.inner_text()
        assert re.search(r"collected (just now|\d+ \w+ ago)", undated), (path, undated)
        assert "collected" not in dated, (path, dated)


def test_the_recent_posts_rail_says_its_times_are_when_posts_were_added(page: Any, desk: dict[str, Any]) -> None:
    page.goto(desk["url"] + "/")
    lines = page.locator("aside.rail ol.recent li .meta").all_inner_texts()
    assert lines and all(re.fullmatch(r"added (just now|\d+ \w+ ago)", t.strip()) for t in lines), lines


def test_an_author_page_offers_the_authors_feed_which_leads_back_to_it(page: Any, desk: dict[str, Any]) -> None:
    # The README promises feeds per author; the author page linked none, and /feed.atom?author=
    # named the front page as its HTML page.
    page.goto(desk["url"] + "/author/Ana%20Pereira")
    feed = page.locator("link[rel=alternate][type='application/atom+xml']").last.get_attribute("href")
    assert feed == "/feed.atom?author=Ana+Pereira"
    root = ET.fromstring(page.request.get(desk["url"] + feed).body())
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 8 and all(e.find(f"{ATOM}author/{ATOM}name").text == "Ana Pereira" for e in entries)
    html = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert html == [desk["url"] + "/author/Ana%20Pereira"]


def test_a_query_read_as_plain_words_says_so(page: Any, desk: dict[str, Any]) -> None:
    # "harbour -strike" (or "NOT strike") is outside the syntax and was searched as all of its
    # words: every result had the word meant to be left out, and the page did not say why.
    page.goto(desk["url"] + "/search?q=harbour+-strike")
    note = page.locator("p.note").inner_text()
    assert "all of its words: harbour strike" in note and "harbour NOT strike" in note, note
    assert page.locator("ol.results > li").count() >= 1
    page.goto(desk["url"] + "/search?q=harbour+NOT+strike")
    assert page.locator("p.note").count() == 0


def test_the_search_hint_says_what_the_search_does(page: Any, desk: dict[str, Any]) -> None:
    # It said "Words match every form you type" when there was no stemming; since migration 034
    # (S16) there is, and the hint says so. The hint's own example must hold.
    page.goto(desk["url"] + "/search?q=reports")
    hint = page.locator("p.hint").inner_text()
    assert "reports finds “report”, report* “reporter” too" in hint, hint
    found = page.locator("ol.results > li").count()  # the articles say "Report", not "reports"
    page.goto(desk["url"] + "/search?q=report*")
    assert 0 < found <= page.locator("ol.results > li").count()
    assert page.locator("ol.results > li").count() >= 7



@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A wire text published three times (08:00, 10:00 and 12:00) between other World articles
    (test_listing_folds.PAGES), placed by the real dedupe hook."""
    db = tmp_path_factory.mktemp("copies") / "desk.db"
    with open_store(db) as store:
        ids = store_pages(store, PAGES)
        # The same text twice from one site (a page and its reprint), an hour apart in New York time.
        twice = store_pages(store, [(f"https://same.example/{n}", "same.example", f"2026-01-03T2{n}:00:00-05:00",
                                     "Ports", REPRINTED) for n in (0, 1)])
        story = store.story_of(twice[0])
    with running_server(db) as url:
        yield {"url": url, "ids": ids, "twice": twice, "story": story}


def test_article_pages_step_and_suggest_as_the_front_page_lists(page: Any, copies: dict[str, Any]) -> None:
    # j/k stepped onto each copy of the wire text in turn, and "More in World" listed its copies
    # (under the wire article itself: its own text at other addresses).
    wire, local, copy_b, local2, copy_a, local3, local4 = copies["ids"]
    page.goto(f"{copies['url']}/article/{local}")
    page.keyboard.press("k")  # newer
    page.wait_for_url(re.compile(rf"/article/{local2}$"))
    page.keyboard.press("j")  # older, back
    page.wait_for_url(re.compile(rf"/article/{local}$"))
    page.keyboard.press("j")
    page.wait_for_url(re.compile(rf"/article/{wire}$"))
    more = page.locator("section.related", has_text="More in World").locator("a")
    shown = {int(h.rsplit("/", 1)[1]) for h in (more.nth(i).get_attribute("href") for i in range(more.count()))}
    assert shown == {local, local3, local4}, shown



def test_a_story_page_shows_every_copy_and_times_in_utc(page: Any, copies: dict[str, Any]) -> None:
    # "2 articles from 1 source" listed one: a copy from the representative's own site was in no
    # line; and the times were the publisher's ISO strings ("2026-01-03T20:00", no zone).
    first, reprint = copies["twice"]
    page.goto(f"{copies['url']}/stories/{copies['story']}")
    item = page.locator("ol.timeline li").first
    assert item.locator("summary").inner_text() == "1 more copy stored"
    item.locator("summary").click()
    assert item.locator(f"details a[href='/article/{reprint}']").is_visible()
    assert item.locator("time").inner_text() == "4 Jan 2026, 01:00 UTC"
    assert page.locator("dd.first-report .meta").inner_text().endswith("4 Jan 2026, 01:00 UTC")



def test_the_failures_pages_json_twin_is_that_page(page: Any, desk: dict[str, Any]) -> None:
    # /failures?reason=... named /api/failures as its twin: every failure, whatever the reason.
    page.goto(desk["url"] + "/failures?reason=too+large")
    assert page.locator("tbody tr").count() == 1
    twin = page.locator("link[rel=alternate][type='application/json']").get_attribute("href")
    items = page.request.get(desk["url"] + twin).json()["items"]
    assert [(f["input"], f["reason"]) for f in items] == [("huge.html", "too large")]


def test_a_listing_pages_json_twin_is_that_page(page: Any, desk: dict[str, Any]) -> None:
    # An older page (or ?limit=, ?copies=all) named /api/articles, the first page, as its twin.
    page.goto(desk["url"] + "/category/Ports?limit=3")
    page.locator("nav.pager a[rel=next]").click()
    page.wait_for_url(re.compile(r"before="))
    cards = page.locator("article.card h3 a").evaluate_all("links => links.map(a => +a.href.split('/').pop())")
    twin = page.locator("link[rel=alternate][type='application/json']").get_attribute("href")
    assert [i["id"] for i in page.request.get(desk["url"] + twin).json()["items"]] == cards


def test_an_article_says_when_it_was_collected_in_utc(page: Any, desk: dict[str, Any]) -> None:
    # Published said "9 years ago (25 Dec 2016, 00:15 UTC)"; Collected only "12 minutes ago".
    page.goto(f"{desk['url']}/article/{desk['ids']['undated']}")
    collected = page.locator("dl.times div", has_text="Collected").locator("dd").inner_text()
    assert re.fullmatch(r"(just now|\d+ \w+ ago) \(\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC\)", collected), collected


def test_numbered_lists_page_both_ways_and_say_when_a_page_is_past_the_end(page: Any, desk: dict[str, Any]) -> None:
    # The entity, quote and event lists offered only "Next"; page 99 of the stories said "No stories
    # yet: stories form as articles are collected" on a store that has them.
    page.goto(desk["url"] + "/events?page=2")
    assert page.locator("nav.pager a[rel=prev]").get_attribute("href") == "/events?page=1"
    for path in ("/stories?page=99", "/entities?page=99"):
        page.goto(desk["url"] + path)
        empty = page.locator("p.empty").inner_text()
        assert "page 99" in empty and "yet" not in empty, (path, empty)
        page.locator("p.empty a", has_text="First page").click()
        page.wait_for_url(re.compile(r"/(stories|entities)$"))
    assert page.locator("p.empty").count() == 0 or "yet" in page.locator("p.empty").inner_text()



def test_the_sources_page_shows_when_a_failing_source_is_tried_again(page: Any, desk: dict[str, Any]) -> None:
    # The README promises sources "with their last fetch and back-off"; the page had no back-off.
    page.goto(desk["url"] + "/sources")
    row = page.locator("tr", has_text="feeds.example")
    headers = page.locator("thead th").all_inner_texts()
    cell = row.locator("td").nth(headers.index("Next fetch"))
    assert re.fullmatch(r"in \d+ years", cell.inner_text()), cell.inner_text()
    assert cell.locator("time").get_attribute("title") == "1 Jan 2099, 00:00 UTC"



def test_an_annotated_article_in_another_language_says_why_nothing_is_marked(page: Any, desk: dict[str, Any]) -> None:
    # "0 entity mentions · 0 quotes" over a German text read as "nobody in it": neither is read in German.
    page.goto(f"{desk['url']}/entities/in/{desk['ids']['german']}")
    assert "Entities are marked in English and French articles" in page.locator("p.note").inner_text()
    assert page.locator("div.annotated.body").get_attribute("lang") == "de"
    # French: its names (F5) and quotes (F6) are read, so "0 quotes" means none, as in English
    page.goto(f"{desk['url']}/entities/in/{desk['ids']['french']}")
    assert page.locator("p.note").count() == 0
    page.goto(f"{desk['url']}/entities/in/{desk['ids']['undated']}")
    assert page.locator("p.note").count() == 0


def test_filters_from_a_link_are_shown_and_clear_to_the_same_page(page: Any, desk: dict[str, Any]) -> None:
    # /?since=... listed fewer articles with no word of a filter (the front page's form has no dates);
    # a category page's "Clear" led to the front page, and it "showed" its own category as a filter.
    page.goto(desk["url"] + "/?since=2026-03-04")
    assert page.locator("p.active-filters .chip").all_inner_texts() == ["since: 2026-03-04"]
    page.locator("p.active-filters a", has_text="Clear").click()
    page.wait_for_url(re.compile(r"/$"))
    page.goto(desk["url"] + "/category/Ports")
    assert page.locator("p.active-filters").count() == 0
    page.goto(desk["url"] + "/category/Ports?until=2026-03-02")
    assert page.locator("p.active-filters .chip").all_inner_texts() == ["until: 2026-03-02"]
    assert page.locator("article.card").count() == 3
    page.locator("p.active-filters a", has_text="Clear").click()
    page.wait_for_url(re.compile(r"/category/Ports$"))



@pytest.mark.parametrize("path", ["/", "/search?q=harbour"])
def test_a_long_source_name_does_not_widen_the_page_at_phone_width(browser: Any, desk: dict[str, Any],
                                                                     path: str) -> None:
    # The source select grew to its longest option, 652 px on a 390 px phone: the page scrolled sideways.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(desk["url"] + path)
    assert page.locator(f"select[name=site] option[value='{LONG_SITE}']").count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 391, f"{path} is {width}px wide at phone width"
