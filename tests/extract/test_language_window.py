"""The language identifier's windowed feature walk (understand/language.py) against py3langid's own."""

from __future__ import annotations

import random

import numpy as np
import py3langid
from py3langid.langid import MODEL_DIR, MODEL_FILE, visit_counts

from newsdesk.understand import language


def _identifier():  # type: ignore[no-untyped-def]
    identifier = language._identifier()
    assert hasattr(identifier, "_np_nextmove"), "the installed model is not the one WINDOW was checked on"
    return identifier


def test_the_bundled_model_is_the_checked_one() -> None:
    size = (MODEL_DIR / MODEL_FILE).stat().st_size
    assert (py3langid.__version__, size) in language.WINDOW_CHECKED


def test_no_state_is_deeper_than_the_window() -> None:
    """Breadth first from the start state: a state's depth is the length of the shortest text reaching it."""
    identifier = _identifier()
    nextmove, rowbase = identifier._np_nextmove, identifier._np_rowbase
    depth = np.full(len(rowbase), -1)
    depth[0], frontier, level = 0, np.array([0]), 0
    while len(frontier):
        reached = np.unique(nextmove[(rowbase[frontier])[:, None] + np.arange(256)[None, :]])
        reached = reached[depth[reached] < 0]
        level += 1
        depth[reached] = level
        frontier = reached
    assert depth.min() == 0
    assert depth.max() <= language.WINDOW


def test_window_walk_equals_py3langid_walk() -> None:
    """Same features in the same order, on prose in several scripts and on random bytes (which reach
    states prose never does)."""
    identifier = _identifier()
    rng = random.Random(7)
    texts = [identifier._encode(t) for t in (
        "The minister said on Tuesday that the budget would be cut.", "Der Bundestag hat am Dienstag",
        "Москва объявила о новых мерах", "北京时间周二，国务院发布", "", "a", "ab", "abcde", "abcdef")]
    texts += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))) for _ in range(400)]
    for text in texts:
        ours = language.window_visits(identifier._np_nextmove, identifier._np_rowbase, identifier._np_output, text)
        theirs = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, text)
        assert (None if ours is None else list(ours.items())) == (None if theirs is None else list(theirs.items()))


def test_same_answers_as_py3langid_identifier() -> None:
    from py3langid.langid import LanguageIdentifier

    ours = _identifier()
    stock = LanguageIdentifier(ours.nb_ptc, ours.nb_pc, ours.nb_classes, ours.tk_nextmove, ours.tk_output,
                               norm_probs=True, tk_row=ours.tk_row)
    for text in ("Le gouvernement a annoncé mardi une nouvelle loi.", "El presidente habló ayer", "x", ""):
        assert ours.classify(text) == stock.classify(text)
