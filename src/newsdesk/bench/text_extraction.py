"""Body extraction from plain-text scrapes, scored like ../shared/bench/extraction/score.py.

    run(text_dir, truth_file)            ours beside two baselines, one run, same pages:
                                         the whole text, and trafilatura fed the lines as <p>s
    cross_validate(text_dir, truth_file) train the line model on k-1 folds of pages, score the
                                         held-out fold: the honest figure on development pages
    train_model(text_dir, truth_file)    the model shipped in newsdesk/extract/data/

The metric is the scrapinghub article-extraction-benchmark one (4-gram shingles, per-page
length-normalised counts, corpus P and R as means, F1 of the means), reimplemented here so
held-out folders need no scorer beside them; a test checks it against score.py.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsdesk.extract import text as textx

_WORD = re.compile(r"\w+", re.UNICODE)
NGRAM = 4

# Tuned by 5-fold cross-validation by page on bench/extraction/text (see cross_validate).
MODEL_PARAMS: dict[str, Any] = {"max_iter": 200, "learning_rate": 0.1, "max_depth": 5}


# --- the metric ------------------------------------------------------------------------------

def shingles(text: str | None) -> Counter[tuple[str, ...]]:
    toks = _WORD.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < NGRAM:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + NGRAM]) for i in range(len(toks) - NGRAM + 1))


def page_counts(truth: str | None, pred: str | None) -> tuple[float, float, float]:
    """Length-normalised (tp, fp, fn) of one page."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aggregate(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    precs = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in counts if tp + fp > 0]
    recs = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in counts if tp + fn > 0]
    p = statistics.mean(precs) if precs else 0.0
    r = statistics.mean(recs) if recs else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


# --- pages -----------------------------------------------------------------------------------

