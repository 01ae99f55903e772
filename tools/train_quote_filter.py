"""Train and cross-validate the attribution filter (`newsdesk.understand.quote_filter`) on PolNeAR.

    python tools/train_quote_filter.py cv-score [--split-dir DIR] [--folds 5] [--docs CACHE]
    python tools/train_quote_filter.py cv-gate  [--split-dir DIR] [--folds 5] [--docs CACHE]
    python tools/train_quote_filter.py cv-filter [--split-dir DIR] [--folds 5] [--docs CACHE] [--drop PREFIX ...]
    python tools/train_quote_filter.py train    [--split-dir DIR] [--docs CACHE]

Every candidate the rules propose (`quotes.candidates`) with a cue word is one example;
it is an attribution when its cue word lies inside a gold Cue span (`LABEL_CONTENT` also asks that
its content overlap that attribution's Content: tried, off). `cv-score` runs the
whole quote pipeline on each held-out fold of articles with the cue lexicon, the filter AND
the speaker ranker fitted on the other folds, at several filter thresholds, and scores it with
score.py beside the pipeline without the filter and without nested attributions (the
session-2 pipeline) on the same articles. `cv-gate` scores filter thresholds against
speaker gates (`quotes.SPEAKER_GATE`) on held-out folds. `cv-filter` scores the filter alone on
its candidates (log loss, AUC on held-out folds; a few minutes, not ten), beside the same model
without the features named by each `--drop` prefix. `train` fits on the whole split and writes
`src/newsdesk/understand/data/quote_filter.json`.
`--docs FILE` keeps the parsed split as a spaCy DocBin (see tools/train_speakers.py).
`--tensor` (with a --docs cache that has its .tensors.npz) adds spaCy's token vectors to the filter
(`quote_filter.tensor_model`): `cv-filter` scores it at TENSOR_SCALES, `cv-gate`/`cv-score` fit it
per fold at --tensor-scale, `train` also writes data/quote_filter_tensor.json; `--tensor-ranker
SCALE` fits the tensor speaker ranker per fold in `cv-gate`/`cv-score`. Shipped: both at 0.1.
`--boosted` (with --tensor): `cv-gate` refits the boosted filter (`quote_filter.boosted_model`, trees
stacked on the tensor filter) per fold, `train` also writes data/quote_filter_boosted.npz. Measured in
session 18, not shipped: the same F1-for-speakers curve (figures in quote_filter's docstring).

Learning curve (session 19, K4; cv-gate's fits per fold --tensor --tensor-scale 0.1 --tensor-ranker 0.1,
filter 0.5 gate 0.4, clean copy of a1e9ed9), F1@0.3 / F1@0.8 / speaker accuracy (judged): 3-fold (each
fold trained on 67% of train) 0.7604 / 0.6919 / 0.8797 (9,511), 5-fold (80%) 0.7617 / 0.6927 / 0.8810
(9,510), 10-fold (90%) 0.7628 / 0.6945 / 0.8816 (9,534); paired bootstrap over articles, SE of each
step about 0.001. Linear in the log of the training size, all of train (what `train` ships) comes to
about 0.764 / 0.696 / 0.882: an extrapolation, not a measurement. The shipped models' held-out speaker
accuracy is about 0.88, not PolNeAR dev's 0.895-0.897 (n 1,140, binomial SE 0.009).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from train_speakers import collect as speaker_problems
from train_speakers import fit as fit_speakers
from train_speakers import fit_boosted as fit_speakers_boosted
from train_speakers import fit_tensor as fit_speakers_tensor
from train_speakers import load_docs, write_tensor_weights, write_weights

from newsdesk.bench.quotes import ann_files, cue_counts, cue_lexicon_from, load_scorer, read_attributions
from newsdesk.records import Article
from newsdesk.understand import boosted, quote_cues, quote_filter, quotes, speaker_gate, speakers
from newsdesk.understand.annotate import annotate_doc
from newsdesk.understand.embed import DIM

SPLIT = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "quotes" / "polnear" / "train"
OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "understand" / "data" / "quote_filter.json"
OUT_CONTEXT = OUT.with_name(quote_filter.CONTEXT_FILE)
OUT_TENSOR = OUT.with_name(quote_filter.TENSOR_FILE)
OUT_BOOSTED = OUT.with_name(quote_filter.BOOSTED_FILE)
MIN_FEATURE_DOCS = 3  # features seen in fewer candidates are noise and bloat the JSON
# L2 strength: the speaker ranker's C, not tuned here (one cv-score run costs ~10 CPU minutes)
C = 0.3
THRESHOLDS = (0.4, 0.5, 0.6)  # quote_filter.THRESHOLD is chosen among these
# How the per-fold cue lexicons are built (`cue_lexicon_from`); --min-seen / --smooth sweep them.
LEXICON: dict[str, Any] = {"min_seen": 3, "smooth": 1.0}

# The contextual filter's vector blocks (sentence embedding, cue vector) are scaled by this before
# the L2 penalty: unit vectors spread over 384 dims are otherwise shrunk to nothing at C.
DENSE_SCALE = 3.0


Context = tuple[dict[str, float], dict[str, list[float]]]  # quote_filter.context_model()'s shape
# --context: CV scores the cascade with the contextual filter fitted per fold (else the lexical alone)
CONTEXT = {"on": False}


class Example(NamedTuple):
    doc: str
    feats: dict[str, float]
    y: int  # 1 when the cue word lies in a gold Cue
    key: tuple[str, tuple[int, int]]  # what the encoder reads (`quote_filter.cue_context`)
    vec: Any = None  # `quote_filter.tensor_vector` when the Doc has spaCy's token vectors


# --tensor: CV scores the tensor filter (spaCy's doc.tensor) fitted per fold instead of the lexical one
TENSOR: dict[str, Any] = {"on": False, "blocks": quote_filter.TENSOR_BLOCKS, "scale": 1.0, "ranker": None}
TENSOR_SCALES = (0.025, 0.05, 0.1)  # cv-filter --tensor tries these block scales before the L2 penalty


# Session 17 (X23): True makes an example an attribution only when its cue word lies in a gold Cue AND
# its content overlaps that attribution's Content. A candidate whose cue is right but whose content
# lies elsewhere ("released a statement", "blasted Rubio", "asked Clinton", where PolNeAR's content is
# the quotation after it) matches no gold at its place: it costs precision, or score.py pairs it by
# shared words with a gold elsewhere and judges its speaker against that one. 1.9% of the positives
# change (88 of 4,731 in 300 train articles). 5-fold CV (cvdump, filter 0.5 gate 0.4), F1@0.3 /
# speaker accuracy (judged): 0.7617 / 0.8805 (9,510) off, 0.7596 / 0.8813 (9,444) on; off at gate
# 0.42 gives 0.7595 / 0.8820, so the label only moves along the same F1-for-speakers curve. PolNeAR
# dev 0.7891 / 0.8974 -> 0.7873 / 0.8992. Off: the shipped filter is learned as before.
LABEL_CONTENT = False


def examples(doc_id: str, doc: Any, gold: list[dict[str, list[tuple[int, int]]]]) -> list[Example]:
    """(article, features, is an attribution at its place) for every candidate with a cue word."""
    doc.user_data.clear()
    cands = quotes.candidates(doc)
    out = []
    for f, feats in zip(cands, quotes.filter_features(doc, cands), strict=True):
        if feats is not None:
            key = quote_filter.cue_context(quotes.token_at(doc, f.cue_start))
            vec = quotes.tensor_vector_of(doc, f) if speakers.has_tensor(doc) else None
            out.append(Example(doc_id, feats, int(is_attribution(f, gold)), key, vec))
    return out


def is_attribution(f: quotes.Found, gold: list[dict[str, list[tuple[int, int]]]]) -> bool:
    """Whether a gold attribution has the candidate's cue word in its Cue (and, under LABEL_CONTENT,
    its Content overlapping the candidate's content, the passive or raised subject piece included)."""
    lo = min(f.start, f.lead[0]) if f.lead is not None else f.start
    return any(any(a <= f.cue_start < b for a, b in g.get("Cue", [])) and (
        not LABEL_CONTENT or any(a < f.end and lo < b for a, b in g.get("Content", []))) for g in gold)


