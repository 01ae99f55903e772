"""HTML fragments built in Python for the pages served most: listing cards, times, filter options.

A listing page shows 30 cards; as a Jinja macro each card cost ~0.25 ms (macro calls, attribute
lookups, one Markup.format per time), three quarters of an uncached listing page's time
(cProfile over 280 pages of the 100k-article benchmark store). The same HTML built with
f-strings over escaped values costs a tenth of that. Templates keep calling the macros in
_macros.html, which delegate here, so pages and other capabilities' templates are unchanged.

Every value from an article goes through `esc` (html.escape: the five characters the templates'
autoescape escapes) or `url_part` (percent-encoding, as Jinja's urlencode filter).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from newsdesk.web.render import marked, relative_now, time_html


def url_part(value: Any) -> str:
    """A path segment as Jinja's `urlencode` writes it (slashes kept)."""
    return quote(str(value), safe="/")


def truncate(text: str, length: int = 320, leeway: int = 5, end: str = "...") -> str:
    """Jinja's `truncate` filter (whole words, default leeway), without the environment."""
    if len(text) <= length + leeway:
        return text
    return text[:length - len(end)].rsplit(" ", 1)[0] + end


def esc(value: Any) -> str:
    # html.escape, not markupsafe's escape: the same five characters, without building a Markup
    # per call (markupsafe was a sixth of a listing page's time).
    return html.escape(str(value), quote=True)


# Where a card template's relative time goes. Article text cannot produce it: every "<" of an
# article's text is escaped in a card.
RELATIVE = "<!--relative-->"


def card_html(a: Mapping[str, Any], show_excerpt: bool = True) -> Markup:
    """One article in a listing: title, source, byline, relative time, language, excerpt, categories."""
    return Markup(fill_card(card_template(a, show_excerpt), a))


def fill_card(template: str, a: Mapping[str, Any]) -> str:
    """A card template (card_template, or a stored card: web/cards.py) with its relative time filled in."""
    if RELATIVE not in template:
        return template
    return template.replace(RELATIVE, relative_now(a.get("sort_key") or a.get("published")), 1)


def card_template(a: Mapping[str, Any], show_excerpt: bool = True) -> str:
    """card_html with RELATIVE in place of the relative time, the one part that changes with the clock."""
    out = [f'<article class="card">\n  <h3 class="card-title"><a href="/article/{esc(a["id"])}">'
           f'{esc(a.get("title") or "Untitled")}</a></h3>\n  <p class="meta">\n']
    site = a.get("site_name")
    if site:
        out.append(f'    {link("/source/", site, "site")}\n')
    authors = a.get("authors") or []
    if authors:
        out.append(f'    <span class="by">by {", ".join(link("/author/", n) for n in authors[:3])}</span>\n')
    out.append(f'    {_collected(a, time_html(a.get("sort_key") or a.get("published"), relative=RELATIVE))}\n')
    language = a.get("language")
    if language:
        out.append(f'    <span class="lang" lang="{esc(language)}">{esc(language)}</span>\n')
    out.append("  </p>\n")
    excerpt = a.get("excerpt")
    if show_excerpt and excerpt:
        out.append(f'  <p class="excerpt">{esc(truncate(excerpt))}</p>\n')
    categories = a.get("categories") or []
    if categories:
        tags = "".join(f"<li>{link('/category/', c)}</li>" for c in categories[:4])
        out.append(f'  <ul class="tags" aria-label="Categories">{tags}</ul>\n')
    out.append("</article>")
    return "".join(out)


def _collected(a: Mapping[str, Any], time: str) -> str:
    """A listed article's `time`, said to be when it was collected when it is undated: a listing
    places it by when we first stored it, and that time shown bare ("just now", atop the front
    page) read as its publication. One span, so the card's meta keeps the two words together."""
    return time if a.get("published") or not a.get("sort_key") else f'<span class="collected">collected {time}</span>'


