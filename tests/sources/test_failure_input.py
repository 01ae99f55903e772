"""A URL that fails to fetch is stored in the failures table under that URL (task X12's walkthrough:
the configured feeds failing offline were stored with the whole error message as their input, so
`newsdesk stats --failures` and /failures printed the message twice and never the bare URL)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from loopback import LoopbackServer
from newsdesk.cli import main
from newsdesk.store import open_store


def test_failed_source_and_failed_feed_item_are_stored_under_their_urls(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "f.db"
    with LoopbackServer() as server:
        missing_item = server.url("/gone.html")
        server.add("/feed.xml", (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                                 f"<item><title>Gone</title><link>{missing_item}</link></item></channel></rss>").encode(),
                   content_type="application/rss+xml")
        # .invalid never resolves (RFC 6761): a DNS failure, whose detail names the host, not the URL
        missing_feed = "http://feeds.newsdesk.invalid/world.xml"
        result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--allow-private", "--delay", "0", "--json",
                                           "--stages", "extract", missing_feed, server.url("/feed.xml")])
    assert json.loads(result.stdout)["failed"] == {"fetch: dns failure": 1, "fetch: http 404": 1}
    with open_store(db) as store:
        rows = store.failures(limit=10)
    assert sorted(r["input"] for r in rows) == sorted([missing_feed, missing_item])
    assert all(r["detail"].startswith(r["input"]) for r in rows)
    shown = CliRunner().invoke(main, ["stats", "--db", str(db), "--failures"]).output
    assert f"fetch: dns failure  {missing_feed}  ({missing_feed}: feeds.newsdesk.invalid: " in shown


def test_content_that_is_no_page_is_stored_under_its_url(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"not a page" and "unsupported content" name the URL as the input, the content type in the detail."""
    db = tmp_path / "f.db"
    with LoopbackServer() as server:
        image, item = server.url("/logo.png"), server.url("/report.pdf")
        server.add("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, content_type="image/png")
        server.add("/report.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8, content_type="application/pdf")
        server.add("/feed.xml", (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                                 f"<item><title>Report</title><link>{item}</link></item></channel></rss>").encode(),
                   content_type="application/rss+xml")
        result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--allow-private", "--delay", "0", "--json",
                                           "--stages", "extract", image, server.url("/feed.xml")])
    assert sum(json.loads(result.stdout)["failed"].values()) == 2
    with open_store(db) as store:
        rows = store.failures(limit=10)
    assert sorted(r["input"] for r in rows) == sorted([image, item])
    assert all(r["detail"].startswith(r["input"] + ": ") for r in rows)


def test_unparsable_urls_in_sitemaps_feeds_and_home_pages_never_end_the_batch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """urljoin raises on "http://[bad" (an unclosed IPv6 bracket): it ended the whole ingest."""
    page = "<html><head><title>Harbour</title></head><body><article><p>" + "The ferry ran. " * 40 + "</p></article></body></html>"
    with LoopbackServer() as server:
        server.add("/a.html", page)
        server.add("/b.html", page.replace("Harbour", "Quay"))
        server.add("/sitemap.xml", "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>http://[bad</loc>"
                   f"</url><url><loc>{server.url('/a.html')}</loc></url></urlset>", content_type="application/xml")
        server.add("/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://[bad</link>'
                   f"<item><link>http://[bad/x</link></item><item><link>{server.url('/b.html')}</link></item>"
                   "</channel></rss>", content_type="application/rss+xml")
        server.add("/", '<html><head><link rel="alternate" type="application/rss+xml" href="http://[bad">'
                   '<base href="http://[bad"></head><body><p>Home.</p></body></html>')
        result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "f.db"), "--allow-private", "--delay", "0",
                                           "--json", "--stages", "extract", server.url("/sitemap.xml"),
                                           server.url("/feed.xml"), server.url("/"), "http://[bad.invalid/"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    # The last one given straight: httpx reads "[bad.invalid" as a (percent-encoded) host name.
    assert summary["new"] == 2 and summary["failed"] == {"fetch: dns failure": 1}
