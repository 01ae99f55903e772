"""Near duplicates: precision and recall on the labelled set generated from ../shared/corpus.

usage: python benchmarks/neardup.py [--corpus DIR] [--seed N]

The generator (realistic wire-copy edits as positives, nearest same-language articles as
negatives) is described in newsdesk/bench/neardup.py. Targets: precision >= 0.99, recall >= 0.95.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsdesk.bench import neardup

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    print(neardup.format_result(neardup.evaluate(neardup.generate(args.corpus, seed=args.seed))))


if __name__ == "__main__":
    main()
