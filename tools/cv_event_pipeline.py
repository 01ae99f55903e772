#!/usr/bin/env python3
"""Cross-validate the whole event coder's first event (what score.py's pentaclass task scores).

    .venv/bin/python tools/cv_event_pipeline.py [--weights 1.0,0.6,0.3,0.0]

5 stratified folds of the gold train split (same folds as tools/train_event_model.py): a
fold model is trained on four folds, then the coder picks each held-out sentence's first
event with it. Prints macro-F1 of the classifier alone and of the coder for each value of
events.OTHER_CLASS_WEIGHT (how much a predicate outside the predicted class counts).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from newsdesk.understand import events as ev
from newsdesk.understand.cameo import penta_of
from newsdesk.understand.event_classifier import PentaModel, embed_weight
from newsdesk.understand.nlp import parse_many

GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "events" / "gold"


def first_classes(docs: list, sent_probs: list) -> np.ndarray:
    out = []
    for doc, probs in zip(docs, sent_probs, strict=True):
        ctx = ev.Context(text=doc.text, entities=[])
        ctx.salient = ev.salient_countries(doc)
        found: list[dict] = []
        for sent, p in zip(ev.coded_sentences(doc), probs, strict=True):
            found = ev.EventCoder.code_sentence(None, sent, p, ctx)  # type: ignore[arg-type]
            if found:
                break
        out.append(penta_of(found[0]["cameo"]) if found else -1)
    return np.array(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD / "conflibert_pentaclass_train.jsonl")
    ap.add_argument("--weights", default="1.0,0.6,0.3,0.0")
    ap.add_argument("--c", type=float, default=30.0)
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    y = np.array([int(r["pentaclass"]) for r in rows])
    docs = parse_many([r["text"] for r in rows], batch_size=64)
    whole = np.zeros((len(docs), 5))
    sent_probs: list = [None] * len(docs)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(docs, y):
        model = PentaModel(embed_weight()).fit([docs[i][:] for i in train], list(y[train]), c=args.c)
        whole[test] = model.predict_proba([docs[i][:] for i in test])
        for i in test:
            sent_probs[i] = model.predict_proba(ev.coded_sentences(docs[i]))
    print(f"classifier alone, whole text: macro-F1 {f1_score(y, whole.argmax(1), average='macro'):.3f}")
    for weight in (float(w) for w in args.weights.split(",")):
        ev.OTHER_CLASS_WEIGHT = weight
        pred = first_classes(docs, sent_probs)
        print(f"coder's first event, OTHER_CLASS_WEIGHT={weight}: macro-F1 {f1_score(y, pred, average='macro'):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
