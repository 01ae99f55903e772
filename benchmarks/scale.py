"""Story clustering cost as the store grows: ms per article at 10k, 100k and 1M stored articles, memory at 1M.

usage: python benchmarks/scale.py [--sizes 10000,100000,1000000] [--sample N]

Ours (index lookup) beside the all-pairs anchor (the same scoring against every story), timed on
a sample of insertions at each size of a synthesised store; see newsdesk/bench/scale.py.
"""

from __future__ import annotations

import argparse

from newsdesk.bench import scale


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--sample", type=int, default=scale.SAMPLE)
    args = ap.parse_args()
    print(scale.format_result(scale.run([int(s) for s in args.sizes.split(",")], sample=args.sample)))


if __name__ == "__main__":
    main()
