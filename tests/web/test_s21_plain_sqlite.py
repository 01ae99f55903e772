"""S21 end to end: a desk served by a real uvicorn on a loopback port, its store edited meanwhile in
the sqlite3 shell (an article inserted, a French and an English title rewritten, an article
deleted); /api/search and the desk's /search find the new and rewritten words and not the deleted
article, with the search index (synced before the edits) and with FTS5 only (the index's lock
held, so the desk's keeper cannot build it). Before, the shell's insert and edits failed:
"no such function: newsdesk_lang_group"."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desk_server import running_server
from newsdesk.store import open_store
from newsdesk.store import search_index as si
from plain_sqlite import QUERIES, build_store, edit_in_shell, expected, needs_shell

pytestmark = needs_shell


@pytest.fixture(params=["index", "fts5"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, Any]]:
    db = tmp_path / "desk.db"
    si.forget_readers()
    ids = build_store(db)
    if request.param == "index":
        with open_store(db) as store:
            si.sync_search_index(store)
    with open(str(db) + si.SUFFIX + ".lock", "a") as lock:
        if request.param == "fts5":  # the keeper's sync finds the index busy and leaves it unbuilt
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with running_server(db) as url:
                yield {"url": url, "new": edit_in_shell(db, ids), "ids": ids}
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            si.forget_readers()


def test_the_desk_finds_the_shells_edits(desk: dict[str, Any]) -> None:
    want = expected(desk["ids"], desk["new"])
    for query, (language, _) in QUERIES.items():
        answer = httpx.get(desk["url"] + "/api/search", params={"q": query, "language": language}, timeout=60)
        assert answer.status_code == 200, answer.text[:300]
        assert {item["id"] for item in answer.json()["items"]} == want[query], query
    for query, article in (("manifestation", desk["new"]), ("inondation", desk["ids"]["vendanges"])):
        page = httpx.get(desk["url"] + "/search", params={"q": query}, timeout=60)
        assert page.status_code == 200 and f'href="/article/{article}"' in page.text, query
    page = httpx.get(desk["url"] + "/search", params={"q": "cormoran"}, timeout=60)
    assert f'href="/article/{desk["ids"]["cormorans"]}"' not in page.text
