"""Lines of a plain-text scrape and what describes them: own shape, block, run and neighbourhood.

`split_lines` cuts a scrape into lines and blank-line separated blocks; `line_features` gives
each line one row of FEATURE_NAMES for the line model (text_model.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

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
BULLET = re.compile(r"^(?:[*\-•·o+>»]\s|\d{1,2}[.)]\s)")
TERMINAL = re.compile(r"[.!?。！？…]['\"”’»)\]]*$")
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)['\"”’»)\]]*$")
DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4})\b",
    re.I,
)
AGO = re.compile(r"\b\d+\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b|\byesterday\b", re.I)
CJK = re.compile("[\u3040-\u9fff\uac00-\ud7af]")
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
        return len(self.tokens) >= 12 and bool(TERMINAL.search(self.text))


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
        float(bool(TERMINAL.search(text))),
        float(bool(_ELLIPSIS.search(text))),
        float(text.endswith(":")),
        sum(t.lower() in STOP_WORDS for t in toks) / n_tok,
        sum(t[0].isupper() for t in alpha_toks) / max(len(alpha_toks), 1),
        sum(map(str.isupper, text)) / max(letters, 1),
        float(bool(BULLET.match(text))),
        sum(map(str.isdigit, text)) / len(text),
        text.count(",") / n_tok,
        sum(text.count(c) for c in "|•·/»›") / n_tok,
        float(bool(DATE.search(text))),
        float(bool(AGO.search(text))),
        float(bool(_URLISH.search(text))),
        float(any(q in text for q in "\"“”«»")),
        math.log1p(repeats - 1),
        position,
        len(CJK.findall(text)) / len(text),
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
            sum(bool(BULLET.match(m.text)) for m in members) / n,
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
    return [math.log1p(len(line.text)), float(bool(TERMINAL.search(line.text))),
            float(bool(BULLET.match(line.text))), float(line.is_prose)]


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


def content_words(line: Line) -> list[str]:
    return [t.lower() for t in line.tokens if len(t) > 3 and t.lower() not in STOP_WORDS]


def _cohesion(lines: list[Line], first: int, last: int) -> list[float]:
    """Share of a line's content words that the main run of prose also uses (outside that line).

    Body lines talk about what the article talks about; menus, rails and footers do not.
    """
    vocab: Counter[str] = Counter()
    words = [content_words(line) for line in lines]
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
