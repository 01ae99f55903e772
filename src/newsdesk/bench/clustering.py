"""Story clustering benchmark: ours beside TF-IDF + k-means, scored by the data set's own score.py.

Input: a JSONL of documents with "doc_id", "cluster_id", "title", "text", "date" (the
../shared/bench/clustering format). Ours: documents fed one at a time, in an order shuffled
with a fixed seed, to the incremental clusterer in a fresh in-memory store (the number of
stories is not given); the periodic repair pass runs every `REPAIR_EVERY` articles and once
at the end. The anchor: TF-IDF (sublinear tf, English stop words) + k-means given the gold
number of clusters, over all documents at once. Metrics come from the `score.py` beside
the data (B³, pairwise, ARI, NMI); when it is missing, B³ is computed here the same way.

`tune` does the threshold search by cross-validation over topics: the topics are dealt
into folds; for each fold the grid point with the best mean B³ F1 on the other folds'
topics is chosen and scored on the fold's topics. Nothing is tuned on a single file.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from newsdesk.stories import cluster as cluster_mod
from newsdesk.stories import features as features_mod
from newsdesk.stories import repair as repair_mod
from newsdesk.stories import repair_divide, repair_merge, repair_recluster

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "bench" / "clustering"
Docs = list[dict[str, Any]]


def load_docs(path: Path) -> Docs:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scorer(path: Path) -> Callable[[dict[str, str], dict[str, str]], dict[str, Any]]:
    """The `scores(gold, pred)` of the score.py beside the data, else our own B³."""
    script = path.parent / "score.py"
    if script.exists():
        spec = importlib.util.spec_from_file_location("clustering_score", script)
        assert spec and spec.loader
        module: ModuleType = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.scores  # type: ignore[no-any-return]
    return bcubed


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, Any]:
    members_g: dict[str, set[str]] = defaultdict(set)
    members_p: dict[str, set[str]] = defaultdict(set)
    for d in gold:
        members_g[gold[d]].add(d)
        members_p[pred[d]].add(d)
    p = sum(len(members_g[gold[d]] & members_p[pred[d]]) / len(members_p[pred[d]]) for d in gold) / len(gold)
    r = sum(len(members_g[gold[d]] & members_p[pred[d]]) / len(members_g[gold[d]]) for d in gold) / len(gold)
    return {"docs": len(gold), "gold_clusters": len(members_g), "pred_clusters": len(members_p),
            "bcubed_P": p, "bcubed_R": r, "bcubed_F1": 2 * p * r / (p + r) if p + r else 0.0}


def ours(docs: Docs, seed: int = 0) -> tuple[dict[str, str], float]:
    """Incremental clustering in a shuffled order; (doc -> story, seconds per document)."""
    from newsdesk.stories.commands import cluster_stream

    order = docs[:]
    random.Random(seed).shuffle(order)
    started = time.perf_counter()
    pred = {line["id"]: line["story_id"] for line in cluster_stream(
        {"id": d["doc_id"], "title": d.get("title"), "text": d.get("text"), "date": d.get("date")} for d in order)}
    return pred, (time.perf_counter() - started) / max(1, len(docs))


def kmeans_anchor(docs: Docs, seed: int = 0) -> tuple[dict[str, str], float]:
    """TF-IDF + k-means given the gold number of clusters (the anchor)."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    started = time.perf_counter()
    texts = [f"{d.get('title') or ''}\n{d.get('text') or ''}" for d in docs]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    k = len({d["cluster_id"] for d in docs})
    labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(matrix)
    pred = {d["doc_id"]: str(label) for d, label in zip(docs, labels, strict=True)}
    return pred, (time.perf_counter() - started) / max(1, len(docs))


def run(path: Path, seed: int = 0, subset: tuple[str, str] | None = None) -> dict[str, Any]:
    """Ours and the anchor on one document file, in the same run."""
    docs = load_docs(path)
    if subset:
        docs = [d for d in docs if str(d.get(subset[0])) == subset[1]]
    score = scorer(path)
    gold = {d["doc_id"]: d["cluster_id"] for d in docs}
    result: dict[str, Any] = {"file": str(path), "docs": len(docs), "seed": seed}
    for name, method in (("newsdesk (incremental, k unknown)", ours), ("tf-idf + k-means (k given)", kmeans_anchor)):
        pred, per_doc = method(docs, seed)
        result[name] = score(gold, {d: str(pred[d]) for d in gold}) | {"ms_per_doc": per_doc * 1000}
    return result


