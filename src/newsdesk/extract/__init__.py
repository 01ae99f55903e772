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
    return article
