"""collect_url end to end: the corpus served on loopback, reached through feeds, sitemaps and a home page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from loopback import LoopbackServer
from newsdesk.errors import Rejected
from newsdesk.records import RawPage
from newsdesk.settings import Settings
from newsdesk.sources.feeds import parse_feed
from newsdesk.sources.fetch import Fetcher
from newsdesk.sources.state import MemoryFetchState
from newsdesk.sources.web import collect_url, entries_to_pages

from .test_feeds import BOMB, XXE, passwd_lines

FULL_TEXT = "<p>" + "The feed carried the whole story, sentence after sentence. " * 30 + "</p>"


@pytest.fixture
def corpus(shared_dir: Path) -> Iterator[LoopbackServer]:
    with LoopbackServer(root=shared_dir / "corpus") as server:
        server.robots("User-agent: *\nDisallow: /html/wikimedia/\n")
        yield server


def raw_pages(shared_dir: Path, n: int) -> list[dict[str, str]]:
    """The first `n` raw-html pages of the manifest (path, title, ...)."""
    rows = [json.loads(line) for line in (shared_dir / "corpus/manifest.jsonl").read_text().splitlines() if line]
    return [r for r in rows if r["form"] == "raw-html" and r["path"].startswith("html/")][:n]


def rss(items: list[dict[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{escape(i['title'])}</title><link>{escape(i['link'])}</link>"
        f"<pubDate>Wed, 10 Jun 2009 17:22:14 +0000</pubDate>"
        + (f"<description>{escape(i['content'])}</description>" if i.get("content") else "")
        + "</item>" for i in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'.encode()


def run(url: str, settings: Settings, state: MemoryFetchState | None = None) -> list[RawPage | Rejected]:
    state = state if state is not None else MemoryFetchState()
    with Fetcher(settings, state) as fetcher:
        return list(collect_url(url, fetcher, state, settings))


def test_feed_end_to_end(corpus: LoopbackServer, settings: Settings, shared_dir: Path) -> None:
    chosen = raw_pages(shared_dir, 4)
    items = [{"title": r["title"], "link": corpus.url("/" + r["path"])} for r in chosen]
    items.append({"title": "Gone, but carried", "link": corpus.url("/gone-1"), "content": FULL_TEXT})
    items.append({"title": "Gone", "link": corpus.url("/gone-2")})
    items.append({"title": "Blocked", "link": corpus.url("/html/wikimedia/x.html")})
    items.append({"title": "Duplicate", "link": items[0]["link"]})
    corpus.add("/feed.xml", rss(items), content_type="application/rss+xml", etag='"f1"')

    state = MemoryFetchState()
    out = run(corpus.url("/feed.xml"), settings, state)

    pages = [o for o in out if isinstance(o, RawPage)]
    rejected = [o for o in out if isinstance(o, Rejected)]
    assert [p.url for p in pages[:4]] == [i["link"] for i in items[:4]]
    for page, row in zip(pages, chosen, strict=False):
        assert page.body == (shared_dir / "corpus" / row["path"]).read_bytes()
        assert page.origin == page.url and page.source_url == corpus.url("/feed.xml")
        assert page.status == 200 and page.fetched_at and page.fetched_at.endswith("+00:00")
    carried = pages[4]
    assert carried.url == corpus.url("/gone-1") and b"whole story" in carried.body
    assert b'property="article:published_time" content="2009-06-10T17:22:14+00:00"' in carried.body
    assert sorted(r.reason for r in rejected) == ["http 404", "robots.txt disallows"]
    assert {r.detail.split(": ")[0] for r in rejected} == {corpus.url("/gone-2"), items[6]["link"]}
    assert len(pages) == 5 and len(corpus.hits("/" + chosen[0]["path"])) == 1  # duplicate item: one fetch

    # Next run: the feed has not changed (304) and nothing is fetched again.
    for page in pages:
        state.mark_known(page.url or "")
    assert run(corpus.url("/feed.xml"), settings, state) == []
    assert corpus.hits("/feed.xml")[-1].headers.get("if-none-match") == '"f1"'


def test_feed_items_capped_and_resumed(corpus: LoopbackServer, settings: Settings, shared_dir: Path) -> None:
    chosen = raw_pages(shared_dir, 5)
    corpus.add("/feed.xml", rss([{"title": r["title"], "link": corpus.url("/" + r["path"])} for r in chosen]),
               content_type="application/rss+xml", etag='"f1"')
    state = MemoryFetchState()
    capped = settings.replace(max_feed_items=2)
    first = run(corpus.url("/feed.xml"), capped, state)
    assert len(first) == 2 and all(isinstance(p, RawPage) for p in first)
    for page in first:
        state.mark_known(page.url)  # type: ignore[arg-type]
    # Items were left behind, so the feed's validators were dropped: the next run reads it
    # in full (no 304) and takes the next two.
    second = run(corpus.url("/feed.xml"), capped, state)
    assert "if-none-match" not in corpus.hits("/feed.xml")[-1].headers
    assert len(second) == 2 and {p.url for p in second}.isdisjoint({p.url for p in first})  # type: ignore[union-attr]


def manifest_sitemap(corpus: LoopbackServer, rows: list[dict[str, str]]) -> bytes:
    urls = "".join(
        f"<url><loc>{escape(corpus.url('/' + r['path']))}</loc><news:news><news:publication>"
        f"<news:name>X</news:name><news:language>{r['language']}</news:language></news:publication>"
        f"<news:publication_date>{r['published']}</news:publication_date>"
        f"<news:title>{escape(r['title'])}</news:title></news:news></url>" for r in rows)
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()


def test_sitemap_index_end_to_end(corpus: LoopbackServer, settings: Settings, shared_dir: Path) -> None:
    rows = [r for r in (json.loads(x) for x in (shared_dir / "corpus/manifest.jsonl").read_text().splitlines())
            if r.get("published")][:6]
    corpus.add("/s1.xml", manifest_sitemap(corpus, rows[:3]), content_type="application/xml")
    corpus.add("/s2.xml", manifest_sitemap(corpus, rows[3:]), content_type="application/xml")
    corpus.add("/bad.xml", b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "a">]><urlset/>')
    index = "".join(f"<sitemap><loc>{corpus.url(p)}</loc></sitemap>" for p in ("/s1.xml", "/bad.xml", "/s2.xml"))
    corpus.add("/index.xml", f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{index}"
                             "</sitemapindex>", content_type="application/xml")
    out = run(corpus.url("/index.xml"), settings)
    pages = [o for o in out if isinstance(o, RawPage)]
    assert sorted(p.url for p in pages) == sorted(corpus.url("/" + r["path"]) for r in rows)  # type: ignore[misc]
    assert [(r.stage, r.reason) for r in out if isinstance(r, Rejected)] == [("sitemap", "xml entities refused")]
    first_sitemap = [p for p in pages if p.source_url == corpus.url("/s1.xml")]
    dates = [next(r["published"] for r in rows if corpus.url("/" + r["path"]) == p.url) for p in first_sitemap]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_generated_corpus_sitemap_rewritten_to_loopback(corpus: LoopbackServer, settings: Settings,
                                                        shared_dir: Path, tmp_path: Path) -> None:
    """The corpus's own generated GOV.UK news sitemap, its URLs pointed at the served pages."""
    rows = {r["url"]: r for r in (json.loads(x) for x in (shared_dir / "corpus/manifest.jsonl")
                                  .read_text().splitlines())}
    body = (shared_dir / "corpus/feeds/sitemaps/generated-news-sitemap-govuk.xml").read_text()
    served = 0
    for url, row in rows.items():
        if escape(url) in body:
            body = body.replace(f"<loc>{escape(url)}</loc>", f"<loc>{escape(corpus.url('/' + row['path']))}</loc>")
            served += 1
    assert served == body.count("<url>") >= 5  # all point here: no packet may go anywhere else
    (tmp_path / "govuk.xml").write_text(body)
    corpus.add("/govuk.xml", (tmp_path / "govuk.xml").read_bytes(), content_type="application/xml")
    out = run(corpus.url("/govuk.xml"), settings.replace(max_feed_items=5))
    assert len(out) == 5 and all(isinstance(p, RawPage) and p.body.lstrip()[:1] == b"<" for p in out)


