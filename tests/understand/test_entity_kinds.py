"""What a name is and what a role is: a thing the text describes as one is no person; a label,
a credit, a count or another person's name is no role (real parses, E8's sample store)."""

from __future__ import annotations

from entity_helpers import annotate


def _people(text: str) -> dict[str, str | None]:
    return {e.text: e.role for e in annotate(text).entities if e.type == "PERSON"}


def test_a_photo_credit_is_no_role() -> None:
    # Wikinews on self-medicating ants: captions end in "Image: <photographer>."
    people = _people("Formica fusca, from file. Image: Mathias Krumbholz.\n\nNick Bos, of the University "
                     "of Helsinki, studies ants. Beauveria bassiana on a cicada. Image: Danny Newman.")
    assert "Mathias Krumbholz" in people and "Danny Newman" in people
    assert people["Mathias Krumbholz"] is None and people["Danny Newman"] is None


def test_another_persons_name_is_no_role() -> None:
    # The Obama White House's list of accounts.
    people = _people("President Obama, Vice President Biden, First Lady Michelle Obama, and Dr. Biden will "
                     "use new accounts.")
    assert "Biden" not in (people.get("Michelle Obama") or "")


def test_a_credit_or_a_count_is_no_role() -> None:
    # Wikinews interview with the 'Mets Poet'; a Global Voices list of caste communities.
    assert _people("The poem ends there. (copyright Frank Messina; reprinted with permission)")["Frank Messina"] is None
    assert _people("The site lists Gaur Brahmin, 2055 members, and others.").get("Gaur Brahmin") is None
    # a year is no count
    roemer = _people("Santorum met fellow 2012 presidential candidate Buddy Roemer on Monday.")["Buddy Roemer"]
    assert roemer and "candidate" in roemer
    assert _people("His father, Mohamed El-Hassan Mohamed, said the boy was arrested.")[
        "Mohamed El-Hassan Mohamed"] == "His father"


def test_a_credit_label_is_not_part_of_the_name_before_it() -> None:
    # Wikinews on Ahmed Mohamed's clock: a caption names him, then its credit.
    text = "US President Barack Obama tweet to student Ahmed Mohamed Image: Twitter / Barack Obama."
    people = [e.text for e in annotate(text).entities if e.type == "PERSON"]
    assert "Ahmed Mohamed" in people and not [p for p in people if p.endswith("Image")]


def test_a_name_described_as_a_group_is_an_organisation() -> None:
    # Wikinews, Hong Kong Legislative Council election: the model tags the party PERSON.
    text = ("Localist group Civic Passion's Wong Yeung-tat was defeated in this district. Other candidates "
            "elected were localist camp's Cheng Chung-tai of Civic Passion and Kwok Ka-ki of Civic Party.")
    types = {e.type for e in annotate(text).entities if e.text == "Civic Passion"}
    assert types and "PERSON" not in types


def test_a_person_named_beside_a_website_stays_a_person() -> None:
    # Global Voices: a website named after Obama's visit, in an article about Barack Obama.
    text = ("Barack Obama chose Cairo. Some Moroccan-Americans lobbied for President Obama to come to Rabat. "
            "A website, President Obama to Speak in Morocco, was even set up for that purpose.")
    ents = annotate(text).entities
    assert all(e.type == "PERSON" for e in ents if e.text == "Obama")
    assert all(e.role != "website" for e in ents)
