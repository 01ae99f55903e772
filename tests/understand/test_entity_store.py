"""Stored entities across articles, merge/split decisions, the CLI and the web pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from entity_helpers import annotate, store_texts
from starlette.testclient import TestClient

from newsdesk.errors import NotFound
from newsdesk.settings import Settings

TEXTS = [
    "Iran's foreign minister Abbas Araghchi said on Monday that talks with the United States would continue. "
    "“We are ready for a fair deal,” he said.",
    "Foreign Minister Abbas Araqchi told reporters in Muscat that Iran would never give up its missiles. "
    "Officials in the U.S. said they were disappointed.",
    "Hillary Clinton said she would win the state. Bill Clinton said that the campaign was ready.",
]


@pytest.fixture
def stored(tmp_path: Path):  # type: ignore[no-untyped-def]
    store, ids = store_texts(tmp_path / "desk.db", TEXTS)
    yield store, ids, tmp_path / "desk.db"
    store.close()


def test_spelling_variants_and_country_names_join_across_articles(stored) -> None:  # type: ignore[no-untyped-def]
    store, _, _ = stored
    d = store.entity_detail("Araqchi")
    assert {"Abbas Araghchi", "Abbas Araqchi"} <= set(d["aliases"])
    assert d["mentions"] >= 2 and len(d["articles"]) == 2
    assert any("foreign minister" in r["role"].lower() for r in d["roles"])
    us = store.entity_detail("U.S.")
    assert us["name"] == "United States" and us["country"] == "USA" and len(us["articles"]) == 2


def test_people_with_one_surname_stay_apart(stored) -> None:  # type: ignore[no-untyped-def]
    store, _, _ = stored
    assert store.entity_row("Hillary Clinton")["id"] != store.entity_row("Bill Clinton")["id"]


def test_quote_search_by_speaker_alias_and_words(stored) -> None:  # type: ignore[no-untyped-def]
    store, _, _ = stored
    found = store.search_quotes(speaker="Araghchi", about="missiles")
    assert len(found) == 1 and "never give up its missiles" in found[0]["text"]
    assert store.search_quotes(speaker="Araghchi", about="bananas") == []
    assert len(store.search_quotes(speaker="Abbas Araqchi")) >= 3


def test_merge_and_split_survive_a_rebuild(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids, _ = stored
    store.merge_entities("Hillary Clinton", "Bill Clinton")
    with pytest.raises(NotFound):
        store.entity_row("nonexistent person")
    merged = store.entity_row("Bill Clinton")["id"]
    assert merged == store.entity_row("Hillary Clinton")["id"]
    # what `newsdesk reprocess` does: the article is annotated again and the hook rebuilds its rows
    store.after_store_entities(ids[2], annotate(TEXTS[2], published="2026-01-03T09:00:00+00:00"))
    assert store.entity_row("Bill Clinton")["id"] == merged
    store.split_entity("Hillary Clinton", "Bill Clinton")
    store.after_store_entities(ids[2], annotate(TEXTS[2], published="2026-01-03T09:00:00+00:00"))
    assert store.entity_row("Bill Clinton")["id"] != store.entity_row("Hillary Clinton")["id"]
    # the later decision about an alias replaces the earlier one
    assert [(d["key"], d["action"]) for d in store.entity_decisions()] == [("bill clinton", "split")]


def test_cli_lists_entities_and_quotes(stored) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.cli import main

    _, _, db = stored
    runner = CliRunner()
    res = runner.invoke(main, ["entities", "--db", str(db), "--type", "person"])
    assert res.exit_code == 0, res.output
    assert "Abbas Araghchi" in res.output and "Muscat" not in res.output
    res = runner.invoke(main, ["quotes", "--db", str(db), "--speaker", "Araqchi", "--about", "fair deal"])
    assert res.exit_code == 0 and "We are ready for a fair deal" in res.output
    res = runner.invoke(main, ["entities", "merge", "Hillary Clinton", "Bill Clinton", "--db", str(db)])
    assert res.exit_code == 0 and "merged" in res.output


def test_web_pages_and_api(stored) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.web.app import create_app

    store, _, db = stored
    eid = store.entity_row("Araqchi")["id"]
    client = TestClient(create_app(db, Settings(db=str(db))))
    page = client.get(f"/entities/{eid}")
    assert page.status_code == 200
    assert "Abbas Araghchi" in page.text and "<svg" in page.text and "fair deal" in page.text
    api = client.get(f"/api/entities/{eid}").json()
    assert api["id"] == eid and api["quotes"]
    listing = client.get("/api/entities", params={"type": "GPE"}).json()
    assert listing["entities"] and all(e["type"] == "GPE" for e in listing["entities"])
    quotes = client.get("/api/quotes", params={"speaker": "Araghchi", "about": "missiles"}).json()
    assert len(quotes["quotes"]) == 1
    assert client.get("/quotes", params={"speaker": "Araghchi"}).status_code == 200
    assert client.get("/api/entities", params={"type": "NOPE"}).status_code == 400
    assert client.get("/entities/999999").status_code == 404


def test_article_text_with_entities_and_quotes_highlighted(stored) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.web.app import create_app

    store, ids, db = stored
    client = TestClient(create_app(db, Settings(db=str(db))))
    page = client.get(f"/entities/in/{ids[0]}")
    assert page.status_code == 200
    eid = store.entity_row("Araqchi")["id"]
    assert f'href="/entities/{eid}"' in page.text and 'class="quote quote-direct"' in page.text
    api = client.get(f"/api/entities/in/{ids[0]}").json()
    assert {m["name"] for m in api["entities"]} >= {"Abbas Araghchi", "Iran", "United States"}


def test_highlight_escapes_article_text_and_survives_overlaps() -> None:
    from newsdesk.web.routes_entities import highlight

    text = "Evil <script>alert(1)</script> said Ann Lee.\n\nMore."
    html = str(highlight(text, [{"start": 37, "end": 44, "type": "PERSON", "entity_id": 3}],
                         [{"start": 0, "end": 40, "kind": "indirect", "speaker": "Ann \"Lee\""}]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<a ") == 2 and html.count("</a>") == 2  # the name split at the quote's edge
    assert "</p><p>" in html
