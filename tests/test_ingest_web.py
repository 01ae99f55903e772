"""`newsdesk ingest URL` and `newsdesk watch` over a real loopback server serving ../shared/corpus."""

from __future__ import annotations

import json

from click.testing import CliRunner

from loopback import LoopbackServer
from newsdesk.cli import main
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.watch import watch

PAGES = ["html/globalvoices-2009/iran-to-vote-or-not-to-vote.html",
         "html/globalvoices-2009/africa-gay-and-lesbian-voices-in-african-blogosphere.html"]


def feed_xml(server: LoopbackServer, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>{server.url('/' + p)}</link></item>"
                    for i, p in enumerate(paths))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback news</title>'
            f"<link>{server.url('/')}</link>{items}</channel></rss>").encode()


def ingest(db, *args):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--allow-private", "--delay", "0",
                                       "--stages", "extract", "--json", *args], catch_exceptions=False)
    return json.loads(result.stdout)


def test_feed_over_http_is_ingested_once_and_then_not_refetched(tmp_path, shared_dir):
    with LoopbackServer(root=shared_dir / "corpus") as server:
        server.robots("User-agent: *\nDisallow: /private/\n")
        server.add("/feed.xml", feed_xml(server, PAGES + ["private/secret.html"]),
                   content_type="application/rss+xml", etag='"v1"')
        first = ingest(tmp_path / "n.db", server.url("/feed.xml"))
        assert first["new"] == 2
        assert any("robots" in reason for reason in first["failed"])
        hits_before = len(server.requests)
        second = ingest(tmp_path / "n.db", server.url("/feed.xml"))
        new_requests = [r for r in server.requests[hits_before:] if r.path != "/robots.txt"]
    assert second["new"] == 0 and second["updated"] == 0
    # one conditional request for the feed (answered 304); the known articles are not fetched again
    assert [r.path for r in new_requests] == ["/feed.xml"]
    assert {k.lower(): v for k, v in new_requests[0].headers.items()}.get("if-none-match") == '"v1"'
    with open_store(tmp_path / "n.db", readonly=True) as store:
        assert store.stats()["articles"] == 2
        assert store.conn.execute("SELECT COUNT(*) FROM fetch_log").fetchone()[0] >= 4


def test_feed_link_that_redirects_is_not_fetched_again(tmp_path, shared_dir):
    # Feed trackers and short links redirect: the article is stored under its final URL, and the
    # next poll must still recognise the tracking link it was reached through.
    with LoopbackServer(root=shared_dir / "corpus") as server:
        server.redirect("/track/1", "/" + PAGES[0])
        server.add("/feed.xml", feed_xml(server, ["track/1"]), content_type="application/rss+xml")
        first = ingest(tmp_path / "n.db", server.url("/feed.xml"))
        second = ingest(tmp_path / "n.db", server.url("/feed.xml"))
        tracker_hits = len(server.hits("/track/1"))
    assert first["new"] == 1 and second["new"] == 0
    assert tracker_hits == 1


def test_private_address_is_refused_without_allow_private(tmp_path, shared_dir):
    with LoopbackServer(root=shared_dir / "corpus") as server:
        result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "n.db"), "--json",
                                           server.url("/" + PAGES[0])])
        assert server.requests == []
    summary = json.loads(result.stdout)
    assert summary["failed"] == {"fetch: private address": 1} and result.exit_code == 4


def test_watch_backs_off_from_a_failing_source(tmp_path, shared_dir):
    with LoopbackServer(root=shared_dir / "corpus") as server:
        server.add("/feed.xml", feed_xml(server, PAGES[:1]), content_type="application/rss+xml")
        good, bad = server.url("/feed.xml"), server.url("/gone.xml")
        settings = Settings(db=str(tmp_path / "n.db"), sources=(good, bad), allow_private=True,
                            request_delay=0, watch_interval=60)
        lines: list[str] = []
        with open_store(settings.db) as store:
            watch(store, settings, once=True, echo=lines.append)
            rows = {r["url"]: dict(r) for r in store.conn.execute("SELECT * FROM sources")}
            watch(store, settings, once=True, echo=lines.append)  # nothing is due yet
    assert rows[good]["last_status"] == "ok" and rows[good]["fail_count"] == 0
    assert rows[bad]["fail_count"] == 1 and "404" in rows[bad]["last_status"]
    assert rows[bad]["next_fetch_at"] > rows[good]["last_fetch_at"]
    assert len(lines) == 2


