"""A page's writer named only by its heading or byline is a PERSON entity of the article, so the
quotes the page's own "I" and "we" give them link to a person (session 16, L2). On a corpus store
David Cameron's 20 GOV.UK quotes, Theresa May's 15, Elizabeth Truss's and Andrea Leadsom's had no
entity: no entity page listed them. Real annotator, real SQLite store, real uvicorn, real CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from entity_helpers import annotate, store_text

from desk_server import get_json, serve_desk
from newsdesk.cli import main
from newsdesk.store import open_store

STATEMENT = ("With permission, Mr Speaker, I would like to make a statement about the reform of the prison "
             "service.\n\nThe governors have led the work. I believe that the reforms will help every prison. "
             "We have said that the new rules will be published in the spring.")
# (until session 25 the last sentence was "We will publish the new rules in the spring.": a plan, not
# a report of words, kept with the filter's P x the ranker's 0.525, under the speaker gate since 0.55)
GOVUK: dict[str, Any] = {"authors": ("Prime Minister's Office",), "title": "PM's statement on prison reform",
         "excerpt": "Prime Minister David Cameron gave a statement to Parliament on prison reform."}
NEWS = ("David Cameron said on Monday that the summit had been a success.\n\n"
        "The talks in London lasted two days, officials said.")


def test_the_heading_gives_the_writer_an_entity_with_the_role() -> None:
    article = annotate(STATEMENT, **GOVUK)
    assert {q.speaker for q in article.quotes} == {"David Cameron"}, article.quotes
    writers = [e for e in article.entities if e.canonical == "David Cameron"]
    assert len(writers) == 1, article.entities
    e = writers[0]
    assert (e.type, e.role) == ("PERSON", "Prime Minister")
    # the text never writes his name: a span of no characters, flagged as the heading's, so no offset
    # points at other words and every mention the text holds keeps text[start:end] == its text
    assert e.start == e.end == 0 and e.heading, e
    assert all(STATEMENT[m.start:m.end] == m.text for m in article.entities if not m.heading)


def test_a_name_the_text_writes_is_marked_where_it_stands() -> None:
    text = "Theresa May sends her best wishes to everyone.\n\n" + STATEMENT
    article = annotate(text, authors=("Home Office",), title="Statement on prison reform",
                       excerpt="Statement by The Rt Hon Theresa May MP, Home Secretary, on prison reform.")
    assert {q.speaker for q in article.quotes} >= {"Theresa May"}, article.quotes
    e = next(e for e in article.entities if e.canonical == "Theresa May")
    assert text[e.start:e.end] == "Theresa May" and e.type == "PERSON" and not e.heading, e


def test_a_byline_person_speaking_as_i_is_an_entity() -> None:
    article = annotate("I believe that the council has failed the town. I will say so at the meeting.",
                       authors=("Jane Whitfield",), title="Why I am standing")
    assert {q.speaker for q in article.quotes} == {"Jane Whitfield"}, article.quotes
    assert [(e.canonical, e.type) for e in article.entities] == [("Jane Whitfield", "PERSON")]


def test_no_entity_for_a_writer_none_of_whose_quotes_are_there() -> None:
    article = annotate("The council met on Monday. Officials said the budget was agreed.",
                       authors=("Jane Whitfield",), title="Council agrees budget")
    assert all(e.canonical != "Jane Whitfield" for e in article.entities), article.entities


def _store(db: Path) -> dict[str, int]:
    store = open_store(db)
    ids = {}
    pages: dict[str, tuple[str, dict[str, Any]]] = {"govuk": (STATEMENT, GOVUK), "news": (NEWS, {"title": "Summit ends"})}
    for key, (text, fields) in pages.items():
        ids[key] = store_text(store, text, key, url=f"https://news.example/{key}",
                              published="2016-05-12T09:00:00+00:00", **fields)
    store.close()
    return ids


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("l2writer") / "desk.db"
    ids = _store(db)
    yield from serve_desk(db, ids=ids)


def _cli(desk: dict[str, Any], *args: str) -> Any:
    out = CliRunner().invoke(main, [*args, "--db", str(desk["db"]), "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def _cameron(desk: dict[str, Any]) -> dict[str, Any]:
    rows = _cli(desk, "entities", "--type", "person", "--search", "Cameron")
    people = [r for r in rows if r["name"] == "David Cameron"]
    assert len(people) == 1, rows  # the heading's writer and the news story's David Cameron are one
    page: dict[str, Any] = get_json(desk, f"/api/entities/{people[0]['id']}")
    return page


def test_the_entity_page_lists_the_statements_quotes(desk: dict[str, Any]) -> None:
    page = _cameron(desk)
    quotes = page["quotes"]
    govuk = [q for q in quotes if q["article_id"] == desk["ids"]["govuk"]]
    assert len(govuk) == 3, quotes  # "I would like", "I believe", "We will publish"
    assert {q["speaker_role"] for q in govuk} == {"Prime Minister"}
    assert any(q["article_id"] == desk["ids"]["news"] for q in quotes), quotes  # the same person elsewhere
    assert "Prime Minister" in json.dumps(page.get("roles"))


def test_the_cli_lists_them_by_entity_as_the_api_does(desk: dict[str, Any]) -> None:
    page = _cameron(desk)
    rows = _cli(desk, "quotes", "--speaker-id", str(page["id"]), "--limit", "100")
    assert sorted(r["id"] for r in rows) == sorted(q["id"] for q in page["quotes"])
    assert sum(r["article_id"] == desk["ids"]["govuk"] for r in rows) == 3, rows  # the statement's, by the writer
    api = httpx.get(f"{desk['url']}/api/quotes", params={"speaker_id": page["id"], "limit": 100}, timeout=60)
    assert sorted(q["id"] for q in api.json()["quotes"]) == sorted(r["id"] for r in rows)
