"""Articles from plain-text scrapes: a web page rendered to text, menus and rails included.

A scrape has lost its markup, so the body is found from the shape of the lines alone:

1. split the page into lines and blank-line separated blocks (`split_lines`);
2. describe each line by its own shape (length, closing punctuation, stop-word density,
   title case, list bullets, repetition) and by its neighbourhood (how much prose lies
   around it, whether it sits inside the page's main run of prose) (`line_features`);
3. score each line with a small boosted-tree model learned from the development pages,
   then rescore with the neighbours' scores (a second, stacked model), because body
   lines come in runs and so does boilerplate (`body_lines`);
4. read the metadata around the body: the title above it, categories, byline and dateline,
   and the "Recent Posts" rail below it (related.py).

The models live in data/text_lines.json; `newsdesk.bench.text_extraction` trains them
(cross-validated by page) and reports how they were tuned.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.extract.ages import resolve_age
from newsdesk.extract.related import is_rail_heading, related_from_lines
from newsdesk.records import Article, paragraphs_to_text
from newsdesk.understand.language import detect_language

# Function words of the languages most news comes in. Prose is dense in them; menus,
# headlines and labels are not. (A language-neutral signal backs this up: short words.)
STOP_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as is are was were be been being has have
had do does did not no so that this these those it its he she they we you i his her their our your
him them us me my who whom which what when where why how than then there here also just about into
over after before under between while said says would could should will can may might must one all
any some more most such only very up out new
der die das und ist nicht ein eine zu den mit von im für auf dem sich des auch es wird als bei
le la les et est un une des du en pour que qui dans pas sur au avec ce il elle sont
el los las y es un una del que en por para con se lo su al como más
o os as e é um uma do da dos das em no na que para com não se por mais
il lo gli e è un una di del della che per con non si più
и в не на что с по как это он она они к из за от о у же но а для
""".split())  # noqa: SIM905 - a word list reads better as text

_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^(?:[*\-•·o+>»]\s|\d{1,2}[.)]\s)")
_TERMINAL = re.compile(r"[.!?。！？…]['\"”’»)\]]*$")
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)['\"”’»)\]]*$")
_DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4})\b",
    re.I,
)
_AGO = re.compile(r"\b\d+\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b|\byesterday\b", re.I)
_CJK = re.compile("[\u3040-\u9fff\uac00-\ud7af]")
_URLISH = re.compile(r"https?://|www\.|@\w|\.com\b", re.I)


@dataclass(frozen=True)
class Line:
    """One non-empty line of the scrape."""

    text: str  # stripped
    block: int  # index of its blank-line separated block
    tokens: tuple[str, ...]

    @property
    def is_prose(self) -> bool:
        """A line that reads as running text: a dozen words or more, closed by punctuation."""
        return len(self.tokens) >= 12 and bool(_TERMINAL.search(self.text))


def split_lines(text: str) -> list[Line]:
    """Non-empty lines, each with the id of the blank-line separated block it sits in."""
    lines: list[Line] = []
    block = 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            block += 1
            continue
        lines.append(Line(stripped, block, tuple(_WORD.findall(stripped))))
    return lines


# --- line features ---------------------------------------------------------------------------

OWN_FEATURES = (
    "chars", "tokens", "terminal", "ellipsis", "colon_end", "stop", "title_case", "upper", "bullet",
    "digits", "commas", "separators", "date", "ago", "urlish", "quotes", "repeat", "position", "cjk",
    "sentences", "word_len",
)
BLOCK_FEATURES = ("block_lines", "block_bullets", "block_chars", "block_prose", "run_lines", "run_prose")
CONTEXT_FEATURES = (
    "prev_chars", "prev_terminal", "prev_bullet", "prev_prose", "next_chars", "next_terminal",
    "next_bullet", "next_prose", "density2", "density5", "density15", "in_main", "before_main",
    "after_main", "prose_before", "cohesion", "cohesion_prev", "cohesion_next", "prev_repeat", "next_repeat",
    "chars_rel", "length_rank", "page_prose",
)
FEATURE_NAMES = OWN_FEATURES + BLOCK_FEATURES + CONTEXT_FEATURES