def collect(docs: list[tuple[str, Any]], split_dir: Path) -> list[Example]:
    anns = ann_files(split_dir)
    out: list[Example] = []
    for doc_id, doc in docs:
        if doc_id in anns:
            out += examples(doc_id, doc, read_attributions(anns[doc_id]))
    return out


def fit(rows: list[Example]) -> dict[str, float]:
    """The lexical filter's weights."""
    return fit_context(rows, ())[0]


def dense_block(rows: list[Example], blocks: tuple[str, ...]) -> Any:
    """The rows' vector blocks ("sentence", "cue") side by side, times DENSE_SCALE."""
    import numpy as np

    vectors = quote_filter.context_vectors([r.key for r in rows])
    picks = [("sentence", "cue").index(b) for b in blocks]
    return np.array([np.concatenate([v[i] for i in picks]) for v in vectors], dtype="float32") * DENSE_SCALE


def fit_context(rows: list[Example], blocks: tuple[str, ...] = ("sentence", "cue")
                ) -> tuple[dict[str, float], dict[str, list[float]]]:
    """(sparse weights, {block: weights}) of the filter with these vector blocks (none: lexical)."""
    w, tail = fit_dense(rows, dense_block(rows, blocks) if blocks else None, DENSE_SCALE)
    dense = {b: [round(float(c), 5) for c in tail[i * DIM:(i + 1) * DIM]] for i, b in enumerate(blocks)}
    return w, dense


