"""Authors: people before credit lines before the publisher; affiliations cut; @id references followed."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_authors import clean_authors
from newsdesk.extract.metadata import read_metadata

SITE = '<meta property="og:site_name" content="Daily Planet">'


def authors(head: str, body: str = "", url: str = "https://www.dailyplanet.example/a") -> list[str]:
    return read_metadata(LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>"), url).authors


def test_a_credit_line_is_kept_when_the_page_names_nobody_else() -> None:
    assert authors(SITE + '<meta name="author" content="Planet Staff">') == ["Planet Staff"]


def test_a_person_in_the_byline_beats_a_credit_line_in_the_head() -> None:
    assert authors(SITE + '<meta name="author" content="Newsroom Team">',
                   '<span class="author-name">Lois Lane</span>') == ["Lois Lane"]


def test_the_publisher_after_a_comma_ends_the_name() -> None:
    head = SITE + ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
                   '{"@type": "Person", "name": "Lois Lane, Daily Planet"}}</script>')
    assert authors(head) == ["Lois Lane"]


def test_places_after_the_publisher_are_not_people() -> None:
    head = SITE + '<meta name="author" content="Daily Planet, Metropolis, USA">'
    assert authors(head) == ["Daily Planet"]


def test_a_publisher_credited_beside_a_person_stays() -> None:
    head = SITE + ('<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
                   '{"@type": "Person", "name": "Lois Lane"}, {"@type": "Organization", "name": "Daily Planet"}]}'
                   '</script>')
    assert authors(head) == ["Lois Lane", "Daily Planet"]


def test_author_references_in_a_json_ld_graph_are_followed() -> None:
    head = ('<script type="application/ld+json">{"@graph": ['
            '{"@type": "Article", "headline": "H", "author": {"@id": "https://x.example/#/person/1"}},'
            '{"@type": "Person", "@id": "https://x.example/#/person/1", "name": "Clark Kent"}]}</script>')
    assert authors(head) == ["Clark Kent"]


def test_wordpress_written_by_meta() -> None:
    head = '<meta name="author" content="c.kent@example.com"><meta name="twitter:misc:Written by" content="Clark Kent">'
    assert authors(head) == ["Clark Kent"]


def test_clean_authors_keeps_credits_only_when_asked() -> None:
    assert clean_authors(["BR24 Redaktion"]) == []
    assert clean_authors(["BR24 Redaktion"], keep_credits=True) == ["BR24 Redaktion"]
    assert clean_authors(["Share this article"], keep_credits=True) == []


def test_a_by_line_without_author_markup_is_read_when_nothing_else_credits_anyone() -> None:
    body = ('<h1>Storm hits coast</h1><div class="x1"><div class="x2">By <span class="x3">Jane Doe</span></div>'
            '<div>Published <time>May 2</time></div></div><p>Text of the article.</p>')
    assert authors("", body) == ["Jane Doe"]


def test_a_by_line_does_not_beat_the_publisher_credited_in_the_head() -> None:
    body = '<p>Photo by <span>Ann Lee</span></p><figure><figcaption>By Ann Lee</figcaption></figure>'
    assert authors(SITE + '<meta name="author" content="Daily Planet">', body) == ["Daily Planet"]


def test_a_follow_button_in_author_markup_is_not_a_name() -> None:
    body = '<a class="followAuthorBtn" href="/topics">Edit topics</a><span class="byline">By Jane Doe</span>'
    assert authors("", body) == ["Jane Doe"]


def test_a_middle_initial_is_not_a_conjunction() -> None:
    assert clean_authors(["Laura E. Adkins"]) == ["Laura E. Adkins"]
    assert clean_authors(["Ana Silva e Rui Costa"]) == ["Ana Silva", "Rui Costa"]


def test_a_reporter_title_after_a_cjk_name_is_dropped() -> None:
    assert clean_authors(["신현주 기자"]) == ["신현주"]
    assert clean_authors(["渡辺洋介 記者"]) == ["渡辺洋介"]


def test_a_second_author_meta_is_read_when_the_first_names_the_publisher() -> None:
    head = SITE + '<meta name="author" content="Daily Planet"><meta name="author" content="Lois Lane">'
    assert authors(head) == ["Lois Lane"]


def test_a_desk_listed_beside_a_person_in_json_ld_stays() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
            '{"@type": "Person", "name": "Scott Lee"}, {"@type": "Person", "name": "Gear Team"}]}</script>')
    assert authors(head) == ["Scott Lee", "Gear Team"]
    assert authors('<meta name="author" content="Scott Lee, Staff Writer">') == ["Scott Lee"]


def test_a_by_line_under_the_headline_beats_the_publisher_in_the_head() -> None:
    body = '<h1>Storm hits coast</h1><ul><li><span>von</span> <span class="b">Jane Doe</span></li></ul><p>Text.</p>'
    assert authors(SITE + '<meta name="author" content="Daily Planet">', body) == ["Jane Doe"]


def test_an_organisations_name_is_not_split_at_its_and_or_ampersand() -> None:
    # bylines of government pages: a list of organisations, whose names hold "&", "and" and commas
    byline = "Ministry of Housing, Communities & Local Government, Office for Science and Technology Policy"
    assert authors(f'<meta name="author" content="{byline.replace("&", "&amp;")}">') == [
        "Ministry of Housing, Communities & Local Government", "Office for Science and Technology Policy"]
    assert clean_authors(["Marine and Coastal Research Institute"]) == ["Marine and Coastal Research Institute"]
    assert clean_authors(["Jane Doe, Department of Water and Sanitation"]) == [
        "Jane Doe", "Department of Water and Sanitation"]


def test_two_people_are_still_two_authors() -> None:
    assert clean_authors(["By Jane Doe and John Roe"]) == ["Jane Doe", "John Roe"]
    assert clean_authors(["Jane Doe & John Roe"]) == ["Jane Doe", "John Roe"]
    assert clean_authors(["Jane Doe, John Roe and Ann Poe"]) == ["Jane Doe", "John Roe", "Ann Poe"]


def test_an_organisation_whose_name_begins_before_a_comma_is_one_author() -> None:
    # GOV.UK's byline "Foreign, Commonwealth & Development Office" was split into "Foreign" and the rest
    fcdo = "Foreign, Commonwealth & Development Office"
    assert authors(f'<meta name="author" content="{fcdo.replace("&", "&amp;")}">') == [fcdo]
    assert clean_authors([f"Cabinet Office, {fcdo}"]) == ["Cabinet Office", fcdo]
    # a person before an organisation's name stays apart from it
    assert clean_authors(["Jane Doe, Science and Technology Office"]) == ["Jane Doe", "Science and Technology Office"]
