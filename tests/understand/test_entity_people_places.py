"""A surname the model reads as a town is the person the article names."""

from __future__ import annotations

from entity_helpers import annotate

# An interview transcript (Global Research, 2009): the model tags the second "Obama" a GPE,
# and Obama is also a town in Japan.
TEXT = ("President Barack Obama has reviewed the missile shield. Take say on Obama, Obama’s national "
        "security advisor James Jones former Marine commandant is on record of favoring expansion of NATO.")


def test_a_persons_surname_is_not_a_foreign_town() -> None:
    ents = annotate(TEXT).entities
    obama = [e for e in ents if e.text == "Obama"]
    assert obama and all(e.type == "PERSON" for e in obama)
    assert all(e.country != "JPN" for e in ents)


def test_a_place_named_like_a_person_stays_a_place() -> None:
    # London is a capital; Houston a city of the country the article's other places name
    text = "Jack London was born in London. Kenneth Houston lives in Houston, Texas."
    places = {e.text: (e.type, e.country) for e in annotate(text).entities}
    assert places["London"] == ("GPE", "GBR")
    assert places["Houston"] == ("GPE", "USA")


def test_a_one_word_person_does_not_overrule_a_place() -> None:
    # Global Voices on the Bagua clashes: the model tags the hashtag #Bagua a PERSON.
    text = ("Police and Awajún protesters clashed near Bagua, in northern Peru. Twitterers are providing "
            "their own opinions about the situation using the hashtag #Bagua:\n\nJonathan Sanchez "
            "@Maskus:\n\nPizango no quiere responder por los policias muertos.\n\n"
            "Reports from Bagua describe dozens of dead.")
    types = [e.type for e in annotate(text).entities if e.text == "Bagua"]
    assert types.count("GPE") >= 2
