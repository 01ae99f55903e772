"""The second opinion on pages where the block classifier (body_model) is unsure of itself.

The first stage scores each block from its own features. On some pages it is unsure about a good
share of the text it keeps (extract.html's UNSURE_BAND / MAX_UNSURE_SHARE); trafilatura's passes
decided those pages alone, and cost a quarter of our time. This second stage reads the first
stage's probabilities in context: the neighbours' probabilities, how sure the block's parent,
grandparent and great-grandparent are, and where the block sits relative to the page's
confident body (the blocks at SURE or above): before or after it, how far, inside the element
that holds it, with the same tag or class bits, with more or fewer links. Its answer stands on
unsure pages when it is itself sure (the first stage's unsure rule, unchanged); trafilatura
decides the rest as before.

Trained by tools/train_body_model.py on the first stage's out-of-fold probabilities (models
that never saw the page's site), weights in data/body_second.json; without that file there is
no second opinion and the unsure pages go to trafilatura as before.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from newsdesk.extract.body_dom import Block
from newsdesk.extract.body_model import Stage, load_model

SECOND_FILE = Path(__file__).resolve().parent / "data" / "body_second.json"
# The constants below were fixed in advance from the first stage's own rules, not tuned for this stage.
# A first-stage probability at or above this counts as confident body (the top of UNSURE_BAND).
SURE = 0.8
# The floor of extract.html's UNSURE_BAND: page_unsure is its unsure share.
UNSURE_FLOOR = 0.2
# The element holding this share of the confident body's characters is "the body's element"
# (REGION_SHARE in extract.html, for the same reason: a stray confident block elsewhere).
HOLD_SHARE = 0.9
# Neighbours each side in the character-weighted window mean of probabilities.
WINDOW = 2
# dist_sure for pages with no confident block: log1p of ~22000 blocks, beyond any page's.
FAR = 10.0

CONTEXT_NAMES: tuple[str, ...] = (
    "p", "prev_p", "next_p", "prev2_p", "next2_p", "window_p",
    "parent_mean_p", "parent_max_p", "parent_sure_share",
    "grand_mean_p", "grand_max_p", "grand_sure_share",
    "great_mean_p", "great_max_p", "great_sure_share",
    "page_sure_share", "page_unsure", "page_log_sure",
    "before_sure", "after_sure", "dist_sure", "rel_density", "rel_log_chars", "same_tag", "same_classes",
    "in_region", "region_up",
)


def load_second(path: Path = SECOND_FILE) -> Stage | None:
    """The shipped second stage, or None when there is none (then no second opinion is given)."""
    return _load_second(str(path))


@functools.lru_cache(maxsize=4)
def _load_second(path: str) -> Stage | None:
    return load_model(Path(path)) if Path(path).exists() else None


def second_probabilities(blocks: list[Block], prob: np.ndarray, model: Stage | None = None) -> np.ndarray | None:
    """The second stage's probability that each block is body, or None without a second stage."""
    model = model or load_second()
    if model is None:
        return None
    return model.predict(context_features(blocks, prob))


def context_features(blocks: list[Block], prob: np.ndarray) -> np.ndarray:
    """One row per block, columns as CONTEXT_NAMES."""
    n = len(blocks)
    if not n:
        return np.zeros((0, len(CONTEXT_NAMES)))
    p = np.asarray(prob, dtype=np.float64)
    chars = np.array([b.chars for b in blocks], dtype=np.float64)
    sure = p >= SURE
    columns = [p, _shift(p, 1), _shift(p, -1), _shift(p, 2), _shift(p, -2), _window_mean(p, chars)]
    for level in (2, 3, 4):
        columns += _group_columns([b.ancestors[-level] if len(b.ancestors) >= level else -1 for b in blocks],
                                  p, chars, sure)
    kept_chars = max(1.0, float(chars[p >= 0.5].sum()))
    unsure_chars = float(chars[(p > UNSURE_FLOOR) & (p < SURE)].sum())
    columns += [np.full(n, float(chars[sure].sum()) / max(1.0, float(chars.sum()))),
                np.full(n, unsure_chars / kept_chars), np.full(n, np.log1p(sure.sum()))]
    columns += _relative_columns(blocks, chars, sure)
    return np.column_stack(columns)


