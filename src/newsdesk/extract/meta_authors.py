"""Authors: JSON-LD, meta tags and byline markup, cleaned to person names.

Order of trust: JSON-LD author, meta author / article:author / dc.creator / parsely-author /
sailthru.author / citation_author, Parse.ly's page JSON, then byline markup (rel=author,
itemprop=author, byline classes, author-page links). The first source naming a person wins;
the publisher itself only when no source names a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_jsonld import ld_authors, ld_name
from newsdesk.extract.meta_tags import all_meta
from newsdesk.extract.meta_text import as_list, clean_ws

AUTHOR_METAS = (
    "article:author", "author", "og:article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "citation_author", "byl", "article.author", "twitter:creator:name",
    "twitter:misc:written by", "cxenseparse:author", "dcterms.contributor",
)
# At most this many names are read from one byline element group (real bylines rarely list more).
MAX_BYLINE_NAMES = 4
# A "By/Von ..." text line within this many text pieces after the first <h1> names the writer even
# when the head credits only the publisher. bench/metadata fundus author F1: off 0.921, 5-15 0.921,
# 20-40 0.926 (+2 pages, -1), 80 0.915 (photo credits and teasers further down creep in).
BYLINE_AFTER_HEADLINE = 30


def page_authors(tree: LexborHTMLParser, ld: dict[str, Any], metas: dict[str, str], parsely: dict[str, Any],
                 site: str | None, url: str | None, repeated: Callable[[str], list[str]] | None = None) -> list[str]:
    """The first source naming people; a credit line or the publisher only when no source names a person.

    Many pages credit the publisher in JSON-LD or meta author and the journalist in the
    visible byline; fundus gold takes the person then, and the publisher or a credit line
    ("Redaktion hessenschau.de", "MND Staff") only when that is all the page states.
    `repeated(name)` gives every value of a repeated meta (default: `all_meta` on the tree).
    """
    repeated = repeated or (lambda name: all_meta(tree, name))
    publisher = [site, ld_name(ld.get("publisher")) if ld else None, _host_label(url)]
    publisher += ld_authors(ld, organisations=True)
    fallback: list[str] = []
    for raw in _author_sources(tree, ld, metas, parsely, repeated):
        raw = [_without_affiliation(str(v), publisher) for v in raw]
        people = clean_authors(raw)
        if people and not all(_is_publisher(n, publisher) for n in people):
            # The publisher beside a person stays ("Jane Doe, AFP" is a joint credit), and so does a
            # desk listed as a separate entry beside a person (JSON-LD [Person, "Gear Team"]).
            return clean_authors(raw, keep_credits=True) if len(raw) > 1 else people
        fallback = fallback or clean_authors(raw, keep_credits=True)
    # A "By ..." line in the text is the weakest evidence: photo credits and teasers read the same,
    # so it replaces the publisher only right under the headline, and is read anywhere only when
    # nothing else, not even the publisher, is credited.
    if fallback and all(_is_publisher(n, publisher) for n in fallback):
        return by_line(tree, after_headline=BYLINE_AFTER_HEADLINE) or fallback
    return fallback or by_line(tree)


def _author_sources(tree: LexborHTMLParser, ld: dict[str, Any], metas: dict[str, str], parsely: dict[str, Any],
                    repeated: Callable[[str], list[str]]) -> Iterator[list[Any]]:
    """Author candidates in order of trust, each read only when the ones before named nobody:
    the byline markup search walks the whole DOM, and most pages never need it."""
    yield ld_authors(ld)
    for key in AUTHOR_METAS:
        if metas.get(key):
            yield [metas[key]]
    for key in ("author", "article:author"):
        for value in repeated(key)[1:]:  # repeated metas
            yield [value]
    yield as_list(parsely.get("authors") or parsely.get("author"))
    yield byline_markup(tree)


def _without_affiliation(value: str, publisher: list[str | None]) -> str:
    """"Jane Doe, Daily Planet" -> "Jane Doe"; "Daily Planet, Springfield, USA" -> "Daily Planet".

    A comma part naming the publisher ends the names: what follows it is a place or a role.
    """
    parts = [p.strip() for p in value.split(",")]
    for i, part in enumerate(parts):
        if _is_publisher(part, publisher):
            return ", ".join(parts[: max(i, 1)])
    return value


def _host_label(url: str | None) -> str | None:
    host = urlsplit(url or "").hostname or ""
    labels = [x for x in host.split(".") if x not in ("www", "m", "amp", "news", "edition")]
    return labels[0] if labels else None


def _is_publisher(name: str, publisher: list[str | None]) -> bool:
    squeezed = re.sub(r"\W", "", name.casefold())
    for pub in publisher:
        p = re.sub(r"\W", "", (pub or "").casefold())
        if p and squeezed and (p in squeezed or squeezed in p):
            return True
    return False


# Byline markup, most explicit first. Each selector's first match (and its co-authors in the same
# parent element) is taken, so teaser lists further down the page do not count as authors.
_BYLINE_SELECTORS = (
    '[itemprop="author"], a[rel="author"]',
    '[class*="byline" i] [class*="name" i], [class*="author-name" i], [class*="authorname" i], '
    '[class*="author__name" i], [class*="author_name" i]',
    '[class*="byline" i] a, [class*="author" i] a[href], a[class*="author" i], [class*="byline" i]',
    'a[href*="/author/"], a[href*="/autor/"], a[href*="/authors/"], a[href*="/autoren/"], a[href*="/people/"], '
    'a[href*="/staff/"]',
)


def byline_markup(tree: LexborHTMLParser) -> list[str]:
    """Names in the page's first byline, found by markup (see _BYLINE_SELECTORS)."""
    for selector in _BYLINE_SELECTORS:
        nodes = tree.css(selector)
        first = next((n for n in nodes if not _inside_comments(n)), None)
        if first is None:
            continue
        # Its siblings share its ancestors, which passed: only their own marks are left to check
        # (walking every match's ancestors cost more than the CSS query).
        parent = first.parent.mem_id if first.parent is not None else None
        group = [n for n in nodes if parent is not None and n.parent is not None and n.parent.mem_id == parent
                 and not _marked(n)] or [first]
        names = [name for n in group[:MAX_BYLINE_NAMES] if (name := _node_name(n))]
        if names and clean_authors(names):
            return names
    return []


