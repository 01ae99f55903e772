"""htmldate's fast-mode date search (extensive_search=False, original date) read from a lexbor tree.

htmldate's `find_date` parses the page again with lxml and walks it in Python: about 2.7 ms a page
where the publication date falls back to it, 1 ms of it the lxml parse. This module runs the same
steps, in the same order, over a lexbor parse (0.4 ms) and hands the strings it finds to htmldate's
own string-level functions (try_date_expr, examine_text, pattern_search, idiosyncrasies_search),
so the date rules stay htmldate's. Only the tree differs (lexbor builds HTML5 trees, libxml2 does
not); tests/extract/test_meta_dates_markup.py compares the two on every HTML page in ../shared.
Written against htmldate 1.11.0's internals (core.FAST_TAGS, ALWAYS_TAGS, CLASS_CUES, ID_CLASS_CUES,
CLASS_ATTRS, DATE_ATTRIBUTES, examine_header, examine_text, TIMESTAMP_(LOOSE_)PATTERN, ...): on an
upgrade that test says whether the steps still match.
"""

from __future__ import annotations

from datetime import UTC, datetime

from htmldate import core as hd
from htmldate.extractors import JSON_PUBLISHED, extract_url_date, idiosyncrasies_search, pattern_search
from htmldate.settings import CLEANING_LIST, MAX_POSSIBLE_CANDIDATES
from htmldate.utils import Extractor, is_dubious_html
from htmldate.validators import check_extracted_reference, get_max_date, get_min_date, update_reference
from lxml import etree
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.meta_text import inside_any

FORMAT = "%Y-%m-%d"
# the <meta> attributes htmldate's examine_header reads
_HEADER_ATTRS = frozenset({"content", "datetime", "name", "property", "itemprop", "pubdate", "http-equiv"})
# every name/property/itemprop/http-equiv value examine_header acts on (a superset: it reads each
# set under one attribute only, and a <meta> it passes over changes nothing)
_HEADER_NAMES = frozenset({*hd.DATE_ATTRIBUTES, *hd.NAME_MODIFIED, *hd.PROPERTY_MODIFIED, *hd.ITEMPROP_ATTRS,
                           "og:url", "copyrightyear", "date", "last-modified"})
# htmldate's date_candidates in fast mode: FAST_TAGS elements whose id/class/itemprop cue a date,
# and every ALWAYS_TAGS element. Only elements with one of those attributes can be cued, so lexbor
# selects them (0.2 ms on a fundus page) and _is_candidate applies htmldate's rule to their tags'
# attributes; lexbor's substring selectors ([class*=date], one per cue word) cost 1.5 ms there.
_ATTRIBUTED = "[id], [class], [itemprop], " + ", ".join(hd.ALWAYS_TAGS)
_FAST_TAGS = frozenset(hd.FAST_TAGS)
_CLEANING = ", ".join(CLEANING_LIST)
_DISCARDED = 'div[id="wm-ipp-base"], div[id="wm-ipp"]'  # htmldate's DISCARD_EXPRESSIONS: the Wayback toolbar


def lexbor_markup_date(html: str, url: str | None) -> str | None:
    """find_date(html, url=url, extensive_search=False, original_date=True) over a lexbor parse."""
    if is_dubious_html(html[:50].lower()):  # htmldate's own rejection test needs its lxml tree
        return hd.find_date(html, url=url, extensive_search=False, original_date=True, outputformat=FORMAT)
    options = Extractor(False, get_max_date(None), get_min_date(None), True, FORMAT)
    if url is not None and (found := extract_url_date(url, options)):
        return found  # find_date's first step, which needs no parse of the page
    tree = LexborHTMLParser(html)
    if url is None:
        canonical = next((n for n in tree.css("link") if _attr(n, "rel") == "canonical"), None)
        found = extract_url_date(_attr(canonical, "href") if canonical is not None else None, options)
    found = found or _head_and_json(tree, options) or _abbr(tree, options)
    if found is not None:
        return found
    _prune(tree)
    return _elements(tree, options) or _page_text(tree, options)


