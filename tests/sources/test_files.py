import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from loopback import LoopbackServer
from newsdesk.errors import Rejected
from newsdesk.records import RawPage
from newsdesk.sources.files import Skipped, read_files

from .warc_records import ARTICLE, response_record


def items(tmp_path, max_bytes=10_000_000):
    return list(read_files([tmp_path], max_bytes))


def test_folder_walk_reads_pages_and_skips_non_news_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_bytes(ARTICLE)
    (tmp_path / "sub" / "b.htm.gz").write_bytes(gzip.compress(ARTICLE))
    (tmp_path / "c.txt").write_text("A scrape\n\nSome text.")
    (tmp_path / "README.md").write_text("# not news")
    got = items(tmp_path)
    pages = [i for i in got if isinstance(i, RawPage)]
    assert [p.origin.rsplit("/", 1)[-1] for p in pages] == ["a.html", "c.txt", "b.htm.gz"]
    assert pages[2].body == ARTICLE  # gunzipped
    assert [p.kind_hint for p in pages] == ["html", "text", "html"]  # by content
    assert any(isinstance(i, Skipped) and i.origin.endswith("README.md") for i in got)


def test_named_file_is_judged_by_content_not_name(tmp_path):
    odd = tmp_path / "page.data"
    odd.write_bytes(ARTICLE)
    (page,) = list(read_files([odd], 10_000_000))
    assert isinstance(page, RawPage) and page.kind_hint == "html"


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100_000_000)
    (rej,) = items(tmp_path)
    assert isinstance(rej, Rejected) and rej.reason == "too large"


def test_gzip_bomb_is_refused_after_the_cap(tmp_path):
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000))
    (rej,) = items(tmp_path, max_bytes=1_000_000)
    assert isinstance(rej, Rejected) and rej.reason == "too large"


def _warc(records: list[tuple[str, bytes, str]]) -> bytes:
    return b"".join(response_record(url, body, ctype) for url, body, ctype in records)


def test_warc_response_records_become_pages_others_are_counted(tmp_path):
    data = _warc([("https://news.example/a", ARTICLE, "text/html; charset=utf-8"),
                  ("https://news.example/logo.png", b"\x89PNG....", "image/png")])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    got = items(tmp_path)
    pages = [i for i in got if isinstance(i, RawPage)]
    assert len(pages) == 1 and pages[0].url == "https://news.example/a" and pages[0].body == ARTICLE
    assert pages[0].fetched_at and pages[0].origin.startswith(str(tmp_path / "crawl.warc.gz") + "#")
    assert [i.reason for i in got if isinstance(i, Skipped)] == ["warc response not html"]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "flipped"])
def test_corrupt_warc_record_keeps_the_pages_before_it(tmp_path, damage):
    good = _warc([("https://news.example/a", ARTICLE, "text/html")])
    bad = _warc([("https://news.example/b", ARTICLE, "text/html")])
    corrupt = {"truncated": bad[: len(bad) // 2],
               "garbage": b"this is not a warc record\r\n\r\n" + bad,
               "flipped": bad[:60] + bytes(b ^ 0xFF for b in bad[60:120]) + bad[120:]}[damage]
    (tmp_path / "damaged.warc.gz").write_bytes(good + corrupt)
    got = items(tmp_path)
    # Garbage before a whole record is the bad record, and b after it is read (X27).
    kept = ["https://news.example/a", "https://news.example/b"] if damage == "garbage" else ["https://news.example/a"]
    assert [i.url for i in got if isinstance(i, RawPage)] == kept
    failures = [i for i in got if isinstance(i, Rejected)]
    assert len(failures) == 1 and failures[0].reason == "corrupt record"


def test_warc_text_plain_responses_such_as_robots_txt_are_not_pages(tmp_path):
    data = _warc([("https://news.example/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain"),
                  ("https://news.example/a", ARTICLE, "text/html")])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    got = items(tmp_path)
    assert [i.url for i in got if isinstance(i, RawPage)] == ["https://news.example/a"]
    assert [i.reason for i in got if isinstance(i, Skipped)] == ["warc response not html"]


def test_urls_of_other_schemes_are_refused_by_name_and_any_case_of_http_is_fetched(
        tmp_path: Path, loopback: LoopbackServer) -> None:
    from click.testing import CliRunner

    from newsdesk.cli import main

    loopback.add("/gone", "", status=410)
    sources = ["file:///etc/passwd", "gopher://127.0.0.1:70/", "data:text/html,<p>hi</p>", "javascript:alert(1)",
               loopback.url("/gone").replace("http://", "HTTP://"), str(tmp_path / "missing.html")]
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "n.db"), "--allow-private", "--json",
                                       "--delay", "0", *sources], catch_exceptions=False)
    summary = json.loads(result.stdout)
    assert summary["failed"] == {"fetch: unsupported scheme": 4, "fetch: http 410": 1, "read: no such file": 1}
    assert loopback.hits("/gone")  # the upper-case URL went to the server, not to the file system


def test_warc_records_in_any_content_encoding_are_decoded_and_a_brotli_bomb_stops_at_the_cap(tmp_path):
    import brotli

    bomb = brotli.Compressor(quality=1)
    zeros = b"\0" * (1 << 20)
    bomb_body = b"".join(bomb.process(zeros) for _ in range(64)) + bomb.finish()  # 64 MiB in a few kB
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    records = [("br", brotli.compress(ARTICLE), "no"), ("gzip", gzip.compress(ARTICLE), "no"),
               ("br", bomb_body, "no"), ("identity", ARTICLE, "yes"), ("gzip", gzip.compress(ARTICLE), "yes")]
    for i, (encoding, body, chunked) in enumerate(records):
        if chunked == "yes":  # a crawler that kept the transfer coding too
            body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        headers = [("Content-Type", "text/html"), ("Content-Encoding", encoding)]
        headers += [("Transfer-Encoding", "chunked")] if chunked == "yes" else []
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    (tmp_path / "crawl.warc.gz").write_bytes(out.getvalue())
    got = list(read_files([tmp_path / "crawl.warc.gz"], 10_000_000))
    assert [p.body for p in got if isinstance(p, RawPage)] == [ARTICLE] * 4  # the pages after the bomb too
    (refused,) = [r for r in got if isinstance(r, Rejected)]
    assert refused.reason == "too large" and refused.origin.endswith("#2")


def test_saved_feed_or_sitemap_listing_nothing_is_counted_as_skipped(tmp_path):
    """A saved sitemap or feed naming no page yielded nothing: the file given vanished from the summary."""
    (tmp_path / "empty-sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>')
    (tmp_path / "empty-feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                                            "<item><title>no link</title></item></channel></rss>")
    items = list(read_files([tmp_path], 10_000_000))
    assert sorted((Path(i.origin).name, i.reason) for i in items if isinstance(i, Skipped)) == [
        ("empty-feed.xml", "feed lists no pages"), ("empty-sitemap.xml", "sitemap lists no pages")], items
