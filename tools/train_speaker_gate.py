"""Fit and cross-validate the learned speaker gate (`newsdesk.understand.speaker_gate`) on PolNeAR train.

    python tools/train_speaker_gate.py dump --docs CACHE OUT.pkl [--split-dir DIR] [--folds 5]
    python tools/train_speaker_gate.py cv   DUMP.pkl [--split-dir DIR]
    python tools/train_speaker_gate.py fit  DUMP.pkl [--split-dir DIR] [--min-f1 0.755]

`dump` runs the 5-fold CV of the quote pipeline as `train_quote_filter.py cv-gate --tensor
--tensor-scale 0.1 --tensor-ranker 0.1` does (cue lexicon, filter and ranker refitted on the other
folds, filter 0.3, no gate, the learned gate off) and keeps every held-out quote with its filter P,
ranker P, the gate's features (`speaker_gate.features`, left by annotate in the Doc) and its place.
`cv` stacks the gate on that dump: fitted on four folds' quotes, applied to the fifth, F1@0.3 /
speaker accuracy at each threshold beside the product gate (`quotes.SPEAKER_GATE`). `fit` picks the
highest threshold (by 0.01) whose stacked CV F1@0.3 stays >= --min-f1, fits the gate on every
fold's quotes and writes `src/newsdesk/understand/data/speaker_gate.json`. Quotes below the filter
threshold (`quote_filter.THRESHOLD`) are neither learned from nor kept.
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path
from typing import Any

import train_quote_filter as t

from newsdesk.bench.quotes import load_scorer
from newsdesk.records import Article
from newsdesk.understand import quote_filter, speaker_gate
from newsdesk.understand.annotate import annotate_doc

OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "understand" / "data" / speaker_gate.FILE
C = 1.0  # L2 strength; 0.3 gave the same curve (session 21)
THRESHOLDS = [round(0.3 + 0.05 * i, 2) for i in range(10)]
PRODUCT_GATES = (0.4, 0.45, 0.5, 0.55, 0.58, 0.6, 0.62, 0.64, 0.66)

# article -> [(quote {"text", "speaker"}, filter P, ranker P, gate features, (start, end))]
Dump = dict[str, list[tuple[dict[str, Any], float, float, dict[str, float], tuple[int, int]]]]


def dump(split_dir: Path, cache: Path, folds: int) -> Dump:
    from train_speakers import collect as speaker_problems
    from train_speakers import load_docs

    t.TENSOR.update(on=True, scale=0.1, ranker=0.1)
    docs = [(i, d) for i, d in load_docs(split_dir, cache) if i in t.ann_files(split_dir)]
    fold = t.folds_of([i for i, _ in docs], folds)
    probs = speaker_problems(split_dir, cache)
    out: Dump = {}
    for k, held, rows in t.fold_runs(docs, split_dir, fold, folds):
        train = [p for p in probs if fold(p.article) != k]
        with t.models(t.fit(rows), t.fit_speakers(train), 0.3, gate=0.0, tensor=t.fit_tensor(rows),
                      ranker=t.fold_ranker(train)):
            out.update(_held_out(held))
        print("fold", k, "done", flush=True)
    return out


def _held_out(docs: list[tuple[str, Any]]) -> Dump:
    out: Dump = {}
    with t.found_quotes() as found:
        for doc_id, doc in docs:
            doc.user_data.clear()
            qs = annotate_doc(Article(text=doc.text, language="en"), doc).quotes  # the gate is off: all of them
            views = doc.user_data[speaker_gate.FEATURES_KEY]
            # "written": the speaker as the text writes it ("the senator"), which `labels` judges
            # when the name was reached through that description
            out[doc_id] = [({"text": q.text, "speaker": q.speaker,
                             "written": doc.text[q.speaker_start:q.speaker_end] if q.speaker_end else None},
                            f.confidence, f.speaker_p, x, (f.start, f.end))
                           for q, f, x in zip(qs, found, views, strict=True)]
    return out


def labels(split_dir: Path, scored: Dump) -> dict[tuple[str, int], int]:
    """1 when the quote overlaps a gold attribution whose source its speaker matches (score.py's
    speaker_ok) or whose source score.py does not judge (a pronoun alone); else 0. A speaker named
    through a description ("The senator said" -> Chris Murphy) is judged by the description as
    written: PolNeAR's source is "The senator", which score.py finds no word of in "Chris Murphy",
    and PolNeAR marks no coreference to tell a right resolution from a wrong one. Judged by the name
    (session 21), 51 of 77 such quotes over train counted wrong, nearly all of them right readings
    ("The president said" -> Barack Obama, "the mayor" -> Don Guardian), and the gate learned to
    drop every quote whose speaker `role_nouns` had named: the resolution the issue asks for."""
    score = load_scorer(split_dir)
    anns = t.ann_files(split_dir)
    out = {}
    for doc, cands in scored.items():
        text = (split_dir / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        golds = [(min(a for a, _ in g["Content"]), max(b for _, b in g["Content"]),
                  score.span_text(text, g.get("Source", []))) for g in score.parse_ann(str(anns[doc]))]
        for j, (q, _, _, x, (lo, hi)) in enumerate(cands):
            said_by = q.get("written") if x.get("how=description") and q.get("written") else q["speaker"]
            oks = [score.speaker_ok(said_by, src) for a, b, src in golds if lo < b and a < hi]
            out[(doc, j)] = int(any(ok is not False for ok in oks))
    return out


def fit_gate(rows: list[tuple[dict[str, float], int]]) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    m = LogisticRegression(C=C, max_iter=5000).fit(vec.fit_transform([x for x, _ in rows]), [y for _, y in rows])
    return dict(zip(vec.get_feature_names_out(), map(float, m.coef_[0]), strict=True)), float(m.intercept_[0])


def stacked(scored: Dump, y: dict[tuple[str, int], int], folds: int = 5) -> dict[tuple[str, int], float]:
    """Each quote's P(right) from a gate fitted on the other folds' quotes."""
    fold = t.folds_of(list(scored), folds)
    out = {}
    for k in range(folds):
        w, b = fit_gate([(x, y[(d, j)]) for d, v in scored.items() if fold(d) != k
                         for j, (_, c, _, x, _) in enumerate(v) if c >= quote_filter.THRESHOLD])
        gate = speaker_gate.Gate(w, b, 0.0)
        out.update({(d, j): speaker_gate.p_right(x, gate) for d, v in scored.items() if fold(d) == k
                    for j, (_, _, _, x, _) in enumerate(v)})
    return out


def figures(split_dir: Path, scored: Dump, keep: Any) -> dict[str, Any]:
    score = load_scorer(split_dir)
    gold = {k: v for k, v in score.gold_for_split(split_dir).items() if k in scored}
    preds = {d: [q for j, (q, c, p, _, _) in enumerate(v) if c >= quote_filter.THRESHOLD and keep(d, j, c, p)]
             for d, v in scored.items()}
    m, s = score.score(gold, preds, 0.3), score.score(gold, preds, 0.8)
    return {"f1": m["f1"], "precision": m["precision"], "recall": m["recall"], "f1_08": s["f1"],
            "speakers": m["speaker_accuracy"], "judged": m["speaker_judged"]}


def line(name: str, m: dict[str, Any]) -> str:
    return (f"{name:<22} F1@0.3={m['f1']:.4f} P={m['precision']:.4f} R={m['recall']:.4f} F1@0.8={m['f1_08']:.4f} "
            f"spk={m['speakers']:.4f} n={m['judged']}")


def cv(split_dir: Path, scored: Dump) -> None:
    for g in PRODUCT_GATES:
        print(line(f"product gate {g}", figures(split_dir, scored, lambda d, j, c, p, g=g: c * p >= g)), flush=True)
    p = stacked(scored, labels(split_dir, scored))
    for th in THRESHOLDS:
        print(line(f"learned gate {th}", figures(split_dir, scored, lambda d, j, c, q, th=th: p[(d, j)] >= th)),
              flush=True)


def fit(split_dir: Path, scored: Dump, min_f1: float) -> None:
    y = labels(split_dir, scored)
    p = stacked(scored, y)
    chosen, at = None, None
    for th in [round(0.3 + 0.01 * i, 2) for i in range(50)]:
        m = figures(split_dir, scored, lambda d, j, c, q, th=th: p[(d, j)] >= th)
        if m["f1"] < min_f1:
            break
        chosen, at = th, m
    if chosen is None or at is None:
        raise SystemExit(f"no threshold keeps F1@0.3 >= {min_f1}")
    w, b = fit_gate([(x, y[(d, j)]) for d, v in scored.items() for j, (_, c, _, x, _) in enumerate(v)
                     if c >= quote_filter.THRESHOLD])
    print(line(f"learned gate {chosen}", at))
    OUT.write_text(json.dumps({"threshold": chosen, "bias": round(b, 6),
                               "weights": {k: round(v, 6) for k, v in sorted(w.items())},
                               "cv": line(f"stacked 5-fold, {chosen}", at)}, indent=1) + "\n")
    print("wrote", OUT)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("dump", "cv", "fit"))
    ap.add_argument("file", type=Path, help="the dump: written by dump, read by cv and fit")
    ap.add_argument("--split-dir", type=Path, default=t.SPLIT)
    ap.add_argument("--docs", type=Path, help="the parsed split's DocBin (tools/train_speakers.py)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-f1", type=float, default=0.755)
    a = ap.parse_args()
    split = a.split_dir.resolve()
    if a.what == "dump":
        if a.docs is None:
            raise SystemExit("dump needs --docs")
        a.file.write_bytes(pickle.dumps(dump(split, a.docs, a.folds)))
        return
    scored = pickle.loads(a.file.read_bytes())
    if a.what == "cv":
        cv(split, scored)
    else:
        fit(split, scored, a.min_f1)


if __name__ == "__main__":
    main()
