"""Meta tags, <link rel> and <time> elements: what a page states in its head for search and social."""

from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_text import clean_ws, node_text


def meta_map(tree: LexborHTMLParser) -> dict[str, str]:
    """First value per lower-cased meta name/property/itemprop/http-equiv."""
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content") or attrs.get("value")  # some pages (and archivers) use value=
        if content is None or not content.strip():
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                found.setdefault(name.strip().lower(), clean_ws(content))
    return found


def all_meta(tree: LexborHTMLParser, name: str) -> list[str]:
    """Every value of a repeatable meta (article:tag, article:section)."""
    out = []
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content") or attrs.get("value")
        if (attrs.get("property") or attrs.get("name") or "").strip().lower() == name and content:
            out.append(clean_ws(content))
    return [v for v in out if v]


def link_href(tree: LexborHTMLParser, rel: str) -> str | None:
    for node in tree.css("link[rel]"):
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
