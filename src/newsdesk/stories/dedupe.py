"""Exact and near duplicates across sources, and syndication groups with a representative.

- **Exact**: the same text after `normalise` (Unicode NFKC, case, quote marks, dashes,
  punctuation and spacing folded), compared by SHA-1.
- **Near**: MinHash (datasketch, `NUM_PERM` permutations) over word `SHINGLE`-grams of the
  normalised text, banded into `BANDS` x `ROWS` LSH buckets stored in `story_lsh`, so a new
  article meets only the stored articles sharing a bucket, never all of them. A candidate
  is a duplicate when its resemblance (the larger of estimated Jaccard and estimated
  containment of the shorter text in the longer) reaches `NEAR_THRESHOLD`. Containment
  is what keeps a trimmed wire copy (the first half of the story) in its group.
- **Groups**: an article near enough to members of two groups joins them into one (a later,
  longer copy can bridge two trimmed ones). Every member points at one representative
  (`canonical_id`): the original
  source when a member names it ("(AP)", "originally published by Reuters") and that
  source is in the group, else the earliest published, else the first stored.

Thresholds were tuned on the labelled set `newsdesk.bench.neardup` generates from
../shared/corpus (realistic wire-copy edits as positives, same-topic articles as
negatives); see that module for the run and its figures.
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass

import numpy as np

NUM_PERM = 126
# 42 bands of 3 rows: a pair with resemblance 0.4 shares a bucket with probability 0.94,
# 0.5 with 0.996; unrelated texts (resemblance < 0.05) almost never do.
BANDS, ROWS = 42, 3
SHINGLE = 4
# Resemblance at which two texts are the same wire copy. Tuned on the neardup set
# (`newsdesk.bench.neardup`, 404 edited copies, 147 same-topic negatives): 0.3 let 5 negatives
# through, 0.4 to 0.7 all gave precision 1.0 and recall 0.998; 0.5 sits in the middle.
NEAR_THRESHOLD = 0.5
# Texts with fewer shingles than this are too short to call near duplicates (exact only).
MIN_SHINGLES = 12

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"}
                        | {c: "-" for c in "‐‑‒–—―−"})
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_ORIGIN = re.compile(r"(?:originally (?:published|appeared) (?:by|on|in|at)|republished (?:from|with permission"
                     r" (?:of|from))|courtesy of|source:)\s+(?:[Tt]he\s+)?([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})"
                     r"|\((AP|AFP|Reuters|dpa|UPI|PA|ANI|IANS|PTI)\)|[—-]\s*(Reuters|AFP|AP)\b")
_WIRE_NAMES = {"ap": "associated press", "afp": "agence france-presse", "pa": "press association"}


@dataclass(frozen=True)
class Fingerprint:
    exact: str
    signature: np.ndarray | None  # uint32 MinHash values; None when the text is too short
    shingles: int


@dataclass(frozen=True)
class Duplicate:
    """What the deduper decided for one article."""

    article_id: int
    canonical_id: int  # the group's representative (the article itself when it has no duplicate)
    kind: str | None  # "exact" | "near" | None
    similarity: float | None


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _SPACE.sub(" ", _NON_WORD.sub(" ", text)).strip()


def fingerprint(text: str) -> Fingerprint:
    norm = normalise(text)
    exact = hashlib.sha1(norm.encode()).hexdigest()
    words = norm.split()
    grams = {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(0, len(words) - SHINGLE + 1))}
    if len(grams) < MIN_SHINGLES:
        return Fingerprint(exact, None, len(grams))
    from datasketch import MinHash  # imported on first use: it pulls in scipy (~0.6 s at start-up)

    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch(list(grams))
    return Fingerprint(exact, np.asarray(mh.hashvalues, dtype=np.uint32), len(grams))


def resemblance(a: Fingerprint, b: Fingerprint) -> float:
    """max(Jaccard, containment of the smaller in the larger), both estimated from the signatures."""
    if a.signature is None or b.signature is None:
        return 1.0 if a.exact == b.exact else 0.0
    jaccard = float(np.mean(a.signature == b.signature))
    small, large = sorted((a.shingles, b.shingles))
    # |A ∩ B| = J (|A| + |B|) / (1 + J); containment = |A ∩ B| / |smaller|.
    containment = jaccard * (small + large) / (1 + jaccard) / small if small else 0.0
    return max(jaccard, min(1.0, containment))


def bands(signature: np.ndarray) -> list[tuple[int, int]]:
    """(band number, 63-bit hash of the band's rows) for the LSH buckets."""
    out = []
    for b in range(BANDS):
        chunk = signature[b * ROWS:(b + 1) * ROWS].tobytes()
        out.append((b, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little") >> 1))
    return out


def named_origin(text: str) -> str | None:
    """The original source a page names ("originally published by X", "(AP)"), lower-cased."""
    m = _ORIGIN.search(text or "")
    if not m:
        return None
    name = (m.group(1) or m.group(2) or m.group(3) or "").strip(" .").lower()
    return _WIRE_NAMES.get(name, name) or None


class Deduper:
    """Finds an article's duplicates among the stored ones and keeps syndication groups."""

    def __init__(self, conn: sqlite3.Connection, threshold: float | None = None) -> None:
        self.conn = conn
        self.threshold = NEAR_THRESHOLD if threshold is None else threshold

    def add(self, article_id: int, text: str, site_name: str | None = None,
            day: float | None = None) -> Duplicate:
        """Fingerprint and register one article (inside a transaction); return its group."""
        self.forget(article_id)
        fp = fingerprint(text)
        match, kind, score, bridged = self._best_match(fp)
        canonical = self._canonical_of(match) if match is not None else article_id
        self.conn.execute(
            "INSERT INTO story_fingerprints(article_id, exact, signature, shingles, site_name, canonical_id,"
            " similarity, day, origin_named) VALUES (?,?,?,?,?,?,?,?,?)",
            (article_id, fp.exact, fp.signature.tobytes() if fp.signature is not None else None, fp.shingles,
             (site_name or "").lower() or None, canonical, score, day, named_origin(text)))
        if fp.signature is not None:
            self.conn.executemany("INSERT OR IGNORE INTO story_lsh(band, hash, article_id) VALUES (?,?,?)",
                                  [(b, h, article_id) for b, h in bands(fp.signature)])
        if match is not None:
            # An article that is a near copy of members of several groups bridges them: one group.
            for other in {self._canonical_of(b) for b in bridged} - {canonical}:
                self.conn.execute("UPDATE story_fingerprints SET canonical_id = ? WHERE canonical_id = ?",
                                  (canonical, other))
            canonical = self._choose_representative(canonical)
        return Duplicate(article_id, canonical, kind, score)

    def forget(self, article_id: int) -> None:
        """Take an article out of the index (before re-adding an updated version)."""
        row = self.conn.execute("SELECT canonical_id FROM story_fingerprints WHERE article_id = ?",
                                (article_id,)).fetchone()
        if row is None:
            return
        self.conn.execute("DELETE FROM story_lsh WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM story_fingerprints WHERE article_id = ?", (article_id,))
        if row[0] == article_id:  # it represented a group: the group picks again
            rest = self.conn.execute("SELECT article_id FROM story_fingerprints WHERE canonical_id = ?"
                                     " ORDER BY article_id LIMIT 1", (article_id,)).fetchone()
            if rest:
                self.conn.execute("UPDATE story_fingerprints SET canonical_id = ? WHERE canonical_id = ?",
                                  (rest[0], article_id))
                self._choose_representative(rest[0])

    # -- steps ------------------------------------------------------------------------------
    def _best_match(self, fp: Fingerprint) -> tuple[int | None, str | None, float | None, list[int]]:
        """The best stored match (id, kind, score) and every stored article near enough to bridge."""
        row = self.conn.execute("SELECT article_id FROM story_fingerprints WHERE exact = ? ORDER BY article_id"
                                " LIMIT 1", (fp.exact,)).fetchone()
        if row:
            return int(row[0]), "exact", 1.0, []
        if fp.signature is None:
            return None, None, None, []
        best, score, near = None, 0.0, []
        for other_id, other in self._candidates(fp.signature):
            sim = resemblance(fp, other)
            if sim >= self.threshold:
                near.append(other_id)
            if sim > score:
                best, score = other_id, sim
        if best is not None and score >= self.threshold:
            return best, "near", score, near
        return None, None, None, []

    def _candidates(self, signature: np.ndarray) -> list[tuple[int, Fingerprint]]:
        pairs = bands(signature)
        where = " OR ".join("(band = ? AND hash = ?)" for _ in pairs)
        flat = [v for pair in pairs for v in pair]
        rows = self.conn.execute(
            f"SELECT f.article_id, f.exact, f.signature, f.shingles FROM story_fingerprints f WHERE f.article_id IN"
            f" (SELECT article_id FROM story_lsh WHERE {where} LIMIT 200)", flat).fetchall()
        return [(r[0], Fingerprint(r[1], np.frombuffer(r[2], dtype=np.uint32), r[3])) for r in rows]

    def _canonical_of(self, article_id: int) -> int:
        row = self.conn.execute("SELECT canonical_id FROM story_fingerprints WHERE article_id = ?",
                                (article_id,)).fetchone()
        return int(row[0]) if row and row[0] is not None else article_id

    def _choose_representative(self, canonical: int) -> int:
        """Re-pick a group's representative: the named original source, else the earliest."""
        rows = self.conn.execute("SELECT article_id, site_name, day, origin_named FROM story_fingerprints"
                                 " WHERE canonical_id = ?", (canonical,)).fetchall()
        named = {r[3] for r in rows if r[3]}
        original = [r for r in rows if r[1] and any(n in r[1] or r[1] in n for n in named)]
        pool = original or rows
        best = min(pool, key=_earliest)[0]
        if best != canonical:
            self.conn.execute("UPDATE story_fingerprints SET canonical_id = ? WHERE canonical_id = ?",
                              (best, canonical))
        return int(best)


def _earliest(row: tuple[int, str | None, float | None, str | None]) -> tuple[bool, float, bool, float, int]:
    """Sort key of a group member (article_id, site_name, day, origin_named) for "the earliest".

    A date without a time (a whole `day`) means some moment that day, so on its day it comes after
    the copies whose time is known: a saved page dated "2009-06-10" is not earlier than the feed
    item of 16:56 that day, and used to represent the group (with no URL or site to show). A time
    of exactly midnight UTC reads as a bare date too; that is rare and only reorders one day."""
    day = row[2]
    if day is None:
        return (True, 0.0, False, 0.0, row[0])
    return (False, float(math.floor(day)), day == math.floor(day), day, row[0])
