"""The headline a page states: JSON-LD headline, og:title, twitter:title, dc.title, markup, <title>.

Each stated title is first cut free of the site's name ("Headline | Site", "Site - Headline",
"Headline：サイト", "Headline * Site * by Author"), the site being whatever the page calls itself
(og:site_name, the JSON-LD publisher, application-name) or its host name. Then:

- JSON-LD headline and og:title are the two deliberate statements. A value cut short (an
  attribute ended by an unescaped quote) is dropped. When they still differ, the one that the
  <title> (written for search engines) does not repeat wins; else the shorter, as fundus's
  attribute guidelines ask ("as short as possible").
- Otherwise the first of twitter:title, dc.title, a headline element, <title>, cleaned.

`headline` then decides between that and the page's lone <h1> on pages without JSON-LD.

Measured on bench/metadata fundus, title exact through extract_html's page_title (variants on a
dev harness): JSON-LD first 0.837 (the old rule), og:title first 0.826, shorter of the two 0.841,
+ cut-short check 0.860; then between the two, the one fewer of the other sources repeat:
counting twitter:title+<title>+<h1> 0.872, twitter+<title> 0.888, <title> alone 0.892, <h1>
alone 0.857, twitter alone 0.860; majority vote over all five sources 0.798. <title> alone wins
on both halves of the publishers (split alternately by name): 114/129 and 118/129 against
111 and 116 for all three. Postlight (almost no JSON-LD) 0.913 for all of these.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_jsonld import ld_str
from newsdesk.extract.meta_text import clean_ws, first

# Separators between a headline and the site's name. Colons only in their full-width form: an
# ASCII colon usually joins a kicker to its headline ("Kicker: Headline"), a part we keep.
_SEPARATORS = re.compile(r"\s+(?:[-–—*·»/_~]|::)\s+|\s*[|｜：ㅣ]\s*")
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
                             "\u2013": "-", "\u2014": "-", "\u00ad": None, "\u200b": None})
# For matching against the page's headings only: also "Headline_Section_Site" (bare underscores).
_SEGMENTS = re.compile(_SEPARATORS.pattern + r"|\s*_\s*")
# Elements that may carry the headline text (blogs put the site's name in <h1> and the headline in h2).
_HEADINGS = 'h1, h2[class*="title"], h2[class*="headline"], [itemprop="headline"]'
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_QUOTES = "\"'„“”«»‘’"
# Host labels that say nothing about the site's name.
_HOST_NOISE = {"www", "m", "amp", "news", "edition", "mobile", "com", "org", "net", "co", "de", "uk"}


def stated_title(tree: LexborHTMLParser, ld: dict[str, Any], metas: dict[str, str], html_title: str | None,
                 sites: list[str] | None = None, h1s: list[Any] | None = None) -> str | None:
    """The page's headline from its stated titles (see the module docstring), site name removed."""
    sites = [s for s in (sites or []) if s]
    ld_title = strip_site(first(ld_str(ld, "headline"), ld_str(ld, "name") if ld else None), sites)
    og_title = strip_site(metas.get("og:title"), sites)
    search_title = strip_site(html_title, sites)
    chosen = _pick(ld_title, og_title, search_title,
                   lambda: [strip_site(metas.get("twitter:title"), sites), search_title, _first_h1(tree, h1s)])
    return chosen or strip_site(first(metas.get("twitter:title"), metas.get("dc.title"),
                                      lambda: element_title(tree), html_title), sites)


def _pick(ld_title: str | None, og_title: str | None, search_title: str | None,
          others: Callable[[], list[str | None]]) -> str | None:
    """JSON-LD headline or og:title: a value cut short is dropped, then the one <title> does not
    repeat, then the shorter. `others` (the remaining sources) is read only when the two differ."""
    pool = [t for t in (ld_title, og_title) if t]
    if len(pool) < 2 or _same(pool[0], pool[1]):
        return pool[0] if pool else None  # a lone value stays even when cut short: nothing to replace it
    seen = [*pool, *(o for o in others() if o)]
    pool = [t for t in pool if not _cut_short(t, seen)] or pool
    if len(pool) == 1:
        return pool[0]
    # <title> is written for search engines; when one of the two repeats it and the other does
    # not, the other is the headline the publisher wrote for the article.
    if search_title and _same(pool[0], search_title) != _same(pool[1], search_title):
        return pool[1] if _same(pool[0], search_title) else pool[0]
    return min(pool, key=len)


