"""The web desk served for real on a free 127.0.0.1 port, and Debian chromium to read it.

    from desk_server import running_server, chromium_browser

    with running_server(db_path) as url:      # uvicorn in a thread, serving create_app(db)
        ...

    @pytest.fixture(scope="module")
    def desk(tmp_path_factory):
        db = ...                               # a store the module builds
        yield from serve_desk(db, ids=ids)     # {"url": ..., "db": db, "ids": ids}

    get_json(desk, "/api/quotes", speaker="Bernie Sanders")   # asserts 200, gives the JSON

    @pytest.fixture(scope="module")
    def browser():
        yield from chromium_browser()          # skips cleanly when playwright or chromium is missing
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium keeps calling home, which this closed network refuses.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(db: Path, settings: Any = None) -> Iterator[str]:
    """Serve create_app(db) with uvicorn in a thread on a free loopback port; yield the base URL."""
    import uvicorn

    from newsdesk.settings import Settings
    from newsdesk.web.app import create_app

    port = free_port()
    app = create_app(db, settings or Settings(db=str(db)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    # The app starts a background sync of the search index and listing cards; its commit empties the
    # search cache, so a test's first answers would depend on the machine's speed (a repeated search
    # found the cache emptied under load). Tests begin once that start-up sync is over.
    app.state.desk.index_keeper.wait(60)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def serve_desk(db: Path, **fields: Any) -> Iterator[dict[str, Any]]:
    """For a module's `desk` fixture: yields {"url": the served base URL, "db": db, **fields}."""
    with running_server(db) as url:
        yield {"url": url, "db": db, **fields}


def get_json(desk: dict[str, Any], path: str, **params: Any) -> Any:
    """The JSON answer of GET desk["url"] + path with query `params`; the test fails unless it is a 200."""
    import httpx

    response = httpx.get(desk["url"] + path, params=params, timeout=60)
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


def chromium_browser() -> Iterator[Any]:
    """A playwright Browser on Debian's chromium (never a downloaded one); skips when either is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
