"""body_dom.segment: blocks, their text, links and context, without script or style leaking in."""

from __future__ import annotations

import random

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body_dom import CLASS_GROUPS, CONTEXT_TAGS, segment


def blocks_of(body: str) -> list:
    return segment(LexborHTMLParser(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"))


def bit(names: tuple, name: str) -> int:
    return 1 << [n if isinstance(n, str) else n[0] for n in names].index(name)


def test_paragraphs_headings_and_list_items_are_separate_blocks() -> None:
    blocks = blocks_of("<article><h2>Budget</h2><p>The council <em>met</em> on Tuesday.</p>"
                       "<ul><li>Roads</li><li>Schools</li></ul>loose text</article>")
    assert [(b.tag, b.text) for b in blocks] == [
        ("h2", "Budget"), ("p", "The council met on Tuesday."), ("li", "Roads"), ("li", "Schools"),
        ("article", "loose text")]
    assert all(b.tags & bit(CONTEXT_TAGS, "article") for b in blocks)


def test_script_style_and_template_content_never_become_blocks() -> None:
    blocks = blocks_of("<p>Kept.</p><script>var x = 'leak';</script><style>p{color:red}</style>"
                       "<noscript>no script</noscript><template><p>templated</p></template>")
    assert [b.text for b in blocks] == ["Kept."]


def test_link_text_is_counted_and_a_block_inside_a_link_is_one_link() -> None:
    para, card = blocks_of('<p>Read <a href="/a">the full report</a> here.</p>'
                           '<a href="/b"><div>Story wrapped in a link</div></a>')
    assert para.links == 1 and para.link_chars == len("the full report")
    assert card.links == 1 and card.link_chars == len("Story wrapped in a link")


def test_class_names_and_hidden_containers_are_recorded() -> None:
    shared, hidden = blocks_of('<div class="share-bar"><p>Share this</p></div>'
                               '<div style="display: none"><p>Hidden copy</p></div>')
    assert shared.classes & bit(CLASS_GROUPS, "share") and shared.near_classes & bit(CLASS_GROUPS, "share")
    assert not shared.hidden and hidden.hidden


def test_br_splits_blocks_and_ancestor_chains_nest() -> None:
    first, second = blocks_of("<div id='x'><p>one<br>two</p></div>")
    assert (first.text, second.text) == ("one", "two")
    assert first.ancestors == second.ancestors and len(first.ancestors) == 3  # body, div, p


def test_deeply_nested_page_does_not_exhaust_recursion() -> None:
    blocks = blocks_of("<div>" * 5000 + "<p>deep text</p>" + "</div>" * 5000)
    assert [b.text for b in blocks] == ["deep text"]


def test_class_names_match_by_the_factored_pattern_as_the_whole_alternation_does() -> None:
    from newsdesk.extract.body_dom import _CLASS_RE, _name_bits

    def whole(name: str) -> int:
        return sum({1 << int(m.lastgroup[1:]) for m in _CLASS_RE.finditer(name.lower())})  # type: ignore[index]

    # overlapping candidates ("ad" then "ad-"), word boundaries, optional hyphens, case, non-ASCII
    names = ["ad-slot", "x-ad", "ads", "bads", "Read-Next", "readnext", "visually-hidden", "sr-only",
             "headline-ad", "shed", "hed", "stags", "tag", "entry-content", "post__body", "İnfo-box",
             "comment-respond", "col-md-8", "twitter-share", "", "-", "widget_recent_entries"]
    assert [_name_bits.__wrapped__(n) for n in names] == [whole(n) for n in names]
    assert whole("ad-slot") and whole("entry-content")  # the check is not vacuous
    # random tokens glued from pieces of the patterns' words (whole, cut short, run together), hyphens,
    # underscores, digits and letters
    rng = random.Random(0)
    words = [w.replace("\\b", "").replace("?", "") for _, p in CLASS_GROUPS for w in p.split("|")]
    pieces = [*words, *(w[:2] for w in words), *(w[1:] for w in words), "-", "_", "-", "0", "x", "s", "é"]
    tokens = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5))) for _ in range(20000)]
    assert [_name_bits.__wrapped__(t) for t in tokens] == [whole(t) for t in tokens]
    assert sum(1 for t in tokens if whole(t)) > 10000
