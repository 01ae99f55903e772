"""A speaker the text names by a role noun ("The senator") is filed under the person it resolves to
(P3, issue 5), and the desk showed only the name: the API gave offsets, and no page or command said
the article wrote "The senator" (session 16, A7). Real annotator, real SQLite store, real uvicorn on
a loopback port, the real CLI and Debian chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, get_json, serve_desk
from newsdesk.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402

TEXTS = ["Vermont Sen. Bernie Sanders spoke in Iowa on Monday. The senator said the plan would fail in the end.",
         "“We will vote against the bill on Friday,” Bernie Sanders said in Ohio on Tuesday."]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("a7") / "desk.db"
    store, ids = store_texts(db, TEXTS)
    store.close()
    yield from serve_desk(db, ids=ids)


def _role_quote(quotes: list[dict[str, Any]]) -> dict[str, Any]:
    [q] = [q for q in quotes if "plan would fail" in q["text"]]
    return q


def test_every_quote_api_gives_the_speaker_as_written(desk: dict[str, Any]) -> None:
    found = _role_quote(get_json(desk, "/api/quotes", speaker="Bernie Sanders")["quotes"])
    assert (found["speaker"], found["speaker_text"]) == ("Bernie Sanders", "The senator")
    article = desk["ids"][0]
    for quotes in (get_json(desk, f"/api/entities/in/{article}")["quotes"], get_json(desk, f"/api/articles/{article}")["quotes"]):
        assert _role_quote(quotes)["speaker_text"] == "The senator"
    # a name written as the name it is filed under reads as that name
    [named] = [q for q in get_json(desk, "/api/quotes", speaker="Bernie Sanders")["quotes"] if "vote" in q["text"]]
    assert named["speaker_text"] == "Bernie Sanders"


def test_openapi_lists_every_field_a_quote_has(desk: dict[str, Any]) -> None:
    spec = get_json(desk, "/api/openapi.json")["components"]["schemas"]["Quote"]["properties"]
    for path in ("/api/quotes", f"/api/entities/in/{desk['ids'][0]}", f"/api/articles/{desk['ids'][0]}"):
        for q in get_json(desk, path)["quotes"]:
            assert set(q) <= set(spec), (path, set(q) - set(spec))


def test_the_quotes_command_says_how_the_text_named_the_speaker(desk: dict[str, Any]) -> None:
    out = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--speaker", "Bernie Sanders"])
    assert out.exit_code == 0, out.output
    [line] = [x for x in out.output.splitlines() if "plan would fail" in x]
    assert "Bernie Sanders (written “The senator”)" in line
    [named] = [x for x in out.output.splitlines() if "vote against" in x]
    assert "written" not in named
    # the cue, as the pages give it: a passive stance's "The study" said nothing without "was supported"
    assert "(indirect, “said”; Story 0)" in line and "(direct, “said”; Story 1)" in named
    shown = CliRunner().invoke(main, ["entities", "show", "Bernie Sanders", "--db", str(desk["db"])])
    assert "written “The senator”" in shown.output, shown.output


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


def test_quote_pages_say_how_the_text_named_the_speaker(desk: dict[str, Any], browser: Any) -> None:
    page = browser.new_page()
    try:
        sanders = get_json(desk, "/api/quotes", speaker="Bernie Sanders")["quotes"][0]["speaker_id"]
        for path in ("/quotes?speaker=Bernie+Sanders", f"/entities/in/{desk['ids'][0]}", f"/entities/{sanders}"):
            page.goto(desk["url"] + path)
            items = page.locator("li.quote", has_text="plan would fail")
            assert items.count() == 1, path
            assert items.first.locator(".as-written").inner_text() == "(written “The senator”)", path
            assert page.locator("li.quote", has_text="vote against").locator(".as-written").count() == 0
    finally:
        page.close()


def test_an_empty_quote_search_says_quotes_are_read_in_english_only(desk: dict[str, Any], browser: Any) -> None:
    """/quotes?about=française said only "No quotes found": French articles are searched (S20), but
    their quotes were never read, and nothing said so."""
    page = browser.new_page()
    try:
        page.goto(desk["url"] + "/quotes?about=fran%C3%A7aise")
        assert page.locator("p.empty").count() == 1
        assert "English and French articles only" in page.locator("p.empty .english-only").inner_text()
        page.goto(desk["url"] + "/quotes?speaker=Bernie+Sanders")
        assert page.locator(".english-only").count() == 0
    finally:
        page.close()
