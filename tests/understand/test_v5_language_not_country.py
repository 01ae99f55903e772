"""A language a person teaches or studies is not their country (V5): the entity stage gave Kevin Allton,
"a USI instructor in English" at an Indiana university, the country GBR, and the event coder coded
"Allton said ..." as a statement of GBR. Our own sentences."""

from __future__ import annotations

from entity_helpers import annotate


def test_a_language_taught_is_not_a_persons_country() -> None:
    text = ("For Kevin Allton, a USI instructor in English, Warhol was also a legend. Allton said he had only "
            "seen the installation in film. Jane Doyle, a British curator, said the exhibit was magical.")
    people = [(e.text, e.country) for e in annotate(text).entities if e.type == "PERSON"]
    allton = {country for name, country in people if "Allton" in name}
    assert allton == {None}, people  # {"GBR"} on HEAD, the later "Allton" too
    assert ("Jane Doyle", "GBR") in people  # the control: a nationality


def test_the_last_of_a_list_of_languages_is_not_a_persons_country() -> None:
    # "in Arabic and French": "Arabic" was read as a language, "French" (after "and") as a nationality
    # (review RV1: Hassan was FRA)
    text = ("Omar Hassan, a translator in Arabic and French for the UN, said the talks had failed. "
            "Ahmed Ali, a dual British and French citizen, said he would stay.")
    people = dict((e.text, e.country) for e in annotate(text).entities if e.type == "PERSON")
    assert people.get("Omar Hassan", "missing") is None, people
    assert people.get("Ahmed Ali") == "GBR", people  # the control: nationalities before a noun
