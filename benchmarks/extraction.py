"""Body extraction on ../shared/bench/extraction: ours beside trafilatura, readability-lxml, newspaper4k.

usage: python benchmarks/extraction.py [--limit N] [--tools newsdesk,trafilatura] [--json OUT] [--cold]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench.extraction import format_table, run

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "extraction"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=Path, default=SHARED / "html")
    ap.add_argument("--truth", type=Path, default=SHARED / "ground-truth.json")
    ap.add_argument("--text-dir", type=Path, default=None)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--tools", help="comma-separated subset of tools")
    ap.add_argument("--json", type=Path, help="write the result here")
    ap.add_argument("--cold", action="store_true", help="time imports and model loads too (no untimed first call)")
    args = ap.parse_args()
    result = run(args.pages, args.truth, tools=args.tools.split(",") if args.tools else None,
                 limit=args.limit, text_dir=args.text_dir, warm_up=not args.cold)
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
