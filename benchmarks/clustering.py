"""Story clustering on ../shared/bench/clustering: ours beside TF-IDF + k-means, in one run.

usage: python benchmarks/clustering.py [--docs FILE ...] [--seed N] [--cv] [--tune] [--train-pairs] [--json OUT]

Every --docs file (default: ../shared/bench/clustering/*.jsonl): ours (incremental, documents fed
one at a time in a shuffled order, number of stories unknown) beside TF-IDF + k-means given the
gold number of clusters, scored by the set's own score.py. --tune adds the cross-validation over
topics of the whole method (pair model refitted and thresholds chosen on the other folds; minutes),
the honest figure; --cv does the same with the thresholds as set (only the pair model refitted
per fold; a fraction of --tune's cost). --train-pairs fits the pair model (newsdesk.stories.pairs.PAIR_WEIGHTS) on every
file and prints its weights with the held-out log-loss per topic fold.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench import clustering
from newsdesk.stories import repair_recluster

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "clustering"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, nargs="*")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--cv", action="store_true", help="cross-validation with the thresholds as set (cheap)")
    ap.add_argument("--train-pairs", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    docs = args.docs or sorted(SHARED.glob("*.jsonl"))
    out: dict[str, object] = {}
    if args.train_pairs:
        out["pairs"] = clustering.train_pairs(docs, seed=args.seed)
        print(json.dumps(out["pairs"]))
    if args.cv:
        fixed = {"LOCAL_THRESHOLD": (repair_recluster.LOCAL_THRESHOLD,)}
        out["cv"] = clustering.tune(docs, seed=args.seed, grid=fixed)
        print(json.dumps(out["cv"], indent=1))
    if args.tune:
        out["tune"] = clustering.tune(docs, seed=args.seed)
        print(json.dumps(out["tune"], indent=1))
    for path in docs:
        result = clustering.run(path, seed=args.seed)
        out[str(path)] = result
        print(clustering.format_result(result), "\n")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=str))


if __name__ == "__main__":
    main()
