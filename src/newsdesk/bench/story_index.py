"""Story index with undated articles: ms per undated lookup and postings rows as the store grows.

The articles are made from the clustering benchmark's news texts (../shared/bench/clustering: ECB+ and
GVC, real reports, ECB+'s all undated): an event is one of those texts reported again 1 to 9 times
over three days, each report 70% of its sentences (in order) and a sentence of another text; `PER_DAY`
articles arrive a day in the order they were collected, a share `UNDATED` of them without a date, so
a text recurs as a new event every few months, as a topic does. They are clustered for real
(`Clusterer.assign`, each with its collection day), in a temporary SQLite file. At each checkpoint
the next articles' undated lookups are timed (CPU time) both ways on the same store: ours, the
collection-day window (`candidates(vector, None, seen)`), beside every posting of the terms
(`candidates(vector, None)`, the lookup before the collection clock); and the postings rows the index
holds beside the rows it would hold if quiet stories were never pruned (each live story's
`INDEX_TERMS`). The lookup over every posting runs on the same (pruned) index, so at this size it
shows the query's cost, not the unpruned store's: `synthetic` times both lookups on B5's synthetic
store (`newsdesk.bench.scale.Synth`, seed 0, 2,000 articles a day, nothing pruned, each story collected
on its publication day), where the store is large enough for the difference to show.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from newsdesk.store.sqlite import connect, migrate
from newsdesk.stories.cluster import INDEX_TERMS, Clusterer
from newsdesk.stories.features import When, terms, tf_weights

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "bench" / "clustering"
PER_DAY = 10.0
UNDATED = 0.2
PROBES = 40
CLOCK = time.process_time  # CPU time: the shared machine's wall clock mostly measures the wait for a core
Article = tuple[float, str, str, When | None]  # (collection day, title, text, publication date)


def source_texts(folder: Path = SHARED) -> list[tuple[str, list[str]]]:
    """(title, sentences) of every document of the clustering benchmark's files."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line) if line.strip() else {}
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", doc.get("text") or "") if s.strip()]
            if len(sentences) >= 3:
                out.append((doc.get("title") or sentences[0][:80], sentences))
    return out


def articles(sources: list[tuple[str, list[str]]], count: int, seed: int = 0) -> list[Article]:
    """`count` reports of recurring events, in the order they were collected."""
    rng = random.Random(seed)
    out: list[Article] = []
    while len(out) < count:
        start = len(out) / PER_DAY
        title, sentences = sources[rng.randrange(len(sources))]
        for _ in range(rng.randint(1, 9)):
            keep = sorted(rng.sample(range(len(sentences)), max(2, round(len(sentences) * 0.7))))
            other = rng.choice(sources[rng.randrange(len(sources))][1])
            day = 20_000.0 + start + rng.uniform(0, 3)
            when = None if rng.random() < UNDATED else When(day)
            out.append((day + rng.uniform(0, 0.5), title, " ".join([sentences[i] for i in keep] + [other]), when))
    out.sort(key=lambda a: a[0])
    return out[:count]


def _lookups(clusterer: Clusterer, probes: list[Article]) -> tuple[float, float, float, float]:
    """ms per undated lookup and stories found, by the collection window and by every posting."""
    vectors = []
    for seen, title, text, _ in probes:
        weights = tf_weights(terms(title, text))
        idfs = clusterer.idfs(weights)
        vectors.append(({t: w * idfs[t] for t, w in weights.items()}, seen))
    out = []
    for windowed in (True, False):
        started, found = CLOCK(), 0
        for vector, seen in vectors:
            found += len(clusterer.candidates(vector, None, seen if windowed else None))
        out += [1000 * (CLOCK() - started) / len(vectors), found / len(vectors)]
    return out[0], out[1], out[2], out[3]


def _checkpoint(clusterer: Clusterer, placed: int, probes: list[Article], assign_s: float) -> dict[str, Any]:
    conn = clusterer.conn
    ours_ms, ours_found, all_ms, all_found = _lookups(clusterer, probes)
    unpruned = sum(min(INDEX_TERMS, len(json.loads(r[0]))) for r in conn.execute(
        "SELECT terms FROM stories WHERE size > 0 AND merged_into IS NULL"))
    return {"articles": placed, "stories": conn.execute("SELECT count(*) FROM stories WHERE size > 0").fetchone()[0],
            "postings": conn.execute("SELECT count(*) FROM story_index").fetchone()[0], "postings_unpruned": unpruned,
            "window_ms": ours_ms, "window_found": ours_found, "all_postings_ms": all_ms, "all_found": all_found,
            "assign_ms": 1000 * assign_s / placed}