# Prose lines closer than this many lines belong to one run of text; 8 lets a run step over
# a caption, an ad label and a pull quote (tuned on the bench pages: 4, 8, 12 tried).
MAIN_GAP = 8


def _own_features(line: Line, position: float, repeats: int) -> list[float]:
    text, toks = line.text, line.tokens
    n_tok = max(len(toks), 1)
    # map() over str methods runs in C: five times faster than generator expressions here.
    letters = sum(map(str.isalpha, text))
    alpha_toks = [t for t in toks if t[:1].isalpha()]
    return [
        math.log1p(len(text)),
        math.log1p(len(toks)),
        float(bool(_TERMINAL.search(text))),
        float(bool(_ELLIPSIS.search(text))),
        float(text.endswith(":")),
        sum(t.lower() in STOP_WORDS for t in toks) / n_tok,
        sum(t[0].isupper() for t in alpha_toks) / max(len(alpha_toks), 1),
        sum(map(str.isupper, text)) / max(letters, 1),
        float(bool(_BULLET.match(text))),
        sum(map(str.isdigit, text)) / len(text),
        text.count(",") / n_tok,
        sum(text.count(c) for c in "|•·/»›") / n_tok,
        float(bool(_DATE.search(text))),
        float(bool(_AGO.search(text))),
        float(bool(_URLISH.search(text))),
        float(any(q in text for q in "\"“”«»")),
        math.log1p(repeats - 1),
        position,
        len(_CJK.findall(text)) / len(text),
        len(re.findall(r"[.!?。]\s+\S", text)),
        sum(len(t) for t in toks) / n_tok,
    ]


def _block_features(lines: list[Line]) -> dict[int, list[float]]:
    blocks: dict[int, list[Line]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)
    out = {}
    for block, members in blocks.items():
        n = len(members)
        out[block] = [
            math.log1p(n),
            sum(bool(_BULLET.match(m.text)) for m in members) / n,
            math.log1p(sum(len(m.text) for m in members) / n),
            sum(m.is_prose for m in members) / n,
        ]
    return out


def runs_of_blocks(lines: list[Line]) -> list[int]:
    """Run id per line: consecutive one-line blocks form one run, each longer block is its own.

    A page rendered to text gives each paragraph and subheading its own block, while menus and
    rails come out as multi-line blocks; a run of one-line blocks is the shape of an article,
    even where its lines are too short to look like prose (recipes, schedules, Q&A).
    """
    sizes = Counter(line.block for line in lines)
    ids: list[int] = []
    run, prev_block, prev_single = -1, None, False
    for line in lines:
        single = sizes[line.block] == 1
        if line.block != prev_block and not (single and prev_single):
            run += 1
        ids.append(run)
        prev_block, prev_single = line.block, single
    return ids


def _run_features(lines: list[Line]) -> list[list[float]]:
    ids = runs_of_blocks(lines)
    count, prose = Counter(ids), Counter[int]()
    for run, line in zip(ids, lines, strict=True):
        prose[run] += len(line.text) if line.is_prose else 0
    total = max(sum(prose.values()), 1)
    return [[math.log1p(count[run]), prose[run] / total] for run in ids]


def _main_run(lines: list[Line]) -> tuple[int, int]:
    """First and last line index of the run of prose lines holding the most prose characters."""
    best, best_weight = (0, -1), 0
    start = last = -1
    weight = 0
    for i, line in enumerate(lines):
        if not line.is_prose:
            continue
        if last < 0 or i - last > MAIN_GAP:
            start, weight = i, 0
        weight += len(line.text)
        last = i
        if weight > best_weight:
            best, best_weight = (start, i), weight
    return best


