"""The attribution filter's contextual model: MiniLM vectors of the cue word and its sentence,
used for the candidates the lexical filter is unsure of, and the lexical model without the encoder."""

from __future__ import annotations

import pytest

from newsdesk.understand import embed, quote_filter, quotes
from newsdesk.understand.nlp import parse

TEXT = ("The senator attacked the plan on Monday. Officials said the bridge would reopen in May. "
        "Critics unveiled a rival proposal that would cut taxes. She believes the deal is dead.")


@pytest.fixture(autouse=True)
def _no_tensor_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the lexical and MiniLM filters: without the tensor filter (when shipped,
    it would replace the lexical one; tests/understand/test_quote_tensor.py covers it)."""
    monkeypatch.setattr(quote_filter, "tensor_model", lambda: None)


def _cue_candidates(doc):  # noqa: ANN001, ANN202 - a spaCy Doc; Found list
    doc.user_data.clear()
    cands = quotes.candidates(doc)
    return cands, quotes.filter_features(doc, cands)


def _lexical(doc) -> dict[int, float]:  # noqa: ANN001
    cands, feats = _cue_candidates(doc)
    w = quote_filter.weights()
    assert w is not None
    return {f.cue_start: quote_filter.score(x, w) for f, x in zip(cands, feats, strict=True) if x is not None}


def _filtered_confidences(doc) -> dict[int, float]:  # noqa: ANN001
    cands, _ = _cue_candidates(doc)
    return {f.cue_start: f.confidence for f in quotes._filtered(doc, cands) if f.cue_start >= 0}


def test_cue_context_is_the_sentence_and_the_cue_word_in_it() -> None:
    doc = parse(TEXT)
    said = next(t for t in doc if t.text == "said")
    text, (lo, hi) = quote_filter.cue_context(said)
    assert text.startswith("Officials said") and text[lo:hi] == "said"


@pytest.mark.skipif(not embed.embed_available(), reason="embedding model not installed")
def test_unsure_candidates_are_rescored_with_their_context(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a contextual model (here the lexical weights and a cue-vector block that pushes every
    cue up), only the candidates in CASCADE are encoded and rescored; the rest keep their score."""
    lexical_w = quote_filter.weights()
    assert lexical_w is not None
    doc = parse(TEXT)
    lexical = _lexical(doc)
    lo, hi = quote_filter.CASCADE
    cands, feats = _cue_candidates(doc)
    unsure = [f.cue_start for f, x in zip(cands, feats, strict=True) if x is not None and lo <= lexical[f.cue_start] < hi]
    assert unsure, "no candidate of the text was in the band"
    keys = [quote_filter.cue_context(quotes.token_at(doc, c)) for c in unsure]
    vectors = quote_filter.context_vectors(keys)
    dense = {"cue": [float(x) * 5 for x in vectors[0][1]]}  # the first unsure cue's own vector, scaled
    monkeypatch.setattr(quote_filter, "context_model", lambda: (lexical_w, dense))
    cands, feats = _cue_candidates(doc)
    by_cue = {f.cue_start: x for f, x in zip(cands, feats, strict=True) if x is not None}
    quotes._filtered(doc, cands)
    after = {f.cue_start: f.confidence for f in cands if f.cue_start in lexical}
    for c, v in zip(unsure, vectors, strict=True):
        assert after[c] == pytest.approx(quote_filter.score(by_cue[c], lexical_w, quote_filter.dense_score(v, dense)))
    assert quote_filter.dense_score(vectors[0], dense) == pytest.approx(5.0, abs=1e-3)  # a unit vector's dot
    assert after[unsure[0]] > lexical[unsure[0]]
    assert all(after[c] == pytest.approx(p) for c, p in lexical.items() if c not in unsure)


def test_without_the_encoder_the_lexical_filter_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    # a model package that is not installed: embed_available() finds nothing, as on a bare install
    monkeypatch.setattr(embed, "MODEL_PACKAGE", "no_such_minilm_package")
    quote_filter.context_model.cache_clear()
    try:
        assert quote_filter.context_model() is None
        doc = parse(TEXT)
        lexical = _lexical(doc)
        kept = _filtered_confidences(doc)
        assert kept and all(kept[c] == pytest.approx(lexical[c]) for c in kept)
        assert all(p >= quote_filter.THRESHOLD for p in kept.values())
    finally:
        quote_filter.context_model.cache_clear()
