#!/usr/bin/env python3
"""Train the CAMEO pentaclass sentence classifier shipped as understand/data/events_penta.npz.

    .venv/bin/python tools/train_event_model.py [--gold ../shared/bench/events/gold/conflibert_pentaclass_train.jsonl]
        [--grid 3,10,30] [--embeddings /tmp/penta_embeddings.npy] [--sparse] [--extra story,headline | none]

Trained only on the gold *train* split (the held-out part is not in ../shared). Before
fitting on all of it, prints 5-fold stratified cross-validated macro-F1 for our model and
for the TF-IDF + logistic regression anchor on the same folds, and the C grid. With the
embedding model installed the model has its MiniLM block (event_classifier.EMBED_WEIGHT); the sentences'
embeddings are computed once (slow on a loaded machine: minutes) and kept in --embeddings.
--sparse trains the cascade's gate (events_penta_sparse.npz) without the block. Both are trained
with the extra wordings of understand.events_wordings (event_classifier.EXTRA_SOURCES, weighted by
SOURCE_WEIGHTS) beside the gold, in every CV training fold too (never in a test fold).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from newsdesk.understand.embed import DIM
from newsdesk.understand.event_classifier import (
    EXTRA_SOURCES,
    MODEL_FILE,
    SPARSE_MODEL_FILE,
    VERB_LAYER,
    VERB_WEIGHT,
    PentaModel,
    embed_weight,
    remember_embeddings,
    sentence_embeddings,
    sentence_views,
)
from newsdesk.understand.events_wordings import SOURCE_WEIGHTS, extra_wordings
from newsdesk.understand.nlp import parse_many

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / ".." / "shared" / "bench" / "events" / "gold" / "conflibert_pentaclass_train.jsonl"
OUT = ROOT / "src" / "newsdesk" / "understand" / "data" / MODEL_FILE


def embeddings_for(sents: list, cache: Path | None, embed: float) -> np.ndarray | None:
    """The sentences' embeddings (None without the model), read from `cache` when it holds them;
    with the verb block (event_classifier.VERB_WEIGHT) each row goes on with the main verb's vector."""
    if not embed:
        return None
    views = [sentence_views(s) for s in sents]
    layer = VERB_LAYER if VERB_WEIGHT else None
    if cache and cache.exists():
        emb = np.load(cache)
        if emb.shape == (len(sents), DIM * (1 if layer is None else 2)):
            remember_embeddings(views, emb)
            return emb
    emb = sentence_embeddings(views, verb_layer=layer)
    if cache:
        np.save(cache, emb)
    return emb


def cross_validate(sents: list, texts: list[str], y: np.ndarray, grid: list[float],
                   emb: np.ndarray | None, embed: float, extra: tuple[list, list, list]) -> float:
    """5-fold stratified CV over the gold (`extra`: sentences, labels, weights added to every
    training fold); the C of the grid with the best macro-F1."""
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y))
    n = len(texts)
    x_sents, x_y, x_w = extra
    anchor = np.zeros_like(y)
    ours = {c: np.zeros_like(y) for c in grid}
    for train, test in folds:
        vec = TfidfVectorizer()
        clf = LogisticRegression(max_iter=2000).fit(vec.fit_transform([texts[i] for i in train]), y[train])
        anchor[test] = clf.predict(vec.transform([texts[i] for i in test]))
        for c in grid:
            rows = np.concatenate([train, np.arange(n, n + len(x_sents))]).astype(int)
            model = PentaModel(embed).fit([sents[i] for i in train] + x_sents, list(y[train]) + x_y, c=c,
                                          embeddings=None if emb is None else emb[rows],
                                          weights=[1.0] * len(train) + x_w)
            ours[c][test] = model.predict_proba([sents[i] for i in test]).argmax(axis=1)
    print(f"5-fold CV macro-F1  anchor TF-IDF+LR {f1_score(y, anchor, average='macro'):.3f}")
    scores = {c: f1_score(y, p, average="macro") for c, p in ours.items()}
    for c, s in scores.items():
        print(f"5-fold CV macro-F1  ours C={c:<5} {s:.3f}")
    return max(scores, key=lambda c: scores[c])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--grid", default="3,10,30")
    ap.add_argument("--embeddings", type=Path, help="cache of the sentences' embeddings (.npy)")
    ap.add_argument("--sparse", action="store_true",
                    help=f"train the model without the embedding block ({SPARSE_MODEL_FILE}, the cascade's gate)")
    ap.add_argument("--extra", default=",".join(EXTRA_SOURCES),
                    help="extra wordings (understand.events_wordings sources, comma-separated) or 'none'")
    args = ap.parse_args()
    out = args.out or OUT.with_name(SPARSE_MODEL_FILE if args.sparse else MODEL_FILE)
    embed = 0.0 if args.sparse else embed_weight()
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    sources = tuple(s for s in args.extra.split(",") if s and s != "none")
    extra = extra_wordings(sources=sources) if sources else []
    texts = [r["text"] for r in rows]
    y = np.array([int(r["pentaclass"]) for r in rows])
    sents = [doc[:] for doc in parse_many(texts + [w.text for w in extra], batch_size=64)]
    emb = embeddings_for(sents, args.embeddings, embed)
    x_y, x_w = [w.pentaclass for w in extra], [SOURCE_WEIGHTS[w.source] for w in extra]
    grid = [float(c) for c in args.grid.split(",")]
    # one C given: nothing to choose, so no CV (minutes per fit with the extra wordings on a loaded box)
    best = grid[0] if len(grid) == 1 else cross_validate(sents[:len(rows)], texts, y, grid, emb, embed,
                                                         (sents[len(rows):], x_y, x_w))
    PentaModel(embed).fit(sents, list(y) + x_y, c=best, embeddings=emb,
                          weights=[1.0] * len(rows) + x_w).save(out)
    print(f"trained on {len(rows)} gold sentences + {len(extra)} extra wordings with C={best}; "
          f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
