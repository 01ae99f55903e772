"""HTML pages to Articles: structured metadata first, then the body.

Fallback order (each step only fills what the previous ones left empty):

1. Metadata (`metadata.read_metadata`): JSON-LD (NewsArticle/Article/BlogPosting, @graph
   included), OpenGraph, Dublin Core and meta tags, then byline markup (rel/itemprop=author).
   Dates come only from what the page states; no date on the page gives None.
2. Title: the stated headline with a " | Site Name" / " - Site" part removed, confirmed
   against the page's <h1> when the two disagree about the suffix.
3. Body: the page's text blocks (`body_dom.segment`, on the same lexbor tree) classified by a
   small learned model (`body_model`, trained by tools/train_body_model.py), kept when it is
   sure of itself (see UNSURE_BAND) and finds at least MIN_BODY_WORDS. When it finds enough but
   is unsure, trafilatura's quick and precision passes read the body's region alone first
   (`body_region`, REGION_SHARE), the first to find MIN_BODY_WORDS standing. Otherwise trafilatura
   in precision mode without its fallback comparisons (fast; boilerplate
   such as nav, share bars, comments and related lists removed); when that looks cut short
   (under MIN_BODY_WORDS, or under MIN_SHARE_OF_PARAGRAPHS of the page's <p> words), precision
   mode with its readability/jusText comparison; then trafilatura's default (recall-leaning)
   mode, keeping the longest; the page's <p> elements inside <article>/<main> as a last resort.
   `Article.extractor` names the step that produced the body.
4. Related rail: `newsdesk.extract.related.related_from_html` when that module exists.
5. Kind: `classify.page_kind` decides article vs not_article with a reason.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import numpy as np
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.body_dom import Block, segment
from newsdesk.extract.body_features import units
from newsdesk.extract.body_model import THRESHOLD, body_probabilities, select
from newsdesk.extract.classify import page_kind
from newsdesk.extract.detect import is_web_link, refuse_deep_nesting
from newsdesk.extract.metadata import PageMeta, markup_date, read_metadata
from newsdesk.records import Article, Related, paragraphs_to_text

# A body shorter than this many words is taken as cut short and the next pass is tried.
MIN_BODY_WORDS = 50
# The block classifier's answer stands unless the blocks it is unsure about (probability inside
# UNSURE_BAND) hold more than MAX_UNSURE_SHARE of the characters it keeps; then trafilatura's
# passes decide. Chosen on the classifier's out-of-fold probabilities (tools/train_body_model.py
# --dump), bench/extraction F1 with the fallback taken on N of 131 pages: classifier alone 0.953;
# trafilatura passes alone 0.969; band 0.2-0.8 with share 0.02 -> 0.9755 (70 pages), 0.05 -> 0.9749
# (54), 0.1 -> 0.9749 (33), 0.2 -> 0.972 (19), 0.3 -> 0.971 (14); band 0.1-0.9 0.970-0.974;
# band 0.3-0.7 0.969-0.974. 0.1 keeps three quarters of the pages off trafilatura (speed) on the
# 0.975 plateau.
UNSURE_BAND = (0.2, 0.8)
MAX_UNSURE_SHARE = 0.1
# On such unsure pages trafilatura's quick pass first reads only the region the body is in
# (`body_region`: the deepest element holding REGION_SHARE of the kept-or-unsure blocks'
# characters, then REGION_UP levels up), at a third of the whole page's cost, then its precision
# pass on the region when that finds under MIN_BODY_WORDS; the whole page's passes follow when both do.
# Chosen on the held-out fold models' probabilities (31 unsure pages of 131; /tmp harness, each
# page's F1 against the whole-page passes): share 0.9-0.95 with the floor of UNSURE_BAND anywhere
# in 0.1-0.5 and 1 or 2 levels up all give the same output (2 pages better, none worse; F1 0.9751
# -> 0.9754); 0 levels up loses 3 pages' recall (the lead or the close lies beside the element,
# 0.9723); share 0.8 loses one page whole (0.968). The region's precision pass changes no page.
# Second check, fundus bodies (bench/metadata/fundus/gold_body.jsonl, 258 pages, 67 through the
# region with the shipped model; body F1 0.9526 with the whole-page passes): 1 level up 0.9517,
# 2 levels 0.9536, 3 levels 0.9516. 2: as good as 1 on the held-out folds, better on fundus.
# A region pass's answer stands once it has MIN_BODY_WORDS: the <p>-share test below is a
# whole-page test. Applied to region answers it sent them on to the whole page's passes, which
# gave the same text back: identical text on all 367 pages with a region (127 bench pages with
# the held-out fold models, 240 fundus pages with the shipped model, unsure or not), while 1 of
# the 31 unsure held-out pages (2 on fundus) paid for three more passes (34 ms on that page).
REGION_SHARE = 0.9
REGION_UP = 2
# The whole page's quick pass (trafilatura precision, fast=True: no readability/justext comparison)
# is kept when it holds at least this share of the words in the page's <p> elements. Measured on
# bench/extraction with trafilatura's passes alone on every page
# (F1 / CPU pages/s): 0.0 -> 0.9645 / 50, 0.1-0.15 -> 0.9645, 0.2 -> 0.972, 0.25-0.7 -> 0.969,
# 0.85 -> 0.969 / 31; 0.3 sits inside the stable plateau rather than on the one-page bump at 0.2.
# Rechecked with the classifier in front: dropping it would lift one held-out whole-page answer
# (page F1 0.33 -> 0.99) and spare that page's comparison pass, but over all 131 bench pages read
# by the whole-page passes alone it also costs one (0.99 -> 0), and on the 258 fundus pages it
# changes nothing: one page each way is no evidence, so it stays, for whole-page answers only.
MIN_SHARE_OF_PARAGRAPHS = 0.3
# Characters of the body kept as the excerpt.
EXCERPT_CHARS = 300
# Colons are left alone: "Kicker: Headline" is one headline to most publishers (fundus gold agrees).
_TITLE_SEPARATORS = re.compile(r"\s+(?:-|–|—|::|·|»|/|_)\s+|\s*[|｜_]\s*")


def extract_html(html: str, url: str | None = None, fetched_at: str | None = None) -> Article:
    """One HTML page to one Article (kind "article" or "not_article" with a reason)."""
    refuse_deep_nesting(html)
    tree = LexborHTMLParser(html)
    meta = read_metadata(tree, url)
    paragraphs, extractor = extract_body(html, url, tree)
    text = paragraphs_to_text(paragraphs)
    base = absolute(url, meta.canonical_url) or url
    title = meta.headline or page_title(tree, meta, url or base)  # headline: see meta_title.headline
    # Kind first: a date htmldate finds in markup is no statement that the page is an article.
    kind, reason = page_kind(tree, meta, text, url or base)
    if meta.published is None:
        meta.published = markup_date(html, url)
    return Article(
        kind=kind,
        reason=reason,
        url=url,
        canonical_url=absolute(url, meta.canonical_url),
        site_name=meta.site_name,
        title=title,
        authors=tuple(meta.authors),
        published=meta.published,
        updated=meta.updated if meta.updated != meta.published else None,
        categories=tuple(meta.categories),
        tags=tuple(meta.tags),
        language=_language(text, meta.language),
        text=text,
        paragraphs=tuple(p for p in paragraphs if p.strip()),
        excerpt=_excerpt(paragraphs, meta.description),
        description=meta.description,
        image=absolute(base, meta.image),
        related=tuple(_related(html, base, fetched_at, tree)),
        extractor=extractor,
    )


def extract_body(html: str, url: str | None = None, tree: LexborHTMLParser | None = None) -> tuple[list[str], str]:
    """The body paragraphs and the name of the extractor that produced them (see the module docstring)."""
    tree = tree if tree is not None else LexborHTMLParser(html)
    elements: list[LexborNode] = []
    blocks = segment(tree, elements)
    prob = body_probabilities(blocks)
    paragraphs = select(blocks, prob)
    if sum(units(b) for b, p in zip(blocks, prob, strict=True) if p >= THRESHOLD) >= MIN_BODY_WORDS:
        if unsure_share(blocks, prob) <= MAX_UNSURE_SHARE:
            return paragraphs, "newsdesk-blocks"
        region = body_region(blocks, prob, elements)
        if region is not None:
            return _region_passes(region, url) or _trafilatura_body(html, url, tree)
    return _trafilatura_body(html, url, tree)


def unsure_share(blocks: list[Block], prob: np.ndarray) -> float:
    """Characters of blocks the classifier is unsure about, per character it keeps as body."""
    chars = np.array([b.chars for b in blocks], dtype=np.float64)
    unsure = float(chars[(prob > UNSURE_BAND[0]) & (prob < UNSURE_BAND[1])].sum())
    return unsure / max(1.0, float(chars[prob >= THRESHOLD].sum()))


def body_region(blocks: list[Block], prob: np.ndarray, elements: list[LexborNode]) -> LexborNode | None:
    """The part of the page the body is in, for trafilatura to read instead of the whole page.

    The deepest element holding REGION_SHARE of the characters of the blocks the classifier keeps
    or is unsure about (probability above UNSURE_BAND's floor), then REGION_UP levels up: the
    classifier may score a lead or a closing paragraph low that sits beside that element.
    None when that is the whole <body>. `elements[i]` is the element with id i (body_dom.segment).
    """
    held: dict[int, int] = {}
    depth: dict[int, int] = {}
    total = 0
    for block, p in zip(blocks, prob.tolist(), strict=True):
        if p > UNSURE_BAND[0]:
            total += block.chars
            for d, eid in enumerate(block.ancestors):
                held[eid] = held.get(eid, 0) + block.chars
                depth[eid] = d
    holding = [eid for eid, chars in held.items() if chars >= REGION_SHARE * total]
    if not total or not holding:
        return None
    deepest = max(holding, key=lambda eid: depth[eid])
    path = next(b.ancestors for b in blocks if deepest in b.ancestors)
    up = path[max(0, depth[deepest] - REGION_UP)]
    return elements[up] if depth[up] > 0 else None


def _region_passes(region: LexborNode, url: str | None) -> tuple[list[str], str] | None:
    """trafilatura's quick pass, then its precision pass, on the body's region alone: the first with
    at least MIN_BODY_WORDS words; None when both have fewer (the region missed the body)."""
    import trafilatura

    html = f"<html><body>{region.html or ''}</body></html>"
    options = _trafilatura_options(url)
    for fast in (True, False):  # fast: without the readability/jusText comparison
        found = trafilatura.extract(html, favor_precision=True, fast=fast, **options)
        if found and len(found.split()) >= MIN_BODY_WORDS:
            return _lines(found), "trafilatura-region" if fast else "trafilatura-region-precision"
    return None


def _quick_pass(html: str, url: str | None, paragraph_words: int) -> tuple[list[str] | None, str | None]:
    """trafilatura in precision mode without its fallback comparisons: its lines unless they look cut
    short (`_cut_short`), else None; and its raw text either way."""
    import trafilatura

    quick = trafilatura.extract(html, favor_precision=True, fast=True, **_trafilatura_options(url))
    return (None if not quick or _cut_short(quick, paragraph_words) else _lines(quick)), quick


def _cut_short(text: str, paragraph_words: int) -> bool:
    """Under MIN_BODY_WORDS, or under MIN_SHARE_OF_PARAGRAPHS of `paragraph_words`, the words in the
    page's <p> elements (whole-page answers only: see REGION_SHARE)."""
    words = len(text.split())
    return words < MIN_BODY_WORDS or words < MIN_SHARE_OF_PARAGRAPHS * paragraph_words


def _trafilatura_options(url: str | None) -> dict[str, Any]:
    return {"url": url, "include_comments": False, "include_tables": True, "with_metadata": False}


def _trafilatura_body(html: str, url: str | None, tree: LexborHTMLParser) -> tuple[list[str], str]:
    """trafilatura's passes on the whole page, for pages where the block classifier finds too little
    or its region does."""
    import trafilatura

    found, quick = _quick_pass(html, url, _paragraph_words(tree, html))
    if found:
        return found, "trafilatura-precision-fast"
    options = _trafilatura_options(url)
    full = trafilatura.extract(html, favor_precision=True, **options)
    if full and len(full.split()) >= MIN_BODY_WORDS:
        return _lines(full), "trafilatura-precision"
    recall = trafilatura.extract(html, **options)
    best, name = max([(quick, "trafilatura-precision-fast"), (full, "trafilatura-precision"),
                      (recall, "trafilatura")], key=lambda c: len((c[0] or "").split()))
    if best:
        return _lines(best), name
    paragraphs = _dom_paragraphs(LexborHTMLParser(html))  # a fresh tree: this one strips tags
    return paragraphs, "dom-paragraphs" if paragraphs else "none"


def _paragraph_words(tree: LexborHTMLParser | None, html: str) -> int:
    tree = tree or LexborHTMLParser(html)
    return sum(len(p.text(deep=True).split()) for p in tree.css("p"))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _dom_paragraphs(tree: LexborHTMLParser) -> list[str]:
    """Last resort: the <p> texts of <article>/<main>/<body>; never script or style content."""
    tree.strip_tags(["script", "style", "noscript", "template", "iframe", "svg"])
    scope = tree.css_first("article") or tree.css_first("main") or tree.body
    if scope is None:
        return []
    return [t for p in scope.css("p") if (t := re.sub(r"\s+", " ", p.text(deep=True)).strip())]


# --- title -----------------------------------------------------------------------------


def page_title(tree: LexborHTMLParser, meta: PageMeta, url: str | None) -> str | None:
    """The headline: the stated title without the site's name, or the page's single <h1>.

    Pages with JSON-LD state their headline deliberately, so it wins. Without JSON-LD,
    og:title and <title> are often a social or search variant, and a lone <h1> is what the
    page shows as the headline. Measured on bench/metadata (title exact, fundus / postlight):
    stated title always 0.845 / 0.797; first <h1> always 0.760 / 0.891; this rule 0.837 / 0.899.
    """
    stated = clean_title(meta, _headings(tree), url)
    if meta.ld_types or len(tree.css("h1")) != 1 or (stated and stated != meta.title):
        return stated  # stated deliberately, or already cut down to a heading of the page
    h1 = visible_h1(tree)
    sites = [s for s in (_norm(meta.site_name or ""), _host_name(url)) if s]
    if h1 and _headline_like(h1) and not any(_site_like(h1, s) for s in sites):
        return h1
    return stated


def _headline_like(text: str) -> bool:
    words = text.split()
    # three words, or a CJK headline (no spaces) of some length
    return (len(words) >= 3 or len(text) >= 12 and len(words) == 1) and len(text) <= 300


def visible_h1(tree: LexborHTMLParser) -> str | None:
    """The text of the article's <h1> (the first inside <article>/<main>, else the page's first)."""
    scope = tree.css_first("article") or tree.css_first("main") or tree.body
    node = (scope.css_first("h1") if scope is not None else None) or tree.css_first("h1")
    if node is None:
        return None
    return re.sub(r"\s+", " ", node.text(deep=True)).strip(" |-–—") or None


def clean_title(meta: PageMeta, headings: list[str], url: str | None = None) -> str | None:
    """The headline without the site's name glued on (" | Site", "Site - ", " :: Site")."""
    title = meta.title or (headings[0] if headings else None)
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    sites = [s for s in (_norm(meta.site_name or ""), _host_name(url)) if s]
    candidates = [(j, i) for i in range(len(parts), 0, -1) for j in range(0, i)
                  if not (j == 0 and i == len(parts)) and not any(_site_like(_join(title, parts, j, i), s)
                                                                   for s in sites)]
    heads = {_words(h) for h in headings}
    if _words(title) in heads:
        return title
    # The page's own headings settle which segments are the headline: the longest one that matches.
    matched = [_join(title, parts, j, i) for j, i in candidates if _words(_join(title, parts, j, i)) in heads]
    if matched:
        return max(matched, key=len)
    if len(parts) > 1 and sites:
        if any(_site_like(parts[-1], s) for s in sites):
            return _join(title, parts, 0, len(parts) - 1)
        if any(_site_like(parts[0], s) for s in sites):
            return _join(title, parts, 1, len(parts))
    return title


def _host_name(url: str | None) -> str:
    """"www.theguardian.com" -> "theguardian": what a site's name looks like with spaces removed."""
    host = urlsplit(url or "").hostname or ""
    labels = [x for x in host.split(".") if x not in ("www", "m", "amp", "news", "edition")]
    return labels[0] if labels else ""


def _join(title: str, parts: list[str], start: int, end: int) -> str:
    """parts[start:end] as they were written in `title`, separators included."""
    first, last = parts[start], parts[end - 1]
    i = title.find(first)
    j = title.find(last, i) + len(last)
    return title[i:j].strip()


def _site_like(segment: str, site: str) -> bool:
    seg = _norm(segment)
    squeezed = re.sub(r"[^\w]", "", seg)
    return bool(seg) and (seg == site or seg in site or site in seg
                          or (len(squeezed) > 3 and (squeezed in re.sub(r"[^\w]", "", site)
                                                     or re.sub(r"[^\w]", "", site) in squeezed)))


def _words(s: str) -> str:
    """Word characters only: headings split into spans lose or move their punctuation."""
    return " ".join(re.findall(r"\w+", s.casefold()))


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().casefold()


def _headings(tree: LexborHTMLParser) -> list[str]:
    """Texts that may carry the headline: <h1>s, then title-classed h2s (blogs put the site in h1)."""
    found: list[str] = []
    for node in tree.css('h1, h2[class*="title"], h2[class*="headline"], [itemprop="headline"]'):
        text = re.sub(r"\s+", " ", node.text(deep=True, separator=" ") or "").strip()
        if text and len(found) < 12:
            found.append(text)
    return found


# --- small fields ----------------------------------------------------------------------


def absolute(base: str | None, link: str | None) -> str | None:
    """`link` as an absolute http(s) URL (resolved against `base` when relative), else None."""
    if not link or not is_web_link(link):  # javascript:alert(1) as a canonical link stays out
        return None
    link = link.strip()
    if urlsplit(link).scheme in ("http", "https"):
        return link
    if link.startswith("//"):
        return "https:" + link
    if not base or not is_web_link(base) or urlsplit(base).scheme not in ("http", "https"):
        return None
    try:
        return urljoin(base, link)
    except ValueError:
        return None


def _language(text: str, declared: str | None) -> str | None:
    from newsdesk.understand.language import detect_language

    return detect_language(text, hint=declared)


def _excerpt(paragraphs: list[str], description: str | None) -> str | None:
    if description:
        return description
    first = next((p for p in paragraphs if len(p.split()) >= 8), paragraphs[0] if paragraphs else None)
    if not first:
        return None
    return first if len(first) <= EXCERPT_CHARS else first[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def _related(html: str, base: str | None, fetched_at: str | None, tree: LexborHTMLParser) -> list[Related]:
    """The related rail, read from the page's one lexbor tree."""
    from newsdesk.extract.related import related_from_html

    try:
        return related_from_html(html, base, fetched_at, tree)
    except Exception:  # noqa: BLE001 - a broken rail must not cost us the article
        return []
