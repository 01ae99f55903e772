"""Story clustering, near duplicates and scale: ours beside the anchors, in one run.

usage: python benchmarks/clustering.py [--docs FILE ...] [--seed N] [--neardup] [--scale] [--tune] [--json OUT]

- clustering: every --docs file (default: ../shared/bench/clustering/*.jsonl), ours (incremental,
  shuffled order, number of stories unknown) beside TF-IDF + k-means given the gold number;
- --neardup: precision/recall on the near-duplicate set generated from ../shared/corpus;
- --scale: per-article clustering time at 10k, 100k and 1M synthesised stored articles, memory at 1M;
- --tune: the cross-validated threshold search over topics (slow: minutes).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench import clustering

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, nargs="*")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--neardup", action="store_true")
    ap.add_argument("--scale", action="store_true")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    docs = args.docs or sorted((SHARED / "bench" / "clustering").glob("*.jsonl"))
    out: dict[str, object] = {}
    if args.tune:
        out["tune"] = clustering.tune(docs, seed=args.seed)
        print(json.dumps(out["tune"], indent=1))
    for path in docs:
        result = clustering.run(path, seed=args.seed)
        out[str(path)] = result
        print(clustering.format_result(result), "\n")
    if args.neardup:
        from newsdesk.bench import neardup

        result = neardup.evaluate(neardup.generate(SHARED / "corpus"))
        out["neardup"] = result
        print(neardup.format_result(result), "\n")
    if args.scale:
        from newsdesk.bench import scale

        result = scale.run([int(s) for s in args.sizes.split(",")])
        out["scale"] = result
        print(scale.format_result(result))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=str))


if __name__ == "__main__":
    main()
