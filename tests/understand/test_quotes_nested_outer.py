"""A nested attribution that is the speaker's next statement, not part of the first one: the outer
content stops before it (`quotes._cut_at_coordinated`), over real spaCy parses and the shipped weights.
PolNeAR lets a token play one role in one attribution, so "announced that X and vowed Y" is two
attributions side by side there, each with its own content."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

from newsdesk.records import Quote
from newsdesk.understand import quotes


@pytest.fixture(autouse=True)
def cut_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes, "CUT_COORDINATED", True)  # raises on code without the rule


# `gate_04` (conftest): the second conjunct's statement is a right quote whose P(attribution) x
# P(speaker) lies between 0.4 and 0.5 (0.48, 0.49), under the shipped gate; these tests check where its
# content starts and stops, so they read it at 0.4.


def by_cue(found_quotes: tuple[Quote, ...], cue: str) -> Quote:
    found = [q for q in found_quotes if q.cue == cue]
    assert len(found) == 1, found_quotes
    return found[0]


def test_a_conjunct_with_the_outer_cues_form_is_a_second_statement(gate_04: None) -> None:
    qs = annotate("The senator announced on Monday that he was undergoing therapy and vowed to focus on "
                  "being a better father.").quotes
    announced, vowed = by_cue(qs, "announced"), by_cue(qs, "vowed")
    assert announced.text == "that he was undergoing therapy", qs
    assert vowed.text == "to focus on being a better father", qs
    assert announced.speaker == vowed.speaker == "The senator"
    assert announced.end <= vowed.start


def test_a_second_reporting_verb_after_told_gets_its_own_content(gate_04: None) -> None:
    qs = annotate("Clinton told CNN that Trump is a faker and questioned how he has gotten away with not "
                  "releasing his tax returns.").quotes
    assert by_cue(qs, "told").text == "that Trump is a faker", qs
    assert by_cue(qs, "questioned").text == "how he has gotten away with not releasing his tax returns"


def test_a_participle_clause_is_cut_off_its_parent(gate_04: None) -> None:
    qs = annotate("Trump told reporters that the wall would keep people from coming into the country "
                  "illegally, saying it is all about management.").quotes
    assert by_cue(qs, "told").text == "that the wall would keep people from coming into the country illegally", qs
    assert by_cue(qs, "saying").text == "it is all about management"


def test_a_conjunct_of_the_reported_verb_stays_in_the_report() -> None:
    # Merrill reports both what Machado promised and what she said: "said" has the reported verb's
    # form, not "says"'s, so the outer content keeps it.
    qs = annotate("Merrill says Machado promised to continue supporting Clinton and said she would stand up "
                  "to the attacks.").quotes
    says = by_cue(qs, "says")
    assert says.speaker == "Merrill" and says.text.endswith("and said she would stand up to the attacks"), qs


def test_a_clause_that_sets_the_scene_stays_in_the_content() -> None:
    qs = annotate("The mayor said the city had made a mistake when a local pediatrician reported high lead "
                  "levels in children.").quotes
    assert by_cue(qs, "said").text.endswith("when a local pediatrician reported high lead levels in children"), qs


def test_a_child_the_gate_drops_leaves_its_words_to_the_parent() -> None:
    # "citing" is not reported on its own here (the filter and the speaker gate drop it), so the
    # analysts' content keeps it rather than lose it.
    qs = annotate("Analysts said geopolitical factors have contributed to Burma's appeal, citing the strategic "
                  "importance of a nation that borders China.").quotes
    assert [q.cue for q in qs] == ["said"], qs
    assert qs[0].text.endswith("citing the strategic importance of a nation that borders China")