def _density(prose_chars: list[int], chars: list[int], k: int) -> list[float]:
    """Share of characters within k lines either side that belong to prose lines."""
    n = len(chars)
    cum_p, cum_c = [0], [0]
    for p, c in zip(prose_chars, chars, strict=True):
        cum_p.append(cum_p[-1] + p)
        cum_c.append(cum_c[-1] + c)
    out = []
    for i in range(n):
        lo, hi = max(0, i - k), min(n, i + k + 1)
        out.append((cum_p[hi] - cum_p[lo]) / max(cum_c[hi] - cum_c[lo], 1))
    return out


def _neighbour(lines: list[Line], j: int) -> list[float]:
    if not 0 <= j < len(lines):
        return [0.0, 0.0, 0.0, 0.0]
    line = lines[j]
    return [math.log1p(len(line.text)), float(bool(_TERMINAL.search(line.text))),
            float(bool(_BULLET.match(line.text))), float(line.is_prose)]


def line_features(lines: list[Line]) -> list[list[float]]:
    """One feature vector per line, in the order of FEATURE_NAMES."""
    n = len(lines)
    if not n:
        return []
    counts = Counter(line.text for line in lines)
    blocks = _block_features(lines)
    runs = _run_features(lines)
    chars = [len(line.text) for line in lines]
    prose = [len(line.text) if line.is_prose else 0 for line in lines]
    dens = [_density(prose, chars, k) for k in (2, 5, 15)]
    first, last = _main_run(lines)
    cohesion = _cohesion(lines, first, last)
    total_prose = max(sum(prose), 1)
    longest = max(chars)
    # Where this line's length ranks on its page: trees cannot compare a line with its page.
    order = sorted(range(n), key=chars.__getitem__)
    rank = [0.0] * n
    for r, i in enumerate(order):
        rank[i] = r / n
    page_prose = math.log1p(sum(line.is_prose for line in lines))
    rows, seen_prose = [], 0
    for i, line in enumerate(lines):
        row = _own_features(line, i / n, counts[line.text]) + blocks[line.block] + runs[i]
        row += _neighbour(lines, i - 1) + _neighbour(lines, i + 1)
        row += [d[i] for d in dens]
        row += [float(first <= i <= last), math.log1p(max(first - i, 0)), math.log1p(max(i - last, 0)),
                seen_prose / total_prose]
        row += [cohesion[i], cohesion[i - 1] if i else 0.0, cohesion[i + 1] if i + 1 < n else 0.0,
                math.log(counts[lines[i - 1].text]) if i else 0.0,
                math.log(counts[lines[i + 1].text]) if i + 1 < n else 0.0]
        row += [chars[i] / longest, rank[i], page_prose]
        seen_prose += prose[i]
        rows.append(row)
    return rows


def _content_words(line: Line) -> list[str]:
    return [t.lower() for t in line.tokens if len(t) > 3 and t.lower() not in STOP_WORDS]


def _cohesion(lines: list[Line], first: int, last: int) -> list[float]:
    """Share of a line's content words that the main run of prose also uses (outside that line).

    Body lines talk about what the article talks about; menus, rails and footers do not.
    """
    vocab: Counter[str] = Counter()
    words = [_content_words(line) for line in lines]
    for i in range(first, last + 1):
        vocab.update(set(words[i]))
    out = []
    for i, ws in enumerate(words):
        if not ws:
            out.append(0.0)
            continue
        own = 1 if first <= i <= last else 0
        out.append(sum(vocab[w] - own > 0 for w in ws) / len(ws))
    return out


# --- the line model --------------------------------------------------------------------------

MODEL_FILE = Path(__file__).resolve().parent / "data" / "text_lines.json"
STACK_FEATURES = ("p", "p_mean1", "p_mean3", "p_mean8", "run_mean", "run_max", "run_len", "run_prose",
                  "run_weighted", "block_mean", "neighbour_max", "neighbour_min", "p_rel", "page_max")


