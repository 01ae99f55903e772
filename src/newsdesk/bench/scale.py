"""Scale: per-article clustering time as the store grows to 10k, 100k and 1M articles; memory at 1M.

The store is synthesised straight into the clusterer's tables (a temporary SQLite file):
articles arrive at `PER_DAY` a day, in stories of 1 to 9 articles, each article drawing
topic words from a Zipf-distributed vocabulary of `VOCABULARY` terms plus its story's own
names; a story's centroid and each article's term row are written as the clusterer would write
them, its index postings not quite (see `Synth.grow`: common words are indexed too). At each
size a sample of new articles is then clustered for real (`Clusterer.assign`, dated at the end
of the timeline), and the mean time per article
(CPU time) is reported beside the anchor: the same decision by scoring every story (all pairs), timed
on a smaller sample. Memory: the peak resident size of this process, and the database
size, at the largest size. Near-duplicate lookup is not in these figures.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.store.sqlite import connect, immediate, migrate
from newsdesk.stories.cluster import INDEX_TERMS, Clusterer
from newsdesk.stories.features import When

PER_DAY = 2000
VOCABULARY = 50_000
STORY_TERMS = 60
WORDS = 30
NAMES = 6
SAMPLE = 50
BATCH = 50_000
ALL_PAIRS_SAMPLE = 3
# Per-article times are this process's CPU time: on a shared machine (load 15 on 2 cores seen) the
# wall clock mostly measures the wait for a core, 10x and more. SQLite runs in-process, so its work counts.
CLOCK = time.process_time


class Synth:
    """Grows a synthetic store story by story (numpy draws the words; Python writes the rows)."""

    def __init__(self, conn: sqlite3.Connection, seed: int = 0) -> None:
        self.conn = conn
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.articles = 0
        self.word_df = np.zeros(VOCABULARY, dtype=np.int64)
        ranks = 1.0 / np.arange(1, VOCABULARY + 1)
        self.probabilities = ranks / ranks.sum()

    def day(self) -> float:
        return 20_000.0 + self.articles / PER_DAY

    def grow(self, target: int) -> None:
        words = self.np_rng.choice(VOCABULARY, size=(target - self.articles, WORDS), p=self.probabilities)
        stories, members, postings, names_df = [], [], [], []
        story_id = self.conn.execute("SELECT coalesce(max(id), 0) FROM stories").fetchone()[0]
        row = 0
        while self.articles < target:
            story_id += 1
            size = min(self.rng.randint(1, 9), target - self.articles)
            block = words[row:row + size]
            row += size
            centroid: dict[str, float] = {f"@n{story_id}x{i}": 2.0 * size for i in range(NAMES)}
            names_df += [(name, size) for name in centroid]
            for k in range(size):
                # Each member's own term row, as stored: the pair model scores against these.
                self.articles += 1
                own = {f"w{w}": 1.0 for w in block[k].tolist()} | {f"@n{story_id}x{i}": 2.0 for i in range(NAMES)}
                members.append((self.articles, story_id, self.day(), json.dumps(own)))
            ids, counts = np.unique(block, return_counts=True)
            centroid |= {f"w{w}": float(c) for w, c in zip(ids.tolist(), counts.tolist(), strict=True)}
            # Indexed: the names, then the story's most frequent words by raw count, which are the
            # vocabulary's commonest (w0 sits in 99% of stories' postings at 300k). The clusterer indexes
            # by TF-IDF weight instead, so these posting lists are longer than a real store's: the
            # lookup's cost here is pessimistic (measured in session 13, B5; not changed, to keep the
            # figures comparable across sessions).
            top = sorted(centroid, key=lambda t: centroid[t] * (5.0 if t[0] == "@" else 1.0), reverse=True)
            kept = {t: centroid[t] for t in top[:STORY_TERMS]}
            stories.append((story_id, f"story {story_id}", size, self.day(), self.day(), json.dumps(kept)))
            postings += [(t, story_id, self.day()) for t in top[:INDEX_TERMS]]
        # Document frequency: each (article, word) pair once.
        pairs = np.unique(np.arange(len(words))[:, None] * VOCABULARY + words)
        self.word_df += np.bincount(pairs % VOCABULARY, minlength=VOCABULARY)
        df = [(f"w{w}", int(c)) for w, c in enumerate(self.word_df.tolist()) if c] + names_df
        self._write(stories, members, postings, df)

    def _write(self, stories: list[tuple[Any, ...]], members: list[tuple[Any, ...]],
               postings: list[tuple[Any, ...]], df: list[tuple[str, int]]) -> None:
        c = self.conn
        with immediate(c):
            c.executemany("INSERT INTO stories(id, headline, size, first_day, last_day, terms, norm, created_at,"
                          " updated_at) VALUES (?,?,?,?,?,?,10.0,'','')", stories)
            c.executemany("INSERT INTO story_articles(article_id, story_id, day, terms) VALUES (?,?,?,?)", members)
            c.executemany("INSERT OR REPLACE INTO story_index(term, story_id, day) VALUES (?,?,?)", postings)
            c.executemany("INSERT OR REPLACE INTO story_df(term, df) VALUES (?,?)", df)
            c.execute("INSERT OR REPLACE INTO story_counters(name, value) VALUES ('documents', ?)", (self.articles,))


def sample_text(synth: Synth, story_id: int) -> str:
    """A synthetic article of a story: words drawn from the vocabulary and the story's own names."""
    words = synth.np_rng.choice(VOCABULARY, size=WORDS, p=synth.probabilities).tolist()
    names = [f"N{story_id}x{i}" for i in range(3)]
    return " ".join(f"w{w}" for w in words) + " and " + " met ".join(names) + "."


