"""The web benchmark's load: one event loop driving keep-alive HTTP/1.1 connections through a bare
asyncio.Protocol (no HTTP library: ~30 µs of client CPU per request), each client sending its next
request as soon as the last answer arrived (closed loop, no think time); latencies, statuses and the
desk's cache hits (its `X-Desk-Cache` header) are tallied per phase. See `web.py` for the whole run.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

_LENGTH = re.compile(rb"(?i)\r\ncontent-length:\s*(\d+)")
_CACHE_HIT = re.compile(rb"(?i)\r\nx-desk-cache:\s*hit")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    cache_hits: int = 0


class _Connection(asyncio.Protocol):
    """One keep-alive connection: send a request, collect the bytes of one answer (Content-Length framed)."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.waiter: asyncio.Future[bytes] | None = None
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0 or self.waiter is None or self.waiter.done():
            return
        m = _LENGTH.search(self.buffer, 0, end + 2)
        if m is None:
            self.waiter.set_exception(RuntimeError("answer without Content-Length"))
            return
        total = end + 4 + int(m.group(1))
        if len(self.buffer) >= total:
            head = bytes(self.buffer[:end + 2])
            del self.buffer[:total]
            self.waiter.set_result(head)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(exc or ConnectionError("server closed the connection"))

    async def get(self, request: bytes) -> bytes:
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.waiter


async def _client(port: int, paths: list[str], rng: random.Random, stop_at: float, tally: Tally,
                  extra_headers: str) -> None:
    loop = asyncio.get_running_loop()
    transport, conn = await loop.create_connection(_Connection, "127.0.0.1", port)
    conn.transport = transport  # uvloop may call connection_made only after create_connection returns
    host = f"Host: 127.0.0.1:{port}\r\n{extra_headers}"
    try:
        while time.perf_counter() < stop_at:
            request = f"GET {rng.choice(paths)} HTTP/1.1\r\n{host}\r\n".encode()
            start = time.perf_counter()
            head = await conn.get(request)
            tally.latencies.append(time.perf_counter() - start)
            tally.statuses[int(head[9:12])] += 1
            tally.cache_hits += bool(_CACHE_HIT.search(head))
    finally:
        transport.close()


async def _load(port: int, paths: list[str], clients: int, seconds: float, seed: int,
                extra_headers: str) -> dict[str, Any]:
    tally = Tally()
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(*(_client(port, paths, random.Random(seed + i), stop_at, tally, extra_headers)
                           for i in range(clients)))
    return summarise(tally, time.perf_counter() - started)


def summarise(tally: Tally, elapsed: float) -> dict[str, Any]:
    ms = sorted(x * 1000 for x in tally.latencies)

    def pct(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else 0.0

    return {"requests": len(ms), "rps": round(len(ms) / elapsed, 1), "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "max_ms": round(ms[-1], 1) if ms else 0.0,
            "mean_ms": round(statistics.fmean(ms), 1) if ms else 0.0, "statuses": dict(tally.statuses),
            "cache_hit_rate": round(tally.cache_hits / len(ms), 3) if ms else 0.0}


def run_phase(port: int, paths: list[str], clients: int, seconds: float, seed: int = 1,
              no_cache: bool = False) -> dict[str, Any]:
    headers = "Cache-Control: no-cache\r\n" if no_cache else ""
    try:
        import uvloop  # the same loop uvicorn uses: the cheapest client this machine has
        return uvloop.run(_load(port, paths, clients, seconds, seed, headers))  # type: ignore[no-any-return]
    except ImportError:
        return asyncio.run(_load(port, paths, clients, seconds, seed, headers))