@dataclass(frozen=True)
class Trees:
    """Boosted regression trees as exported by newsdesk.bench.text_extraction.

    The trees are packed into (trees x nodes) arrays (feature, threshold, left, right, value),
    padded with leaves; a node with left == -1 is a leaf. Rows go left when feature <= threshold,
    as in scikit-learn. All trees are walked at once, one level per step, so scoring a page
    costs a handful of numpy operations rather than a loop over hundreds of trees.
    """

    baseline: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        n_trees = self.feature.shape[0]
        tree = np.arange(n_trees)[:, None]
        row = np.arange(len(x))[None, :]
        node = np.zeros((n_trees, len(x)), dtype=np.int64)
        while True:
            left = self.left[tree, node]
            inner = left >= 0
            if not inner.any():
                break
            go_left = x[row, self.feature[tree, node]] <= self.threshold[tree, node]
            node = np.where(inner, np.where(go_left, left, self.right[tree, node]), node)
        raw = self.baseline + self.value[tree, node].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-raw))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Trees:
        trees = d["trees"]
        width = max(len(t["left"]) for t in trees)

        def pack(key: str, fill: float, dtype: type) -> np.ndarray:
            out: np.ndarray = np.full((len(trees), width), fill, dtype=dtype)
            for i, t in enumerate(trees):
                out[i, :len(t[key])] = t[key]
            return out

        feature = np.maximum(pack("feature", 0, np.int64), 0)
        return cls(float(d["baseline"]), feature, pack("threshold", 0.0, float), pack("left", -1, np.int64),
                   pack("right", -1, np.int64), pack("value", 0.0, float))


@dataclass(frozen=True)
class LineModel:
    """Two stacked tree models and the rule that turns their scores into the body.

    Stage 1 scores each line from FEATURE_NAMES; stage 2 rescores it from the same features
    plus the stage-1 scores around it (STACK_FEATURES). The body is then the best-scoring
    stretch of the page (`span_bias`), keeping its lines that score `span_low` or more, plus
    lines elsewhere scoring `keep_above`.
    """

    stage1: Trees
    stage2: Trees
    features: tuple[str, ...]
    span_low: float = 0.3
    span_bias: float = 0.3
    keep_above: float = 0.9

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LineModel:
        rule = d.get("rule", {})
        return cls(Trees.from_dict(d["stage1"]), Trees.from_dict(d["stage2"]), tuple(d["features"]),
                   **{k: float(v) for k, v in rule.items()})

    def scores(self, lines: list[Line]) -> np.ndarray:
        x = np.asarray(line_features(lines), dtype=float).reshape(len(lines), len(FEATURE_NAMES))
        first = self.stage1.probabilities(x)
        return self.stage2.probabilities(np.hstack([x, stack_features(lines, first)]))

    def select(self, lines: list[Line], scores: np.ndarray) -> list[bool]:
        weights = np.array([max(len(line.tokens), 1) for line in lines], dtype=float)
        lo, hi = best_span((scores - self.span_bias) * weights)
        return [bool((lo <= i <= hi and s >= self.span_low) or s >= self.keep_above)
                for i, s in enumerate(scores)]


def best_span(values: np.ndarray) -> tuple[int, int]:
    """(first, last) index of the stretch with the largest sum (Kadane); the body is one stretch."""
    best, current, start, span = -math.inf, 0.0, 0, (0, -1)
    for i, v in enumerate(values):
        if current <= 0:
            current, start = float(v), i
        else:
            current += float(v)
        if current > best:
            best, span = current, (start, i)
    return span


def _window_means(p: np.ndarray, r: int) -> np.ndarray:
    n = len(p)
    cum = np.concatenate([[0.0], np.cumsum(p)])
    lo = np.clip(np.arange(n) - r, 0, n)
    hi = np.clip(np.arange(n) + r + 1, 0, n)
    return (cum[hi] - cum[lo]) / (hi - lo)


