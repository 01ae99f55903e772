"""Keyword spam with real sentences, and a doorway page, are refused; no labelled article is (X27).

Stored as articles from the corpus (Common Crawl) until now: a gambling advert (bet tables, one QQ
number over and over), a keyword-injected copy of news sentences with characters wrapped one by one
in brackets, a porn story under a five-part keyword title, and a Dutch gardener's per-town landing
page beside a list of the towns it is also "for"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsdesk.bench.not_article import labelled_pages
from newsdesk.extract import extract
from newsdesk.extract.html import extract_html
from newsdesk.records import RawPage

SPAM = {"http://003338.cn/l41/481397.html": "not an article: keyword spam",
        "http://044545.com/topic/20200207/015849.html": "not an article: keyword spam",
        "http://0513mt.com/index.php/art/detail/id/8884.html": "not an article: keyword spam",
        "http://0900-hovenier.nl/gelderland/oosterbeek/": "not an article: doorway page"}


def test_the_corpus_spam_pages_land_in_not_articles_with_their_reason(cc_excerpt_db: Path,
                                                                     cc_excerpt_refused: dict[str, str]) -> None:
    assert {url: cc_excerpt_refused.get(url) for url in SPAM} == SPAM
    conn = sqlite3.connect(cc_excerpt_db)
    stored = {r[0] for r in conn.execute("SELECT url FROM articles WHERE kind = 'article'")}
    conn.close()
    assert not stored & set(SPAM)


def test_no_labelled_article_is_refused(shared_dir: Path) -> None:
    refused = [(page.page_id, extract_html(page.html, url=page.url).reason)
               for page in labelled_pages(shared_dir, per_kind=0) if page.label == "article"]
    refused = [r for r in refused if r[1] is not None]
    assert refused == []


def _page(title: str, body: str, aside: str = "") -> bytes:
    return (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><div class="content">{body}</div>{aside}</body></html>').encode()


BRIEF = ("<h1>Prijswinnaars bekend</h1><p>De jury heeft dinsdag de winnaars van de jaarlijkse prijs voor "
         "jonge schrijvers bekendgemaakt. Er waren dit jaar meer inzendingen dan ooit, zei de voorzitter, en "
         "de kwaliteit was hoog. De prijzen worden volgende maand uitgereikt in de bibliotheek.</p>")
NAMES = ["Rheden", "Heteren", "Doorwerth", "Driel", "Angeren", "Wolfheze", "Rozendaal", "De Steeg"]


def test_a_short_text_beside_a_list_of_names_it_never_uses_is_a_doorway() -> None:
    aside = "<ul>" + "".join(f"<li>{n}</li>" for n in NAMES) + "</ul>"
    got = extract(RawPage(body=_page("Prijswinnaars", BRIEF, aside), origin="x", url="http://x.example/a/b/"))
    assert (got.kind, got.reason) == ("not_article", "not an article: doorway page")


def test_a_short_brief_whose_list_of_names_is_its_own_text_stays_an_article() -> None:
    winners = "<p>De winnaars zijn:</p><ul>" + "".join(f"<li>{n}</li>" for n in NAMES) + "</ul>"
    got = extract(RawPage(body=_page("Prijswinnaars", BRIEF + winners), origin="x", url="http://x.example/a/b/"))
    assert got.kind == "article", got.reason
