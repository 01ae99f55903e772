"""What is this document? Sniffed from its content, not its file name alone."""

from __future__ import annotations

import codecs
import re
from urllib.parse import urlsplit

from newsdesk.errors import Rejected

_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_SITEMAP = re.compile(rb"<(urlset|sitemapindex)[\s>]", re.I)
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(p|div|article|title)[\s>]", re.I)


_JSON_FEED = re.compile(rb'^\s*\{.{0,4000}?"version"\s*:\s*"https://jsonfeed\.org/version/', re.S)
_WIDE_XML = (b"<\x00?\x00", b"\x00<\x00?")  # "<?" of an XML declaration in UTF-16 LE / BE
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def sniff(body: bytes) -> str:
    """Return one of: "warc", "gzip", "feed", "sitemap", "html", "text".

    "feed" includes JSON Feeds, and feeds (and sitemaps) in UTF-16 or UTF-32: legal XML that
    feedparser and lxml read, but "text" to byte patterns. `newsdesk analyze` called a saved
    UTF-16 or JSON Feed "not an article: no body text" while `ingest` read its items. The same
    holds for HTML: a UTF-16 page (its byte-order mark wins over any header) was read as a
    plain-text scrape of its own markup, and stored with no title and no text.
    """
    if looks_like_json_feed(body):  # before the byte patterns, which call JSON holding "<p>" HTML
        return "feed"
    kind = _sniff_bytes(body)
    if kind == "text" and is_wide(body):
        inner = _sniff_bytes(markup_text(body[:8192]).encode("utf-8", "replace"))
        if inner in ("feed", "sitemap", "html"):
            return inner
    return kind


def looks_like_json_feed(body: bytes) -> bool:
    """A JSON object naming the JSON Feed version near its start (where every producer puts it)."""
    return bool(_JSON_FEED.match(body[:4096].lstrip(b"\xef\xbb\xbf")))


def is_wide(body: bytes) -> bool:
    """UTF-16 or UTF-32 (by byte-order mark or an XML declaration's zero bytes)."""
    return body[:4] in _WIDE_XML or body.startswith(tuple(bom for bom, _ in _WIDE_BOMS))


def markup_text(body: bytes) -> str:
    """Enough of a decoding to find markup, whatever the encoding (UTF-16/32 hide it from bytes)."""
    for bom, name in _WIDE_BOMS:
        if body.startswith(bom):
            return body.decode(name, "replace")
    head = body[:4]
    if head in _WIDE_XML:
        return body.decode("utf-16-le" if head[0] else "utf-16-be", "replace")
    return body.decode("latin-1")  # every byte maps; markup is ASCII in all others


def _sniff_bytes(body: bytes) -> str:
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


def is_web_link(link: str) -> bool:
    """A link that leads to a web page: http(s), or relative. Not javascript:, data:, file:, mailto:
    and the like, which a page, feed or archive may put where its URLs go (a canonical link, a
    feed item's link): kept, they became an article's URL, and its key in the store."""
    try:
        return urlsplit(link.strip()).scheme in ("", "http", "https")
    except ValueError:  # "http://[bad": not a link anyone can follow
        return False


# Elements nested deeper than this are refused before parsing. lexbor's tree building slows
# down faster than the square of the depth for nested blocks (<div>, <ul>, <section>...:
# 10,000 deep 0.14 s, 20,000 1 s, 40,000 8 s; 300,000, a 3 MB page, ran for more than ten
# minutes and grew past 18 GB in `newsdesk ingest`). Real pages stay far below: the deepest of
# the 334 corpus and bench pages nests 50 elements (29 by `nesting_depth`'s estimate), and
# browsers stop nesting at 512 (Chromium's parser adds deeper elements as siblings).
MAX_NESTING_DEPTH = 4096

# Elements that hold no content, and elements whose end tag a parser supplies when the next one
# opens (HTML's optional end tags): neither nests deeper however many a page has.
_VOID = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
                   "img", "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"})
_CLOSED_BY_NEXT = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
                             "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp"})
# Elements whose content is text to the parser: their markup-looking text opens nothing.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)|<!--")


def nesting_depth(html: str, limit: int, xml: bool = False) -> int:
    """How deep the page's elements nest, as an HTML parser would build them, counted up to `limit`.

    An estimate read from the tags in one linear pass (no tree is built): start tags open,
    end tags close, void and optional-end elements never nest, and comments and script,
    style or textarea text are skipped. Counting stops at `limit`. With `xml` (a feed or
    sitemap), an empty-element tag ("<xhtml:link .../>") does not nest either: counted as open,
    the hreflang links of a sitemap of 4,100 URLs added up past the limit, and it was refused
    as "nested too deeply" (so would the Media RSS tags of a long feed be).
    """
    depth = deepest = pos = 0
    lower: str | None = None
    while deepest < limit and (m := _TAG.search(html, pos)) is not None:
        pos = m.end()
        if m.group(0) == "<!--":
            end = html.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
            continue
        name = m.group(2).lower()
        if m.group(1):
            depth = max(depth - 1, 0)
        elif name in _RAW_TEXT:
            lower = lower if lower is not None else html.lower()
            end = lower.find(f"</{name}", pos)
            if end < 0:
                break
            # Past its end tag too: that closes the element this start tag never counted, and
            # counted as a close it took one level off each time, so "<div><script></script>"
            # 100,000 times was 3 deep here and 100,000 deep to lexbor (minutes, gigabytes).
            pos = end + len(name) + 2
        elif name not in _VOID and name not in _CLOSED_BY_NEXT and not (xml and _empty_element(html, pos)):
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _empty_element(markup: str, pos: int) -> bool:
    """Whether the start tag whose name ends at `pos` closes itself ("/>")."""
    end = markup.find(">", pos)
    return end > 0 and markup[end - 1] == "/"


def refuse_deep_nesting(markup: str, stage: str = "extract", reason: str = "page nested too deeply",
                        xml: bool = False) -> None:
    """Rejected(stage, reason) for elements nested past MAX_NESTING_DEPTH (`xml`: see nesting_depth)."""
    if nesting_depth(markup, MAX_NESTING_DEPTH + 1, xml) > MAX_NESTING_DEPTH:
        raise Rejected(stage, reason, f"elements nested more than {MAX_NESTING_DEPTH} deep")