def format_result(result: dict[str, Any]) -> str:
    keys = ("bcubed_P", "bcubed_R", "bcubed_F1", "pairwise_F1", "ari", "nmi", "pred_clusters", "ms_per_doc")
    names = [k for k in result if isinstance(result[k], dict)]
    lines = [f"{result['file']}  ({result['docs']} documents, shuffle seed {result['seed']})",
             f"{'metric':16s}" + "".join(f"{n:>36s}" for n in names)]
    for key in keys:
        cells = []
        for n in names:
            v = result[n].get(key)
            cells.append(f"{v:36.4f}" if isinstance(v, float) else f"{v!s:>36s}")
        lines.append(f"{key:16s}" + "".join(cells))
    ours_f1, anchor_f1 = (result[n].get("bcubed_F1", 0.0) for n in names[:2])
    lines.append(f"B³ F1 ratio ours/anchor: {ours_f1 / anchor_f1:.3f}" if anchor_f1 else "")
    return "\n".join(lines)


# -- tuning by cross-validation over topics ----------------------------------------------------

# Thresholds on the pair model's probability; the pair model itself is refitted in every fold. Session 5:
# the repair pass's divide ratio; LOCAL_THRESHOLD stays at 0.45, which sessions 3 and 4 found chosen in
# (nearly) every fold from {0.3, 0.45}.
# Session 7: the divide ratio among 0.55 / 0.65; 0.75 lost on every seed, and the cast test's ratio
# (`repair_divide.CONFLICT_RATIO`) is fixed at 0.75, which beat 0.85 on both seeds measured (see repair_divide.py). A
# wider grid costs a nested run per point and fold, more than the session had. Nested `--tune` with this
# grid, seeds 0 / 1 / 2: ECB+ 0.9530 / 0.9539 / 0.9551 (0.9540), GVC 0.9939 / 0.9929 / 0.9919. Session 8 (after
# session 7's adoption rule and session 8's lead-people and month fixes in `features`): ECB+ 0.9634 / 0.9649 / 0.9646
# (0.9643), GVC the same. Session 9 (task S13, small stories linked by their best links at merge time,
# `repair_merge.PROBE_TOP`, set by reasoning and not in this grid): ECB+ 0.9641 / 0.9709 / 0.9696 (0.9682), GVC the
# same.
# Session 10 (task S14, a small story looks past the candidate window, `repair_merge.REACH` 1.0 set by reasoning and not
# in this grid): ECB+ 0.9641 / 0.9720 / 0.9732 (0.9698), GVC the same. REACH (1.0, 0.8) in the grid gave seeds 0 / 2
# 0.9641 / 0.9732 at twice the cost, so it is not in the grid.
# Session 11 (task S15, a far probe joins on an even-chance link past the merge's own divide guard, `repair_merge.REACH`
# 0.5 set by reasoning and not in this grid): ECB+ 0.9663 / 0.9741 / 0.9745 (0.9716), GVC the same.
# What the held-out ECB+ folds of seeds 0 / 1 / 2 still lose after it (B³ loss in documents, the pair model refitted
# per fold): topic 10, the Angels and Red Sox offers to Teixeira in one week, merged in one fold of every seed (10
# each; same player, agent, term and week: only the team tells them apart); topic 30, each sub-topic cut in two (the
# Aug and Oct 2011 cable outages, 6.5 in three seeds; 2008 Jan and Dec, 4.7 in two), which the gold calls one event
# each; topic 5 (5.5 + 2.7 in three seeds), whose 2005 sub-topic holds reports of other events (an Ohio State NCAA
# case, a contract); topics 27, 31, 16, 8, 4, 2: single off-angle or one-line reports linking 0.1-0.2 to their story
# (under ADOPT_FLOOR), or an IE patch of 2012 that the gold files with 2013's; topics 11, 9, 8 (seed 0 fold 1): single
# reports in the other event's story.
GRID: dict[str, tuple[Any, ...]] = {"DIVIDE_RATIO": (0.55, 0.65)}


