"""The merge/split repair pass."""

from __future__ import annotations

import json

import pytest

from newsdesk.store import open_store
from newsdesk.stories import repair as repair_mod
from newsdesk.stories.cluster import Clusterer

from .stories_data import ELECTION, QUAKE


def test_two_stories_of_one_event_are_merged() -> None:
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn, join_threshold=1.1)  # never joins: every article opens a story
    for i, doc in enumerate(QUAKE, 1):
        clusterer.assign(i, *doc, None, "now")
    report = repair_mod.repair(store.conn, None, "now", Clusterer(store.conn))
    # Articles move to a better-suited story, or whole stories merge: either way one story is left.
    assert report.merged + report.moved >= 2
    assert len(set(store.story_assignments().values())) == 1
    live = store.conn.execute("SELECT count(*) FROM stories WHERE merged_into IS NULL AND size > 0").fetchone()[0]
    assert live == 1
    gone = store.conn.execute("SELECT id FROM stories WHERE merged_into IS NOT NULL").fetchall()
    for (story_id,) in gone:  # a merged story's articles now answer with the story it went into
        assert store.resolve_story(story_id) in set(store.story_assignments().values())
        assert story_id not in set(store.story_assignments().values())


def test_a_story_gluing_two_events_is_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repair_mod, "SPLIT_THRESHOLD", 0.06)  # off by default (see repair.py)
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn, join_threshold=0.0)  # joins anything it meets
    docs = QUAKE + ELECTION
    for i, doc in enumerate(docs, 1):
        clusterer.assign(i, *doc, None, "now")
    # Put everything in story 1, as a greedy pass that went wrong might have.
    store.conn.execute("UPDATE story_articles SET story_id = 1")
    repair_mod.rebuild(clusterer, clusterer.load_story(1), "now")
    report = repair_mod.repair(store.conn, None, "now", Clusterer(store.conn))
    assert report.split >= 1
    groups = {}
    for article_id, story_id in store.story_assignments().items():
        groups.setdefault(story_id, set()).add(article_id)
    assert {1, 2, 3} in groups.values() and {4, 5, 6} in groups.values()
    assert all(json.loads(r[0]) for r in store.conn.execute("SELECT terms FROM stories WHERE size > 0"))
