"""The boosted speaker ranker: trees stacked on the tensor ranker's scores decide the speaker when
the tensor ranker carries them, and only under the pipeline whose vectors it read."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from newsdesk.understand import boosted, quotes, speakers
from newsdesk.understand.nlp import model_name, parse

TEXT = "Officials said the minister would resign after the vote on Monday."


def test_stacked_features_say_where_each_candidate_stands() -> None:
    rows = speakers.stacked([{"a": 1.0}, {}, {"b": 1.0}], [0.5, 2.0, 1.5])
    assert [r["stack:rank"] for r in rows] == [2.0, 0.0, 1.0]
    assert [r["stack:gap"] for r in rows] == [-1.5, 0.0, -0.5]
    assert [r["stack:margin"] for r in rows] == [-1.5, 0.5, -0.5]
    assert all(r["stack:n"] == 3.0 for r in rows) and rows[0]["a"] == 1.0 and rows[2]["stack:score"] == 1.5


def _runner_up_trees() -> boosted.Trees:
    """Trees that score a candidate high only when the linear ranker put it second."""
    rank = np.tile(np.arange(6.0), 50)[:, None]
    model = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(rank, (rank[:, 0] == 1).astype(int))
    return boosted.from_sklearn(model, ["stack:rank"])


def _linear_order(cue, rule, tw: speakers.TensorWeights) -> list[int]:  # noqa: ANN001 - spaCy tokens
    cands = speakers.candidates(cue)
    feats = [speakers.features(cue, c, rule=rule, previous=set(), regions=[]) for c in cands]
    extra = speakers._pair_scores(cue, cands, tw.dense)
    scores = [speakers.score(f, tw.weights) + x for f, x in zip(feats, extra, strict=True)]
    return [cands[k].i for k in sorted(range(len(cands)), key=lambda k: -scores[k])]


def test_the_trees_decide_over_the_linear_score(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speakers, "VET_SPEAKERS", False)
    monkeypatch.setattr(speakers, "grammar_speaker", lambda cue, top: top)  # the ranker's own choice
    doc = parse(TEXT)
    said = next(t for t in doc if t.text == "said")
    rule = quotes.rule_speaker(said)
    w = speakers.weights()
    assert w is not None
    width = doc.tensor.shape[1]
    tw = speakers.TensorWeights(w, np.zeros(2 * width, dtype=np.float32), model_name(), width)
    order = _linear_order(said, rule, tw)
    monkeypatch.setattr(speakers, "tensor_ranker", lambda: tw)
    assert speakers.ranked_speaker(said, rule, set(), [])[0].i == order[0]
    trees = _runner_up_trees()
    monkeypatch.setattr(speakers, "tensor_ranker", lambda: tw._replace(boosted=trees))
    top, p = speakers.ranked_speaker(said, rule, set(), [])
    assert top.i == order[1]
    assert p == pytest.approx(float(boosted.probability(trees, np.array([[1.0]]))[0]))
    # under another pipeline the vectors mean nothing: the lexical ranker decides, without the trees
    monkeypatch.setattr(speakers, "tensor_ranker", lambda: None)
    lexical = speakers.ranked_speaker(said, rule, set(), [])
    other = tw._replace(boosted=trees, pipeline="elsewhere-0")
    monkeypatch.setattr(speakers, "tensor_ranker", lambda: other)
    assert speakers.ranked_speaker(said, rule, set(), []) == lexical