def _shift(values: np.ndarray, by: int) -> np.ndarray:
    """values[i - by] at i (0 past the edges): by > 0 the blocks before, by < 0 those after."""
    out = np.zeros(len(values))
    if abs(by) >= len(values):
        return out
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def _window_mean(p: np.ndarray, chars: np.ndarray) -> np.ndarray:
    """The character-weighted mean probability of the block and WINDOW blocks each side."""
    kernel = np.ones(2 * WINDOW + 1)
    n = len(p)
    # "same" returns the longer input's length: pad short pages with blocks of no text (as beyond the edges).
    pad = np.zeros(max(0, len(kernel) - n))
    weighted = np.convolve(np.concatenate((p * chars, pad)), kernel, "same")[:n]
    return weighted / np.maximum(1.0, np.convolve(np.concatenate((chars, pad)), kernel, "same")[:n])


def _group_columns(ids: list[int], p: np.ndarray, chars: np.ndarray, sure: np.ndarray) -> list[np.ndarray]:
    """Per block, over the blocks under the same ancestor (-1: none, all columns 0): the
    character-weighted mean probability, the highest probability, and that ancestor's share of the
    page's confident characters. (bincount adds in block order, as a loop over the blocks would.)"""
    keys, group = np.unique(np.array(ids), return_inverse=True)
    held = np.bincount(group, weights=chars)
    weighted = np.bincount(group, weights=p * chars)
    sure_held = np.bincount(group, weights=np.where(sure, chars, 0.0))
    top = np.zeros(len(keys))
    np.maximum.at(top, group, p)
    none = np.array(ids) < 0
    mean = np.where(none, 0.0, (weighted / np.maximum(1.0, held))[group])
    return [mean, np.where(none, 0.0, top[group]),
            np.where(none, 0.0, (sure_held / max(1.0, float(chars[sure].sum())))[group])]


def _relative_columns(blocks: list[Block], chars: np.ndarray, sure: np.ndarray) -> list[np.ndarray]:
    """before_sure .. region_up: where a block sits and what it looks like beside the confident body."""
    n = len(blocks)
    idx = np.flatnonzero(sure)
    if not len(idx):
        return [np.zeros(n), np.zeros(n), np.full(n, FAR)] + [np.zeros(n) for _ in range(6)]
    pos = np.arange(n)
    density = np.minimum(1.0, np.array([b.link_chars for b in blocks]) / np.maximum(1.0, chars))
    log_chars = np.log1p(chars)
    sure_chars = float(chars[sure].sum())
    weight = chars[sure]
    tags: dict[str, float] = {}
    classes: dict[int, float] = {}
    for i in idx.tolist():
        tags[blocks[i].tag] = tags.get(blocks[i].tag, 0.0) + chars[i]
        classes[blocks[i].classes] = classes.get(blocks[i].classes, 0.0) + chars[i]
    in_region, up = _region_columns(blocks, idx, chars, sure_chars)
    return [(pos < idx[0]).astype(np.float64), (pos > idx[-1]).astype(np.float64), np.log1p(_nearest(pos, idx)),
            density - float((density[sure] * weight).sum() / max(1.0, float(weight.sum()))),
            log_chars - float(np.median(log_chars[sure])),
            np.array([tags.get(b.tag, 0.0) / max(1.0, sure_chars) for b in blocks]),
            np.array([classes.get(b.classes, 0.0) / max(1.0, sure_chars) for b in blocks]), in_region, up]


def _nearest(pos: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Distance in blocks from each position to the nearest of the sorted, non-empty `idx`."""
    right = np.minimum(np.searchsorted(idx, pos), len(idx) - 1)
    left = np.maximum(right - 1, 0)
    return np.minimum(np.abs(idx[right] - pos), np.abs(pos - idx[left])).astype(np.float64)


def _region_columns(blocks: list[Block], idx: np.ndarray, chars: np.ndarray,
                    sure_chars: float) -> tuple[np.ndarray, np.ndarray]:
    """in_region: under the deepest element holding HOLD_SHARE of the confident characters;
    region_up: how many levels above that element the block's path meets the chain of holders."""
    held: dict[int, float] = {}
    depth: dict[int, int] = {}
    for i in idx.tolist():
        for d, e in enumerate(blocks[i].ancestors):
            held[e] = held.get(e, 0.0) + chars[i]
            depth[e] = d
    holding = {e for e, c in held.items() if c >= HOLD_SHARE * sure_chars}  # a chain from the root
    deepest = max(holding, key=lambda e: depth[e])
    at = depth[deepest]
    inside = np.array([len(b.ancestors) > at and b.ancestors[at] == deepest for b in blocks], dtype=np.float64)
    up = np.array([_levels_up(b.ancestors, at, holding) for b in blocks], dtype=np.float64)
    return inside, up


def _levels_up(path: tuple[int, ...], at: int, holding: set[int]) -> int:
    for level in range(min(at, len(path) - 1), -1, -1):
        if path[level] in holding:
            return at - level
    return at + 1