@contextmanager
def settings(values: dict[str, Any]) -> Iterator[None]:
    """Temporarily set the clusterer's tuned constants (module attributes)."""
    from newsdesk.stories import pairs as pairs_mod

    modules = (cluster_mod, repair_mod, repair_merge, repair_divide, repair_recluster, features_mod, pairs_mod)
    saved = {(m, k): getattr(m, k) for m in modules for k in values if hasattr(m, k)}
    # A name no module has would be set nowhere, and --tune would score the same clusterer at every
    # grid point without a word (a constant renamed or moved to a module not listed above).
    unknown = sorted(set(values) - {k for _, k in saved})
    if unknown:
        raise KeyError(f"no clusterer module has {', '.join(unknown)}")
    try:
        for (m, k) in saved:
            setattr(m, k, values[k])
        yield
    finally:
        for (m, k), v in saved.items():
            setattr(m, k, v)


def topic_groups(docs: Docs) -> list[Docs]:
    """Topics (ECB+) or, for a single-topic set (GVC), incidents, as the units of cross-validation."""
    key = "topic_id" if len({d.get("topic_id") for d in docs}) > 1 else "cluster_id"
    groups: dict[str, Docs] = defaultdict(list)
    for d in docs:
        groups[str(d.get(key))].append(d)
    return [groups[k] for k in sorted(groups)]


def deal(docs: Docs, folds: int, seed: int) -> list[Docs]:
    groups = topic_groups(docs)
    random.Random(seed).shuffle(groups)
    return [sum(groups[i::folds], []) for i in range(folds)]


def tune(paths: list[Path], folds: int = 4, seed: int = 0,
         grid: dict[str, tuple[Any, ...]] | None = None) -> dict[str, Any]:
    """Cross-validation over topics of the whole method, the honest figure.

    Each file's topics (GVC: incidents) are dealt into folds; fold f of every file is held out
    together. On the other folds the pair model is fitted (`fit_pairs`) and, with it, the grid
    point with the best summed B³ F1 is chosen; both are then scored on each file's fold f.
    """
    grid = GRID if grid is None else grid
    points = [dict(zip(grid, values, strict=True)) for values in itertools.product(*grid.values())]
    files = {str(p): (scorer(p), deal(load_docs(p), folds, seed)) for p in paths}
    chosen: list[dict[str, Any]] = []
    for f in range(folds):
        weights, bias = fit_pairs([part for _, parts in files.values() for g, part in enumerate(parts) if g != f])
        with settings({"PAIR_WEIGHTS": weights, "PAIR_BIAS": bias}):
            train = []
            for point in points if len(points) > 1 else []:  # one point: nothing to choose
                with settings(point):
                    train.append(sum(_f1(part, score, seed) for score, parts in files.values()
                                     for g, part in enumerate(parts) if g != f))
            best = points[max(range(len(points)), key=train.__getitem__)] if train else points[0]
            with settings(best):
                held = {name: _f1(parts[f], score, seed) for name, (score, parts) in files.items()}
        chosen.append({"fold": f, "values": best, "pair_weights": weights, "pair_bias": bias, "held_out_F1": held})
    cv = {name: sum(c["held_out_F1"][name] for c in chosen) / folds for name in files}
    return {"grid": grid, "folds": chosen, "cv_F1": cv}


def _f1(docs: Docs, score: Callable[..., dict[str, Any]], seed: int) -> float:
    pred, _ = ours(docs, seed)
    gold = {d["doc_id"]: d["cluster_id"] for d in docs}
    return float(score(gold, {d: str(pred[d]) for d in gold})["bcubed_F1"])


# -- the pair model (newsdesk.stories.pairs) ---------------------------------------------------

