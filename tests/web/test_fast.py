"""The lean path of /api/search and /search (web/fast.py) answers exactly as the routed handlers
do: same status, headers (security headers included) and body, errors in the one error shape."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from newsdesk.settings import Settings
from newsdesk.web.app import SECURITY_HEADERS, create_app

CASES = ["/api/search?q=government", "/search?q=government", "/api/search?q=*", "/search?q=(", '/api/search?q="human rights"', "/search?q=negotiat*",
         "/api/search?q=the&language=en&sort=date&page=2", "/api/search?q=%22unterminated",
         "/search?q=%22unterminated", "/api/search?q=the&sort=sideways", "/search?q=the&since=yesterday",
         "/api/search?q=", "/search"]


def call(app: Any, path: str, method: str = "GET") -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """One request through the ASGI app, computed afresh (no-cache): (status, headers, body)."""
    route, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": route, "raw_path": route.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"cache-control", b"no-cache")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], list(sent[0]["headers"]), body


@pytest.fixture(scope="module")
def app(corpus_store: tuple[Path, dict[str, int]]) -> Any:
    db = corpus_store[0]
    desk = create_app(db, Settings(db=db))
    desk.state.desk.index_keeper.wait()  # the same engine answers both ways
    return desk


@pytest.mark.parametrize("path", CASES)
def test_the_lean_path_answers_as_the_routed_handler(app: Any, path: str) -> None:
    lean = call(app, path)
    fast, app.fast = app.fast, {}
    try:
        routed = call(app, path)
    finally:
        app.fast = fast
    assert lean == routed
    status, headers, body = lean
    for name, value in SECURITY_HEADERS:
        assert (name, value) in headers
    if path.startswith("/api/") and status >= 400:
        assert body.startswith(b'{"error":{"status":')


def test_good_searches_take_the_lean_path_and_errors_the_routed_one(app: Any) -> None:
    served: list[bool] = []

    async def lean(path: str) -> None:
        route, _, query = path.partition("?")
        scope = {"type": "http", "method": "GET", "path": route, "query_string": query.encode(),
                 "headers": [(b"cache-control", b"no-cache")]}

        async def send(message: dict[str, Any]) -> None:
            pass

        served.append(await app.fast[route](app, scope, None, send, []))

    for path in ("/api/search?q=government", "/search?q=government", "/api/search?q=x&sort=sideways",
                 "/api/search?q=*"):
        asyncio.run(lean(path))
    assert served == [True, True, False, False]
    assert call(app, "/api/search?q=government", method="HEAD")[0] == 200  # HEAD is routed
