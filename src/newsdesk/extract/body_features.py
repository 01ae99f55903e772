"""Numbers describing each text block, for the body classifier (body_model.py).

Three kinds of evidence, all cheap to compute from `body_dom.segment`'s blocks:

- the block itself: length, link density, punctuation, digits, capitals, its tag;
- its DOM context: ancestor tags (<nav>, <aside>, <article>...) and what ancestors' class/id
  names say (comment, share, related...), as bits from body_dom;
- the page around it: position, how much of the page's prose lives in the same parent,
  grandparent and great-grandparent, whether it sits in the readability-style best container,
  and whether the same text appears elsewhere on the page (menus, repeated teasers).

Neighbouring blocks' length, link density and prose shape are columns too: body text comes in runs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

import numpy as np

from newsdesk.extract.body_dom import CLASS_GROUPS, CONTEXT_TAGS, Block

TAG_GROUPS = (("p",), ("h1",), ("h2",), ("h3",), ("h4", "h5", "h6"), ("li",), ("td", "th"), ("div", "section"),
              ("blockquote",), ("pre",), ("figcaption", "caption"), ("dd", "dt"), ("article", "main", "body"))
_TAG_INDEX = {tag: i for i, group in enumerate(TAG_GROUPS) for tag in group}
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]]*$")
_DIGIT = re.compile(r"\d")
# A word starting with a capital letter (regex classes, not str.isupper per word: 10x faster).
_CAPITAL = re.compile(r"(?<!\S)[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯΑ-Ω]")
# A block counts as prose (for container features) when it has this many words and little link
# text: the shape of an article paragraph, as readability's scoring also assumes.
PROSE_WORDS = 12
# Scripts written without spaces (CJK) have one "word" per sentence; length is also measured in
# characters, at this many characters to a word (English averages about 6 with the space).
CHARS_PER_WORD = 6
PROSE_MAX_LINK_DENSITY = 0.3

BASE_NAMES: tuple[str, ...] = (
    ("log_chars", "log_words", "link_density", "has_link", "log_links", "sentence_end", "punct_per_word",
     "commas_per_word", "digit_share", "capital_share", "position", "char_position", "hidden", "duplicate",
     "prose", "share_own", "share_parent", "share_grandparent", "share_great", "in_best", "depth_to_best",
     "in_major", "in_core", "prev_units", "prev_link_density", "prev_prose", "prev_same_parent",
     "next_units", "next_link_density", "next_prose", "next_same_parent")
    + tuple(f"tag_{g[0]}" for g in TAG_GROUPS) + ("tag_other",)
    + tuple(f"in_{t}" for t in CONTEXT_TAGS)
    + tuple(f"class_{name}" for name, _ in CLASS_GROUPS)
    + tuple(f"near_{name}" for name, _ in CLASS_GROUPS)
)


def _text_stats(block: Block, words: int) -> list[float]:
    text = block.text
    n = max(1, words)
    chars = max(1, block.chars)
    return [
        math.log1p(block.chars), math.log1p(max(words, block.chars // CHARS_PER_WORD)),
        min(1.0, block.link_chars / chars),
        float(block.links > 0), math.log1p(block.links), float(bool(_SENTENCE_END.search(text))),
        (text.count(".") + text.count("!") + text.count("?")) / n, text.count(",") / n,
        len(_DIGIT.findall(text)) / chars, len(_CAPITAL.findall(text)) / n,
    ]


def units(block: Block) -> int:
    """Length in words, or in characters / CHARS_PER_WORD for text written without spaces."""
    return max(len(block.text.split()), block.chars // CHARS_PER_WORD)


def _is_prose(block: Block) -> bool:
    return units(block) >= PROSE_WORDS and block.link_chars <= PROSE_MAX_LINK_DENSITY * block.chars


def _containers(blocks: list[Block], is_prose: list[bool]) -> tuple[dict[int, int], int | None]:
    """Prose characters under each element, and the best container by readability-like scoring."""
    prose: dict[int, int] = defaultdict(int)
    score: dict[int, float] = defaultdict(float)
    for block, yes in zip(blocks, is_prose, strict=True):
        if not yes:
            continue
        for eid in block.ancestors:
            prose[eid] += block.chars
        # A paragraph's worth goes to its parent in full and its grandparent by half, as in readability.
        worth = 1 + block.text.count(",") + min(3, block.chars // 100)
        path = block.ancestors
        if len(path) >= 2:
            score[path[-2]] += worth
        if len(path) >= 3:
            score[path[-3]] += worth / 2
    best = max(score, key=lambda k: score[k]) if score else None
    return prose, best


def _deepest_holding(blocks: list[Block], prose: dict[int, int], total: int, share: float) -> int | None:
    """The innermost element holding at least `share` of the page's prose."""
    if not total:
        return None
    # Elements holding that much prose form one chain from the root; the deepest is the longest path.
    holding = [eid for eid, chars in prose.items() if chars >= share * total]
    if not holding:
        return None
    depth = {eid: d for block in blocks for d, eid in enumerate(block.ancestors) if eid in prose}
    return max(holding, key=lambda eid: depth.get(eid, -1))


