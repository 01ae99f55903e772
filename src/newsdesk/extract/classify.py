"""Article or not? Home pages, listings, error and login pages become `not_article` with a reason.

The checks run from the most certain to the least:

1. error page     the title or <h1> says 404 / not found / error, and the body is short
2. login page     a password field on a page with little text
3. too little text  fewer than MIN_WORDS words of body
4. home page      the URL is a site root, or structured data calls the page a WebSite
                  and no Article, with a body dominated by teaser links
5. category listing  many teaser headlines (linked h2/h3/h4) relative to the body, a
                  listing URL (/category/, /tag/, /topics/ ...) or a CollectionPage type,
                  and no article signal strong enough to outweigh them

Article signals (JSON-LD Article type, og:type=article, a stated publication date, a body
of several paragraphs) protect a real article that happens to sit beside a long rail.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.metadata import ARTICLE_TYPES, PageMeta

# Fewer body words than this is a stub, a teaser or an empty shell, not an article
# (the shortest corpus article has ~90 words; short wire briefs run 50+).
MIN_WORDS = 40
# An error or login page says what it is in a few words; long text there is an article about errors.
MAX_SHORT_PAGE_WORDS = 150
# Linked teaser headlines per 100 body words above which a page reads as a listing.
TEASERS_PER_100_WORDS = 2.0
MIN_TEASERS = 8

_ERROR = re.compile(
    r"\b(404|410|500|503)\b|page not found|not found|nicht gefunden|introuvable|no encontrada|"
    r"non trovata|niet gevonden|an error occurred|something went wrong|page (?:does not|doesn't) exist",
    re.I,
)
_LISTING_PATH = re.compile(
    r"/(category|categories|tag|tags|topic|topics|section|sections|archive|archives|author|authors|"
    r"search|page|rubrik|themen|thema|kategorie|schlagwort|seite)(/|$)", re.I,
)
_LOGIN = re.compile(r"\b(log ?in|sign ?in|anmelden|connexion|iniciar sesión|password)\b", re.I)


def page_kind(tree: LexborHTMLParser, meta: PageMeta, text: str, url: str | None = None) -> tuple[str, str | None]:
    """("article", None) or ("not_article", "not an article: <why>")."""
    words = len(text.split())
    heading = " ".join(filter(None, [meta.html_title, _h1_text(tree)]))
    if words < MAX_SHORT_PAGE_WORDS and _ERROR.search(heading):
        return "not_article", "not an article: error page"
    if words < MAX_SHORT_PAGE_WORDS and tree.css_first('input[type="password"]') is not None:
        return "not_article", "not an article: login page"
    if words < MAX_SHORT_PAGE_WORDS and _LOGIN.search(heading) and tree.css_first("form") is not None:
        return "not_article", "not an article: login page"
    if words < MIN_WORDS:
        return "not_article", "not an article: too little text"
    strong = _article_signals(meta)
    if _is_root(url) and strong < 2 or _website_only(meta) and strong == 0:
        return "not_article", "not an article: home page"
    teasers = _teaser_count(tree)
    listing_shape = teasers >= MIN_TEASERS and teasers * 100 / max(words, 1) >= TEASERS_PER_100_WORDS
    listing_hint = _is_listing_url(url) or "collectionpage" in meta.ld_types or "itemlist" in meta.ld_types
    if strong < 2 and (listing_shape or listing_hint and teasers >= MIN_TEASERS):
        return "not_article", "not an article: category listing"
    return "article", None


def _article_signals(meta: PageMeta) -> int:
    """How many independent statements say "this page is an article"."""
    signals = 0
    if set(meta.ld_types) & ARTICLE_TYPES:
        signals += 1
    if meta.og_type == "article":
        signals += 1
    if meta.published:
        signals += 1
    return signals


def _website_only(meta: PageMeta) -> bool:
    types = set(meta.ld_types)
    return bool(types) and "website" in types and not types & ARTICLE_TYPES and meta.og_type != "article"


def _is_root(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    return bool(parts.netloc) and path in ("", "/index.html", "/index.htm", "/index.php", "/home") \
        and not parts.query


def _is_listing_url(url: str | None) -> bool:
    return bool(url) and bool(_LISTING_PATH.search(urlsplit(url or "").path))


def _teaser_count(tree: LexborHTMLParser) -> int:
    """Headings that are (or hold) a link: the shape of a list of other articles."""
    count = 0
    for node in tree.css("h2, h3, h4"):
        if node.css_first("a[href]") is not None or (node.parent is not None and node.parent.tag == "a"):
            count += 1
    return count


def _h1_text(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("h1")
    return node.text(deep=True).strip() if node is not None else None