def test_home_page_feeds_are_collected(corpus: LoopbackServer, settings: Settings, shared_dir: Path) -> None:
    chosen = raw_pages(shared_dir, 2)
    corpus.add("/feed/", rss([{"title": r["title"], "link": corpus.url("/" + r["path"])} for r in chosen]),
               content_type="application/rss+xml")
    corpus.add("/", '<html><head><link rel="alternate" type="application/rss+xml" href="/feed/"></head>'
                    "<body><p>Front page</p></body></html>")
    out = run(corpus.url("/"), settings)
    assert [p.url for p in out] == [corpus.url("/" + r["path"]) for r in chosen]  # type: ignore[union-attr]


def test_home_page_without_feeds_uses_robots_sitemaps(corpus: LoopbackServer, settings: Settings,
                                                       shared_dir: Path) -> None:
    rows = raw_pages(shared_dir, 3)
    for row in rows:
        row.setdefault("published", "2009-06-10")
    corpus.add("/news-sitemap.xml", manifest_sitemap(corpus, rows), content_type="application/xml")
    corpus.robots(f"User-agent: *\nDisallow: /html/wikimedia/\n\nSitemap: {corpus.url('/news-sitemap.xml')}\n")
    corpus.add("/", "<html><head><title>Front</title></head><body><p>Front page</p></body></html>")
    out = run(corpus.url("/"), settings)
    assert sorted(p.url for p in out) == sorted(corpus.url("/" + r["path"]) for r in rows)  # type: ignore[misc]
    assert all(isinstance(p, RawPage) and p.source_url == corpus.url("/news-sitemap.xml") for p in out)