def fit_dense(rows: list[Example], extra: Any, scale: float) -> tuple[dict[str, float], Any]:
    """(sparse weights, weights of the `extra` columns) of the logistic filter; `extra` (already
    times `scale`, or None) sits beside the sparse features, and `scale` is folded back into its
    weights so that run time scores the unscaled vectors."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(k for r in rows for k in r.feats)
    keep = {k for k, n in seen.items() if n >= MIN_FEATURE_DOCS}
    vec = DictVectorizer()
    x = vec.fit_transform([{k: v for k, v in r.feats.items() if k in keep} for r in rows])
    if extra is not None:
        x = hstack([x, csr_matrix(extra)]).tocsr()
    model = LogisticRegression(C=C, max_iter=4000)
    model.fit(x, [r.y for r in rows])
    names = list(vec.get_feature_names_out())
    w = {name: float(c) for name, c in zip(names, model.coef_[0], strict=False)}
    w["bias"] = float(model.intercept_[0])
    return {k: round(v, 4) for k, v in w.items() if abs(v) >= 1e-4}, model.coef_[0][len(names):] * scale


def tensor_columns(rows: list[Example], blocks: tuple[str, ...]) -> Any:
    """The rows' `tensor_vector`s with the blocks not in `blocks` zeroed."""
    import numpy as np

    x = np.stack([r.vec for r in rows]).astype(np.float32)
    width = x.shape[1] // len(quote_filter.TENSOR_BLOCKS)
    for i, b in enumerate(quote_filter.TENSOR_BLOCKS):
        if b not in blocks:
            x[:, i * width:(i + 1) * width] = 0.0
    return x


