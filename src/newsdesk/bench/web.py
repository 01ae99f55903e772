"""Web desk under load: listing pages, article pages and search with 32 concurrent clients on a
store of 100,000+ synthetic articles (see synth.py), ours beside an anchor measured in the same run.

How it runs: the desk runs as its own process(es) (uvicorn, as `newsdesk serve` runs it) so its
memory is measured alone. The load comes from this process: one uvloop event loop driving
`--clients` keep-alive HTTP/1.1 connections through a bare asyncio.Protocol (no HTTP library:
~30 µs of client CPU per request), each client sending its next request as soon as the last
answer arrived (closed loop, no think time). Client and server share the machine's cores.

What is asked for is drawn the way readers ask:
- listing pages start at `?before=` cursors picked uniformly over the whole store (no two alike);
- article pages are random articles;
- searches follow a Zipf law (s = 1) over the store's own vocabulary (stopwords left out), as
  search logs do: single words, two-word queries, phrases taken from stored text, prefixes, a
  share with filters (language, category, date) or sorted by date, some second pages. The server
  says in an `X-Desk-Cache` header whether it answered from its result cache; the hit rate is
  reported, and search is measured again with `Cache-Control: no-cache`, which makes the desk
  skip its cache: the cold figure. The cached phases follow an untimed warm-up of the same
  length (other draws from the same distribution): a desk that has been serving a while.

The anchor (`--anchor-src`, `--anchor-db`) is another checkout of the desk (e.g. the code before a
change: `git archive <commit> src | tar -x -C /tmp/anchor`), served from its own copy of the store
and measured phase by phase interleaved with ours, so both see the same machine load.

This module runs the desk and the phases; the load client is in `web_load.py`, the search mix in
`web_queries.py`.

usage: python benchmarks/web.py [--articles 100000] [--seconds 8] [--clients 32] [--workers 1]
       [--anchor-src DIR/src --anchor-db PATH] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.bench.synth import synthesise_store
from newsdesk.bench.web_load import run_phase
from newsdesk.bench.web_queries import search_paths
from newsdesk.store import open_store
from newsdesk.store.desk import Cursor
from newsdesk.store.search_index import index_dir, sync_search_index
from newsdesk.web.cards import fill_cards

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / ".." / "shared" / "corpus"
TARGETS = {"search_p95_ms": 50.0, "page_p99_ms": 100.0, "rss_mb": 300.0}


# -- the server ------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int = 1, src: Path | None = None) -> subprocess.Popen[bytes]:
    """The desk in its own process(es), started as `newsdesk serve` starts it; `src` serves another checkout."""
    code = ("import uvicorn; from newsdesk.settings import Settings; from newsdesk.web.app import create_app;"
            f"uvicorn.run(create_app({str(db)!r}, Settings(db={str(db)!r})), host='127.0.0.1', port={port},"
            " log_level='warning', access_log=False, server_header=False)")
    if workers > 1:  # as `newsdesk serve --workers N` runs them (web/serving.py), or uvicorn's for older code
        code = (f"opts = dict(log_level='warning', access_log=False, server_header=False)\n"
                "try:\n    from newsdesk.web.serving import run_workers\n"
                "except ImportError:\n    import uvicorn\n"
                f"    uvicorn.run('newsdesk.web.app:app_from_env', factory=True, host='127.0.0.1', port={port},"
                f" workers={workers}, **opts)\n"
                f"else:\n    run_workers('127.0.0.1', {port}, {workers}, **opts)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")} | {"NEWSDESK_DB": str(db)}
    if src:
        env["PYTHONPATH"] = str(src)  # ahead of the editable install of this checkout
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=30) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the desk server did not start within 120 s")


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


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its children (uvicorn workers), from /proc."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out + [g for c in out for g in _children(c)]

# -- the whole benchmark ---------------------------------------------------------------------------
def ensure_store(db: Path, articles: int) -> dict[str, Any]:
    """Reuse a synthesised store of the right size, or build one (fresh file); then bring its search
    index up to date (built once, ~1 min at 100k articles; the desk would otherwise build it itself
    in the background and answer from FTS5 meanwhile, which is not the steady state to measure)."""
    info: dict[str, Any] | None = None
    if db.exists():
        with sqlite3.connect(db) as conn:
            count = conn.execute("SELECT COUNT(*) FROM articles WHERE kind = 'article'").fetchone()[0]
        if count >= articles:
            info = {"articles": count, "reused": True, "db_bytes": db.stat().st_size}
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
    if info is None:
        db.parent.mkdir(parents=True, exist_ok=True)
        info = synthesise_store(db, CORPUS, n=articles)
    with open_store(db) as store:
        report = sync_search_index(store)
        started = time.monotonic()
        cards = fill_cards(store.conn)  # as the desk does at start-up, in the background
    info["search_index"] = {"rebuilt": report.rebuilt, "indexed": report.indexed, "seconds": report.seconds,
                            "bytes": sum(f.stat().st_size for f in index_dir(db).iterdir() if f.is_file())}
    info["listing_cards"] = {"stored": cards, "seconds": round(time.monotonic() - started, 1)}
    return info


@dataclass
class Server:
    name: str
    db: Path
    workers: int
    src: Path | None = None
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.port = free_port()
        self.proc = start_server(self.db, self.port, self.workers, self.src)

    def stop(self) -> dict[str, float]:
        assert self.proc is not None
        memory = rss_mb(self.proc.pid)
        self.proc.terminate()
        self.proc.wait(20)
        return memory


def phases(db: Path, clients: int, seconds: float) -> list[tuple[str, list[str], int, float, bool]]:
    """(name, paths, clients, seconds, no_cache) for each timed phase. Phases named in WARMED
    follow an untimed warm-up (see run)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        picked = conn.execute("SELECT id, COALESCE(published, first_seen) FROM articles WHERE kind = 'article'"
                              " ORDER BY random() LIMIT 5000").fetchall()
        api = search_paths(conn)
    html = [p.replace("/api/search?", "/search?", 1) for p in api]
    deep = [f"/?before={Cursor(r[1], r[0]).encode()}" for r in picked]
    return [
        ("/", ["/"], clients, seconds, False),
        ("/?before= (uncached)", deep, clients, seconds, False),
        ("/article/{id}", [f"/article/{r[0]}" for r in picked], clients, seconds, False),
        ("/api/search", api, clients, seconds, False),
        ("/api/search no cache", api, clients, seconds, True),
        ("/api/search 1 client", api, 1, seconds / 2, False),
        ("/api/search 1 cl. no cache", api, 1, seconds / 2, True),
        ("/search (HTML)", html, clients, seconds / 2, False),
    ]


