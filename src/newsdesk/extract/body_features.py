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

import functools
import math
import re
from collections import Counter, defaultdict

import numpy as np

from newsdesk.extract.body_dom import CLASS_GROUPS, CONTEXT_TAGS, Block

TAG_GROUPS = (("p",), ("h1",), ("h2",), ("h3",), ("h4", "h5", "h6"), ("li",), ("td", "th"), ("div", "section"),
              ("blockquote",), ("pre",), ("figcaption", "caption"), ("dd", "dt"), ("article", "main", "body"))
_TAG_INDEX = {tag: i for i, group in enumerate(TAG_GROUPS) for tag in group}
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]]*$")
# _SENTENCE_END without a regex scan of the whole block: strip the closing quotes and brackets, then
# look at the last character (the two sets are disjoint, so this is the same test).
_CLOSERS, _ENDERS = "'\"”’)]", frozenset(".!?…:;")
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


def units(block: Block) -> int:
    """Length in words, or in characters / CHARS_PER_WORD for text written without spaces."""
    return max(block.words, block.chars // CHARS_PER_WORD)


def _is_prose(block: Block) -> bool:
    return units(block) >= PROSE_WORDS and block.link_chars <= PROSE_MAX_LINK_DENSITY * block.chars


def _containers(blocks: list[Block], is_prose: list[bool]) -> tuple[dict[int, int], int | None, dict[int, int]]:
    """Prose characters under each element, the best container by readability-like scoring, and
    each of those elements' depth (an element sits at the same depth in every path through it)."""
    prose: dict[int, int] = defaultdict(int)
    score: dict[int, float] = defaultdict(float)
    depth: dict[int, int] = {}
    for block, yes in zip(blocks, is_prose, strict=True):
        if not yes:
            continue
        path = block.ancestors
        for d, eid in enumerate(path):
            prose[eid] += block.chars
            depth[eid] = d
        # A paragraph's worth goes to its parent in full and its grandparent by half, as in readability.
        worth = 1 + block.text.count(",") + min(3, block.chars // 100)
        if len(path) >= 2:
            score[path[-2]] += worth
        if len(path) >= 3:
            score[path[-3]] += worth / 2
    best = max(score, key=lambda k: score[k]) if score else None
    return prose, best, depth


def _deepest_holding(prose: dict[int, int], depth: dict[int, int], total: int, share: float) -> int | None:
    """The innermost element holding at least `share` of the page's prose."""
    if not total:
        return None
    # Elements holding that much prose form one chain from the root; the deepest is the longest path.
    holding = [eid for eid, chars in prose.items() if chars >= share * total]
    if not holding:
        return None
    return max(holding, key=lambda eid: depth.get(eid, -1))


def _sentence_end(text: str) -> bool:
    """bool(_SENTENCE_END.search(text)), a third of the cost."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _ENDERS


def _text_columns(texts: list[str], words: np.ndarray, chars: np.ndarray, links: np.ndarray,
                  link_chars: np.ndarray) -> list[np.ndarray]:
    """The block's own text: columns log_chars .. capital_share of BASE_NAMES."""
    n = np.maximum(words, 1).astype(np.float64)
    c = np.maximum(chars, 1).astype(np.float64)
    size = np.maximum(words, chars // CHARS_PER_WORD)
    digits, capitals, stops, commas = _char_counts(texts)
    return [
        _log1p(chars), _log1p(size), np.minimum(1.0, link_chars.astype(np.float64) / c),
        (links > 0).astype(np.float64), _log1p(links), np.array([_sentence_end(t) for t in texts], dtype=np.float64),
        stops / n, commas / n, digits / c, capitals / n,
    ]


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per code point of the Basic Multilingual Plane: is it a \\d digit, a _CAPITAL letter, \\s space,
    one of ".!?", a ",". Built from the regexes themselves, so the counts below are exactly theirs."""
    plane = "".join(map(chr, range(0x10000)))
    tables = []
    for pattern in (_DIGIT, re.compile(_CAPITAL.pattern.removeprefix(r"(?<!\S)")), re.compile(r"\s"),
                    re.compile(r"[.!?]"), re.compile(",")):
        table = np.zeros(0x10000, dtype=bool)
        table[[m.start() for m in pattern.finditer(plane)]] = True
        tables.append(table)
    return tables[0], tables[1], tables[2], tables[3], tables[4]


def _char_counts(texts: list[str]) -> np.ndarray:
    """Per text: digits, capitalised words, sentence stops (".!?") and commas, in one numpy pass over
    all the page's blocks instead of regex scans and str.count calls per block (the same counts as
    _DIGIT, _CAPITAL and str.count; the str.count loop cost 0.2 ms a page)."""
    joined = "\n".join(texts)
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    digit, capital, space, stop, comma = _tables()
    bmp = np.minimum(points, 0xFFFF)  # U+FFFF is none of these
    after_space = np.concatenate(([True], space[bmp[:-1]]))
    counts = np.stack([np.add.reduceat(digit[bmp], starts), np.add.reduceat(capital[bmp] & after_space, starts),
                       np.add.reduceat(stop[bmp], starts), np.add.reduceat(comma[bmp], starts)])
    if points.max() > 0xFFFF:  # digits outside the plane (mathematical, Adlam...): count those blocks by regex
        counts[0] = [len(_DIGIT.findall(t)) for t in texts]
    return counts.astype(np.float64)


# math.log1p of 0 .. 4095, looked up: the counts logged are integers, mostly small.
_LOG1P = np.array([math.log1p(i) for i in range(4096)], dtype=np.float64)


def _log1p(values: np.ndarray) -> np.ndarray:
    # math.log1p's values, not np.log1p's: numpy's SIMD builds may round differently, and the
    # shipped trees were trained on these exact values.
    if not len(values) or int(values.max()) < len(_LOG1P):
        return _LOG1P[values]
    return np.array([math.log1p(v) for v in values.tolist()], dtype=np.float64)


def _neighbour_columns(log_size: np.ndarray, density: np.ndarray, prose: np.ndarray,
                       parents: np.ndarray) -> np.ndarray:
    """prev_* and next_* columns: what each block's neighbours show (edges show nothing)."""
    shown = np.column_stack([log_size, density, prose])
    same_parent = (parents[1:] == parents[:-1]) & (parents[1:] >= 0)  # block i+1 and block i
    out = np.zeros((len(parents), 8))
    out[1:, 0:3] = shown[:-1]  # previous block
    out[1:, 3] = same_parent
    out[:-1, 4:7] = shown[1:]  # next block
    out[:-1, 7] = same_parent
    return out


def base_features(blocks: list[Block]) -> np.ndarray:
    """One row per block, columns as BASE_NAMES."""
    n = len(blocks)
    if not n:
        return np.zeros((0, len(BASE_NAMES)), dtype=np.float64)
    texts = [b.text for b in blocks]
    # The blocks' integer fields in one array (one Python pass, not one per field).
    ints = np.array([(b.words, b.chars, b.link_chars, b.links, b.hidden, b.tags, b.classes,
                      b.near_classes, b.ancestors[-2] if len(b.ancestors) >= 2 else -1) for b in blocks],
                    dtype=np.int64)
    words, chars, link_chars, links = ints[:, 0], ints[:, 1], ints[:, 2], ints[:, 3]
    size = np.maximum(words, chars // CHARS_PER_WORD)
    is_prose = (size >= PROSE_WORDS) & (link_chars <= PROSE_MAX_LINK_DENSITY * chars)
    prose_list = is_prose.tolist()
    prose, best, depth = _containers(blocks, prose_list)
    total_prose = int(chars[is_prose].sum())
    major = _deepest_holding(prose, depth, total_prose, 0.5)
    core = _deepest_holding(prose, depth, total_prose, 0.8)
    seen = Counter(texts)
    parents = ints[:, 8]
    before = np.concatenate(([0], np.cumsum(chars)[:-1])).astype(np.float64)
    density = np.minimum(1.0, link_chars / np.maximum(chars, 1))
    text_columns = _text_columns(texts, words, chars, links, link_chars)
    columns = text_columns + [
        np.arange(n) / n, before / max(1, int(chars.sum())), ints[:, 4].astype(np.float64),
        np.array([seen[t] > 1 for t in texts], dtype=np.float64), is_prose.astype(np.float64)]
    context = _context_columns(blocks, prose, max(1, total_prose), best, major, core, depth)
    n_tags = len(TAG_GROUPS) + 1
    onehot = np.zeros((n, n_tags))
    onehot[np.arange(n), [_TAG_INDEX.get(b.tag, n_tags - 1) for b in blocks]] = 1.0
    bits = ints[:, 5:8]
    neighbours = _neighbour_columns(text_columns[1], density, is_prose, parents)  # [1]: log1p(size)
    return np.hstack([np.column_stack(columns), context, neighbours,
                      onehot, _unpack(bits[:, 0], len(CONTEXT_TAGS)), _unpack(bits[:, 1], len(CLASS_GROUPS)),
                      _unpack(bits[:, 2], len(CLASS_GROUPS))])


def _context_columns(blocks: list[Block], prose: dict[int, int], total_prose: int, best: int | None,
                     major: int | None, core: int | None, depths: dict[int, int]) -> np.ndarray:
    """share_own .. in_core: where the block sits relative to the page's prose containers.

    An element sits at the same depth in every path through it (`depths`, from _containers, which
    holds best, major and core), so `element in path` is `path[depth] == element`: one lookup,
    not a scan of the path."""
    no = -1  # a depth no path has: "not on the path" for a missing container
    at_best = depths[best] if best is not None else no
    at_major = depths[major] if major is not None else no
    at_core = depths[core] if core is not None else no
    rows = []
    for block in blocks:
        path = block.ancestors
        depth = len(path)
        in_best = depth > at_best >= 0 and path[at_best] == best
        rows.append((prose.get(path[-1], 0) / total_prose,
                     prose.get(path[-2], 0) / total_prose if depth >= 2 else 0.0,
                     prose.get(path[-3], 0) / total_prose if depth >= 3 else 0.0,
                     prose.get(path[-4], 0) / total_prose if depth >= 4 else 0.0,
                     float(in_best), (depth - at_best) / 10 if in_best else 0.0,
                     float(depth > at_major >= 0 and path[at_major] == major),
                     float(depth > at_core >= 0 and path[at_core] == core)))
    return np.array(rows, dtype=np.float64)


def _unpack(values: np.ndarray, width: int) -> np.ndarray:
    return ((values[:, None] >> np.arange(width)[None, :]) & 1).astype(np.float64)
