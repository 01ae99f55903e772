"""Exact and near duplicates and syndication groups, on a real in-memory store."""

from __future__ import annotations

import random

import pytest

from newsdesk.store import open_store
from newsdesk.stories.dedupe import Deduper, fingerprint, named_origin, normalise, resemblance

WIRE = [
    "The central bank raised its main interest rate by half a percentage point on Thursday, the largest "
    "increase in more than two decades, as policymakers tried to cool prices that have climbed faster than wages.",
    "Governor Maria Alvarez told reporters in the capital that the board had voted seven to two for the move "
    "and that further increases were likely if inflation failed to slow over the summer months.",
    "Retail groups warned that households already struggling with energy bills would cut spending further, "
    "while exporters welcomed the stronger currency that followed the announcement in afternoon trading.",
    "Economists at three large lenders said they now expected the rate to peak at five percent next spring, "
    "a full point above their forecasts of only a month ago, before easing slowly through the following year.",
    "The opposition finance spokesman called the decision a sign that the government had lost control of prices "
    "and demanded an emergency debate in parliament before the summer recess begins next week.",
]
OTHER = [
    "The central bank left its main interest rate unchanged on Tuesday, saying price pressures had eased "
    "faster than expected as fuel costs fell back from their winter highs across the region.",
    "Board members were split on the timing of future cuts, with two arguing that a reduction in the autumn "
    "would protect jobs in manufacturing, which has shed workers for six consecutive months.",
    "Mortgage lenders said demand for new loans remained weak, and estate agents reported that asking prices "
    "in the largest cities had fallen for a third month in a row, the longest run since the last recession.",
    "Analysts said markets had fully expected the pause and that attention would now turn to the budget "
    "due in October, when the finance minister is expected to announce spending restraint.",
]


@pytest.fixture
def deduper():
    store = open_store(":memory:")
    yield Deduper(store.conn)
    store.close()


def test_normalise_folds_quotes_dashes_case_and_spacing() -> None:
    assert normalise("“Rates” — he said ‘no’…  ") == normalise('"rates" - He said \'no\'...')


def test_exact_copy_with_other_marks_is_exact(deduper: Deduper) -> None:
    text = "\n\n".join(WIRE)
    deduper.add(1, text)
    copy = text.replace(", the", " — the").replace("said", "said,")
    found = deduper.add(2, copy.upper())
    assert found.canonical_id == 1
    assert found.kind in ("exact", "near")


def test_edited_wire_copy_is_a_near_duplicate(deduper: Deduper) -> None:
    deduper.add(1, "\n\n".join(WIRE))
    edited = ["By Jane Doe, Associated Press", "Rates: bank makes biggest move in decades", *WIRE[:4],
              "ADVERTISEMENT", "Read more: our full coverage of the economy."]
    edited[3], edited[4] = edited[4], edited[3]
    found = deduper.add(2, "\n\n".join(edited))
    assert found.kind == "near" and found.canonical_id == 1
    assert found.similarity is not None and found.similarity >= 0.5


def test_same_topic_different_article_is_not_a_duplicate(deduper: Deduper) -> None:
    deduper.add(1, "\n\n".join(WIRE))
    found = deduper.add(2, "\n\n".join(OTHER))
    assert found.kind is None and found.canonical_id == 2
    assert resemblance(fingerprint("\n\n".join(WIRE)), fingerprint("\n\n".join(OTHER))) < 0.2


def test_representative_is_the_named_original_else_the_earliest(deduper: Deduper) -> None:
    text = "\n\n".join(WIRE)
    deduper.add(1, text + "\n\nThis story was originally published by Wire Service.", site_name="Local Daily",
                day=100.0)
    deduper.add(2, text, site_name="Wire Service", day=101.0)
    assert deduper.add(3, text + "\n\nADVERTISEMENT", site_name="Other Paper", day=99.0).canonical_id == 2
    other = "\n\n".join(OTHER)
    deduper.add(10, other, site_name="A", day=50.0)
    assert deduper.add(11, other + "\n\nSubscribe to our newsletter.", site_name="B", day=40.0).canonical_id == 11


def test_forgetting_the_representative_hands_the_group_on(deduper: Deduper) -> None:
    text = "\n\n".join(WIRE)
    deduper.add(1, text, day=1.0)
    deduper.add(2, text + "\n\nADVERTISEMENT", day=2.0)
    deduper.add(3, text + "\n\nRead more.", day=3.0)
    deduper.forget(1)
    rows = deduper.conn.execute("SELECT DISTINCT canonical_id FROM story_fingerprints").fetchall()
    assert [r[0] for r in rows] == [2]


def test_named_origin_reads_wire_credits() -> None:
    assert named_origin("LONDON (AP) — Prices rose.") == "associated press"
    assert named_origin("Text. This article was originally published by The Conversation.") == "conversation"
    assert named_origin("No credit here.") is None


def test_lsh_finds_the_copy_among_many_unrelated(deduper: Deduper) -> None:
    rng = random.Random(3)
    words = [w for p in WIRE + OTHER for w in p.split()]
    for i in range(200):
        deduper.add(100 + i, " ".join(rng.choices(words, k=150)))
    deduper.add(1, "\n\n".join(WIRE))
    assert deduper.add(2, "\n\n".join(WIRE[:4]) + "\n\nStory continues below advertisement").canonical_id == 1


def test_a_later_copy_bridging_two_groups_makes_them_one(deduper: Deduper) -> None:
    first_half, second_half = " ".join(WIRE[:2]), " ".join(WIRE[2:4])
    a = deduper.add(1, first_half, "a.example", 19000.25)
    b = deduper.add(2, second_half, "b.example", 19000.5)
    assert a.canonical_id == 1 and b.canonical_id == 2  # two trimmed copies share no text: two groups
    c = deduper.add(3, " ".join(WIRE[:4]), "c.example", 19001.0)  # the full copy contains both
    groups = {r[0] for r in deduper.conn.execute("SELECT canonical_id FROM story_fingerprints")}
    assert groups == {c.canonical_id} == {1}  # one group; the earliest represents it


def test_a_bare_date_is_not_earlier_than_a_timed_copy_of_that_day(deduper: Deduper) -> None:
    # A saved page dated only "2009-06-10" (day 14405.0) and a feed item of 16:56 that day (~14405.7):
    # the timed copy represents the group; a bare date of an earlier day still wins.
    text = "\n\n".join(WIRE)
    deduper.add(1, text + "\n\nADVERTISEMENT", day=14405.0)
    assert deduper.add(2, text, site_name="Global Voices", day=14405 + 16 / 24).canonical_id == 2
    other = "\n\n".join(OTHER)
    deduper.add(10, other, day=14405 + 16 / 24)
    assert deduper.add(11, other + "\n\nRead more.", day=14404.0).canonical_id == 11
