"""Language identification (ISO 639-1) with py3langid's bundled model: offline and fast.

The bundled model is LZMA-compressed: unpacking it costs ~1 s per process, more than identifying
the language of a hundred articles. The unpacked arrays are therefore kept once in the user's
cache directory (`model_cache_dir`) and memory-mapped by later processes (~0.02 s); the same
arrays, so the same answers. Without a writable cache directory the bundled file is read as before.
"""

from __future__ import annotations

import functools
import json
import math
import os
import tempfile
from array import array
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

# Below this many letters the identifier guesses; we would rather say nothing.
MIN_LETTERS = 20
# langid's normalised probability below which we report no language instead of a guess.
MIN_CONFIDENCE = 0.5


@functools.lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    return load_identifier(model_cache_dir())


def model_cache_dir() -> Path:
    """Where the unpacked model is kept: $XDG_CACHE_HOME/newsdesk, else ~/.cache/newsdesk."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsdesk"


def load_identifier(cache: Path | None) -> Any:
    """py3langid's identifier with normalised probabilities, its model unpacked once into `cache`."""
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    source = Path(MODEL_DIR) / MODEL_FILE
    stat = source.stat()
    # A new py3langid or model file gets a new folder: never arrays of another model.
    folder = cache / f"langid-{py3langid.__version__}-{stat.st_size}-{stat.st_mtime_ns}" if cache else None
    parts = _read_unpacked(folder) if folder else None
    if parts is None:
        parts = load_model(source)
        if folder:
            _write_unpacked(folder, parts)
    ptc, pc, classes, nextmove, row, output = parts
    if folder:
        ptc = _float32_table(folder, ptc)
    if (py3langid.__version__, stat.st_size) in WINDOW_CHECKED:
        return _window_class()(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _float32_table(folder: Path, ptc: np.ndarray) -> np.ndarray:
    """The model's feature-by-language table as float32, kept beside the float16 one in `folder`.

    py3langid scores a text as `log1p(counts) @ ptc[features]`: with the float16 table numpy first
    converts the rows to float32 (~2 ns an entry, 70% of the product's time), then multiplies.
    Converting once gives the same float32 operands, so the same scores to the bit (checked on 8,670
    texts and random byte strings; tests/extract/test_language_window.py): 0.07 -> 0.01 ms a
    classification, for a 57 MB file memory-mapped, so shared by every process. Without a
    writable folder the float16 table stays (same answers, slower)."""
    if ptc.dtype == np.float32:
        return ptc
    path = folder / "ptc32.npy"
    try:
        if not path.exists():
            partial = folder / f".ptc32-{os.getpid()}.npy"
            np.save(partial, np.asarray(ptc, dtype=np.float32))
            os.replace(partial, path)  # readers never see half a table
        table = np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        return ptc
    return np.asarray(table) if table.shape == ptc.shape and table.dtype == np.float32 else ptc


# py3langid finds a text's features by walking an Aho-Corasick automaton over its bytes, one byte
# at a time in Python (~0.3 us a byte, most of a classification). A state of that automaton is the
# longest suffix of the text read so far that is a prefix of some feature, so it depends only on
# the last WINDOW bytes, WINDOW being the deepest state's depth: the state at every position is
# then the walk from the start state over the WINDOW bytes ending there, which numpy takes for
# all positions at once in WINDOW gathers. The same states in the same order give the same
# feature list, the same counts and so the same scores. The depth is a property of the model:
# 6 for py3langid 0.4.0's bundled model (breadth first from the start state; checked again by
# tests/extract/test_language_window.py), so the walk is used only for that model file.
WINDOW = 6
WINDOW_CHECKED = frozenset({("0.4.0", 4586720)})  # (py3langid version, bundled model's bytes)


@functools.lru_cache(maxsize=1)
def _window_class() -> type:
    """Built on first use: py3langid is imported only when a language is asked for."""
    from py3langid.langid import LanguageIdentifier

    class WindowIdentifier(LanguageIdentifier):  # type: ignore[misc]
        """py3langid's identifier, its feature walk done WINDOW bytes at a time for every position."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._np_nextmove = _numpy_view(self.tk_nextmove)
            self._np_rowbase = _numpy_view(self.tk_row).astype(np.intp) << 8
            self._np_output = np.asarray(self.tk_output, dtype=np.intp)

        def _raw_score(self, text: bytes) -> Any:
            visits = window_visits(self._np_nextmove, self._np_rowbase, self._np_output, text)
            if visits is None:  # no features: py3langid's own fill
                return super()._raw_score(text)
            return self._sparse_score(visits, self.nb_ptc)

    return WindowIdentifier


def _numpy_view(values: Any) -> np.ndarray:
    """A stdlib array (or list, from py3langid's own loader) as a numpy array, without a copy if possible."""
    if isinstance(values, array):
        return np.frombuffer(values, dtype=np.dtype(values.typecode))
    return np.asarray(values)


def window_visits(nextmove: np.ndarray, rowbase: np.ndarray, output: np.ndarray, text: bytes) -> Counter[int] | None:
    """py3langid's `visit_counts(nextmove, rowbase, output, text)`, for a model whose states are at most
    WINDOW deep: the same Counter, its features in the same (first seen) order."""
    codes = np.frombuffer(text, dtype=np.uint8).astype(np.intp)
    n = len(codes)
    states = np.zeros(n, dtype=np.intp)
    for lag in range(WINDOW - 1, -1, -1):  # position i reads byte i - lag; before the text: the start state
        if lag < n:
            states[lag:] = nextmove[rowbase[states[lag:]] + codes[:n - lag]]
    features = output[states]
    found = features[features >= 0].tolist()
    return Counter(found) if found else None


_ARRAYS = ("ptc", "pc", "nextmove", "row", "output")


def _read_unpacked(folder: Path) -> tuple[Any, ...] | None:
    if not (folder / "classes.json").exists():
        return None
    try:
        ptc, pc, nextmove, row, output = (np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS)
        classes = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # The identifier walks its automaton with Python indexing: stdlib arrays, as py3langid builds them.
    return (np.asarray(ptc), np.array(pc), classes, _stdlib_array(nextmove), _stdlib_array(row),
            np.asarray(output).tolist())


def _stdlib_array(values: np.ndarray) -> array[int]:
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return out


def _write_unpacked(folder: Path, parts: tuple[Any, ...]) -> None:
    """Write the arrays beside `folder` and rename into place, so readers never see half a model."""
    ptc, pc, classes, nextmove, row, output = parts
    arrays = dict(zip(_ARRAYS, (ptc, pc, np.asarray(nextmove), np.asarray(row), np.asarray(output, dtype=np.int64)),
                      strict=True))
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
            for name, values in arrays.items():
                np.save(Path(tmp) / f"{name}.npy", values)
            (Path(tmp) / "classes.json").write_text(json.dumps(classes), encoding="utf-8")
            os.replace(tmp, folder)  # the emptied temporary folder is then gone; cleanup ignores that
    except OSError:
        return  # no writable cache: every process unpacks the bundled file, as py3langid does


# Paragraphs voted on, spread through the text, and the characters read from each: a vote costs
# ~0.25 ms, and 6 voters still outvote a quoted paragraph in another language. 8 voters before:
# 6 gave the same language on all 695 texts of ../shared (extracted bodies of the extraction,
# metadata and corpus pages, and the text scrapes), 5 differed on 4, at 80% of 8's cost.
VOTERS = 6
VOTER_CHARS = 250


def detect_language(text: str, hint: str | None = None) -> str | None:
    """Return the ISO 639-1 code of `text`, or the page's declared `hint` when text is too short.

    Paragraphs vote, weighted by their letters: one quoted Chinese name or Spanish slogan
    inside an English article must not decide the language of the whole (a single
    classification of the first 5,000 characters called Global Voices articles Cantonese).
    """
    declared = (hint or "").strip().lower().replace("_", "-").split("-")[0] or None
    fallback = declared if declared and len(declared) == 2 else None
    paragraphs = [p for p in text.split("\n") if _has_letters(p[:VOTER_CHARS])]
    step = max(1, len(paragraphs) // VOTERS)
    votes = _vote([paragraph[:VOTER_CHARS] for paragraph in paragraphs[::step][:VOTERS]])
    if not votes:
        lang, prob = _identifier().classify(text[:5000]) if sum(c.isalpha() for c in text[:5000]) >= MIN_LETTERS \
            else (None, 0.0)
        return str(lang) if lang and prob >= MIN_CONFIDENCE else fallback
    return max(votes, key=lambda k: votes[k])


def _has_letters(sample: str) -> bool:
    """At least MIN_LETTERS letters (str.isalpha) in `sample`. A prose paragraph has them within its
    first 2 * MIN_LETTERS characters, so most samples are decided there, not over all their characters."""
    return len(sample) >= MIN_LETTERS and (sum(map(str.isalpha, sample[:2 * MIN_LETTERS])) >= MIN_LETTERS
                                           or sum(map(str.isalpha, sample)) >= MIN_LETTERS)


# A voter's weight is its length times a probability of at most 1; this margin covers float32
# rounding in the identifier's normalisation.
_MAX_PROBABILITY = 1.001


def _vote(samples: list[str]) -> dict[str, float]:
    """Weighted votes per language, stopping once the voters left cannot change the winner.

    The winner (and so the answer) is the one all voters would give: we stop only when the leader
    is ahead of every other language by more than the most the remaining voters could add.
    Most articles are decided after 4 of 6 voters.
    """
    votes: dict[str, float] = {}
    left = sum(len(sample) for sample in samples) * _MAX_PROBABILITY
    for sample in samples:
        left -= len(sample) * _MAX_PROBABILITY
        lang, prob = _identifier().classify(sample)
        if prob >= MIN_CONFIDENCE:
            votes[lang] = votes.get(lang, 0.0) + len(sample) * prob
        ranked = sorted(votes.values(), reverse=True)
        if ranked and ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0) > left:
            break
    return votes


def language_log_odds(text: str, language: str) -> float:
    """The identifier's log-odds that `text` is in `language`, computed in float64 from its
    scores: its own probabilities are float32 and reach 1.0 on a long page, where the one
    mojibake word in fifty no longer shows (extract/decode.py judges candidate readings by it).
    py3langid has no public call for the raw scores, so its `_encode` and `_raw_score` are used
    here, in the one module that holds the identifier."""
    identifier = _identifier()
    raw = identifier._encode(text)
    scores = np.asarray(identifier._raw_score(raw), dtype=np.float64) / math.sqrt(len(raw) or 1)
    mine = np.asarray(identifier.nb_classes) == language
    return float(np.logaddexp.reduce(scores[mine]) - np.logaddexp.reduce(scores[~mine]))


# Latin letters end at U+024F; IPA, spacing modifiers and combining marks follow, and Latin
# Extended Additional (U+1E00-U+1EFF, "ế") is Latin too.
_LATIN_END = 0x24F


def other_script_share(text: str) -> float:
    """The share of the letters of `text` outside the Latin script (Arabic, Cyrillic, Chinese...).
    Languages are read per paragraph, and a sentence of Arabic inside an English paragraph is
    parsed as English (V4); a script is a per-sentence test that needs no identifier."""
    letters = [c for c in text if c.isalpha()]
    other = sum(1 for c in letters if ord(c) > _LATIN_END and not 0x1E00 <= ord(c) <= 0x1EFF)
    return other / len(letters) if letters else 0.0
