"""Rails ("Recent Posts", "Related Stories") become related items, from text and from HTML."""

from __future__ import annotations

import pytest

from newsdesk.extract.related import is_rail_heading, related_from_html, related_from_lines

FETCHED = "2026-02-11T12:00:00+00:00"

STAMPED_RAIL = """Latest Headlines

Storm closes mountain passes across the northern region
Heavy snow forced officials to shut three passes on Tuesday, stranding hundreds of drivers…
15 minutes ago

Central bank holds rates steady for third straight meeting
Policymakers said inflation was easing but warned against cutting too soon…
3 hours ago

City council approves new budget after long debate
2 days ago
"""

LISTED_RAIL = """Share this

Related Stories

* Harbour expansion plan wins federal approval
* Fishermen fear for their catch as dredging begins
* What the new port means for local jobs

Comments (3)
"""


def test_stamped_rail_items_have_title_excerpt_and_resolved_age() -> None:
    items = related_from_lines(STAMPED_RAIL.splitlines(), FETCHED)
    assert [i.title for i in items] == [
        "Storm closes mountain passes across the northern region",
        "Central bank holds rates steady for third straight meeting",
        "City council approves new budget after long debate",
    ]
    assert items[0].excerpt.startswith("Heavy snow forced officials")
    assert items[2].excerpt is None
    assert [i.age for i in items] == ["15 minutes ago", "3 hours ago", "2 days ago"]
    assert [i.published for i in items] == [
        "2026-02-11T11:45:00+00:00", "2026-02-11T09:00:00+00:00", "2026-02-09T12:00:00+00:00"]


def test_stamped_rail_without_fetch_time_keeps_ages_as_text() -> None:
    items = related_from_lines(STAMPED_RAIL.splitlines(), None)
    assert [i.age for i in items] == ["15 minutes ago", "3 hours ago", "2 days ago"]
    assert all(i.published is None for i in items)


def test_listed_rail_under_a_heading_without_ages() -> None:
    items = related_from_lines(LISTED_RAIL.splitlines(), FETCHED)
    assert [i.title for i in items] == [
        "Harbour expansion plan wins federal approval",
        "Fishermen fear for their catch as dredging begins",
        "What the new port means for local jobs",
    ]
    assert all(i.age is None and i.published is None for i in items)


def test_no_rail_in_plain_paragraphs() -> None:
    lines = ["The minister said the plan would be published next week.",
             "Critics said it came too late and asked for more detail on costs."]
    assert related_from_lines(lines, FETCHED) == []


def test_a_single_dateline_is_not_a_rail() -> None:
    assert related_from_lines(["Minister resigns over expenses row", "Feb 10, 2026"], FETCHED) == []


def test_rail_headings() -> None:
    for heading in ("Recent Posts", "Related Stories", "More from Space", "Read more", "You may also like"):
        assert is_rail_heading(heading), heading
    for line in ("News Desk", "The related question of funding was left open by the committee today."):
        assert not is_rail_heading(line), line


PAGE = """<html><body>
<article><h1>Main story headline about the harbour</h1>
<p>Body text of the story, long enough to be a paragraph of an article.</p>
<a href="/tag/harbour">Harbour</a></article>
<aside class="sidebar"><h3>Related Stories</h3><ul>
<li><a href="/news/first-story">First related story headline here</a>
    <p>An excerpt of the first story goes here and runs on…</p>
    <time datetime="2026-02-10T10:00:00Z">Feb 10, 2026</time></li>
<li><a href="https://other.example/second">Second related story headline</a></li>
<li><a href="#top">Back to the top of this page</a></li>
</ul></aside>
<div class="recent-posts">
  <div><a href="third">Third item from the recent posts</a> <span>2 hours ago</span></div>
  <div><a href="/news/x">A link back to the page itself</a></div>
</div>
<footer><a href="/about">About us and our team</a></footer>
</body></html>"""


def test_html_rails_give_absolute_urls_excerpts_and_times() -> None:
    items = related_from_html(PAGE, "https://example.org/news/x", FETCHED)
    assert [(i.title, i.url) for i in items] == [
        ("First related story headline here", "https://example.org/news/first-story"),
        ("Second related story headline", "https://other.example/second"),
        ("Third item from the recent posts", "https://example.org/news/third"),
    ]
    assert items[0].excerpt == "An excerpt of the first story goes here and runs on…"
    assert items[0].published == "2026-02-10T10:00:00+00:00" and items[0].age == "Feb 10, 2026"
    assert items[1].excerpt is None and items[1].published is None
    assert items[2].age == "2 hours ago" and items[2].published == "2026-02-11T10:00:00+00:00"


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JavaScript:alert(1)", " JAVASCRIPT:void(0)",
                                  "data:text/html,<script>alert(1)</script>", "DATA:text/html,x",
                                  "vbscript:msgbox(1)", "mailto:desk@example.org", "MAILTO:desk@example.org"])
def test_a_rail_link_to_no_web_page_is_no_item(href: str) -> None:
    rail = f"""<aside class="related"><h3>Related Stories</h3>
    <a href="/news/kept">A story that is kept in the rail</a>
    <a href="{href}">A headline that leads to no page</a>
    <a href="https://other.example/also">Another story kept in the rail</a></aside>"""
    items = related_from_html(f"<html><body>{rail}</body></html>", "https://example.org/x", None)
    assert [i.url for i in items] == ["https://example.org/news/kept", "https://other.example/also"]



def test_a_relative_rail_link_on_a_page_read_from_no_web_address_is_no_item() -> None:
    """`analyze --url file:///...`: the relative links resolve to file: addresses, which lead to no web page."""
    rail = """<aside class="related"><h3>Related Stories</h3>
    <a href="/news/dropped">A story whose link resolves to a file</a>
    <a href="https://other.example/also">Another story kept in the rail</a></aside>"""
    items = related_from_html(f"<html><body>{rail}</body></html>", "file:///tmp/saved/page.html", None)
    assert [i.url for i in items] == ["https://other.example/also"]


def test_html_without_rail() -> None:
    html = "<html><body><article><h1>Title</h1><p>Only a body.</p><a href='/a'>A link in text</a></article></body></html>"
    assert related_from_html(html, "https://example.org/x", None) == []


def test_rail_css_query_finds_the_elements_the_class_pattern_names(shared_dir) -> None:
    """The one CSS query equals reading each container's class/id with _RAIL_CLASS, on real pages."""
    import gzip

    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.extract.related import _RAIL_CLASS, _RAIL_NAMED_CSS

    files = sorted((shared_dir / "bench" / "extraction" / "html").glob("*.html.gz"))[:40]
    if not files:
        pytest.skip("no extraction benchmark pages")
    named = 0
    for path in files:
        tree = LexborHTMLParser(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        by_pattern = [n.mem_id for n in tree.css("section, aside, div, ul, nav")
                      if _RAIL_CLASS.search(f"{n.attributes.get('class') or ''} {n.attributes.get('id') or ''}")]
        assert [n.mem_id for n in tree.css(_RAIL_NAMED_CSS)] == by_pattern, path.name
        named += len(by_pattern)
    assert named >= 20