# A text node that is only "By" / "Von" / "Par" ..., or starts a line with it: a byline's opening word.
_BY_WORD = re.compile(r"^\s*(by|von|par|por|door|af|av|di|da)\b\s*:?\s*", re.I)
# How far up from the "By" text node the byline element is looked for ("<div><span>By</span><a>Name</a></div>").
_BY_LEVELS = 2


def by_line(tree: LexborHTMLParser, after_headline: int | None = None) -> list[str]:
    """Names in the first "By Jane Doe" line of the page when no markup says "author" or "byline".

    With after_headline=N only the first N text pieces after the page's first <h1> are read:
    where a byline sits, and before photo credits and teasers.
    """
    body = tree.body
    if body is None:
        return []
    seen_h1, left = after_headline is None, after_headline or 0
    for node in body.traverse(include_text=True):
        if not seen_h1:
            seen_h1 = node.tag == "h1"
            continue
        # text_content is a text node's own string (None on elements): a fifth of text(deep=False)'s cost,
        # and this loop visits every node of the page (bench pages: 3.5 -> 2.4 ms a walk).
        text = node.text_content
        if text is None or node.tag != "-text":
            continue
        if after_headline is not None:
            if not text.strip():
                continue
            left -= 1
            if left < 0:
                return []
        if _BY_WORD.match(text) and (names := _names_around(node)):
            return names
    return []


def _names_around(text_node: Any) -> list[str]:
    """The names in the element holding a "By" text node, or in its parent ("<p><span>By</span> <a>..")."""
    node = text_node.parent
    for _ in range(_BY_LEVELS):
        if node is None or node.tag in ("script", "style", "body") or _inside_comments(node):
            break
        line = clean_ws(node.text(deep=True, separator=" "))
        if len(line) > 80:
            break
        rest = _BY_WORD.sub("", line, count=1)
        if rest and (names := clean_authors([rest])):
            return names
        node = node.parent
    return []


