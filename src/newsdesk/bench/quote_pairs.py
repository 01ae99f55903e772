"""How score.py pairs quote predictions with PolNeAR's gold, and whether each pair lies at one place.

score.py matches by words alone: each prediction, in order, takes the still-unmatched gold attribution
whose content tokens it covers best (over the threshold), wherever in the article that gold lies. A
short gold content ("it", "the deal", "her") is covered whole by any prediction holding its words, and
ties go to the gold listed first, so a prediction can be paired with an attribution paragraphs away
and its speaker judged against that attribution's source. Session 23, 5-fold CV on PolNeAR train
(product gate 0.4): of 1,093 speakers judged wrong, 702 were judged against a gold elsewhere (397 of
them while the gold at their own place, 223 covered whole, was still free); at their own place 8,223
of 8,614 judged speakers were right (0.955) against 0.885 over all judged pairs.

`placed_speakers` reports both, for ours and the anchors alike: score.py's figure stays the headline,
the figure at the place says how often the speaker a reader is shown is the source PolNeAR marks there.
`tools/quote_errors.py` sorts the errors with the same pairing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

MATCH = 0.3  # score.py's F1@0.3 coverage


def place(text: str, quote: dict[str, Any]) -> tuple[int, int] | None:
    """Where a prediction lies in the article: its own offsets when it has them, else found by its
    text (its first piece's start to its last piece's end; pieces are joined with ' … ')."""
    if isinstance(quote.get("start"), int) and isinstance(quote.get("end"), int):
        return quote["start"], quote["end"]
    parts = str(quote.get("text") or "").split(" … ")
    start = text.find(parts[0][:50])
    if start < 0:
        return None
    tail = parts[-1][-40:]
    end = text.find(tail, start)
    return start, (end + len(tail) if end >= 0 else start + len(parts[0]))


def coverage(score: Any, quote: str, item: dict[str, Any]) -> float:
    words = Counter(score.toks(quote))
    return sum((words & item["content"]).values()) / max(1, sum(item["content"].values()))


def match(score: Any, items: list[dict[str, Any]], preds: list[dict[str, Any]],
          threshold: float = MATCH) -> dict[int, int]:
    """gold index -> prediction index, as score.py pairs them (same order, same ties)."""
    pairs: dict[int, int] = {}
    for k, q in enumerate(preds):
        best, at = 0.0, None
        for i, it in enumerate(items):
            if i not in pairs and it["content"] and (c := coverage(score, q.get("text") or "", it)) > best:
                best, at = c, i
        if at is not None and best > threshold:
            pairs[at] = k
    return pairs


def overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def content_span(attribution: dict[str, Any]) -> tuple[int, int]:
    """A gold attribution's Content from its first piece's start to its last piece's end."""
    return min(a for a, _ in attribution["Content"]), max(b for _, b in attribution["Content"])


def placed_speakers(score: Any, text: str, raw: list[dict[str, Any]], items: list[dict[str, Any]],
                    preds: list[dict[str, Any]], threshold: float = MATCH) -> Counter[str]:
    """One article's judged speakers (score.py's speaker_ok on its pairs), split by whether the pair's
    gold Content overlaps the prediction's place. `raw` is score.py's parse_ann of the article (the
    offsets), `items` its gold_for_split items (same order)."""
    out: Counter[str] = Counter()
    for i, k in match(score, items, preds, threshold).items():
        ok = score.speaker_ok(preds[k].get("speaker"), items[i]["source"])
        if ok is None:
            continue
        where = "here" if overlaps(place(text, preds[k]), content_span(raw[i])) else "elsewhere"
        out[f"{where}_judged"] += 1
        out[f"{where}_ok"] += ok
    return out