def run(count: int = 5000, checkpoints: int = 5, seed: int = 0, folder: Path = SHARED) -> dict[str, Any]:
    sources = source_texts(folder)
    if not sources:
        raise SystemExit(f"no documents in {folder}/*.jsonl (the clustering benchmark's files)")
    stream = articles(sources, count + PROBES * 5, seed)
    docs, rows, assign_s = stream[:count], [], 0.0
    step = max(1, count // checkpoints)
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "story_index.db")
        migrate(conn)
        clusterer = Clusterer(conn)
        for n, (seen, title, text, when) in enumerate(docs, 1):
            conn.execute("BEGIN")
            started = CLOCK()
            clusterer.assign(n, title, text, when, "", seen=seen)
            assign_s += CLOCK() - started
            conn.execute("COMMIT")
            if n % step == 0 or n == count:
                probes = [a for a in stream[n:n + PROBES * 5] if a[3] is None][:PROBES]
                rows.append(_checkpoint(clusterer, n, probes, assign_s))
        conn.close()
    return {"rows": rows, "days": docs[-1][0] - docs[0][0], "undated": sum(a[3] is None for a in docs)}


def synthetic(sizes: list[int], probes: int = 50, seed: int = 0) -> list[dict[str, Any]]:
    """ms per undated lookup on the synthetic store at each size: every posting of the terms, the window."""
    from newsdesk.bench import scale

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "synthetic.db")
        migrate(conn)
        synth = scale.Synth(conn, seed)
        for size in sorted(sizes):
            while synth.articles < size:
                synth.grow(min(size, synth.articles + scale.BATCH))
            conn.execute("UPDATE story_index SET seen = day WHERE seen IS NULL")  # collected as published
            clusterer, last = Clusterer(conn), conn.execute("SELECT max(id) FROM stories").fetchone()[0]
            texts = [scale.sample_text(synth, last - synth.rng.randrange(200)) for _ in range(probes)]
            vectors = []
            for text in texts:
                weights = tf_weights(terms(None, text))
                idfs = clusterer.idfs(weights)
                vectors.append({t: w * idfs[t] for t, w in weights.items()})
            spent = {"all": 0.0, "window": 0.0}
            for vector in vectors:  # interleaved, so both see the same load
                for name, seen in (("all", None), ("window", synth.day())):
                    started = CLOCK()
                    clusterer.candidates(vector, None, seen)
                    spent[name] += CLOCK() - started
            rows.append({"articles": size, "postings": conn.execute("SELECT count(*) FROM story_index").fetchone()[0],
                         "all_postings_ms": 1000 * spent["all"] / probes, "window_ms": 1000 * spent["window"] / probes})
        conn.close()
    return rows


def format_result(result: dict[str, Any]) -> str:
    lines = [f"{'articles':>9} {'stories':>8} {'postings':>9} {'unpruned':>9} {'window ms':>10} {'found':>6}"
             f" {'all-postings ms':>16} {'found':>6} {'assign ms':>10}"]
    for r in result["rows"]:
        lines.append(f"{r['articles']:>9,} {r['stories']:>8,} {r['postings']:>9,} {r['postings_unpruned']:>9,}"
                     f" {r['window_ms']:>10.3f} {r['window_found']:>6.1f} {r['all_postings_ms']:>16.3f}"
                     f" {r['all_found']:>6.1f} {r['assign_ms']:>10.1f}")
    lines.append(f"{result['undated']:,} of the articles undated, collected over {result['days']:.0f} days; ms per"
                 " undated lookup (CPU): ours by the collection-day window, beside every posting of its terms in the"
                 " same pruned index;"
                 " postings rows beside the rows with no quiet story pruned")
    for r in result.get("synthetic", []):
        lines.append(f"synthetic store, {r['articles']:,} articles, {r['postings']:,} postings: ms per undated lookup"
                     f" {r['window_ms']:.2f} by the window, {r['all_postings_ms']:.2f} over every posting")
    return "\n".join(lines)