def _cut_short(title: str, others: list[str]) -> bool:
    """An attribute value ended by an unescaped quote: another source goes on with '"...'."""
    key = _fold(title)
    rests = [_fold(o)[len(key):].lstrip() for o in others if _fold(o).startswith(key)]
    return any(rest[:1] in _QUOTES for rest in rests if rest)


def _same(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


@functools.lru_cache(maxsize=4096)
def _fold(s: str) -> str:
    """Case, spacing, quote and dash style ignored: typographic variants of one headline are one headline."""
    s = unicodedata.normalize("NFKC", s).translate(_TYPOGRAPHY)
    return re.sub(r"\s+", " ", s).strip().casefold()


def _first_h1(tree: LexborHTMLParser, h1s: list[Any] | None = None) -> str | None:
    node = tree.css_first("h1") if h1s is None else (h1s[0] if h1s else None)
    return clean_ws(node.text(deep=True) or "") if node is not None else None


def site_names(metas: dict[str, str], publisher: str | None, url: str | None) -> list[str]:
    """What the page calls its site, and its host's distinctive label ("theguardian")."""
    names = [metas.get("og:site_name"), publisher, metas.get("application-name"), metas.get("publisher"),
             metas.get("twitter:site", "").lstrip("@") or None]
    names.append(_site_label(urlsplit(url or "").hostname or ""))
    return [n for n in names if n]


def _site_label(host: str) -> str | None:
    """The host's label that names the site: the last label is the top-level domain, whatever its
    length (.com, .news, .example); of the rest, the one nearest it (blogs.spiegel.de, www.bbc.co.uk)."""
    labels = [x for x in host.split(".")[:-1] if x not in _HOST_NOISE]
    return labels[-1] if labels else None


# A title segment written as a host name ("Blogs | data.gov.uk"): the site names itself by its address.
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.I)


def site_in_title(title: str | None, url: str | None, whole: bool = False) -> str | None:
    """The site's name as a title writes it, for pages that state no og:site_name or publisher.

    The first or last segment of "Global Voices Online » Iran: To Vote" or "Blogs | data.gov.uk"
    is the site's name when it spells the page's host ("globalvoicesonline.org") or is itself a
    host name. With `whole`, a title of one segment may be the name too: a feed's title, which
    names the site and not one article ("Global Voices Online » Feature", "Global Voices Online").
    """
    if not title:
        return None
    parts = [p.strip() for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2 and not whole:
        return None
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    keys = [k for k in (_squeeze(_site_label(host) or ""), _squeeze(host)) if len(k) >= 3]
    for part in dict.fromkeys((parts[0], parts[-1])):
        if _DOMAIN.fullmatch(part) or keys and _names_host(_squeeze(part), keys):
            return part
    return None


def _names_host(segment: str, keys: list[str]) -> bool:
    """The segment spells the host ("theguardian"), maybe without its "The" ("The Harbour Gazette" on
    harbourgazette.example), or is the host's name with a word more ("CBC News" on cbc.ca)."""
    names = {segment, segment.removeprefix("the")}
    return any(name == key or len(name) <= 3 * len(key) and name.startswith(key) for name in names for key in keys)


def strip_site(title: str | None, sites: list[str]) -> str | None:
    """The title without a leading or trailing run of segments starting/ending at the site's name."""
    if not title:
        return None
    parts = _SEPARATORS.split(title)
    if len(parts) < 2 or not sites:
        return title
    keys = [k for k in (_squeeze(s) for s in sites) if k]
    named = [i for i, p in enumerate(parts) if _site_like(_squeeze(p), keys)]
    if not named:
        return title
    if named[-1] > 0 and (cut := _span(title, parts, 0, _last_before_site(named))):
        return cut  # "Headline | Section | Site" and "Headline - Site - 30.01.2024"
    if named[0] == 0 and len(parts) > 1:
        return _span(title, parts, 1, len(parts)) or title
    return title


def _last_before_site(named: list[int]) -> int:
    """The segment index where the trailing site part begins: the first site mention after segment 0."""
    return next(i for i in named if i > 0)


def _site_like(segment: str, keys: list[str]) -> bool:
    if not segment:
        return False
    for key in keys:
        if segment == key or (len(segment) >= 2 and segment in key):
            return True
        # "CBC News" for "CBC", "Die Neue Südtiroler Tageszeitung" for "tageszeitung"
        if len(segment) <= 3 * len(key) and (len(key) >= 4 and key in segment
                                             or len(key) >= 3 and segment.startswith(key)):
            return True
    return False


def _span(title: str, parts: list[str], start: int, end: int) -> str | None:
    """parts[start:end] as written in `title`, separators included; None when empty."""
    if start >= end:
        return None
    i = title.find(parts[start])
    j = title.find(parts[end - 1], i) + len(parts[end - 1])
    return title[i:j].strip() or None


@functools.lru_cache(maxsize=4096)
def _squeeze(s: str) -> str:
    """Letters and digits only, German umlauts spelled out and accents dropped, as in host names."""
    s = s.casefold().translate(_UMLAUTS)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"\W", "", s)


