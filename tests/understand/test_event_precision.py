"""What the coder codes as fighting and between whom (V1): a fight code needs a word that names
force, and an event needs an actor its own sentence names, not the article's most-named country."""

from __future__ import annotations

import pytest
from events_helpers import in_sentence

from newsdesk.records import Article
from newsdesk.understand import cameo
from newsdesk.understand.events import EventCoder
from newsdesk.understand.nlp import parse

FIGHT = ("18", "19", "20")  # assault, fight, mass violence


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def test_fear_is_not_fighting(coder: EventCoder) -> None:
    # Nothing in the last paragraph is force: it was coded 190 (fight) by the villagers on Poland,
    # the country the paragraph before names most.
    text = ("Ukraine asked Poland for more air defence. Ukraine and Poland signed a grain deal in Warsaw.\n\n"
            "The villagers are tired and fear the coming winter.")
    assert not [e for e in in_sentence(coder, text, "The villagers") if e["root"] in FIGHT]
    assert in_sentence(coder, text, "Ukraine and Poland")  # the named parties are still coded


def test_an_inferred_side_is_a_country_of_the_same_paragraph(coder: EventCoder) -> None:
    # "Israeli officials" had Ukraine as their target, taken from the paragraph before. (V2: a
    # coded verb, since "said the visitors were not welcome" is a class default, no event now.)
    text = ("Ukraine asked Poland for more air defence. Ukraine thanked Poland for its help.\n\n"
            "Israeli officials criticised the visitors.")
    events = in_sentence(coder, text, "Israeli officials")
    assert events and all(e["source"]["country"] == "ISR" for e in events)
    assert all(e["target"]["country"] in (None, "ISR") for e in events), events


def test_a_sentence_with_no_subject_nor_actor_has_no_event(coder: EventCoder) -> None:
    # "Yeah." was coded (010) by nobody on the article's most-named country.
    text = "Ukraine asked Poland for more air defence.\n\nYeah.\n\nPoland said it would help."
    assert in_sentence(coder, text, "Yeah") == []


def test_a_rise_is_not_a_shooting(coder: EventCoder) -> None:
    text = "Obesity among British adults has shot up by a fifth since 2010."
    assert not [e for e in in_sentence(coder, text, "Obesity") if e["root"] in FIGHT]


def test_force_is_still_fighting(coder: EventCoder) -> None:
    events = in_sentence(coder, "Russian troops shelled the Ukrainian city of Kharkiv on Monday.", "Russian")
    assert events and events[0]["root"] in FIGHT and events[0]["source"]["code"] == "RUSMIL"


def test_every_fight_event_has_a_word_of_force_and_a_named_actor(coder: EventCoder) -> None:
    text = ("The British government will continue to work with Canada on trade. "
            "French ministers have engaged the public in ways nobody imagined. "
            "German exports to China have fallen by a third this year. "
            "Spanish regions have driven closer collaboration with Portuguese hospitals. "
            "Israeli jets struck a weapons depot in Syria, killing four fighters.")
    article = coder.code(Article(text=text, language="en"))
    fights = [e for e in article.events if e["root"] in FIGHT]
    assert [e["sentence"][:7] for e in fights] == ["Israeli"] * len(fights) and fights


def test_no_side_is_filled_from_another_paragraph(coder: EventCoder) -> None:
    # Both sides were filled with the countries the article names most, from other paragraphs.
    text = ("Ukraine asked Poland for more air defence. Ukraine thanked Poland for its help.\n\n"
            "Pictures of the scene showed broken windows and scattered debris.")
    events = in_sentence(coder, text, "Pictures")
    assert not [e for e in events if e["source"]["code"] or e["target"]["code"]], events


def test_is_violent_reads_the_particle() -> None:
    doc = parse("Prices shot up last year. Gunmen shot two guards. Officials hit back at critics.")
    assert [cameo.is_violent(t) for t in doc if t.lower_ in ("shot", "hit")] == [False, True, False]


def test_a_news_agency_is_not_a_country() -> None:
    # The actor dictionary files news media under MED, a sector: it was read as a country, a side
    # of events and the country an actor-less side was filled with.
    from newsdesk.understand.actors import actor_for

    doc = parse("Reuters reported the vote on Monday.")
    actor = actor_for(doc[0])
    assert actor is not None and actor.code == "MED" and actor.country is None
