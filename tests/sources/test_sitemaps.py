"""Sitemaps: the corpus's real and generated ones, indexes, gzip, and hostile XML."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsdesk.errors import Rejected
from newsdesk.sources.sitemaps import gunzip_bounded, parse_sitemap

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc> https://news.example/a </loc><lastmod>2024-05-01T10:00:00+02:00</lastmod>
    <news:news><news:publication><news:name>N</news:name><news:language>de</news:language></news:publication>
      <news:publication_date>2024-05-01T09:30:00+02:00</news:publication_date>
      <news:title>Eine Nachricht</news:title></news:news></url>
  <url><loc>/relative/b</loc><lastmod>2024-04-30</lastmod></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url><lastmod>2024-04-30</lastmod></url>
</urlset>"""


def test_news_sitemap_fields() -> None:
    sitemap = parse_sitemap(NEWS, "https://news.example/sitemap.xml")
    assert not sitemap.is_index
    a, b = sitemap.urls
    assert (a.loc, a.news_title, a.language) == ("https://news.example/a", "Eine Nachricht", "de")
    assert a.news_publication_date == "2024-05-01T09:30:00+02:00" and a.lastmod == "2024-05-01T10:00:00+02:00"
    assert (b.loc, b.lastmod, b.news_title) == ("https://news.example/relative/b", "2024-04-30", None)


def test_corpus_sitemaps(shared_dir: Path) -> None:
    folder = shared_dir / "corpus/feeds/sitemaps"
    for path in sorted(folder.glob("*.xml")):
        body = path.read_bytes()
        sitemap = parse_sitemap(body, "https://example.invalid/")
        if b"<sitemapindex" in body:
            assert len(sitemap.sitemaps) == body.count(b"<sitemap>") and not sitemap.urls
        else:
            assert len(sitemap.urls) == body.count(b"<loc>"), path.name
        if b"sitemap-news" in body:
            assert all(u.news_title for u in sitemap.urls), path.name


def test_sitemap_index_and_gzip() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://news.example/s1.xml.gz</loc></sitemap>
      <sitemap><loc>https://news.example/s2.xml</loc></sitemap>
      <sitemap><loc>https://news.example/s2.xml</loc></sitemap></sitemapindex>"""
    sitemap = parse_sitemap(gzip.compress(index), None)
    assert sitemap.is_index and sitemap.sitemaps == ("https://news.example/s1.xml.gz", "https://news.example/s2.xml")


def test_wrong_namespace_still_read() -> None:
    body = b"<urlset xmlns='http://www.google.com/schemas/sitemap/0.84'><url><loc>http://a.example/x</loc></url></urlset>"
    assert [u.loc for u in parse_sitemap(body, None).urls] == ["http://a.example/x"]


@pytest.mark.parametrize("body", [
    b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>
        <urlset><url><loc>http://x.example/&b;</loc></url></urlset>""",
    b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <urlset><url><loc>http://x.example/&x;</loc></url></urlset>""",
])
def test_hostile_sitemaps_refused(body: bytes) -> None:
    with pytest.raises(Rejected) as info:
        parse_sitemap(body, None)
    assert (info.value.stage, info.value.reason) == ("sitemap", "xml entities refused")


@pytest.mark.parametrize("body", [b"<rss version='2.0'><channel/></rss>", b"not xml at all", b""])
def test_not_a_sitemap(body: bytes) -> None:
    with pytest.raises(Rejected) as info:
        parse_sitemap(body, None)
    assert info.value.stage == "sitemap"


def test_gzip_bomb_stopped() -> None:
    with pytest.raises(Rejected) as info:
        gunzip_bounded(gzip.compress(b"\0" * 5_000_000), limit=1_000_000)
    assert info.value.reason == "too large"


def test_surrogate_character_reference_loses_only_its_value() -> None:
    """lxml's recovery keeps "&#xD800;" as bytes it cannot decode; reading them raised and ended the batch."""
    body = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            b"<url><loc>http://x.example/a</loc><news:news><news:title>Ri&#xD800;se</news:title></news:news></url>"
            b"<url><loc>http://x.example/b&#xD800;</loc></url><url><loc>http://x.example/c</loc></url></urlset>")
    sitemap = parse_sitemap(body)
    assert [u.loc for u in sitemap.urls] == ["http://x.example/a", "http://x.example/c"]
    assert sitemap.urls[0].news_title is None


@pytest.mark.parametrize("depth", [300, 5000])
def test_sitemap_nested_too_deeply_is_refused_not_read_as_empty(depth: int) -> None:
    """lxml stops at 256 levels and kept what came before: nothing, without a word."""
    body = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "<url>" * depth + "<loc>https://news.example/a</loc>" + "</url>" * depth + "</urlset>").encode()
    with pytest.raises(Rejected) as caught:
        parse_sitemap(body)
    assert (caught.value.stage, caught.value.reason) == ("sitemap", "nested too deeply")


def test_a_sitemap_past_the_protocols_entry_limit_is_read_up_to_it_and_says_so(tmp_path: Path) -> None:
    """1.3 million tiny entries gzip to 136 kB and took 42 s and 680 MB to parse; past 50,000 (the
    sitemaps.org limit) only the first 50,000 are parsed, and the rest is reported, not lost quietly."""
    import time

    from newsdesk.records import RawPage
    from newsdesk.sources.files import FoundLinks, read_files
    from newsdesk.sources.sitemaps import MAX_SITEMAP_ENTRIES

    entries = "".join(f"<url><loc>https://news.example/{i}</loc></url>" for i in range(MAX_SITEMAP_ENTRIES + 5000))
    body = gzip.compress(f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                         f"{entries}</urlset>".encode())
    started = time.perf_counter()
    sitemap = parse_sitemap(body)
    assert time.perf_counter() - started < 20
    assert sitemap.cut and len(sitemap.urls) == MAX_SITEMAP_ENTRIES
    assert sitemap.urls[-1].loc == f"https://news.example/{MAX_SITEMAP_ENTRIES - 1}"
    (tmp_path / "big.xml.gz").write_bytes(body)
    got = list(read_files([tmp_path / "big.xml.gz"], 10_000_000))
    assert [type(i) for i in got] == [Rejected, FoundLinks] and not any(isinstance(i, RawPage) for i in got)
    assert got[0].reason == "too many entries" and len(got[1].urls) == MAX_SITEMAP_ENTRIES


def test_a_sitemap_of_exactly_the_limit_is_read_whole() -> None:
    from newsdesk.sources.sitemaps import MAX_SITEMAP_ENTRIES

    entries = "".join(f"<sm:url><sm:loc>https://news.example/{i}</sm:loc></sm:url>" for i in range(MAX_SITEMAP_ENTRIES))
    sitemap = parse_sitemap(f'<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
                            "</sm:urlset>".encode())
    assert not sitemap.cut and len(sitemap.urls) == MAX_SITEMAP_ENTRIES
