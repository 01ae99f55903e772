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


def _html_pages(corpus: Path) -> list[bytes]:
    pages = []
    for path in sorted(corpus.rglob("*")):
        name = path.name.lower()
        if name.endswith((".html", ".htm")):
            pages.append(path.read_bytes())
        elif name.endswith((".html.gz", ".htm.gz")):
            pages.append(gzip.decompress(path.read_bytes()))
    return pages


def _ingest(corpus: Path, stages: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        cmd = [sys.executable, "-m", "newsdesk", "ingest", str(corpus), "--db", str(db), "--json", "-q",
               "--stages", stages]
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


def run(corpus: Path) -> dict[str, Any]:
    extract_only = _ingest(corpus, "extract")
    full = _ingest(corpus, "extract,understand,events")
    anchor = _trafilatura(_html_pages(corpus))
    return {"corpus": str(corpus), "extract_only": extract_only, "all_stages": full, "trafilatura": anchor}


def format_table(result: dict[str, Any]) -> str:
    e, f, t = result["extract_only"], result["all_stages"], result["trafilatura"]
    return "\n".join([
        f"Ingest of {result['corpus']} (fresh process and database each)",
        f"  {'run':44} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak RSS':>9}",
        f"  {'newsdesk ingest --stages extract':44} {e['pages']:6d} {e['seconds']:8.1f} {e['pages_per_s']:8.1f}"
        f" {e['peak_rss_mb']:7.0f}MB",
        f"  {'newsdesk ingest (all stages)':44} {f['pages']:6d} {f['seconds']:8.1f} {f['pages_per_s']:8.1f}"
        f" {f['peak_rss_mb']:7.0f}MB",
        f"  {'trafilatura.extract, HTML pages only, no store':44} {t['pages']:6d} {t['seconds']:8.1f}"
        f" {t['pages_per_s']:8.1f}",
        f"  ratio newsdesk (extract, stored) / trafilatura (bare): {e['pages_per_s'] / t['pages_per_s']:.2f}",
    ])
