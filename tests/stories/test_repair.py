"""The merge/split repair pass."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsdesk.store import open_store
from newsdesk.stories import features, members, pairs, repair_divide, repair_merge, repair_recluster
from newsdesk.stories import repair as repair_mod
from newsdesk.stories.cluster import Clusterer

from .stories_data import ELECTION, JACKSON, QUAKE, WILLIAMS


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
    monkeypatch.setattr(repair_divide, "SPLIT_THRESHOLD", 0.06)  # off by default (see repair_divide.py)
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn, join_threshold=0.0)  # joins anything it meets
    docs = QUAKE + ELECTION
    for i, doc in enumerate(docs, 1):
        clusterer.assign(i, *doc, None, "now")
    # Put everything in story 1, as a greedy pass that went wrong might have.
    store.conn.execute("UPDATE story_articles SET story_id = 1")
    members.rebuild(clusterer, clusterer.load_story(1), "now")
    report = repair_mod.repair(store.conn, None, "now", Clusterer(store.conn))
    assert report.split >= 1
    groups = {}
    for article_id, story_id in store.story_assignments().items():
        groups.setdefault(story_id, set()).add(article_id)
    assert {1, 2, 3} in groups.values() and {4, 5, 6} in groups.values()
    assert all(json.loads(r[0]) for r in store.conn.execute("SELECT terms FROM stories WHERE size > 0"))


def test_recluster_pulls_apart_a_story_the_greedy_pass_glued() -> None:
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn)
    for i, doc in enumerate(QUAKE + ELECTION, 1):
        clusterer.assign(i, *doc, None, "now")
    store.conn.execute("UPDATE story_articles SET story_id = 1")  # as a greedy pass gone wrong might
    for story_id in (1, 2):
        members.rebuild(clusterer, clusterer.load_story(story_id), "now")
    moved = repair_recluster.recluster(clusterer, 1, "now")
    groups: dict[int, set[int]] = {}
    for article_id, story_id in store.story_assignments().items():
        groups.setdefault(story_id, set()).add(article_id)
    assert moved == len(ELECTION) or moved == len(QUAKE)
    assert sorted(groups.values(), key=min) == [{1, 2, 3}, {4, 5, 6}]
    sizes = dict(store.conn.execute("SELECT id, size FROM stories WHERE size > 0").fetchall())
    assert sorted(sizes.values()) == [3, 3]


def test_average_link_labels_cut_at_the_threshold() -> None:
    from collections import Counter

    from newsdesk.stories import pairs
    from newsdesk.stories.cluster import idf
    from newsdesk.stories.features import terms, tf_weights

    weights = [tf_weights(terms(t, x)) for t, x in QUAKE + ELECTION]
    df = Counter(t for w in weights for t in w)
    sides = [pairs.side(w, {t: idf(c, len(weights)) for t, c in df.items()}, None) for w in weights]
    labels = repair_recluster.average_link_labels(sides, 0.3)
    assert len(set(labels[:3])) == 1 and len(set(labels[3:])) == 1 and labels[0] != labels[3]
    assert len(set(repair_recluster.average_link_labels(sides, 0.9999))) == len(sides)  # nothing that sure: all apart


def _two_blocks(n: int, within: float, across: float) -> np.ndarray:
    half = np.arange(2 * n) < n
    matrix = np.where(half[:, None] == half[None, :], within, across)
    np.fill_diagonal(matrix, 1.0)
    return matrix


def test_bisect_finds_two_blocks_and_separation_compares_across_with_within() -> None:
    matrix = _two_blocks(4, 0.9, 0.3)
    order = np.random.default_rng(0).permutation(8)  # the blocks' articles interleaved
    shuffled = matrix[np.ix_(order, order)]
    part = repair_divide.bisect(shuffled)
    assert part is not None
    assert {frozenset(order[part] < 4), frozenset(order[~part] < 4)} == {frozenset({True}), frozenset({False})}
    assert repair_divide.separation(shuffled, part) == pytest.approx(0.3 / 0.9)
    # One event: no cut is far apart, whatever the calibration of the probabilities.
    uniform = _two_blocks(4, 0.5, 0.5)
    cut = repair_divide.bisect(uniform)
    assert cut is None or repair_divide.separation(uniform, cut) == pytest.approx(1.0)


def test_a_story_of_two_far_apart_groups_is_divided_and_not_merged_back() -> None:
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn)
    for i, doc in enumerate(QUAKE + ELECTION, 1):
        clusterer.assign(i, *doc, None, "now")
    store.conn.execute("UPDATE story_articles SET story_id = 1")  # one story holding both events
    for story_id in (1, 2):
        members.rebuild(clusterer, clusterer.load_story(story_id), "now")
    assert repair_divide.divide(clusterer, 1, "now") == 1
    groups: dict[int, set[int]] = {}
    for article_id, story_id in store.story_assignments().items():
        groups.setdefault(story_id, set()).add(article_id)
    assert sorted(groups.values(), key=min) == [{1, 2, 3}, {4, 5, 6}]
    assert repair_divide.divide(clusterer, 1, "now") == 0  # under DIVIDE_MIN articles now
    repair_mod.repair(store.conn, None, "now", clusterer)
    assert len(set(store.story_assignments().values())) == 2


def _group(*marks: set[str]) -> list[pairs.Side]:
    return [pairs.side(dict.fromkeys(m, 0.0), {}, None) for m in marks]


def test_casts_differ_only_on_people_both_sides_name_more_than_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(features, "EXTRA_MARKS", ("p", "n", "d"))
    jackson = _group({"#pjackson", "#pturner", "#d1-9"}, {"#pjackson"}, {"#n23"})
    williams = _group({"#pwilliam", "#pturner", "#d2-1"}, {"#pwilliam"}, {"#pwilliam"})
    assert repair_divide.casts_differ(jackson, williams) is True  # one stray common name is no shared cast
    both = _group({"#pwilliam", "#pjackson"}, {"#pjackson"})
    assert repair_divide.casts_differ(both, jackson) is False
    assert repair_divide.casts_differ(jackson, _group({"#n23"}, set())) is False  # nobody named: no evidence
    on_one_day = _group({"#pjackson", "#d2-1"}, {"#pjackson", "#d2-1"})
    assert repair_divide.casts_differ(on_one_day, williams + _group({"#d2-1"})) is False
    monkeypatch.setattr(repair_divide, "DIVIDE_RATIO", 0.55)
    monkeypatch.setattr(repair_divide, "CONFLICT_RATIO", 0.8)
    assert [repair_divide.divide_limit(c) for c in (True, False)] == [0.8, 0.55]
    monkeypatch.setattr(features, "EXTRA_MARKS", ())
    assert repair_divide.casts_differ(jackson, williams) is False


def test_two_incidents_with_different_casts_are_divided_above_the_plain_ratio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(features, "EXTRA_MARKS", ("p", "n", "d"))
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn)
    for i, doc in enumerate(JACKSON + WILLIAMS, 1):
        clusterer.assign(i, *doc, None, "now")
    store.conn.execute("UPDATE story_articles SET story_id = 1")  # the two arrests glued into one story
    for story_id in {1, *store.story_assignments().values()}:
        members.rebuild(clusterer, clusterer.load_story(story_id), "now")
    monkeypatch.setattr(repair_divide, "DIVIDE_RATIO", 1e-6)  # the plain test takes no cut at all
    monkeypatch.setattr(repair_divide, "CONFLICT_RATIO", 0.0)
    assert repair_divide.divide(clusterer, 1, "now") == 0
    monkeypatch.setattr(repair_divide, "CONFLICT_RATIO", 1.0)  # any cut that sets two casts apart
    assert repair_divide.divide(clusterer, 1, "now") == 1
    groups: dict[int, set[int]] = {}
    for article_id, story_id in store.story_assignments().items():
        groups.setdefault(story_id, set()).add(article_id)
    assert sorted(groups.values(), key=min) == [{1, 2, 3}, {4, 5, 6}]


AFTERSHOCK = ("Architects warn over mud-brick homes after Morocco earthquake",
              "Engineers surveying the High Atlas after the earthquake near Marrakesh said traditional mud-brick "
              "houses in Al Haouz had no chance against the shaking and urged builders to use reinforced walls.")


def _singleton_beside_two_stories() -> tuple[Clusterer, int]:
    """The quake and the election as two stories of three, and one more quake report on a story of its own."""
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn)
    for i, doc in enumerate(QUAKE + ELECTION, 1):
        clusterer.assign(i, *doc, None, "now")
    assert len(set(store.story_assignments().values())) == 2
    Clusterer(store.conn, join_threshold=1.1).assign(7, *AFTERSHOCK, None, "now")
    return clusterer, store.story_assignments()[7]


@pytest.mark.parametrize(("change", "adopted"), [({}, True), ({"ADOPT_MIN_SIZE": 4}, False),
                                                  ({"ADOPT_FLOOR": 1.01}, False)])
def test_a_lone_report_joins_the_one_story_it_links_to_below_the_merge_threshold(
        monkeypatch: pytest.MonkeyPatch, change: dict[str, float], adopted: bool) -> None:
    monkeypatch.setattr(repair_merge, "MERGE_THRESHOLD", 1.01)  # the plain merge never fires here
    for name, value in change.items():
        monkeypatch.setattr(repair_merge, name, value)
    clusterer, story_id = _singleton_beside_two_stories()
    assert repair_merge.try_merge(clusterer, story_id, "now") == int(adopted)
    assignments = Clusterer(clusterer.conn).conn.execute("SELECT article_id, story_id FROM story_articles").fetchall()
    story_of = dict(assignments)
    assert (story_of[7] == story_of[1]) is adopted
    assert story_of[7] != story_of[4]


def test_a_lone_report_is_not_adopted_when_a_second_story_links_nearly_as_well() -> None:
    floor, margin = repair_merge.ADOPT_FLOOR, repair_merge.ADOPT_MARGIN
    assert repair_merge.adopts(1, 5, floor, floor / margin * 0.99)
    assert not repair_merge.adopts(1, 5, floor, floor / margin * 1.01)  # two incidents of one topic
    assert not repair_merge.adopts(1, 5, floor * 0.99, 0.0)
    assert not repair_merge.adopts(2, 5, 0.9, 0.0)  # only single articles are adopted
