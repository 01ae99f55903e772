"""Sitemaps and sitemap indexes (sitemaps.org), with Google News sitemap fields.

Hostile XML is refused first (`safety.refuse_hostile_xml`); lxml then parses with entity
resolution, network access and huge trees all off. Elements are matched by local name,
because real sitemaps often get the namespace wrong. A gzipped sitemap (.xml.gz) is
inflated here, never past the size the caller allows.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from dateutil import parser as dateparser
from lxml import etree

from newsdesk.errors import Rejected
from newsdesk.sources.safety import end_tag, first_entries, join_url, refuse_hostile_xml

# An inflated sitemap may be 50 MB by the sitemaps.org protocol; we stop there.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
# ... and list 50,000 URLs (or child sitemaps). Past that only the first 50,000 are parsed: a
# 136 kB .xml.gz of 1.3 million tiny entries (47 MB inflated) took 42 s and 680 MB to parse,
# for a run that fetches max_feed_items (200) pages of it at most.
MAX_SITEMAP_ENTRIES = 50_000
_ENTRY_END = end_tag("url", "sitemap")


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
    children: tuple[SitemapUrl, ...] = ()  # child sitemaps with their <lastmod>, when this is an index
    cut: bool = False  # more than MAX_SITEMAP_ENTRIES entries: only the first ones were read

    @property
    def sitemaps(self) -> tuple[str, ...]:
        """The child sitemaps' addresses, in index order."""
        return tuple(c.loc for c in self.children)

    @property
    def is_index(self) -> bool:
        return bool(self.children)


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
    body, cut = first_entries(body, _ENTRY_END, MAX_SITEMAP_ENTRIES)
    refuse_hostile_xml(body, "sitemap")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, recover=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise Rejected("sitemap", "not a sitemap", str(exc)[:200]) from exc
    if root is None:
        raise Rejected("sitemap", "not a sitemap", "no XML element")
    # Recovering, lxml stops at its depth limit (256) without a word and keeps what came before.
    if limit := next((e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None):
        raise Rejected("sitemap", "nested too deeply", limit.message[:200])
    name = _name(root)
    if name == "sitemapindex":
        children: dict[str, SitemapUrl] = {}  # by loc: the first listing of a child wins
        for node in _children(root, "sitemap"):
            child = _sitemap_url(node, base_url)
            if child is not None:
                children.setdefault(child.loc, child)
        return Sitemap(children=tuple(children.values()), cut=cut)
    if name == "urlset":
        entries = (_sitemap_url(node, base_url) for node in _children(root, "url"))
        return Sitemap(urls=tuple(entry for entry in entries if entry is not None), cut=cut)
    raise Rejected("sitemap", "not a sitemap", f"root element <{name}>")


def _sitemap_url(node: etree._Element, base: str | None) -> SitemapUrl | None:
    found: dict[str, str] = {}
    for child in node:
        name = _name(child)
        if name in ("loc", "lastmod"):
            _keep(found, name, child)
        elif name == "news":  # Google News: <news:news><news:title>, <news:publication>...
            for item in child:
                part = _name(item)
                if part in ("title", "publication_date"):
                    _keep(found, part, item)
                elif part == "publication":
                    for sub in item:
                        if _name(sub) == "language":
                            _keep(found, "language", sub)
    loc = _url(found.get("loc"), base)
    if loc is None:
        return None
    return SitemapUrl(loc=loc, lastmod=_iso(found.get("lastmod")), news_title=found.get("title"),
                      news_publication_date=_iso(found.get("publication_date")),
                      language=found.get("language"))


def _keep(found: dict[str, str], key: str, el: etree._Element) -> None:
    if key in found:
        return
    try:
        text = el.text
    except UnicodeDecodeError:  # bytes lxml's recovery kept but cannot decode: this value is lost
        return
    if text and text.strip():
        found[key] = " ".join(text.split())


def _name(el: etree._Element) -> str:
    """An element's local name; "" when lxml's recovery kept a tag it cannot decode."""
    try:
        return _local(el.tag)
    except UnicodeDecodeError:
        return ""


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(node: etree._Element, localname: str):  # type: ignore[no-untyped-def]
    return (c for c in node if _name(c) == localname)


def _text(node: etree._Element, localname: str) -> str | None:
    found: dict[str, str] = {}
    for child in _children(node, localname):
        _keep(found, localname, child)
    return found.get(localname)


def _url(loc: str | None, base: str | None) -> str | None:
    if not loc:
        return None
    url = join_url(base, loc)
    return url if url and url.startswith(("http://", "https://")) else None


def _iso(value: str | None) -> str | None:
    """W3C datetime to ISO 8601 with offset; a bare date stays a date (no invented time)."""
    if not value:
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    try:
        when = datetime.fromisoformat(value)  # fast, and takes "Z" since Python 3.11
    except ValueError:
        try:
            when = dateparser.isoparse(value)
        except (ValueError, OverflowError):
            return value
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.isoformat()
