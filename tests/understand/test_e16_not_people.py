"""Names the small model tags PERSON that are no person, read from how the text uses them: a place
glued after a person's name ("the Obama Cairo speech"), a site or a tool ("on Twitter", "used with
Firefox", "Chrome" beside "Google Chrome"); and the people named like them that stay people (real
spaCy, the real annotator)."""

from __future__ import annotations

from entity_helpers import entity_types, quotes_of


def test_a_place_glued_after_a_persons_name_is_split_off() -> None:
    found = entity_types("Barack Obama spoke in Egypt. Many things have been said about the Obama Cairo speech."
                   "\n\nOn the whole Obama has carefully chosen his words.")
    assert "Obama Cairo" not in found, found
    assert found["Obama"] == {"PERSON"} and found["Cairo"] == {"GPE"}


def test_a_site_people_are_on_is_an_organisation() -> None:
    found = entity_types("Activists put together a Twitter account. Activists are also using Twitter as a tool. "
                   "Supporters can be found on Twitter.")
    assert "PERSON" not in found["Twitter"], found


def test_a_program_used_with_is_a_product() -> None:
    found = entity_types("The extension has no effect when used with Firefox. It is also ineffective within Firefox.")
    assert found["Firefox"] == {"PRODUCT"}, found


def test_the_last_word_of_a_products_name_is_that_product() -> None:
    found = entity_types("Google Chrome is gaining on its rivals. Safari is nearly tied with Chrome.")
    assert found["Chrome"] == found["Google Chrome"] and "PERSON" not in found["Chrome"], found


def test_a_given_name_before_a_city_stays_a_person() -> None:
    found = entity_types("Jack London wrote novels. London was born in San Francisco. Jack sailed often.")
    assert found["Jack London"] == {"PERSON"}, found


def test_a_speaker_on_twitter_stays_the_speaker() -> None:
    text = "Barack Obama said on Twitter that he would visit. Obama said on Twitter that the talks went well."
    found = entity_types(text)
    assert found["Barack Obama"] == {"PERSON"} and "PERSON" not in found["Twitter"], found
    assert {q["speaker"] for q in quotes_of(text)} == {"Barack Obama"}


def test_a_one_word_person_before_a_country_is_no_reason_to_split() -> None:
    # "Dalit" (a caste the model reads as a person) is no name the article gives a person in full,
    # so "Dalit India" (a website) is not cut into a "person" Dalit and the country India
    found = entity_types("The Dalit community is fairly active on the internet. Dalit India has papers on "
                   "various specific issues. Dalit voices are heard.")
    assert "Dalit India" in found and "India" not in found, found
