"""A demonym is no spelling of its country's name (E33): by the skeleton rule "Jordanian" and
"Jordan" ('jrdn'), "Israeli" and "Israel" ('isrl'), the French "Jordanien" and "Jordan" or "Jordanie"
were one name, so the store filed a person-tagged "Jordanian" under a person called Jordan. The
transliteration variants the rule is for stay one name."""

from __future__ import annotations

import pytest

from newsdesk.understand.canonical import misspelt_surname, people_apart, same_name, spelt_alike

# (a country's name as a person's name, its people as written), English and French
# (the pairs the skeleton rule joins: a country called so may be a person's name)
DEMONYMS = [("Jordan", "Jordanian"), ("Israel", "Israeli"), ("Jordan", "The Jordanian"),
            ("Jordan", "Jordanien"), ("Jordanie", "Jordanien"), ("Kuwait", "Kuwaiti"), ("Bahrain", "Bahraini"),
            ("Pakistan", "Pakistani")]


@pytest.mark.parametrize(("country", "people"), DEMONYMS)
def test_a_demonym_is_not_a_spelling_of_its_countrys_name(country: str, people: str) -> None:
    assert spelt_alike(country, people)  # the skeleton alone joins them
    assert people_apart(country, people) and people_apart(people, country)
    assert not same_name(country, people)
    assert not same_name(people, country)


@pytest.mark.parametrize(("a", "b"), [("Araqchi", "Araghchi"), ("Gaddafi", "Qaddafi"),
                                      ("Kristin Wilkins", "Kristen Wilkins"),
                                      # a body named by its country or its people: one body
                                      ("Israel Defense Forces", "Israeli Defense Forces"),
                                      # the French name of a country English reads as its demonym
                                      ("Argentina", "Argentine")])
def test_true_variants_stay_one_name(a: str, b: str) -> None:
    assert not people_apart(a, b)
    assert same_name(a, b)


def test_two_peoples_or_a_people_and_another_country_are_not_apart() -> None:
    assert not people_apart("Jordanian", "Jordanians")
    assert not people_apart("Israeli", "Iran")
    assert not people_apart("Jordan", "Jordan")


def test_a_demonym_is_no_misspelt_surname_of_a_person_called_by_the_country() -> None:
    """"Jordanian" in an article naming Michael Jordan is not a slip for "Jordan"."""
    assert not misspelt_surname("jordan", "Jordanian")
    assert not misspelt_surname("israel", "Israeli")
    assert misspelt_surname("maurer", "Mauer")  # a slip still is