def _node_name(node: Any) -> str | None:
    inner = node.css_first('[itemprop="name"]')
    if inner is not None and inner.attributes.get("content"):
        return inner.attributes["content"]
    href = (node.attributes.get("href") or "").strip().lower()
    marks = (node.attributes.get("class") or "").lower()
    if href.startswith(("javascript:", "#")) or any(w in marks for w in ("btn", "button", "follow")):
        return None  # a widget's button ("close", "more", "follow author"), not a link to a person
    text = clean_ws((inner or node).text(deep=True, separator=" "))
    return text if text and len(text) < 80 else None


def _inside_comments(node: Any) -> bool:
    """Comment threads and author-bio boxes name people who did not write this article."""
    parent, depth = node, 0
    while parent is not None and depth < 12:
        if _marked(parent):
            return True
        parent, depth = parent.parent, depth + 1
    return False


def _marked(node: Any) -> bool:
    marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()
    return "comment" in marks or "related" in marks or "teaser" in marks


# --- author names ----------------------------------------------------------------------

_BY = re.compile(r"^\s*(by|von|par|por|door|af|av|from|text|texte|written by|autor|author)\s*[:\s]\s*",
                 re.I)
# Conjunctions split only in lower case (or "AND"): "Laura E. Adkins" keeps its middle initial.
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|;|\||·|•|\s/\s|&|\b(?:and|AND|und|et|y|e|og|en|och|i)\b(?!\.))\s*")
# A reporter's title written after the name in Korean, Japanese and Chinese bylines ("신현주 기자").
_ROLE_SUFFIX = re.compile(r"\s*(기자|특파원|記者|特派員|编辑|編集部員|记者)\s*$")
# Words that mark a credit line, not a person (checked as whole lowercase words): such a value is
# kept only as a last resort ("BR24 Redaktion", "MND Staff"), as fundus gold keeps it.
_CREDIT_WORDS = {
    "staff", "editor", "editors", "editorial", "desk", "team", "redaktion", "red", "newsroom", "agency", "agencies",
    "reporter", "reporters", "correspondent", "contributor", "contributors",
}
# Words of page furniture caught by a byline selector: never part of an author's name.
_NOT_NAME_WORDS = {
    "admin", "administrator", "photo", "photos", "foto", "video", "updated", "published", "min", "read", "share",
    "follow", "more", "show", "view", "all", "articles", "posts", "profile", "about", "bio", "website", "home",
    "date", "unknown",
}


def clean_authors(raw: list[str], site_name: str | None = None, keep_credits: bool = False) -> list[str]:
    """Person names from raw author strings: "By Jane Doe and John Roe" gives two names.

    Rejected: URLs, e-mail addresses, dates and credit lines ("Staff", "Newsroom"); a value of
    only rejected parts yields [] so the caller moves on to its next source. Credit lines are
    kept with keep_credits=True. `site_name` is accepted for callers that pass it; the publisher
    is told apart by `page_authors`, not here.
    """
    names: dict[str, str] = {}
    for value in raw:
        value = clean_ws(str(value))
        if re.match(r"(https?:)?//|www\.", value):
            continue  # a profile URL (article:author on Facebook-style pages), not a name
        value = re.sub(r"\s*\([^)]*\)", "", value)  # "Elena Oberholzer (obe)": initials, roles, places
        for part in _author_parts(_BY.sub("", value)):
            name = _ROLE_SUFFIX.sub("", _BY.sub("", part)).strip(" .:-–—|,")
            if _looks_like_name(name, keep_credits):
                names.setdefault(name.casefold(), name)
    return list(names.values())


