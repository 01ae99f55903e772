"""A surname the model reads as a town is the person the article names; a country or a common
noun the model reads as a person is none."""

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


def test_a_country_read_as_a_person_is_the_country() -> None:
    # Wikinews, World Cup 2018: "Tunisia's goalkeeper Mouez Hassen" tags "Tunisia" PERSON.
    text = ("Four minutes later, Tunisia's goalkeeper Mouez Hassen was substituted off due to injury and "
            "replaced by Farouk Ben Mustapha. Tunisia won a penalty kick in the 33rd minute.")
    tunisia = [(e.type, e.country) for e in annotate(text).entities if e.text == "Tunisia"]
    assert tunisia and all(t == ("GPE", "TUN") for t in tunisia)
    # Global Voices: "for President Obama to come to Rabat" tags the capital PERSON
    rabat = ("Barack Obama chose Cairo. Some Moroccan-Americans lobbied for President Obama to come to Rabat. "
             "A website, President Obama to Speak in Morocco, was even set up for that purpose.")
    assert [(e.type, e.country) for e in annotate(rabat).entities if e.text == "Rabat"] == [("GPE", "MAR")]


def test_a_lone_surname_is_no_foreign_town() -> None:
    # A Chomsky interview that never gives Obama's first name: Obama is also a town in Japan.
    text = ("And the claim was that it had to do with Iranian missiles, but forget about that. Take say on "
            "Obama, Obama’s national security advisor James Jones is on record of favoring expansion of NATO "
            "to the south and the east. The U.S. and Russia disagree.")
    ents = annotate(text).entities
    assert all(e.country != "JPN" for e in ents)


def test_a_word_the_article_writes_in_lower_case_is_no_person() -> None:
    # Wikinews on a homeopathy trial: the model tags the paragraph's first word PERSON.
    text = ("The parents came from India, where homeopathy is in common use.\n\nHomeopathy is a form of "
            "alternative medicine which treats patients with massively diluted substances.")
    assert "Homeopathy" not in _people(text)
    # a surname of a person named in full stays, whatever the article writes in lower case
    assert "Savage" in _people("Dan Savage answered the savage criticism. Savage is an advice columnist.")


def _people(text: str) -> set[str]:
    return {e.text for e in annotate(text).entities if e.type == "PERSON"}
