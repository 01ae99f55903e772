"""What a reader meets around speakers and mentions (session 17, A8, issue 5).

1. A quote whose speaker the text writes "The senator" is filed under the person P3 resolved it to,
   so `quotes --speaker "the senator"`, /api/quotes?speaker= and the desk's /quotes form found
   nothing: the phrase is only speaker_text. Searching the written form finds them, and says which
   quotes matched by it; a name still finds them by name.
2. A writer named only by the page's heading or byline (L2) is a mention at 0-0 flagged heading in
   the analysis record, but the store's mention rows dropped the flag: /api/entities/in/{id} and
   the pages listed 0-0 with nothing saying why. Migration 038 stores it.
Real annotator, real SQLite store, real uvicorn on a loopback port, the real CLI, Debian chromium."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, get_json, serve_desk
from newsdesk.cli import main
from newsdesk.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_text  # noqa: E402

NEWS = {
    "senator": "Vermont Sen. Bernie Sanders spoke in Iowa on Monday. The senator said the plan would fail in the end.",
    "named": "“We will vote against the bill on Friday,” Bernie Sanders said in Ohio on Tuesday.",
    "zarif": "Iran's Foreign Minister Mohammad Javad Zarif arrived in Vienna on Monday. The foreign minister said"
             " the talks would go on for a week.",
    "lavrov": "Foreign Minister Sergei Lavrov of Russia met his counterpart in Geneva. The minister said no deal"
              " was near.",
    "hawking": "Stephen Hawking said the universe was far larger than anyone had thought.",
    "officials": "Health officials said the clinic in Leeds would close in March.",
}
STATEMENT = ("With permission, Mr Speaker, I would like to make a statement about the reform of the prison "
             "service.\n\nThe governors have led the work in London. I believe that the reforms will help every "
             "prison. We will publish the new rules in the spring.")
GOVUK: dict[str, Any] = {"authors": ("Prime Minister's Office",), "title": "PM's statement on prison reform",
                         "excerpt": "Prime Minister David Cameron gave a statement to Parliament on prison reform."}


def _store(db: Path) -> dict[str, int]:
    store = open_store(db)
    ids = {}
    pages = {key: (text, {"title": f"Story {key}"}) for key, text in NEWS.items()} | {"govuk": (STATEMENT, GOVUK)}
    for i, (key, (text, fields)) in enumerate(pages.items()):
        ids[key] = store_text(store, text, key, url=f"https://news.example/{key}",
                              published=f"2026-01-{i + 1:02d}T09:00:00+00:00", **fields)
    store.close()
    return ids


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("a8") / "desk.db"
    ids = _store(db)
    yield from serve_desk(db, ids=ids)


def _said(quotes: list[dict[str, Any]]) -> dict[str, tuple[str, str | None, bool, bool]]:
    """The first words said -> (speaker, speaker as written, found by the written form, by the role)."""
    return {" ".join(q["text"].split()[:3]): (q["speaker"], q["speaker_text"], q["written_match"], q["role_match"])
            for q in quotes}


def test_the_api_finds_a_speaker_by_the_phrase_the_text_writes(desk: dict[str, Any]) -> None:
    found = get_json(desk, "/api/quotes", speaker="the senator")
    assert _said(found["quotes"]) == {"the plan would": ("Bernie Sanders", "The senator", True, False)}
    assert [(s["name"], s["quotes"]) for s in found["speakers"]] == [("Bernie Sanders", 1)]
    # which foreign ministers spoke: the phrase's words in a row, a leading article aside, in the
    # speaker as written or in the role the text gives them ("Foreign Minister Sergei Lavrov")
    assert _said(get_json(desk, "/api/quotes", speaker="Foreign Minister")["quotes"]) == {
        "the talks would": ("Mohammad Javad Zarif", "The foreign minister", True, False),
        "no deal was": ("Sergei Lavrov", "The minister", False, True)}
    ministers = get_json(desk, "/api/quotes", speaker="minister")
    # the statement's writer, by his heading's role, "Prime Minister"
    assert {s["name"] for s in ministers["speakers"]} == {"Mohammad Javad Zarif", "Sergei Lavrov", "David Cameron"}
    assert {(q["speaker"], q["written_match"], q["role_match"]) for q in ministers["quotes"]} == {
        ("Mohammad Javad Zarif", True, False), ("Sergei Lavrov", True, False), ("David Cameron", False, True)}


def test_a_name_still_finds_the_quotes_by_name(desk: dict[str, Any]) -> None:
    by_name = _said(get_json(desk, "/api/quotes", speaker="Bernie Sanders")["quotes"])
    assert by_name == {"the plan would": ("Bernie Sanders", "The senator", False, False),
                       "We will vote": ("Bernie Sanders", "Bernie Sanders", False, False)}
    assert _said(get_json(desk, "/api/quotes", speaker="the president")["quotes"]) == {}


def test_a_phrase_no_entity_has_finds_its_words_not_its_letters(desk: dict[str, Any]) -> None:
    """An unresolved speaker was matched by LIKE '%phrase%': 'he' found Stephen Hawking's quote
    ('Stephen'), and 'the health officials' not the quote of 'Health officials'."""
    assert _said(get_json(desk, "/api/quotes", speaker="he")["quotes"]) == {}
    found = {"the clinic in": ("Health officials", "Health officials", False, False)}
    assert _said(get_json(desk, "/api/quotes", speaker="the health officials")["quotes"]) == found
    assert _said(get_json(desk, "/api/quotes", speaker="officials")["quotes"]) == found


def test_the_quotes_command_finds_and_marks_the_written_form(desk: dict[str, Any]) -> None:
    out = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--speaker", "the senator"])
    assert out.exit_code == 0, out.output
    [line] = out.output.splitlines()
    assert "Bernie Sanders (found as written “The senator”): “the plan would fail in the end”" in line
    rows = json.loads(CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--speaker", "the senator",
                                                "--json"]).output)
    api = get_json(desk, "/api/quotes", speaker="the senator")["quotes"]
    assert [(r["id"], r["written_match"]) for r in rows] == [(q["id"], q["written_match"]) for q in api]
    named = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--speaker", "Bernie Sanders"]).output
    assert "found as written" not in named and "(written “The senator”)" in named
    ministers = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--speaker", "foreign minister"]).output
    assert sorted(x.split("  ", 1)[1].split(":")[0] for x in ministers.splitlines()) == [
        "Mohammad Javad Zarif (found as written “The foreign minister”)",
        "Sergei Lavrov (found by the role “Foreign Minister”)"]


def test_the_quotes_command_says_who_is_quoted_most_as_the_api_does(desk: dict[str, Any]) -> None:
    """The desk and /api/quotes say who is quoted most among the quotes found; the command did not."""
    for params in ({"speaker": "minister"}, {"about": "talks"}, {}):
        args = [x for k, v in params.items() for x in (f"--{k}", v)]
        out = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), *args, "--speakers", "--json"])
        assert out.exit_code == 0, out.output
        assert json.loads(out.output) == get_json(desk, "/api/quotes", **params)["speakers"], params
    lines = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--speaker", "minister", "--speakers"]).output
    [zarif] = [q["speaker_id"] for q in get_json(desk, "/api/quotes", speaker="foreign minister")["quotes"]
               if q["speaker"] == "Mohammad Javad Zarif"]
    assert f"    1  Mohammad Javad Zarif (id {zarif})" in lines.splitlines()


def _cameron(desk: dict[str, Any]) -> dict[str, Any]:
    [m] = [m for m in get_json(desk, f"/api/entities/in/{desk['ids']['govuk']}")["entities"] if m["name"] == "David Cameron"]
    return m


def test_a_writer_named_by_the_heading_is_flagged_in_the_api(desk: dict[str, Any]) -> None:
    annotations = get_json(desk, f"/api/entities/in/{desk['ids']['govuk']}")
    writer = _cameron(desk)
    assert (writer["start"], writer["end"], writer["heading"]) == (0, 0, True), writer
    others = [m for m in annotations["entities"] if m["name"] != "David Cameron"]
    assert others and not any(m["heading"] for m in others)
    assert all(STATEMENT[m["start"]:m["end"]] == m["text"] for m in others)
    page = get_json(desk, f"/api/entities/{writer['entity_id']}")
    assert [(a["id"], a["heading"]) for a in page["articles"]] == [(desk["ids"]["govuk"], True)]
    spec = get_json(desk, "/api/openapi.json")["components"]["schemas"]
    assert set(writer) <= set(spec["Mention"]["properties"]), set(writer) - set(spec["Mention"]["properties"])
    assert "heading" in spec["EntityDetail"]["properties"]["articles"]["items"]["properties"]
    for q in get_json(desk, "/api/quotes", speaker="the senator")["quotes"]:
        assert set(q) <= set(spec["Quote"]["properties"]), set(q) - set(spec["Quote"]["properties"])


def test_entities_show_lists_the_articles_and_says_named_in_the_heading(desk: dict[str, Any]) -> None:
    """The entity page listed a heading writer's articles; `entities show` listed none."""
    writer = _cameron(desk)
    out = CliRunner().invoke(main, ["entities", "show", str(writer["entity_id"]), "--db", str(desk["db"])])
    assert out.exit_code == 0, out.output
    [line] = [x for x in out.output.splitlines() if x.startswith("article: ")]
    assert line.endswith(f"PM's statement on prison reform (id {desk['ids']['govuk']}; named in the heading/byline)")
    sanders = CliRunner().invoke(main, ["entities", "show", "Bernie Sanders", "--db", str(desk["db"])]).output
    assert sorted(x.split("  ", 1)[1] for x in sanders.splitlines() if x.startswith("article: ")) == [
        f"Story named (id {desk['ids']['named']})", f"Story senator (id {desk['ids']['senator']})"]


