"""Dates written for people keep their zone; a page without a stated date gets none."""

from __future__ import annotations

import warnings

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_dates import normalise_date
from newsdesk.extract.metadata import read_metadata


@pytest.mark.parametrize(("raw", "iso"), [
    ("March 5, 2019 10:04 AM EST", "2019-03-05T10:04:00-05:00"),
    ("Tue, 05 Mar 2024 09:30:00 CEST", "2024-03-05T09:30:00+02:00"),
    ("5 March 2019 10:04 IST", "2019-03-05T10:04:00+05:30"),
])
def test_zone_abbreviations_become_offsets_without_warnings(raw: str, iso: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert normalise_date(raw) == iso


def test_published_comes_from_json_ld_before_meta_and_updated_is_separate() -> None:
    meta = read_metadata(LexborHTMLParser(
        '<meta property="article:published_time" content="2024-03-06T10:00:00Z">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05T09:30:00+01:00",'
        ' "dateModified": "2024-03-07T08:00:00+01:00"}</script>'))
    assert meta.published == "2024-03-05T09:30:00+01:00"
    assert meta.updated == "2024-03-07T08:00:00+01:00"


def test_no_stated_date_gives_none() -> None:
    meta = read_metadata(LexborHTMLParser("<html><body><p>Written on 5 March 2024.</p></body></html>"))
    assert meta.published is None and meta.updated is None


def test_a_date_in_the_url_is_read_without_parsing_the_page_and_agrees_with_htmldate() -> None:
    from htmldate import find_date

    from newsdesk.extract.meta_dates import markup_date

    page = "<html><head><title>x</title></head><body><p>No date here.</p></body></html>"
    url = "https://www.example.com/story/news/2019/11/19/storm-hits-coast/"
    expected = find_date(page, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    assert markup_date(page, url) == expected == "2019-11-19"
    assert markup_date(page, "https://www.example.com/story/storm-hits-coast/") is None
