"""A download whose `newsdesk export` fails before writing a byte is a 500 with a reason, not a 200
cut short (the desk reads the command's first chunk before it sends the headers). Real store, real
uvicorn on loopback, the real child process. One that fails after its first chunk cuts the connection,
and its failure is logged once."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desk_server import serve_desk
from newsdesk.store import open_store
from newsdesk.web import routes_export

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


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: dict[int, logging.LogRecord] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.records[id(record)] = record  # by identity: a record reaching two of the loggers counts once

    def naming(self, text: str) -> int:
        """How many records carry `text`, in their message or in the exception they log."""
        return sum(text in r.getMessage() or (r.exc_info is not None and text in str(r.exc_info[1]))
                   for r in self.records.values())


def test_an_export_that_fails_after_its_first_chunk_cuts_the_connection_and_is_logged_once(
        desk: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    reason = "the disk holding /srv/desk is full"
    child = (f"import sys; sys.stdout.write('x' * {4 * routes_export.CHUNK}); sys.stdout.flush(); "
             f"sys.stderr.write({reason!r}); sys.exit(3)")
    monkeypatch.setattr(routes_export, "command", lambda *_: [sys.executable, "-c", child])
    records = _Records()
    loggers = [logging.getLogger(), logging.getLogger("uvicorn")]  # uvicorn's own do not reach the root
    for logger in loggers:
        logger.addHandler(records)
    try:
        with pytest.raises(httpx.RemoteProtocolError):  # cut: a broken file never looks whole
            _export(desk)
    finally:
        for logger in loggers:
            logger.removeHandler(records)
    # the route's line; raised on, the app's error handler and uvicorn logged it again with a traceback
    assert records.naming(reason) == 1, [r.getMessage() for r in records.records.values()]
    monkeypatch.undo()
    assert _export(desk).status_code == 200  # the failure gave back its download slot
