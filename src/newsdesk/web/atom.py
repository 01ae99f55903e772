"""Atom 1.0 feeds out, built with ElementTree so every value is escaped as XML requires."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from newsdesk.web.render import iso_time, safe_url, unmarked

ATOM = "http://www.w3.org/2005/Atom"
# Ids are tag: URIs (RFC 4151), never the address served from: RFC 4287 wants an entry's id
# unchanged for ever, and "http://127.0.0.1:8097/article/253" changed with the host or port.
TAG = "tag:newsdesk,2026:"
# Characters XML 1.0 forbids even when escaped; scraped text does contain them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str:
    return _INVALID_XML.sub("", str(value or ""))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _text(text)
    return el


def atom_feed(*, title: str, self_url: str, html_url: str, base: str, items: list[dict[str, Any]]) -> bytes:
    """A feed of listing rows (id, title, excerpt or snippet, authors, categories, times)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", title)
    _sub(feed, "id", TAG + self_url)
    _sub(feed, "link", rel="self", href=base + self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=base + html_url, type="text/html")
    newest = max((_updated(i) for i in items), default="")
    _sub(feed, "updated", newest or "1970-01-01T00:00:00+00:00")
    _sub(feed, "generator", "newsdesk")
    for item in items:
        _entry(feed, item, base)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _updated(item: dict[str, Any]) -> str:
    return iso_time(item.get("updated") or item.get("sort_key") or item.get("published"))


def _entry(feed: ET.Element, item: dict[str, Any], base: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "title", item.get("title") or "Untitled")
    _sub(entry, "id", f"{TAG}/article/{item['id']}")
    _sub(entry, "link", rel="alternate", href=f"{base}/article/{item['id']}", type="text/html")
    original = safe_url(item.get("canonical_url")) or safe_url(item.get("url"))
    if original:
        _sub(entry, "link", rel="via", href=original)
    _sub(entry, "updated", _updated(item) or "1970-01-01T00:00:00+00:00")
    if item.get("published") and iso_time(item["published"]):
        _sub(entry, "published", iso_time(item["published"]))
    for name in item.get("authors") or []:
        _sub(_sub(entry, "author"), "name", name)
    for name in item.get("categories") or []:
        _sub(entry, "category", term=name)
    summary = unmarked(item.get("snippet")) or item.get("excerpt")
    if summary:
        _sub(entry, "summary", summary, type="text")
