"""What an analyst walking the desk met in session 19 (U2): `newsdesk search --json` gave no total,
"everything about Iran between two dates" could not be exported (the export took no query nor dates),
/stats did not say when its cached counts were made, and a screen reader heard a chart's title only.
Real SQLite store, real uvicorn on a loopback port, the real CLI and Debian chromium."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, get_json, running_server, serve_desk
from newsdesk.cli import main
from newsdesk.store import open_store

from .analyst_walk_helpers import ARTICLES, FRENCH, GV, store_walk


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("u2") / "desk.db"
    with open_store(db) as store:
        ids = store_walk(store)
    yield from serve_desk(db, ids=ids, tmp=db.parent)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


def _cli(desk: dict[str, Any], *args: str) -> Any:
    out = CliRunner().invoke(main, [*args, "--db", str(desk["db"])], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out


def test_search_json_carries_the_total_the_api_gives(desk: dict[str, Any]) -> None:
    # `newsdesk search --json` printed a bare list: the total was only the text output's last line.
    api = get_json(desk, "/api/search", q="iran", limit=2)
    found = json.loads(_cli(desk, "search", "iran", "--limit", "2", "--json").stdout)
    assert isinstance(found, dict), found
    assert (found["total"], found["total_exact"], found["total_label"]) == (api["total"], True, api["total_label"])
    assert found["total"] == 5  # six Iran articles, the syndicated copy folded
    assert [h["id"] for h in found["items"]] == [i["id"] for i in api["items"]]
    none = json.loads(_cli(desk, "search", "zeppelin", "--json").stdout)
    assert (none["items"], none["total"], none["total_label"]) == ([], 0, "0 results")


PERIOD = ("--query", "iran", "--since", "2026-11-01", "--until", "2026-11-30")


def test_export_writes_what_a_search_finds_between_two_days(desk: dict[str, Any]) -> None:
    # The export took no query nor dates: "everything about Iran in November" was the whole store.
    want = {desk["ids"][n] for n in ("1", "2", "3")}  # the copy too: an export is of every stored record
    jsonl = _cli(desk, "export", *PERIOD).stdout
    assert {int(json.loads(line)["id"]) for line in jsonl.splitlines()} == want  # JSONL ids are integers too (W16)
    rows = list(csv.DictReader(io.StringIO(_cli(desk, "export", *PERIOD, "--format", "csv").stdout)))
    assert {int(r["id"]) for r in rows} == want
    parquet = desk["tmp"] / "iran.parquet"
    _cli(desk, "export", *PERIOD, "--format", "parquet", "-o", str(parquet))
    import pyarrow.parquet as pq

    assert set(pq.read_table(parquet).column("id").to_pylist()) == want
    events = _cli(desk, "export", *PERIOD, "--format", "gdelt-events").stdout.splitlines()
    header = events[0].split("\t")
    assert [int(line.split("\t")[header.index("NDArticleId")]) for line in events[1:]] == [desk["ids"]["1"]]
    everything = _cli(desk, "export").stdout.splitlines()
    assert len(everything) == len(ARTICLES) + 3  # no selection: the whole store, as before


def test_export_by_dates_alone_and_refuses_a_day_that_does_not_exist(desk: dict[str, Any]) -> None:
    out = _cli(desk, "export", "--since", "2026-12-01")
    assert [int(json.loads(line)["id"]) for line in out.stdout.splitlines()] == [desk["ids"]["4"]]
    bad = CliRunner().invoke(main, ["export", "--db", str(desk["db"]), "--since", "2026-11-31"])
    assert bad.exit_code == 2 and "2026-11-31" in bad.output


def test_stats_say_when_they_were_counted(desk: dict[str, Any]) -> None:
    # /stats is cached 30 s (and an expired count is shown once more while it is recounted): the
    # page said "Counts refresh every 30 seconds", never how old the counts in front of you were.
    data = get_json(desk, "/api/stats")
    counted = datetime.fromisoformat(data["counted_at"])
    assert counted.tzinfo is not None and abs((datetime.now(counted.tzinfo) - counted).total_seconds()) < 120
    html = httpx.get(desk["url"] + "/stats", timeout=60).text
    assert re.search(r'<p class="meta counted">[^<]*Counted <time class="when" datetime="'
                     + re.escape(data["counted_at"]), html), html[-800:]


def test_a_chart_has_a_text_alternative(desk: dict[str, Any], browser: Any) -> None:
    # The bar chart is role=img: a screen reader reads its label alone, which was its title
    # ("Articles per day, ..."), never a figure; the bars' counts showed only on hover.
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(desk["url"] + "/stats")
    chart = page.get_by_role("img", name=re.compile(r"^Articles per day"))
    label = chart.get_attribute("aria-label") or ""
    assert label.endswith(f": {len(ARTICLES) + 3} in all; most 2 on 2026-10-20"), label
    table = page.locator("details.chart-data").first
    table.locator("summary").click()
    figures = dict(zip(table.locator("th").all_inner_texts(), table.locator("td").all_inner_texts(), strict=True))
    days: dict[str, int] = {}
    for day in [a[0] for a in ARTICLES] + [FRENCH[0], GV[0], GV[0]]:
        days[day] = days.get(day, 0) + 1
    assert figures == {day: str(n) for day, n in days.items()}, figures
    page.context.close()


@pytest.mark.parametrize("query", ["NOT iran", "-iran"])
def test_a_query_of_words_left_out_is_told_how_to_write_one(desk: dict[str, Any], browser: Any, query: str) -> None:
    # "NOT iran" was told "To leave a word out, put NOT between words: NOT NOT iran", and "-iran"
    # "iran NOT word": both the opposite of what was meant. The syntax needs a word to find first.
    page = browser.new_context(viewport={"width": 390, "height": 900}).new_page()
    page.goto(desk["url"] + "/search?" + httpx.QueryParams({"q": query}).__str__())
    note = page.locator("p.note").inner_text()
    assert note.endswith("To leave a word out, put NOT between words: word NOT iran."), note
    page.context.close()
    out = CliRunner().invoke(main, ["search", query, "--db", str(desk["db"])])
    assert "(to leave a word out: word NOT iran)" in out.output, out.output
    assert "to leave a word out: iran NOT vote" in CliRunner().invoke(
        main, ["search", "iran -vote", "--db", str(desk["db"])]).output


def _entries(desk: dict[str, Any], path: str) -> list[int]:
    response = httpx.get(desk["url"] + path, timeout=60)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    return [int(i) for i in re.findall(r"<id>tag:newsdesk,2026:/article/(\d+)</id>", response.text)]


def test_a_followed_search_feeds_its_newest_matches(desk: dict[str, Any]) -> None:
    # The search feed was sorted by relevance: a reader following "iran" got the best matches of
    # all time (the October article saying Iran six times first), never the article that came in today.
    newest = [i["id"] for i in get_json(desk, "/api/search", q="iran", sort="date")["items"]]
    assert _entries(desk, "/search/feed.atom?q=iran") == newest
    assert newest[0] == desk["ids"]["4"]
    best = [i["id"] for i in get_json(desk, "/api/search", q="iran")["items"]]
    assert _entries(desk, "/search/feed.atom?q=iran&sort=relevance") == best != newest


def test_an_entity_can_be_followed_as_a_feed(desk: dict[str, Any], browser: Any) -> None:
    # An entity page had no feed: following a person or a country meant searching for its name.
    ids = desk["ids"]
    assert _entries(desk, f"/entities/{ids['iran']}/feed.atom") == [ids[n] for n in ("4", "3", "1", "0")]  # copy folded
    assert httpx.get(desk["url"] + "/entities/999999/feed.atom", timeout=60).status_code == 404
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(desk["url"] + f"/entities/{ids['iran']}")
    link = page.locator('link[rel="alternate"][type="application/atom+xml"]').last
    assert link.get_attribute("href") == f"/entities/{ids['iran']}/feed.atom"
    page.get_by_role("link", name="Atom feed").click()
    assert page.url.endswith(f"/entities/{ids['iran']}/feed.atom")
    page.context.close()


def test_a_page_judged_not_an_article_says_why_where_it_is_asked_for(desk: dict[str, Any], browser: Any) -> None:
    # /article/N of a stored page judged not an article said "no article N", and `newsdesk show N`
    # printed it as if it were one: the reason was only on /not-articles.
    farm = desk["ids"]["farm"]
    answer = httpx.get(desk["url"] + f"/api/articles/{farm}", timeout=60)
    assert answer.status_code == 404
    assert answer.json()["error"]["message"].startswith(f"{farm} is a stored page judged not an article: link farm")
    page = browser.new_context(viewport={"width": 390, "height": 900}).new_page()
    response = page.goto(desk["url"] + f"/article/{farm}")
    assert response is not None and response.status == 404
    assert "judged not an article: link farm" in page.get_by_role("alert").inner_text()
    page.context.close()
    shown = _cli(desk, "show", str(farm)).output.splitlines()
    assert shown[0].startswith("stored page judged not an article: link farm"), shown
    assert "no article 999999" in httpx.get(desk["url"] + "/api/articles/999999", timeout=60).text


def test_the_command_to_reprocess_is_not_cut_on_a_phone(desk: dict[str, Any], browser: Any) -> None:
    # The to-reprocess tile was one 150 px stats tile: its command wrapped as "newsdesk reprocess --" / "stale".
    assert get_json(desk, "/api/stats")["to_reprocess"]["articles"] == 1
    for width in (390, 1280):
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        page.goto(desk["url"] + "/stats")
        code = page.locator("li.to-reprocess code")
        assert code.inner_text() == "newsdesk reprocess --stale"
        lines = code.evaluate("c => { const r = document.createRange(); r.selectNodeContents(c);"
                              " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")
        assert lines == 1, (width, lines)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.context.close()


def test_a_story_counts_its_sources_as_its_copies_are_counted(desk: dict[str, Any], browser: Any) -> None:
    # Two copies of one text on one site with no site name were "2 articles from 2 sources" (the
    # story counted each article with no site name as a source), while the desk's "also published
    # by" counts sources by site name, else URL host: one source here.
    story = CliRunner().invoke(main, ["story", str(_story_of(desk, desk["ids"]["gv0"])), "--db", str(desk["db"])])
    assert "(2 articles, 1 source, " in story.output, story.output
    listed = {s["id"]: s for s in get_json(desk, "/api/stories", limit=100)["stories"]}
    assert listed[_story_of(desk, desk["ids"]["gv0"])]["sources"] == 1
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(desk["url"] + f"/stories/{_story_of(desk, desk['ids']['gv0'])}")
    assert "2 articles from 1 source" in page.locator("main").inner_text()
    page.context.close()
    syndicated = _story_of(desk, desk["ids"]["1"])  # the Iran text on Gulf Wire and Harbour Post: two sources
    assert listed[syndicated]["sources"] == 2


def _story_of(desk: dict[str, Any], article_id: int) -> int:
    with open_store(desk["db"], readonly=True) as store:
        return int(store.story_of(article_id))


def test_the_stats_schema_describes_the_stats_answer(desk: dict[str, Any]) -> None:
    # The OpenAPI document gave /api/stats the schema {"type": "object"}: nothing of its fields.
    jsonschema = pytest.importorskip("jsonschema")
    spec = get_json(desk, "/api/openapi.json")
    schema = spec["components"]["schemas"]["Stats"]
    answer = get_json(desk, "/api/stats")
    assert set(schema.get("required", [])) == set(answer), sorted(set(answer) ^ set(schema.get("required", [])))
    jsonschema.validate(answer, schema)


def test_the_goldstein_chart_lets_a_screen_reader_reach_its_points(desk: dict[str, Any], browser: Any) -> None:
    # The pair page's chart was role=img: its children are presentational, so a screen reader met
    # only its title, neither the points' figures nor their links to each day's sentences.
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(desk["url"] + "/pair/IRN-OMN")
    chart = page.get_by_role("group", name=re.compile(r"^Goldstein score of IRN.OMN events per day: 3 days,"))
    assert chart.count() == 1
    points = chart.get_by_role("link", name=re.compile(r"mean Goldstein \+1\.0, 1 events"))
    assert points.count() == 3
    points.first.click()
    assert page.url.endswith("#day-2026-10-28")
    page.context.close()


def test_the_story_command_lists_the_syndicated_copies(desk: dict[str, Any]) -> None:
    # `newsdesk story` said "2 articles" and printed one line: the copy was only on the web page.
    gv0, gv1 = desk["ids"]["gv0"], desk["ids"]["gv1"]
    story = get_json(desk, f"/api/stories/{_story_of(desk, gv0)}")
    copies = [c["id"] for g in story["groups"] for c in g["copies"]]
    assert len(copies) == 1 and copies[0] in (gv0, gv1)
    out = _cli(desk, "story", str(_story_of(desk, gv0))).output
    copy_line = [line for line in out.splitlines() if line.strip().startswith("copy ")]
    assert copy_line == [f"    copy {copies[0]}: 2026-10-20T10:00:00+00:00  -  http://globalvoices.example/"
                         + ("2026/10/20/bill/" if copies[0] == gv0 else "gv/index_1.html")], out


def test_an_empty_store_says_so_in_every_listing_command(tmp_path: Any) -> None:
    # On a new store `newsdesk stories` and `newsdesk sources` printed nothing at all (as if they had
    # not run) and `stats` a bare "languages: ", where quotes, events and search say "no ... match".
    db = tmp_path / "empty.db"
    open_store(db).close()

    def run(*args: str) -> str:
        out = CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)
        assert out.exit_code == 0, out.output
        return str(out.output)
    assert run("stories") == "no stories yet\n"
    assert run("stories", "--min-articles", "2") == "no stories match\n"
    assert run("sources") == "no sources yet: `newsdesk ingest SOURCE` adds one\n"
    assert "languages: none yet\n" in run("stats")


def test_an_empty_desk_shows_no_empty_rail(tmp_path: Any, browser: Any) -> None:
    # The front page of a new store said "No articles here yet" beside a "Recent posts" heading over nothing.
    db = tmp_path / "empty.db"
    open_store(db).close()
    with running_server(db) as url:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(url + "/")
        assert "No articles here yet" in page.locator("main").inner_text()
        assert page.get_by_role("heading", name="Recent posts").count() == 0
        page.context.close()


@pytest.mark.parametrize("path", ["/search?q=iran&limit=2&page=2", "/stories?limit=1&page=2", "/entities?limit=1&page=2",
                                  "/quotes?limit=1&page=2"])
def test_a_second_page_links_its_own_json(desk: dict[str, Any], browser: Any, path: str) -> None:
    # "This page as JSON" on page 2 of a search, the stories, entities or quotes led to page 1's JSON.
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(desk["url"] + path)
    twin = page.get_by_role("link", name="This page as JSON").get_attribute("href") or ""
    page.context.close()
    assert "page=2" in twin, twin
    assert httpx.get(desk["url"] + twin, timeout=60).json()["page"] == 2
