"""The line model: boosted trees, stacked twice, that score each line of a scrape as body or not.

The trees are trained by newsdesk.bench.text_extraction (cross-validated by page) and shipped
as plain arrays in data/text_lines.json, so scoring needs numpy only.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.errors import Rejected
from newsdesk.extract.text_lines import FEATURE_NAMES, Line, line_features, runs_of_blocks

MODEL_FILE = Path(__file__).resolve().parent / "data" / "text_lines.json"
STACK_FEATURES = ("p", "p_mean1", "p_mean3", "p_mean8", "run_mean", "run_max", "run_len", "run_prose",
                  "run_weighted", "block_mean", "neighbour_max", "neighbour_min", "p_rel", "page_max")

# Lines walked down the trees at once. A walk holds several (trees x lines) arrays, so a whole
# page at once needed memory in proportion to its length: a 1 MB scrape of 500,000 short lines
# asked for 763 MiB for one of them, and a 10 MB one tens of GB. Lines are scored independently,
# so blocks give the same bits (but see the one-row block in `probabilities`). Blocks that fit
# the CPU cache are also faster: the stage-1 trees over the 22,226 lines of the 131 bench scrapes
# took 6.05 s at once, 1.53 s in blocks of 128, 1.68 s of 256, 1.85 s of 512, 3.5 s of 2048
# (/tmp harness); 256 keeps a block's arrays near 400 kB.
SCORE_BLOCK = 256
# Most lines a scrape may have; longer is refused, not scored. The longest of the 132 scrapes in
# ../shared (the 131 bench pages and the seed) has 525 lines; 10,000 lines of prose are a book.
# Scoring costs 0.4-0.8 ms a line (two thirds of it text_lines.line_features), so the cap also
# bounds the time: 20,000 lines took 7.5 s of "." lines to 13 s of one-sentence paragraphs.
MAX_TEXT_LINES = 10_000


@dataclass(frozen=True)
class Trees:
    """Boosted regression trees as exported by newsdesk.bench.text_extraction.

    The trees are packed into (trees x nodes) arrays (feature, threshold, left, right, value),
    padded with leaves; a node with left == -1 is a leaf. Rows go left when feature <= threshold,
    as in scikit-learn. All trees are walked at once, one level per step, so scoring a page
    costs a handful of numpy operations rather than a loop over hundreds of trees.
    """

    baseline: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(body) of each row of `x`, scored SCORE_BLOCK rows at a time."""
        starts = list(range(0, len(x), SCORE_BLOCK))
        if len(starts) > 1 and len(x) % SCORE_BLOCK == 1:
            # No block of one row: numpy sums a (trees x 1) array pairwise, not tree after tree,
            # which moves the last bit; a row's score must not depend on where the blocks fall.
            starts.pop()
        if len(starts) <= 1:
            return self._walk(x)
        ends = starts[1:] + [len(x)]
        return np.concatenate([self._walk(x[a:b]) for a, b in zip(starts, ends, strict=True)])

    def _walk(self, x: np.ndarray) -> np.ndarray:
        n_trees = self.feature.shape[0]
        tree = np.arange(n_trees)[:, None]
        row = np.arange(len(x))[None, :]
        node = np.zeros((n_trees, len(x)), dtype=np.int64)
        while True:
            left = self.left[tree, node]
            inner = left >= 0
            if not inner.any():
                break
            go_left = x[row, self.feature[tree, node]] <= self.threshold[tree, node]
            node = np.where(inner, np.where(go_left, left, self.right[tree, node]), node)
        raw = self.baseline + self.value[tree, node].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-raw))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Trees:
        trees = d["trees"]
        width = max(len(t["left"]) for t in trees)

        def pack(key: str, fill: float, dtype: type) -> np.ndarray:
            out: np.ndarray = np.full((len(trees), width), fill, dtype=dtype)
            for i, t in enumerate(trees):
                out[i, :len(t[key])] = t[key]
            return out

        feature = np.maximum(pack("feature", 0, np.int64), 0)
        return cls(float(d["baseline"]), feature, pack("threshold", 0.0, float), pack("left", -1, np.int64),
                   pack("right", -1, np.int64), pack("value", 0.0, float))


