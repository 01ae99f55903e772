"""A merge made on the desk's API links the quote it gives a speaker at once: the entity's API lists
it (E28). Real SQLite store, real uvicorn on a loopback port; the articles are the store test's records."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

from desk_server import running_server
from newsdesk.settings import Settings
from newsdesk.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from speaker_link_helpers import said  # noqa: E402
from test_e28_decision_links import _both, _store  # noqa: E402


def test_a_merge_through_the_api_links_the_quote_it_names(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        _store(store, [said("Pizango"), _both()])
        people = {r["name"]: r["id"] for r in store.list_entities(type="PERSON")}
    keep, drop = people["Alberto Pizango"], people["Rosa Pizango"]
    with running_server(db, Settings(db=str(db), write_token="s3cret")) as url, \
            httpx.Client(base_url=url, timeout=60) as client:
        assert client.get(f"/api/entities/{keep}").json()["quotes"] == []  # "Pizango": two people then
        merged = client.post("/api/entities/merge", json={"keep": keep, "drop": drop},
                             headers={"Authorization": "Bearer s3cret"})
        assert merged.status_code == 200
        # before: the quote stayed unlinked until `newsdesk reprocess`
        quotes = client.get(f"/api/entities/{keep}").json()["quotes"]
        assert [q["speaker"] for q in quotes] == ["Pizango"]
