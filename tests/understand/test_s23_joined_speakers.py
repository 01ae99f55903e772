"""A speaker head that does not write whom it means, joined by "and" to others ("She and her aides
said"), names them all; a they inside a relative clause with its own "who" subject may mean the noun
the clause is on (S23, session 20): real spaCy parses."""

from __future__ import annotations

from entity_helpers import speaker_of

from newsdesk.understand import pronouns, speaker_naming


def test_she_and_her_aides_are_both_the_speaker() -> None:
    text = ("Maria Lopez, the city's housing director, spent the morning at the shelter. "
            "She and her aides said the new beds would be ready by winter.")
    assert speaker_of(text, "new beds") == "Maria Lopez and her aides"


def test_he_and_his_staff_are_both_the_speaker() -> None:
    text = "Tom Baker ran the county for a decade. He and his staff insisted that the budget was balanced."
    assert speaker_of(text, "budget was balanced") == "Tom Baker and his staff"


def test_a_role_noun_joined_to_others_names_them_too() -> None:
    text = ("Senator Paul Hartley toured the plant on Friday. The senator and his allies argued that the tax "
            "credit had saved hundreds of jobs.")
    assert speaker_of(text, "tax credit") == "Paul Hartley and his allies"


def test_a_lone_pronoun_is_still_its_antecedent_alone() -> None:
    text = "Tom Baker ran the county for a decade. He insisted that the budget was balanced."
    assert speaker_of(text, "budget was balanced") == "Tom Baker"


def test_joined_names_as_written_are_left_as_before() -> None:
    # the head writes its name: the speaker is what it was (the co-speakers are a separate question)
    text = "Tom Baker and Ann Reyes insisted on Monday that the budget was balanced."
    assert speaker_of(text, "budget was balanced") == "Tom Baker"


def test_the_switch_restores_the_antecedent_alone(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(speaker_naming, "JOINED_RESOLVED", False)
    text = "Tom Baker ran the county for a decade. He and his staff insisted that the budget was balanced."
    assert speaker_of(text, "budget was balanced") == "Tom Baker"


def test_they_in_a_clause_on_its_noun_with_its_own_who() -> None:
    text = ("A quieter campaign may be the wiser course, say some Democrats, who cringe as they recall "
            "the angry speeches of last winter.")
    assert speaker_of(text, "angry speeches") == "Democrats"


def test_they_as_the_subject_of_the_clause_on_the_noun_still_is_not_it() -> None:
    # "the very people they refuse to name": the clause's subject is "they" itself
    text = ("The mayor met the very people they refuse to name. The rules are unfair and should be changed at "
            "once, they said.")
    assert speaker_of(text, "rules are unfair") != "people"


def test_relative_switch_off_leaves_they_as_written(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pronouns, "RELATIVE_SUBJECTS", False)
    text = ("A quieter campaign may be the wiser course, say some Democrats, who cringe as they recall "
            "the angry speeches of last winter.")
    assert speaker_of(text, "angry speeches") == "they"