def pair_sides(docs: Docs) -> list[Any]:
    """Every document as the pair model sees it once the whole file is stored (IDF over the file)."""
    from collections import Counter

    from newsdesk.stories import pairs
    from newsdesk.stories.cluster import ARTICLE_TERMS, idf
    from newsdesk.stories.features import article_when, marks, terms, tf_weights

    weights = [tf_weights(terms(d.get("title"), d.get("text"))) for d in docs]
    df = Counter(t for w in weights for t in w)
    idfs = {t: idf(c, len(docs)) for t, c in df.items()}
    whens = [article_when(d.get("date"), d.get("text")) for d in docs]
    return [pairs.side(dict(Counter(w).most_common(ARTICLE_TERMS)) | marks(d.get("title"), d.get("text"), when),
                       idfs, when) for w, d, when in zip(weights, docs, whens, strict=True)]


def pair_table(docs: Docs, cross_share: float = 0.05,
               seed: int = 0) -> tuple[list[list[float]], list[int], list[str]]:
    """Features, labels and CV unit of every same-topic pair and a sample of cross-topic pairs."""
    from newsdesk.stories import pairs

    sides = pair_sides(docs)
    units = [str(d.get("topic_id") if len({x.get("topic_id") for x in docs}) > 1 else d["cluster_id"]) for d in docs]
    rng = random.Random(seed)
    X: list[list[float]] = []
    y: list[int] = []
    unit: list[str] = []
    for i, j in itertools.combinations(range(len(docs)), 2):
        same_topic = docs[i].get("topic_id") == docs[j].get("topic_id")
        if not same_topic and rng.random() >= cross_share:
            continue
        X.append(pairs.pair_features(sides[i], sides[j]))
        y.append(int(docs[i]["cluster_id"] == docs[j]["cluster_id"]))
        unit.append(f"{units[i]}|{units[j]}")
    return X, y, unit


# The date gap's place among the pair features (`pairs.pair_features`). Session 7: its weight is held
# non-positive. Fitted freely on ECB+ and GVC it comes out positive since the dateline rule (+0.09; +0.11
# to +0.17 in the CV folds, +0.15 with the extra marks), a quirk of these sets, where a gap is mostly
# measured within one event's run of dated reports. In a store of real news two shootings a year apart
# are two, so the fit may not reward a gap: held at 0, the year marks and the candidate search's time
# decay are what keep years apart.
GAP = 4


def fit_pairs(parts: list[Docs], seed: int = 0) -> tuple[tuple[float, ...], float]:
    """The pair model's logistic regression fitted on the pairs within each part, the gap weight held <= 0."""
    X: list[list[float]] = []
    y: list[int] = []
    for part in parts:
        px, py, _ = pair_table(part, seed=seed)
        X += px
        y += py
    model = fit_logistic(X, y)
    return tuple(round(float(w), 3) for w in model.coef_[0]), round(float(model.intercept_[0]), 3)


def fit_logistic(X: list[list[float]], y: list[int]) -> Any:
    """Logistic regression with the gap weight held <= 0: the loss is convex, so when the free fit's gap
    weight is positive the best fit under the bound has it at 0, which is the fit without that column."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(max_iter=2000).fit(X, y)
    if model.coef_[0][GAP] > 0:
        model = LogisticRegression(max_iter=2000).fit([row[:GAP] + [0.0] + row[GAP + 1:] for row in X], y)
    return model


def train_pairs(paths: list[Path], folds: int = 4, seed: int = 0) -> dict[str, Any]:
    """Fit the pair model on every file; held-out log-loss over topic folds beside the fit."""
    from sklearn.metrics import log_loss

    dealt = [deal(load_docs(p), folds, seed) for p in paths]
    tables = [[pair_table(part, seed=seed)[:2] for part in parts] for parts in dealt]
    held = []
    for f in range(folds):
        train = [t for file in tables for g, t in enumerate(file) if g != f]
        test = [file[f] for file in tables]
        model = fit_logistic(sum((t[0] for t in train), []), sum((t[1] for t in train), []))
        ty = sum((t[1] for t in test), [])
        held.append(round(float(log_loss(ty, model.predict_proba(sum((t[0] for t in test), []))[:, 1],
                                         labels=[0, 1])), 4))
    weights, bias = fit_pairs([load_docs(p) for p in paths], seed)
    return {"cv_log_loss": held, "weights": weights, "bias": bias}
