"""What is this document? Sniffed from its content, not its file name alone."""

from __future__ import annotations

import re

_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_SITEMAP = re.compile(rb"<(urlset|sitemapindex)[\s>]", re.I)
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(p|div|article|title)[\s>]", re.I)


def sniff(body: bytes) -> str:
    """Return one of: "warc", "gzip", "feed", "sitemap", "html", "text"."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head.startswith(b"<?xml") or head[:1] == b"<":
        if _FEED.search(head):
            return "feed"
        if _SITEMAP.search(head):
            return "sitemap"
    if _HTML.search(head) or _HTML.search(body[:65536]):
        return "html"
    return "text"
