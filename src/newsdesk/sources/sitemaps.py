"""Sitemaps and sitemap indexes (sitemaps.org), with Google News sitemap fields.

Hostile XML is refused first (`safety.refuse_hostile_xml`); lxml then parses with entity
resolution, network access and huge trees all off. Elements are matched by local name,
because real sitemaps often get the namespace wrong. A gzipped sitemap (.xml.gz) is
inflated here, never past the size the caller allows.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC
from urllib.parse import urljoin

from dateutil import parser as dateparser
from lxml import etree

from newsdesk.errors import Rejected
from newsdesk.sources.safety import refuse_hostile_xml

# An inflated sitemap may be 50 MB by the sitemaps.org protocol; we stop there.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_publication_date: str | None = None
    language: str | None = None

    @property
    def newest_date(self) -> str | None:
        return self.news_publication_date or self.lastmod


@dataclass(frozen=True)
class Sitemap:
    urls: tuple[SitemapUrl, ...] = ()
    sitemaps: tuple[str, ...] = ()  # children, when this is a sitemap index

    @property
    def is_index(self) -> bool:
        return bool(self.sitemaps)


def gunzip_bounded(body: bytes, limit: int = MAX_SITEMAP_BYTES, stage: str = "sitemap") -> bytes:
    """Inflate gzip bytes, refusing anything that grows past `limit`."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise Rejected(stage, "bad gzip", str(exc)) from exc
    if len(out) > limit:
        raise Rejected(stage, "too large", f"inflates past {limit} bytes")
    return out


def parse_sitemap(body: bytes, base_url: str | None = None) -> Sitemap:
    """Parse a sitemap or sitemap index; raise Rejected("sitemap", ...) otherwise."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip_bounded(body)
    if not body.strip():
        raise Rejected("sitemap", "empty input")
    refuse_hostile_xml(body, "sitemap")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, recover=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise Rejected("sitemap", "not a sitemap", str(exc)[:200]) from exc
    if root is None:
        raise Rejected("sitemap", "not a sitemap", "no XML element")
    name = etree.QName(root).localname
    if name == "sitemapindex":
        locs = (_text(child, "loc") for child in _children(root, "sitemap"))
        return Sitemap(sitemaps=tuple(dict.fromkeys(u for loc in locs if (u := _url(loc, base_url)))))
    if name == "urlset":
        return Sitemap(urls=tuple(u for node in _children(root, "url") if (u := _sitemap_url(node, base_url))))
    raise Rejected("sitemap", "not a sitemap", f"root element <{name}>")


def _sitemap_url(node: etree._Element, base: str | None) -> SitemapUrl | None:
    loc = _url(_text(node, "loc"), base)
    if loc is None:
        return None
    news = next(_children(node, "news"), None)
    title = date = language = None
    if news is not None:
        title = _text(news, "title")
        date = _iso(_text(news, "publication_date"))
        publication = next(_children(news, "publication"), None)
        if publication is not None:
            language = _text(publication, "language")
    return SitemapUrl(loc=loc, lastmod=_iso(_text(node, "lastmod")), news_title=title,
                      news_publication_date=date, language=language)


def _children(node: etree._Element, localname: str):  # type: ignore[no-untyped-def]
    return (c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == localname)


def _text(node: etree._Element, localname: str) -> str | None:
    child = next(_children(node, localname), None)
    if child is None or child.text is None:
        return None
    return " ".join(child.text.split()) or None


def _url(loc: str | None, base: str | None) -> str | None:
    if not loc:
        return None
    url = urljoin(base, loc) if base else loc
    return url if url.startswith(("http://", "https://")) else None


def _iso(value: str | None) -> str | None:
    """W3C datetime to ISO 8601 with offset; a bare date stays a date (no invented time)."""
    if not value:
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    try:
        when = dateparser.isoparse(value)
    except (ValueError, OverflowError):
        return value
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.isoformat()