def load_pages(text_dir: str | Path, truth_file: str | Path) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """(page ids, id -> scrape, id -> gold body) for every page that has both."""
    truth = json.loads(Path(truth_file).read_text(encoding="utf-8"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(Path(text_dir).glob("*.txt"))}
    ids = sorted(set(texts) & set(truth))
    return ids, texts, {pid: truth[pid].get("articleBody") or "" for pid in ids}


def ours(text: str, model: textx.LineModel | None = None) -> str:
    """Our body for one scrape ("" when we call it no article), through the public path."""
    if model is None:
        return textx.extract_text(text).text
    lines = textx.split_lines(text)
    return "\n".join(line.text for line, keep in zip(lines, textx.body_mask(lines, model), strict=True) if keep)


def whole_text(text: str) -> str:
    return text


def trafilatura_lines(text: str) -> str:
    """trafilatura given the scrape as HTML, one <p> per line: the nearest thing a user has today."""
    import html

    import trafilatura

    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return trafilatura.extract(f"<html><body>{body}</body></html>") or ""


def score(systems: dict[str, Callable[[str], str]], ids: list[str], texts: dict[str, str],
          golds: dict[str, str]) -> dict[str, dict[str, float]]:
    """Each system over the same pages, interleaved page by page so load noise hits all alike."""
    counts: dict[str, list[tuple[float, float, float]]] = {name: [] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    for pid in ids:
        for name, system in systems.items():
            start = time.perf_counter()
            pred = system(texts[pid])
            seconds[name] += time.perf_counter() - start
            counts[name].append(page_counts(golds[pid], pred))
    out = {}
    for name in systems:
        out[name] = aggregate(counts[name]) | {
            "seconds": seconds[name], "pages_per_s": len(ids) / seconds[name] if seconds[name] else 0.0}
    return out


def run(text_dir: str | Path, truth_file: str | Path) -> dict[str, Any]:
    """Ours (the shipped model) beside the whole text and trafilatura-on-lines, one run."""
    ids, texts, golds = load_pages(text_dir, truth_file)
    textx.load_model()  # loaded once, outside the timing, as `analyze --jsonl` does
    systems = {"newsdesk": ours, "whole text": whole_text, "trafilatura (lines as <p>)": trafilatura_lines}
    return {"pages": len(ids), "text_dir": str(text_dir), "systems": score(systems, ids, texts, golds)}


def format_table(result: dict[str, Any]) -> str:
    """A plain table: F1, precision, recall, pages/s, and each system's F1 as a ratio of ours."""
    rows = [f"text-scrape body extraction, {result['pages']} pages ({result.get('text_dir', '')})",
            f"{'system':<30} {'F1':>6} {'P':>6} {'R':>6} {'pages/s':>9} {'ours/F1':>8}"]
    systems = result["systems"]
    mine = systems.get("newsdesk", {}).get("f1", 0.0)
    for name, m in systems.items():
        ratio = mine / m["f1"] if m.get("f1") else float("nan")
        rows.append(f"{name:<30} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} "
                    f"{m.get('pages_per_s', 0.0):9.1f} {ratio:8.2f}")
    if "cross_validated" in result:
        cv = result["cross_validated"]
        rows.append(f"{'newsdesk, ' + str(cv['folds']) + '-fold CV by page':<30} {cv['f1']:6.3f} "
                    f"{cv['precision']:6.3f} {cv['recall']:6.3f}")
    return "\n".join(rows)


# --- training --------------------------------------------------------------------------------

# A line is body when at least half of its 4-grams are in the gold body (short lines: when the
# gold contains them verbatim). The oracle that keeps exactly these lines scores F1 0.986.
LABEL_OVERLAP = 0.5


def line_labels(lines: list[textx.Line], gold: str) -> list[int]:
    toks = _WORD.findall(gold)
    grams = {tuple(toks[i:i + NGRAM]) for i in range(len(toks) - NGRAM + 1)}
    joined = f" {' '.join(toks)} "
    labels = []
    for line in lines:
        t = line.tokens
        if len(t) < NGRAM:
            labels.append(int(bool(t) and f" {' '.join(t)} " in joined))
            continue
        own = [tuple(t[i:i + NGRAM]) for i in range(len(t) - NGRAM + 1)]
        labels.append(int(sum(g in grams for g in own) / len(own) >= LABEL_OVERLAP))
    return labels


def _dataset(ids: list[str], texts: dict[str, str], golds: dict[str, str]) -> tuple[Any, Any, Any, Any]:
    import numpy as np

    rows, labels, groups, weights = [], [], [], []
    for k, pid in enumerate(ids):
        lines = textx.split_lines(texts[pid])
        rows += textx.line_features(lines)
        labels += line_labels(lines, golds[pid])
        groups += [k] * len(lines)
        # Long lines carry more of the score; sqrt keeps short body lines from being ignored.
        weights += [max(len(line.tokens), 1) ** 0.5 for line in lines]
    return np.asarray(rows), np.asarray(labels), np.asarray(groups), np.asarray(weights)


def fit(x: Any, y: Any, w: Any, threshold: float = 0.5, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train boosted trees (scikit-learn, a dev dependency) and export them as plain arrays."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(random_state=0, **(params or MODEL_PARAMS))
    clf.fit(x, y, sample_weight=w)
    trees = []
    for (predictor,) in clf._predictors:  # one tree per iteration for a binary target
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({
            "feature": [int(f) for f in nodes["feature_idx"]],
            "threshold": [float(t) for t in nodes["num_threshold"]],
            "left": [-1 if is_leaf else int(n) for n, is_leaf in zip(nodes["left"], leaf, strict=True)],
            "right": [-1 if is_leaf else int(n) for n, is_leaf in zip(nodes["right"], leaf, strict=True)],
            "value": [round(float(v), 6) for v in nodes["value"]],
        })
    return {"features": list(textx.FEATURE_NAMES), "baseline": float(clf._baseline_prediction.ravel()[0]),
            "threshold": threshold, "params": params or MODEL_PARAMS, "trees": trees}


def cross_validate(text_dir: str | Path, truth_file: str | Path, folds: int = 5,
                   threshold: float = 0.5, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """F1 of models trained without the pages they are scored on (GroupKFold by page)."""
    from sklearn.model_selection import GroupKFold

    ids, texts, golds = load_pages(text_dir, truth_file)
    x, y, groups, w = _dataset(ids, texts, golds)
    counts = []
    for train_idx, test_idx in GroupKFold(folds).split(x, y, groups):
        model = textx.LineModel.from_dict(fit(x[train_idx], y[train_idx], w[train_idx], threshold, params))
        for k in sorted(set(groups[test_idx])):
            counts.append(page_counts(golds[ids[k]], ours(texts[ids[k]], model)))
    return aggregate(counts) | {"folds": folds, "pages": len(ids), "threshold": threshold,
                                "params": params or MODEL_PARAMS}


def train_model(text_dir: str | Path, truth_file: str | Path, out: str | Path = textx.MODEL_FILE,
                threshold: float = 0.5, params: dict[str, Any] | None = None) -> Path:
    """Train on all development pages and write the shipped model file."""
    ids, texts, golds = load_pages(text_dir, truth_file)
    x, y, _, w = _dataset(ids, texts, golds)
    Path(out).write_text(json.dumps(fit(x, y, w, threshold, params), separators=(",", ":")), encoding="utf-8")
    textx.load_model.cache_clear()
    return Path(out)