# Words that head an organisation's name, as bylines of government and institutional pages write
# them ("Department for Environment, Food & Rural Affairs", "Defence Science and Technology
# Laboratory"): in such a name "&", "and" and a comma join its parts, so it is not split there.
_ORG_WORDS = {
    "department", "ministry", "office", "agency", "laboratory", "council", "commission", "committee", "service",
    "institute", "university", "authority", "foundation", "association", "board", "court", "centre", "center",
    "college", "society", "organisation", "organization", "corporation", "executive", "inspectorate", "tribunal",
    "directorate", "secretariat", "bureau", "administration", "parliament", "government", "museum", "academy",
    "federation", "agentur", "ministerium", "ministère", "ministerio", "bundesamt", "amt",
}
# Strong separators always part two authors; the weak ones (comma, conjunctions) only outside an
# organisation's name.
_STRONG_SPLIT = re.compile(r"\s*(?:;|\||·|•|\s/\s)\s*")
_WEAK_JOIN = re.compile(r"&|\b(?:and|und|et|y|e|og|en|och|i)\b", re.I)


def _is_org(part: str) -> bool:
    return any(_org_word(w) for w in part.split())


def _org_word(word: str) -> bool:
    return word[:1].isupper() and word.casefold().strip(".,()") in _ORG_WORDS


def _own_org(part: str) -> bool:
    """A comma part that names an organisation by itself: its first word is an organisation word
    ("Department of Health and Social Care"), or its last is ("Defence Science and Technology
    Laboratory"), "Government" excepted: it ends the tails of ministries' names ("Ministry of
    Housing, Communities & Local Government")."""
    words = part.split()
    return bool(words) and (_org_word(words[0]) or (_org_word(words[-1]) and words[-1].casefold() != "government"))


def _author_parts(value: str) -> list[str]:
    """A byline value cut into one string per author: "Jane Doe and John Roe" in two, but an
    organisation's name whole. In a list of organisations, the comma parts after one that has no
    organisation word of their own, up to one that joins words ("Food & Rural Affairs"), are the
    tail of its name ("Department for Digital, Culture, Media & Sport")."""
    out: list[str] = []
    for chunk in _STRONG_SPLIT.split(value):
        commas = [p.strip() for p in chunk.split(",")]
        if not any(_is_org(p) for p in commas):
            out += _SPLIT_AUTHORS.split(chunk)
            continue
        i = 0
        while i < len(commas):
            end = _tail_end(commas, i) if _own_org(commas[i]) else _head_end(commas, i)
            if end > i or _is_org(commas[i]):
                out.append(", ".join(commas[i:end + 1]))
            else:
                out += _SPLIT_AUTHORS.split(commas[i])
            i = end + 1
    return out


def _head_end(commas: list[str], head: int) -> int:
    """The last comma part of an organisation whose name begins with single words before a part
    that joins words and ends on an organisation word ("Foreign, Commonwealth & Development
    Office" is one author, not "Foreign" and the rest); `head` itself when none does."""
    j = head
    while j < len(commas) and len(commas[j].split()) == 1 and commas[j][:1].isupper() and not _is_org(commas[j]):
        j += 1
    if j == head or j == len(commas):
        return head
    words = commas[j].split()
    return j if _WEAK_JOIN.search(commas[j]) and words and _org_word(words[-1]) else head


def _tail_end(commas: list[str], head: int) -> int:
    """The last comma part of the organisation named from `head` on: `head` itself unless parts
    without an organisation word of their own lead to one that joins words."""
    for j in range(head + 1, len(commas)):
        if _own_org(commas[j]):
            return head
        if _WEAK_JOIN.search(commas[j]):
            return j
    return head


def _looks_like_name(name: str, keep_credits: bool = False) -> bool:
    if not name or len(name) > 60 or "@" in name or "://" in name or name.startswith(("www.", "/")):
        return False
    words = [w.casefold().strip(".,()") for w in name.split()]
    credit = keep_credits and any(w in _CREDIT_WORDS for w in words)
    if (re.search(r"\d", name) and not credit) or not re.search(r"[^\W\d_]", name):
        return False  # digits: a date or a count, except in a desk's name ("BR24 Redaktion")
    if len(words) > (9 if _is_org(name) else 5):  # "Department for Environment, Food & Rural Affairs": 7
        return False
    rejected = _NOT_NAME_WORDS if keep_credits else _NOT_NAME_WORDS | _CREDIT_WORDS
    return not any(w in rejected for w in words)
