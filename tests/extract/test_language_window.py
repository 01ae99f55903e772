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


def test_float32_table_scores_equal_the_float16_table_to_the_bit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    half = language.load_identifier(None)  # the bundled file: float16 table
    single = language.load_identifier(tmp_path)  # the cache: float32 table beside it
    assert half.nb_ptc.dtype == np.float16 and single.nb_ptc.dtype == np.float32
    rng = random.Random(11)
    texts = ["The talks were meant to address the root causes of their strained relationship.",
             "Die Bundesregierung hat am Dienstag eine neue Rentenreform angekündigt.", "中国国家主席今天在北京会见了"]
    texts += ["".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(1, 250))) for _ in range(300)]
    for text in texts:
        assert np.array_equal(half._decide(text).view(np.uint32), single._decide(text).view(np.uint32))
    assert language.load_identifier(tmp_path).nb_ptc.dtype == np.float32  # read back from the cache


def test_has_letters_equals_counting_every_letter() -> None:
    """The early exit after 2 * MIN_LETTERS characters decides as a count over the whole sample does."""
    rng = random.Random(0)
    alphabet = "ab é1 2.,;ж中\u00a0-"
    samples = ["", "a" * 19, "a" * 20, "1" * 40 + "a" * 20, "a" * 10 + "1" * 30 + "a" * 10]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120))) for _ in range(2000)]
    for sample in samples:
        assert language._has_letters(sample) == (sum(map(str.isalpha, sample)) >= language.MIN_LETTERS), sample
