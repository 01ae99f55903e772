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
_WORD = re.compile(r"\w+")
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


def _text_stats(block: Block) -> list[float]:
    text = block.text
    words = text.split()
    n = max(1, len(words))
    chars = max(1, block.chars)
    return [
        math.log1p(block.chars), math.log1p(max(len(words), block.chars // CHARS_PER_WORD)),
        min(1.0, block.link_chars / chars),
        float(block.links > 0), math.log1p(block.links), float(bool(_SENTENCE_END.search(text))),
        sum(text.count(c) for c in ".!?") / n, text.count(",") / n,
        sum(c.isdigit() for c in text) / chars, sum(w[:1].isupper() for w in words) / n,
    ]


def units(block: Block) -> int:
    """Length in words, or in characters / CHARS_PER_WORD for text written without spaces."""
    return max(len(block.text.split()), block.chars // CHARS_PER_WORD)


def _is_prose(block: Block) -> bool:
    return units(block) >= PROSE_WORDS and block.link_chars <= PROSE_MAX_LINK_DENSITY * block.chars


def _containers(blocks: list[Block]) -> tuple[dict[int, int], int | None]:
    """Prose characters under each element, and the best container by readability-like scoring."""
    prose: dict[int, int] = defaultdict(int)
    score: dict[int, float] = defaultdict(float)
    for block in blocks:
        if not _is_prose(block):
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


def _deepest_holding(blocks: list[Block], prose: dict[int, int], share: float) -> int | None:
    """The innermost element holding at least `share` of the page's prose."""
    total = sum(b.chars for b in blocks if _is_prose(b))
    if not total:
        return None
    found, depth = None, -1
    for block in blocks:
        for d, eid in enumerate(block.ancestors):
            if d > depth and prose.get(eid, 0) >= share * total:
                found, depth = eid, d
    return found


def _neighbour(block: Block | None, own: Block) -> list[float]:
    if block is None:
        return [0.0, 0.0, 0.0, 0.0]
    same = float(len(block.ancestors) >= 2 and len(own.ancestors) >= 2 and block.ancestors[-2] == own.ancestors[-2])
    return [math.log1p(units(block)), min(1.0, block.link_chars / max(1, block.chars)), float(_is_prose(block)), same]


def base_features(blocks: list[Block]) -> np.ndarray:
    """One row per block, columns as BASE_NAMES."""
    n = len(blocks)
    out = np.zeros((n, len(BASE_NAMES)), dtype=np.float64)
    if not n:
        return out
    prose, best = _containers(blocks)
    major, core = _deepest_holding(blocks, prose, 0.5), _deepest_holding(blocks, prose, 0.8)
    total_prose = max(1, sum(b.chars for b in blocks if _is_prose(b)))
    total_chars = max(1, sum(b.chars for b in blocks))
    seen = Counter(b.text for b in blocks)
    before = 0
    n_tags = len(TAG_GROUPS) + 1
    for i, block in enumerate(blocks):
        path = block.ancestors
        shares = [prose.get(path[-k], 0) / total_prose if len(path) >= k else 0.0 for k in (1, 2, 3, 4)]
        in_best = best is not None and best in path
        depth_to_best = (len(path) - path.index(best)) / 10 if in_best and best is not None else 0.0
        row = _text_stats(block) + [i / n, before / total_chars, float(block.hidden), float(seen[block.text] > 1),
                                    float(_is_prose(block)), *shares, float(in_best), depth_to_best,
                                    float(major in path), float(core in path),
                                    *_neighbour(blocks[i - 1] if i else None, block),
                                    *_neighbour(blocks[i + 1] if i + 1 < n else None, block)]
        before += block.chars
        tag_onehot = [0.0] * n_tags
        tag_onehot[_TAG_INDEX.get(block.tag, n_tags - 1)] = 1.0
        row += tag_onehot
        row += [float(block.tags >> k & 1) for k in range(len(CONTEXT_TAGS))]
        row += [float(block.classes >> k & 1) for k in range(len(CLASS_GROUPS))]
        row += [float(block.near_classes >> k & 1) for k in range(len(CLASS_GROUPS))]
        out[i] = row
    return out
