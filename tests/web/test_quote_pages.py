"""Quotes from the store to the page: the API carries each quote's pieces, cue and speaker mention;
the annotated article marks them apart (a split quote's cue clause is not marked as said), the
speaker's mention links to their entity page, quote lists link to the quote's place in the text,
and script in an article stays text. HTTP through the real app, then headless Debian chromium."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from desk_server import chromium_browser, running_server
from newsdesk.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402

SPLIT = ("“We will not negotiate,” Iran's foreign minister Abbas Araghchi said on Monday in Muscat. "
         "“Our missiles are not on the table, and they never will be.”")
HOSTILE = "“<script>window.pwned = 1</script> is not a policy we accept,” Abbas Araghchi said on Tuesday in Tehran."
PIECES = ["We will not negotiate", "Our missiles are not on the table, and they never will be."]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("quotes") / "desk.db"
    store, ids = store_texts(db, [SPLIT, HOSTILE])
    eid = store.entity_row("Abbas Araghchi")["id"]
    qid = store.article_annotations(ids[0])[1][0]["id"]
    store.close()
    yield {"db": db, "split": ids[0], "hostile": ids[1], "eid": eid, "qid": qid}


@pytest.fixture(scope="module")
def client(desk: dict[str, Any]) -> TestClient:
    from newsdesk.web.app import create_app

    return TestClient(create_app(desk["db"], Settings(db=str(desk["db"]))))


class Marks(HTMLParser):
    """Each element's class words, attributes and inner text, to ask "what is marked as a cue"."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[list[str], dict[str, str | None], list[str]]] = []
        self.open: list[tuple[str, int]] = []  # (tag, index into found)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "br":
            self.found.append(((dict(attrs).get("class") or "").split(), dict(attrs), []))
            self.open.append((tag, len(self.found) - 1))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        for _, n in self.open:
            self.found[n][2].append(data)

    def texts(self, word: str) -> list[str]:
        return ["".join(text) for classes, _, text in self.found if word in classes]

    def attrs(self, word: str) -> list[dict[str, str | None]]:
        return [attrs for classes, attrs, _ in self.found if word in classes]


def _body(html: str) -> Marks:
    body = re.search(r'<div class="annotated body"[^>]*>(.*?)</div>', html, re.S)  # lang="..." or none
    assert body
    marks = Marks()
    marks.feed(body.group(1))
    return marks


def test_the_annotated_page_marks_pieces_cue_and_speaker_apart(client: TestClient, desk: dict[str, Any]) -> None:
    page = client.get(f"/entities/in/{desk['split']}")
    assert page.status_code == 200
    marks = _body(page.text)
    assert marks.texts("quote") == PIECES  # the cue clause between the halves is not marked as said
    assert marks.texts("cue") == ["said"]
    assert marks.texts("speaker") == ["Abbas Araghchi"]
    assert marks.attrs("speaker")[0]["href"] == f"/entities/{desk['eid']}"
    assert [a.get("id") for a in marks.attrs("quote")] == [f"q{desk['qid']}", None]  # one anchor, first piece
    assert {a["data-quote"] for a in marks.attrs("quote") + marks.attrs("cue")} == {str(desk["qid"])}
    assert f'href="#q{desk["qid"]}"' in page.text  # the page's own quote list points into the text


def test_script_in_a_quote_stays_text(client: TestClient, desk: dict[str, Any]) -> None:
    page = client.get(f"/entities/in/{desk['hostile']}")
    assert "<script>window" not in page.text and "&lt;script&gt;window.pwned" in page.text
    assert _body(page.text).texts("quote")[0].startswith("<script>window.pwned = 1</script> is not")


def test_api_quotes_carry_their_anatomy(client: TestClient, desk: dict[str, Any]) -> None:
    text = client.get(f"/api/articles/{desk['split']}").json()["text"]
    found = client.get("/api/entities/in/" + str(desk["split"])).json()["quotes"]
    searched = client.get("/api/quotes", params={"about": "missiles"}).json()["quotes"]
    of_entity = [q for q in client.get(f"/api/entities/{desk['eid']}").json()["quotes"] if q["id"] == desk["qid"]]
    record = client.get(f"/api/articles/{desk['split']}").json()["quotes"]
    for q in (found[0], searched[0], of_entity[0], record[0]):
        assert [text[a:b] for a, b in q["pieces"]] == PIECES
        assert text[q["cue_start"]:q["cue_end"]] == "said"
        assert text[q["speaker_start"]:q["speaker_end"]] == "Abbas Araghchi"
    spec = client.get("/api/openapi.json").json()
    quote = spec["components"]["schemas"]["Quote"]["properties"]
    assert {"pieces", "cue_start", "cue_end", "speaker_start", "speaker_end"} <= set(quote)
    assert "/api/quotes" in spec["paths"] and "/api/entities/in/{article_id}" in spec["paths"]


def test_quote_lists_link_to_the_quote_in_the_article(client: TestClient, desk: dict[str, Any]) -> None:
    target = f'href="/entities/in/{desk["split"]}#q{desk["qid"]}"'
    assert target in client.get(f"/entities/{desk['eid']}").text
    assert target in client.get("/quotes", params={"speaker": "Araghchi"}).text
    assert f'href="/entities/in/{desk["split"]}"' in client.get(f"/article/{desk['split']}").text


def test_quotes_command_json_carries_the_anatomy(desk: dict[str, Any]) -> None:
    from newsdesk.cli import main

    run = CliRunner().invoke
    rows = json.loads(run(main, ["quotes", "--db", str(desk["db"]), "--about", "missiles", "--json"]).stdout)
    assert rows[0]["pieces"] and rows[0]["cue_start"] is not None and rows[0]["speaker_end"] is not None
    line = run(main, ["quotes", "--db", str(desk["db"]), "--about", "missiles"]).stdout.splitlines()[0]
    assert "Abbas Araghchi: “We will not negotiate … Our missiles" in line


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.mark.browser
def test_browser_from_quote_search_to_the_marked_quote_and_its_speaker(browser: Any, desk: dict[str, Any]) -> None:
    with running_server(desk["db"]) as url:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/quotes?speaker=Araghchi&about=missiles")
        page.get_by_role("link", name="where it was said").first.click()
        page.wait_for_url(re.compile(rf"/entities/in/{desk['split']}#q{desk['qid']}$"))
        body = page.locator("div.annotated.body")
        pieces = body.locator(f'span.quote[data-quote="{desk["qid"]}"]')
        assert pieces.all_inner_texts() == PIECES
        assert page.locator(":target").inner_text() == PIECES[0]
        cue = body.locator("span.cue")
        assert cue.all_inner_texts() == ["said"]
        style = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).textDecorationStyle]"
        said_bg, _ = pieces.first.evaluate(style)
        cue_bg, cue_line = cue.first.evaluate(style)
        assert said_bg != cue_bg and cue_line == "wavy"  # marked differently, as a reader sees it
        assert cue.first.evaluate("e => e.closest('span.quote') === null")  # the cue is not in what was said
        body.locator("a.speaker").click()
        page.wait_for_selector("h1.page-title")
        assert page.locator("h1.page-title").inner_text() == "Abbas Araghchi"
        page.goto(url + f"/entities/in/{desk['hostile']}")
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert "<script>window.pwned = 1</script>" in page.locator("div.annotated.body").inner_text()
        assert not errors
        page.close()
