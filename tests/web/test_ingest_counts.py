"""The ingest summary counts inputs, /stats counts stored pages: each says which, and the summary
gives the store's counts beside its own, so the two figures never meet unexplained."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from click.testing import CliRunner

from desk_server import running_server

LOGIN = ('<html><head><title>Sign in</title><link rel="canonical" href="https://login.example/"></head>'
         "<body><form><label>User {n}</label><input name=u><input type=password name=p><button>Sign in</button>"
         '</form><a href="/a">Home</a> <a href="/b">Help</a></body></html>')


def test_ingest_says_it_counts_inputs_and_gives_the_stored_counts_stats_shows(tmp_path: Path) -> None:
    # Two saved versions of one login page (one canonical URL): the second replaces the first, so
    # the summary said "not articles 2" and /stats 1, with nothing to say why (the sample store:
    # 14 against 13, two WARC records of https://archive.org/).
    from newsdesk.cli import main

    pages = []
    for n in (1, 2):
        pages.append(tmp_path / f"login{n}.html")
        pages[-1].write_text(LOGIN.format(n=n), encoding="utf-8")
    db = tmp_path / "desk.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--stages", "extract", "-q", *map(str, pages)])
    assert result.exit_code == 0, result.output
    summary, stored = result.output.splitlines()[:2]
    assert summary.startswith("2 inputs: new 0,") and "not articles 2," in summary, summary
    assert stored == "stored: articles 0, not articles 1", stored
    stats = CliRunner().invoke(main, ["stats", "--db", str(db)]).output
    assert "articles 0  not articles 1 " in stats, stats
    with running_server(db) as url:
        page = httpx.get(url + "/stats", timeout=60).text
    # the count leads to the list of those pages (/not-articles)
    assert re.search(r'<strong><a href="/not-articles">1</a></strong> stored pages that are not articles', page), page
