"""A real HTTP server on 127.0.0.1 for tests: a folder, canned routes, and misbehaving hosts.

    from loopback import LoopbackServer          # tests/ must be on sys.path (see below)

    with LoopbackServer(root=corpus_dir) as server:   # root is optional
        server.robots("User-agent: *\\nDisallow: /private/\\n")
        server.add("/feed.xml", feed_bytes, content_type="application/rss+xml", etag='"v1"')
        server.redirect("/old", "/new")                # 302 unless status= says otherwise
        server.never_answer("/hang")                   # accepts, reads the request, says nothing
        server.trickle("/slow", every=0.2)             # headers, then one body byte per 0.2 s
        server.stream("/huge", 100_000_000)            # streamed zeros; content_length=False: chunked
        url = server.url("/feed.xml")                  # "http://127.0.0.1:<port>/feed.xml"
        ...
        server.handle("/custom", lambda h: ...)        # h is the BaseHTTPRequestHandler: write anything
        server.requests                                # [Seen(path, headers, at)], in arrival order
        server.hits("/feed.xml")                       # the requests for one path
        server.sent("/huge")                           # body bytes written so far on that path

`LoopbackServer(tls=server_ssl_context)` serves https instead (tests/sources/test_tls.py
shows how to make a throw-away certificate with the openssl command).

Routes win over files under `root`; anything else is 404. Files get a Content-Type from
their suffix (.rss/.atom/.xml as XML; .gz files as application/gzip, not decoded). Routes with `etag`/`last_modified` answer 304 to a
matching conditional request. Every response closes its connection.

As a pytest fixture: `from loopback import loopback` in a conftest.py gives tests a fresh
server named `loopback`. Tests directly in tests/ can import this module as is; tests in
subfolders put tests/ on sys.path first (tests/sources/conftest.py does).
"""

from __future__ import annotations

import mimetypes
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".xml": "application/xml",
         ".html": "text/html", ".htm": "text/html", ".txt": "text/plain; charset=utf-8"}


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it; `at` is time.monotonic() on arrival."""

    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    # Full control instead: called with the request handler, writes its own response.
    handler: Callable[[_Handler], object] | None = None  # what it returns is ignored


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1, on a free port, for the life of a `with` block."""

    def __init__(self, root: str | Path | None = None, *, tls: ssl.SSLContext | None = None) -> None:
        """`tls`: a server-side SSLContext (cert loaded) to serve https instead of http."""
        self.root = Path(root).resolve() if root is not None else None
        self.tls = tls
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.stopping = threading.Event()
        self._sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life -----------------------------------------------------------------------

    def start(self) -> LoopbackServer:
        handler = type("BoundHandler", (_Handler,), {"server_ref": self})
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if self.tls is not None:
            httpd.socket = self.tls.wrap_socket(httpd.socket, server_side=True)
        httpd.daemon_threads = True
        httpd.block_on_close = False  # a test's hung client must not hang the teardown
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- routes ---------------------------------------------------------------------

    def add(self, path: str, body: bytes | str = b"", *, status: int = 200,
            content_type: str | None = "text/html; charset=utf-8", headers: dict[str, str] | None = None,
            etag: str | None = None, last_modified: str | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type} if content_type else {}
        all_headers.update(headers or {})
        self.routes[path] = Route(status, data, all_headers, etag, last_modified)

    def robots(self, text: str) -> None:
        self.add("/robots.txt", text, content_type="text/plain; charset=utf-8")

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.add(path, b"", status=status, content_type=None, headers={"Location": location})

    def handle(self, path: str, handler: Callable[[_Handler], object]) -> None:
        self.routes[path] = Route(handler=handler)

    def never_answer(self, path: str) -> None:
        """Accept the request and send nothing until the server stops."""
        self.handle(path, lambda h: self.stopping.wait())

    def trickle(self, path: str, every: float = 1.0) -> None:
        """Send headers, then one body byte per `every` seconds, forever (no Content-Length)."""
        def run(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            while not self.stopping.wait(every):
                h.wfile.write(b"x")
                h.wfile.flush()
                self._count(path, 1)
        self.handle(path, run)

    def stream(self, path: str, size: int, *, content_length: bool = True, chunk: int = 64 * 1024) -> None:
        """Stream `size` bytes; chunked transfer encoding when `content_length` is False."""
        def run(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length" if content_length else "Transfer-Encoding",
                          str(size) if content_length else "chunked")
            h.end_headers()
            block, left = b"<p>" + b"x" * (chunk - 3), size
            while left > 0 and not self.stopping.is_set():
                piece = block[:left]
                h.wfile.write(piece if content_length else b"%x\r\n%s\r\n" % (len(piece), piece))
                self._count(path, len(piece))
                left -= len(piece)
            if not content_length:
                h.wfile.write(b"0\r\n\r\n")
        self.handle(path, run)

    def sent(self, path: str) -> int:
        with self._lock:
            return self._sent.get(path, 0)

    def hits(self, path: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.requests if s.path == path]

    def _count(self, path: str, n: int) -> None:
        with self._lock:
            self._sent[path] = self._sent.get(path, 0) + n

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)

    def file_for(self, path: str) -> Path | None:
        if self.root is None:
            return None
        from urllib.parse import unquote
        candidate = (self.root / unquote(path.split("?", 1)[0]).lstrip("/")).resolve()
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate


def _content_type(path: Path) -> str | None:
    """By suffix; a compressed file (page.html.gz) is served as the archive it is, like most servers."""
    guessed, encoding = mimetypes.guess_type(path.name)
    if encoding:
        return "application/gzip" if encoding == "gzip" else "application/octet-stream"
    return TYPES.get(path.suffix.lower()) or guessed


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_ref: LoopbackServer

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        server = self.server_ref
        server._record(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
        route = server.routes.get(self.path) or server.routes.get(self.path.split("?", 1)[0])
        try:
            if route is not None and route.handler is not None:
                route.handler(self)
            elif route is not None:
                self._send_route(route)
            elif (found := server.file_for(self.path)) is not None:
                content_type = _content_type(found)
                self._send_route(Route(200, found.read_bytes(),
                                       {"Content-Type": content_type or "application/octet-stream"}))
            else:
                self._send_route(Route(404, b"not found", {"Content-Type": "text/plain"}))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on us: that is what several tests want
        self.close_connection = True

    def _send_route(self, route: Route) -> None:
        if self._not_modified(route):
            self.send_response(304)
            self.send_header("Connection", "close")
            self.end_headers()
            return
        self.send_response(route.status)
        for key, value in route.headers.items():
            self.send_header(key, value)
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        self.send_header("Content-Length", str(len(route.body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(route.body)

    def _not_modified(self, route: Route) -> bool:
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if route.etag and inm:
            return route.etag in [t.strip() for t in inm.split(",")]
        return bool(route.last_modified and ims and ims == route.last_modified)


@pytest.fixture
def loopback() -> Iterator[LoopbackServer]:
    """A started LoopbackServer without a root; stopped after the test."""
    with LoopbackServer() as server:
        yield server
