"""French reports of one day are not one story for sharing their function words and their dateline.

"Immolations et manifestations au Tibet" sat in the story of a Québec education summit (both
Wikinews fr, "10 novembre 2012. - ..."): French function words ("la", "des", "du", "que") were
terms, and the dateline's "10" of "10 novembre" was read as a count that every same-day report shared."""

from __future__ import annotations

from newsdesk.stories.commands import cluster_stream
from newsdesk.stories.features import event_days, lead_counts, terms

LEAD = ("10 novembre 2012. - Le nouveau gouvernement du Parti québécois annonce la tenue d'un Sommet sur "
        "l'enseignement supérieur en février 2013 afin de discuter des grands enjeux de l'éducation au Québec.")


def test_a_french_texts_function_words_are_no_terms_and_an_english_texts_are_kept() -> None:
    french = terms("Québec : un sommet sur l'Enseignement supérieur", LEAD)
    assert not {"la", "le", "du", "des", "au", "sur", "en", "un"} & set(french), sorted(french)
    assert {"sommet", "supérieur", "québec", "@québec"} <= set(french)
    english = terms("Storm hits La Paz", "Heavy rain fell on La Paz on Tuesday, and Le Pen said the roads "
                                         "were closed. The city of La Paz is in the Andes.")
    assert "la" in english and "@la" in english  # "La Paz" in English is a name, not an article


def test_a_french_dateline_day_is_a_day_not_a_count() -> None:
    assert "10" not in lead_counts(None, LEAD)
    assert "11-10" in event_days(LEAD, None)
    assert "14" in lead_counts(None, "22 juin 2012. - L'attaque a fait 14 morts, dont 5 assaillants.")


def test_same_day_wikinews_reports_of_other_events_stay_apart(wikinews_fr: list[dict[str, str | None]]) -> None:
    docs = wikinews_fr
    assert len(docs) >= 90
    story = {d["id"]: d["story_id"] for d in cluster_stream(docs)}
    assert story["45766"] != story["45761"]  # Tibet, Québec's education summit (10 November 2012)
    # five reports of 22 June 2012 (Kabul attack, 3DS XL, archaeology days, Minitel, a colour alphabet)
    # were one story; no two of them are one event
    june_22 = [story[i] for i in ("44290", "44292", "44313", "44318", "44321")]
    assert len(set(june_22)) >= 4, june_22
