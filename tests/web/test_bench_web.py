"""The web benchmark's own parts: its query mix comes from the store and is Zipfian, and its load
client counts answers, statuses and cache hits against a real server."""

from __future__ import annotations

import random
import sqlite3
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.bench.web_load import run_phase, summarise
from newsdesk.bench.web_queries import STOPWORDS, search_paths, store_vocabulary, zipf_rank
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

from .desk_fixtures import running_server

TOPICS = ("harbour", "election", "vaccine", "drought", "railway", "festival", "budget", "council")


@pytest.fixture
def bench_store(tmp_path: Path) -> Path:
    db = tmp_path / "bench.db"
    rng = random.Random(1)
    with open_store(db) as store:
        for i in range(60):
            words = " ".join(rng.choice(TOPICS) for _ in range(30))
            body = f"The {words} and the report of the mayor. " * 2
            store.store_page(RawPage(body=f"b{i}".encode(), origin=f"b{i}"), Article(
                url=f"https://bench.example/{i}", title=f"Story {i} {rng.choice(TOPICS)}", site_name="Bench Post",
                language="en", categories=("Local",), published=f"2026-04-{1 + i % 28:02d}T09:00:00+00:00",
                text=body, paragraphs=(body,), excerpt=body[:60]))
    return db


def test_zipf_ranks_fall_off_like_one_over_rank() -> None:
    rng = random.Random(4)
    counts = Counter(zipf_rank(rng, 1000) for _ in range(50_000))
    assert min(counts) >= 0 and max(counts) < 1000
    # P(r) ∝ 1/(r+1): rank 0 about twice rank 1 and ten times rank 9 (wide bounds: a sample).
    assert 1.6 < counts[0] / counts[1] < 2.6 and 6 < counts[0] / counts[9] < 15


def test_queries_come_from_the_store_vocabulary_without_stopwords(bench_store: Path) -> None:
    with sqlite3.connect(bench_store) as conn:
        vocab = store_vocabulary(conn)
        paths = search_paths(conn, n=300)
    assert set(vocab.words) <= set(TOPICS) | {"story", "report", "mayor"} and not set(vocab.words) & STOPWORDS
    queries = [urllib.parse.parse_qs(p.split("?", 1)[1])["q"][0] for p in paths]
    assert any(q.startswith('"') for q in queries) and any(q.endswith("*") for q in queries)
    assert len(set(queries)) < len(queries)  # popular queries repeat, as in a search log


def test_load_client_counts_answers_statuses_and_cache_hits(bench_store: Path) -> None:
    with sqlite3.connect(bench_store) as conn:
        paths = search_paths(conn, n=200)
    with running_server(bench_store) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        warm = run_phase(port, paths, clients=4, seconds=1.0)
        cold = run_phase(port, paths, clients=2, seconds=0.5, no_cache=True)
    assert warm["requests"] > 0 and set(warm["statuses"]) <= {200, 400}
    assert warm["cache_hit_rate"] > 0 and cold["cache_hit_rate"] == 0
    assert warm["p50_ms"] <= warm["p99_ms"] <= warm["max_ms"]


def test_summary_percentiles() -> None:
    from newsdesk.bench.web_load import Tally

    tally = Tally(latencies=[i / 1000 for i in range(1, 101)], statuses=Counter({200: 100}), cache_hits=25)
    s = summarise(tally, elapsed=2.0)
    assert s["rps"] == 50.0 and s["p50_ms"] == 51.0 and s["p99_ms"] == 100.0 and s["cache_hit_rate"] == 0.25
