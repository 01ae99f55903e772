"""A city name several countries share: the article's countries choose, alike for entities,
events and GKG locations."""

from __future__ import annotations

from entity_helpers import annotate

from newsdesk.understand import countries
from newsdesk.understand.places import gazetteer


def test_events_and_entities_put_a_shared_city_name_in_one_country() -> None:
    # The gazetteer (events, GKG locations) and the entity annotator choose a namesake alike.
    gaz = gazetteer()
    for name, context in (("Cambridge", frozenset({"USA"})), ("Jaén", frozenset({"PER"})),
                          ("Tripoli", frozenset({"LBN"})), ("Paris", frozenset({"USA"}))):
        entity = countries.lookup(name, "GPE", context)
        assert entity is not None
        place = gaz.lookup(name, context=context)
        assert place is not None and place.country == entity.code
        hinted = gaz.lookup(name, entity.code)
        assert hinted is not None and hinted.country == entity.code


def test_a_capitals_name_in_another_countrys_story_is_that_countrys_city() -> None:
    text = ("Clashes in Tripoli left two dead, the Lebanese army said. Lebanon has seen unrest since May. "
            "In Beirut, the cabinet met.")
    assert [e.country for e in annotate(text).entities if e.text == "Tripoli"] == ["LBN"]
    libya = "Rebels entered Tripoli. Libya's government fled."
    assert [e.country for e in annotate(libya).entities if e.text == "Tripoli"] == ["LBY"]


def test_an_events_place_is_in_the_country_its_entity_has() -> None:
    # Real parses: the event coder geocodes "in Cambridge" / "in Jaén" where the annotator put them
    # (beside MIT and Massachusetts: USA; in a Peru story: Peru), not at the biggest namesake.
    from newsdesk.understand.events import EventCoder

    coder = EventCoder(embeddings=False)
    texts = {"Cambridge": "On March 13, Professor Chomsky met Michael Dranove for an interview in "
                          "his MIT office in Cambridge, Massachusetts.",
             "Jaén": "Indigenous protesters clashed with police in Bagua, Peru. In addition to the conflicts "
                     "in Bagua Grande, police arrested protesters in Jaén in the department of Cajamarca."}
    for name, text in texts.items():
        article = coder.code(annotate(text))
        entity = {e.country for e in article.entities if e.text == name}
        events = {ev["location"]["country"] for ev in article.events
                  if ev["location"] and ev["location"]["name"] == name}
        assert len(entity) == 1 and None not in entity, name
        assert events == entity, name
