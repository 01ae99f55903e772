"""Text that lies about itself or carries terminal control: a UTF-16 page behind a header saying
UTF-8, and titles, bylines and paragraphs holding escape sequences."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.extract import extract
from newsdesk.records import RawPage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for loopback.py
from loopback import LoopbackServer  # noqa: E402

BODY = ("<p>The council met on Tuesday to discuss the budget for the coming year, and members "
        "argued for hours about roads, schools and the library before the vote.</p>") * 4
PAGE = ("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Café à la carte : “déjà vu”</title>"
        f"</head><body><article><h1>Café à la carte : “déjà vu”</h1>{BODY}</article></body></html>")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_a_utf16_page_behind_a_utf8_header_is_read_as_html(codec: str) -> None:
    body = ("\ufeff" + PAGE).encode(codec)  # a byte-order mark, then the page
    article = extract(RawPage(body=body, origin="x", url="https://news.example/a",
                              headers={"content-type": "text/html; charset=utf-8"}))
    assert article.title == "Café à la carte : “déjà vu”"
    assert "the council met on tuesday" in article.text.lower()


def test_a_utf16_page_fetched_over_http_is_a_page_not_refused(tmp_path: Path) -> None:
    from newsdesk.settings import Settings
    from newsdesk.sources.fetch import Fetcher
    from newsdesk.sources.state import MemoryFetchState
    from newsdesk.sources.web import collect_url

    settings = Settings().replace(allow_private=True, request_delay=0.0)
    with LoopbackServer() as server, Fetcher(settings) as fetcher:
        server.add("/story", ("\ufeff" + PAGE).encode("utf-16"), content_type="text/html; charset=utf-8")
        (got,) = collect_url(server.url("/story"), fetcher, MemoryFetchState(), settings)
    assert isinstance(got, RawPage), got
    assert extract(got).title == "Café à la carte : “déjà vu”"


HOSTILE = ("<html><head><title>Budget&#27;]0;pwned&#7; vote&#27;[2J passes\x1b[31m</title>"
           "<meta name=\"author\" content=\"Jane&#x1b;[8m Doe\"><meta name=\"description\" content=\"A&#x9b;2J b\">"
           "</head><body><article><h1>Budget vote passes</h1>"
           + BODY.replace("Tuesday", "Tuesday\x1b[2J\x08\x08\x0b\x7f", 1) + "</article></body></html>")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_control_characters_never_reach_an_article_field() -> None:
    article = extract(RawPage(body=HOSTILE.encode(), origin="x", url="https://news.example/b"))
    fields = {k: v for k, v in article.to_dict().items() if isinstance(v, str | list)}
    assert not _CONTROL.search(json.dumps(fields, ensure_ascii=False)), fields
    assert article.title and "vote" in article.title and "passes" in article.title
    assert "Tuesday" in article.text and "coming year" in article.text


def test_newsdesk_show_prints_no_escape_sequence_from_a_page(tmp_path: Path) -> None:
    from newsdesk.cli import main

    page = tmp_path / "hostile.html"
    page.write_bytes(HOSTILE.encode())
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    runner.invoke(main, ["ingest", "--db", db, "--stages", "", str(page)], catch_exceptions=False)
    # color=True: what a terminal gets (click strips some escape sequences only when piped)
    shown = runner.invoke(main, ["show", "--db", db, "1"], catch_exceptions=False, color=True).stdout
    assert "Tuesday" in shown and "coming year" in shown
    assert not _CONTROL.search(shown), repr(shown[:300])


def test_metadata_a_page_inflates_is_cut_to_what_a_desk_can_show() -> None:
    """A 2.1 MB <title>, 50,000 article:section and article:tag metas, a 2.5 MB description and a
    byline of 10,000 characters were stored whole, for every listing card and facet to show."""
    from newsdesk.extract import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_NAMES, MAX_TITLE_CHARS

    head = ("<title>" + "Budget vote " * 200_000 + "</title>"
            + "".join(f'<meta property="article:section" content="Section {i}">' for i in range(5000))
            + "".join(f'<meta property="article:tag" content="tag{i}">' for i in range(5000))
            + '<meta name="description" content="' + "word " * 500_000 + '">'
            + '<meta name="author" content="Jane ' + "Q" * 10_000 + ' Doe">')
    page = f"<html><head>{head}</head><body><article><h1>Budget vote</h1>{BODY}</article></body></html>"
    article = extract(RawPage(body=page.encode(), origin="x", url="https://news.example/c"))
    assert article.title and article.title.startswith("Budget vote") and len(article.title) <= MAX_TITLE_CHARS
    assert article.title.endswith("…")
    assert article.description and len(article.description) <= MAX_DESCRIPTION_CHARS
    assert article.categories[:2] == ("Section 0", "Section 1") and len(article.categories) == MAX_NAMES
    assert len(article.tags) == MAX_NAMES
    assert all(len(name) <= MAX_NAME_CHARS for name in article.authors + article.categories + article.tags)
