"""A labelled near-duplicate set generated from ../shared/corpus, and our precision/recall on it.

The generator (seeded, so every run sees the same set):

- **Bodies**: each corpus page's paragraphs (`<p>` elements of at least 8 words, via lxml;
  this benchmark measures deduplication, not extraction), kept when the body has at
  least 3 paragraphs and 80 words.
- **Positives** (wire copy as a second site republishes it): the original plus a copy with
  2 to 4 of these edits, drawn at random: a new headline line on top; the tail trimmed
  (up to 40% of the paragraphs); the tail extended (a "Read more" block, a copyright
  line, related links); ads and newsletter calls inserted between paragraphs; a byline
  and dateline added ("By Jane Doe, Associated Press" / "LONDON (AP) —"); quote marks
  and dashes changed (straight to curly or back, "--" to an em dash); one paragraph
  moved elsewhere.
- **Negatives** (distinct articles on the same topic): each body paired with its nearest
  other body by TF-IDF cosine (same language, so same topic as near as this corpus
  allows), kept when the two share fewer than 20% of their sentences (so the GOV.UK
  schema examples that repeat one press release are not called distinct).

A pair is predicted duplicate when `Deduper` puts the copy in the original's group
after both are added to a fresh in-memory store (the LSH lookup included, so a pair the
index misses counts as a miss).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html

SHARED_CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"

_ADS = ("ADVERTISEMENT", "Story continues below advertisement",
        "Subscribe to our newsletter for the latest news delivered to your inbox every morning.",
        "Sponsored content: discover the offers our partners selected for you today.",
        "Click here to download our app and never miss a story.")
_TAILS = ("Read more: our full coverage of this story and the reactions to it.",
          "Copyright 2024 The Associated Press. All rights reserved. This material may not be published,"
          " broadcast, rewritten or redistributed.",
          "Related: Five things to know today | The week in pictures | Opinion: what comes next",
          "Additional reporting by staff writers. Editing by the night desk.")
_BYLINES = ("By Jane Doe, Associated Press", "LONDON (AP) —", "By Pat Smith | Reuters", "PARIS (AFP) -",
            "Staff and wire reports")


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    duplicate: bool
    edits: tuple[str, ...] = ()


def corpus_bodies(root: Path = SHARED_CORPUS, min_words: int = 80, limit: int | None = None) -> list[dict[str, Any]]:
    """Corpus pages as {"id", "title", "language", "paragraphs"} (the first `limit` manifest entries)."""
    out = []
    for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
        meta = json.loads(line)
        try:
            doc = lxml.html.fromstring((root / meta["path"]).read_bytes())
        except (OSError, ValueError, lxml.etree.ParserError):
            continue
        paras = [" ".join(p.text_content().split()) for p in doc.iter("p")]
        paras = [p for p in paras if len(p.split()) >= 8]
        if len(paras) >= 3 and sum(len(p.split()) for p in paras) >= min_words:
            out.append({"id": meta["path"], "title": meta.get("title"), "language": meta.get("language"),
                        "paragraphs": paras})
    return out


def _swap_marks(text: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        text = re.sub(r'"([^"]*)"', "“\\1”", text).replace("'", "’").replace(" - ", " — ").replace("--", "—")
    else:
        marks: dict[str, str | int | None] = {"“": '"', "”": '"', "’": "'", "‘": "'", "—": "--", "–": "-"}
        text = text.translate(str.maketrans(marks))
    return text


def edit(paras: list[str], title: str | None, rng: random.Random) -> tuple[str, tuple[str, ...]]:
    """A republished copy of a body with 2-4 realistic wire-copy edits."""
    kinds = rng.sample(["headline", "trim", "extend", "ads", "byline", "marks", "reorder"], rng.randint(2, 4))
    out = list(paras)
    if "reorder" in kinds:
        moved = out.pop(rng.randrange(len(out)))
        out.insert(rng.randrange(len(out) + 1), moved)
    if "trim" in kinds:
        keep = max(2, round(len(out) * rng.uniform(0.6, 0.9)))
        out = out[:keep]
    if "ads" in kinds:
        for _ in range(rng.randint(1, 3)):
            out.insert(rng.randrange(1, len(out) + 1), rng.choice(_ADS))
    if "extend" in kinds:
        out.extend(rng.sample(_TAILS, rng.randint(1, 2)))
    if "byline" in kinds:
        out.insert(0, rng.choice(_BYLINES))
    if "headline" in kinds:
        words = (title or out[0]).split()
        rng.shuffle(words)
        out.insert(0, "Breaking: " + " ".join(words[:10]))
    text = "\n\n".join(out)
    if "marks" in kinds:
        text = _swap_marks(text, rng)
    return text, tuple(sorted(kinds))


def _sentences(paras: list[str]) -> set[str]:
    return {s.strip().lower() for p in paras for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) >= 4}


def nearest_negatives(bodies: list[dict[str, Any]]) -> list[Pair]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["\n\n".join(b["paragraphs"]) for b in bodies]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    sims = (matrix @ matrix.T).toarray()
    pairs, seen = [], set()
    for i, body in enumerate(bodies):
        order = sims[i].argsort()[::-1]
        for j in order:
            if j == i or bodies[j]["language"] != body["language"]:
                continue
            a, b = _sentences(body["paragraphs"]), _sentences(bodies[j]["paragraphs"])
            if len(a & b) >= 0.2 * min(len(a), len(b)):
                continue  # the same text in another wrapper: not a distinct article
            key = (min(i, j), max(i, j))
            if key not in seen:
                seen.add(key)
                pairs.append(Pair(texts[i], texts[j], False))
            break
    return pairs


def generate(root: Path = SHARED_CORPUS, seed: int = 13, copies: int = 2, limit: int | None = None) -> list[Pair]:
    """The labelled set: `copies` edited copies per body as positives, nearest neighbours as negatives."""
    rng = random.Random(seed)
    bodies = corpus_bodies(root, limit=limit)
    pairs = []
    for body in bodies:
        original = "\n\n".join(body["paragraphs"])
        for _ in range(copies):
            text, kinds = edit(body["paragraphs"], body["title"], rng)
            pairs.append(Pair(original, text, True, kinds))
    return pairs + nearest_negatives(bodies)


def evaluate(pairs: list[Pair], threshold: float | None = None) -> dict[str, Any]:
    """Precision and recall of the deduper on the pairs (each pair in its own fresh store)."""
    from newsdesk.store import open_store
    from newsdesk.stories.dedupe import Deduper

    tp = fp = fn = tn = 0
    misses: list[tuple[str, ...]] = []
    store = open_store(":memory:")
    for n, pair in enumerate(pairs):
        deduper = Deduper(store.conn, threshold)
        first, second = 2 * n + 1, 2 * n + 2
        deduper.add(first, pair.a)
        found = deduper.add(second, pair.b).canonical_id == first
        # Take both out again, so pairs do not meet each other.
        deduper.forget(first)
        deduper.forget(second)
        tp += found and pair.duplicate
        fp += found and not pair.duplicate
        fn += (not found) and pair.duplicate
        tn += (not found) and not pair.duplicate
        if pair.duplicate and not found:
            misses.append(pair.edits)
    store.close()
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"pairs": len(pairs), "positives": tp + fn, "negatives": fp + tn, "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall, "missed_edits": misses[:10]}


def format_result(result: dict[str, Any]) -> str:
    return (f"near duplicates: {result['positives']} edited copies, {result['negatives']} same-topic distinct pairs\n"
            f"  precision {result['precision']:.4f} (target 0.99)   recall {result['recall']:.4f} (target 0.95)"
            f"   tp {result['tp']} fp {result['fp']} fn {result['fn']}")
