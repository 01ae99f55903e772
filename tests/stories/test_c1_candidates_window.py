"""The story lookup (`Clusterer.candidates`) reads the day window through the index, and finds what a
brute-force reading of `story_index` finds, in the same order, on a small store the clusterer built."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from newsdesk.store import open_store
from newsdesk.stories import cluster as cluster_mod
from newsdesk.stories.cluster import Clusterer
from newsdesk.stories.features import When, terms, tf_weights

from .stories_data import ELECTION, JACKSON, QUAKE, STRIKE, WILLIAMS

# Reported on days 40 apart (the clusterer keeps them apart: three stories per event, two of the same
# words in every window, so lookups tie) and undated (a story of its own, seen by every lookup).
DATED = [QUAKE, ELECTION, STRIKE]
DAYS = [19000.0, 19040.0, 19080.0]
UNDATED = [JACKSON, WILLIAMS]
# Lookup dates: 19010 has 19040 at the window's upper edge, 19070 has 19040 at its lower edge (whole
# days, so the edges are exact); 19200 sees only undated stories.
LOOKUPS: list[When | None] = [None, When(19010.0), When(19030.0, 3.0), When(19070.0), When(19200.0)]


@pytest.fixture(scope="module")
def clusterer() -> Iterator[Clusterer]:
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn)
    reports: list[tuple[tuple[str, str], When | None]] = [
        (report, When(day)) for day in DAYS for event in DATED for report in event]
    reports += [(report, None) for event in UNDATED for report in event]
    for article, ((title, text), when) in enumerate(reports, 1):
        clusterer.assign(article, title, text, when, "now")
    yield clusterer
    store.close()


def _vectors(clusterer: Clusterer) -> list[dict[str, float]]:
    """Each report's TF-IDF vector, as `assign` builds it."""
    out = []
    for event in DATED + UNDATED:
        for title, text in event:
            weights = tf_weights(terms(title, text))
            idfs = clusterer.idfs(weights)
            out.append({t: w * idfs[t] for t, w in weights.items()})
    return out


def _brute_force(clusterer: Clusterer, vector: dict[str, float], when: When | None) -> list[tuple[int, int]]:
    """Every indexed story sharing a query term in the window, as (story, shared terms), most shared
    first, ties newest (highest id) first; read row by row in Python, no SQL filtering."""
    query = set(sorted(vector, key=vector.__getitem__, reverse=True)[:cluster_mod.QUERY_TERMS])
    counts: Counter[int] = Counter()
    for term, story_id, day in clusterer.conn.execute("SELECT term, story_id, day FROM story_index"):
        if term not in query:
            continue
        if when is None or day is None or \
                when.day - cluster_mod.WINDOW_DAYS - when.slack <= day <= when.day + cluster_mod.WINDOW_DAYS + when.slack:
            counts[story_id] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0]))


@pytest.mark.parametrize("limit", [3, cluster_mod.CANDIDATES])
def test_candidates_are_the_brute_force_reading_in_order(clusterer: Clusterer, limit: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_mod, "CANDIDATES", limit)
    undated = {r[0] for r in clusterer.conn.execute("SELECT id FROM stories WHERE last_day IS NULL")}
    cut_in_a_tie = undated_seen_dated = 0
    for vector in _vectors(clusterer):
        for when in LOOKUPS:
            full = _brute_force(clusterer, vector, when)
            assert clusterer.candidates(vector, when) == [s for s, _ in full[:limit]]
            cut_in_a_tie += len(full) > limit and full[limit - 1][1] == full[limit][1]
            undated_seen_dated += when is not None and bool(undated & {s for s, _ in full[:limit]})
    # The store makes the comparison bite: the limit cuts through ties, undated stories are found by dated lookups.
    if limit == 3:
        assert cut_in_a_tie > 0
    assert undated_seen_dated > 0


def test_window_edges_are_inside_and_quiet_stories_are_not(clusterer: Clusterer) -> None:
    on = {day: {r[0] for r in clusterer.conn.execute("SELECT id FROM stories WHERE last_day IS ?", (day,))}
          for day in [*DAYS, None]}
    assert all(on.values())  # the store is as built: stories on each day and undated ones
    vector = _vectors(clusterer)[0]  # a QUAKE report: QUAKE's story of each day shares its terms
    upper, lower = set(clusterer.candidates(vector, When(19010.0))), set(clusterer.candidates(vector, When(19070.0)))
    assert upper & on[19040.0] and lower & on[19040.0]
    assert not upper & on[19080.0] and not lower & on[19000.0]
    assert set(clusterer.candidates(vector, When(19200.0))) <= on[None]


def test_the_lookup_reads_the_day_range_from_the_index(clusterer: Clusterer) -> None:
    """The query plan searches story_index by term and day range, not by term alone (then filtering
    every posting of the term however old)."""
    ran: list[str] = []
    clusterer.conn.set_trace_callback(ran.append)  # the statement as run, its parameters written in
    try:
        assert clusterer.candidates(_vectors(clusterer)[0], When(19030.0, 3.0))
    finally:
        clusterer.conn.set_trace_callback(None)
    lookups = [sql for sql in ran if "story_index" in sql]
    assert len(lookups) == 1
    plan = [row[-1] for row in clusterer.conn.execute("EXPLAIN QUERY PLAN " + lookups[0])]
    searches = [step for step in plan if "story_index" in step]
    assert any("term=? AND day>? AND day<?" in step for step in searches), plan
    assert not any(step.endswith("(term=?)") for step in searches), plan
