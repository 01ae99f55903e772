"""What the fetcher's requests travel on (sources/fetch.py): httpx's transport with the
guarded network backend (sources/safety.py) and no keep-alive, the wall-clock deadline that
cuts a hop off by shutting its sockets down, and the helpers that read httpx's answers and errors.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import ssl
import threading

import httpcore
import httpx

from newsdesk.sources import safety


class Deadline:
    """Cuts a request off at a wall-clock limit by shutting its sockets down.

    A blocked recv() returns at once when its socket is shut down from another thread;
    httpx then raises a transport error, which the fetcher reports as "timeout".
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def add_socket(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def lower_headers(response: httpx.Response) -> dict[str, str]:
    """A response's headers keyed in lower case, repeated ones joined with ", " (as HTTP reads them)."""
    headers: dict[str, str] = {}
    for key, value in response.headers.multi_items():
        key = key.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


@functools.cache
def _default_ssl_context() -> ssl.SSLContext:
    """The system's trust (certifi's bundle), loaded once: loading it costs ~0.3 s per Fetcher."""
    return httpx.create_ssl_context(trust_env=False)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with our network backend and no keep-alive, ignoring proxy variables."""

    def __init__(self, backend: safety.GuardedBackend, ssl_context: ssl.SSLContext | None = None) -> None:
        context = ssl_context or _default_ssl_context()
        super().__init__(verify=context, trust_env=False, retries=0)
        # httpx has no public hook for a network backend; its connection pool is `_pool`.
        if not hasattr(self, "_pool"):
            raise RuntimeError("httpx changed: HTTPTransport._pool is gone; update newsdesk.sources.transport")
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_connections=100, max_keepalive_connections=0,
            http1=True, http2=False, retries=0, network_backend=backend,
        )


def caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is anywhere in the chain httpx and httpcore wrap around the real error."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