@dataclass(frozen=True)
class LineModel:
    """Two stacked tree models and the rule that turns their scores into the body.

    Stage 1 scores each line from FEATURE_NAMES; stage 2 rescores it from the same features
    plus the stage-1 scores around it (STACK_FEATURES). The body is then the best-scoring
    stretch of the page (`span_bias`), keeping its lines that score `span_low` or more, plus
    lines elsewhere scoring `keep_above`.
    """

    stage1: Trees
    stage2: Trees
    features: tuple[str, ...]
    span_low: float = 0.3
    span_bias: float = 0.3
    keep_above: float = 0.9

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LineModel:
        rule = d.get("rule", {})
        return cls(Trees.from_dict(d["stage1"]), Trees.from_dict(d["stage2"]), tuple(d["features"]),
                   **{k: float(v) for k, v in rule.items()})

    def scores(self, lines: list[Line]) -> np.ndarray:
        x = np.asarray(line_features(lines), dtype=float).reshape(len(lines), len(FEATURE_NAMES))
        first = self.stage1.probabilities(x)
        return self.stage2.probabilities(np.hstack([x, stack_features(lines, first)]))

    def select(self, lines: list[Line], scores: np.ndarray) -> list[bool]:
        weights = np.array([max(len(line.tokens), 1) for line in lines], dtype=float)
        lo, hi = best_span((scores - self.span_bias) * weights)
        return [bool((lo <= i <= hi and s >= self.span_low) or s >= self.keep_above)
                for i, s in enumerate(scores)]


def best_span(values: np.ndarray) -> tuple[int, int]:
    """(first, last) index of the stretch with the largest sum (Kadane); the body is one stretch."""
    best, current, start, span = -math.inf, 0.0, 0, (0, -1)
    for i, v in enumerate(values):
        if current <= 0:
            current, start = float(v), i
        else:
            current += float(v)
        if current > best:
            best, span = current, (start, i)
    return span


def _window_means(p: np.ndarray, r: int) -> np.ndarray:
    n = len(p)
    cum = np.concatenate([[0.0], np.cumsum(p)])
    lo = np.clip(np.arange(n) - r, 0, n)
    hi = np.clip(np.arange(n) + r + 1, 0, n)
    return (cum[hi] - cum[lo]) / (hi - lo)


def _groups(keys: np.ndarray) -> list[np.ndarray]:
    """The indices of each distinct key, ascending, as a mask `keys == key` would pick them.

    Found by one sort rather than a mask per key, which cost lines x keys: a scrape of 20,000
    one-line blocks made 400 million comparisons. The same elements in the same order, so the
    sums and means over them keep their bits.
    """
    if not len(keys):
        return []
    order = np.argsort(keys, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(keys[order])) + 1)


def stack_features(lines: list[Line], p: np.ndarray) -> np.ndarray:
    """Stage-1 scores seen from each line: its neighbours', its run's and its block's."""
    n = len(lines)
    runs = np.asarray(runs_of_blocks(lines))
    blocks = np.asarray([line.block for line in lines])
    prose = np.asarray([len(line.text) if line.is_prose else 0 for line in lines], dtype=float)
    toks = np.asarray([len(line.tokens) for line in lines], dtype=float)
    prose_total = max(prose.sum(), 1)
    run_cols = np.zeros((n, 5))
    for m in _groups(runs):
        run_cols[m] = [p[m].mean(), p[m].max(), math.log1p(len(m)), prose[m].sum() / prose_total,
                       (p[m] * toks[m]).sum() / max(toks[m].sum(), 1)]
    block_mean = np.zeros(n)
    for m in _groups(blocks):
        block_mean[m] = p[m].mean()
    prev = np.concatenate([[0.0], p[:-1]])
    nxt = np.concatenate([p[1:], [0.0]])
    cols = [p, _window_means(p, 1), _window_means(p, 3), _window_means(p, 8)]
    cols += [run_cols[:, k] for k in range(5)]
    cols += [block_mean, np.maximum(prev, nxt), np.minimum(prev, nxt), p / max(p.max(), 1e-6),
             np.full(n, p.max())]
    return np.stack(cols, axis=1)


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> LineModel:
    """The shipped line model (or one at `path`); refuses a model built for other features."""
    data = json.loads(Path(path or MODEL_FILE).read_text(encoding="utf-8"))
    model = LineModel.from_dict(data)
    if model.features != FEATURE_NAMES:
        raise ValueError(f"{path or MODEL_FILE}: trained on other features; retrain with "
                         "`python benchmarks/text_extraction.py --train`")
    return model


def refuse_lines(count: int) -> None:
    """Rejected for a scrape of more than MAX_TEXT_LINES lines (body_mask's check, and extract_text's
    before it splits a long text)."""
    if count > MAX_TEXT_LINES:
        raise Rejected("extract", "text has too many lines", f"{count} lines > {MAX_TEXT_LINES}")


def body_mask(lines: list[Line], model: LineModel | None = None) -> list[bool]:
    """Which lines are article body. Rejected for a scrape of more than MAX_TEXT_LINES lines."""
    if not lines:
        return []
    refuse_lines(len(lines))
    model = model or load_model()
    return model.select(lines, model.scores(lines))
