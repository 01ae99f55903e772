"""The tensor filter and ranker: spaCy's own token vectors (`doc.tensor`) as features of the
attribution filter and the speaker ranker, used only under the pipeline that wrote them."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.understand import quote_filter, quotes, speakers
from newsdesk.understand.nlp import load_nlp, model_name, parse

TEXT = ("The senator attacked the plan on Monday. Officials said the bridge would reopen in May. "
        "Critics unveiled a rival proposal that would cut taxes. She believes the deal is dead.")


def _cue_candidates(doc):  # noqa: ANN001, ANN202 - a spaCy Doc; Found list
    doc.user_data.clear()
    cands = quotes.candidates(doc)
    return cands, quotes.filter_features(doc, cands)


def test_tensor_vector_holds_the_cue_the_content_mean_and_the_subject() -> None:
    doc = parse(TEXT)
    width = doc.tensor.shape[1]
    cands, feats = _cue_candidates(doc)
    f = next(f for f, x in zip(cands, feats, strict=True) if x is not None and doc.text[f.cue_start:].startswith("said"))
    cue = quotes.token_at(doc, f.cue_start)
    vec = quotes.tensor_vector_of(doc, f)
    assert vec.shape == (len(quote_filter.TENSOR_BLOCKS) * width,)
    assert np.allclose(vec[:width], doc.tensor[cue.i])
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    assert np.allclose(vec[width:2 * width], doc.tensor[span.start:span.end].mean(axis=0))
    assert quotes.rule_speaker(cue).text == "Officials"
    assert np.allclose(vec[2 * width:], doc.tensor[quotes.rule_speaker(cue).i])


def _tensor_model(doc, pipeline: str) -> speakers.TensorWeights:  # noqa: ANN001
    """The lexical weights plus a dense block that reads the cue word's vector: the first cue's own
    vector, so that its score moves by |v|^2 and others by their dot with it."""
    w = quote_filter.weights()
    assert w is not None
    cands, feats = _cue_candidates(doc)
    first = next(f for f, x in zip(cands, feats, strict=True) if x is not None)
    dense = np.zeros(len(quote_filter.TENSOR_BLOCKS) * doc.tensor.shape[1], dtype=np.float32)
    dense[:doc.tensor.shape[1]] = doc.tensor[quotes.token_at(doc, first.cue_start).i]
    return speakers.TensorWeights(w, dense, pipeline, doc.tensor.shape[1])


def test_the_tensor_filter_scores_every_cue_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = parse(TEXT)
    tm = _tensor_model(doc, model_name())
    monkeypatch.setattr(quote_filter, "tensor_model", lambda: tm)
    cands, feats = _cue_candidates(doc)
    quotes._filtered(doc, cands)
    scored = [(f, x) for f, x in zip(cands, feats, strict=True) if x is not None]
    assert scored
    for f, x in scored:
        extra = float(tm.dense @ quotes.tensor_vector_of(doc, f))
        assert f.confidence == pytest.approx(quote_filter.score(x, tm.weights, extra))
    first = scored[0][0]
    assert first.confidence > quote_filter.score(scored[0][1], tm.weights)  # |v|^2 > 0 pushed it up


def test_under_another_pipeline_the_lexical_filter_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = parse(TEXT)
    tm = _tensor_model(doc, "en_some_other_pipeline-1.0")
    monkeypatch.setattr(quote_filter, "tensor_model", lambda: tm)
    cands, feats = _cue_candidates(doc)
    quotes._filtered(doc, cands)
    w = quote_filter.weights()
    assert w is not None
    for f, x in zip(cands, feats, strict=True):
        if x is not None:
            assert f.confidence == pytest.approx(quote_filter.score(x, w))


def test_a_doc_without_vectors_is_not_usable() -> None:
    doc = parse(TEXT)
    assert speakers.tensor_usable(doc, model_name(), doc.tensor.shape[1])
    assert not speakers.tensor_usable(doc, model_name(), doc.tensor.shape[1] + 1)
    bare = load_nlp().make_doc(TEXT)  # tokenized, never parsed: no vectors
    assert not speakers.tensor_usable(bare, model_name(), doc.tensor.shape[1])


def test_the_tensor_ranker_adds_the_pair_vectors_score(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ranker whose dense weights favour one candidate's own vector picks it over the rules' subject."""
    doc = parse("Officials said the minister would resign after the vote on Monday.")
    said = next(t for t in doc if t.text == "said")
    rule = quotes.rule_speaker(said)
    w = speakers.weights()
    assert w is not None and rule is not None
    lexical, _ = speakers.ranked_speaker(said, rule, set(), [])
    other = next(c for c in speakers.candidates(said) if c.i != lexical.i)
    width = doc.tensor.shape[1]
    dense = np.zeros(2 * width, dtype=np.float32)
    dense[:width] = doc.tensor[other.i] * 50.0 / float(doc.tensor[other.i] @ doc.tensor[other.i])
    monkeypatch.setattr(speakers, "tensor_ranker", lambda: speakers.TensorWeights(w, dense, model_name(), width))
    top, p = speakers.ranked_speaker(said, rule, set(), [])
    assert top.i == other.i and p > 0.5
    monkeypatch.setattr(speakers, "tensor_ranker", lambda: speakers.TensorWeights(w, dense, "elsewhere-0", width))
    assert speakers.ranked_speaker(said, rule, set(), [])[0].i == lexical.i
