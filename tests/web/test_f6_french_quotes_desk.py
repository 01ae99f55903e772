"""French quotes on the desk and the command line as English ones (F6, issue 5): two French articles
read by the real annotator (French entities, F5; French quotes, F6), stored in a real SQLite store,
served by uvicorn on a loopback port, asked by the real CLI and Debian chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, get_json, serve_desk
from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store
from newsdesk.understand.annotate import Annotator

TEXTS = [
    "Le ministre de l'Agriculture, Paul Lenoir, a visité la foire de Rennes mardi. « Nous ne céderons rien sur le "
    "prix du lait », a-t-il affirmé devant les éleveurs.",
    "Selon Paul Lenoir, les aides aux éleveurs seront versées avant la fin du mois de mars.",
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("f6") / "desk.db"
    store = open_store(db)
    ids = []
    for i, text in enumerate(TEXTS):
        article = Annotator().annotate(Article(text=text, paragraphs=(text,), language="fr", title=f"Lait {i}",
                                               url=f"https://nouvelles.example/{i}",
                                               published=f"2026-02-0{i + 1}T09:00:00+00:00"))
        _, article_id = store.store_page(RawPage(body=text.encode(), origin=f"fr-{i}", url=article.url), article)
        store.after_store_entities(article_id, article)
        ids.append(article_id)
    store.close()
    yield from serve_desk(db, ids=ids)


def test_the_api_files_french_quotes_under_their_speakers_entity(desk: dict[str, Any]) -> None:
    quotes = get_json(desk, "/api/quotes", speaker="Paul Lenoir")["quotes"]
    assert {(q["kind"], q["cue"]) for q in quotes} == {("direct", "affirmé"), ("indirect", "Selon")}, quotes
    assert len({q["speaker_id"] for q in quotes}) == 1 and quotes[0]["speaker_id"] is not None
    [direct] = [q for q in quotes if q["kind"] == "direct"]
    assert direct["text"] == "Nous ne céderons rien sur le prix du lait"
    assert get_json(desk, f"/api/entities/in/{desk['ids'][0]}")["covered_stages"]["quotes"] is True


def test_the_quotes_command_finds_them_by_speaker_and_by_word(desk: dict[str, Any]) -> None:
    out = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--speaker", "Paul Lenoir"])
    assert out.exit_code == 0, out.output
    assert "prix du lait" in out.output and "aides aux éleveurs" in out.output
    about = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--about", "lait"])
    assert about.exit_code == 0, about.output
    assert "prix du lait" in about.output and "aides aux éleveurs" not in about.output


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


def test_the_pages_show_and_mark_french_quotes(desk: dict[str, Any], browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(desk["url"] + "/quotes?speaker=Paul+Lenoir")
        assert page.locator("li.quote").count() == 2
        speaker = get_json(desk, "/api/quotes", speaker="Paul Lenoir")["quotes"][0]["speaker_id"]
        page.goto(f"{desk['url']}/entities/{speaker}")
        assert page.locator("li.quote", has_text="prix du lait").count() == 1
        page.goto(f"{desk['url']}/entities/in/{desk['ids'][0]}")
        body = page.locator("div.annotated")
        assert body.locator(".quote-direct", has_text="prix du lait").count() == 1
        assert body.locator(".cue", has_text="affirmé").count() == 1
        page.goto(desk["url"] + "/quotes?about=introuvable")
        assert "English and French articles only" in page.locator("p.empty .english-only").inner_text()
    finally:
        page.close()