def stack_features(lines: list[Line], p: np.ndarray) -> np.ndarray:
    """Stage-1 scores seen from each line: its neighbours', its run's and its block's."""
    n = len(lines)
    runs = np.asarray(runs_of_blocks(lines))
    blocks = np.asarray([line.block for line in lines])
    prose = np.asarray([len(line.text) if line.is_prose else 0 for line in lines], dtype=float)
    toks = np.asarray([len(line.tokens) for line in lines], dtype=float)
    run_cols = np.zeros((n, 5))
    for run in np.unique(runs):
        m = runs == run
        run_cols[m] = [p[m].mean(), p[m].max(), math.log1p(m.sum()), prose[m].sum() / max(prose.sum(), 1),
                       (p[m] * toks[m]).sum() / max(toks[m].sum(), 1)]
    block_mean = np.zeros(n)
    for block in np.unique(blocks):
        block_mean[blocks == block] = p[blocks == block].mean()
    prev = np.concatenate([[0.0], p[:-1]])
    nxt = np.concatenate([p[1:], [0.0]])
    cols = [p, _window_means(p, 1), _window_means(p, 3), _window_means(p, 8)]
    cols += [run_cols[:, k] for k in range(5)]
    cols += [block_mean, np.maximum(prev, nxt), np.minimum(prev, nxt), p / max(p.max(), 1e-6),
             np.full(n, p.max())]
    return np.stack(cols, axis=1)


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> LineModel:
    """The shipped line model (or one at `path`); refuses a model built for other features."""
    data = json.loads(Path(path or MODEL_FILE).read_text(encoding="utf-8"))
    model = LineModel.from_dict(data)
    if model.features != FEATURE_NAMES:
        raise ValueError(f"{path or MODEL_FILE}: trained on other features; retrain with "
                         "`python benchmarks/text_extraction.py --train`")
    return model


def body_mask(lines: list[Line], model: LineModel | None = None) -> list[bool]:
    """Which lines are article body."""
    if not lines:
        return []
    model = model or load_model()
    return model.select(lines, model.scores(lines))


# --- metadata around the body ----------------------------------------------------------------

_LABELLED = re.compile(r"^(categor(?:y|ies)|sections?|filed under|topics?|tags?|keywords)\s*:\s*(.+)$", re.I)
_BYLINE = re.compile(r"^(?:by|written by|posted by|words by|von|par|por|di|door)\s+(.+)$", re.I)
# Lowercase-to-uppercase inside a word: where two links' texts were run together ("NewsWorld").
_RUN_TOGETHER = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
# Words of page furniture that can look like a two-word name on a line of their own.
_UI_WORDS = frozenset("""share print email comments comment reply tweet facebook twitter whatsapp linkedin
advertisement sponsored subscribe follow newsletter tags related login menu search home skip content
close video photo photos gallery read more next previous top back""".split())  # noqa: SIM905
# How far above the body we look for its title, byline and dateline (tuned on the seed and the
# bench pages: headlines sit within a dozen lines of the first paragraph).
HEAD_WINDOW = 15
EXCERPT_CHARS = 200


def split_run_together(label: str) -> list[str]:
    """ "NewsWorld" -> ["News", "World"]: link texts a scrape ran together, split at case changes.

    Each piece must be a capitalised word of 3+ letters, so "iPhone" and "McDonald" stay whole.
    """
    pieces = _RUN_TOGETHER.split(label)
    if len(pieces) > 1 and all(len(p) >= 3 and p[0].isupper() for p in pieces):
        return pieces
    return [label]


