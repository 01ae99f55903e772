"""Terminal escapes and bidi overrides from outside: in a failure's detail (what a server sends)
and in an article's one-line fields (what a page says)."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

from click.testing import CliRunner

from newsdesk.errors import Rejected
from newsdesk.extract import extract
from newsdesk.records import RawPage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for loopback.py
from loopback import LoopbackServer  # noqa: E402

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab and newline stay allowed in output
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _utf8_header(value: str) -> str:
    """`value` as the latin-1 text whose bytes on the wire are its UTF-8 (what the server writes)."""
    return value.encode("utf-8").decode("latin-1")


def test_a_servers_content_type_reaches_neither_the_failures_table_nor_the_cli_raw(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    with LoopbackServer() as server:
        # a C1 CSI (0x9b) in one header; an RLO override and an ESC, sent as UTF-8, in the other
        server.add("/a", b"\x00\x01 binary", content_type="application/x\x9b2J-bin")
        server.add("/b", b"\x00\x01 binary", content_type=_utf8_header("application/x-\u202egpj.exe\x1b"))
        runner.invoke(main_cli(), ["ingest", "--db", db, "--allow-private", "--delay", "0",
                                   server.url("/a"), server.url("/b")], catch_exceptions=False)
    rows = sqlite3.connect(db).execute("SELECT reason, detail FROM failures ORDER BY input").fetchall()
    assert len(rows) == 2, rows
    for reason, detail in rows:
        assert not _CONTROL.search(reason + detail) and not _BIDI.search(reason + detail), rows
    assert rows[1][1].endswith("application/x-gpj.exe"), rows  # the text is kept, only the controls go
    shown = runner.invoke(main_cli(), ["stats", "--db", db, "--failures"], catch_exceptions=False, color=True).stdout
    assert "gpj.exe" in shown
    assert not _CONTROL.search(shown) and not _BIDI.search(shown), repr(shown)


def test_a_rejection_built_from_an_exception_message_is_one_clean_line() -> None:
    exc = Rejected("fetch", "bad header\x1b[2J", "server said: \u202eoops\r\nSet-Cookie: x\x07")
    assert exc.reason == "bad header[2J"
    assert exc.detail == "server said: oops Set-Cookie: x"
    assert not _CONTROL.search(str(exc)) and not _BIDI.search(str(exc))


def test_bidi_overrides_leave_titles_and_names_but_not_the_body() -> None:
    rlo, pdf, rli, pdi = "\u202e", "\u202c", "\u2067", "\u2069"
    body = (f"<p>The council met on Tuesday {rli}مرحبا{pdi} to discuss the budget for the coming year, and "
            "members argued for hours about roads, schools and the library before the vote.</p>") * 4
    page = (f"<html><head><title>Invoice {rlo}fdp.exe{pdf} paid</title>"
            f"<meta name=\"author\" content=\"Jane {rlo}eoD\">"
            f"<meta property=\"og:site_name\" content=\"{rli}Daily{pdi} News\">"
            f"<meta name=\"description\" content=\"A {rlo}b\"></head><body><article><h1>Invoice paid</h1>"
            f"{body}</article></body></html>")
    article = extract(RawPage(body=page.encode(), origin="x", url="https://news.example/c"))
    one_line = [article.title or "", article.site_name or "", article.description or "", *article.authors]
    assert not any(_BIDI.search(v) for v in one_line), one_line
    assert article.title == "Invoice fdp.exe paid"
    assert article.site_name == "Daily News"
    assert f"{rli}مرحبا{pdi}" in article.text  # the body keeps them: Arabic and Hebrew writing use them


def main_cli():  # type: ignore[no-untyped-def]
    from newsdesk.cli import main

    return main
