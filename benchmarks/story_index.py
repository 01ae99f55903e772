"""Story index with undated articles: ms per undated lookup and postings rows as the store grows.

usage: python benchmarks/story_index.py [--articles 5000] [--checkpoints 5] [--seed 0] [--synthetic 100000]

Ours (the collection-day window, quiet stories' postings pruned) beside every posting of the
lookup's terms and the postings an unpruned index would hold, in one run; see newsdesk/bench/story_index.py.
"""

from __future__ import annotations

import argparse

from newsdesk.bench import story_index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--checkpoints", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--synthetic", default="100000", help="sizes of the synthetic store ('' for none)")
    args = ap.parse_args()
    result = story_index.run(args.articles, args.checkpoints, args.seed)
    result["synthetic"] = story_index.synthetic([int(s) for s in args.synthetic.split(",") if s])
    print(story_index.format_result(result))


if __name__ == "__main__":
    main()