def labelled_values(line: str) -> tuple[str, list[str]] | None:
    """ "Categories: NewsWorld" -> ("categories", ["News", "World"]); None for other lines."""
    match = _LABELLED.match(line)
    if not match:
        return None
    kind = "tags" if match[1].lower() in ("tag", "tags", "keywords") else "categories"
    values: list[str] = []
    for part in re.split(r"\s*[,|•·/;]\s*", match[2]):
        for piece in split_run_together(part.strip()):
            if piece and piece not in values:
                values.append(piece)
    return kind, values


def _is_name(text: str) -> bool:
    words = text.split()
    return (1 <= len(words) <= 4 and all(w[0].isupper() for w in words)
            and not any(w.lower().strip(".") in STOP_WORDS | _UI_WORDS for w in words)
            and not any(c.isdigit() for c in text))


def _clean_name(piece: str) -> str:
    # A name run into the next link, usually the publisher's in capitals: "GarberFOXBusiness".
    piece = re.split(r"(?<=[a-z])(?=[A-Z]{2})", piece.strip(" .,|-"))[0]
    piece = re.split(r"\s+[|\-–—]\s+|\s{2,}", piece)[0].strip(" .,")
    return piece.title() if piece.isupper() and len(piece) > 3 else piece


def byline_authors(line: str) -> list[str]:
    """ "By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"]; [] when the line is no byline."""
    match = _BYLINE.match(line.strip())
    if not match or len(match[1].split()) > 12:
        return []
    pieces = [_clean_name(piece) for piece in _NAME_SPLIT.split(match[1]) if piece.strip()]
    names: list[str] = []
    for name in pieces:
        # A lone word after a comma is an agency or a place ("By Jane Doe, Reuters"), not a name.
        if _is_name(name) and (len(name.split()) >= 2 or len(pieces) == 1) and name not in names:
            names.append(name)
    return names


def _signature(lines: list[Line], end: int) -> list[str]:
    """A desk or author name printed alone between the body and a rail ("News Desk"), else [].

    Only there: a lone name-shaped line elsewhere is as likely a site name or a menu.
    """
    after = lines[end + 1:end + 4]
    for k, line in enumerate(after):
        if is_rail_heading(line.text):
            break
        if _is_name(line.text) and len(line.tokens) >= 2:
            nxt = lines[end + 2 + k] if end + 2 + k < len(lines) else None
            if nxt is None or is_rail_heading(nxt.text):
                return [line.text]
    return []


def _title(lines: list[Line], start: int, body_words: set[str]) -> tuple[str | None, int]:
    """The headline above the body: a headline-shaped line near it sharing its words.

    Returns (title, line index); the score is shared content words plus a small bonus for
    closeness, so an unrelated promo line next to the body loses to the real headline.
    """
    best, best_score, best_at = None, 0.0, -1
    for i in range(max(0, start - HEAD_WINDOW), start):
        text = lines[i].text
        n = len(lines[i].tokens)
        if not 3 <= n <= 30 or _BULLET.match(text) or _LABELLED.match(text) or _BYLINE.match(text):
            continue
        # Datelines, captions and teasers end in a full stop or carry a date; headlines do neither.
        if text.endswith((":", "…", "...", ".")) or is_rail_heading(text) or _DATE.search(text) or _AGO.search(text):
            continue
        words = _content_words(lines[i])
        shared = sum(w in body_words for w in words) / max(len(words), 1)
        score = shared + 0.02 * (i - start + HEAD_WINDOW)
        if shared > 0 and score > best_score:
            best, best_score, best_at = text, score, i
    return best, best_at


def _dates(lines: list[Line], lo: int, hi: int, fetched_at: str | None) -> tuple[str | None, str | None]:
    """(published, updated) from datelines between lines lo and hi ("Published 1 day ago", "Nov. 20, 2019")."""
    published = updated = None
    for line in lines[max(lo, 0):hi]:
        found = _DATE.search(line.text) or _AGO.search(line.text)
        if not found or len(line.tokens) > 20:
            continue
        # The date with its time when the rest of the line is that time, else the date alone.
        moment = resolve_age(line.text[found.start():], fetched_at) or resolve_age(found.group(0), fetched_at)
        if moment and re.match(r"\s*(updated|modified|last updated)", line.text, re.I):
            updated = updated or moment
        elif moment:
            published = published or moment
    return published, updated


