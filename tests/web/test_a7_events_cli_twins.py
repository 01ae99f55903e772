"""`newsdesk events --ordered` and `--limit` had no API twin: /api/events answered both directions of
a pair and 100 events whatever a client asked (session 16, A7). The events of a real store (the
annotator's CAMEO coding), a real uvicorn on a loopback port and the real CLI."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import running_server
from newsdesk.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from events_helpers import store_events  # noqa: E402


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("a7events") / "desk.db"
    store_events(db).close()
    with running_server(db) as url:
        yield {"url": url, "db": db}


def api(desk: dict[str, Any], **params: Any) -> dict[str, Any]:
    response = httpx.get(desk["url"] + "/api/events", params=params, timeout=60)
    assert response.status_code == 200, response.text[:300]
    return response.json()


def cli(desk: dict[str, Any], *flags: str) -> list[dict[str, Any]]:
    out = CliRunner().invoke(main, ["events", "--db", str(desk["db"]), "--json", *flags])
    assert out.exit_code == 0, out.output
    rows: list[dict[str, Any]] = json.loads(out.output)
    return rows


def _key(e: dict[str, Any]) -> tuple[Any, ...]:
    return e["id"], e["source_code"], e["target_code"], e["cameo"]


def test_events_api_takes_the_commands_ordered_pair(desk: dict[str, Any]) -> None:
    both = api(desk, pair="USA-IRN")["events"]
    one_way = api(desk, pair="USA-IRN", ordered=1)["events"]
    assert one_way and len(one_way) < len(both), "the store has events both ways"
    assert all(e["source_code"].startswith("USA") and e["target_code"].startswith("IRN") for e in one_way)
    assert [_key(e) for e in one_way] == [_key(e) for e in cli(desk, "--pair", "USA-IRN", "--ordered")]
    assert httpx.get(desk["url"] + "/api/events", params={"ordered": "maybe"}, timeout=60).status_code == 400


def test_events_api_takes_the_commands_limit(desk: dict[str, Any]) -> None:
    everything = api(desk)["events"]
    assert len(everything) > 2
    first, second = api(desk, limit=2), api(desk, limit=2, page=2)
    assert [len(first["events"]), first["more"], first["limit"]] == [2, True, 2]
    assert [_key(e) for e in first["events"] + second["events"]] == [_key(e) for e in everything[:4]]
    assert [_key(e) for e in first["events"]] == [_key(e) for e in cli(desk, "--limit", "2")]
    spec = httpx.get(desk["url"] + "/api/openapi.json", timeout=60).json()
    assert {"ordered", "limit"} <= {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
