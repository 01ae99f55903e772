"""GKG rows: a name or quote holding GKG's own delimiters must not split its sub-field."""

from __future__ import annotations

from newsdesk.store.gdelt_export import GKG_COLUMNS, gkg_row


def test_gkg_sub_fields_survive_names_and_quotes_with_delimiters() -> None:
    tone = dict.fromkeys(("tone", "positive", "negative", "polarity", "activity", "self_group", "words"), 1.0)
    g = {"tone": tone, "themes": ["ECON_TRADE"],
         "locations": [{"kind": "city", "name": "Washington, D.C.", "country": None, "lat": 38.9, "lon": -77.0,
                        "offset": 10}],
         "persons": [{"name": "Smith, John", "offset": 5}],
         "organizations": [{"name": "Procter & Gamble, Inc.", "offset": 40}],
         "quotations": [{"offset": 60, "length": 30, "verb": "said", "quote": "We are #1 | no doubt; at all"}],
         "amounts": [{"amount": 3.0, "object": "ships, tankers", "offset": 90}]}
    row = dict(zip([*GKG_COLUMNS, "NDArticleId"],
                   gkg_row({"id": 7, "url": "https://x.example/a", "published": "2026-02-11T09:30:00+00:00"}, g),
                   strict=True))
    assert [p.split(",") for p in row["V2Persons"].split(";")] == [["Smith  John", "5"]]
    assert [p.split(",") for p in row["V2Organizations"].split(";")] == [["Procter & Gamble  Inc.", "40"]]
    (quote,) = row["Quotations"].split("#")
    assert quote.split("|") == ["60", "30", "said", "We are  1   no doubt  at all"]
    assert len(row["V2Locations"].split(";")) == 1 and row["V2Locations"].split("#")[1] == "Washington  D.C."
    assert row["Amounts"].split(",") == ["3", "ships  tankers", "90"]