# Cached search phases start after an untimed warm-up of the same length (other draws from the same
# query distribution), standing for a desk that has been answering searches for a while.
WARMED = ("/api/search", "/search (HTML)")
PHASE_NAMES = ("/", "/?before= (uncached)", "/article/{id}", "/api/search", "/api/search no cache",
               "/api/search 1 client", "/api/search 1 cl. no cache", "/search (HTML)")


def _warm(server: Server) -> None:
    for path in ("/", "/article/1", "/api/search?q=government", "/search?q=government", "/stats"):
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}", timeout=120).read()


def run(db: Path, articles: int = 100_000, clients: int = 32, seconds: float = 8.0, workers: int = 1,
        anchor_src: Path | None = None, anchor_db: Path | None = None, anchor_workers: int = 1,
        only: list[str] | None = None) -> dict[str, Any]:
    store_info = ensure_store(db, articles)
    servers = [Server("ours", db, workers)]
    if anchor_src:
        servers.insert(0, Server("anchor", anchor_db or db, anchor_workers, anchor_src))
    plan = [p for p in phases(db, clients, seconds) if not only or any(word in p[0] for word in only)]
    load_before = os.getloadavg()
    results: dict[str, dict[str, Any]] = {s.name: {} for s in servers}
    memory: dict[str, dict[str, float]] = {}
    try:
        for server in servers:
            server.start()
            _warm(server)
        for name, paths, n_clients, secs, no_cache in plan:
            for server in servers:  # interleaved: each phase runs on both before the next phase
                assert server.proc is not None
                if name in WARMED:  # a desk that has served a while: other draws, same distribution
                    run_phase(server.port, paths, n_clients, secs, seed=1000)
                cpu = cpu_seconds(server.proc.pid)
                result = run_phase(server.port, paths, n_clients, secs, no_cache=no_cache)
                # Server CPU per request does not depend on how busy the machine is: it says what
                # the desk costs, where latency under 32 clients also says what else was running.
                result["server_cpu_ms_per_request"] = round(
                    1000 * (cpu_seconds(server.proc.pid) - cpu) / max(1, result["requests"]), 2)
                results[server.name][name] = result
    finally:
        for server in servers:
            if server.proc is not None:
                memory[server.name] = server.stop()
    return {"store": store_info, "clients": clients, "seconds_per_phase": seconds,
            "servers": {s.name: {"workers": s.workers, "src": str(s.src or "this checkout"), "db": str(s.db),
                                 "memory": memory.get(s.name), "phases": results[s.name]} for s in servers},
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()], "targets": TARGETS,
            "cpu_count": os.cpu_count(), "client": "one uvloop event loop in the bench process, raw HTTP/1.1"
            " keep-alive over asyncio.Protocol, closed loop (next request when the answer arrives), on the"
            " same cores as the server"}


