"""Gradient-boosted trees shipped as arrays and scored with numpy (no pickle, no sklearn at run time).

A model is trained by scikit-learn's HistGradientBoosting (tools/), flattened by `from_sklearn` into
one set of node arrays (every tree's nodes concatenated, child indices absolute), saved as an .npz
(`save`; loaded with allow_pickle=False) and scored by `raw_score`, which walks all trees of all
rows at once, `depth` steps: a few numpy gathers, however many candidates a cue has.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

_ARRAYS = ("feature", "threshold", "left", "right", "missing_left", "leaf", "value", "roots")


class Trees(NamedTuple):
    """A tree ensemble's nodes, flat: node k of the whole ensemble goes to `left[k]` when its row's
    `feature[k]` column is <= `threshold[k]` (NaN: `missing_left[k]`), else to `right[k]`."""
    names: tuple[str, ...]  # the feature matrix's column names, in order
    feature: Any
    threshold: Any
    left: Any
    right: Any
    missing_left: Any
    leaf: Any
    value: Any  # a leaf's contribution (the learning rate already in it)
    roots: Any  # each tree's first node
    baseline: float  # the raw score before any tree
    depth: int  # the deepest leaf's depth: how many steps a walk takes
    meta: dict[str, Any]


def from_sklearn(model: Any, names: list[str] | tuple[str, ...], **meta: Any) -> Trees:
    """A fitted binary HistGradientBoostingClassifier (or a HistGradientBoostingRegressor), flat."""
    parts = [predictor.nodes for (predictor,) in model._predictors]  # one tree an iteration: binary only
    if any(p["is_categorical"].any() for p in parts):
        raise ValueError("categorical splits are not supported")
    roots = np.cumsum([0] + [len(p) for p in parts[:-1]])
    nodes = np.concatenate(parts)
    shift = np.repeat(roots, [len(p) for p in parts])
    leaf = nodes["is_leaf"].astype(bool)
    own = np.arange(len(nodes))  # a leaf's children are itself, so a walk can go on past it

    def child(side: str) -> Any:
        return np.where(leaf, own, nodes[side].astype(np.int64) + shift).astype(np.int32)

    return Trees(tuple(names), nodes["feature_idx"].astype(np.int32), nodes["num_threshold"].astype(np.float64),
                 child("left"), child("right"), nodes["missing_go_to_left"].astype(bool), leaf,
                 nodes["value"].astype(np.float64), roots.astype(np.int32),
                 float(np.ravel(model._baseline_prediction)[0]), int(nodes["depth"].max()), dict(meta))


def save(path: Path, trees: Trees, about: str, **meta: Any) -> None:
    """One .npz: the node arrays, the column names, and `about` plus `meta` as 0-d arrays."""
    extra = {**trees.meta, **meta, "about": about}
    arrays: dict[str, Any] = {k: getattr(trees, k) for k in _ARRAYS}
    arrays.update({f"meta_{k}": np.asarray(v) for k, v in extra.items()})
    arrays.update(names=np.asarray(trees.names, dtype=str), baseline=np.float64(trees.baseline),
                  depth=np.int64(trees.depth))
    np.savez_compressed(path, **arrays)


def load(source: Any) -> Trees | None:
    """The ensemble saved by `save` (a path or an open binary file), or None when it is missing or
    not one."""
    try:
        with np.load(source, allow_pickle=False) as z:
            meta = {k.removeprefix("meta_"): z[k].item() for k in z.files if k.startswith("meta_")}
            nodes = {k: z[k] for k in _ARRAYS}
            return Trees(names=tuple(str(n) for n in z["names"]), baseline=float(z["baseline"]),
                         depth=int(z["depth"]), meta=meta, **nodes)
    except (FileNotFoundError, OSError, KeyError, ValueError):
        return None


def shipped(name: str) -> Trees | None:
    """An ensemble shipped in understand/data/, or None when it is missing."""
    try:
        with resources.files("newsdesk.understand").joinpath(f"data/{name}").open("rb") as f:
            return load(f)
    except (FileNotFoundError, OSError):
        return None


def matrix(rows: list[dict[str, float]], names: tuple[str, ...] | list[str]) -> Any:
    """Sparse feature dicts as the dense matrix an ensemble reads: an absent key is 0."""
    col = {n: k for k, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)), dtype=np.float64)
    for i, row in enumerate(rows):
        for key, v in row.items():
            k = col.get(key)
            if k is not None:
                x[i, k] = v
    return x


def raw_score(trees: Trees, x: Any) -> Any:
    """The ensemble's raw score of each row (a classifier's log-odds, as sklearn's decision_function)."""
    x = np.asarray(x, dtype=np.float64)
    if len(x) == 0:
        return np.zeros(0)
    rows = np.arange(len(x))[:, None]
    node = np.broadcast_to(trees.roots, (len(x), len(trees.roots))).copy()
    for _ in range(trees.depth):
        v = x[rows, trees.feature[node]]
        go_left = np.where(np.isnan(v), trees.missing_left[node], v <= trees.threshold[node])
        node = np.where(go_left, trees.left[node], trees.right[node])
    return trees.baseline + trees.value[node].sum(axis=1)


def probability(trees: Trees, x: Any) -> Any:
    """P(positive) of each row: the sigmoid of `raw_score`."""
    return 1.0 / (1.0 + np.exp(-np.clip(raw_score(trees, x), -30.0, 30.0)))
