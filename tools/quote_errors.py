"""Where the quote pipeline goes wrong, from held-out predictions with their filter and ranker scores.

    python tools/quote_errors.py SCORED.pkl [--split-dir DIR] [--filter 0.5] [--gate 0.4] [--json]

SCORED.pkl holds {article: [(quote dict with "text" and "speaker", filter P, ranker P), ...]} for every
candidate of each article, as the cross-validated folds of `train_quote_filter.py cv-gate` score them
(the session-14 scripts pickled `predict_scored`'s output). A candidate is kept when its filter P is at
least --filter and filter P x ranker P at least --gate (`quotes.SPEAKER_GATE`). Kept ones are matched to
the gold as score.py matches them (in order, each to the unmatched gold its words cover best, over 0.3).

Counted (session 14, F2, for sorting by reading):
- unmatched: kept predictions that match no gold;
- elsewhere: kept predictions matched to a gold whose Content span does not overlap the prediction's
  place in the text (score.py matches by shared words, so a short gold such as "her" takes any
  prediction holding the word);
- missed gold, by the candidates whose place overlaps its Content span: "kept" (one was kept but went
  to another gold or covers too little of it), "gate" (the filter kept one, the speaker gate did not),
  "filter" (the filter dropped every one), "none" (no rule proposed a candidate there).
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

from newsdesk.bench.quote_pairs import content_span, match, overlaps, place
from newsdesk.bench.quotes import load_scorer

SPLIT = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "quotes" / "polnear" / "train"


def missed_group(span: tuple[int, int], cands: list[tuple[tuple[int, int] | None, float, float]],
                 filt: float, gate: float) -> str:
    """What the candidates at a missed gold's place were."""
    there = [(cf, p) for at, cf, p in cands if overlaps(at, span)]
    if not there:
        return "none"
    if any(cf >= filt and cf * p >= gate for cf, p in there):
        return "kept"
    return "gate" if any(cf >= filt for cf, _ in there) else "filter"


def article_counts(score: Any, text: str, raw: list[dict[str, Any]], items: list[dict[str, Any]],
                   scored: list[tuple[dict[str, Any], float, float]], filt: float, gate: float) -> Counter[str]:
    kept = [q for q, cf, p in scored if cf >= filt and cf * p >= gate]
    pairs = match(score, items, kept)
    spans = [content_span(g) for g in raw]
    out: Counter[str] = Counter(kept=len(kept), gold=len(items), matched=len(pairs))
    out["unmatched"] = len(kept) - len(pairs)
    out["elsewhere"] = sum(not overlaps(place(text, kept[k]), spans[i]) for i, k in pairs.items())
    cands = [(place(text, q), cf, p) for q, cf, p in scored]
    for i, it in enumerate(items):
        if i not in pairs and it["content"]:
            out["missed:" + missed_group(spans[i], cands, filt, gate)] += 1
    return out


def counts(scored: dict[str, list[tuple[dict[str, Any], float, float]]], split: Path, filt: float,
           gate: float) -> Counter[str]:
    score = load_scorer(split)  # score.py beside the split, read in place
    gold = score.gold_for_split(split)
    anns = {Path(p).name.rsplit("_", 1)[0]: p for p in sorted((split / "attributions").glob("*.ann"), reverse=True)}
    total: Counter[str] = Counter()
    for doc, cands in scored.items():
        text = (split / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        total += article_counts(score, text, score.parse_ann(str(anns[doc])), gold[doc]["items"], cands, filt, gate)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scored", type=Path)
    ap.add_argument("--split-dir", type=Path, default=SPLIT)
    ap.add_argument("--filter", type=float, default=0.5)
    ap.add_argument("--gate", type=float, default=0.4)
    ap.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    args = ap.parse_args()
    total = counts(pickle.loads(args.scored.read_bytes()), args.split_dir.resolve(), args.filter, args.gate)
    if args.json:
        print(json.dumps(dict(sorted(total.items()))))
        return
    for key, n in sorted(total.items()):
        print(f"{key:<16} {n}")


if __name__ == "__main__":
    main()
