"""An HTML page as a list of text blocks, each with the DOM context a body classifier needs.

One pass over the lexbor tree (shared with metadata and classification, never modified).
A block is a maximal run of inline content between block-level boundaries: the text of a <p>,
a heading, a list item, a table cell, or the loose text of a <div>. For each block we keep the
few things that decide whether it is article text: its tag, its link text, which kinds of
ancestor it sits in (<article>, <nav>, <aside>...), what its ancestors' class/id names say
(comment, share, related...), and the chain of ancestor elements, so container-level
features (how much of the page's prose lives in the same parent) can be computed afterwards.

Script, style and other non-text elements are never entered, so their content cannot leak.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements whose content is never article text.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "select", "option", "button", "textarea", "input", "head", "title", "meta", "link", "math",
    "video", "audio", "picture", "img", "-comment", "!doctype",
})
# Elements that end the running block and start a new one.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "caption", "html",
})

# Ancestor tags worth knowing about, one bit each.
CONTEXT_TAGS = ("article", "main", "header", "footer", "nav", "aside", "form", "li", "table",
                "figure", "blockquote", "section", "h1", "h2", "h3", "h4", "label", "dl", "address", "p")
_TAG_BIT = {t: 1 << i for i, t in enumerate(CONTEXT_TAGS)}

# What class and id names say about a container, one bit per group. The groups are generic
# vocabulary of web templates (the same words readability and trafilatura look for); the
# classifier learns how much each one counts from the development pages.
CLASS_GROUPS: tuple[tuple[str, str], ...] = (
    ("content", r"article|body|content|entry|main|post|text|story|prose|rich|paragraph|detail"),
    ("comment", r"comment|disqus|reply|respond|discussion"),
    ("share", r"share|social|sharing|facebook|twitter|whatsapp|email|print"),
    ("related", r"related|recommend|more|trending|popular|read-?next|also|outbrain|taboola|teaser|card|latest"),
    ("nav", r"nav|menu|breadcrumb|pagination|pager|skip|toolbar|masthead|header"),
    ("footer", r"foot|copyright|legal|colophon|bottom"),
    ("side", r"side|aside|widget|rail|column|col-|sticky|right|left"),
    ("ad", r"\bads?\b|ad-|-ad\b|advert|sponsor|promo|banner|dfp|gpt|commercial|affiliate"),
    ("subscribe", r"subscri|newsletter|signup|sign-up|login|register|paywall|cta|follow"),
    ("caption", r"caption|credit|figure|photo|image|img|media|gallery|video|embed"),
    ("byline", r"byline|author|meta|date|time|dateline|info|publish|source|bio"),
    ("tags", r"\btags?\b|topic|categor|keyword|label"),
    ("hidden", r"hidden|hide|modal|popup|overlay|cookie|consent|gdpr|visually-?hidden|sr-only|offscreen"),
    ("title", r"title|headline|heading|hed\b|kicker"),
    ("summary", r"summary|intro|lede|lead|standfirst|dek|excerpt|description|subtitle"),
    ("quote", r"quote|pull|blockquote|highlight|callout|box|note|aside"),
)
# One alternation scanned once per class string (16 separate searches cost 3x as much); a word
# that could belong to two groups counts for the first that matches at that position.
_CLASS_RE = re.compile("|".join(f"(?P<g{i}>{pattern})" for i, (_, pattern) in enumerate(CLASS_GROUPS)))


_PLAIN = re.compile(r"[\w-]{2}")
_NO_WORD_BEFORE_FIRST = r"(?<!\w..)"  # read after two characters: none of \w before the first


def _factored(groups: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, int]]:
    """_CLASS_RE rewritten so the regex engine rejects a position after one or two characters, and the
    bit of the group each alternative belongs to, by the alternative's capture name.

    _CLASS_RE tries all ~150 alternatives at every position of a class token; as `c(?:X|Y)` is `cX|cY`,
    the alternatives are grouped by their first character c in their order (alternatives with other
    first characters cannot match at the same position, so their order among each other is free),
    and each starts with its second character, which the engine tests before entering the
    alternative. A leading \\b before the word character c is "no word character before c":
    `(?<!\\w..)` once c and the second character are read. Same matches as _CLASS_RE (checked on the
    13,887 class/id tokens of the bench pages and 50,000 random ones); 4.1-5.9 -> 2.5-2.9 µs a
    token not seen before, which is most tokens on a site not seen before."""
    alternatives: dict[str, list[str]] = {}
    bits: dict[str, int] = {}
    for group, (_, pattern) in enumerate(groups):
        for alternative in pattern.split("|"):  # the patterns hold no nested groups or classes
            body = alternative.removeprefix(r"\b")
            first, second, rest = body[0], body[1], body[2:]
            bounded = body != alternative
            # The rewrite needs two plain characters first, and a leading \b only before a word character.
            if not (_PLAIN.fullmatch(body[:2]) and not rest.startswith(("?", "*", "+", "{"))
                    and (not bounded or first.isalnum())):
                raise ValueError(f"class pattern {alternative!r} cannot be factored")
            name = f"a{len(bits)}"
            bits[name] = 1 << group
            guard = _NO_WORD_BEFORE_FIRST if bounded else ""
            alternatives.setdefault(first, []).append(f"{re.escape(second)}{guard}(?P<{name}>{rest})")
    return re.compile("|".join(f"{re.escape(c)}(?:{'|'.join(alts)})" for c, alts in alternatives.items())), bits


_CLASS_FACTORED, _FACTORED_BITS = _factored(CLASS_GROUPS)
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Block:
    """One run of inline text and the context it was found in."""

    text: str
    tag: str  # the nearest block-level element ("p", "h2", "li", "div"...)
    tags: int  # bits of CONTEXT_TAGS among the ancestors (the block's own element included)
    classes: int  # bits of CLASS_GROUPS over every ancestor's class/id
    near_classes: int  # the same over the block's own element and its two nearest ancestors
    link_chars: int  # characters inside <a>
    links: int  # <a> elements the block's text passes through
    ancestors: tuple[int, ...]  # element ids, outermost first, the block's own element last
    hidden: bool = False  # inside hidden="" / aria-hidden / display:none
    chars: int = 0
    words: int = 0  # len(text.split()), counted once here: features and the body rule all need it


def class_bits(attrs: dict[str, str | None]) -> int:
    bits = 0
    for name in f"{attrs.get('class') or ''} {attrs.get('id') or ''}".split():
        bits |= _name_bits(name)
    return bits


@functools.lru_cache(maxsize=16384)
def _name_bits(name: str) -> int:
    """Per class/id token, cached: tokens ("article", "post-body") recur across sites far more than
    whole class strings do. No pattern spans a space, so token by token equals the whole string."""
    bits = 0
    for match in _CLASS_FACTORED.finditer(name.lower()):  # _CLASS_RE.finditer's matches (see _factored)
        bits |= _FACTORED_BITS[match.lastgroup]  # type: ignore[index]
    return bits


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style") or ""
    return "none" in style and bool(re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style))


# An open block element while walking: what its descendants inherit. (tag, context-tag bits, class
# bits of all ancestors, own class bits, parent's own class bits, near class bits (own | parent |
# grandparent), hidden, path of element ids)
_Frame = tuple[str, int, int, int, int, int, bool, tuple[int, ...]]
_LEAVE_BLOCK, _LEAVE_LINK, _LEAVE_INLINE = 1, 2, 3
_ROOT_FRAME: _Frame = ("", 0, 0, 0, 0, 0, False, ())


def _walk(root: LexborNode, elements: list[LexborNode] | None = None) -> list[Block]:
    """Depth first in document order, by child/next pointers and a list of the open elements
    (not recursion, so deeply nested pages cannot exhaust Python's recursion limit).

    The hot loop of extraction, so its state lives in local variables rather than on an object
    and the per-element work is inlined: 30% faster than the same steps as methods."""
    blocks: list[Block] = []
    parts: list[str] = []  # inline text of the running block
    counts = [0, 0]  # link characters and links in the running block
    in_link = 0  # open <a> elements around the current position
    frames: list[_Frame] = [_ROOT_FRAME]
    class_cache: dict[tuple[str | None, str | None], int] = {}
    open_elements: list[tuple[LexborNode, int]] = []
    next_id = 0
    # Blank text seen while `parts` was empty (two thirds of the page's text nodes: the whitespace
    # between tags). Flushing it would give no block and only reset the link counts, so it is not
    # kept in `parts`: the block boundary resets the counts instead, and 2 in 3 flushes are saved.
    blank = False

    def flush() -> None:
        """End the running block (called when `parts` holds something)."""
        # " ".join(split()) equals collapsing \\s+ and stripping (both use str.isspace), at a third of the cost.
        words = "".join(parts).split()
        if words and len(frames) > 1:
            text = " ".join(words)
            tag, tags, classes, _, _, near, hidden, path = frames[-1]
            links = counts[1] or (1 if in_link else 0)  # a block wrapped in a link is one link
            blocks.append(Block(text, tag, tags, classes, near, counts[0], links, path, hidden, len(text), len(words)))
        parts.clear()
        counts[0] = counts[1] = 0

    node: LexborNode | None = root
    while True:
        while node is None:  # past the last child: leave the parent, go on with its next sibling
            if not open_elements:
                if parts:
                    flush()
                return blocks  # (a blank tail's count reset would change nothing now)
            parent, action = open_elements.pop()
            if action == _LEAVE_BLOCK:
                if parts:
                    flush()
                elif blank:
                    counts[0] = counts[1] = 0
                blank = False
                frames.pop()
            elif action == _LEAVE_LINK:
                in_link -= 1
            node = parent.next if open_elements else None  # the root's siblings are not ours
        tag = node.tag
        if tag == "-text":
            # lexbor's test (ASCII whitespace only) is a subset of str.isspace, and spares reading the
            # text of most blank nodes into Python.
            text = "" if not parts and node.is_empty_text_node else node.text_content or ""
            if parts or (text and not text.isspace()):  # str.split() splits on exactly str.isspace
                parts.append(text)
                blank = False
                if in_link:
                    counts[0] += len(text.strip())
            else:
                blank = True
        elif tag in BLOCK_TAGS:
            if parts:
                flush()
            elif blank:
                counts[0] = counts[1] = 0
            blank = False
            if tag != "br" and tag != "hr":
                _, ptags, pclasses, pown, pparent, _, phidden, ppath = frames[-1]
                attrs = node.attributes
                if attrs:
                    key = (attrs.get("class"), attrs.get("id"))
                    bits = class_cache.get(key)
                    if bits is None:
                        bits = class_cache[key] = class_bits(attrs)
                    hidden = phidden or _is_hidden(attrs)
                else:
                    bits, hidden = 0, phidden
                frames.append((tag, ptags | _TAG_BIT.get(tag, 0), pclasses | bits, bits, pown, bits | pown | pparent,
                               hidden, (*ppath, next_id)))
                next_id += 1
                if elements is not None:
                    elements.append(node)
                open_elements.append((node, _LEAVE_BLOCK))
                node = node.child
                continue
        elif tag == "a":
            in_link += 1
            counts[1] += 1
            open_elements.append((node, _LEAVE_LINK))
            node = node.child
            continue
        elif tag not in SKIP_TAGS:
            child = node.child
            if child is not None:
                open_elements.append((node, _LEAVE_INLINE))
                node = child
                continue
        node = node.next


def segment(tree: LexborHTMLParser, elements: list[LexborNode] | None = None) -> list[Block]:
    """The page's text blocks in document order (empty when the page has no <body>).

    With `elements`, the block-level elements are appended to it in id order: `elements[i]` is the
    element whose id is i in the blocks' `ancestors`."""
    root = tree.body
    if root is None:
        return []
    return _walk(root, elements)
