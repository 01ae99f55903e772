"""Web desk under load: `/`, an article page and `/api/search` with 32 concurrent clients on a
store of 100,000+ synthetic articles (see synth.py).

The server runs as its own process (uvicorn, as `newsdesk serve` runs it) so its memory is
measured alone; the load comes from a small asyncio HTTP/1.1 keep-alive client in this
process, cheap enough per request that the client does not become the bottleneck on a
2-core machine. Each endpoint gets its own timed phase; search is also measured with one
client, where latency is the query's own cost and not queueing behind 31 others.

usage: python benchmarks/web.py [--articles 100000] [--seconds 10] [--clients 32] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from newsdesk.bench.synth import corpus_pool, synthesise_store
from newsdesk.store.desk import Cursor

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / ".." / "shared" / "corpus"
TARGETS = {"search_p95_ms": 50.0, "page_p99_ms": 100.0, "rss_mb": 300.0}
_LENGTH = re.compile(rb"(?i)\r\ncontent-length:\s*(\d+)")


# -- the server ------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """The desk in its own process(es), started as `newsdesk serve` starts it."""
    code = ("import uvicorn; from newsdesk.settings import Settings; from newsdesk.web.app import create_app;"
            f"uvicorn.run(create_app({str(db)!r}, Settings(db={str(db)!r})), host='127.0.0.1', port={port},"
            " log_level='warning', access_log=False, server_header=False)")
    if workers > 1:
        code = ("import uvicorn; uvicorn.run('newsdesk.web.app:app_from_env', factory=True, host='127.0.0.1',"
                f" port={port}, workers={workers}, log_level='warning', access_log=False, server_header=False)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")} | {"NEWSDESK_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=30) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the desk server did not start within 60 s")


def rss_mb(pid: int) -> dict[str, float]:
    """Resident memory of a process and its children (uvicorn workers), now and at peak, from /proc."""
    total = {"VmRSS": 0.0, "VmHWM": 0.0}
    for p in [pid, *_children(pid)]:
        try:
            lines = Path(f"/proc/{p}/status").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith(("VmRSS:", "VmHWM:")):
                total[line.split(":")[0]] += int(line.split()[1]) / 1024
    return {"rss_mb": round(total["VmRSS"], 1), "peak_rss_mb": round(total["VmHWM"], 1)}


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out + [g for c in out for g in _children(c)]


# -- the load ------------------------------------------------------------------------------------
async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    m = _LENGTH.search(head)
    if m:
        await reader.readexactly(int(m.group(1)))
    else:  # chunked
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip() or b"0", 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _client(port: int, paths: list[str], rng: random.Random, stop_at: float,
                  latencies: list[float], statuses: Counter[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop_at:
            path = rng.choice(paths)
            start = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            statuses[await _read_response(reader)] += 1
            latencies.append(time.perf_counter() - start)
    finally:
        writer.close()


async def _load(port: int, paths: list[str], clients: int, seconds: float, seed: int) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(*(_client(port, paths, random.Random(seed + i), stop_at, latencies, statuses)
                           for i in range(clients)))
    elapsed = time.perf_counter() - started
    return summarise(latencies, elapsed, statuses)


def summarise(latencies: list[float], elapsed: float, statuses: Counter[int]) -> dict[str, Any]:
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else 0.0

    return {"requests": len(ms), "rps": round(len(ms) / elapsed, 1), "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "max_ms": round(ms[-1], 1) if ms else 0.0,
            "mean_ms": round(statistics.fmean(ms), 1) if ms else 0.0, "statuses": dict(statuses)}


def run_phase(port: int, paths: list[str], clients: int, seconds: float, seed: int = 1) -> dict[str, Any]:
    return asyncio.run(_load(port, paths, clients, seconds, seed))


# -- what to ask for -----------------------------------------------------------------------------
def search_queries(n: int = 200, seed: int = 3) -> list[str]:
    """Queries drawn like a reader's: words picked by their frequency in the corpus (so common,
    costly words come up as often as they would), plus some two-word phrases and prefixes."""
    rng = random.Random(seed)
    pool = corpus_pool(CORPUS)
    sentences = [s for ss in pool.sentences.values() for s in ss]
    out: list[str] = []
    while len(out) < n:
        words = [w.strip(".,;:()\"'").lower() for w in rng.choice(sentences).split()]
        words = [w for w in words if w.isalpha() and len(w) > 3]
        if len(words) < 2:
            continue
        kind = rng.random()
        i = rng.randrange(len(words) - 1)
        if kind < 0.7:
            out.append(words[i])
        elif kind < 0.85:
            out.append(f'"{words[i]} {words[i + 1]}"')
        else:
            out.append(words[i][:4] + "*")
    return out


def _quote(q: str) -> str:
    return urllib.parse.quote(q, safe="")


# -- the whole benchmark ---------------------------------------------------------------------------
def ensure_store(db: Path, articles: int) -> dict[str, Any]:
    """Reuse a synthesised store of the right size, or build one (fresh file)."""
    if db.exists():
        import sqlite3

        with sqlite3.connect(db) as conn:
            count = conn.execute("SELECT COUNT(*) FROM articles WHERE kind = 'article'").fetchone()[0]
        if count >= articles:
            return {"articles": count, "reused": True, "db_bytes": db.stat().st_size}
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    return synthesise_store(db, CORPUS, n=articles)


def run(db: Path, articles: int = 100_000, clients: int = 32, seconds: float = 10.0,
        workers: int = 1) -> dict[str, Any]:
    store_info = ensure_store(db, articles)
    import sqlite3

    with sqlite3.connect(db) as conn:
        picked = conn.execute("SELECT id, COALESCE(published, first_seen) FROM articles WHERE kind = 'article'"
                              " ORDER BY random() LIMIT 2000").fetchall()
    ids = [r[0] for r in picked]
    # Listing pages that start at random depths: each URL distinct, so none is served from the page cache.
    deep = [f"/?before={Cursor(r[1], r[0]).encode()}" for r in picked]
    queries = search_queries(1000)
    port = free_port()
    proc = start_server(db, port, workers)
    load_before = os.getloadavg()
    try:
        for path in ("/", f"/article/{ids[0]}", "/api/search?q=government", "/stats"):  # warm caches and pages
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
        phases = {
            "/": run_phase(port, ["/"], clients, seconds),
            "/?before= (uncached)": run_phase(port, deep, clients, seconds),
            "/article/{id}": run_phase(port, [f"/article/{i}" for i in ids], clients, seconds),
            "/api/search": run_phase(port, [f"/api/search?q={_quote(q)}" for q in queries], clients, seconds),
            "/api/search (1 client)": run_phase(port, [f"/api/search?q={_quote(q)}" for q in queries], 1, seconds),
            "/search (HTML)": run_phase(port, [f"/search?q={_quote(q)}" for q in queries], clients, seconds / 2),
        }
        memory = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
    return {"store": store_info, "clients": clients, "workers": workers, "seconds_per_phase": seconds,
            "phases": phases, "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "server": memory, "targets": TARGETS, "cpu_count": os.cpu_count(),
            "anchors": "Miniflux and FreshRSS are not installable here (not in this machine's Debian archive,"
                       " no Go/PHP registries offline); not measured."}


def format_table(result: dict[str, Any]) -> str:
    lines = [f"web desk on {result['store']['articles']:,} articles, {result['clients']} concurrent clients,"
             f" {result['workers']} server process(es), {result['seconds_per_phase']} s per phase;"
             f" machine load average {result['load_average_before'][0]} on {result['cpu_count']} CPUs",
             f"{'endpoint':<26}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"]
    for name, p in result["phases"].items():
        errors = sum(n for s, n in p["statuses"].items() if int(s) >= 500)
        lines.append(f"{name:<26}{p['rps']:>9}{p['p50_ms']:>9}{p['p95_ms']:>9}{p['p99_ms']:>9}{errors:>8}")
    mem = result["server"]
    lines.append(f"server memory: {mem['rss_mb']} MB RSS, peak {mem['peak_rss_mb']} MB")
    ph = result["phases"]
    checks = [
        ("search p95 (32 clients)", ph["/api/search"]["p95_ms"], TARGETS["search_p95_ms"]),
        ("search p95 (1 client)", ph["/api/search (1 client)"]["p95_ms"], TARGETS["search_p95_ms"]),
        ("page p99 /", ph["/"]["p99_ms"], TARGETS["page_p99_ms"]),
        ("page p99 / uncached", ph["/?before= (uncached)"]["p99_ms"], TARGETS["page_p99_ms"]),
        ("page p99 /article", ph["/article/{id}"]["p99_ms"], TARGETS["page_p99_ms"]),
        ("server peak RSS MB", mem["peak_rss_mb"], TARGETS["rss_mb"]),
    ]
    for label, value, target in checks:
        lines.append(f"  {label:<26} {value:>8} (target < {target}: {'ok' if value < target else 'MISSED'})")
    lines.append(f"anchors: {result['anchors']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=10.0, help="length of each timed phase")
    ap.add_argument("--db", type=Path, default=ROOT / "bench-results" / "web-store.db",
                    help="synthesised store (reused when it already holds enough articles)")
    ap.add_argument("--workers", type=int, default=1, help="server processes (`newsdesk serve --workers`)")
    ap.add_argument("--json", type=Path, help="write the result here")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        sys.exit("../shared/corpus is missing: the web benchmark synthesises its store from it")
    result = run(args.db, args.articles, args.clients, args.seconds, args.workers)
    print(format_table(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
