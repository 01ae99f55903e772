"""The stated headline: site names cut off, JSON-LD headline against og:title, truncated values."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_title import site_names, strip_site
from newsdesk.extract.metadata import read_metadata


@pytest.mark.parametrize(("title", "sites", "expected"), [
    ("Storm hits coast | Daily Planet", ["Daily Planet"], "Storm hits coast"),
    ("Daily Planet - Storm hits coast", ["Daily Planet"], "Storm hits coast"),
    ("Wahl: Kandidat setzt auf Wandel – DW – 30.01.2024", ["dw.com"], "Wahl: Kandidat setzt auf Wandel"),
    ("Storm hits coast * The Gateway Pundit * by Ann Lee", ["The Gateway Pundit"], "Storm hits coast"),
    ("震度5弱の地震 気象庁：朝日新聞デジタル", ["朝日新聞デジタル"], "震度5弱の地震 気象庁"),
    ("Storm hits coast | Bhopal News - The Times of India", ["Times Of India"], "Storm hits coast | Bhopal News"),
    ("Kicker: Storm hits coast", ["Daily Planet"], "Kicker: Storm hits coast"),  # nothing site-like: kept
    ("Rock - Paper - Scissors", [], "Rock - Paper - Scissors"),
])
def test_strip_site(title: str, sites: list[str], expected: str) -> None:
    assert strip_site(title, sites) == expected


def test_site_names_include_the_distinctive_host_label() -> None:
    names = site_names({"og:site_name": "The Daily Planet"}, "Planet Media", "https://www.dailyplanet.co.uk/a/b")
    assert names == ["The Daily Planet", "Planet Media", "dailyplanet"]


def _title(head: str, body: str = "") -> str | None:
    return read_metadata(LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>"),
                         "https://www.example.com/x").title


def test_the_shorter_of_json_ld_headline_and_og_title_wins() -> None:
    head = ('<meta property="og:title" content="Storm hits coast">'
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"headline": "Weather service says storm hits coast harder than expected"}</script>')
    assert _title(head) == "Storm hits coast"


def test_an_og_title_cut_at_an_unescaped_quote_gives_way() -> None:
    # content="Mayor says "no" to tower" ends the attribute at the inner quote.
    head = ('<meta property="og:title" content="Mayor says "no" to tower">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tower plan fails"}</script>')
    assert _title(head, '<h1>Mayor says "no" to tower</h1>') == "Tower plan fails"


def test_quotes_are_not_lost_when_both_sources_agree_in_words() -> None:
    head = ('<meta property="og:title" content="Why the sky is blue">'
            '<script type="application/ld+json">{"@type": "Article", "headline": "\\"Why the sky is blue\\""}</script>')
    assert _title(head) == "Why the sky is blue"


def test_schema_org_article_variants_count_as_the_article_node() -> None:
    meta = read_metadata(LexborHTMLParser(
        '<script type="application/ld+json">{"@type": "ReportageNewsArticle", "headline": "Flood report", '
        '"author": [{"@type": "Person", "name": "Ann Lee"}]}</script>'))
    assert meta.title == "Flood report"
    assert meta.authors == ["Ann Lee"]


def test_the_title_the_other_sources_do_not_repeat_is_the_deliberate_headline() -> None:
    # twitter:title, <title> and og:title come from one SEO field; the JSON-LD headline differs.
    head = ('<title>Storm: what you need to know | Daily Planet</title>'
            '<meta property="og:site_name" content="Daily Planet">'
            '<meta property="og:title" content="Storm: what you need to know">'
            '<meta name="twitter:title" content="Storm: what you need to know">'
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"headline": "Storm floods the harbour district overnight"}</script>')
    assert _title(head) == "Storm floods the harbour district overnight"


def test_typographic_quote_variants_are_one_headline() -> None:
    head = ('<meta property="og:title" content="Mayor\'s \'plan\' fails">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Mayor’s ‘plan’ fails"}</script>')
    assert _title(head) == "Mayor’s ‘plan’ fails"


def _headline(head: str, body: str) -> str | None:
    return read_metadata(LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>"),
                         "https://www.example.com/x").headline


def test_without_json_ld_the_lone_h1_is_the_headline() -> None:
    head = '<meta property="og:title" content="Storm: the short social version">'
    assert _headline(head, "<h1>Storm floods the harbour district overnight</h1>") == \
        "Storm floods the harbour district overnight"


def test_an_h1_that_is_kicker_plus_the_stated_title_gives_way_to_it() -> None:
    head = '<meta property="og:title" content="Drusen fordern Teilhabe von neuer Regierung">'
    body = "<h1>Minderheit in Syrien - Drusen fordern Teilhabe von neuer Regierung</h1>"
    assert _headline(head, body) == "Drusen fordern Teilhabe von neuer Regierung"


def test_a_segment_of_the_title_that_is_a_page_heading_is_the_headline() -> None:
    head = '<meta property="og:title" content="Prince and the Revolution – Purple Rain">'
    assert _headline(head, "<h1>Purple Rain</h1>") == "Purple Rain"


def test_json_ld_pages_keep_the_stated_title() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm floods harbour"}</script>')
    assert _headline(head, "<h1>Weather live: all the updates</h1>") == "Storm floods harbour"


def test_a_short_site_name_at_the_start_of_a_segment_is_the_site() -> None:
    assert strip_site("Ceasefire talks at risk | CBC News", ["CBC"]) == "Ceasefire talks at risk"


def test_host_label_before_any_top_level_domain_names_the_site():
    from newsdesk.extract.meta_title import site_names

    assert site_names({}, None, "https://www.harbourtimes.news/a/1") == ["harbourtimes"]
    assert site_names({}, None, "https://blogs.spiegel.de/x") == ["spiegel"]
    assert site_names({}, None, "https://www.bbc.co.uk/news/1") == ["bbc"]


def test_h1_and_stated_title_with_different_kickers_share_the_headline() -> None:
    head = '<meta property="og:title" content="Iranischer Angriff auf Israel: «Zurückhaltung hat mit den USA zu tun»">'
    body = "<h1>Eskalation im Nahen Osten - «Zurückhaltung hat mit den USA zu tun»</h1>"
    assert _headline(head, body) == "«Zurückhaltung hat mit den USA zu tun»"


def test_a_reworded_first_clause_is_not_a_kicker() -> None:
    # The two differ in one word of their first clause: a reworded headline, so the h1 stays whole.
    head = '<meta property="og:title" content="I sell Disney World holidays - booking the right day saves you money">'
    body = "<h1>I sell Walt Disney World holidays - booking the right day saves you money</h1>"
    assert _headline(head, body) == "I sell Walt Disney World holidays - booking the right day saves you money"


def test_the_title_in_head_wins_over_an_svg_title_before_it() -> None:
    page = ("<html><body><svg><title>Menu icon</title></svg></body></html>")
    tree = LexborHTMLParser(page)
    assert read_metadata(tree).html_title == "Menu icon"  # only one <title>: the one anywhere
    head = "<title>Storm hits coast</title>"
    assert read_metadata(LexborHTMLParser(f"<html><head>{head}</head><body><svg><title>Icon</title></svg>"
                                          "</body></html>")).html_title == "Storm hits coast"
