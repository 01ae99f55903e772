"""Incremental story clustering on a real in-memory store."""

from __future__ import annotations

import pytest

from newsdesk.store import open_store
from newsdesk.stories import cluster as cluster_mod
from newsdesk.stories.cluster import Clusterer
from newsdesk.stories.features import When

from .stories_data import ELECTION, QUAKE, STRIKE


@pytest.fixture
def clusterer():
    store = open_store(":memory:")
    yield Clusterer(store.conn)
    store.close()


def _feed(clusterer: Clusterer, docs: list[tuple[str, str]], start: int = 1, day: float | None = None) -> list[int]:
    out = []
    for i, (title, text) in enumerate(docs, start):
        when = When(day) if day is not None else None
        out.append(clusterer.assign(i, title, text, when, "now").story_id)
    return out


def test_interleaved_events_form_one_story_each(clusterer: Clusterer) -> None:
    docs = [d for triple in zip(QUAKE, ELECTION, STRIKE + [STRIKE[0]], strict=True) for d in triple][:8]
    stories = _feed(clusterer, docs)
    quake, election, strike = stories[0::3], stories[1::3], stories[2::3]
    assert len(set(quake)) == 1 and len(set(election)) == 1 and len(set(strike)) == 1
    assert len({quake[0], election[0], strike[0]}) == 3


def test_first_article_opens_and_later_ones_join_with_a_similarity(clusterer: Clusterer) -> None:
    first = clusterer.assign(1, *QUAKE[0], None, "now")
    second = clusterer.assign(2, *QUAKE[1], None, "now")
    assert first.opened and first.similarity is None
    assert not second.opened and second.story_id == first.story_id
    assert second.similarity is not None and second.similarity >= cluster_mod.JOIN_THRESHOLD


def test_same_words_months_apart_are_different_stories(clusterer: Clusterer) -> None:
    a = clusterer.assign(1, *QUAKE[0], When(19000.0), "now")
    b = clusterer.assign(2, *QUAKE[1], When(19001.0), "now")
    c = clusterer.assign(3, *QUAKE[2], When(19200.0), "now")  # outside the window: the old story is quiet
    assert a.story_id == b.story_id != c.story_id


def test_index_lookup_sees_only_stories_near_the_date(clusterer: Clusterer) -> None:
    clusterer.assign(1, *QUAKE[0], When(19000.0), "now")
    vector = {"marrakesh": 5.0, "earthquake": 3.0}
    assert clusterer.candidates(vector, When(19010.0))
    assert not clusterer.candidates(vector, When(19000.0 + cluster_mod.WINDOW_DAYS + 5))


def test_reassigning_an_updated_article_moves_it(clusterer: Clusterer) -> None:
    _feed(clusterer, QUAKE, 1)
    _feed(clusterer, ELECTION, 10)
    quake_story = clusterer.conn.execute("SELECT story_id FROM story_articles WHERE article_id = 1").fetchone()[0]
    moved = clusterer.assign(2, *ELECTION[1], None, "now")
    assert moved.story_id != quake_story
    size = clusterer.conn.execute("SELECT size FROM stories WHERE id = ?", (quake_story,)).fetchone()[0]
    assert size == 2


def test_cost_does_not_grow_with_unrelated_stories(clusterer: Clusterer) -> None:
    """Candidates come from the index: unrelated stored stories are never scored."""
    for i in range(300):
        clusterer.assign(1000 + i, f"Local council meeting {i}", f"Councillor Zed{i} discussed parking in "
                         f"district Q{i} with residents of Street{i}.", None, "now")
    found = clusterer.candidates({"marrakesh": 5.0, "earthquake": 3.0}, None)
    assert found == []
