"""The GKG-style per-article record: names, places, themes, tone, quotations, amounts."""

from __future__ import annotations

from newsdesk.records import Article, Entity, Quote
from newsdesk.understand.events import EventCoder
from newsdesk.understand.gkg import amounts, gkg_record, tone

TEXT = ("Police killed three protesters in Nairobi on Tuesday as clashes spread, and 1,200 people were "
        "arrested. President William Ruto said the violence was a threat to peace. The government "
        "promised $2.5 million in aid in 2024.")


def test_record_from_the_parse_when_no_annotator_ran() -> None:
    article = EventCoder().code(Article(text=TEXT, language="en"))
    g = gkg_record(article)
    assert any(p["name"] == "William Ruto" for p in g["persons"])
    nairobi = next(loc for loc in g["locations"] if loc["name"] == "Nairobi")
    assert nairobi["country"] == "KEN" and nairobi["lat"] is not None
    assert "PROTEST" in g["themes"] and any(t.startswith("CAMEO_") for t in g["themes"])
    assert g["tone"]["tone"] < 0 and g["tone"]["words"] > 30
    found = {(a["amount"], a["object"]) for a in g["amounts"]}
    assert (1200.0, "people") in found and any(a == 2.5e6 for a, _ in found)
    assert not any(a == 2024 for a, _ in found)  # a year is not an amount


def test_annotator_entities_and_quotes_are_used_when_present() -> None:
    text = "Abbas Araqchi said talks would continue."
    article = Article(text=text, language="en",
                      entities=(Entity(text="Abbas Araqchi", type="PERSON", start=0, end=13,
                                       canonical="Abbas Araghchi"),),
                      quotes=(Quote(text="talks would continue", kind="indirect", start=19, end=39,
                                    speaker="Abbas Araghchi", cue="said"),))
    g = gkg_record(article)
    assert g["persons"] == [{"name": "Abbas Araghchi", "offset": 0}]
    assert g["quotations"] == [{"offset": 19, "length": 20, "verb": "said", "quote": "talks would continue"}]


def test_tone_and_amounts() -> None:
    assert tone("Peace and cooperation brought hope.")["tone"] > 0
    assert tone("")["words"] == 0
    found = amounts("Over 38,000 Pakistanis were deported in 2025; 2 billion dollars were pledged.")
    assert {(a["amount"], a["object"]) for a in found} == {(38000.0, "Pakistanis"), (2e9, "dollars")}
