"""What `newsdesk analyze` read wrong in the events stage, session 21 (V5): a game's result coded as
a fight between the teams' states, a place's name inside a person's name read as that place's
country, a sentence spanning a blank line coded with its actor in one paragraph and its target in
the other, and the English clause of a sentence mostly in another script not read at all.
Every sentence here is our own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from events_helpers import in_sentence, stored_in_sentence

from newsdesk.records import Article
from newsdesk.understand.events import EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def _triples(events: list[dict]) -> list[tuple]:
    return [(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in events]


def test_a_game_result_is_no_event_between_states(coder: EventCoder) -> None:
    assert in_sentence(coder, "Brazil beat Germany 2-1 in Rio on Sunday.", "Brazil") == []
    assert in_sentence(coder, "France defeated Argentina in the final on Sunday, winning on penalties.", "France") == []
    # what else the sentence reports stays: the clash, not the result
    coded = in_sentence(coder, "Police clashed with fans after Brazil beat Germany 2-1 in Rio.", "Police")
    assert coded and all(e["trigger"] != "beat" for e in coded), _triples(coded)
    # the controls: the same verb with no game is force
    assert ("COP", "190", "OPP") in _triples(in_sentence(coder, "Police beat protesters in Cairo on Friday.", "Police"))


def test_a_place_in_a_persons_name_is_not_the_persons_country(coder: EventCoder) -> None:
    for text in ("Valeska Paris accused the church of holding her against her will.",
                 "Jordan Henderson criticised the referee.",
                 "Georgia Fowler accused the agency of lying."):
        coded = in_sentence(coder, text, text[:6])
        countries = {c for e in coded for c in (e["source"]["country"], e["target"]["country"])}
        assert coded and not countries - {None}, (text, _triples(coded))  # no event would pass unseen
    # the controls: a capital standing for its state, a country before a title, a leader's name
    assert _triples(in_sentence(coder, "Paris condemned the attack on its embassy.", "Paris"))[0][0] == "FRAGOV"
    coded = in_sentence(coder, "Iran Foreign Minister Abbas Araghchi criticised Israel on Monday.", "Iran")
    assert ("IRNGOV", "111", "ISR") in _triples(coded)
    coded = in_sentence(coder, "Israeli Prime Minister Benjamin Netanyahu criticised Iran on Monday.", "Israeli")
    assert ("ISRGOV", "111", "IRN") in _triples(coded)


@pytest.mark.parametrize("text", ["Iranian diplomats met\n\nAmerican officials in Oman on Saturday.",
                                  "Russia accused\n\nUkraine of shelling the plant on Monday."])
def test_an_event_stays_in_its_paragraph(coder: EventCoder, text: str) -> None:
    events = coder.code(Article(text=text, language="en")).events
    assert events
    for e in events:
        assert not re.search(r"\n\s*\n", e["sentence"]), e["sentence"]
        for side in ("source", "target"):
            name = e[side]["text"]
            if name and not e.get(f"{side}_inferred"):
                assert name in e["sentence"], (side, name, e["sentence"])


def test_the_english_clause_of_a_sentence_in_another_script_is_read(coder: EventCoder) -> None:
    # V4's paragraph (test_v4_event_precision): English, with one sentence mostly in Arabic
    text = ("The speech in Cairo was long and the crowd in the square was large. Many readers commented on the "
            "blog in Arabic and in English, and most of them praised the speech for its tone. Some of them "
            "compared the president to the leaders of the past decades. في سلام عادل ؟ الخطاب ده فكرني بالسادات الله يرحمه فعلا كان رجل له "
            "رؤية ونظرة للمستقبل Egyptian President Anwar Sadat said it in 1977. The bloggers were not convinced by the promises made in the speech.")
    coded = in_sentence(coder, text, "Egyptian President")
    assert coded and {e["source"]["code"] for e in coded} == {"EGYGOV"}, _triples(coded)
    assert all(e["source"]["text"] == "Egyptian President Anwar Sadat" for e in coded)
    # the other script's words are still no event of their own
    assert not [e for e in coder.code(Article(text=text, language="en")).events if "في" in e["sentence"]]



@pytest.mark.parametrize(("text", "trigger"), [
    # a range of days or of a count is no score (review RV1: both were dropped as game results)
    ("Security forces crushed the protests in Tehran on 12-13 June, killing dozens.", "crushed"),
    ("Russia beat back a Ukrainian attack near Bakhmut, killing 10-15 soldiers, the ministry said.", "beat"),
    # a word of sport near a verb of force whose object is no team and no game
    ("Turkish police beat Kurdish protesters in Diyarbakir after the match.", "beat"),
    ("The army ousted President Mohamed Morsi after mass protests, in what the Brotherhood called a game of power.",
     "ousted"),
])
def test_an_act_near_a_number_range_or_a_word_of_sport_is_no_game_result(coder: EventCoder, text: str,
                                                                        trigger: str) -> None:
    coded = in_sentence(coder, text, text[:8])
    assert any(e["trigger"] == trigger for e in coded), _triples(coded)


def test_a_result_against_a_player_or_a_team_is_still_a_game_result(coder: EventCoder) -> None:
    assert in_sentence(coder, "Serbia's Novak Djokovic beat Spain's Rafael Nadal 6-4 6-3 in the final.", "Serbia") == []
    assert in_sentence(coder, "Spain beat them 3-0 in Madrid on Saturday.", "Spain") == []
    # a score that ends the sentence or a clause ("2-1." "2-1,") is a score (review RV1: BRA 190 DEU)
    for text in ("Police arrested 20 fans after Brazil beat Germany 2-1.",
                 "Brazil beat Germany 2-1, and Argentina beat Chile 3-0."):
        assert all(e["trigger"] != "beat" for e in in_sentence(coder, text, text[:5])), text
    # Wikinews's World Cup story (GUM_news_soccer): a prize, a kick and a side named by a common noun
    for text in ("Tunisia won a penalty kick in the 33rd minute.", "Belgium defeated debutants Panama 3-0 in Sochi.",
                 "England captain Harry Kane won the Man of the Match award."):
        assert in_sentence(coder, text, text[:5]) == [], text


def test_a_result_by_wickets_or_in_the_final_is_a_game_result(coder: EventCoder) -> None:
    # "wickets" is a plural and spaCy tags "the final" an adjective: the result words were read from
    # neither, and India 190 Pakistan was a storable force (review RV1)
    assert in_sentence(coder, "India beat Pakistan by six wickets in Dubai.", "India") == []
    assert in_sentence(coder, "France defeated Argentina in the final on Sunday.", "France") == []
    # the control: a final that is an adjective of something else is no game
    coded = in_sentence(coder, "Ukraine's forces beat back the final Russian assault on the town.", "Ukraine")
    assert ("UKRMIL", "190", "RUS") in _triples(coded)


def test_a_place_inside_a_persons_name_gives_no_country_through_the_entities(coder: EventCoder) -> None:
    # The entity stage tags "Paris" of "Valeska Paris" a GPE of FRA; only the tokens of the actor's own
    # words may give its country, and the lawyer's phrase runs past "Paris" (review RV1: FRAJUD)
    from entity_helpers import annotate

    events = coder.code(annotate("Valeska Paris's lawyer accused France of lying about her case.")).events
    assert events and {(e["source"]["country"], e["target"]["country"]) for e in events} == {(None, "FRA")}, (
        _triples(events))


def test_a_country_before_a_word_of_no_language_is_a_firms_or_a_partys(coder: EventCoder) -> None:
    # "Aramco", "Tehreek" are no English words, as "Valeska" is not, but no given name follows the
    # country: a state firm and a party keep it (review RV1: both sources had no country)
    for text, source in (("Saudi Aramco signed a deal with China on Monday.", "SAU"),
                         ("Pakistan Tehreek-e-Insaf accused the army of rigging the vote.", "PAK")):
        coded = in_sentence(coder, text, text[:5])
        assert {e["source"]["country"] for e in coded} == {source}, _triples(coded)
    # the control: a given name after the place ("Hilton") still makes it a person's
    coded = in_sentence(coder, "Paris Hilton criticised France on Monday.", "Paris")
    assert coded and all(e["source"]["country"] is None for e in coded), _triples(coded)


def test_a_place_a_title_names_before_a_name_keeps_its_country(coder: EventCoder) -> None:
    # Wikinews (GUM_news_nasa): "Washington" opens the run "Washington Chris Gregoire" but is the place
    # of "Governor of"; USAGOV came only from the entity range fbfe260 closed (review RV1)
    from entity_helpers import annotate

    text = "In a statement, Governor of Washington Chris Gregoire said the museum had worked hard for the shuttle."
    assert [e["source"]["code"] for e in coder.code(annotate(text)).events] == ["USAGOV"]
    # the control: a person's name after "of" is still one ("Paris" of "Paris Hilton", tagged no place)
    coded = coder.code(annotate("Fans of Paris Hilton criticised France.")).events
    assert coded and all(e["source"]["country"] is None for e in coded), _triples(coded)


def test_a_country_named_only_in_a_game_result_is_no_target(coder: EventCoder, tmp_path: Path) -> None:
    # the arrest stays (events_sport's example), but the teams of the result are not whom the police
    # arrested: the target inferred from them was stored, COP 173 BRA (review RV1)
    text = "Police arrested 20 fans after Brazil beat Germany 2-1."
    coded = in_sentence(coder, text, "Police")
    assert [e["trigger"] for e in coded] == ["arrested"] and coded[0].get("target_guessed"), coded
    # not stored, as "Police arrested 20 fans in Rio." is not: coercion of no one the sentence names
    assert stored_in_sentence(tmp_path, text, "Police") == []
