"""body_second: the context columns mean what their names say, and the second opinion is used only
where the first stage is unsure and the second is sure."""

from __future__ import annotations

import numpy as np
import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract import body_second, html
from newsdesk.extract.body_dom import segment
from newsdesk.extract.body_model import Logistic
from newsdesk.extract.body_second import CONTEXT_NAMES, _nearest, _window_mean, context_features, load_second

PROSE = "The harbour board met on Tuesday and agreed, after a long debate, to repair the northern wall first."


def page() -> str:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(4))
    body = "".join(f"<p>{PROSE} Part {i}.</p>" for i in range(6))
    return (f"<html><body><nav><ul>{nav}</ul></nav><article><h1>Harbour wall</h1><div class='body'>{body}</div>"
            "<p>Photo: the wall in winter, taken from the pier at dawn by a reader.</p></article>"
            "<footer><p>Copyright notice of the example site, all rights reserved.</p></footer></body></html>")


def column(matrix: np.ndarray, name: str) -> np.ndarray:
    return matrix[:, CONTEXT_NAMES.index(name)]


def test_columns_describe_the_block_beside_the_confident_body() -> None:
    blocks = segment(LexborHTMLParser(page()))
    texts = [b.text for b in blocks]
    first = next(i for i, t in enumerate(texts) if t.startswith("The harbour board"))
    body = list(range(first, first + 6))
    prob = np.full(len(blocks), 0.05)
    prob[body] = 0.95
    caption = texts.index("Photo: the wall in winter, taken from the pier at dawn by a reader.")
    prob[caption] = 0.5
    m = context_features(blocks, prob)
    assert m.shape == (len(blocks), len(CONTEXT_NAMES))
    assert column(m, "prev_p")[first] == prob[first - 1] and column(m, "next_p")[first] == 0.95
    assert column(m, "prev2_p")[0] == 0.0 and column(m, "next2_p")[-1] == 0.0
    assert column(m, "before_sure")[0] == 1.0 and column(m, "after_sure")[-1] == 1.0
    assert not column(m, "before_sure")[body].any() and not column(m, "after_sure")[body].any()
    assert column(m, "dist_sure")[body].max() == 0.0 and column(m, "dist_sure")[caption] == np.log1p(1)
    # The caption sits beside the body's <div>, inside <article>: one level above the body's element.
    assert column(m, "in_region")[body].all() and column(m, "in_region")[caption] == 0.0
    assert column(m, "region_up")[caption] == 1.0 and column(m, "region_up")[0] > 1.0
    assert column(m, "same_tag")[caption] == 1.0  # a <p> like every confident block
    assert column(m, "parent_sure_share")[body[0]] == 1.0 and column(m, "parent_sure_share")[caption] == 0.0
    assert column(m, "page_unsure")[0] == pytest.approx(blocks[caption].chars / (6 * blocks[first].chars
                                                                                   + blocks[caption].chars), rel=0.02)


def test_a_page_without_confident_blocks_is_far_from_everything() -> None:
    blocks = segment(LexborHTMLParser(page()))
    m = context_features(blocks, np.full(len(blocks), 0.5))
    assert (column(m, "dist_sure") == body_second.FAR).all() and not column(m, "in_region").any()
    assert context_features([], np.zeros(0)).shape == (0, len(CONTEXT_NAMES))


@pytest.mark.parametrize("n", [1, 2, 4, 5, 9])
def test_window_mean_on_pages_of_any_length(n: int) -> None:
    rng = np.random.default_rng(n)
    p, chars = rng.random(n), rng.integers(0, 300, n).astype(float)
    expected = [sum(p[j] * chars[j] for j in range(max(0, i - 2), min(n, i + 3)))
                / max(1.0, sum(chars[max(0, i - 2):i + 3])) for i in range(n)]
    assert np.allclose(_window_mean(p, chars), expected)


def test_nearest_equals_brute_force() -> None:
    rng = np.random.default_rng(1)
    for _ in range(200):
        n = int(rng.integers(1, 60))
        idx = np.flatnonzero(rng.random(n) < rng.random())
        if not len(idx):
            continue
        pos = np.arange(n)
        assert np.array_equal(_nearest(pos, idx), np.abs(pos[:, None] - idx[None, :]).min(1).astype(float))


def test_the_shipped_second_stage_loads_and_reads_context() -> None:
    model = load_second()
    assert model is not None, "data/body_second.json is shipped"
    blocks = segment(LexborHTMLParser(page()))
    prob = np.full(len(blocks), 0.05)
    body = [i for i, b in enumerate(blocks) if b.text.startswith("The harbour board")]
    prob[body] = 0.95
    second = body_second.second_probabilities(blocks, prob)
    assert second is not None and second[body].min() > 0.5 and np.delete(second, body).max() < 0.5


def _gate(weight: float) -> Logistic:
    """A second stage that answers from the first stage's probability alone: sharply (weight 40,
    sure of every block) or not at all (weight 0: every block at 0.5, unsure)."""
    n = len(CONTEXT_NAMES)
    coef = np.zeros(n)
    coef[0] = weight
    return Logistic(np.full(n, 0.5) * np.eye(n)[0], np.ones(n), coef, 0.0)


@pytest.mark.parametrize(("weight", "expected"), [(40.0, "newsdesk-second"), (0.0, "trafilatura")])
def test_unsure_pages_take_the_second_opinion_only_when_it_is_sure(monkeypatch, weight: float, expected: str) -> None:
    from newsdesk.extract import body_model

    # A first stage unsure of the body (0.7) and sure of the rest (0.01): the unsure rule sends the page on.
    def unsure_first(blocks, model=None):  # noqa: ANN001, ANN202 - body_probabilities' signature
        return np.array([0.7 if b.words >= 12 and not b.link_chars else 0.01 for b in blocks])

    monkeypatch.setattr(html, "body_probabilities", unsure_first)
    monkeypatch.setattr(body_second, "load_second", lambda path=None: _gate(weight))
    paragraphs, name = html.extract_body(page(), "https://harbour.example/wall")
    assert name.startswith(expected)
    assert any(p.startswith("The harbour board") for p in paragraphs)
    if expected == "newsdesk-second":
        assert paragraphs == body_model.select(segment(LexborHTMLParser(page())), unsure_first(
            segment(LexborHTMLParser(page()))))


def test_on_real_pages_the_second_opinion_answers_only_unsure_pages(shared_dir) -> None:
    """Bench pages with the shipped models: the second stage answers some pages, and only ones the
    first stage is unsure about; its answer is its own selection of the page's blocks."""
    import json

    from newsdesk.bench.extraction import load_pages
    from newsdesk.extract import body_model

    root = shared_dir / "bench" / "extraction"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = load_pages(root / "html")
    answered = 0
    for pid in sorted(pages)[:80]:
        paragraphs, name = html.extract_body(pages[pid], truth.get(pid, {}).get("url"))
        if name != "newsdesk-second":
            continue
        answered += 1
        blocks = segment(LexborHTMLParser(pages[pid]))
        prob = body_model.body_probabilities(blocks)
        assert html.unsure_share(blocks, prob) > html.MAX_UNSURE_SHARE
        second = body_second.second_probabilities(blocks, prob)
        assert second is not None and html.unsure_share(blocks, second) <= html.MAX_UNSURE_SHARE
        assert paragraphs == body_model.select(blocks, second)
    assert answered >= 1
