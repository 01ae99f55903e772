"""Title, authors, date on ../shared/bench/metadata (fundus, postlight): ours beside trafilatura, newspaper4k.

usage: python benchmarks/metadata.py [--gold FILE ...] [--limit N] [--tools newsdesk,trafilatura]
                                    [--misses [TOOL]] [--misses-shown N]

--misses prints every page a tool (default: ours) got wrong, grouped by field and cause.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench.metadata import format_misses, format_table, misses, run

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "metadata"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, nargs="+",
                    default=[SHARED / "fundus" / "gold.jsonl", SHARED / "postlight" / "gold.jsonl"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--tools", help="comma-separated subset of tools")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--misses", nargs="?", const="newsdesk", help="print this tool's misses by cause")
    ap.add_argument("--misses-shown", type=int, help="at most this many pages per cause")
    args = ap.parse_args()
    results = []
    for gold in args.gold:
        result = run(None, gold, tools=args.tools.split(",") if args.tools else None, limit=args.limit)
        print(format_table(result), end="\n\n")
        if args.misses:
            print(format_misses(misses(result, args.misses), args.misses_shown), end="\n\n")
        results.append({k: v for k, v in result.items() if k != "predictions"})
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
