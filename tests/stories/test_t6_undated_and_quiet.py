"""T6: an undated article is looked up by when it was collected, and a story quiet for `quiet_index_days` of
collection loses its index postings (the story stays). Real clusterer on a real in-memory store; the
collection day of each article is given (`seen`), as the store gives each article its first_seen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.stories.cluster import Clusterer
from newsdesk.stories.features import When, terms, tf_weights

from .stories_data import ELECTION, JACKSON, QUAKE

DAY = 19000.0
LATER = DAY + 200.0  # well past both the lookup window and the pruning period


@pytest.fixture
def store() -> Iterator[Store]:
    store = open_store(":memory:")
    yield store
    store.close()


def _vector(clusterer: Clusterer, title: str, text: str) -> dict[str, float]:
    weights = tf_weights(terms(title, text))
    idfs = clusterer.idfs(weights)
    return {t: w * idfs[t] for t, w in weights.items()}


def _postings(clusterer: Clusterer, story_id: int) -> int:
    return int(clusterer.conn.execute("SELECT count(*) FROM story_index WHERE story_id = ?", (story_id,)).fetchone()[0])


def test_undated_articles_join_the_story_live_when_they_were_collected(store: Store) -> None:
    """Two earthquake stories told in the same words, 200 days apart by collection, all undated: a report
    collected now joins the story live now. Without the collection clock every undated lookup saw every
    story ever indexed, and the report collected 200 days on joined the old story.
    Pruning is put off here, so that the window alone keeps the old story out."""
    clusterer = Clusterer(store.conn, quiet_index_days=1000.0)
    old = {clusterer.assign(i, *QUAKE[i % 3], None, "now", seen=DAY + i / 10).story_id for i in range(3)}
    assert len(old) == 1
    fresh = clusterer.assign(10, *QUAKE[0], None, "now", seen=LATER)
    assert fresh.opened  # the old story is not a candidate 200 days on
    joined = clusterer.assign(11, *QUAKE[1], None, "now", seen=LATER + 1)
    assert joined.story_id == fresh.story_id and not joined.opened
    vector = _vector(clusterer, *QUAKE[2])
    assert set(clusterer.candidates(vector, None, LATER + 1)) == {fresh.story_id}
    assert set(clusterer.candidates(vector, None, DAY + 5)) == old  # the window is around the collection day


def test_an_undated_lookup_reads_the_collection_window_from_the_index(store: Store) -> None:
    """The plan searches story_index by term and collection-day range, not every posting of a term."""
    clusterer = Clusterer(store.conn)
    for i, report in enumerate(QUAKE):
        clusterer.assign(i + 1, *report, None, "now", seen=DAY)
    ran: list[str] = []
    clusterer.conn.set_trace_callback(ran.append)
    try:
        assert clusterer.candidates(_vector(clusterer, *QUAKE[0]), None, DAY)
    finally:
        clusterer.conn.set_trace_callback(None)
    lookups = [sql for sql in ran if "story_index" in sql]
    assert len(lookups) == 1
    plan = [row[-1] for row in clusterer.conn.execute("EXPLAIN QUERY PLAN " + lookups[0])]
    searches = [step for step in plan if "story_index" in step]
    assert any("term=? AND seen>? AND seen<?" in step for step in searches), plan
    assert not any(step.endswith("(term=?)") for step in searches), plan


def test_quiet_stories_leave_the_index_and_stay_stories(store: Store) -> None:
    """A dated story and an undated one collected on DAY, then nothing for them: once an article collected
    more than `quiet_index_days` later is placed, their postings are gone (a dated lookup used to find the
    undated story forever), the stories and their articles are still listed, and the live story is still
    found and joined."""
    clusterer = Clusterer(store.conn, quiet_index_days=60.0)
    quake = {clusterer.assign(i + 1, *r, When(DAY), "now", seen=DAY).story_id for i, r in enumerate(QUAKE)}
    crash = {clusterer.assign(i + 10, *r, None, "now", seen=DAY).story_id for i, r in enumerate(JACKSON)}
    assert len(quake) == len(crash) == 1
    quiet = [*quake, *crash]
    assert all(_postings(clusterer, s) for s in quiet)
    # 59 days on, a dated lookup far from DAY still finds the undated story; nothing is pruned yet.
    live = clusterer.assign(20, *ELECTION[0], When(DAY + 59), "now", seen=DAY + 59).story_id
    assert all(_postings(clusterer, s) for s in quiet)
    assert set(clusterer.candidates(_vector(clusterer, *JACKSON[1]), When(DAY + 59))) == set(crash)
    # 61 days on: the first article collected that day prunes the stories quiet for 60 days.
    second = clusterer.assign(21, *ELECTION[1], When(DAY + 61), "now", seen=DAY + 61)
    assert second.story_id == live and not second.opened
    assert [_postings(clusterer, s) for s in quiet] == [0, 0]
    assert _postings(clusterer, live) > 0
    assert clusterer.candidates(_vector(clusterer, *JACKSON[1]), When(DAY + 61)) == []
    assert live in clusterer.candidates(_vector(clusterer, *ELECTION[2]), When(DAY + 62))
    assert clusterer.assign(22, *ELECTION[2], When(DAY + 62), "now", seen=DAY + 62).story_id == live
    listed = {s["id"]: s["articles"] for s in store.stories(limit=10)}
    assert listed == {quake.pop(): 3, crash.pop(): 3, live: 3}


def test_pruning_runs_once_a_collection_day_and_catches_a_story_indexed_again(store: Store) -> None:
    clusterer = Clusterer(store.conn, quiet_index_days=60.0)
    quiet = clusterer.assign(1, *QUAKE[0], When(DAY), "now", seen=DAY).story_id
    clusterer.assign(2, *ELECTION[0], When(DAY + 61), "now", seen=DAY + 61)
    assert _postings(clusterer, quiet) == 0
    # A repair step saving the quiet story writes its postings again; the same day does not prune twice ...
    clusterer.save_story(clusterer.load_story(quiet), "now")
    assert _postings(clusterer, quiet) > 0
    assert clusterer.prune_quiet(DAY + 61.5) == 0 and _postings(clusterer, quiet) > 0
    # ... the next day does, whatever day the story went quiet.
    again = _postings(clusterer, quiet)
    assert clusterer.prune_quiet(DAY + 62.2) == again and _postings(clusterer, quiet) == 0


def _as_before_037(db: Path) -> None:
    """Make a store look as one written before migration 037 (no collection clock)."""
    conn = sqlite3.connect(db)
    for index in ("story_index_seen", "stories_seen_day"):
        conn.execute(f"DROP INDEX {index}")
    for table, column in (("story_articles", "seen"), ("stories", "seen_day"), ("story_index", "seen")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("DELETE FROM schema_migrations WHERE name = '037_story_seen.sql'")
    conn.execute("DELETE FROM story_counters WHERE name = 'pruned_day'")
    conn.commit()
    conn.close()


def test_a_store_placed_before_the_clock_is_dated_by_first_seen(tmp_path: Path) -> None:
    """Migration 037 gives stored articles, their stories and postings the day of their first_seen, so the
    undated lookup and the pruning work on a store placed before it."""
    db = tmp_path / "desk.db"
    store = open_store(db)
    for i, (title, text) in enumerate(JACKSON):
        article = Article(title=title, text=text, url=f"https://example.org/jackson/{i}")
        _, article_id = store.store_page(RawPage(body=text.encode(), origin=f"t6:{i}", kind_hint="text"), article)
        store.place_article(article_id, article, None, repair=False)
    store.conn.execute("UPDATE articles SET first_seen = '2022-01-08T12:00:00+00:00'")  # day 19000.5
    story_id = store.story_assignments().popitem()[1]
    store.close()
    _as_before_037(db)
    store = open_store(db)
    try:
        clusterer = Clusterer(store.conn, quiet_index_days=60.0)
        assert {r[0] for r in store.conn.execute("SELECT seen FROM story_articles")} == {DAY + 0.5}
        assert clusterer.load_story(story_id).seen == DAY + 0.5
        vector = _vector(clusterer, *JACKSON[0])
        assert clusterer.candidates(vector, None, DAY + 3) == [story_id]
        assert clusterer.candidates(vector, None, DAY + 40) == []
        before = _postings(clusterer, story_id)
        assert before > 0 and clusterer.prune_quiet(DAY + 61) == before and _postings(clusterer, story_id) == 0
    finally:
        store.close()