def _select(tree: LexborHTMLParser, selector: str) -> list[LexborNode]:
    """Matches in document order, once each: lexbor lists a node once per selector it matches."""
    found: list[LexborNode] = []
    last = None
    for node in tree.css(selector):
        if node.mem_id != last:  # a node's repeats come together, in its place
            found.append(node)
            last = node.mem_id
    return found


def _prune(tree: LexborHTMLParser) -> None:
    """htmldate's clean_html(CLEANING_LIST) then discard_unwanted, as they act on lxml's tree.

    clean_html drops elements while lxml iterates over them, and lxml's iterator has already
    stepped to the next match: when that match lies inside the dropped element, the walk goes on
    in the detached subtree and ends there, so no match after it is dropped. Kept as htmldate
    does it (an <svg> inside a <label> leaves every later <svg> and <iframe> in the page).
    """
    discarded = _select(tree, _DISCARDED)
    cleaned = _select(tree, _CLEANING)
    dropped: list[LexborNode] = []
    for i, node in enumerate(cleaned):
        dropped.append(node)
        if i + 1 < len(cleaned) and inside_any(cleaned[i + 1], {node.mem_id}):
            break
    ids = {node.mem_id for node in dropped}
    discarded = [node for node in discarded if not inside_any(node, ids)]
    for node in dropped:
        node.decompose()
    _decompose_outermost(discarded)


def _remove(tree: LexborHTMLParser, selector: str) -> None:
    """Delete the matches, text after them kept (lxml's drop_tree)."""
    _decompose_outermost(_select(tree, selector))


def _decompose_outermost(nodes: list[LexborNode]) -> None:
    """decompose frees the subtree, so a match inside another must not be touched once that goes."""
    ids = {node.mem_id for node in nodes}
    for node in [n for n in nodes if not inside_any(n, ids)]:
        node.decompose()


def _attr(node: LexborNode, name: str) -> str | None:
    attributes = node.attributes
    if name not in attributes:
        return None
    return attributes[name] or ""  # a bare attribute reads "" in lxml


def _head_and_json(tree: LexborHTMLParser, options: Extractor) -> str | None:
    """examine_header on a small lxml tree of the page's <meta> elements, then json_search."""
    root = etree.Element("html")
    for node in tree.css("meta"):
        attrs = {k: v or "" for k, v in node.attributes.items() if k in _HEADER_ATTRS}
        if not _header_cue(attrs):
            continue
        try:
            etree.SubElement(root, "meta", attrs)
        except ValueError:  # a value lxml will not store (control characters): no date in it
            continue
    found = hd.examine_header(root, options)  # type: ignore[arg-type]
    if found is not None:
        return found
    for node in tree.css("script"):
        if _attr(node, "type") not in ("application/ld+json", "application/settings+json"):
            continue
        text = _first_text(node)
        if text and '"date' in text and (found := pattern_search(text, JSON_PUBLISHED, options)):
            return found
    return None


def _header_cue(attrs: dict[str, str]) -> bool:
    """Whether examine_header could act on this <meta>; one it would pass over is not built."""
    if "content" not in attrs and "datetime" not in attrs:
        return False
    return "pubdate" in attrs or any(attrs.get(k, "").lower() in _HEADER_NAMES
                                     for k in ("name", "property", "itemprop", "http-equiv"))


def _first_text(node: LexborNode) -> str | None:
    """lxml's element.text: the text before the element's first child element, None if empty."""
    parts = []
    child = node.child
    while child is not None and child.tag == "-text":
        parts.append(child.text_content or "")
        child = child.next
    return "".join(parts) or None


