"""A page may claim a canonical URL on its own site, never another site's article: a copy on host A
naming host B's stored article as its canonical is stored under its own URL, B's record untouched."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.pipeline import ingest
from newsdesk.settings import Settings
from newsdesk.stages import Stages
from newsdesk.store import open_store
from newsdesk.store.writes import same_site

STORY = "https://www.daily-b.com/2026/03/10/ferry-talks"


def _page(title: str, day: str, canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paras = "".join(f"<p>Paragraph {i} of the report says the ministers met again on {day} to discuss the ferry "
                    f"timetable, the harbour fees and the new pier, which residents have opposed for years.</p>"
                    for i in range(8))
    return f"<html><head><title>{title}</title>{link}</head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def _warc(records: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    return out.getvalue()


def _ingest(tmp_path: Path, records: list[tuple[str, str]]) -> tuple[object, dict[str, tuple[str, str]]]:
    (tmp_path / "crawl.warc.gz").write_bytes(_warc(records))
    settings = Settings(db=str(tmp_path / "n.db"))
    with open_store(settings.db) as store:
        summary = ingest([str(tmp_path / "crawl.warc.gz")], store, settings,
                         stages=Stages(names=("extract",), settings=settings))
        rows = {r["key"]: (r["title"], r["canonical_url"] or "")
                for r in store.conn.execute("SELECT key, title, canonical_url FROM articles")}
    return summary, rows


@pytest.mark.parametrize("order", ["story first", "copy first"])
def test_a_page_on_another_site_naming_a_stored_article_as_canonical_does_not_overwrite_it(tmp_path, order):
    copy = "https://copies-a.net/ferry"
    records = [(STORY, _page("Ferry talks resume", "Tuesday")),
               (copy, _page("Ferry talks are off", "Friday", canonical=STORY))]
    if order == "copy first":
        records.reverse()
    summary, rows = _ingest(tmp_path, records)
    assert (summary.new, summary.updated) == (2, 0), summary  # type: ignore[attr-defined]
    assert rows[STORY][0] == "Ferry talks resume"
    assert rows[copy] == ("Ferry talks are off", STORY)  # stored under its own URL; the claim kept as a link


@pytest.mark.parametrize("order", ["story first", "copy first"])
def test_an_address_finds_its_own_article_before_a_copy_that_claims_it(tmp_path, order):
    """`newsdesk show URL` reads the article stored at that URL, not another site's copy naming it."""
    records = [(STORY, _page("Ferry talks resume", "Tuesday")),
               ("https://copies-a.net/ferry", _page("Ferry talks are off", "Friday", canonical=STORY))]
    if order == "copy first":
        records.reverse()
    _ingest(tmp_path, records)
    with open_store(str(tmp_path / "n.db")) as store:
        assert store.get_article(STORY).title == "Ferry talks resume"


def test_a_page_naming_a_canonical_on_its_own_site_is_that_article(tmp_path):
    # the AMP copy on amp.daily-b.com is the article at www.daily-b.com: a new version of it
    summary, rows = _ingest(tmp_path, [(STORY, _page("Ferry talks resume", "Tuesday")),
                                       ("https://amp.daily-b.com/ferry.amp",
                                        _page("Ferry talks resume", "Wednesday", canonical=STORY))])
    assert (summary.new, summary.updated) == (1, 1), summary  # type: ignore[attr-defined]
    assert list(rows) == [STORY]


def test_a_stored_claim_on_another_sites_url_does_not_keep_that_page_from_being_fetched(tmp_path):
    # A copy naming the loopback page as its canonical is stored first; the page's own feed then
    # lists it, and it is fetched and stored, not skipped as already known.
    from loopback import LoopbackServer

    settings = Settings(db=str(tmp_path / "n.db"), allow_private=True, request_delay=0.0)
    stages = Stages(names=("extract",), settings=settings)
    with LoopbackServer() as server, open_store(settings.db) as store:
        story = server.url("/ferry.html")
        server.add("/ferry.html", _page("Ferry talks resume", "Tuesday"))
        server.add("/feed.rss", f"<rss version='2.0'><channel><title>B</title><item><title>Ferry</title>"
                                f"<link>{story}</link></item></channel></rss>", content_type="application/rss+xml")
        (tmp_path / "copy.warc.gz").write_bytes(_warc([("https://copies-a.net/ferry",
                                                        _page("Ferry talks are off", "Friday", canonical=story))]))
        copied = ingest([str(tmp_path / "copy.warc.gz")], store, settings, stages=stages)
        fed = ingest([server.url("/feed.rss")], store, settings, stages=stages)
        keys = [r[0] for r in store.conn.execute("SELECT key FROM articles ORDER BY id")]
    assert (copied.new, fed.new) == (1, 1), (copied, fed)
    assert keys == ["https://copies-a.net/ferry", story]


@pytest.mark.parametrize(("url", "other", "same"), [
    ("https://www.bbc.co.uk/news/1", "http://amp.bbc.co.uk/1", True),  # subdomains, scheme
    ("https://bbc.co.uk/news/1", "https://itv.co.uk/1", False),  # a public suffix is no site
    ("https://foo.github.io/a", "https://bar.github.io/a", False),  # nor a private one (PSL private part)
    ("https://News.Example.com./a", "https://news.example.com/b", True),  # case, trailing dot
    ("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b", True),  # an IP address: the host alone
    ("http://127.0.0.1/a", "http://localhost/b", False),
    ("http://news.invalid-tld/a", "http://amp.news.invalid-tld/a", False),  # unknown suffix: exact host
    ("http://[bad/x", "http://[bad/x", False),
])
def test_same_site(url, other, same):
    assert same_site(url, other) is same
