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
