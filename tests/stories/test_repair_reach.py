"""A small story meets a story gone quiet beyond the candidate window when the pair model calls it more likely the
same event than not, clearly ahead of any rival, and the divide guard would not cut it off again (`repair_merge.REACH`)."""

from __future__ import annotations

import pytest

from newsdesk.store import open_store
from newsdesk.stories import cluster as cluster_mod
from newsdesk.stories import members, repair_divide, repair_merge
from newsdesk.stories.cluster import Clusterer
from newsdesk.stories.features import When

from .stories_data import ELECTION, QUAKE
from .test_repair_probes import MORE_QUAKE

DAY = 19600.0  # 2023-08-31
# A late report on the quake, two months on: past the window, in the quake story's own words.
LATE = ("Morocco earthquake: Al Haouz villages still in tents as rescuers' work ends",
        "Survivors of the Marrakesh earthquake in the High Atlas villages of Al Haouz were still sleeping in tents, "
        "the interior ministry said, as rescuers ended the search of collapsed homes and army trucks brought water.")
GAP = 60.0


def _quake_story_and_a_late_report() -> tuple[Clusterer, int]:
    """A six-report quake story over three days, the election two months on, and the late quake report alone."""
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn)
    for i, doc in enumerate(QUAKE + MORE_QUAKE, 1):
        clusterer.assign(i, *doc, When(DAY + i % 3, 1.0), "now")
    store.conn.execute("UPDATE story_articles SET story_id = 1 WHERE article_id <= 6")
    for (story_id,) in store.conn.execute("SELECT id FROM stories").fetchall():
        members.rebuild(clusterer, clusterer.load_story(story_id), "now")
    for i, doc in enumerate(ELECTION, 7):
        clusterer.assign(i, *doc, When(DAY + GAP + 10, 1.0), "now")
    Clusterer(store.conn, join_threshold=1.1).assign(10, *LATE, When(DAY + GAP, 1.0), "now")
    return clusterer, store.story_assignments()[10]


def test_the_late_report_is_outside_the_window() -> None:
    assert GAP > cluster_mod.WINDOW_DAYS + 2 + 2  # both slacks and the quake story's three days
    clusterer, story_id = _quake_story_and_a_late_report()
    story = clusterer.load_story(story_id)
    assert 1 not in clusterer.candidates(story.terms, When(DAY + GAP, 1.0))
    assert 1 in repair_merge.far_candidates(clusterer.conn, story.terms)


@pytest.mark.parametrize(("reach", "joined"), [(0.5, True), (0.0, False), (1.01, False)])
def test_a_late_report_joins_the_quiet_story_it_links_to(
        monkeypatch: pytest.MonkeyPatch, reach: float, joined: bool) -> None:
    # 0 turns the reach off; above 1 no link is enough.
    monkeypatch.setattr(repair_merge, "REACH", reach)
    clusterer, story_id = _quake_story_and_a_late_report()
    assert repair_merge.try_merge(clusterer, story_id, "now") == int(joined)
    story_of = dict(clusterer.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())
    assert (story_of[10] == story_of[1]) is joined
    assert story_of[10] != story_of[7]


def test_the_far_lookup_reads_each_terms_latest_postings_only(monkeypatch: pytest.MonkeyPatch) -> None:
    clusterer, story_id = _quake_story_and_a_late_report()
    terms = clusterer.load_story(story_id).terms
    # The election story (ten days later) shares none of the late report's words; the quake story is older.
    monkeypatch.setattr(repair_merge, "REACH_POSTINGS", 1)
    assert 1 not in repair_merge.far_candidates(clusterer.conn, terms)  # each term's latest: the report itself


def test_a_larger_story_does_not_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only a probe (at most PROBE_MAX articles) looks past the window.
    monkeypatch.setattr(repair_merge, "PROBE_MAX", 0)
    clusterer, story_id = _quake_story_and_a_late_report()
    assert repair_merge.try_merge(clusterer, story_id, "now") == 0


def test_a_late_report_passes_the_divide_guard_as_any_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    # The quake story's members link ~0.56 among themselves and the report ~1.0 to them: at a divide ratio of 2
    # the two would be cut apart again (`repair_merge.kept_apart`), so the far path leaves them apart too.
    clusterer, story_id = _quake_story_and_a_late_report()
    mine = clusterer.member_sides([story_id])[story_id]
    theirs = clusterer.member_sides([1])[1]
    link = repair_merge.average_links(mine, {1: theirs})[1]
    monkeypatch.setattr(repair_divide, "DIVIDE_RATIO", 2.0)
    assert repair_merge.kept_apart(link, mine, theirs)
    assert repair_merge.try_merge(clusterer, story_id, "now") == 0
