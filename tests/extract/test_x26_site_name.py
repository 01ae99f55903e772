"""A site name for pages that state none: the name their <title> or their feed's title gives the host.

The 30 Global Voices feed articles of the corpus (and the 15 saved Global Voices pages, and the
data.gov.uk blog posts) were stored with no site name, so they were missing from the desk's
Sites list: their pages carry no og:site_name, publisher or application-name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from newsdesk.extract import extract
from newsdesk.records import RawPage
from newsdesk.sources.feeds import parse_feed
from newsdesk.sources.web import entries_to_pages

ARTICLE = "".join(f"<p>The council met on day {i} to discuss the budget for the coming year, and members "
                  "argued for hours about roads, schools and the library before the vote.</p>" for i in range(8))


def _page(title: str, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>Budget vote passes</h1>"
            f"{ARTICLE}</article></body></html>").encode()


def test_the_title_segment_that_spells_the_host_is_the_site_name() -> None:
    got = extract(RawPage(body=_page("Budget vote passes | The Harbour Gazette"), origin="x",
                          url="https://www.harbourgazette.example/2024/budget"))
    assert got.site_name == "The Harbour Gazette"
    assert got.title == "Budget vote passes"
    leading = extract(RawPage(body=_page("Harbour Gazette » Budget vote passes"), origin="x",
                              url="https://harbourgazette.example/budget"))
    assert leading.site_name == "Harbour Gazette"


def test_a_title_naming_no_host_gives_no_site_name_and_a_stated_one_wins() -> None:
    # a section or a kicker is not the site: nothing is invented
    assert extract(RawPage(body=_page("Budget vote passes - Politics"), origin="x",
                           url="https://harbourgazette.example/b")).site_name is None
    stated = extract(RawPage(body=_page("Budget vote passes | The Harbour Gazette",
                                        '<meta property="og:site_name" content="Gazette Online">'),
                             origin="x", url="https://harbourgazette.example/c"))
    assert stated.site_name == "Gazette Online"
    from newsdesk.extract.meta_title import site_in_title

    assert site_in_title("Harbour Gazette", "https://harbourgazette.example/") is None  # one segment: a headline
    assert site_in_title("Harbour Gazette", "https://harbourgazette.example/", whole=True) == "Harbour Gazette"
    assert site_in_title("Blogs | data.gov.uk", None) == "data.gov.uk"  # a host name written out


def test_a_feeds_entries_take_the_site_name_the_feed_title_gives(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    items = "".join(f"<item><title>Story {i}</title><link>https://harbourgazette.example/s{i}</link>"
                    f"<content:encoded><![CDATA[<h2>Story {i}</h2>{ARTICLE}]]></content:encoded></item>"
                    for i in range(3))
    feed.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                    "<channel><title>Harbour Gazette &#187; World</title><link>https://harbourgazette.example/</link>"
                    f"{items}</channel></rss>", encoding="utf-8")
    from newsdesk.cli import main

    db = tmp_path / "n.db"
    CliRunner().invoke(main, ["ingest", "--db", str(db), "--stages", "", str(feed)], catch_exceptions=False)
    rows = sqlite3.connect(db).execute("SELECT site_name FROM articles WHERE kind = 'article'").fetchall()
    assert rows == [("Harbour Gazette",)] * 3


def test_the_corpus_global_voices_articles_have_their_site_name(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    for name in ("links-restored", "mediacloud-fixture"):
        path = corpus / "feeds" / f"globalvoices-feature-2009-06.{name}.rss"
        pages = entries_to_pages(parse_feed(path.read_bytes(), None), str(path))
        assert len(pages) == 15
        assert {extract(p).site_name for p in pages} == {"Global Voices Online"}
    page = corpus / "html" / "globalvoices-2009" / "iran-to-vote-or-not-to-vote.html"
    got = extract(RawPage(body=page.read_bytes(), origin=str(page),
                          url="http://globalvoicesonline.org/2009/06/10/iran-to-vote-or-not-to-vote/"))
    assert (got.site_name, got.title) == ("Global Voices Online", "Iran: To Vote or not to Vote")
    # read as a file, with no URL (as `newsdesk ingest` stores it): its feed link names the host
    unplaced = extract(RawPage(body=page.read_bytes(), origin=str(page)))
    assert unplaced.site_name == "Global Voices Online"
