"""The stated headline: JSON-LD headline, og:title, twitter:title, dc.title, markup, <title>."""

from __future__ import annotations

from typing import Any

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_jsonld import ld_str
from newsdesk.extract.meta_text import clean_ws, first


def stated_title(tree: LexborHTMLParser, ld: dict[str, Any], metas: dict[str, str],
                 html_title: str | None) -> str | None:
    """The first non-empty stated title, in the order of trust above."""
    return first(
        ld_str(ld, "headline"), ld_str(ld, "name") if ld else None,
        metas.get("og:title"), metas.get("twitter:title"), metas.get("dc.title"),
        lambda: element_title(tree), html_title,
    )


def element_title(tree: LexborHTMLParser) -> str | None:
    """An RDFa dc:title or microdata headline element with text (Drupal and schema.org markup)."""
    for node in tree.css('[property="dc:title"], [itemprop="headline"]'):
        text = node.attributes.get("content") if node.tag == "meta" else (node.text(deep=True) or "")
        if text and text.strip():
            return clean_ws(text)
    return None