def test_migration_038_flags_the_heading_mentions_stored_before_it(tmp_path: Path) -> None:
    ids = _store(tmp_path / "old.db")
    conn = sqlite3.connect(tmp_path / "old.db")
    # the store as 037 left it: no heading column, the writer's mention at 0-0
    conn.executescript("ALTER TABLE entity_mentions DROP COLUMN heading;"
                       " DELETE FROM schema_migrations WHERE name LIKE '038_%'; PRAGMA user_version = 37;")
    conn.close()
    store = open_store(tmp_path / "old.db")
    try:
        mentions, _ = store.article_annotations(ids["govuk"])
        assert [m["name"] for m in mentions if m["heading"]] == ["David Cameron"], mentions
        assert sum(m["heading"] for m in store.article_annotations(ids["senator"])[0]) == 0
    finally:
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


def test_the_quotes_form_finds_the_written_form_and_says_so(desk: dict[str, Any], browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(desk["url"] + "/quotes")
        page.fill("#quote-speaker", "the senator")
        page.locator("form.filters").get_by_role("button", name="Search").click()
        page.wait_for_load_state()
        items = page.locator("ul.quotes li.quote")
        assert items.count() == 1
        assert items.first.locator(".speaker a").inner_text() == "Bernie Sanders"
        assert items.first.locator(".written-match").inner_text() == "(found as written “The senator”)"
        page.goto(desk["url"] + "/quotes?speaker=Bernie+Sanders")
        assert page.locator("ul.quotes li.quote").count() == 2 and page.locator(".written-match").count() == 0
        page.goto(desk["url"] + "/quotes?speaker=foreign+minister")
        by_role = page.locator("ul.quotes li.quote", has_text="no deal was near")
        assert by_role.locator(".speaker").inner_text() == "Sergei Lavrov, Foreign Minister (found by the role)"
    finally:
        page.close()


def test_the_pages_say_named_in_the_heading(desk: dict[str, Any], browser: Any) -> None:
    writer = _cameron(desk)
    page = browser.new_page()
    try:
        page.goto(f"{desk['url']}/entities/in/{desk['ids']['govuk']}")
        note = page.locator(".named-in-heading")
        assert "Named in the heading/byline" in note.inner_text()
        assert note.locator("a").inner_text() == "David Cameron"
        assert note.locator("a").get_attribute("href") == f"/entities/{writer['entity_id']}"
        assert "Prime Minister" in note.inner_text()
        # nothing in the text is marked as him: the heading's name is no place in it
        assert page.locator(f'.annotated.body a.ent[href="/entities/{writer["entity_id"]}"]').count() == 0
        page.goto(f"{desk['url']}/entities/{writer['entity_id']}")
        [item] = page.locator("ul.articles li").all()
        assert item.locator(".heading-only").inner_text() == "named in the heading/byline"
        page.goto(f"{desk['url']}/entities/in/{desk['ids']['senator']}")
        assert page.locator(".named-in-heading").count() == 0
    finally:
        page.close()
