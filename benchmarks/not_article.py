"""Not-article detection: precision and recall on real labelled pages and generated ones, beside a length-only rule.

usage: python benchmarks/not_article.py [--shared DIR] [--per-kind N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench.not_article import format_table, run

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the ../shared folder (corpus and bench pages)")
    ap.add_argument("--per-kind", type=int, default=8, help="generated pages of each kind")
    ap.add_argument("--json", type=Path, help="write the result here")
    args = ap.parse_args()
    result = run(args.shared.resolve(), per_kind=args.per_kind)
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