def fit_tensor(rows: list[Example], blocks: tuple[str, ...] | None = None, scale: float | None = None
               ) -> speakers.TensorWeights:
    """The tensor filter (`quote_filter.tensor_model`'s shape) fitted on these rows."""
    import numpy as np

    from newsdesk.understand.nlp import model_name

    blocks = TENSOR["blocks"] if blocks is None else blocks
    scale = TENSOR["scale"] if scale is None else scale
    x = tensor_columns(rows, blocks)
    w, dense = fit_dense(rows, x * scale, scale)
    dense = np.round(dense, 5).astype(np.float32)
    return speakers.TensorWeights(w, dense, model_name(), x.shape[1] // len(quote_filter.TENSOR_BLOCKS))


def tensor_scores(train: list[Example], held: list[Example], blocks: tuple[str, ...], scale: float) -> list[float]:
    tm = fit_tensor(train, blocks, scale)
    return [quote_filter.score(r.feats, tm.weights, float(tm.dense @ r.vec)) for r in held]


# The boosted filter (session 18, K3; `quote_filter.boosted_model`): HistGradientBoosting over the
# lexical features seen in at least BOOSTED_MIN_COUNT candidates plus the tensor filter's log-odds,
# which for the training rows come from tensor filters fitted on the other BOOSTED_INNER folds of
# their articles (fitted on a row, the logit would know its label and the trees would trust it).
BOOSTED_MIN_COUNT = 40
BOOSTED_INNER = 5
BOOSTED_PARAMS: dict[str, Any] = {"learning_rate": 0.1, "max_iter": 200, "max_leaf_nodes": 15,
                                  "min_samples_leaf": 20, "l2_regularization": 1.0}


def out_of_fold_tensor(rows: list[Example], inner: int) -> list[float]:
    """Each row's tensor-filter P from a filter fitted on the other `inner` folds of articles."""
    arts = sorted({r.doc for r in rows})
    part = {a: k % inner for k, a in enumerate(arts)}
    out = [0.0] * len(rows)
    for k in range(inner):
        idx = [i for i, r in enumerate(rows) if part[r.doc] == k]
        ps = tensor_scores([r for r in rows if part[r.doc] != k], [rows[i] for i in idx], TENSOR["blocks"],
                           TENSOR["scale"])
        for i, p in zip(idx, ps, strict=True):
            out[i] = p
    return out


BOOSTED = {"on": False}  # --boosted: cv-gate refits it per fold, train writes it (with --tensor)


@contextmanager
def boosted_filter(trees: boosted.Trees | None) -> Iterator[None]:
    """Run the pipeline with these trees as the boosted filter (none: the tensor filter decides)."""
    saved = quote_filter.boosted_model
    quote_filter.boosted_model = lambda: trees  # type: ignore[assignment]
    try:
        yield
    finally:
        quote_filter.boosted_model = saved  # type: ignore[assignment]


def fit_boosted(rows: list[Example], inner: int = BOOSTED_INNER) -> boosted.Trees:
    """The boosted filter stacked on the tensor filter's out-of-fold log-odds, as `boosted.Trees`."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    seen = Counter(k for r in rows for k in r.feats)
    names = sorted(k for k, n in seen.items() if n >= BOOSTED_MIN_COUNT) + [quote_filter.TENSOR_LOGIT]
    logits = [quote_filter.logit(p) for p in out_of_fold_tensor(rows, inner)]
    x = boosted.matrix([{**r.feats, quote_filter.TENSOR_LOGIT: z} for r, z in zip(rows, logits, strict=True)],
                       names)
    model = HistGradientBoostingClassifier(early_stopping=False, random_state=0, **BOOSTED_PARAMS)
    model.fit(x, [r.y for r in rows])
    return boosted.from_sklearn(model, names)


def _without(rows: list[Example], prefix: str) -> list[Example]:
    return [r._replace(feats={k: v for k, v in r.feats.items() if not (prefix and k.startswith(prefix))})
            for r in rows]


def cv_filter(split_dir: Path, cache: Path | None, folds: int, drops: list[str]) -> None:
    """The filter's held-out log loss and AUC over the candidates, whole and without each prefix."""
    from sklearn.metrics import log_loss, roc_auc_score

    docs = [(i, d) for i, d in load_docs(split_dir, cache) if i in ann_files(split_dir)]
    parts = []  # (training rows, held-out rows) per fold, the candidates from that fold's lexicon
    for _, held_docs, rows in fold_runs(docs, split_dir, folds_of([i for i, _ in docs], folds), folds):
        parts.append((rows, collect(held_docs, split_dir)))
    for drop in ["", *drops]:
        ys, ps = [], []
        for train, held in parts:
            w = fit(_without(train, drop))
            for r in _without(held, drop):
                ys.append(r.y)
                ps.append(quote_filter.score(r.feats, w))
        print(f"without {drop or '(nothing)':<16} log loss={log_loss(ys, ps):.4f} AUC={roc_auc_score(ys, ps):.4f} "
              f"(n={len(ys)}, C={C})", flush=True)
    if CONTEXT["on"]:
        cv_context(parts)
    if TENSOR["on"]:
        cv_tensor(parts)


def cv_tensor(parts: list[tuple[list[Example], list[Example]]]) -> None:
    """The tensor filter's held-out log loss and AUC with the --tensor-blocks at each scale."""
    from sklearn.metrics import log_loss, roc_auc_score

    ys = [r.y for _, held in parts for r in held]
    blocks = TENSOR["blocks"]
    for scale in TENSOR_SCALES:
        ps = [p for train, held in parts for p in tensor_scores(train, held, blocks, scale)]
        print(f"tensor {'+'.join(blocks):<22} scale {scale:<4} log loss={log_loss(ys, ps):.4f} "
              f"AUC={roc_auc_score(ys, ps):.4f} (C={C})", flush=True)


BANDS = ((0.0, 1.01), (0.1, 0.95), (0.2, 0.9), (0.3, 0.8), (0.35, 0.7))  # quote_filter.CASCADE among these


def cv_context(parts: list[tuple[list[Example], list[Example]]]) -> None:
    """The contextual filter's held-out log loss and AUC beside the lexical one's, with each vector
    block alone and both, then as a cascade: only candidates the lexical filter puts in a band."""
    import numpy as np
    from sklearn.metrics import log_loss, roc_auc_score

    ys = [r.y for _, held in parts for r in held]
    lexical = [quote_filter.score(r.feats, fit(train)) for train, held in parts for r in held]
    for blocks in (("cue",), ("sentence",), ("sentence", "cue")):
        ps = []
        for train, held in parts:
            w, dense = fit_context(train, blocks)
            vectors = quote_filter.context_vectors([r.key for r in held])
            ps += [quote_filter.score(r.feats, w, quote_filter.dense_score(v, dense))
                   for r, v in zip(held, vectors, strict=True)]
        print(f"contextual {'+'.join(blocks):<13} log loss={log_loss(ys, ps):.4f} AUC={roc_auc_score(ys, ps):.4f} "
              f"(scale {DENSE_SCALE}, C={C})", flush=True)
    for lo, hi in BANDS:
        band = [lo <= p < hi for p in lexical]
        mixed = np.where(band, ps, lexical)
        print(f"cascade [{lo}, {hi}) log loss={log_loss(ys, mixed):.4f} AUC={roc_auc_score(ys, mixed):.4f} "
              f"encoded {np.mean(band):.1%} of candidates", flush=True)


def fold_lexicons(docs: list[tuple[str, Any]], split_dir: Path, fold: Callable[[str], int],
                  folds: int) -> list[dict[str, dict[str, float]]]:
    """The cue lexicon (data/cues.json) rebuilt from each fold's training articles only.

    With the shipped lexicon, learned from all of train, a held-out fold's rare cue words
    were candidates, and their `lexicon_p` exact, because the fold had been counted: 5-fold
    CV gave F1@0.3 0.753 / speaker 0.862 with it and 0.742 / 0.856 with these (gate 0.35).
    """
    anns = ann_files(split_dir)
    tallies = []
    for doc_id, doc in docs:
        counts: dict[str, Counter] = defaultdict(Counter)
        seen: dict[str, Counter] = defaultdict(Counter)
        cue_counts(doc, read_attributions(anns[doc_id]), counts, seen)
        tallies.append((fold(doc_id), counts, seen))
    out = []
    for k in range(folds):
        counts, seen = defaultdict(Counter), defaultdict(Counter)
        for f, c, n in tallies:
            if f != k:
                for key, slots in c.items():
                    counts[key].update(slots)
                for key, slots in n.items():
                    seen[key].update(slots)
        out.append(cue_lexicon_from(counts, seen, LEXICON["min_seen"], LEXICON["smooth"]))
    return out


@contextmanager
def lexicon(cues: dict[str, dict[str, float]]) -> Iterator[None]:
    """Run the rules with this cue lexicon instead of the shipped one."""
    saved = quote_cues.cue_lexicon  # read where the rules call it (quote_cues.cue_score)
    quote_cues.cue_lexicon = lambda: cues  # type: ignore[assignment]
    try:
        yield
    finally:
        quote_cues.cue_lexicon = saved  # type: ignore[assignment]


@contextmanager
def models(filter_w: dict[str, float] | None, speaker_w: dict[str, float] | None,
           threshold: float, nested: bool = True, gate: float | None = None,
           context: Context | None = None, tensor: speakers.TensorWeights | None = None,
           ranker: speakers.TensorWeights | None = None) -> Iterator[None]:
    """Run the pipeline with these weights (and speaker gate, and contextual filter: none unless
    given) instead of the shipped ones."""
    saved = (quote_filter.weights, speakers.weights, quote_filter.THRESHOLD, quotes.NESTED, quotes.SPEAKER_GATE)
    saved_context, saved_tensor = quote_filter.context_model, quote_filter.tensor_model
    saved_ranker, saved_gate = speakers.tensor_ranker, speaker_gate.USE
    speaker_gate.USE = False  # the shipped learned gate saw every held-out article (speaker_gate)
    quote_filter.context_model = lambda: context  # type: ignore[assignment]
    quote_filter.tensor_model = lambda: tensor  # type: ignore[assignment]
    speakers.tensor_ranker = lambda: ranker  # type: ignore[assignment]
    quote_filter.weights = lambda: filter_w  # type: ignore[assignment]
    speakers.weights = lambda: speaker_w  # type: ignore[assignment]
    quote_filter.THRESHOLD, quotes.NESTED = threshold, nested
    quotes.SPEAKER_GATE = quotes.SPEAKER_GATE if gate is None else gate
    try:
        yield
    finally:
        (quote_filter.weights, speakers.weights, quote_filter.THRESHOLD, quotes.NESTED,  # type: ignore[assignment]
         quotes.SPEAKER_GATE) = saved
        quote_filter.context_model = saved_context  # type: ignore[assignment]
        quote_filter.tensor_model = saved_tensor  # type: ignore[assignment]
        speakers.tensor_ranker = saved_ranker  # type: ignore[assignment]
        speaker_gate.USE = saved_gate


def predict(docs: list[tuple[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for doc_id, doc in docs:
        doc.user_data.clear()
        found = annotate_doc(Article(text=doc.text, language="en"), doc).quotes
        out[doc_id] = [{"text": q.text, "speaker": q.speaker} for q in found]
    return out


def fold_runs(docs: list[tuple[str, Any]], split_dir: Path, fold: Callable[[str], int], folds: int
              ) -> Iterator[tuple[int, list[tuple[str, Any]], list[Example]]]:
    """(k, held-out articles, training rows) per fold, each yielded inside the cue lexicon rebuilt
    from that fold's training articles (`lexicon`), so the caller's loop body runs the rules with it."""
    lexicons = fold_lexicons(docs, split_dir, fold, folds)
    for k in range(folds):
        with lexicon(lexicons[k]):
            yield (k, [(i, d) for i, d in docs if fold(i) == k],
                   collect([(i, d) for i, d in docs if fold(i) != k], split_dir))


def fold_ranker(train: list[Any]) -> speakers.TensorWeights | None:
    """The tensor speaker ranker fitted on these problems under --tensor-ranker (else none), with the
    boosted trees stacked on it (refitted here too) when they are shipped: the CV scores what ships."""
    if TENSOR["ranker"] is None:
        return None
    if boosted.shipped(speakers.BOOSTED_FILE) is not None:
        return fit_speakers_boosted(train, TENSOR["ranker"])
    return fit_speakers_tensor(train, TENSOR["ranker"])


def folds_of(ids: list[str], folds: int) -> Callable[[str], int]:
    arts = sorted(ids)
    random.Random(13).shuffle(arts)
    fold = {a: k % folds for k, a in enumerate(arts)}
    return lambda a: fold[a]


def cv_score(split_dir: Path, cache: Path | None, folds: int) -> None:
    scorer = load_scorer(split_dir)
    anns = ann_files(split_dir)
    docs = [(i, d) for i, d in load_docs(split_dir, cache) if i in anns]
    fold = folds_of([i for i, _ in docs], folds)
    probs = speaker_problems(split_dir, cache)
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for k, held, rows in fold_runs(docs, split_dir, fold, folds):
        filter_w, context = fit(rows), fit_context(rows) if CONTEXT["on"] else None
        tensor = fit_tensor(rows) if TENSOR["on"] else None
        speaker_w = fit_speakers([p for p in probs if fold(p.article) != k])
        ranker = fold_ranker([p for p in probs if fold(p.article) != k])
        with models(None, speaker_w, 0.0, nested=False, gate=0.0):
            runs.setdefault("no filter, no nesting (session 2)", {}).update(predict(held))
        with models(None, speaker_w, 0.0, gate=0.0):
            runs.setdefault("nested, no filter", {}).update(predict(held))
        for th in THRESHOLDS:
            with models(filter_w, speaker_w, th, context=context, tensor=tensor, ranker=ranker):
                runs.setdefault(f"nested, filter >= {th}", {}).update(predict(held))
    gold = {k: v for k, v in scorer.gold_for_split(split_dir).items() if k in dict(docs)}
    print(f"{folds}-fold CV over {len(docs)} articles of {split_dir.name} (filter and speaker ranker "
          f"fitted on the other folds), C={C}")
    for name, preds in runs.items():
        m, s = scorer.score(gold, preds, 0.3), scorer.score(gold, preds, 0.8)
        print(f"{name:<36} F1@0.3={m['f1']:.3f} (P={m['precision']:.3f} R={m['recall']:.3f}) "
              f"F1@0.8={s['f1']:.3f} speaker acc={m['speaker_accuracy']:.3f} (n={m['speaker_judged']})")


GATES = (0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)  # quotes.SPEAKER_GATE is chosen among these
GATE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


@contextmanager
def found_quotes() -> Iterator[list[quotes.Found]]:
    """The list `quotes.find_quotes` leaves what it found in the last Doc in, while the block runs:
    annotate's Quotes carry no filter or ranker P, its Found records do, in the same order."""
    found: list[quotes.Found] = []
    run = quotes.find_quotes

    def keep(doc: Any) -> list[quotes.Found]:
        found[:] = run(doc)
        return found

    quotes.find_quotes = keep  # type: ignore[assignment]
    try:
        yield found
    finally:
        quotes.find_quotes = run  # type: ignore[assignment]


def predict_scored(docs: list[tuple[str, Any]]) -> dict[str, list[tuple[dict[str, Any], float, float]]]:
    """Each article's quotes with the filter's P(attribution) and the ranker's P(speaker)."""
    out = {}
    with found_quotes() as found:
        for doc_id, doc in docs:
            doc.user_data.clear()
            qs = annotate_doc(Article(text=doc.text, language="en"), doc).quotes
            out[doc_id] = [({"text": q.text, "speaker": q.speaker}, f.confidence, f.speaker_p)
                           for q, f in zip(qs, found, strict=True)]
    return out


def cv_gate(split_dir: Path, cache: Path | None, folds: int) -> None:
    """Filter threshold x speaker gate by CV: one run per held-out fold with the loosest filter
    and no gate, then each setting keeps the quotes that pass it. Approximate (nesting, orphan
    quotes and the ranker's spoke-before feature see the loosest set): on PolNeAR dev it gave
    the exact run's figures within 0.001."""
    scorer = load_scorer(split_dir)
    docs = [(i, d) for i, d in load_docs(split_dir, cache) if i in ann_files(split_dir)]
    fold = folds_of([i for i, _ in docs], folds)
    probs = speaker_problems(split_dir, cache)
    scored: dict[str, list[tuple[dict[str, Any], float, float]]] = {}
    for k, held, rows in fold_runs(docs, split_dir, fold, folds):
        context = fit_context(rows) if CONTEXT["on"] else None
        tensor = fit_tensor(rows) if TENSOR["on"] else None
        train_probs = [p for p in probs if fold(p.article) != k]
        trees = fit_boosted(rows) if BOOSTED["on"] else None
        with models(fit(rows), fit_speakers(train_probs), min(GATE_THRESHOLDS), gate=0.0,
                    context=context, tensor=tensor, ranker=fold_ranker(train_probs)), boosted_filter(trees):
            scored.update(predict_scored(held))
    gold = {k: v for k, v in scorer.gold_for_split(split_dir).items() if k in dict(docs)}
    for th in GATE_THRESHOLDS:
        for gate in GATES:
            preds = {d: [q for q, c, p in v if c >= th and c * p >= gate] for d, v in scored.items()}
            m, s = scorer.score(gold, preds, 0.3), scorer.score(gold, preds, 0.8)
            print(f"filter >= {th} gate >= {gate}  F1@0.3={m['f1']:.3f} (P={m['precision']:.3f} "
                  f"R={m['recall']:.3f}) F1@0.8={s['f1']:.3f} speaker acc={m['speaker_accuracy']:.3f} "
                  f"(n={m['speaker_judged']})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("cv-score", "cv-gate", "cv-filter", "train"))
    ap.add_argument("--split-dir", type=Path, default=SPLIT)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--docs", type=Path, help="spaCy DocBin cache of the parsed split")
    ap.add_argument("--cue-threshold", type=float, help="CV: run the rules at this quote_cues.CUE_THRESHOLD")
    ap.add_argument("--min-seen", type=int, default=3, help="CV: the per-fold lexicons' min_seen")
    ap.add_argument("--smooth", type=float, default=1.0, help="CV: the per-fold lexicons' add-k smoothing")
    ap.add_argument("--context", action="store_true", help="CV: with the contextual filter (MiniLM vectors)")
    ap.add_argument("--cascade", type=float, nargs=2, metavar=("LO", "HI"),
                    help="--context: encode only candidates the lexical filter puts in [LO, HI)")
    ap.add_argument("--tensor", action="store_true", help="with the tensor filter (spaCy's doc.tensor; "
                    "--docs needs its .tensors.npz)")
    ap.add_argument("--tensor-blocks", nargs="+", choices=quote_filter.TENSOR_BLOCKS,
                    default=list(quote_filter.TENSOR_BLOCKS), help="--tensor: the vector blocks used")
    ap.add_argument("--tensor-scale", type=float, default=1.0, help="--tensor: block scale before the L2 penalty")
    ap.add_argument("--boosted", action="store_true", help="with the boosted filter stacked on the tensor "
                    "filter (--tensor): cv-gate refits it per fold, train writes data/quote_filter_boosted.npz")
    ap.add_argument("--tensor-ranker", type=float, metavar="SCALE",
                    help="CV: with the tensor speaker ranker (tools/train_speakers.py) at this scale")
    ap.add_argument("--vectors", type=Path, help="a pickle cache of the encoder's vectors (read, then written)")
    ap.add_argument("--drop", action="append", default=[], help="cv-filter: also score without features "
                    "starting with this prefix (e.g. lexicon_p, lemma=)")
    args = ap.parse_args()
    split = args.split_dir.resolve()
    LEXICON.update(min_seen=args.min_seen, smooth=args.smooth)
    CONTEXT["on"] = args.context
    BOOSTED["on"] = args.boosted
    TENSOR.update(on=args.tensor, blocks=tuple(args.tensor_blocks), scale=args.tensor_scale, ranker=args.tensor_ranker)
    if args.cascade:
        quote_filter.CASCADE = tuple(args.cascade)
        print(f"CASCADE={quote_filter.CASCADE}", flush=True)
    if args.vectors is not None and args.vectors.exists():
        quote_filter.load_vector_cache(pickle.loads(args.vectors.read_bytes()))
    try:
        run(args, split)
    finally:
        if args.vectors is not None:
            args.vectors.write_bytes(pickle.dumps(quote_filter.vector_cache()))


def run(args: argparse.Namespace, split: Path) -> None:
    if args.cue_threshold is not None:
        quote_cues.CUE_THRESHOLD = args.cue_threshold
        print(f"CUE_THRESHOLD={args.cue_threshold} min_seen={args.min_seen} smooth={args.smooth}", flush=True)
    if args.what == "cv-score":
        cv_score(split, args.docs, args.folds)
        return
    if args.what == "cv-filter":
        cv_filter(split, args.docs, args.folds, args.drop)
        return
    if args.what == "cv-gate":
        cv_gate(split, args.docs, args.folds)
        return
    docs = load_docs(split, args.docs)
    rows = collect(docs, split)
    w = fit(rows)
    about = (f"Attribution filter weights (logistic, C={C}) learned from {len({r[0] for r in rows})} articles, "
             f"{len(rows)} cue candidates of PolNeAR {split.name} by tools/train_quote_filter.py")
    write_weights(OUT, about, w)
    if args.context:
        w, dense = fit_context(rows)
        data = {"about": about.replace("weights", "weights with MiniLM sentence and cue-word vectors (layer "
                                       f"{quote_filter.CUE_LAYER}, scale {DENSE_SCALE} folded in)"),
                "weights": dict(sorted(w.items())), "dense": dense}
        OUT_CONTEXT.write_text(json.dumps(data, indent=0), encoding="utf-8")
        print(f"wrote {OUT_CONTEXT}")
    if args.tensor:
        write_tensor(rows, about)
    if args.tensor and args.boosted:
        write_boosted(rows, about)


def write_boosted(rows: list[Example], about: str) -> None:
    from newsdesk.understand.nlp import model_name

    trees = fit_boosted(rows)
    stacked = (f"Attribution filter trees (HistGradientBoosting {BOOSTED_PARAMS} over the features seen in >= "
               f"{BOOSTED_MIN_COUNT} candidates and the tensor filter's {BOOSTED_INNER}-fold out-of-fold log-odds)")
    boosted.save(OUT_BOOSTED, trees, stacked + about[about.index(" learned from"):], pipeline=model_name())
    print(f"wrote {OUT_BOOSTED} ({len(trees.roots)} trees over {len(trees.names)} columns)")


def write_tensor(rows: list[Example], about: str) -> None:
    tm = fit_tensor(rows)
    write_tensor_weights(OUT_TENSOR, tm, about.replace(
        "weights", f"weights with spaCy's token vectors (doc.tensor) of the blocks {'+'.join(TENSOR['blocks'])}, "
        f"scale {TENSOR['scale']} folded in"), blocks=list(quote_filter.TENSOR_BLOCKS))


if __name__ == "__main__":
    main()