def element_title(tree: LexborHTMLParser) -> str | None:
    """An RDFa dc:title or microdata headline element with text (Drupal and schema.org markup)."""
    for node in tree.css('[property="dc:title"], [itemprop="headline"]'):
        text = node.attributes.get("content") if node.tag == "meta" else (node.text(deep=True) or "")
        if text and text.strip():
            return clean_ws(text)
    return None


def headline(tree: LexborHTMLParser, stated: str | None, has_json_ld: bool, sites: list[str],
             h1s: list[Any] | None = None) -> str | None:
    """The page's headline: the stated title (see `stated_title`) on JSON-LD pages, else the lone <h1>.

    Pages without JSON-LD often state only a social or search title, and their single <h1> is
    what readers see as the headline; but an <h1> that is "Kicker - <the stated title>" gives
    way to the stated title (the kicker is a label, not part of the headline).
    """
    if has_json_ld and stated:
        return stated
    if stated and (span := _heading_span(stated, tree)):
        return span
    heads = tree.css("h1") if h1s is None else h1s
    h1 = clean_ws(heads[0].text(deep=True) or "").strip(" |-–—") if len(heads) == 1 else ""
    if not h1 or not _headline_like(h1) or (sites and _site_like(_squeeze(h1), [_squeeze(s) for s in sites])):
        return stated or h1 or None
    if stated and _kicker_of(h1, stated):
        return stated
    if stated and (common := _shared_headline(h1, stated)):
        return common
    return h1


def _heading_span(title: str, tree: LexborHTMLParser) -> str | None:
    """The longest run of the title's segments that is also one of the page's headings, if shorter
    than the title: "Artist – Song" with <h1>Song</h1>, "Headline_Section_Site" with <h2 class=title>."""
    parts = [p for p in _SEGMENTS.split(title) if p]
    if len(parts) < 2:
        return None
    heads = {_words(h.text(deep=True, separator=" ") or "") for h in tree.css(_HEADINGS)[:12]}
    spans = [_span(title, parts, i, j) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
             if (i, j) != (0, len(parts))]
    found = [sp for sp in spans if sp and _words(sp) in heads]
    return max(found, key=len) if found else None


def _words(s: str) -> str:
    """Word characters only: headings split into spans lose or move their punctuation."""
    return " ".join(re.findall(r"\w+", s.casefold()))


def _headline_like(text: str) -> bool:
    words = text.split()
    # three words, or a CJK headline (no spaces) of some length
    return (len(words) >= 3 or len(text) >= 12 and len(words) == 1) and len(text) <= 300


# Between a kicker and its headline: " - ", ": " and the other headline separators.
_KICKER_END = re.compile(r"(?:\s+[-–—|·»/*]|:)\s+")


def _shared_headline(h1: str, stated: str) -> str | None:
    """The headline both carry under different kickers: "Kicker A - Headline" in the <h1> and
    "Kicker B: Headline" in the stated title (the page's label and a search-engine kicker)."""
    folded = _fold(stated)
    for cut in _KICKER_END.finditer(h1):
        tail = h1[cut.end():].strip()
        key = _fold(tail)
        if len(tail.split()) < 3 or not folded.endswith(key) or folded == key:
            continue
        kicker = folded[: -len(key)].rstrip()
        bare, own = kicker.rstrip(":-–—|·»/* "), _fold(h1[: cut.start()])
        if bare and own and _KICKER_END.search(kicker[-2:] + " ") and not _alike(bare, own):
            return tail
        return None
    return None


def _alike(a: str, b: str) -> bool:
    """Half or more of the shorter one's words in the other: one clause reworded, not two kickers."""
    wa, wb = set(_words(a).split()), set(_words(b).split())
    return len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def _kicker_of(h1: str, stated: str) -> bool:
    """True when `h1` is "<kicker> - <stated>" (any headline separator)."""
    folded_h1, folded = _fold(h1), _fold(stated)
    if not folded_h1.endswith(folded) or folded_h1 == folded:
        return False
    kicker = folded_h1[: -len(folded)].rstrip()
    return len(kicker) > 1 and kicker[-1] in ":-|·»/*"
