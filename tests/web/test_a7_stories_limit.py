"""`newsdesk stories --limit N` had no API twin: /api/stories ignored ?limit= and answered 30 stories
(session 16, A7). A real store's stories, a real uvicorn on a loopback port and the real CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import running_server
from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

TOPICS = [
    ("Quake hits Izmir", "A strong earthquake struck the Turkish city of Izmir, toppling buildings and trapping residents."),
    ("Budget passes", "Parliament approved the annual budget after a long debate over income taxes and pensions."),
    ("Cup final won", "The home side won the cup final with a late penalty in front of a crowd of sixty thousand fans."),
    ("Comet seen", "Astronomers photographed a bright comet passing close to the sun, visible from the southern hemisphere."),
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("a7stories") / "desk.db"
    store = open_store(db)
    for n, (title, text) in enumerate(TOPICS):
        article = Article(title=title, text=text, url=f"https://site.example/{n}", site_name="Site", language="en",
                          published=f"2026-02-1{n}T09:00:00+00:00")
        _, article_id = store.store_page(RawPage(body=text.encode(), origin=f"s{n}"), article)
        store.after_store_stories(article_id, article)
    store.close()
    with running_server(db) as url:
        yield {"url": url, "db": db}


def stories(desk: dict[str, Any], **params: Any) -> dict[str, Any]:
    response = httpx.get(desk["url"] + "/api/stories", params=params, timeout=60)
    assert response.status_code == 200, response.text[:300]
    return response.json()


def test_the_story_api_takes_the_commands_limit(desk: dict[str, Any]) -> None:
    everything = [s["id"] for s in stories(desk)["stories"]]
    assert len(everything) == len(TOPICS)
    first, second = stories(desk, limit=2), stories(desk, limit=2, page=2)
    assert [len(first["stories"]), first["more"], first["limit"]] == [2, True, 2]
    assert [s["id"] for s in first["stories"] + second["stories"]] == everything
    out = CliRunner().invoke(main, ["stories", "--db", str(desk["db"]), "--limit", "2", "--json"])
    assert [s["id"] for s in json.loads(out.output)] == [s["id"] for s in first["stories"]]
    spec = httpx.get(desk["url"] + "/api/openapi.json", timeout=60).json()
    assert "limit" in {p["name"] for p in spec["paths"]["/api/stories"]["get"]["parameters"]}


def test_a_story_limit_out_of_range_is_clamped_and_a_word_is_a_400(desk: dict[str, Any]) -> None:
    assert len(stories(desk, limit=0)["stories"]) == 1
    assert stories(desk, limit=10**6)["limit"] == 100
    assert httpx.get(desk["url"] + "/api/stories", params={"limit": "many"}, timeout=60).status_code == 400


def test_openapi_describes_every_field_of_the_story_list(desk: dict[str, Any]) -> None:
    """/api/stories was described as "Object": nothing said quiet stories are listed (`status`)."""
    spec = httpx.get(desk["url"] + "/api/openapi.json", timeout=60).json()
    ref = spec["paths"]["/api/stories"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    answer = stories(desk, limit=2)
    assert set(answer) <= set(schema["properties"])
    story = schema["properties"]["stories"]["items"]
    assert all(set(s) <= set(story["properties"]) for s in answer["stories"])
    assert {s["status"] for s in answer["stories"]} <= set(story["properties"]["status"]["enum"])