def test_home_page_with_neither_is_yielded_as_a_page(corpus: LoopbackServer, settings: Settings) -> None:
    corpus.add("/", "<html><head><title>Front</title></head><body><p>Front page</p></body></html>")
    (page,) = run(corpus.url("/"), settings)
    assert isinstance(page, RawPage) and b"Front page" in page.body


def test_article_page_and_other_content(corpus: LoopbackServer, settings: Settings, shared_dir: Path) -> None:
    row = raw_pages(shared_dir, 1)[0]
    (page,) = run(corpus.url("/" + row["path"]), settings)
    assert isinstance(page, RawPage) and page.source_url is None
    assert page.body == (shared_dir / "corpus" / row["path"]).read_bytes()
    corpus.add("/home-no-feeds/", "<html><body><p>Hi</p></body></html>")
    corpus.add("/blob", b"\x00\x01\x02" * 100, content_type="application/octet-stream")
    (other,) = run(corpus.url("/blob"), settings)
    assert isinstance(other, Rejected)


def test_bad_inputs_each_rejected_rest_of_batch_goes_on(corpus: LoopbackServer, settings: Settings,
                                                        shared_dir: Path) -> None:
    corpus.add("/bomb.xml", BOMB, content_type="application/rss+xml")
    corpus.add("/xxe.xml", XXE, content_type="application/rss+xml")
    corpus.redirect("/loop", "/loop2")
    corpus.redirect("/loop2", "/loop")
    corpus.redirect("/to-private", "http://10.0.0.1/")
    corpus.never_answer("/hang")
    corpus.stream("/huge", 100_000_000)
    good = "/" + raw_pages(shared_dir, 1)[0]["path"]
    # Private addresses refused, except exactly our server's, so the redirect to 10.0.0.1 is refused.
    strict = settings.replace(read_timeout=0.5, max_page_bytes=2_000_000, allow_private=False)
    results: dict[str, list[RawPage | Rejected]] = {}
    with Fetcher(strict, state := MemoryFetchState(), allow_addresses=["127.0.0.1"]) as fetcher:
        for path in ["/bomb.xml", "/xxe.xml", "/loop", "/to-private", "/hang", "/huge",
                     "/html/wikimedia/x", good]:
            results[path] = list(collect_url(corpus.url(path), fetcher, state, strict))
    reasons = {path: [r.reason for r in out if isinstance(r, Rejected)] for path, out in results.items()}
    assert reasons == {
        "/bomb.xml": ["xml entities refused"], "/xxe.xml": ["xml entities refused"],
        "/loop": ["redirect loop"], "/to-private": ["private address"], "/hang": ["timeout"],
        "/huge": ["too large"], "/html/wikimedia/x": ["robots.txt disallows"], good: [],
    }
    assert isinstance(results[good][0], RawPage)
    for path, out in results.items():  # each failure names the URL it is about
        assert all(r.detail.startswith(corpus.url(path)) for r in out if isinstance(r, Rejected))
    everything = repr(results) + repr(state.log)
    assert not any(line in everything for line in passwd_lines())


def test_private_targets_refused_by_default(corpus: LoopbackServer) -> None:
    """Without allow_private the loopback server itself, and 10.0.0.1, are refused unsent."""
    for url in (corpus.url("/"), f"http://localhost:{corpus.port}/", "http://10.0.0.1/feed"):
        (out,) = run(url, Settings().replace(request_delay=0.0))
        assert isinstance(out, Rejected) and out.reason == "private address"
    assert corpus.requests == []


