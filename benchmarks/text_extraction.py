"""Body extraction from plain-text scrapes: ours beside the whole text and trafilatura fed the lines.

usage: python benchmarks/text_extraction.py [--text-dir DIR] [--truth FILE] [--cv] [--train] [--limit N] [--json OUT]

  --cv     also report 5-fold cross-validated F1 by page (trains 35 models: a few minutes)
  --train  retrain the shipped model (src/newsdesk/extract/data/text_lines.json) first
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench.text_extraction import cross_validate, format_table, run, train_model

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "extraction"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text-dir", type=Path, default=SHARED / "text")
    ap.add_argument("--truth", type=Path, default=SHARED / "ground-truth.json")
    ap.add_argument("--cv", action="store_true", help="add cross-validated F1 (development pages)")
    ap.add_argument("--train", action="store_true", help="retrain the shipped model first")
    ap.add_argument("--limit", type=int, help="only the first N pages")
    ap.add_argument("--json", type=Path, help="write the result here")
    args = ap.parse_args()
    if args.train:
        print(f"trained {train_model(args.text_dir, args.truth)}")
    result = run(args.text_dir, args.truth, limit=args.limit)
    if args.cv:
        result["cross_validated"] = cross_validate(args.text_dir, args.truth)
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