@functools.lru_cache(maxsize=4096)
def link(prefix: str, name: str, cls: str = "") -> str:
    """`<a href="{prefix}{name, percent-encoded}">{name}</a>`. Cached: sources, authors and categories
    recur on every page, and quoting plus escaping them was a third of a card's cost."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a{attr} href="{esc(prefix + url_part(name))}">{esc(name)}</a>'


def options_html(rows: Sequence[tuple[str, int]], selected: str | None) -> Markup:
    """`<option>`s of a filter select (name (count)), the chosen one selected."""
    return Markup(_options(tuple(rows), selected if isinstance(selected, str) else None))


@functools.lru_cache(maxsize=256)
def _options(rows: tuple[tuple[str, int], ...], selected: str | None) -> str:
    # Cached: the facet rows change every FACET_TTL seconds, not per request, and the site
    # select alone is 100 options escaped on every page with a filter bar.
    return "".join(f'<option value="{esc(name)}" {"selected" if selected == name else ""}>{esc(name)} ({n})</option>'
                   for name, n in rows)


def sections_html(groups: Sequence[tuple[str | None, Sequence[Mapping[str, Any]]]]) -> Markup:
    """A listing's sections (a heading per category, linked unless it is "Latest") and their cards.

    One string rather than a template loop: Jinja resumes a generator per level of template
    inheritance for every chunk it writes, and a listing writes hundreds.
    """
    out = []
    for index, (name, items) in enumerate(groups, 1):
        if name:
            title = esc(name) if name == "Latest" else link("/category/", name)
            out.append(f'<section class="section" aria-labelledby="sec-{index}">\n'
                       f'  <h2 class="section-title" id="sec-{index}">{title}</h2>\n')
        else:  # a category's own page: no visible section heading, but the outline keeps its level
            out.append(f'<section class="section" aria-labelledby="sec-{index}">\n'
                       f'  <h2 class="visually-hidden" id="sec-{index}">Articles</h2>\n')
        # A stored card (web/cards.py) when the listing query found a current one.
        out.append("".join(fill_card(a["card"], a) if a.get("card") else card_html(a) for a in items))
        out.append("\n</section>\n")
    return Markup("".join(out))


def rail_html(recent: Sequence[Mapping[str, Any]], categories: Sequence[tuple[str, int]]) -> Markup:
    """The listing pages' right rail: the posts most recently added to the store with when they were
    added (said so: the bare "1 minute ago" beside a 2009 report read as its publication), then
    the top categories."""
    if not recent:  # an empty store: the heading stood over an empty list
        return Markup("")
    posts = "".join(f'    <li><a href="/article/{esc(a["id"])}">{esc(a.get("title") or "Untitled")}</a>\n'
                    f'      <span class="meta">added {time_html(a.get("first_seen"))}</span></li>\n' for a in recent)
    out = ['<aside class="rail" aria-labelledby="recent-title">\n  <h2 id="recent-title">Recent posts</h2>\n'
           f'  <ol class="recent">\n{posts}  </ol>\n']
    if categories:
        tags = "".join(f"<li>{link('/category/', name)}</li>" for name, _ in categories[:20])
        out.append(f'  <h2>Categories</h2>\n  <ul class="tags">{tags}</ul>\n')
    out.append("</aside>")
    return Markup("".join(out))


def also_published_html(article_id: Any, copies: int, sources: int, story_id: int | None) -> str:
    """The line under a card: how many other sources published the text (else how many more copies
    of it are stored), linked to the story page, which lists the copies (else the article)."""
    if sources:
        text = f"also published by {sources} source{'s' if sources != 1 else ''}"
    else:
        text = f"{copies} more cop{'ies' if copies != 1 else 'y'} stored"
    href = f"/stories/{story_id}" if story_id is not None else f"/article/{esc(article_id)}"
    return f'  <p class="also-published"><a href="{href}">{text}</a></p>\n'


def _also_published(r: Mapping[str, Any]) -> str:
    """A folded search result's "also published by" line (see also_published_html), else nothing."""
    return also_published_html(r["id"], r["copies"], r["other_sources"], r.get("story_id")) if r.get("copies") else ""


def results_html(results: Sequence[Mapping[str, Any]]) -> Markup:
    """A search page's result items (the `<li>`s of its `<ol class="results">`): title and snippet
    with the matches marked, source, time, language. Python rather than a template loop for the
    reason sections_html gives: the loop was half of an uncached search page's time."""
    out = []
    for r in results:
        title = marked(r["title_marked"]) if r.get("title_marked") else esc(r.get("title") or "Untitled")
        site = r.get("site_name")
        language = r.get("language")
        lang = f'<span class="lang">{esc(language)}</span>' if language else ""
        out.append(
            f'  <li class="card">\n    <h2 class="card-title"><a href="/article/{esc(r["id"])}">{title}</a></h2>\n'
            f'    <p class="meta">{link("/source/", site, "site") if site else ""}'
            f' {_collected(r, time_html(r.get("sort_key") or r.get("published")))}\n'
            f'      {lang}</p>\n'
            f'    <p class="snippet">{marked(r.get("snippet"))}</p>\n'
            f'{_also_published(r)}  </li>\n')
    return Markup("".join(out))