def _time_assign(conn: sqlite3.Connection, synth: Synth, count: int, all_pairs: bool) -> float:
    clusterer = Clusterer(conn)
    last = conn.execute("SELECT max(id) FROM stories").fetchone()[0]
    conn.execute("BEGIN")  # warm-up, untimed: the first call pays one-off imports (the stop-word list)
    clusterer.assign(9_999_999_999, None, sample_text(synth, last), When(synth.day()), "")
    conn.execute("ROLLBACK")
    spent = 0.0
    for i in range(count):
        story_id = last - synth.rng.randrange(200)  # a live story near the end of the timeline
        text = sample_text(synth, story_id)
        when = When(synth.day())
        conn.execute("BEGIN")
        started = CLOCK()
        if all_pairs:
            _assign_all_pairs(clusterer, text, when)
        else:
            clusterer.assign(10_000_000_000 + i, None, text, when, "")
        spent += CLOCK() - started
        conn.execute("ROLLBACK")  # keep the store at its size
    return spent / count


def _assign_all_pairs(clusterer: Clusterer, text: str, when: When) -> None:
    """The anchor: the same scoring against every story, no index."""
    from newsdesk.stories.features import terms, tf_weights

    weights = tf_weights(terms(None, text))
    idfs = clusterer.idfs(weights)
    vector = {t: w * idfs[t] for t, w in weights.items()}
    for (story_id,) in clusterer.conn.execute("SELECT id FROM stories").fetchall():
        clusterer.similarity(vector, idfs, clusterer.load_story(story_id), when)


def run(sizes: list[int], seed: int = 0, sample: int = SAMPLE) -> dict[str, Any]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.db"
        conn = connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn)
        synth = Synth(conn, seed)
        for size in sorted(sizes):
            started = time.perf_counter()
            while synth.articles < size:  # in batches, so the synthesiser's own memory stays small
                synth.grow(min(size, synth.articles + BATCH))
            built = time.perf_counter() - started
            ours = _time_assign(conn, synth, sample, all_pairs=False)
            anchor = _time_assign(conn, synth, ALL_PAIRS_SAMPLE, all_pairs=True) if size <= 100_000 else None
            rows.append({"articles": size, "ms_per_article": ours * 1000, "rss_mb": _rss_mb(),
                         "all_pairs_ms_per_article": anchor * 1000 if anchor is not None else None,
                         "build_s": built, "db_mb": os.path.getsize(path) / 1e6})
        conn.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "peak_rss_mb": peak_mb, "sample": sample}


def _rss_mb() -> float:
    """Resident memory now (Linux /proc; the peak from getrusage elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def format_result(result: dict[str, Any]) -> str:
    lines = [f"{'stored articles':>16} {'ours ms/article':>16} {'all-pairs ms/article':>21} {'db MB':>8}"]
    for r in result["rows"]:
        anchor = f"{r['all_pairs_ms_per_article']:.1f}" if r["all_pairs_ms_per_article"] is not None else "(skipped)"
        lines.append(f"{r['articles']:>16,} {r['ms_per_article']:>16.2f} {anchor:>21} {r['db_mb']:>8.0f}")
    last = result["rows"][-1]
    lines.append(f"memory at {last['articles']:,}: resident {last['rss_mb']:.0f} MB after clustering the sample"
                 f" (peak {result['peak_rss_mb']:.0f} MB, including the synthesiser), database {last['db_mb']:.0f} MB"
                 f" on disk; ours timed on {result['sample']} articles per size, all pairs on {ALL_PAIRS_SAMPLE}")
    return "\n".join(lines)
