"""A shared day alone does not make two short reports one story (X27).

Wikinews fr opens every report with its date ("22 juin 2012. - ..."). Two short reports of one day on
nothing in common shared that date's year, month and day marks (and its numbers), which the pair model
weighs heavily: the Kabul hotel attack and the 3DS XL, the Vendée Globe start and a Québec education
summit, a report on yeti hairs and a weather warning were each one story in a `make run` store."""

from __future__ import annotations

from collections import Counter

import pytest

from newsdesk.stories import pairs
from newsdesk.stories.cluster import ARTICLE_TERMS, JOIN_THRESHOLD, idf
from newsdesk.stories.commands import cluster_stream
from newsdesk.stories.features import article_when, marks, terms, tf_weights


def _sides(docs: list[dict[str, str | None]], ids: tuple[str, ...], name: str = "") -> list[pairs.Side]:
    """The reports `ids` as the pair model sees them, IDF over all `docs`; `name` added to each text."""
    weights = {d["id"]: tf_weights(terms(d["title"], d["text"])) for d in docs}
    df = Counter(t for w in weights.values() for t in w)
    idfs = {t: idf(c, len(docs)) for t, c in df.items()}
    out = []
    for doc in (d for i in ids for d in docs if d["id"] == i):
        text = f"{doc['text']}{name}"
        when = article_when(doc["date"], text)
        own = tf_weights(terms(doc["title"], text))
        out.append(pairs.side(dict(Counter(own).most_common(ARTICLE_TERMS)) | marks(doc["title"], text, when),
                              idfs, when))
    return out


def test_a_shared_day_without_a_shared_name_does_not_join_two_short_reports(
        wikinews_fr: list[dict[str, str | None]]) -> None:
    attack, console = _sides(wikinews_fr, ("44290", "44292"))  # Kabul hotel attack, 3DS XL
    assert attack.years & console.years and attack.months & console.months  # they do share the day
    assert pairs.same_story(attack, console) < JOIN_THRESHOLD
    features = pairs.pair_features(attack, console)
    assert features[6] == features[12] == 0.0  # year and month shared: read as no evidence


def test_with_a_shared_name_the_shared_day_still_counts(wikinews_fr: list[dict[str, str | None]]) -> None:
    docs = wikinews_fr
    attack, console = _sides(docs, ("44290", "44292"), name=" Le ministre Dupontel a réagi.")
    assert pairs.pair_features(attack, console)[6] == pairs.pair_features(attack, console)[12] == 1.0
    sides = _sides(docs, ("44290", "44292")) + [attack, console]
    matrix = pairs.probability_matrix(sides)  # the repair pass's reading agrees pair by pair
    for i in range(len(sides)):
        for j in range(len(sides)):
            if i != j:
                assert matrix[i, j] == pytest.approx(pairs.same_story(sides[i], sides[j]), abs=1e-9)


@pytest.mark.parametrize("repair", [False, True], ids=["as placed", "repaired"])
def test_same_day_wikinews_reports_on_nothing_in_common_stay_apart(wikinews_fr: list[dict[str, str | None]],
                                                                   repair: bool) -> None:
    story = {d["id"]: d["story_id"] for d in cluster_stream(wikinews_fr, repair=repair)}
    june_22 = [story[i] for i in ("44290", "44292", "44313", "44318", "44321")]  # Kabul, 3DS XL, ...
    assert len(set(june_22)) == 5, june_22
    assert story["45758"] != story["45761"]  # Vendée Globe start, Québec education summit (10 November)
    assert story["45619"] != story["45621"]  # yeti hairs, a weather warning (31 October)
    # one event's reports stay together: the Vendée Globe's three, Morsi's election, the Higgs boson
    assert story["45758"] == story["45774"] == story["45789"]
    assert story["44337"] == story["44355"] and story["44502"] == story["44520"]
