"""detect.py: what a document is, and how deep its elements nest, read without building a tree."""

from __future__ import annotations

import time

import pytest

from newsdesk.errors import Rejected
from newsdesk.extract.detect import MAX_NESTING_DEPTH, nesting_depth, refuse_deep_nesting
from newsdesk.extract.html import extract_html
from newsdesk.sources.feeds import discover_feeds

PARAS = "".join(f"<p>Paragraph {i} says the council met again on Tuesday to discuss the ferry timetable, "
                f"the harbour fees and the new pier, which residents have opposed for years.</p>" for i in range(6))


@pytest.mark.parametrize(("html", "depth"), [
    ("<html><body><div><p>a<p>b<ul><li>c<li>d</ul></div></body></html>", 4),  # p and li close themselves
    ("<div><img src=x><br><input><hr></div>", 1),  # void elements hold nothing
    ("<div><script>var s = '<div><div><div>';</script><!-- <div><div> --></div>", 1),
    ("<DIV><Section><div/></SECTION></div>", 3),  # case-blind; "/>" does not close a div in HTML
    ("</div></div><div>", 1),  # stray end tags never go below the top
    ("<div><script>never closed <div><div>", 1),
])
def test_nesting_depth_counts_what_a_parser_would_nest(html: str, depth: int) -> None:
    assert nesting_depth(html, 100) == depth


def test_nesting_depth_stops_counting_at_the_limit() -> None:
    assert nesting_depth("<div>" * 1000, 10) == 10


def test_deeply_nested_page_refused_at_once_and_a_deep_real_shape_kept() -> None:
    # 300,000 nested <div>s: lexbor ran for more than ten minutes on this 3 MB page and grew past 18 GB.
    deep = "<html><head><title>Deep</title></head><body>" + "<div>" * 300_000 + PARAS + "</div>" * 300_000
    started = time.monotonic()
    with pytest.raises(Rejected) as caught:
        extract_html(deep)
    assert (caught.value.stage, caught.value.reason) == ("extract", "page nested too deeply")
    assert time.monotonic() - started < 10
    with pytest.raises(Rejected):
        discover_feeds(deep, "http://example.com/")
    nested = "<html><head><title>Nested</title></head><body>" + "<div>" * 200 + f"<article>{PARAS}</article>" \
             + "</div>" * 200 + "</body></html>"
    refuse_deep_nesting(nested)  # 200 deep is odd but readable: no refusal
    assert extract_html(nested).kind == "article"
    assert MAX_NESTING_DEPTH >= 512  # never below the depth browsers still nest (Chromium's parser)


def test_wide_and_json_feeds_are_feeds_to_analyze_too() -> None:
    """`analyze` sniffed with the byte patterns alone: a UTF-16 RSS feed or a JSON Feed was text, and came
    out "not an article: no body text", while `ingest` (sources' own sniffer) read their items."""
    from newsdesk.extract import extract
    from newsdesk.extract.detect import sniff
    from newsdesk.records import RawPage

    rss = '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    json_feed = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"content_html": "<p>x</p>"}]}'
    for body in (rss.encode("utf-16"), rss.encode("utf-16-le"), json_feed):
        assert sniff(body) == "feed"
        with pytest.raises(Rejected) as caught:
            extract(RawPage(body=body, origin="saved"))
        assert caught.value.reason == "not a page: feed"


@pytest.mark.parametrize("raw", ["script", "style", "title", "textarea"])
def test_raw_text_elements_between_the_levels_do_not_hide_the_depth(raw: str) -> None:
    """Each "<script></script>" took a level off the count, its end tag closing what its start tag
    never opened: "<div><script></script>" 100,000 times counted 3 deep, and lexbor nested it
    100,000 deep (20,000: 1.4 s; it grows faster than the square)."""
    from newsdesk.extract import extract
    from newsdesk.records import RawPage

    page = "<html><body>" + f"<div><{raw}>x</{raw}>" * (MAX_NESTING_DEPTH + 100) + "</body></html>"
    assert nesting_depth(page, MAX_NESTING_DEPTH + 1) > MAX_NESTING_DEPTH
    with pytest.raises(Rejected, match="nested too deeply"):
        extract(RawPage(body=page.encode(), origin="deep.html"))