def test_reprocess_reruns_extraction_from_the_stored_raw_pages(tmp_path, shared_dir):
    db = tmp_path / "n.db"
    ingest(db, str(shared_dir / "corpus" / PAGES[0]))
    with open_store(db) as store:
        store.conn.execute("UPDATE articles SET title = 'stale', content_hash = 'old', data = json_set(data, '$.title', 'stale')")
    result = CliRunner().invoke(main, ["reprocess", "--db", str(db), "--stages", "extract", "-q"])
    assert "updated 1" in result.output
    with open_store(db, readonly=True) as store:
        (row,) = store.conn.execute("SELECT title FROM articles").fetchall()
        assert row[0] == "Iran: To Vote or not to Vote"
        assert [h["title"] for h in store.search("stale")] == []


def test_parallel_workers_store_the_same_articles(tmp_path, shared_dir):
    one = ingest(tmp_path / "one.db", str(shared_dir / "corpus" / "html" / "globalvoices-2009"))
    two = ingest(tmp_path / "two.db", "--workers", "2", str(shared_dir / "corpus" / "html" / "globalvoices-2009"))
    assert one == two
    snap = []
    for name in ("one.db", "two.db"):
        with open_store(tmp_path / name, readonly=True) as store:
            snap.append(store.conn.execute("SELECT key, content_hash FROM articles ORDER BY key").fetchall())
    assert [tuple(r) for r in snap[0]] == [tuple(r) for r in snap[1]]


def _story(title: str, news: str) -> bytes:
    paras = "".join(f"<p>Paragraph {i}: {news} The council met again on Tuesday to discuss the ferry timetable, "
                    f"the harbour fees and the new pier, which residents have opposed for years.</p>" for i in range(8))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>".encode()


def _dated_sitemap(server: LoopbackServer, lastmods: dict[str, str]) -> bytes:
    urls = "".join(f"<url><loc>{server.url(path)}</loc><lastmod>{when}</lastmod></url>" for path, when in lastmods.items())
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def test_stored_page_is_fetched_again_when_its_sitemap_lastmod_is_newer(tmp_path):
    from datetime import UTC, datetime

    db = tmp_path / "n.db"
    with LoopbackServer() as server:
        server.add("/ferry.html", _story("Ferry talks", "Talks began."), content_type="text/html")
        server.add("/pier.html", _story("Pier vote", "The vote is set."), content_type="text/html")
        old = {"/ferry.html": "2026-01-05", "/pier.html": "2026-01-06T08:00:00+00:00"}
        server.add("/sitemap.xml", _dated_sitemap(server, old), content_type="application/xml", etag='"v1"')
        first = ingest(db, server.url("/sitemap.xml"))
        # The ferry story is edited after we fetched it, and the sitemap says so; the pier's is not.
        server.add("/ferry.html", _story("Ferry talks", "Talks collapsed overnight."), content_type="text/html")
        now = datetime.now(UTC).isoformat()
        server.add("/sitemap.xml", _dated_sitemap(server, {**old, "/ferry.html": now}),
                   content_type="application/xml", etag='"v2"')
        before = len(server.requests)
        second = ingest(db, server.url("/sitemap.xml"))
        second_paths = [r.path for r in server.requests[before:] if r.path != "/robots.txt"]
        before = len(server.requests)
        third = ingest(db, server.url("/sitemap.xml"))  # the same sitemap: 304, and nothing else asked
        third_paths = [r.path for r in server.requests[before:] if r.path != "/robots.txt"]
    assert first["new"] == 2, first
    assert second["updated"] == 1 and second["new"] == 0, second
    assert second_paths == ["/sitemap.xml", "/ferry.html"]  # the pier's lastmod is older than our fetch
    assert third["updated"] == 0 and third["new"] == 0 and third_paths == ["/sitemap.xml"], (third, third_paths)
    with open_store(db, readonly=True) as store:
        texts = [row[0] for row in store.conn.execute("SELECT text FROM articles WHERE title = 'Ferry talks'")]
    assert len(texts) == 1 and "collapsed overnight" in texts[0]
