"""After a user's merge, the dropped entity's address sends the reader to the entity kept, on the
page and in the API, through a second merge too (real annotator, real SQLite store, real uvicorn on
a loopback port)."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

from desk_server import running_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402

TEXTS = ["Barack Obama spoke in Chicago on Monday about the new health law.",
         "Obama told reporters in Denver on Tuesday that the vote was close.",
         "Michelle Obama visited a school in Ohio on Wednesday.",
         "President Obama met the governors in Boston on Thursday."]


def test_a_merged_entitys_page_and_api_redirect_to_the_entity_kept(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    store, _ = store_texts(db, TEXTS)
    try:
        kept, bare = store.entity_row("Barack Obama")["id"], store.entity_row("Obama")["id"]
        assert kept != bare  # two persons carry the surname: the bare one is its own entity
        store.merge_entities(kept, bare)
        gone = store.conn.execute("SELECT max(id) + 1 FROM entities").fetchone()[0]
    finally:
        store.close()
    with running_server(db) as url, httpx.Client(base_url=url, timeout=60) as client:
        page = client.get(f"/entities/{bare}")
        assert page.status_code == 301 and page.headers["location"].endswith(f"/entities/{kept}")
        api = client.get(f"/api/entities/{bare}")
        assert api.status_code == 301 and api.headers["location"].endswith(f"/api/entities/{kept}")
        assert api.json()["merged_into"] == kept
        followed = client.get(f"/api/entities/{bare}", follow_redirects=True)
        assert followed.status_code == 200 and followed.json()["name"] == "Barack Obama"
        assert "Obama" in followed.json()["aliases"]
        # an id that never was is still a 404
        assert client.get(f"/entities/{gone}").status_code == 404
        assert client.get(f"/api/entities/{gone}").status_code == 404


def test_a_second_merge_carries_the_first_ones_redirect_along(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    store, _ = store_texts(db, TEXTS)
    try:
        barack, bare = store.entity_row("Barack Obama")["id"], store.entity_row("Obama")["id"]
        michelle = store.entity_row("Michelle Obama")["id"]
        store.merge_entities(barack, bare)
        store.merge_entities(michelle, barack)  # a user's mistake, but where the pages must then lead
        assert store.merged_into(bare) == michelle and store.merged_into(barack) == michelle
    finally:
        store.close()
    with running_server(db) as url:
        response = httpx.get(f"{url}/entities/{bare}", follow_redirects=True, timeout=60)
        assert response.status_code == 200 and "Michelle Obama" in response.text
