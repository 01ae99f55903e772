"""Structured metadata: JSON-LD (incl. @graph), OpenGraph, meta tags, author cleaning, dates."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.metadata import clean_authors, normalise_date, read_metadata


def meta_of(head: str, body: str = "") -> object:
    return read_metadata(LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_json_ld_graph_article_node_wins_over_website_node() -> None:
    m = meta_of("""<script type="application/ld+json">
      {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Example Site"},
        {"@type": ["NewsArticle"], "headline": "Storm hits coast",
         "author": {"@type": "Person", "name": "By Ann Lee"},
         "publisher": {"@type": "Organization", "name": "Example Site"},
         "datePublished": "2023-11-02T06:00:00Z", "image": {"@type": "ImageObject", "url": "https://x.example/i.jpg"}}
      ]}</script>""")
    assert m.title == "Storm hits coast"
    assert m.authors == ["Ann Lee"]
    assert m.published == "2023-11-02T06:00:00+00:00"
    assert m.image == "https://x.example/i.jpg"
    assert m.site_name == "Example Site"
    assert "newsarticle" in m.ld_types


def test_json_ld_with_raw_newlines_and_html_comment_still_parses() -> None:
    m = meta_of('<script type="application/ld+json"><!--\n{"@type": "Article", "headline": "Line\none"}\n--></script>')
    assert m.title == "Line one"


def test_opengraph_and_meta_tags_when_there_is_no_json_ld() -> None:
    m = meta_of(
        '<meta property="og:title" content="Budget &amp;amp; taxes">'
        '<meta property="article:published_time" content="2019-04-30T15:10:10+00:00">'
        '<meta property="article:modified_time" content="2019-05-01T08:00:00+00:00">'
        '<meta property="article:section" content="Politics">'
        '<meta property="article:tag" content="tax"><meta property="article:tag" content="budget">'
        '<meta name="author" content="Jane Doe, John Roe">'
        '<meta name="twitter:title" value="ignored, og wins">'
    )
    assert m.title == "Budget & taxes"
    assert m.published == "2019-04-30T15:10:10+00:00"
    assert m.updated == "2019-05-01T08:00:00+00:00"
    assert m.categories == ["Politics"]
    assert m.tags == ["tax", "budget"]
    assert m.authors == ["Jane Doe", "John Roe"]


def test_byline_markup_when_no_metadata_names_an_author() -> None:
    m = meta_of("<title>x</title>", '<div class="byline">By <a href="/author/jane-doe/">Jane Doe</a></div>'
                '<ol class="comments"><li><a rel="author" href="/u/troll">Troll Person</a></li></ol>')
    assert m.authors == ["Jane Doe"]


def test_publisher_as_author_gives_way_to_a_person_in_the_byline() -> None:
    m = meta_of('<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Daily Planet">',
                '<span class="author-name">Lois Lane</span>')
    assert m.authors == ["Lois Lane"]


@pytest.mark.parametrize(("raw", "names"), [
    (["By Jane Doe and John Roe"], ["Jane Doe", "John Roe"]),
    (["Von Anna Schmidt und Max Muster"], ["Anna Schmidt", "Max Muster"]),
    (["Jane Doe; John Roe & Ann Lee"], ["Jane Doe", "John Roe", "Ann Lee"]),
    (["https://www.facebook.com/someone"], []),
    (["jane@example.com"], []),
    (["Staff"], []),
    (["Elena Oberholzer (obe)"], ["Elena Oberholzer"]),
    (["2024-01-01"], []),
])
def test_clean_authors(raw: list[str], names: list[str]) -> None:
    assert clean_authors(raw) == names


@pytest.mark.parametrize(("raw", "iso"), [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T09:30:00+0100", "2024-03-05T09:30:00+01:00"),
    ("2024-03-05T09:30:00.123Z", "2024-03-05T09:30:00+00:00"),
    ("2024-03-05 09:30", "2024-03-05T09:30:00"),
    ("20240305", "2024-03-05"),
    ("March 5, 2024", "2024-03-05"),
    ("Tue, 05 Mar 2024 09:30:00 +0000", "2024-03-05T09:30:00+00:00"),
    ("not a date", None),
    ("0000-00-00", None),
])
def test_normalise_date(raw: str, iso: str | None) -> None:
    assert normalise_date(raw) == iso


def test_a_widget_button_in_an_author_box_is_not_an_author():
    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.extract.metadata import read_metadata

    html = ('<html><body><div class="authorstabbutton"><a href="javascript:void(0)">close</a></div>'
            '<div class="post-byline"><h4>by <a href="/author/hamid-tehrani/">Hamid Tehrani</a></h4></div>'
            '<article><p>Text.</p></article></body></html>')
    assert read_metadata(LexborHTMLParser(html), None).authors == ["Hamid Tehrani"]


def test_repeated_metas_and_first_values_come_from_one_pass() -> None:
    from newsdesk.extract.meta_tags import all_meta, meta_map, read_tags

    tree = LexborHTMLParser('<html><head><meta property="article:tag" content="Storms">'
                            '<meta property="article:tag" content=" Coast &amp; Sea ">'
                            '<meta name="Description" content="  ">'
                            '<meta itemprop="datePublished" value="2024-01-02"></head><body></body></html>')
    tags = read_tags(tree)
    assert tags.all("article:tag") == all_meta(tree, "article:tag") == ["Storms", "Coast & Sea"]
    assert tags.first == meta_map(tree) == {"article:tag": "Storms", "datepublished": "2024-01-02"}


def test_a_by_line_is_found_only_where_a_text_piece_starts_with_by() -> None:
    from newsdesk.extract.meta_authors import by_line

    tree = LexborHTMLParser("<html><body><h1>Storm</h1><p><span>By</span> <a>Jane Doe</a></p></body></html>")
    assert by_line(tree) == ["Jane Doe"]
    assert by_line(LexborHTMLParser("<html><body><h1>Storm</h1><p>Written: Jane Doe</p></body></html>")) == []
