"""One page is one article: the same bytes from two inputs (a saved file, a WARC record of it) are
stored once, and never overwrite the article another input (a feed item) holds under the URL."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.pipeline import ingest
from newsdesk.settings import Settings
from newsdesk.stages import Stages
from newsdesk.store import open_store

URL = "http://news.example/2009/06/10/ferry-talks/"
PARAS = "".join(f"<p>Paragraph {i} of the report says the ministers met again on Tuesday to discuss the ferry "
                f"timetable, the harbour fees and the new pier, which residents have opposed for years.</p>"
                for i in range(8))
# A saved page that does not say its own URL (no canonical link), as in the sample corpus's html/.
PAGE = (f"<html><head><title>Ferry talks resume</title></head><body><article><h1>Ferry talks resume</h1>"
        f"{PARAS}</article></body></html>").encode()
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>News</title><link>http://news.example/</link><description>d</description>
<item><title>Ferry talks resume</title><link>{URL}</link><pubDate>Wed, 10 Jun 2009 10:00:00 +0000</pubDate>
<content:encoded><![CDATA[{PARAS}]]></content:encoded></item>
</channel></rss>""".encode()


def _warc(url: str, body: bytes) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def test_a_warc_copy_of_a_saved_page_is_that_page_not_an_overwrite_of_the_feed_item(tmp_path: Path) -> None:
    # the sample corpus's order: the feed item, then the saved file, then the WARC of the saved file
    (tmp_path / "1-feed.rss").write_bytes(FEED)
    (tmp_path / "2-page.html").write_bytes(PAGE)
    (tmp_path / "3-crawl.warc.gz").write_bytes(_warc(URL, PAGE))
    with open_store(tmp_path / "n.db") as store:
        summary = ingest([str(tmp_path)], store, Settings(), stages=Stages(("extract",)))
        rows = store.conn.execute("SELECT a.id, a.key, r.origin FROM articles a JOIN raw_pages r ON r.id = a.raw_id"
                                  " ORDER BY a.id").fetchall()
        inputs = dict(store.conn.execute("SELECT origin, article_id FROM inputs").fetchall())
    origins = [r["origin"] for r in rows]
    # the feed item keeps its own raw page; the page is one article, whichever input brought it
    assert len(rows) == 2 and len(set(origins)) == 2, [tuple(r) for r in rows]
    assert origins[0].endswith("1-feed.rss#item1") and origins[1].endswith("2-page.html")
    page_id = rows[1]["id"]
    warc_input = next(o for o in inputs if "3-crawl.warc.gz#" in o)
    assert inputs[warc_input] == page_id
    # a fresh store reports what happened: two new articles, one input that was a page already stored
    assert (summary.new, summary.updated, summary.unchanged) == (2, 0, 1)


def test_the_same_page_ingested_again_from_its_first_input_is_still_unchanged(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(_warc(URL, PAGE))
    (tmp_path / "b.html").write_bytes(PAGE)
    with open_store(tmp_path / "n.db") as store:
        first = ingest([str(tmp_path)], store, Settings(), stages=Stages(("extract",)))
        again = ingest([str(tmp_path)], store, Settings(), stages=Stages(("extract",)))
        keys = [r[0] for r in store.conn.execute("SELECT key FROM articles ORDER BY id")]
    # the WARC came first and keyed the page by its URL; the saved file is the same page
    assert keys == [URL]
    assert (first.new, first.updated, first.unchanged) == (1, 0, 1)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_a_warc_copy_of_a_saved_page_naming_its_url_is_not_an_update(tmp_path: Path) -> None:
    # the saved page names its canonical URL, so both inputs key it the same; the WARC's record
    # only adds the URL the saved file lacked, which used to count as "updated" on a fresh store
    page = PAGE.replace(b"<head>", f'<head><link rel="canonical" href="{URL}">'.encode())
    (tmp_path / "1-page.html").write_bytes(page)
    (tmp_path / "2-crawl.warc.gz").write_bytes(_warc(URL, page))
    with open_store(tmp_path / "n.db") as store:
        summary = ingest([str(tmp_path)], store, Settings(), stages=Stages(("extract",)))
        count = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count == 1
    assert (summary.new, summary.updated, summary.unchanged) == (1, 0, 1)
