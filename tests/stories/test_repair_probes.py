"""Small stories (probes) meet other stories at merge time through their best links (`repair_merge.PROBE_TOP`)."""

from __future__ import annotations

import pytest

from newsdesk.store import open_store
from newsdesk.stories import members, pairs, repair_merge
from newsdesk.stories.cluster import Clusterer

from .stories_data import ELECTION, QUAKE

# Two made-up vocabularies of a long report's size (a short pair of reports is "same event" by default).
QUAKE_ANGLE = [f"@quake{i}" for i in range(20)] + [f"rubble{i}" for i in range(60)]
OTHER_ANGLE = [f"@vote{i}" for i in range(20)] + [f"ballot{i}" for i in range(60)]


def _side(words: list[str]) -> pairs.Side:
    return pairs.side(dict.fromkeys(words, 1.0), dict.fromkeys(words, 3.0), None)


def test_a_lone_article_is_scored_by_its_best_links_with_a_larger_story() -> None:
    """Two of six members share its angle: the plain mean is drowned by the other four, the top links are not."""
    me = _side(QUAKE_ANGLE)
    near, far = pairs.same_story(me, _side(QUAKE_ANGLE)), pairs.same_story(me, _side(OTHER_ANGLE))
    assert near > 0.9 and far < 0.1
    story = [_side(QUAKE_ANGLE)] * 2 + [_side(OTHER_ANGLE)] * 4
    link = repair_merge.average_links([me], {1: story})[1]
    top = repair_merge.PROBE_TOP
    assert link == pytest.approx((2 * near + (top - 2) * far) / top)
    assert link > (2 * near + 4 * far) / 6 + 0.2  # the mean over all six pairs


def test_the_probe_is_the_smaller_side_whichever_story_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    story = [_side(QUAKE_ANGLE)] * 2 + [_side(OTHER_ANGLE)] * 4
    me = _side(QUAKE_ANGLE)
    assert repair_merge.average_links(story, {1: [me]})[1] == pytest.approx(repair_merge.average_links([me], {1: story})[1])
    # Two stories larger than PROBE_MAX keep the mean over every pair (average linkage).
    big = [_side(QUAKE_ANGLE)] * (repair_merge.PROBE_MAX + 1)
    mean = sum(pairs.same_story(a, b) for a in big for b in story) / (len(big) * len(story))
    assert repair_merge.average_links(big, {1: story})[1] == pytest.approx(mean)
    monkeypatch.setattr(repair_merge, "PROBE_TOP", 0)  # off: the plain mean for probes too
    assert repair_merge.average_links([me], {1: story})[1] == pytest.approx(
        sum(pairs.same_story(me, s) for s in story) / len(story))


MORE_QUAKE = [
    ("Marrakesh hotels report few cancellations after Morocco earthquake",
     "Hotels in Marrakesh reported few cancellations a week after the earthquake, the tourism ministry said, as "
     "visitors returned to the medina's souks and flights at the city's airport ran to schedule."),
    ("Morocco accepts rescue teams from Spain, Britain, Qatar and the UAE after earthquake",
     "Morocco said it had accepted offers of search and rescue teams from Spain, Britain, Qatar and the United "
     "Arab Emirates after the earthquake, while France and the United States said their offers stood."),
    ("King Mohammed VI visits earthquake injured in Marrakesh hospital",
     "King Mohammed VI visited the university hospital in Marrakesh, where he gave blood and met people injured in "
     "the earthquake, and ordered three days of national mourning, the royal palace said."),
]
MUD_BRICK = ("Architects warn over mud-brick homes after Morocco earthquake",
             "Engineers surveying the High Atlas after the earthquake near Marrakesh said traditional mud-brick "
             "houses in Al Haouz had no chance against the shaking and urged builders to use reinforced walls.")


def _quake_story_and_a_lone_report() -> tuple[Clusterer, int]:
    """A six-report quake story (three of them on the villages of Al Haouz), the election, and one more
    report on the villages' mud-brick homes on a story of its own."""
    store = open_store(":memory:")
    clusterer = Clusterer(store.conn)
    for i, doc in enumerate(QUAKE + MORE_QUAKE + ELECTION, 1):
        clusterer.assign(i, *doc, None, "now")
    store.conn.execute("UPDATE story_articles SET story_id = 1 WHERE article_id <= 6")
    for (story_id,) in store.conn.execute("SELECT id FROM stories").fetchall():
        members.rebuild(clusterer, clusterer.load_story(story_id), "now")
    Clusterer(store.conn, join_threshold=1.1).assign(10, *MUD_BRICK, None, "now")
    return clusterer, store.story_assignments()[10]


@pytest.mark.parametrize(("top", "adopted"), [(3, True), (0, False)])
def test_an_off_angle_report_is_adopted_through_its_best_links(monkeypatch: pytest.MonkeyPatch, top: int,
                                                                 adopted: bool) -> None:
    # The mud-brick report links to the three village reports near 1, to the hotels, the aid offers and the
    # king's visit far less; a floor between its mean link and its top-3 link tells the two scorings apart.
    monkeypatch.setattr(repair_merge, "MERGE_THRESHOLD", 1.01)  # the plain merge never fires here
    monkeypatch.setattr(repair_merge, "ADOPT_FLOOR", 0.9)
    monkeypatch.setattr(repair_merge, "PROBE_TOP", top)
    clusterer, story_id = _quake_story_and_a_lone_report()
    assert repair_merge.try_merge(clusterer, story_id, "now") == int(adopted)
    story_of = dict(clusterer.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())
    assert (story_of[10] == story_of[1]) is adopted
    assert story_of[10] != story_of[7]
