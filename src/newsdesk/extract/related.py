"""The "Recent Posts" / "Related" rail: kept as links to other articles, never as body text.

Two front doors, like extraction itself:

- `related_from_lines` reads a plain-text scrape's rail. A rail is a run of items, each a
  headline, perhaps an excerpt (often cut short with "…") and perhaps an age ("2 minutes
  ago") or a date. Items are found by that shape: the age/date lines split the run into
  items when there are any; otherwise a rail heading ("Related Stories") opens a list of
  headline-shaped lines.
- `related_from_html` reads rails in HTML: a container whose heading or class says it is a
  rail, and the links inside it, resolved against the page URL.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsdesk.extract.ages import is_age, is_date, parse_instant, resolve_age
from newsdesk.extract.detect import is_web_link
from newsdesk.extract.meta_text import inside_any
from newsdesk.records import Related

# Words that name a rail in a heading, in the languages the desk reads most. A heading is
# short (see RAIL_HEADING_WORDS) so "related" inside a sentence does not open a rail.
_RAIL_WORDS = re.compile(
    r"\b(related|recent|more from|more stories|more news|read more|read next|also like|also read|"
    r"popular|trending|recommended|latest|you might|you may|top stories|more on|see also|"
    r"weitere|mehr zum|à lire aussi|lire aussi|relacionad|leia também|veja também|похожие)",
    re.I,
)
RAIL_HEADING_WORDS = 6
_BULLET = re.compile(r"^(?:[*\-•·o+>»]\s+|\d{1,2}[.)]\s+)")
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)\s*$")
_TERMINAL = re.compile(r"[.!?]['\"”’)]*$")
# A headline is a handful of words; fewer is a label ("Share"), more is a sentence.
HEADLINE_WORDS = (3, 25)


def is_rail_heading(line: str) -> bool:
    """A short line naming a rail: "Recent Posts", "Related Stories", "More from Space".."""
    words = line.split()
    return 0 < len(words) <= RAIL_HEADING_WORDS and bool(_RAIL_WORDS.search(line))


def _is_headline(line: str) -> bool:
    text = _BULLET.sub("", line)
    n = len(text.split())
    # Two or more separators make a row of links ("About | Contact | Privacy"), not a headline.
    return (HEADLINE_WORDS[0] <= n <= HEADLINE_WORDS[1] and not _ELLIPSIS.search(text)
            and sum(text.count(c) for c in "|•·") < 2 and "©" not in text)


def _is_stamp(line: str) -> bool:
    return is_age(line) or is_date(line)


def _item(lines: list[str], stamp: str | None, fetched_at: str | None) -> Related | None:
    """One rail item from its lines: the first headline-shaped line, then an excerpt if any."""
    texts = [_BULLET.sub("", x).strip() for x in lines if x.strip()]
    heads = [i for i, x in enumerate(texts) if _is_headline(x)]
    if not heads:
        return None
    title = texts[heads[0]]
    rest = texts[heads[0] + 1:]
    excerpt = rest[0] if rest and len(rest[0].split()) >= 5 else None
    published = resolve_age(stamp, fetched_at) if stamp else None
    return Related(title=title, excerpt=excerpt, published=published, age=stamp)


def _stamped_items(lines: list[str], fetched_at: str | None) -> list[Related]:
    """Items closed by an age or date line (the seed's shape: headline, excerpt, age)."""
    items: list[Related] = []
    pending: list[str] = []
    for line in lines:
        if _is_stamp(line):
            item = _item(pending[-3:], line.strip(), fetched_at)
            if item:
                items.append(item)
            pending = []
        elif is_rail_heading(line):
            pending = []
        else:
            pending.append(line)
    return items


def _listed_items(lines: list[str]) -> list[Related]:
    """Items under a rail heading without stamps: a list of headlines, excerpts between them."""
    start = next((i for i, x in enumerate(lines) if is_rail_heading(x)), None)
    if start is None:
        return []
    groups: list[list[str]] = []
    bulleted: bool | None = None  # a rail's items share one style: all bulleted or none
    for line in lines[start + 1:]:
        if is_rail_heading(line):
            break
        style = bool(_BULLET.match(line))
        if _is_headline(line) and not _TERMINAL.search(line) and bulleted in (None, style):
            bulleted = style
            groups.append([line])
        elif groups and len(groups[-1]) == 1 and len(line.split()) >= 5:
            groups[-1].append(line)  # the excerpt under a headline
        elif groups:
            break  # the rail has ended
    items = [_item(group, None, None) for group in groups]
    return [item for item in items if item]


def related_from_lines(lines: list[str], fetched_at: str | None = None) -> list[Related]:
    """The rail in the lines of a text scrape (non-empty lines, in page order), or [].

    Needs at least two items: one stamped line is a dateline, not a rail.
    """
    lines = [x.strip() for x in lines if x.strip()]
    stamped = _stamped_items(lines, fetched_at)
    if len(stamped) >= 2:
        return stamped
    listed = _listed_items(lines)
    return listed if len(listed) >= 2 else []


# --- HTML ------------------------------------------------------------------------------------

_RAIL_CLASS = re.compile(r"related|recent|more-from|morefrom|read-more|readmore|read-next|popular|trending|"
                         r"recommend|also-like|you-may|widget_recent_entries", re.I)
# _RAIL_CLASS as one CSS query over the container tags, so lexbor filters the page's elements rather
# than Python reading every <div>'s attributes (0.45 vs 1.0 ms a page on bench/extraction; the same
# elements in the same order on all 732 pages of ../shared). No alternative spans the space between
# class and id, so matching each attribute alone equals searching "class id". CSS's `i` folds ASCII
# case only; re.I also folds the Kelvin sign and the long s, never seen in a class name here.
_RAIL_NAMED_CSS = (":is(section, aside, div, ul, nav):is("
                   + ", ".join(f'[{attr}*="{word}" i]' for word in _RAIL_CLASS.pattern.split("|")
                               for attr in ("class", "id")) + ")")
_HEADINGS = "h1, h2, h3, h4, h5, h6, header, .widget-title, .section-title"
# Most links one rail may give: past this it is a site map, not a rail.
MAX_RAIL_ITEMS = 30


def _rail_containers(tree: Any) -> list[Any]:
    """Elements that hold a rail: named so by their class/id, or by a heading they open with.

    A heading's container is its nearest ancestor holding at least two links; walking up
    from the headings keeps this linear in the size of the page.
    """
    candidates: list[Any] = []
    for heading in tree.css(_HEADINGS):
        if not is_rail_heading(heading.text(strip=True)):
            continue
        node = heading.parent
        while node is not None and len(node.css("a[href]")) < 2:
            node = node.parent
        if node is not None and node.tag not in ("body", "html"):
            candidates.append(node)
    for node in tree.css(_RAIL_NAMED_CSS):
        if node.css_first("a[href]") is not None:
            candidates.append(node)
    # Keep the outermost of nested candidates (node identity is mem_id: == compares markup).
    ids = {node.mem_id for node in candidates}
    found, kept = [], set()
    for node in candidates:
        if node.mem_id not in kept and not inside_any(node, ids):
            kept.add(node.mem_id)
            found.append(node)
    return found


def _item_box(link: Any, container: Any) -> Any:
    """The largest element around `link`, inside the rail, that holds no other link: the item."""
    box = link
    node = link.parent
    # mem_id is the node's identity; == would compare markup.
    while node is not None and node.mem_id != container.mem_id and len(node.css("a[href]")) == 1:
        box, node = node, node.parent
    return box


def _stamp(box: Any, fetched_at: str | None) -> tuple[str | None, str | None]:
    """(age as printed, ISO time) of an item: a <time> element, else a line that is an age or date."""
    stamp = box.css_first("time")
    if stamp is not None:
        printed = stamp.text(strip=True) or None
        machine = parse_instant(stamp.attributes.get("datetime"))
        return printed, machine.isoformat() if machine else resolve_age(printed or "", fetched_at)
    for piece in box.text(separator="\n", strip=True).split("\n"):
        if is_age(piece) or is_date(piece):
            return piece.strip(), resolve_age(piece, fetched_at)
    return None, None


def _html_item(link: Any, container: Any, base_url: str | None,
               fetched_at: str | None) -> Related | None:
    title = " ".join(link.text(separator=" ", strip=True).split())
    href = (link.attributes.get("href") or "").strip()
    # An in-page anchor, or a link to no web page (javascript:, data:, mailto: in any case), is no item.
    if not href or href.startswith("#") or not is_web_link(href) or not _is_headline(title):
        return None
    box = _item_box(link, container)
    excerpt = None
    for para in box.css("p"):
        text = " ".join(para.text(separator=" ", strip=True).split())
        if text != title and len(text.split()) >= 5:
            excerpt = text
            break
    age, published = _stamp(box, fetched_at)
    url = urljoin(base_url, href) if base_url else href
    if not is_web_link(url):  # a relative link on a file: or ftp: page resolves to no web page
        return None
    return Related(title=title, url=url, excerpt=excerpt, published=published, age=age)


def related_from_html(html: str, base_url: str | None, fetched_at: str | None, tree: Any = None) -> list[Related]:
    """Rail items of an HTML page ("Related", "Recent Posts", "More from", "Read more"), or [].

    `tree`: the page already parsed by lexbor (read, never modified here), saving a second parse.
    """
    if tree is None:
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(html)
    page = urlsplit(base_url or "")._replace(fragment="").geturl()
    items: list[Related] = []
    seen: set[str] = {page} if page else set()
    for container in _rail_containers(tree):
        links = container.css("a[href]")
        if len(links) > MAX_RAIL_ITEMS * 3:
            continue
        for link in links:
            item = _html_item(link, container, base_url, fetched_at)
            if item and item.url not in seen:
                seen.add(item.url or "")
                items.append(item)
    return items[:MAX_RAIL_ITEMS]
