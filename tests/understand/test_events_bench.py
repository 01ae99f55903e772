"""The event benchmark's cross-validation folds: near-duplicates and countries stay on one side."""

from __future__ import annotations

from newsdesk.bench.events import country_groups, near_duplicate_groups


def test_near_duplicate_rewrites_share_a_group() -> None:
    texts = ["Australia lent $1 billion to Indonesia to aid the country's COVID-19 recovery.",
             "Australia has agreed to lend $1 billion to Indonesia to aid the country's COVID-19 recovery.",
             "Police arrested dozens of protesters in Nairobi on Monday."]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] != groups[2]


def test_country_groups_follow_the_first_country_named() -> None:
    from newsdesk.understand.nlp import parse_many

    docs = parse_many(["Iraqi troops attacked Mosul.", "Iraq's parliament met on Monday.",
                       "Police arrested dozens of protesters."])
    groups = country_groups(docs, [0, 1, 2])
    assert groups[0] == groups[1] == "IRQ" and groups[2] == "dup2"


def test_main_verb_groups_put_one_predicate_on_one_side() -> None:
    from newsdesk.bench.events import root_verb_groups
    from newsdesk.understand.nlp import parse_many

    docs = parse_many(["Japan eased sanctions on North Korea.", "The US eased some sanctions against Burma.",
                       "Police arrested dozens of protesters."])
    groups = root_verb_groups(docs)
    assert groups[0] == groups[1] == "ease" and groups[2] == "arrest"


def test_word_clusters_keep_one_wording_together() -> None:
    from newsdesk.bench.events import word_cluster_groups

    texts = [f"The government of {c} expressed condolences over the earthquake victims." for c in
             ("Chile", "Peru", "Cuba", "Iran")] + [f"Troops in {c} shelled rebel positions near the border town."
                                                   for c in ("Chad", "Mali", "Niger", "Sudan")]
    groups = word_cluster_groups(texts, k=2)
    assert len(set(groups[:4])) == 1 and len(set(groups[4:])) == 1 and groups[0] != groups[4]
