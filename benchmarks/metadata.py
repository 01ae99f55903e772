"""Title, authors, date on ../shared/bench/metadata (fundus, postlight): ours beside trafilatura, newspaper4k.

usage: python benchmarks/metadata.py [--gold FILE ...] [--limit N] [--tools newsdesk,trafilatura]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench.metadata import format_table, run

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "metadata"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, nargs="+",
                    default=[SHARED / "fundus" / "gold.jsonl", SHARED / "postlight" / "gold.jsonl"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--tools", help="comma-separated subset of tools")
    ap.add_argument("--json", type=Path, help="write the results here")
    args = ap.parse_args()
    results = []
    for gold in args.gold:
        result = run(None, gold, tools=args.tools.split(",") if args.tools else None, limit=args.limit)
        print(format_table(result), end="\n\n")
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
