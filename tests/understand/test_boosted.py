"""Boosted trees shipped as arrays (`understand.boosted`): scored by numpy exactly as scikit-learn
scores the model they were flattened from, and saved without pickle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

from newsdesk.understand import boosted


def _data(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """An interaction no sum of weights fits (x0 matters only when x1 is high), with missing values."""
    rng = np.random.default_rng(seed)
    x = rng.random((1500, 5))
    x[rng.random(x.shape) < 0.05] = np.nan
    y = ((np.nan_to_num(x[:, 0]) > 0.5) == (np.nan_to_num(x[:, 1], nan=0.9) > 0.3)).astype(int)
    return x, y


def test_the_flat_trees_score_as_sklearn_does() -> None:
    x, y = _data(0)
    model = HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=15, random_state=0).fit(x, y)
    trees = boosted.from_sklearn(model, [f"f{k}" for k in range(5)])
    held, _ = _data(1)
    assert len(trees.roots) == model.n_iter_ and trees.depth > 1
    assert np.allclose(boosted.raw_score(trees, held), model.decision_function(held), atol=1e-9)
    assert np.allclose(boosted.probability(trees, held), model.predict_proba(held)[:, 1], atol=1e-9)


def test_a_regressor_scores_as_its_predict() -> None:
    x, y = _data(2)
    model = HistGradientBoostingRegressor(max_iter=20, random_state=0).fit(x, y.astype(float))
    trees = boosted.from_sklearn(model, [f"f{k}" for k in range(5)])
    assert np.allclose(boosted.raw_score(trees, x), model.predict(x), atol=1e-9)


def test_saved_trees_load_without_pickle_and_score_the_same(tmp_path: Path) -> None:
    x, y = _data(3)
    model = HistGradientBoostingClassifier(max_iter=15, random_state=0).fit(x, y)
    trees = boosted.from_sklearn(model, ["a", "b", "c", "d", "e"], iterations=model.n_iter_)
    path = tmp_path / "trees.npz"
    boosted.save(path, trees, "five columns", scale=0.1)
    back = boosted.load(path)
    assert back is not None
    assert back.names == ("a", "b", "c", "d", "e")
    assert back.meta == {"iterations": model.n_iter_, "scale": 0.1, "about": "five columns"}
    assert np.array_equal(boosted.raw_score(back, x), boosted.raw_score(trees, x))
    assert boosted.load(tmp_path / "missing.npz") is None
    (tmp_path / "junk.npz").write_bytes(b"not an npz")
    assert boosted.load(tmp_path / "junk.npz") is None


def test_feature_dicts_become_the_columns_the_trees_read() -> None:
    x = boosted.matrix([{"b": 2.0, "unknown": 5.0}, {}, {"a": 1.0, "b": -1.0}], ("a", "b"))
    assert x.tolist() == [[0.0, 2.0], [0.0, 0.0], [1.0, -1.0]]
    x, y = _data(4)
    model = HistGradientBoostingClassifier(max_iter=5, random_state=0).fit(x, y)
    trees = boosted.from_sklearn(model, [f"f{k}" for k in range(5)])
    assert boosted.raw_score(trees, np.zeros((0, 5))).shape == (0,)


def test_categorical_splits_are_refused() -> None:
    x, y = _data(5)
    cats = np.nan_to_num(np.floor(x * 4))
    model = HistGradientBoostingClassifier(max_iter=5, categorical_features=[0], random_state=0).fit(cats, y)
    with pytest.raises(ValueError, match="categorical"):
        boosted.from_sklearn(model, [f"f{k}" for k in range(5)])
