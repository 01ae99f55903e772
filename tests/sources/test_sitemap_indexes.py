"""Sitemap indexes written to make us fetch forever: loops, chains 1,000 deep, and fan-outs
of indexes that list no page at all. Each run stops early, says why once, and moves on."""

from __future__ import annotations

from collections import Counter

from loopback import LoopbackServer
from newsdesk.errors import Rejected
from newsdesk.records import RawPage
from newsdesk.settings import Settings
from newsdesk.sources.fetch import Fetcher
from newsdesk.sources.state import MemoryFetchState
from newsdesk.sources.web import MAX_SITEMAP_DEPTH, MAX_SITEMAP_FILES, collect_url


def index(*locs: str) -> bytes:
    kids = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{kids}</sitemapindex>").encode()


def collect(url: str, settings: Settings) -> list[object]:
    with Fetcher(settings) as fetcher:
        return list(collect_url(url, fetcher, MemoryFetchState(), settings))


def test_an_index_that_lists_itself_and_a_chain_1000_deep_stop_at_the_depth_limit(
        loopback: LoopbackServer, settings: Settings) -> None:
    for n in range(1000):  # /chain/n lists itself and /chain/n+1
        loopback.add(f"/chain/{n}", index(loopback.url(f"/chain/{n}"), loopback.url(f"/chain/{n + 1}")),
                     content_type="application/xml")
    got = collect(loopback.url("/chain/0"), settings)
    fetched = Counter(seen.path for seen in loopback.requests if seen.path != "/robots.txt")
    assert set(fetched.values()) == {1}  # the index listing itself is not fetched again
    assert len(fetched) == MAX_SITEMAP_DEPTH + 1
    assert [(r.reason, r.origin) for r in got if isinstance(r, Rejected)] == [
        ("too deep", loopback.url(f"/chain/{MAX_SITEMAP_DEPTH}"))]


def test_a_fan_out_of_empty_indexes_is_cut_off_after_a_bounded_number_of_files(
        loopback: LoopbackServer, settings: Settings) -> None:
    # /fan lists 50 indexes, each of which lists 50 more: 2,551 index files, not one page.
    loopback.add("/fan", index(*(loopback.url(f"/fan/{i}") for i in range(50))), content_type="application/xml")
    for i in range(50):
        loopback.add(f"/fan/{i}", index(*(loopback.url(f"/fan/{i}/{j}") for j in range(50))),
                     content_type="application/xml")
        for j in range(50):
            loopback.add(f"/fan/{i}/{j}", index(), content_type="application/xml")
    got = collect(loopback.url("/fan"), settings)
    fetched = [seen.path for seen in loopback.requests if seen.path != "/robots.txt"]
    assert len(fetched) == MAX_SITEMAP_FILES + 1  # the index given, then its files; 2,551 before
    reasons = Counter(r.reason for r in got if isinstance(r, Rejected))
    assert reasons["too many sitemaps"] == 1, reasons
    assert not [r for r in got if isinstance(r, RawPage)]


def test_a_gzipped_sitemap_bomb_is_refused_as_too_large(loopback: LoopbackServer, settings: Settings) -> None:
    """2 GiB of XML in 2 MB of .xml.gz: refused once the inflated size passes the sitemap cap, and
    said so (it was "unsupported content: gzip", after inflating 50 MB only to sniff it)."""
    import zlib

    from newsdesk.sources.sitemaps import MAX_SITEMAP_BYTES

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')]
    parts += [packer.compress(b" " * (1 << 20)) for _ in range(MAX_SITEMAP_BYTES // (1 << 20) + 8)]
    loopback.add("/sitemap.xml.gz", b"".join([*parts, packer.flush()]), content_type="application/gzip")
    (refused,) = collect(loopback.url("/sitemap.xml.gz"), settings)
    assert isinstance(refused, Rejected) and (refused.stage, refused.reason) == ("sitemap", "too large")
