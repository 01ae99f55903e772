"""Keeps the search index (store/search_index.py) in step from inside the desk.

Articles are written by other processes (`newsdesk ingest`, `reprocess`, `watch`); until the lead
wires `sync_search_index` into the end of ingest, the desk catches its index up itself: once at
start-up and then at most every INDEX_SYNC_INTERVAL seconds while searches are being answered,
in a background thread, never blocking a request (searches meanwhile use the index for what it
holds and FTS5 for the changed articles). The file lock in sync_search_index lets one worker
process index while the others skip.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

from newsdesk.store import open_store
from newsdesk.store.search_index import sync_search_index
from newsdesk.web.cards import fill_cards

log = logging.getLogger(__name__)

# How often a desk that is answering searches looks for articles its index lacks. A check that
# finds nothing costs a file read and one indexed SELECT; 10 s bounds how long new articles are
# searched through the (slower) FTS5 tail.
INDEX_SYNC_INTERVAL = 10.0


class IndexKeeper:
    def __init__(self, db_path: str | Path, interval: float = INDEX_SYNC_INTERVAL) -> None:
        self.db_path = str(db_path)
        self.interval = interval
        self._last = float("-inf")
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._all_cards = True  # the first sync stores every missing listing card (web/cards.py)
        self._missing_cards: set[int] = set()

    def cards_missing(self, ids: list[int]) -> None:
        """Listing pages found these articles without a stored card: store theirs at the next sync."""
        if ids:
            with self._lock:
                self._missing_cards.update(ids[:1000])
            self.poke()

    def poke(self) -> None:
        """Start a background sync unless one ran within `interval` seconds or is still running."""
        now = time.monotonic()
        if now - self._last < self.interval:
            return
        with self._lock:
            if now - self._last < self.interval or (self._thread and self._thread.is_alive()):
                return
            self._last = now
            self._thread = threading.Thread(target=self._sync, name="search-index-sync", daemon=True)
            self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a running sync (tests, and a clean shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _sync(self) -> None:
        try:
            with open_store(self.db_path) as store:
                report = sync_search_index(store, wait=False)
                self._fill_cards(store.conn)
            if report.indexed or report.deleted or report.rebuilt:
                log.info("search index: %s", report)
        except Exception:  # a read-only database, a full disk: the desk keeps answering through FTS5
            log.exception("search index: sync failed for %s", self.db_path)

    def _fill_cards(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            everything, self._all_cards = self._all_cards, False
            ids, self._missing_cards = self._missing_cards, set()
        if everything or ids:
            stored = fill_cards(conn, None if everything else ids)
            if stored:
                log.info("listing cards: %d stored", stored)
