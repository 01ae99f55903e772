"""The two search addresses answered without Starlette's request stack.

Why: a GET of /api/search or /search went through Starlette's middleware stack (error and
exception middleware, our security headers), the router's match against every route, a Response
object and, when not cached, a hand-off to a handler thread. That was 0.3-0.5 ms of a cold
search's ~2.5 ms of server CPU (cProfile of the ASGI app driven in-process, 100k-article bench
store). Here the answer is looked up or computed and sent as two ASGI messages, with the same
headers (content type, length, X-Desk-Cache, SECURITY_HEADERS) as the routed answer.

Anything else (other methods such as HEAD, other paths) takes the full stack, and so does every
request whose answer raises (a malformed parameter, an unreadable API query, a fault): the
routed handler computes it again and answers in the desk's one error shape (responses.py),
so this path never has an error format of its own. Searches only read, so computing twice is safe.

Where it computes: on the event loop, not in a handler thread (see `INLINE`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from newsdesk.web.state import DeskState

# (body, status) of one request's answer, computed by a route module's plain function.
Compute = Callable[[Request, DeskState], tuple[bytes, int]]
# Whether a miss is computed on the event loop instead of a handler thread (DeskState.in_thread).
# Measured with benchmarks/web.py (2 workers, 32 clients, search phases, the two interleaved).
# On the shared machine (load 10-16) the loop lost: p95 worse in 5 of 6 paired phases (206 vs 127,
# 323 vs 175 ms...), as one busy thread per worker got less of the cores than a loop thread plus
# handler threads. On the machine as the benchmark means it (nothing else running; 3 paired runs,
# loop vs thread, all five search phases): server CPU per search lower on the loop in 14 of 15
# phases (no cache 1.65/2.17/2.00 vs 2.27/2.56/2.33 ms; cached mix 2.07/1.87/1.66 vs 1.63/2.07/1.97),
# and p95 with 32 clients 49.7/58.0/44.3 vs 41.7/57.4/54.1 ms (cached mix), 43.1/54.5/51.7 vs
# 55.4/61.1/54.5 (no cache). The loop saves a hand-off, a thread wake-up and two GIL passes a search.
INLINE = True


class FastAnswer:
    """One address's lean path: cache key kind, content type and the plain function computing it."""

    def __init__(self, kind: str, content_type: bytes, compute: Compute) -> None:
        self.kind, self.content_type, self.compute = kind, content_type, compute

    def response(self, value: tuple[bytes, int], hit: bool) -> Response:
        """The routed handler's Response of an answer (same headers as the lean path sends)."""
        body, status = value
        return Response(body, status_code=status, media_type=self.content_type.decode(),
                        headers={"x-desk-cache": "hit" if hit else "miss"})

    async def __call__(self, app: Any, scope: Scope, receive: Receive, send: Send,
                       extra_headers: list[tuple[bytes, bytes]]) -> bool:
        """Answer the request; False (nothing sent) when the full stack should answer it instead."""
        scope["app"] = app  # what Starlette sets, so `request.app` and `desk(request)` work as routed
        request = Request(scope, receive)
        state: DeskState = app.state.desk
        try:
            (body, status), hit = await self.answer(request, state)
        except Exception:  # noqa: BLE001 - the routed handler answers it, errors in their one shape
            return False
        headers = [(b"x-desk-cache", b"hit" if hit else b"miss"), (b"content-length", str(len(body)).encode()),
                   (b"content-type", self.content_type), *extra_headers]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True

    async def answer(self, request: Request, state: DeskState) -> tuple[tuple[bytes, int], bool]:
        """(body, status) through the process's search cache, and whether it came from there. A request
        with `Cache-Control: no-cache` is computed afresh (the benchmark's cold figure); errors
        (unreadable queries, bad parameters) are raised, never cached."""
        key = (self.kind, request.scope["query_string"].decode("latin-1"))  # what request.url.query is
        if "no-cache" not in request.headers.get("cache-control", ""):
            hit = state.searches.get(key)
            if hit is not None:
                return hit, True
        if INLINE:
            value = self.compute(request, state)
        else:
            value = await state.in_thread(lambda: self.compute(request, state))
        state.searches.put(key, value)
        return value, False

