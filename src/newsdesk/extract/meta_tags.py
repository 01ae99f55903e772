"""Meta tags, <link rel> and <time> elements: what a page states in its head for search and social."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_text import clean_ws, node_text


@dataclass
class Tags:
    """The page's <meta> elements, read in one pass (a page has dozens; each look-up used to re-scan).

    first: first value per lower-cased name/property/itemprop/http-equiv (see `meta_map`);
    repeated: every value per lower-cased property-or-name, in page order (see `all_meta`).
    """

    first: dict[str, str] = field(default_factory=dict)
    repeated: dict[str, list[str]] = field(default_factory=dict)

    def all(self, name: str) -> list[str]:
        return list(self.repeated.get(name, ()))


@dataclass
class HeadNodes:
    """The elements metadata is read from, found in one walk of the DOM instead of one per kind
    (each CSS query walks the whole tree: about 0.1 ms a page, and metadata asked a dozen)."""

    metas: list[Any] = field(default_factory=list)
    links: list[Any] = field(default_factory=list)  # <link rel=...>
    ld_scripts: list[Any] = field(default_factory=list)  # <script type="application/ld+json">
    titles: list[Any] = field(default_factory=list)
    h1s: list[Any] = field(default_factory=list)

    def html_title(self) -> Any:
        """The first <title> inside <head>, else the first anywhere (as `head title` then `title`)."""
        for node in self.titles:
            parent = node.parent
            while parent is not None and parent.tag != "head":
                parent = parent.parent
            if parent is not None:
                return node
        return self.titles[0] if self.titles else None


_INDEXED = 'meta, link[rel], script[type="application/ld+json"], title, h1'


def head_nodes(tree: LexborHTMLParser) -> HeadNodes:
    """Every element of the kinds in HeadNodes, in page order, from one CSS query."""
    found = HeadNodes()
    lists = {"meta": found.metas, "link": found.links, "script": found.ld_scripts, "title": found.titles,
             "h1": found.h1s, "": []}
    for node in tree.css(_INDEXED):
        lists[node.tag or ""].append(node)
    return found


def read_tags(tree: LexborHTMLParser, metas: list[Any] | None = None) -> Tags:
    """`meta_map` and every `all_meta` of the page from one walk over its <meta> elements
    (`metas`, when the caller already has them)."""
    tags = Tags()
    for node in tree.css("meta") if metas is None else metas:
        attrs = node.attributes
        content = attrs.get("content") or attrs.get("value")  # some pages (and archivers) use value=
        if not content:
            continue
        cleaned = clean_ws(content)
        key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        if key and cleaned:
            tags.repeated.setdefault(key, []).append(cleaned)
        if not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            name = attrs.get(attr)
            if name:
                tags.first.setdefault(name.strip().lower(), cleaned)
    return tags


def meta_map(tree: LexborHTMLParser) -> dict[str, str]:
    """First value per lower-cased meta name/property/itemprop/http-equiv."""
    return read_tags(tree).first


def all_meta(tree: LexborHTMLParser, name: str) -> list[str]:
    """Every value of a repeatable meta (article:tag, article:section)."""
    return read_tags(tree).all(name)


def link_href(tree: LexborHTMLParser, rel: str, links: list[Any] | None = None) -> str | None:
    for node in tree.css("link[rel]") if links is None else links:
        if rel in (node.attributes.get("rel") or "").lower().split() and node.attributes.get("href"):
            return (node.attributes.get("href") or "").strip() or None
    return None


def time_attr(tree: LexborHTMLParser, selector: str) -> str | None:
    """The machine-readable value of the first element matching `selector`, else its text."""
    node = tree.css_first(selector)
    if node is None:
        return None
    attrs = node.attributes
    return attrs.get("datetime") or attrs.get("content") or attrs.get("data-published") or node_text(node)


def parsely(raw: str | None) -> dict[str, Any]:
    """Parse.ly's page description: a JSON object in <meta name="parsely-page">."""
    if not raw:
        return {}
    data = loads_lenient(raw)
    return data if isinstance(data, dict) else {}


def loads_lenient(raw: str) -> Any:
    """JSON as publishers write it: raw newlines/tabs inside strings, HTML comments around it."""
    raw = re.sub(r"^\s*(<!--|//<!\[CDATA\[)|(-->|//\]\]>)\s*$", "", raw)
    for text in (raw, re.sub(r"[\x00-\x1f]+", " ", raw)):
        try:
            return json.loads(text)
        except ValueError:
            continue
    return None
