"""body_model: numpy inference equals sklearn's, copies are dropped, the shipped model finds bodies."""

from __future__ import annotations

import json

import numpy as np
import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body_dom import segment
from newsdesk.extract.body_model import MAX_COMPLETE_DEPTH, Trees, body_probabilities, load_model, select

SENTENCES = [
    "The council met on Tuesday and agreed a budget for the coming year after a long debate.",
    "Schools will receive more money, while the harbour repairs are delayed until the spring.",
    "Opposition members said the plan ignored the roads, which residents describe as dangerous.",
    "The mayor, speaking after the vote, said difficult choices had been made in good faith.",
    "A final vote on the harbour is expected next month, once the engineers report back.",
    "Local businesses welcomed the decision but asked for clearer rules on parking fees.",
]


def article_page() -> str:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(10))
    body = "".join(f"<p>{s} {s}</p>" for s in SENTENCES)
    related = "".join(f'<li><a href="/r{i}">Another story number {i} about the city</a></li>' for i in range(8))
    return (f"<!doctype html><html><head><title>Budget</title></head><body><header><nav><ul>{nav}</ul></nav></header>"
            f"<main><article><h1>Council agrees budget</h1><div class='article-body'>{body}</div></article>"
            f"<aside class='related'><h2>Related stories</h2><ul>{related}</ul></aside></main>"
            "<footer class='site-footer'><p>© 2024 Example News. All rights reserved.</p></footer></body></html>")


@pytest.mark.parametrize("max_depth", [4, 8])
def test_tree_inference_matches_sklearn(max_depth: int) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 5))
    y = (X[:, 0] + X[:, 1] * X[:, 2] > 0).astype(int)
    model = HistGradientBoostingClassifier(max_iter=30, max_depth=max_depth, random_state=0).fit(X, y)
    trees = Trees.from_sklearn(model)
    assert trees.depth <= MAX_COMPLETE_DEPTH  # so predict takes the complete layout
    assert np.allclose(trees.predict(X), model.predict_proba(X)[:, 1], atol=1e-9)
    # The complete layout and the node walk (used for deeper trees) give the same sums, bit for bit.
    assert np.array_equal(trees.predict(X), trees._predict_by_nodes(X))
    # Infinities take the complete layout, NaN the node walk: both go where the node walk sends them.
    for odd in (np.inf, -np.inf, np.nan):
        X_odd = X.copy()
        X_odd[::7, 1] = odd
        assert np.array_equal(trees.predict(X_odd), trees._predict_by_nodes(X_odd))
    round_trip = json.loads(json.dumps(trees.to_json()))
    from newsdesk.extract.body_model import stage_from_json

    assert np.allclose(stage_from_json(round_trip).predict(X), trees.predict(X))


def test_select_drops_a_whole_article_copy_but_keeps_similar_paragraphs() -> None:
    paragraphs = [f"Point {i}: {SENTENCES[0]}" for i in range(4)]
    html = "".join(f"<p>{p}</p>" for p in paragraphs) + f"<div>{' '.join(paragraphs)}</div>"
    blocks = segment(LexborHTMLParser(f"<html><body>{html}</body></html>"))
    assert select(blocks, np.ones(len(blocks))) == paragraphs
    assert select(blocks, np.array([1.0, 0.0, 1.0, 1.0, 0.0])) == [paragraphs[0], paragraphs[2], paragraphs[3]]


def test_shipped_model_keeps_the_article_and_drops_navigation_related_and_footer() -> None:
    blocks = segment(LexborHTMLParser(article_page()))
    prob = body_probabilities(blocks)
    kept = select(blocks, prob)
    for sentence in SENTENCES:
        assert any(sentence in k for k in kept)
    assert not any(k.startswith(("Section", "Another story", "©")) for k in kept)
    assert load_model() is load_model()  # loaded once


def test_no_blocks_no_probabilities() -> None:
    assert body_probabilities([]).shape == (0,)
    assert select([], np.zeros(0)) == []


def test_bench_pages_score_well(shared_dir) -> None:
    """A regression guard on development pages (the honest, cross-validated figure is in the report)."""
    from newsdesk.bench.extraction import load_pages, shingle_scores

    bench = shared_dir / "bench" / "extraction"
    if not bench.exists():
        pytest.skip("no extraction benchmark")
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pages = load_pages(bench / "html")
    ids = sorted(k for k in pages if k in truth)[::6]
    preds = {}
    for k in ids:
        blocks = segment(LexborHTMLParser(pages[k]))
        preds[k] = {"articleBody": "\n".join(select(blocks, body_probabilities(blocks)))}
    assert shingle_scores({k: truth[k] for k in ids}, preds)["f1"] >= 0.9