# --- the article -----------------------------------------------------------------------------

# Fewer body words than this and the page is not an article (the shortest gold body among the
# bench pages has 66 words; a listing's stray blurb rarely reaches 40).
MIN_BODY_WORDS = 40
# A body with no prose line must be longer than this to count (a recipe, a schedule); listings'
# headline runs stay below it. The bench pages with prose-free bodies have 120+ words.
PROSELESS_BODY_WORDS = 120
_ERROR_PAGE = re.compile(r"\b(404|page not found|not found|access denied|forbidden|sign in|log in|login|"
                         r"password|create an account|subscribe to continue)\b", re.I)


def _words(line: Line) -> int:
    """Word count; Chinese, Japanese and Korean write without spaces: two characters a word."""
    return len(line.tokens) + len(_CJK.findall(line.text)) // 2


def _reads_as_prose(line: Line) -> bool:
    return _words(line) >= 12 and bool(_TERMINAL.search(line.text))


def _not_article_reason(lines: list[Line], body: list[Line]) -> str | None:
    words = sum(_words(line) for line in body)
    # A short "body" without one line of running text is a listing's headlines, not an article.
    if words >= MIN_BODY_WORDS and (words >= PROSELESS_BODY_WORDS or any(map(_reads_as_prose, body))):
        return None
    heads = sum(3 <= len(line.tokens) <= 20 and not line.is_prose for line in lines)
    if heads >= 15:
        return "not an article: link listing"
    if any(_ERROR_PAGE.search(line.text) for line in lines[:40]):
        return "not an article: error or login page"
    return "not an article: no body text"


def excerpt_of(paragraph: str, limit: int = EXCERPT_CHARS) -> str:
    """The first paragraph, cut at a word boundary near `limit` characters, with an ellipsis."""
    if len(paragraph) <= limit:
        return paragraph
    return paragraph[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def extract_text(text: str, url: str | None = None, fetched_at: str | None = None) -> Article:
    """A plain-text scrape of a web page to an Article (kind "not_article" when it is none)."""
    lines = split_lines(text)
    mask = body_mask(lines)
    body = [line for line, keep in zip(lines, mask, strict=True) if keep]
    reason = _not_article_reason(lines, body)
    if reason:
        return Article(kind="not_article", reason=reason, url=url, extractor="text")
    start = mask.index(True)
    end = len(mask) - 1 - mask[::-1].index(True)
    body_words = {w for line in body for w in _content_words(line)}
    title, title_at = _title(lines, start, body_words)
    head = lines[max(0, start - HEAD_WINDOW):start]
    categories: list[str] = []
    tags: list[str] = []
    authors: list[str] = []
    for line in lines[:start]:
        found = labelled_values(line.text)
        if found:
            (tags if found[0] == "tags" else categories).extend(v for v in found[1] if v not in categories + tags)
    for line in head:
        authors = authors or byline_authors(line.text)
    authors = authors or _signature(lines, end)
    published, updated = _dates(lines, max(0, start - HEAD_WINDOW), start, fetched_at)
    paragraphs = [line.text for line in body]
    related = related_from_lines([line.text for line in lines[end + 1:]], fetched_at)
    body_text = paragraphs_to_text(paragraphs)
    return Article(
        url=url, title=title, authors=tuple(authors), published=published, updated=updated,
        categories=tuple(categories), tags=tuple(tags), language=detect_language(body_text),
        text=body_text, paragraphs=tuple(paragraphs), excerpt=excerpt_of(paragraphs[0]),
        related=tuple(related), extractor="text",
    )
