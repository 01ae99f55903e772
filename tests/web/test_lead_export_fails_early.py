"""A download whose `newsdesk export` fails before writing a byte is a 500 with a reason, not a 200
cut short (the desk reads the command's first chunk before it sends the headers). Real store, real
uvicorn on loopback, the real child process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desk_server import serve_desk
from newsdesk.store import open_store

from .analyst_walk_helpers import store_walk


@pytest.fixture()
def desk(tmp_path: Path) -> Iterator[dict[str, Any]]:
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        store_walk(store)
    yield from serve_desk(db)


def _export(desk: dict[str, Any]) -> httpx.Response:
    return httpx.get(desk["url"] + "/api/export", params={"format": "jsonl"}, timeout=120)


def test_an_export_that_fails_at_once_is_a_500_with_a_reason(desk: dict[str, Any]) -> None:
    assert _export(desk).status_code == 200  # the desk has its connection open
    db = Path(desk["db"])
    os.rename(db, db.with_name("moved.db"))  # the child finds no database; the desk's open file still reads
    try:
        failed = _export(desk)
    finally:
        os.rename(db.with_name("moved.db"), db)
    assert failed.status_code == 500, (failed.status_code, failed.text[:300])
    error = failed.json()["error"]
    assert error["code"] == "export_failed" and "could not be written" in error["message"]
    assert str(db.parent) not in failed.text  # the child's message names server paths: logged, not shown
    assert _export(desk).status_code == 200  # the failure gave back its download slot


def test_an_empty_selection_is_an_empty_file_not_an_error(desk: dict[str, Any]) -> None:
    empty = httpx.get(desk["url"] + "/api/export", params={"q": "zzzqqqnothing"}, timeout=120)
    assert empty.status_code == 200 and empty.content == b""
