"""The learned block classifier: which of a page's text blocks are the article body.

A gradient-boosted tree ensemble (or a logistic model) over body_features.base_features, with
weights shipped in data/body_model.json and trained by tools/train_body_model.py (never at run
time). Inference is numpy only: all trees are walked at once, level by level.

A second stage over the neighbours' probabilities was tried and dropped: cross-validated it
scored below the single stage (0.945-0.947 vs 0.954-0.956 F1 on bench/extraction).
A second stage used only on the pages this one is unsure about, in place of trafilatura (27
context columns: neighbours' and ancestors' probabilities, position against the confident body;
its answer kept when sure by extract.html's unsure rule; commits 51b22d9..d2226c6) was as accurate
on the held-out folds (F1 0.9754 -> 0.9755, trafilatura on 22 instead of 31 of 131 pages; fundus
bodies 0.9536 both) but not cheaper: it is sure only where trafilatura's region pass is cheap
(93 ms saved over 9 pages against ~1.7 ms on each of 31 unsure pages), and analyze CPU with and
without it was equal within noise (17.74 vs 17.77 ms a page, 5 alternating rounds), so it was dropped.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.extract.body_dom import Block
from newsdesk.extract.body_features import base_features

MODEL_FILE = Path(__file__).resolve().parent / "data" / "body_model.json"
# Blocks with a stage-2 probability at or above this are body. 0.5: the labels are balanced by
# construction (each block counts once), and the CV F1 is flat around it (tools/train_body_model.py).
THRESHOLD = 0.5
# Trees up to this depth are evaluated laid out as complete binary trees (2**depth leaves each);
# deeper ones node by node.
MAX_COMPLETE_DEPTH = 10


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass
class Logistic:
    mean: np.ndarray
    std: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict(self, X: np.ndarray) -> np.ndarray:
        return _sigmoid(((X - self.mean) / self.std) @ self.coef + self.intercept) if len(X) else np.zeros(0)

    def to_json(self) -> dict[str, Any]:
        return {"kind": "logistic", "mean": self.mean.tolist(), "std": self.std.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept}


@dataclass
class Trees:
    """Boosted regression trees on the logit scale, all trees walked at once with numpy."""

    baseline: float
    feature: np.ndarray  # (trees, nodes) int
    threshold: np.ndarray  # (trees, nodes) float; go left when x <= threshold
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray  # (trees, nodes) bool
    value: np.ndarray  # (trees, nodes) float
    depth: int

    @classmethod
    def from_sklearn(cls, model: Any) -> Trees:
        trees = [pred[0].nodes for pred in model._predictors]  # noqa: SLF001 - sklearn keeps them here
        width = max(len(t) for t in trees)

        def grid(field: str, dtype: Any) -> np.ndarray:
            out = np.zeros((len(trees), width), dtype=dtype)
            for i, t in enumerate(trees):
                out[i, :len(t)] = t[field]
            return out

        leaf = grid("is_leaf", bool)
        for i, t in enumerate(trees):
            leaf[i, len(t):] = True  # padding nodes of shorter trees are never reached
        return cls(float(np.ravel(model._baseline_prediction)[0]), grid("feature_idx", np.int64),  # noqa: SLF001
                   grid("num_threshold", np.float64), grid("left", np.int64), grid("right", np.int64), leaf,
                   grid("value", np.float64), int(max(t["depth"].max() for t in trees)))

    def predict(self, X: np.ndarray) -> np.ndarray:
        n, t = len(X), len(self.feature)
        if not n:
            return np.zeros(0)
        if self.depth > MAX_COMPLETE_DEPTH or np.isnan(X).any():
            return self._predict_by_nodes(X)  # (NaN goes right there; `>` below would send it left)
        # Every tree laid out complete (see `complete`): a block's position at the next level is
        # 2 * position + (went right), so a level costs three gathers and no leaf or child lookups
        # (1.8 -> 1.0 ms a page on bench/extraction, the same probabilities to the last bit).
        # With tree t's level-L nodes at t * 2**L + position, the flat index itself doubles:
        # node = 2 * node + (went right), updated in place (0.94 -> 0.83 ms a page, same bits).
        features, thresholds, values = self.complete
        rows = np.repeat(np.arange(n) * X.shape[1], t)
        flat_x = X.ravel()
        node = np.tile(np.arange(t), n)  # level 0: tree t's root is node t
        index = np.empty(n * t, dtype=np.int64)
        right = np.empty(n * t, dtype=bool)
        for feature, threshold in zip(features, thresholds, strict=True):
            np.take(feature, node, out=index)
            index += rows
            np.greater(np.take(flat_x, index), np.take(threshold, node), out=right)
            node <<= 1
            node += right
        leaf_values = np.take(values, node)
        return _sigmoid(self.baseline + leaf_values.reshape(n, t).sum(axis=1))

    def _predict_by_nodes(self, X: np.ndarray) -> np.ndarray:
        """The node-by-node walk, for trees too deep to lay out complete."""
        n, t = len(X), len(self.feature)
        width = self.feature.shape[1]
        # Flat node indices (tree * width + node) and np.take: much cheaper than 2-D fancy indexing.
        feature, threshold = self.feature.ravel(), self.threshold.ravel()
        left, right, leaf = self.left.ravel(), self.right.ravel(), self.leaf.ravel()
        base = np.tile(np.arange(t) * width, n)
        rows = np.repeat(np.arange(n) * X.shape[1], t)
        flat_x = X.ravel()
        node = base.copy()
        for _ in range(self.depth):
            go_left = np.take(flat_x, rows + np.take(feature, node)) <= np.take(threshold, node)
            step = base + np.where(go_left, np.take(left, node), np.take(right, node))
            node = np.where(np.take(leaf, node), node, step)
        return _sigmoid(self.baseline + np.take(self.value.ravel(), node).reshape(n, t).sum(axis=1))

    @functools.cached_property
    def complete(self) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        """Per level, each tree's node features and thresholds as complete binary trees (flat,
        tree-major), and the leaf values at the bottom level. A leaf above the bottom is copied to
        every position below it; its pretend splits (feature 0, threshold inf) lead nowhere else."""
        t = len(self.feature)
        features = [np.zeros((t, 1 << d), dtype=np.int64) for d in range(self.depth)]
        thresholds = [np.full((t, 1 << d), np.inf) for d in range(self.depth)]
        values = np.zeros((t, 1 << self.depth))
        for tree in range(t):
            todo = [(0, 0, 0)]  # (node, level, position in level)
            while todo:
                node, level, pos = todo.pop()
                if self.leaf[tree, node]:
                    span = 1 << (self.depth - level)
                    values[tree, pos * span:(pos + 1) * span] = self.value[tree, node]
                    continue
                features[level][tree, pos] = self.feature[tree, node]
                thresholds[level][tree, pos] = self.threshold[tree, node]
                todo += [(int(self.left[tree, node]), level + 1, 2 * pos),
                         (int(self.right[tree, node]), level + 1, 2 * pos + 1)]
        return [f.ravel() for f in features], [th.ravel() for th in thresholds], values.ravel()

    def to_json(self) -> dict[str, Any]:
        return {"kind": "trees", "baseline": self.baseline, "depth": self.depth,
                **{k: getattr(self, k).tolist() for k in ("feature", "threshold", "left", "right", "leaf", "value")}}


Stage = Logistic | Trees


def stage_from_json(data: dict[str, Any]) -> Stage:
    if data["kind"] == "logistic":
        return Logistic(np.array(data["mean"]), np.array(data["std"]), np.array(data["coef"]), float(data["intercept"]))
    return Trees(float(data["baseline"]), np.array(data["feature"], dtype=np.int64),
                 np.array(data["threshold"], dtype=np.float64), np.array(data["left"], dtype=np.int64),
                 np.array(data["right"], dtype=np.int64), np.array(data["leaf"], dtype=bool),
                 np.array(data["value"], dtype=np.float64), int(data["depth"]))


def load_model(path: Path = MODEL_FILE) -> Stage:
    return _load(str(path))


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Stage:
    return stage_from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def save_model(model: Stage, path: Path = MODEL_FILE) -> None:
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")


def body_probabilities(blocks: list[Block], model: Stage | None = None) -> np.ndarray:
    """The probability that each block is article body."""
    if not blocks:
        return np.zeros(0)
    return (model or load_model()).predict(base_features(blocks))


def select(blocks: list[Block], prob: np.ndarray, threshold: float = THRESHOLD) -> list[str]:
    """The texts of the blocks classified as body, in page order, each body text once.

    Some pages carry the body twice (a print or AMP copy in a hidden container, the whole
    article again as one block). A long block that repeats a kept block exactly, or holds two
    or more kept blocks inside it, is such a copy and is dropped. Paragraphs that merely share
    most of their words (a list of similar sentences) are kept.
    """
    chosen: list[str] = []
    long_kept: list[str] = []
    for block, p in zip(blocks, prob, strict=True):
        if p < threshold:
            continue
        text = block.text
        if len(text) >= MIN_COPY_CHARS and long_kept and _is_copy(text, long_kept):
            continue
        chosen.append(text)
        if len(text) >= MIN_COPY_CHARS:
            long_kept.append(text)
    return chosen


# Blocks shorter than this are never taken for copies: subheadings and short lines legitimately recur.
MIN_COPY_CHARS = 50


def _is_copy(text: str, kept: list[str]) -> bool:
    if text in kept:
        return True
    if len(text) < 2 * MIN_COPY_CHARS:
        return False
    inside = 0
    for earlier in kept:
        if earlier in text:
            inside += 1
            if inside >= 2:
                return True
    return False
