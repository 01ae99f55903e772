"""GDELT rows: a name or quote holding GKG's own delimiters must not split its sub-field; dates
and timestamps are UTC, as GDELT's are, whatever zone the publisher wrote its time in."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from newsdesk.store.gdelt_export import (
    EVENT_COLUMNS,
    GKG_COLUMNS,
    MENTION_COLUMNS,
    event_row,
    gkg_row,
    mention_row,
    write_gdelt,
)

TONE = dict.fromkeys(("tone", "positive", "negative", "polarity", "activity", "self_group", "words"), 1.0)


def test_gkg_sub_fields_survive_names_and_quotes_with_delimiters() -> None:
    g = {"tone": TONE, "themes": ["ECON_TRADE"],
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


def test_dates_and_timestamps_are_utc() -> None:
    # 22:08 in New York on the 17th is 03:08 UTC on the 18th: the rows said 20170117220847.
    published, first_seen = "2017-01-17T22:08:47-05:00", "2026-02-11T01:30:00+02:00"
    event: dict[str, Any] = {
        "id": 1, "article_id": 7, "seq": 0, "day": "2017-01-17", "published": published, "first_seen": first_seen,
        "cameo": "042", "quad_class": 1, "goldstein": 1.9, "source_code": "USA", "source_text": "Washington",
        "source_country": "USA", "target_code": "IRN", "target_text": "Iran", "target_country": "IRN",
        "place_name": None, "place_country": None, "lat": None, "lon": None, "confidence": 0.5,
        "sentence": "Washington visited Iran.", "start": 0, "end": 24, "article_url": "https://x.example/a"}
    row = dict(zip([*EVENT_COLUMNS, "NDArticleId", "NDSentenceStart", "NDSentenceEnd", "NDSentence"],
                   event_row(event, 1.0), strict=True))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20170118", "201701", 2017)
    assert row["DATEADDED"] == "20260210233000"
    mention = dict(zip(MENTION_COLUMNS, mention_row(event, 1, 100, 1.0), strict=False))
    assert (mention["EventTimeDate"], mention["MentionTimeDate"]) == ("20170118030847", "20260210233000")
    g = {"tone": TONE, "themes": [], "locations": [], "persons": [], "organizations": [], "quotations": [],
         "amounts": []}
    gkg = dict(zip(GKG_COLUMNS, gkg_row({"id": 7, "url": "https://x.example/a", "published": published}, g),
                   strict=False))
    assert (gkg["GKGRECORDID"], gkg["DATE"]) == ("20170118030847-7", "20170118030847")
    bare = dict(zip(GKG_COLUMNS, gkg_row({"id": 8, "url": None, "published": "2017-01-17"}, g), strict=False))
    assert bare["DATE"] == "20170117000000"  # a bare date: that day, midnight UTC


def test_an_article_read_from_a_file_is_exported_under_its_canonical_url(tmp_path: Path) -> None:
    # SOURCEURL, MentionIdentifier and DocumentIdentifier were empty for a page with no URL of its
    # own that names its canonical URL (pages read from files: 3,651 of the sample store's 5,313
    # events had none, 926 now); a page with a URL keeps its own even when it names another.
    from newsdesk.records import Article, RawPage
    from newsdesk.store import open_store
    from newsdesk.understand.cameo import codebook_dir
    from newsdesk.understand.events import EventCoder

    if codebook_dir() is None:  # a copy of the repository with no ../shared beside it: nothing to export
        pytest.skip("the coder's verbs come from the events codebooks (../shared or EVENTS_CODEBOOK_DIR): none here")
    text = "US and Iranian diplomats held indirect negotiations in Oman on Saturday."
    pages = [(None, "https://www.gov.uk/news/talks"), ("https://copy.example/talks", "https://www.gov.uk/other")]
    with open_store(tmp_path / "desk.db") as store:
        hook = next(h for h in store.after_store_hooks() if h.__name__ == "after_store_events")
        for i, (url, canonical) in enumerate(pages):
            article = EventCoder().code(Article(text=text, url=url, canonical_url=canonical, title="Talks",
                                                published="2026-02-02T09:00:00+00:00", language="en"))
            hook(store.store_page(RawPage(body=f"{i} {text}".encode(), origin=f"/saved/{i}.html", url=url),
                                  article)[1], article)
        wanted = ["https://www.gov.uk/news/talks", "https://copy.example/talks"]
        for fmt, column in (("gdelt-events", "SOURCEURL"), ("gdelt-mentions", "MentionIdentifier"),
                            ("gdelt-gkg", "DocumentIdentifier")):
            out = io.StringIO()
            assert write_gdelt(store, fmt, out) >= 2
            rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
            assert sorted({r[column] for r in rows}, reverse=True) == wanted, (fmt, rows[0])
        assert {e["article_url"] for e in store.events()} == set(wanted)