def test_entries_to_pages(shared_dir: Path) -> None:
    path = shared_dir / "corpus/feeds/globalvoices-feature-2009-06.links-restored.rss"
    feed = parse_feed(path.read_bytes(), None)
    pages = entries_to_pages(feed, str(path))
    assert len(pages) == len(feed.entries)
    page, entry = pages[0], feed.entries[0]
    assert page.kind_hint == "html" and page.url == entry.url and page.origin == f"{path}#item1"
    html = page.body.decode()
    assert f"<title>{entry.title}" in html or "<title>" in html
    assert f'content="{entry.published}"' in html and f'name="author" content="{entry.authors[0]}"' in html
    teasers = parse_feed((shared_dir / "corpus/feeds/nasa-breaking-news-2021-06.rss").read_bytes(), None)
    assert entries_to_pages(teasers, "nasa.rss") == []  # all skipped: len(entries) - 0 of them


def test_entry_page_reads_as_an_article(shared_dir: Path) -> None:
    """The wrapper page puts title, date and author where the HTML extractor finds them."""
    extract = pytest.importorskip("newsdesk.extract.html").extract_html
    feed = parse_feed((shared_dir / "corpus/feeds/globalvoices-feature-2009-06.links-restored.rss")
                      .read_bytes(), None)
    page, entry = entries_to_pages(feed, "gv.rss")[0], feed.entries[0]
    article = extract(page.body.decode(), url=page.url)
    assert article.title == entry.title
    assert article.published and article.published.startswith(entry.published[:10])  # type: ignore[index]
    assert entry.authors[0] in article.authors


def test_corpus_rss_feed_rewritten_to_loopback(corpus: LoopbackServer, settings: Settings, shared_dir: Path,
                                               tmp_path: Path) -> None:
    """The corpus's real Global Voices feed, its item links pointed at the served pages."""
    rows = {r["url"]: r for r in (json.loads(x) for x in (shared_dir / "corpus/manifest.jsonl")
                                  .read_text().splitlines())}
    text = (shared_dir / "corpus/feeds/globalvoices-feature-2009-06.links-restored.rss").read_text()
    expected = []
    for url, row in rows.items():
        if f"<link>{url}</link>" in text:
            local = corpus.url("/" + row["path"])
            text = text.replace(f"<link>{url}</link>", f"<link>{local}</link>")
            expected.append((local, row["path"]))
    # Every item must point here now: the test must not send a packet anywhere else.
    assert len(expected) == text.count("<item>") >= 10
    (tmp_path / "gv.rss").write_text(text)
    corpus.add("/gv.rss", (tmp_path / "gv.rss").read_bytes(), content_type="application/rss+xml")
    out = run(corpus.url("/gv.rss"), settings)
    fetched = {p.url: p for p in out if isinstance(p, RawPage) and p.status == 200}
    for local, path in expected:
        assert fetched[local].body == (shared_dir / "corpus" / path).read_bytes()
    assert not [r for r in out if isinstance(r, Rejected)]


