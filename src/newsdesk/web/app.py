"""The Starlette application: `create_app(db_path, settings)`.

Routes come from every `newsdesk.web.routes_*` module (each exposes `ROUTES: list[Route]`),
found at start-up, so a capability adds pages by adding a module and templates that extend
base.html (see web/README.md). Every response carries security headers; every error, from
any route, is answered in one shape (responses.py).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import logging
import pkgutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import newsdesk.web
from newsdesk.errors import NewsdeskError, NotFound, QueryError
from newsdesk.settings import Settings, load_settings
from newsdesk.store import open_store
from newsdesk.web.fast import FastAnswer
from newsdesk.web.responses import CODES, HTTPError, error_response
from newsdesk.web.state import HANDLER_THREADS, DeskState

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"

# Scripts and styles only from our own origin (no inline code, so injected markup cannot run);
# lead images may come from the publisher. No frames, no plugins, forms only to us.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:;"
       " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (plain ASGI: no per-request task overhead)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def route_modules() -> list[str]:
    """Names of every newsdesk.web.routes_* module, core first, then the others by name."""
    names = sorted(m.name for m in pkgutil.iter_modules(newsdesk.web.__path__) if m.name.startswith("routes_"))
    return [f"newsdesk.web.{n}" for n in names]


def discover_routes() -> tuple[list[BaseRoute], list[tuple[str, str]]]:
    """Every module's ROUTES, and its NAV entries ((label, href) pairs for the top navigation)."""
    routes, nav, _ = discover()
    return routes, nav


def discover() -> tuple[list[BaseRoute], list[tuple[str, str]], dict[str, FastAnswer]]:
    """discover_routes, and every module's FAST answers (path -> lean path, see web/fast.py)."""
    routes: list[BaseRoute] = []
    nav: list[tuple[str, str]] = []
    fast: dict[str, FastAnswer] = {}
    for name in route_modules():
        try:
            module = importlib.import_module(name)
        except Exception:  # one capability's broken page module must not take the whole desk down
            log.exception("web desk: skipping %s, which failed to import", name)
            continue
        routes.extend(getattr(module, "ROUTES", []))
        nav.extend(getattr(module, "NAV", []))
        fast.update(getattr(module, "FAST", {}))
    return routes, nav, fast


class Desk(Starlette):
    """Starlette, with GETs of the addresses in `fast` answered by their lean path (web/fast.py)
    ahead of the middleware stack and the router; that path adds SECURITY_HEADERS itself."""

    fast: dict[str, FastAnswer] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            answer = self.fast.get(scope["path"])
            if answer is not None and await answer(self, scope, receive, send, SECURITY_HEADERS):
                return
        await super().__call__(scope, receive, send)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPError)
    return error_response(request, exc.status, exc.code, exc.message)


async def _starlette_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = {404: "no such page; start from the front page or search",
               405: "this address does not accept that method"}.get(exc.status_code, str(exc.detail))
    return error_response(request, exc.status_code, CODES.get(exc.status_code, "error"), message)


async def _newsdesk_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, NotFound):
        return error_response(request, 404, "not_found", str(exc))
    if isinstance(exc, QueryError):
        return error_response(request, 400, "invalid_query", str(exc))
    log.exception("newsdesk error on %s", request.url.path)
    return error_response(request, 500, "internal_error", str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return error_response(request, 500, "internal_error", "the desk failed on this request; see the server log")


# glibc malloc arenas per process. By default each handler thread gets its own arena (up to 8 per
# core), and freed memory stays scattered over them: two arenas cut a worker's resident memory by
# ~3-4 MB each (2 workers: 294 -> 287 MB RSS) at no measurable CPU cost (benchmarks/web.py).
MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # mallopt parameter number, from glibc's malloc.h


def _limit_malloc_arenas() -> None:
    """Applies to threads that start afterwards (the handler pool starts on the first request)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_ARENA_MAX, MALLOC_ARENAS)
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
    _limit_malloc_arenas()
    # Everything built so far (modules, routes, templates, the app) lives as long as the process:
    # frozen, the cyclic GC's full collections stop walking it (~12 ms a walk under load, each one
    # a latency spike for the requests waiting on this worker).
    gc.collect()
    gc.freeze()
    yield


async def _favicon(_: Request) -> Response:
    """What a browser asks for on its own (a JSON answer, a feed, any page opened without base.html's
    <link rel="icon">): the desk's SVG icon, not a 404 in the console and the access log."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})


def create_app(db_path: str | Path, settings: Settings | None = None, **_: Any) -> Starlette:
    """The web desk over the store at `db_path` (created and migrated if needed)."""
    settings = settings or load_settings()
    with open_store(db_path):  # apply pending migrations once, before readers open read-only
        pass
    found, nav, fast = discover()
    routes = [*found, Route("/favicon.ico", _favicon),
              Mount("/static", app=StaticFiles(directory=STATIC), name="static")]
    handlers: dict[Any, Any] = {HTTPError: _http_error, HTTPException: _starlette_error,
                                NewsdeskError: _newsdesk_error, Exception: _unexpected}
    app = Desk(routes=routes, exception_handlers=handlers, lifespan=_lifespan)
    app.fast = fast
    app.state.desk = DeskState(db_path, settings)
    app.state.desk.env.globals["plugin_nav"] = nav
    app.state.desk.index_keeper.poke()  # build or catch up the search index in the background
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> Starlette:
    """The app for uvicorn's worker processes (`--workers N`): settings from NEWSDESK_* and newsdesk.toml."""
    settings = load_settings()
    return create_app(settings.db, settings)
