"""The pair model's fit for the clustering bench: the date-gap weight is held at or below 0."""

from __future__ import annotations

import numpy as np

from newsdesk.bench import clustering


def _table(gap_sign: float) -> tuple[list[list[float]], list[int]]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 6))
    y = (X[:, 0] + gap_sign * X[:, clustering.GAP] + rng.normal(scale=0.5, size=400) > 0).astype(int)
    return X.tolist(), y.tolist()


def test_a_gap_that_favours_one_event_is_held_at_zero() -> None:
    X, y = _table(+1.0)
    model = clustering.fit_logistic(X, y)
    assert model.coef_[0][clustering.GAP] == 0.0
    assert model.coef_[0][0] > 1.0  # the other features keep their weight
    X, y = _table(-1.0)
    assert clustering.fit_logistic(X, y).coef_[0][clustering.GAP] < -1.0  # a gap against one event stays
