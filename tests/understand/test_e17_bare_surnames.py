"""A bare surname the tagger read as something else, or left out, is the person the article names in
full (E17): real spaCy parses, the whole annotate path (entities, canonical names, quote speakers)."""

from __future__ import annotations

from entity_helpers import annotate, speaker_of

SCOTT = "Bobby Scott has represented Virginia's 3rd district since 1993. "


def _mentions(text: str, word: str) -> list[tuple[str, str | None]]:
    """(type, canonical name) of each entity mention written `word`, in text order."""
    return [(e.type, e.canonical) for e in annotate(text).entities if e.text == word]


def test_a_surname_read_as_an_organisation_is_the_person() -> None:
    # PolNeAR dev (Washington Post): the small model reads every bare "Scott" of this sentence an ORG
    text = SCOTT + "Scott said he expects to win the seat. Scott's persona is that of a professor."
    assert _mentions(text, "Scott") == [("PERSON", "Bobby Scott")] * 2
    assert speaker_of(text, "expects to win") == "Bobby Scott"


def test_a_he_after_the_surname_is_that_person() -> None:
    # G1's case: with "Scott" an organisation, the "he" went to the other person named before
    text = ("Bobby Scott met Tim Kaine in Richmond on Monday. Kaine praised the plan. "
            "Scott said the seat was winnable. “We will win in November,” he said.")
    assert speaker_of(text, "We will win") == "Bobby Scott"


def test_a_surname_the_tagger_swallowed_into_a_date_is_the_person() -> None:
    # "Last week Stumpf" is one DATE to the small model, so the surname was in no mention
    text = ("John Stumpf, the chief executive of Wells Fargo, faced senators on Tuesday. "
            "Last week Stumpf in a televised interview appeared to blame employees.")
    assert _mentions(text, "Stumpf") == [("PERSON", "John Stumpf")]


def test_a_company_named_after_the_person_stays_a_company() -> None:
    text = ("Henry Ford founded the Ford Motor Company in 1903. "
            "Ford announced record profits on Tuesday, and Ford shares rose.")
    assert ("PERSON", "Henry Ford") not in _mentions(text, "Ford")


def test_a_street_named_after_the_person_stays_a_street() -> None:
    text = "Don Fowler spoke at a rally on Monday. The crowd gathered on Fowler Street before noon."
    assert [e.type for e in annotate(text).entities if "Fowler" in e.text] == ["PERSON", "FAC"]


def test_the_campaign_named_for_a_person_is_not_the_person_speaking() -> None:
    # the surname only modifies "campaign": the campaign speaks, not Donald Trump
    text = ("Donald Trump spoke in Ohio on Monday. "
            "“It was a great night,” the Trump campaign said in a statement.")
    assert speaker_of(text, "great night") != "Donald Trump"
    assert ("PERSON", "Donald Trump") not in _mentions(text, "Trump")


def test_a_relatives_name_the_tagger_missed_is_not_the_person() -> None:
    # the old rule filed the last word of a name the tagger missed under the full name it knew
    text = ("Donald Trump spoke in Ohio on Monday. "
            "Ivanka Trump, the Republican nominee's daughter, has credited the plan.")
    assert _mentions(text, "Trump") == []
    text = "Charlotte Meehan teaches in Rhode Island. My parents, James and Olive Meehan, were teachers too."
    assert _mentions(text, "Meehan") == []
