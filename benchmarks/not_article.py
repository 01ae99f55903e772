"""Not-article detection: precision and recall on real labelled pages and generated ones, beside a length-only rule.

usage: python benchmarks/not_article.py [--shared DIR] [--per-kind N] [--train] [--cv] [--json OUT]

  --train  refit the link-farm model (src/newsdesk/extract/data/link_farm.json) on every labelled page first
  --cv     also report the link-farm model's 5-fold cross-validated precision and recall
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.bench.not_article import FARM_C, format_table, link_farm_cv, run, shape_rows, train_link_farm

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the ../shared folder (corpus and bench pages)")
    ap.add_argument("--per-kind", type=int, default=8, help="generated pages of each kind")
    ap.add_argument("--json", type=Path, help="write the result here")
    ap.add_argument("--train", action="store_true", help="refit the link-farm model first")
    ap.add_argument("--cv", action="store_true", help="cross-validate the link-farm model")
    args = ap.parse_args()
    shared = args.shared.resolve()
    if args.train:
        print(f"trained {train_link_farm(shared)}")
    if args.cv:
        rows = shape_rows(shared, args.per_kind)
        for c in sorted({0.1, 0.3, 1.0, 3.0, 10.0, FARM_C}):
            cv = link_farm_cv(rows, c)
            print(f"link-farm model, 5-fold CV, C={c}: " + "; ".join(
                f"{part} P {cv[part]['precision']:.3f} R {cv[part]['recall']:.3f} ({cv[part]['positives']} farms, "
                f"{cv[part]['pages']} pages)" for part in ("all", "real", "generated")))
    result = run(shared, per_kind=args.per_kind)
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
