"""Ingest throughput from local files and peak memory of an ingest of the whole corpus.

Each run is a fresh `newsdesk ingest` process into a new database, so the figures include
start-up, model loading and SQLite writes, as a user would see them. The anchor is
trafilatura's bare `extract()` over the same HTML pages in the same run (no storing, no
metadata beyond its own), the floor any ingest built on it would pay.
"""

from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsdesk.stages import module_available


def _html_pages(corpus: Path) -> list[bytes]:
    pages = []
    for path in sorted(corpus.rglob("*")):
        name = path.name.lower()
        if name.endswith((".html", ".htm")):
            pages.append(path.read_bytes())
        elif name.endswith((".html.gz", ".htm.gz")):
            pages.append(gzip.decompress(path.read_bytes()))
    return pages


def _ingest(corpus: Path, stages: str, *extra: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        cmd = [sys.executable, "-m", "newsdesk", "ingest", str(corpus), "--db", str(db), "--json", "-q",
               "--stages", stages, *extra]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        summary = json.loads(done.stdout)
    pages = summary["new"] + summary["updated"] + summary["unchanged"] + summary["not_article"] + sum(
        summary["failed"].values())
    return {"stages": stages, "pages": pages, "seconds": elapsed, "pages_per_s": pages / elapsed,
            # ru_maxrss of children is the largest child so far; valid when this run is the largest
            "peak_rss_mb": max(peak_kb, before) / 1024}


def _trafilatura(pages: list[bytes]) -> dict[str, Any]:
    import trafilatura

    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.decode("utf-8", "replace"))
    elapsed = time.perf_counter() - start
    return {"pages": len(pages), "seconds": elapsed, "pages_per_s": len(pages) / elapsed}


ALL = "extract,understand,events"


def run(corpus: Path, executors: bool = True) -> dict[str, Any]:
    """Extract-only and all-stage ingests; with `executors`, all stages on 2 processes and on Ray too."""
    result: dict[str, Any] = {"corpus": str(corpus), "extract_only": _ingest(corpus, "extract"),
                              "all_stages": _ingest(corpus, ALL)}
    if executors:
        result["all_stages_2_processes"] = _ingest(corpus, ALL, "--workers", "2")
        if module_available("ray"):
            result["all_stages_ray_2"] = _ingest(corpus, ALL, "--executor", "ray", "--workers", "2")
    result["trafilatura"] = _trafilatura(_html_pages(corpus))
    return result


ROWS = [("extract_only", "newsdesk ingest --stages extract"),
        ("all_stages", "newsdesk ingest (all stages)"),
        ("all_stages_2_processes", "newsdesk ingest --workers 2 (all stages)"),
        ("all_stages_ray_2", "newsdesk ingest --executor ray --workers 2"),
        ("trafilatura", "trafilatura.extract, HTML pages only, no store")]


def format_table(result: dict[str, Any]) -> str:
    lines = [f"Ingest of {result['corpus']} (fresh process and database each; Ray's start-up included)",
             f"  {'run':48} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak RSS':>9}"]
    for key, label in ROWS:
        if key in result:
            r = result[key]
            rss = f" {r['peak_rss_mb']:7.0f}MB" if "peak_rss_mb" in r else ""
            lines.append(f"  {label:48} {r['pages']:6d} {r['seconds']:8.1f} {r['pages_per_s']:8.1f}{rss}")
    e, t = result["extract_only"], result["trafilatura"]
    lines.append(f"  ratio newsdesk (extract, stored) / trafilatura (bare): {e['pages_per_s'] / t['pages_per_s']:.2f}")
    lines.append("  peak RSS is the largest single process (Ray's workers are not counted)")
    return "\n".join(lines)
