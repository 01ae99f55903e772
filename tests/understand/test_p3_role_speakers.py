"""A definite role noun speaker ("the minister", "the senator", "the fund") names the one person or
organisation the article gave that role or name before it, and keeps the phrase when none or more
than one fits; an organisation's own page says "we" for the organisation (P3): real spaCy parses."""

from __future__ import annotations

from entity_helpers import annotate, speaker_of

SAID = "the plan was a disgrace"


def test_the_minister_is_the_person_given_that_role_with_the_role_kept() -> None:
    text = ("Iran's foreign minister Abbas Araqchi arrived in Geneva on Monday for talks with European envoys. "
            "The talks would be hard, the minister said.")
    q = next(q for q in annotate(text).quotes if "would be hard" in q.text)
    assert (q.speaker, q.speaker_role) == ("Abbas Araqchi", "Iran's foreign minister")


def test_an_abbreviated_title_is_the_role() -> None:
    text = f"Vermont Sen. Bernie Sanders spoke in Ohio on Monday. The Vermont senator said {SAID}."
    assert speaker_of(text, SAID) == "Bernie Sanders"


def test_a_modifier_the_role_does_not_have_is_someone_else() -> None:
    text = f"Vermont Sen. Bernie Sanders spoke in Ohio on Monday. The Florida senator said {SAID}."
    assert speaker_of(text, SAID) == "The Florida senator"


def test_of_two_presidents_the_one_whose_role_says_no_more_than_the_phrase() -> None:
    text = ("President Barack Obama played golf with World Bank President Jim Yong Kim on Saturday. "
            f"The president said {SAID}.")
    assert speaker_of(text, SAID) == "Barack Obama"


def test_two_people_of_that_role_leave_the_phrase() -> None:
    text = f"Vermont senator Bernie Sanders met Texas senator Ted Cruz on Monday. The senator said {SAID}."
    assert speaker_of(text, SAID) == "The senator"


def test_a_vice_president_is_not_the_president() -> None:
    text = "Vice President Joe Biden spoke in Ohio on Monday. The talks went well, the president said."
    assert speaker_of(text, "talks went well") == "the president"


def test_a_name_inside_quotation_marks_is_not_whom_the_phrase_means() -> None:
    text = ("“Foreign Minister Abbas Araqchi has misled the envoys,” Smith wrote on Monday in a letter to them. "
            "The talks would be hard, the minister said.")
    assert speaker_of(text, "would be hard") == "the minister"


def test_the_fund_is_the_one_organisation_named_with_that_noun() -> None:
    article = annotate("The International Monetary Fund cut its forecast on Tuesday. The fund said growth "
                       "would slow next year.")
    fund = next(e for e in article.entities if e.text == "International Monetary Fund")
    assert next(q.speaker for q in article.quotes if "growth" in q.text) == fund.canonical


def test_two_organisations_with_that_noun_leave_the_phrase() -> None:
    text = ("The International Monetary Fund met the World Wildlife Fund on Tuesday. The fund said growth "
            "would slow next year.")
    assert speaker_of(text, "growth") == "The fund"


FISH = ("We are aware of a large number of dead fish which washed ashore on Marazion beach, Cornwall, on "
        "17 December.\n\nWe have discussed the issue with the Marine Conservation Society and are looking "
        "into the cause.")


def _we_speaker(**fields: object) -> str | None:
    quotes = annotate(FISH, **fields).quotes
    return next(q.speaker for q in quotes if "Marine Conservation Society" in q.text)


def test_we_on_an_organisations_own_page_is_the_organisation() -> None:
    assert _we_speaker(authors=("Marine Management Organisation",)) == "Marine Management Organisation"


def test_we_on_a_persons_page_or_a_page_without_byline_stays() -> None:
    assert _we_speaker(authors=("Oiwan Lam",)) == "We"
    assert _we_speaker() == "We"


def test_we_on_an_organisations_page_is_the_person_its_title_gives_the_words_to() -> None:
    said = _we_speaker(authors=("Department of Energy & Climate Change",),
                       title="Andrea Leadsom's speech at Women in Nuclear UK Conference")
    assert said == "Andrea Leadsom"


def test_an_organisation_named_only_far_back_is_not_the_noun() -> None:
    filler = "\n\n".join(f"Voters in district {n} waited for hours in the rain on Tuesday." for n in range(30))
    text = (f"RT America is a Russian channel. You can watch it on Dish Network.\n\n{filler}\n\n"
            "The network said it would send a reporter to Crimea next week.")
    assert speaker_of(text, "send a reporter") == "The network"