def _abbr(tree: LexborHTMLParser, options: Extractor) -> str | None:
    """examine_abbr_elements (original-date mode)."""
    elements = tree.css("abbr")
    if not 0 < len(elements) <= MAX_POSSIBLE_CANDIDATES:
        return None
    reference: datetime | None = None
    for node in elements:
        if (utime := _attr(node, "data-utime")) is not None:
            try:
                stamp = datetime.fromtimestamp(int(utime), tz=UTC)
            except (OSError, OverflowError, ValueError):
                continue
            reference = update_reference(reference, stamp, options.original)
        elif _attr(node, "class") in hd.CLASS_ATTRS:
            if (title := _attr(node, "title")) is not None:
                if attempt := hd.try_date_expr_opts(title, options):
                    return attempt
            elif (text := _first_text(node)) and len(text) > 10:
                reference = hd.compare_reference(reference, text, options)
    return check_extracted_reference(reference, options) or _examine(elements, options)


def _examine(elements: list[LexborNode], options: Extractor) -> str | None:
    """examine_elements: each element's whole text, then its title attribute."""
    if not 0 < len(elements) <= MAX_POSSIBLE_CANDIDATES:
        return None
    for node in elements:
        for text in (node.text(deep=True), _attr(node, "title") or ""):
            if attempt := hd.examine_text(text, options):
                return attempt
    return None


def _elements(tree: LexborHTMLParser, options: Extractor) -> str | None:
    """Date-cued elements, then <title>/<h1>, then <time> elements, as find_date orders them."""
    candidates = [n for n in _select(tree, _ATTRIBUTED)
                  if n.tag in hd.ALWAYS_TAGS or (n.tag in _FAST_TAGS and _is_candidate(n.attributes))]
    return (_examine(candidates, options) or _examine(tree.css("title, h1"), options)
            or _time_elements(tree.css("time"), options))


def _is_candidate(attributes: dict[str, str | None]) -> bool:
    """htmldate's is_date_candidate: of id and class only the first in source order counts."""
    first = itemprop = None
    for key, value in attributes.items():
        if key == "itemprop":
            itemprop = value or ""
        elif first is None and key in ("id", "class"):
            first = value or ""
    for cue in (first, itemprop):
        if cue is not None:
            folded = cue.replace("D", "d")
            if "date" in folded or "datum" in folded:
                return True
    if first is None:
        return False
    if hd.ID_CLASS_CUES.search(first):
        return True
    cls, idval = attributes.get("class"), attributes.get("id")  # None or "": no cue either way
    return bool(cls and hd.CLASS_CUES.search(cls)) or bool(idval and "footer-info-lastmod" in idval)


def _time_elements(elements: list[LexborNode], options: Extractor) -> str | None:
    """examine_time_elements (original-date mode): a pubdate/entry-date datetime stands at once."""
    if not 0 < len(elements) <= MAX_POSSIBLE_CANDIDATES:
        return None
    reference: datetime | None = None
    for node in elements:
        stamp = _attr(node, "datetime") or ""
        if len(stamp) > 6:
            shortcut = _attr(node, "pubdate") == "pubdate" or (_attr(node, "class") or "").startswith(
                ("entry-date", "entry-time"))
            if shortcut:
                if attempt := hd.try_date_expr_opts(stamp, options):
                    return attempt
            else:
                reference = hd.compare_reference(reference, stamp, options)
        elif (text := _first_text(node)) is not None and len(text) > 6:
            reference = hd.compare_reference(reference, text, options)
    return check_extracted_reference(reference, options)


def _page_text(tree: LexborHTMLParser, options: Extractor) -> str | None:
    """The regex rescues over the cleaned page's markup, og:image's URL, then (scripts gone) its text."""
    markup = tree.html or ""
    found = pattern_search(markup, hd.TIMESTAMP_PATTERN, options)
    if found is None:
        image = next((n for n in tree.css("meta") if _attr(n, "property") == "og:image"
                      and _attr(n, "content") is not None), None)
        found = extract_url_date(_attr(image, "content"), options) if image is not None else None
    found = found or idiosyncrasies_search(markup, options)
    if found is not None:
        return found
    _remove(tree, "script, style")
    text = tree.root.text(deep=True, separator=" ") if tree.root is not None else ""
    return pattern_search(text, hd.TIMESTAMP_LOOSE_PATTERN, options)