def test_utf16_feed_and_sitemap_are_read(corpus: LoopbackServer, settings: Settings, shared_dir: Path,
                                          tmp_path: Path) -> None:
    """UTF-16 is legal XML: a feed (with its byte-order mark) and a sitemap (without one) are read."""
    first, second = raw_pages(shared_dir, 2)
    feed = rss([{"title": first["title"], "link": corpus.url("/" + first["path"])}]).decode()
    feed = feed.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>')
    corpus.add("/wide.rss", feed.encode("utf-16"), content_type="application/rss+xml")
    sitemap = ('<?xml version="1.0" encoding="UTF-16LE"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f'<url><loc>{corpus.url("/" + second["path"])}</loc></url></urlset>')
    corpus.add("/wide-sitemap.xml", sitemap.encode("utf-16-le"), content_type="application/xml")
    got = run(corpus.url("/wide.rss"), settings) + run(corpus.url("/wide-sitemap.xml"), settings)
    assert [p.url for p in got if isinstance(p, RawPage)] == [corpus.url("/" + r["path"]) for r in (first, second)]
    # The same feed saved to disk is a feed too (its one item a link, listed for --follow-links).
    from newsdesk.sources.files import FoundLinks, read_files

    (tmp_path / "wide.rss").write_bytes(feed.encode("utf-16"))
    (item,) = read_files([tmp_path / "wide.rss"], 10_000_000)
    assert isinstance(item, FoundLinks) and item.urls == (corpus.url("/" + first["path"]),)


def test_sitemap_index_children_are_read_newest_first(loopback: LoopbackServer, settings: Settings) -> None:
    """An index listing its files oldest first (post-sitemap1..N) must not spend the run on the oldest."""
    entries = []
    for year in range(2020, 2026):
        urls = "".join(f"<url><loc>{loopback.url(f'/{year}/{n}.html')}</loc></url>" for n in (1, 2))
        loopback.add(f"/post-sitemap{year}.xml", f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}"
                     "</urlset>", content_type="application/xml")
        for n in (1, 2):
            loopback.add(f"/{year}/{n}.html", f"<html><head><title>{year} {n}</title></head><body><p>x</p></body></html>")
        entries.append(f"<sitemap><loc>/post-sitemap{year}.xml</loc><lastmod>{year}-06-01T00:00:00Z</lastmod></sitemap>")
    loopback.add("/sitemap_index.xml", "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                 + "".join(entries) + "</sitemapindex>", content_type="application/xml")
    got = run(loopback.url("/sitemap_index.xml"), settings.replace(max_feed_items=4))
    assert sorted(p.url.split("/")[-2] for p in got if isinstance(p, RawPage)) == ["2024", "2024", "2025", "2025"]
    assert not loopback.hits("/post-sitemap2020.xml")


def test_changed_since_reads_lastmod_against_our_fetch_time() -> None:
    from datetime import UTC, datetime, timedelta

    from newsdesk.sources.web import changed_since

    fetched = "2026-03-10T09:30:00+00:00"
    assert changed_since("2026-03-10T10:00:00+00:00", fetched)
    assert changed_since("2026-03-10T11:00:00+01:00", fetched)  # 10:00 UTC
    assert not changed_since("2026-03-10T10:00:00+01:00", fetched)  # 09:00 UTC
    assert not changed_since("2026-03-10", fetched)  # a bare date is that day's midnight
    assert changed_since("2026-03-11", fetched)
    assert not changed_since(None, fetched) and not changed_since("soon", fetched)
    assert not changed_since("2026-03-11", None)  # never fetched by URL (a saved file): not ours to judge
    far = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    assert not changed_since(far, fetched)  # a clock a month ahead would re-fetch the page every run


def _atom(loopback: LoopbackServer, entries: list[tuple[str, str]]) -> bytes:
    """An Atom feed of (path, <updated>) entries."""
    body = "".join(f"<entry><title>{p}</title><link href='{loopback.url(p)}'/><id>{loopback.url(p)}</id>"
                   f"<updated>{u}</updated></entry>" for p, u in entries)
    return f"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>{body}</feed>".encode()


def test_feed_entry_updated_after_our_fetch_is_fetched_again_conditionally(loopback: LoopbackServer,
                                                                            settings: Settings) -> None:
    """An entry's <updated> after our fetch brings its page again, with the stored copy's ETag; 304 is
    NotModified (nothing to extract), a new version a page; an entry not updated is left alone."""
    from datetime import UTC, datetime, timedelta

    from newsdesk.sources.state import NotModified

    def later(hours: int) -> str:
        return (datetime.now(UTC) + timedelta(hours=hours)).isoformat(timespec="seconds")

    old = "2020-01-01T00:00:00Z"
    for path in ("/a.html", "/b.html"):
        loopback.add(path, f"<html><title>{path}</title><p>first</p></html>", etag=f'"{path}-1"')
    state = MemoryFetchState()
    loopback.add("/feed.atom", _atom(loopback, [("/a.html", old), ("/b.html", old)]),
                 content_type="application/atom+xml")
    first = run(loopback.url("/feed.atom"), settings, state)
    assert sorted(p.url for p in first if isinstance(p, RawPage)) == [loopback.url("/a.html"), loopback.url("/b.html")]
    for page in first:
        assert isinstance(page, RawPage) and page.url
        state.mark_known(page.url, page.headers)

    loopback.add("/feed.atom", _atom(loopback, [("/a.html", later(1)), ("/b.html", old)]),
                 content_type="application/atom+xml")
    second = run(loopback.url("/feed.atom"), settings, state)
    assert second == [NotModified(loopback.url("/a.html"))]
    assert loopback.hits("/a.html")[-1].headers.get("if-none-match") == '"/a.html-1"'
    assert len(loopback.hits("/b.html")) == 1

    loopback.add("/a.html", "<html><title>a</title><p>second</p></html>", etag='"/a.html-2"')
    loopback.add("/feed.atom", _atom(loopback, [("/a.html", later(2)), ("/b.html", old)]),
                 content_type="application/atom+xml")
    (third,) = run(loopback.url("/feed.atom"), settings, state)
    assert isinstance(third, RawPage) and b"second" in third.body and third.headers["etag"] == '"/a.html-2"'
