"""Every JSON answer of the desk validates against the schema /api/openapi.json gives for it.

A client generated from the description (or one that trusts it) breaks on a value the schema
rules out: the listing said every `url` and `published` was a string, while an article ingested
from a file has no URL and an undated page no `published` (null, as the data contract says)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdesk.records import RawPage
from newsdesk.store import open_store

from .desk_fixtures import build_corpus_store, running_server
from .hostile import HOSTILE_HTML, hostile_article

jsonschema = pytest.importorskip("jsonschema")

# A text scrape ingested from a file: no URL, no date, no site (what `newsdesk ingest notes.txt` stores).
SCRAPE = ("Ministers met in Geneva\n\nThe foreign ministers of three countries met in Geneva on a cold morning"
          " to talk about the ceasefire, officials said, and agreed to meet again within the month.\n\n"
          "The talks lasted four hours and ended without a joint statement, which diplomats said was expected.")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Any:
    from newsdesk.extract import extract

    db = tmp_path_factory.mktemp("schema") / "desk.db"
    build_corpus_store(db, shared_dir, HOSTILE_HTML, hostile_article())
    store = open_store(db)
    raw = RawPage(body=SCRAPE.encode(), origin="notes.txt", kind_hint="text")
    scrape_id = store.store_page(raw, extract(raw))[1]
    store.close()
    with running_server(db) as url:
        yield {"url": url, "scrape": scrape_id}


def _check(spec: dict[str, Any], path: str, url: str) -> None:
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200, (url, response.text[:200])
    schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.validate(response.json(), {**schema, "components": spec["components"]})


def test_listing_and_search_answers_match_their_schema(desk: dict[str, Any]) -> None:
    base = desk["url"]
    spec = httpx.get(base + "/api/openapi.json", timeout=30).json()
    scrape = httpx.get(f"{base}/api/articles/{desk['scrape']}", timeout=30).json()
    assert scrape["url"] is None and scrape["published"] is None  # the case the schema must allow
    _check(spec, "/api/articles", base + "/api/articles?limit=100")
    _check(spec, "/api/articles", base + "/api/articles?copies=all&limit=100")
    _check(spec, "/api/search", base + "/api/search?q=ministers&limit=100")
    _check(spec, "/api/search", base + "/api/search?q=the&sort=date&limit=100")
    for path in ("/api/categories", "/api/authors", "/api/sites", "/api/languages", "/api/sources",
                 "/api/failures", "/api/stats", "/api/quotes"):
        _check(spec, path, base + path)
    _check(spec, "/api/articles/{id}", f"{base}/api/articles/{desk['scrape']}")


def test_the_next_link_uses_a_parameter_the_description_lists(desk: dict[str, Any]) -> None:
    # `next` pages with `before=`, which the description left out (it listed `cursor` and `after`).
    base = desk["url"]
    spec = httpx.get(base + "/api/openapi.json", timeout=30).json()
    listed = {p["name"] for p in spec["paths"]["/api/articles"]["get"]["parameters"]}
    following = httpx.get(base + "/api/articles?limit=2", timeout=30).json()["next"]
    used = {pair.split("=")[0] for pair in following.split("?", 1)[1].split("&")}
    assert used <= listed, used - listed



def test_search_answers_say_when_a_query_was_read_as_plain_words(desk: dict[str, Any]) -> None:
    # The search page says so; the JSON answer gave results for "ministers -geneva" (both words
    # required) with nothing to tell a client its exclusion was not applied.
    base = desk["url"]
    reread = httpx.get(base + "/api/search", params={"q": "ministers -geneva"}, timeout=30).json()
    assert reread["read_as"] == ["ministers", "geneva"] and reread["items"]
    assert httpx.get(base + "/api/search", params={"q": "ministers NOT geneva"}, timeout=30).json()["read_as"] is None
