"""The boosted filter (session 18, K3; measured, not shipped): gradient-boosted trees over the filter's
lexical features and the tensor filter's log-odds rescore the cue candidates, only where the tensor
filter runs; the training tool stacks them on out-of-fold tensor scores."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsdesk.understand import boosted, quote_filter, quotes, speakers
from newsdesk.understand.nlp import parse

TEXT = ("The senator attacked the plan on Monday. Officials said the bridge would reopen in May. "
        "Critics unveiled a rival proposal that would cut taxes. She believes the deal is dead.")
TOOLS = Path(__file__).resolve().parents[2] / "tools"


def _scored(doc: Any) -> list[tuple[quotes.Found, dict[str, float]]]:
    doc.user_data.clear()
    cands = quotes.candidates(doc)
    feats = quotes.filter_features(doc, cands)
    quotes._filtered(doc, cands)
    return [(f, x) for f, x in zip(cands, feats, strict=True) if x is not None]


def _trees(names: list[str]) -> boosted.Trees:
    """Small real trees over these columns: positive when the tensor logit is high and the cue is "say"."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = np.zeros((400, len(names)))
    x[:, names.index("lemma=say")] = rng.integers(0, 2, 400)
    x[:, names.index(quote_filter.TENSOR_LOGIT)] = rng.normal(0, 2, 400)
    y = (x[:, names.index("lemma=say")] > 0) & (x[:, names.index(quote_filter.TENSOR_LOGIT)] > 0)
    model = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(x, y)
    return boosted.from_sklearn(model, names)


def _tensor_scores(doc: Any, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    monkeypatch.setattr(quote_filter, "boosted_model", lambda: None)
    return [f.confidence for f, _ in _scored(doc)]


def test_the_boosted_filter_rescores_what_the_tensor_filter_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = parse(TEXT)
    tm = quote_filter.tensor_model()
    assert tm is not None and speakers.tensor_usable(doc, tm.pipeline, tm.width)
    before = _tensor_scores(doc, monkeypatch)
    trees = _trees(["lemma=say", "slot=verb", quote_filter.TENSOR_LOGIT])
    monkeypatch.setattr(quote_filter, "boosted_model", lambda: trees)
    scored = _scored(doc)
    assert len(scored) == len(before) >= 3
    rows = [{**x, quote_filter.TENSOR_LOGIT: quote_filter.logit(p)} for (_, x), p in zip(scored, before, strict=True)]
    want = boosted.probability(trees, boosted.matrix(rows, trees.names))
    assert [f.confidence for f, _ in scored] == pytest.approx(list(want))
    by_cue = {doc.text[f.cue_start:].split()[0]: f.confidence for f, _ in scored}
    assert by_cue["said"] > 0.5 > max(by_cue["attacked"], by_cue["unveiled"]), by_cue


def test_under_another_pipeline_the_boosted_filter_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = parse(TEXT)
    tm = quote_filter.tensor_model()
    assert tm is not None
    monkeypatch.setattr(quote_filter, "tensor_model", lambda: tm._replace(pipeline="en_some_other_pipeline-1.0"))
    trees = _trees(["lemma=say", quote_filter.TENSOR_LOGIT])
    monkeypatch.setattr(quote_filter, "boosted_model", lambda: trees)
    w = quote_filter.weights()
    assert w is not None
    for f, x in _scored(doc):
        assert f.confidence == pytest.approx(quote_filter.score(x, w))


@pytest.fixture(scope="module")
def tool() -> Any:
    sys.path.insert(0, str(TOOLS))
    try:
        import train_quote_filter
    finally:
        sys.path.remove(str(TOOLS))
    return train_quote_filter


def test_the_stacked_tensor_scores_never_see_their_own_article(tool: Any) -> None:
    """Each article has its own feature and its own label: a filter fitted on that article learns the
    label from the feature; out of fold the feature was never seen and tells nothing."""
    rng = random.Random(0)
    rows = []
    for a in range(40):
        y = a % 2
        for _ in range(12):
            vec = np.array([rng.gauss(0, 1) for _ in range(len(quote_filter.TENSOR_BLOCKS) * 2)], dtype=np.float32)
            rows.append(tool.Example(f"art{a}", {f"art={a}": 1.0, "lemma=say": 1.0}, y, ("", (0, 0)), vec))
    oof = np.array(tool.out_of_fold_tensor(rows, 5))
    ys = np.array([r.y for r in rows])
    inside = np.array(tool.tensor_scores(rows, rows, quote_filter.TENSOR_BLOCKS, 0.1))
    assert abs(inside[ys == 1].mean() - inside[ys == 0].mean()) > 0.2  # fitted on itself: it knows
    assert abs(oof[ys == 1].mean() - oof[ys == 0].mean()) < 0.1  # out of fold: it cannot


def test_the_trees_learn_an_interaction_the_logistic_cannot(tool: Any) -> None:
    """An attribution exactly when one of two features is on and not both (quotation marks x nesting,
    say): no sum of weights ranks that; the boosted filter does, from the features and the stacked logit."""
    rng = random.Random(1)
    rows = []
    for a in range(40):
        for _ in range(12):
            quoted, nested = rng.random() < 0.5, rng.random() < 0.5
            vec = np.array([rng.gauss(0, 1) for _ in range(len(quote_filter.TENSOR_BLOCKS) * 2)], dtype=np.float32)
            rows.append(tool.Example(f"art{a}", {"sentence_quoted": float(quoted), "nested": float(nested)},
                                     int(quoted != nested), ("", (0, 0)), vec))
    trees = tool.fit_boosted(rows)
    assert trees.names[-1] == quote_filter.TENSOR_LOGIT
    ys = np.array([r.y for r in rows])
    logistic = np.array(tool.tensor_scores(rows, rows, quote_filter.TENSOR_BLOCKS, 0.1))
    oof = [quote_filter.logit(p) for p in tool.out_of_fold_tensor(rows, 5)]
    x = boosted.matrix([{**r.feats, quote_filter.TENSOR_LOGIT: z} for r, z in zip(rows, oof, strict=True)], trees.names)
    p = boosted.probability(trees, x)
    assert p[ys == 1].min() > 0.8 > 0.2 > p[ys == 0].max()
    assert abs(logistic[ys == 1].mean() - logistic[ys == 0].mean()) < 0.15
