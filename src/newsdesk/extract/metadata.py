"""Structured metadata of an HTML page: JSON-LD, OpenGraph, Dublin Core and meta tags.

Publishers state title, authors and dates for search engines and social previews far
more reliably than any layout heuristic can recover them, so this is read first. One
module per concern; this one only assembles a `PageMeta` from them:

    meta_jsonld   the JSON-LD node describing the article (ARTICLE_TYPES, PAGE_TYPES)
    meta_tags     <meta>, <link rel>, <time>, Parse.ly's page JSON
    meta_title    the headline (see its docstring for the order of trust)
    meta_authors  authors: JSON-LD, meta tags, byline markup; `clean_authors`
    meta_dates    published / updated; `normalise_date`, `markup_date` (htmldate, markup only)
    meta_text     whitespace, entities and small list helpers

`read_metadata(tree)` returns a `PageMeta`; nothing here guesses: a field the page does
not state stays None or empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_authors import clean_authors, page_authors
from newsdesk.extract.meta_dates import markup_date, normalise_date, published_date, updated_date
from newsdesk.extract.meta_jsonld import (
    ARTICLE_TYPES,
    PAGE_TYPES,
    article_node,
    keywords,
    ld_image,
    ld_name,
    ld_nodes,
    ld_str,
)
from newsdesk.extract.meta_tags import head_nodes, link_href, parsely, read_tags
from newsdesk.extract.meta_text import as_list, first, node_text, split_list, unique
from newsdesk.extract.meta_title import headline, site_in_title, site_names, stated_title

__all__ = ["ARTICLE_TYPES", "PAGE_TYPES", "PageMeta", "clean_authors", "markup_date", "normalise_date",
           "read_metadata"]


@dataclass
class PageMeta:
    title: str | None = None  # the stated title, site name removed (meta_title.stated_title)
    headline: str | None = None  # the headline to show: title or the lone <h1> (meta_title.headline)
    html_title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    image: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    og_type: str | None = None
    ld_types: list[str] = field(default_factory=list)


# Links a page gives to its own site: its feeds and its home. A saved page read without its URL (a
# file) still names its host here ("http://globalvoicesonline.org/feed/").
_OWN_LINKS = ('link[rel="alternate"][type*="rss"], link[rel="alternate"][type*="atom"], link[rel="home"],'
              ' link[rel="start"]')


def _own_link(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first(_OWN_LINKS)
    return node.attributes.get("href") if node is not None else None


def read_metadata(tree: LexborHTMLParser, url: str | None = None) -> PageMeta:
    """Everything the page states about itself, before any look at the body."""
    nodes = head_nodes(tree)
    tags = read_tags(tree, nodes.metas)
    metas = tags.first
    parsely_page = parsely(metas.get("parsely-page"))
    ld, ld_types = article_node(list(ld_nodes(tree, nodes.ld_scripts)))
    meta = PageMeta(ld_types=ld_types)
    meta.html_title = node_text(nodes.html_title())
    publisher = ld_name(ld.get("publisher")) if ld else None
    # Last, the name a <title> gives its host: 2009's Global Voices pages state no other.
    meta.site_name = first(metas.get("og:site_name"), publisher, metas.get("application-name"),
                           metas.get("publisher"), lambda: site_in_title(meta.html_title, url or _own_link(tree)))
    sites = site_names(metas, publisher, url)
    meta.title = stated_title(tree, ld, metas, meta.html_title, sites, nodes.h1s)
    meta.headline = headline(tree, meta.title, bool(ld_types), sites, nodes.h1s)
    meta.authors = page_authors(tree, ld, metas, parsely_page, meta.site_name, url, repeated=tags.all)
    meta.published = published_date(tree, ld, metas, parsely_page)
    meta.updated = updated_date(tree, ld, metas)
    meta.canonical_url = first(link_href(tree, "canonical", nodes.links), metas.get("og:url"))
    meta.description = first(metas.get("og:description"), metas.get("description"),
                             ld_str(ld, "description"), metas.get("twitter:description"))
    meta.image = first(metas.get("og:image"), metas.get("og:image:url"), metas.get("og:image:secure_url"),
                       ld_image(ld), metas.get("twitter:image"), metas.get("twitter:image:src"))
    meta.categories = unique(as_list(ld.get("articleSection") if ld else None)
                             + tags.all("article:section") + split_list(metas.get("parsely-section")))
    meta.tags = unique(tags.all("article:tag") + keywords(ld, metas))
    html = tree.css_first("html")
    meta.language = (html.attributes.get("lang") or html.attributes.get("xml:lang")) if html else None
    meta.language = meta.language or metas.get("og:locale") or metas.get("content-language")
    meta.og_type = (metas.get("og:type") or "").lower() or None
    return meta
