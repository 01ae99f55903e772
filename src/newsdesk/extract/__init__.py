"""Extract turns one RawPage into one Article, or raises Rejected with a reason.

HTML and plain-text scrapes are two front doors to the same record:

- decode.py     bytes to text, distrusting declared charsets
- detect.py     what a document is, by content
- html.py       HTML pages: structured metadata first, then the body (see its docstring)
- metadata.py   JSON-LD, OpenGraph and meta tags
- text.py       plain-text scrapes like the seed page
- related.py    the "Recent Posts"/"Related" rail, as links rather than noise
- classify.py   article or not (home pages, listings, error and login pages)
"""

from __future__ import annotations

import dataclasses

from newsdesk.controls import without_bidi
from newsdesk.controls import without_controls as _clean
from newsdesk.errors import Rejected
from newsdesk.extract.decode import decode_bytes
from newsdesk.extract.detect import sniff
from newsdesk.records import Article, RawPage

# A page this size is not an article; parsing it would only cost memory. Matches the fetch cap.
MAX_PAGE_BYTES = 10_000_000


def extract(raw: RawPage, max_bytes: int = MAX_PAGE_BYTES) -> Article:
    """One RawPage to one Article (possibly kind="not_article"); Rejected for unusable input."""
    if len(raw.body) > max_bytes:
        raise Rejected("extract", "page too large", f"{len(raw.body)} bytes > {max_bytes}")
    kind = raw.kind_hint if raw.kind_hint != "auto" else sniff(raw.body)
    if kind in ("feed", "sitemap", "warc", "gzip"):
        raise Rejected("extract", f"not a page: {kind}", "give it to `newsdesk ingest`, which reads it")
    text = decode_bytes(raw.body, raw.headers.get("content-type"))
    if kind == "html":
        from newsdesk.extract.html import extract_html

        article = extract_html(text, url=raw.url, fetched_at=raw.fetched_at)
    else:
        from newsdesk.extract.text import extract_text

        article = extract_text(text, url=raw.url, fetched_at=raw.fetched_at)
    return bounded(without_controls(article))


def without_controls(article: Article) -> Article:
    """The article with control characters taken out of every text field (newsdesk.controls), and
    bidi controls out of every field but the body's text and paragraphs."""
    def maybe(value: str | None) -> str | None:
        return without_bidi(value) if value else value

    def every(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(without_bidi(v) for v in values)

    return article.replace(
        title=maybe(article.title), site_name=maybe(article.site_name), authors=every(article.authors),
        categories=every(article.categories), tags=every(article.tags), description=maybe(article.description),
        excerpt=maybe(article.excerpt), text=_clean(article.text),
        paragraphs=tuple(_clean(p) for p in article.paragraphs),
        related=tuple(dataclasses.replace(r, title=without_bidi(r.title), excerpt=maybe(r.excerpt))
                      for r in article.related))


# Metadata no real page needs more of. A page's own <title> of 2.1 MB, 50,000 article:section or
# article:tag metas, or a 2.5 MB description were stored whole, and then shown on every listing
# card, facet list and filter select of the desk. Far above the corpus: over the 204 HTML pages
# of ../shared that extract, the longest title is 130 characters, description 421, name 41; at
# most 1 author, 2 categories and 6 tags a page.
MAX_TITLE_CHARS = 1_000
MAX_DESCRIPTION_CHARS = 5_000
MAX_NAMES = 50  # authors, categories and tags, each
MAX_NAME_CHARS = 200


def bounded(article: Article) -> Article:
    """The article with its title, description and name lists cut to the limits above."""
    def names(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_cut(v, MAX_NAME_CHARS) for v in values[:MAX_NAMES])

    return article.replace(
        title=_cut(article.title, MAX_TITLE_CHARS) if article.title else article.title,
        description=_cut(article.description, MAX_DESCRIPTION_CHARS) if article.description else article.description,
        authors=names(article.authors), categories=names(article.categories), tags=names(article.tags))


def _cut(text: str, limit: int) -> str:
    """`text`, or its first `limit` characters cut at a space, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    return (head.rsplit(" ", 1)[0] if " " in head[limit // 2:] else head) + "…"
