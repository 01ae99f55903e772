"""Ingest throughput (pages/s) from local files and peak RSS of an ingest of the whole corpus.

usage: python benchmarks/ingest.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsdesk.bench.ingest import format_table, run

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    print(format_table(run(ap.parse_args().corpus.resolve())))


if __name__ == "__main__":
    main()
