"""Quote attribution on PolNeAR dev (../shared/bench/quotes): ours beside the GenderGapTracker rules
(ported to spaCy) and textacy-style direct quotes, all scored by the bench's own score.py, plus
throughput beside spaCy's nlp.pipe on the same texts (interleaved) and peak RSS.

usage: python benchmarks/quotes.py [--split-dir DIR] [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench.quotes import bench, report

SPLIT = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "quotes" / "polnear" / "dev"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split-dir", type=Path, default=SPLIT)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path, help="write the results here")
    args = ap.parse_args()
    result = bench(args.split_dir.resolve(), args.limit)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