def _parent(block: Block) -> int:
    return block.ancestors[-2] if len(block.ancestors) >= 2 else -1


def base_features(blocks: list[Block]) -> np.ndarray:
    """One row per block, columns as BASE_NAMES."""
    n = len(blocks)
    if not n:
        return np.zeros((0, len(BASE_NAMES)), dtype=np.float64)
    words = [len(b.text.split()) for b in blocks]
    size = [max(w, b.chars // CHARS_PER_WORD) for w, b in zip(words, blocks, strict=True)]
    is_prose = [u >= PROSE_WORDS and b.link_chars <= PROSE_MAX_LINK_DENSITY * b.chars
                for u, b in zip(size, blocks, strict=True)]
    prose, best = _containers(blocks, is_prose)
    total_prose = sum(b.chars for b, yes in zip(blocks, is_prose, strict=True) if yes)
    major = _deepest_holding(blocks, prose, total_prose, 0.5)
    core = _deepest_holding(blocks, prose, total_prose, 0.8)
    total_prose = max(1, total_prose)
    total_chars = max(1, sum(b.chars for b in blocks))
    seen = Counter(b.text for b in blocks)
    # What each block shows its neighbours: length, link density, prose shape, parent element.
    shown = [(math.log1p(u), min(1.0, b.link_chars / max(1, b.chars)), float(yes), _parent(b))
             for u, b, yes in zip(size, blocks, is_prose, strict=True)]
    edge = (0.0, 0.0, 0.0, -2)
    rows = []
    before = 0
    for i, block in enumerate(blocks):
        path = block.ancestors
        shares = [prose.get(path[-k], 0) / total_prose if len(path) >= k else 0.0 for k in (1, 2, 3, 4)]
        in_best = best is not None and best in path
        depth_to_best = (len(path) - path.index(best)) / 10 if in_best and best is not None else 0.0
        prev = shown[i - 1] if i else edge
        nxt = shown[i + 1] if i + 1 < n else edge
        parent = shown[i][3]
        rows.append(_text_stats(block, words[i]) + [
            i / n, before / total_chars, float(block.hidden), float(seen[block.text] > 1), float(is_prose[i]),
            *shares, float(in_best), depth_to_best, float(major in path), float(core in path),
            prev[0], prev[1], prev[2], float(prev[3] == parent and parent >= 0),
            nxt[0], nxt[1], nxt[2], float(nxt[3] == parent and parent >= 0)])
        before += block.chars
    n_tags = len(TAG_GROUPS) + 1
    onehot = np.zeros((n, n_tags))
    onehot[np.arange(n), [_TAG_INDEX.get(b.tag, n_tags - 1) for b in blocks]] = 1.0
    bits = np.array([[b.tags, b.classes, b.near_classes] for b in blocks], dtype=np.int64)
    return np.hstack([np.array(rows, dtype=np.float64), onehot,
                      _unpack(bits[:, 0], len(CONTEXT_TAGS)), _unpack(bits[:, 1], len(CLASS_GROUPS)),
                      _unpack(bits[:, 2], len(CLASS_GROUPS))])


def _unpack(values: np.ndarray, width: int) -> np.ndarray:
    return ((values[:, None] >> np.arange(width)[None, :]) & 1).astype(np.float64)