def format_table(result: dict[str, Any]) -> str:
    servers = result["servers"]
    lines = [f"web desk on {result['store']['articles']:,} articles, {result['clients']} concurrent clients,"
             f" {result['seconds_per_phase']} s per phase; machine load average {result['load_average_before'][0]}"
             f" on {result['cpu_count']} CPUs",
             f"client: {result['client']}",
             "cpu ms/req: server CPU time (all its processes) per answered request, whatever else runs on the machine"]
    for name, s in servers.items():
        lines.append(f"{name}: {s['workers']} server process(es), code {s['src']}, store {s['db']}")
    lines.append(f"{'endpoint':<28}{'server':<8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
                 f"{'cache':>7}{'5xx':>6}{'cpu ms/req':>11}")
    for phase in next(iter(servers.values()))["phases"]:
        for name, s in servers.items():
            p = s["phases"][phase]
            errors = sum(n for code, n in p["statuses"].items() if int(code) >= 500)
            lines.append(f"{phase:<28}{name:<8}{p['rps']:>8}{p['p50_ms']:>8}{p['p95_ms']:>8}{p['p99_ms']:>8}"
                         f"{p['cache_hit_rate']:>7.0%}{errors:>6}{p['server_cpu_ms_per_request']:>11}")
    for name, s in servers.items():
        mem = s["memory"] or {}
        lines.append(f"{name} server memory: {mem.get('rss_mb')} MB RSS at the end, peak {mem.get('peak_rss_mb')} MB"
                     " (sum over processes)")
    if len(next(iter(servers.values()))["phases"]) == len(PHASE_NAMES):
        lines += _checks(servers["ours"])
    return "\n".join(lines)


def _checks(ours: dict[str, Any]) -> list[str]:
    ph, mem = ours["phases"], ours["memory"] or {}
    checks = [("search p95 (32 clients)", ph["/api/search"]["p95_ms"], TARGETS["search_p95_ms"]),
              ("search p95 (32, no cache)", ph["/api/search no cache"]["p95_ms"], TARGETS["search_p95_ms"]),
              ("page p99 /", ph["/"]["p99_ms"], TARGETS["page_p99_ms"]),
              ("page p99 /?before=", ph["/?before= (uncached)"]["p99_ms"], TARGETS["page_p99_ms"]),
              ("page p99 /article", ph["/article/{id}"]["p99_ms"], TARGETS["page_p99_ms"]),
              ("page p99 /search (HTML)", ph["/search (HTML)"]["p99_ms"], TARGETS["page_p99_ms"]),
              ("server peak RSS MB", mem.get("peak_rss_mb", 0.0), TARGETS["rss_mb"])]
    return ["ours against the targets:"] + [
        f"  {label:<28} {value:>8} (target < {target}: {'ok' if value < target else 'MISSED'})"
        for label, value, target in checks]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=8.0, help="length of each timed phase")
    ap.add_argument("--db", type=Path, default=ROOT / "bench-results" / "web-store.db",
                    help="synthesised store (reused when it already holds enough articles)")
    ap.add_argument("--workers", type=int, default=1, help="server processes (`newsdesk serve --workers`)")
    ap.add_argument("--anchor-src", type=Path, help="the `src` folder of another checkout to measure beside ours")
    ap.add_argument("--anchor-db", type=Path, help="the anchor's copy of the store (its migrations may differ)")
    ap.add_argument("--anchor-workers", type=int, default=1)
    ap.add_argument("--only", action="append", help="run only phases whose name contains this (repeatable)")
    ap.add_argument("--json", type=Path, help="write the result here")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir() and not args.db.exists():
        sys.exit("../shared/corpus is missing: the web benchmark synthesises its store from it")
    result = run(args.db, args.articles, args.clients, args.seconds, args.workers, args.anchor_src, args.anchor_db,
                 args.anchor_workers, args.only)
    print(format_table(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
