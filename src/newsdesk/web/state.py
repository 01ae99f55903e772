"""What every request handler shares: the database path, read connections, templates, a cache.

Handlers run in Starlette's thread pool; each thread keeps its own read-only connection
(SQLite connections are cheap to keep and costly to open, and WAL lets readers run beside
the ingest writer). Writes (token-guarded) open a short-lived writable store.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment
from starlette.requests import Request

from newsdesk.settings import Settings
from newsdesk.store import Store, open_store
from newsdesk.web.index_keeper import IndexKeeper
from newsdesk.web.render import make_environment

T = TypeVar("T")

# Facet counts (sites, languages, categories) scan an index of every article: ~10-40 ms at
# 100k articles. Thirty seconds of staleness in a sidebar is invisible; 30 ms per page is not.
FACET_TTL = 30.0
# Page cache per read connection (SQLite's default is 2 MB). Session 2 kept 4 MB for FTS5's hot
# pages; search now reads the tantivy index (store/search_index.py, ~40 MB mapped per worker at
# 100k articles, counted in RSS), so SQLite serves only row lookups and listings, whose pages come
# from the OS cache as cheaply. 1 MB: -9 MB RSS per worker, server CPU per request unchanged
# within noise (benchmarks/web.py, 2 workers).
READ_CACHE_KB = 1_000
# Handler threads per process: queries release the GIL, so a few threads overlap them, while each
# thread's connection and page cache cost memory (the RSS target is 300 MB over all workers).
# 1, 2 and 6 threads gave the same server CPU per request within noise (benchmarks/web.py on 2 cores).
# Session 2 kept 4; with the search index's mapped pages in each worker's RSS, 2 threads (two
# connections and their caches) save ~7 MB more over 2 workers (287 -> 280 MB, same bench).
HANDLER_THREADS = 2
# Listing pages (front, category, source, author) are the same for every reader: rendered HTML
# is kept this long. New articles show up within PAGE_TTL seconds; relative times are kept
# fresh by static/desk.js. (Measured: rendering the front page costs ~2 ms of CPU; a hit ~0.1 ms.)
# Pages with a cursor are rendered afresh (routes_front): they are many and rarely asked twice.
PAGE_TTL = 5.0
# Search answers kept per process. Queries follow a Zipf law, so the popular ones are a small set:
# with s = 1 the 150 most asked queries draw ~75% of the requests the 1000 most asked do
# (H(150)/H(1000)). Measured sizes: an /api/search answer ~25 KB, a /search page ~24 KB, a
# page of result rows ~40 KB as Python objects. Session 2 kept 400/150/100 (~20 MB per worker);
# with the search index mapped into each worker (~40 MB) that left 2 workers at 355 MB RSS, and a
# cold search now costs about half what it did, so the caches shrank: 294 MB at 150/60/30, with
# the 32-client hit rate 18-22% -> 12-14% (benchmarks/web.py).
SEARCH_CACHE_ITEMS = {"api": 150, "html": 60, "rows": 30, "total": 150}  # a total is two numbers


class ResultCache:
    """Bounded LRUs of computed results, one per kind of key (the key's first item), that empty
    themselves whenever the database changes.

    `generation()` (the database's change counter) is read on each lookup; once another
    connection commits (new articles, an edit), every entry is dropped, so a cached result is
    never older than the data it was computed from. Nothing is shared between processes.
    """

    def __init__(self, generation: Callable[[], int], max_items: dict[str, int] | None = None) -> None:
        self.generation = generation
        self.max_items = max_items or SEARCH_CACHE_ITEMS
        self._items: dict[str, OrderedDict[Any, Any]] = {kind: OrderedDict() for kind in self.max_items}
        self._seen = -1
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any | None:
        current = self.generation()
        with self._lock:
            if current != self._seen:
                for items in self._items.values():
                    items.clear()
                self._seen = current
            items = self._items[key[0]]
            value = items.get(key)
            if value is not None:
                items.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        with self._lock:
            items = self._items[key[0]]
            items[key] = value
            items.move_to_end(key)
            while len(items) > self.max_items[key[0]]:
                items.popitem(last=False)


class Generation:
    """The database's change counter, from one connection kept for this: `PRAGMA data_version`
    changes when any other connection commits (it costs ~2 µs, no table is read)."""

    def __init__(self, db_path: str) -> None:
        self._conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])


class TTLCache:
    """A tiny thread-safe cache of computed values, each fresh for `ttl` seconds.

    With `stale_ok`, an expired value is still returned while one background thread computes
    its successor, so no reader waits for a slow aggregate (facet counts take ~100 ms each at
    100k articles) once the first value exists.
    """

    def __init__(self, ttl: float, max_items: int = 512, stale_ok: bool = False) -> None:
        self.ttl, self.max_items, self.stale_ok = ttl, max_items, stale_ok
        self._items: dict[Any, tuple[float, Any]] = {}
        self._refreshing: set[Any] = set()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def fresh(self, key: Any) -> Any | None:
        """The value if cached and fresh, else None. Never computes, so it may run on the event loop."""
        with self._lock:
            hit = self._items.get(key)
        return hit[1] if hit and time.monotonic() - hit[0] < self.ttl else None

    def get(self, key: Any, compute: Callable[[], T]) -> T:
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit and now - hit[0] < self.ttl:
                return hit[1]  # type: ignore[no-any-return]
            if hit and self.stale_ok:
                if key not in self._refreshing:
                    self._refreshing.add(key)
                    threading.Thread(target=self._refresh, args=(key, compute), daemon=True).start()
                return hit[1]  # type: ignore[no-any-return]
        return self._store(key, compute())

    def _store(self, key: Any, value: T) -> T:
        with self._lock:
            if len(self._items) >= self.max_items:
                self._items.clear()
            self._items[key] = (time.monotonic(), value)
        return value

    def _refresh(self, key: Any, compute: Callable[[], Any]) -> None:
        try:
            self._store(key, compute())
        finally:
            with self._lock:
                self._refreshing.discard(key)


class DeskState:
    def __init__(self, db_path: str | Path, settings: Settings, template_dirs: list[Path] | None = None) -> None:
        self.db_path = str(db_path)
        self.settings = settings
        self.env: Environment = make_environment(template_dirs)
        self.facets = TTLCache(FACET_TTL, stale_ok=True)
        self.pages = TTLCache(PAGE_TTL, max_items=64)
        self.searches = ResultCache(Generation(self.db_path))
        self.index_keeper = IndexKeeper(self.db_path)
        self._local = threading.local()
        self._handlers: ThreadPoolExecutor | None = None

    async def in_thread(self, compute: Callable[[], T]) -> T:
        """compute() on one of HANDLER_THREADS handler threads. A plain executor rather than
        starlette's run_in_threadpool (anyio: limiter, cancel scope, context copy): 85 -> 55 us CPU
        a hand-off (timeit of an empty function, uvloop), paid by every uncached page and search."""
        if self._handlers is None:
            self._handlers = ThreadPoolExecutor(HANDLER_THREADS, thread_name_prefix="desk-handler")
        return await asyncio.get_running_loop().run_in_executor(self._handlers, compute)

    def store(self) -> Store:
        """This thread's read-only store."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db_path, readonly=True)
            store.conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KB}")
            self._local.store = store
        return store

    def writable_store(self) -> Store:
        return open_store(self.db_path)

    @property
    def writes_enabled(self) -> bool:
        return bool(self.settings.write_token)


def desk(request: Request) -> DeskState:
    return request.app.state.desk  # type: ignore[no-any-return]
