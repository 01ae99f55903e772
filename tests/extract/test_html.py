"""extract_html: fields, hostile markup, and every raw corpus page as an article with its title."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from newsdesk.extract.decode import decode_bytes
from newsdesk.extract.html import extract_html

BODY = "".join(
    f"<p>Paragraph {i} of the report says the council met on Tuesday and agreed a budget for the "
    f"coming year after a long debate about schools, roads and the harbour.</p>"
    for i in range(6)
)


def page(head: str = "", body: str = BODY, lang: str = "en") -> str:
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body><article>{body}</article></body></html>'


def test_title_loses_site_suffix_and_fields_come_from_structured_data() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "The Harbour Times"},
            {"@type": "NewsArticle", "headline": "Council agrees budget after long debate",
             "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
             "datePublished": "2024-03-05T09:30:00+01:00", "dateModified": "2024-03-06T10:00:00+01:00",
             "articleSection": "Local", "keywords": ["budget", "council"]},
        ],
    }
    head = (
        "<title>Council agrees budget after long debate | The Harbour Times</title>"
        '<meta property="og:site_name" content="The Harbour Times">'
        '<meta property="og:image" content="/img/lead.jpg">'
        '<link rel="canonical" href="/news/council-budget">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    a = extract_html(page(head), url="https://harbour.example/news/council-budget?utm=x")
    assert a.kind == "article"
    assert a.title == "Council agrees budget after long debate"
    assert a.authors == ("Jane Doe", "John Roe")
    assert a.published == "2024-03-05T09:30:00+01:00"
    assert a.updated == "2024-03-06T10:00:00+01:00"
    assert a.canonical_url == "https://harbour.example/news/council-budget"
    assert a.image == "https://harbour.example/img/lead.jpg"
    assert a.site_name == "The Harbour Times"
    assert a.categories == ("Local",)
    assert a.tags == ("budget", "council")
    assert a.language == "en"
    assert len(a.paragraphs) == 6 and a.text.count("\n\n") == 5
    assert a.extractor


def test_nothing_is_invented_when_the_page_states_nothing() -> None:
    a = extract_html(page("<title>Budget agreed</title>"))
    assert a.authors == ()
    assert a.published is None and a.updated is None
    assert a.canonical_url is None and a.image is None


def test_title_suffix_removed_with_site_from_host() -> None:
    a = extract_html(page("<title>Budget agreed at last - Harbourtimes</title>"),
                     url="https://www.harbourtimes.example/a/1")
    assert a.title == "Budget agreed at last"


HOSTILE = [
    # script in title position and a closing-title injection
    "<html><head><title>Budget</title><script>alert('t')</script></head><body><article>" + BODY
    + "<script>document.write('INJECTED')</script></article></body></html>",
    # event handlers, inline style, noscript, iframes
    '<html><head><title>Budget</title><style>p{color:red} .x{INJECTED:1}</style></head><body><article>'
    + BODY + '<img src=x onerror="alert(\'INJECTED\')"><noscript>INJECTED</noscript>'
    '<iframe srcdoc="<script>INJECTED</script>"></iframe></article></body></html>',
    # malformed: unclosed tags, stray closers, script without end (truncated page)
    "<html><head><title>Budget</title></head><body><div><article><p>Unclosed " + BODY
    + "</div></span></article><script>var INJECTED = 1;",
    # truncated in the middle of a tag
    "<html><head><title>Budget</title></head><body><article>" + BODY + '<p class="x',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_gives_clean_text(html: str) -> None:
    a = extract_html(html)
    for value in (a.text, a.title or "", a.excerpt or "", a.description or ""):
        assert "INJECTED" not in value and "alert(" not in value and "<script" not in value.lower()
    assert "council met on Tuesday" in a.text


def test_title_tag_script_injection_is_text_not_markup() -> None:
    html = ("<html><head><title>Budget &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title></head>"
            f"<body><article>{BODY}</article></body></html>")
    a = extract_html(html)
    assert "Budget" in (a.title or "")
    assert "INJECTED" not in a.text and "<script" not in a.text


def test_markup_in_metadata_values_is_dropped() -> None:
    head = ('<title>Budget</title><meta property="og:title" content="Budget &lt;/title&gt;&lt;script&gt;'
            'alert(INJECTED)&lt;/script&gt; agreed">'
            '<meta name="description" content="<img src=x onerror=alert(1)>Summary">'
            '<meta name="author" content="<script>INJECTED</script>Jane Doe">')
    a = extract_html(page(head))
    for value in (a.title or "", a.description or "", *a.authors):
        assert "<" not in value and "INJECTED" not in value and "onerror" not in value
    assert a.title == "Budget agreed"
    assert a.authors == ("Jane Doe",)


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold()
    return " ".join(re.findall(r"\w+", s))


def _title_matches(ours: str | None, gold: str) -> bool:
    """Same words, or the gold <title> is our headline plus a " - Site" / " | Site" part."""
    o, g = _norm(ours), _norm(gold)
    return bool(o) and (o == g or g.startswith(o + " ") or g.endswith(" " + o))


def test_every_raw_corpus_page_is_an_article_with_its_title(shared_dir) -> None:
    corpus = shared_dir / "corpus"
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines() if line.strip()]
    raw = [r for r in rows if r["path"].startswith(("html/", "html-noncommercial/"))]
    assert len(raw) >= 30
    for r in raw:
        a = extract_html(decode_bytes((corpus / r["path"]).read_bytes()), url=r["url"])
        assert a.kind == "article", (r["path"], a.reason)
        assert _title_matches(a.title, r["title"]), (r["path"], a.title, r["title"])
        assert len(a.text.split()) >= 50, r["path"]
        assert "<script" not in a.text.lower() and "function(" not in a.text


@pytest.mark.parametrize("html", ["", "<html>", "<p>" * 5000, "<html><head><title>x</title></head><body><p>hi"])
def test_empty_or_degenerate_pages_are_not_articles(html: str) -> None:
    a = extract_html(html)
    assert a.kind == "not_article" and a.reason == "not an article: too little text"


def test_body_comes_from_the_block_classifier_and_falls_back_when_it_finds_too_little() -> None:
    from newsdesk.extract.html import extract_body

    paragraphs, name = extract_body(page(body="<h1>Council budget</h1>" + BODY), "https://harbour.example/a")
    assert name == "newsdesk-blocks"
    assert paragraphs[-1].startswith("Paragraph 5 of the report")
    short, fallback = extract_body(page(body="<p>Only a line of text here.</p>"), "https://harbour.example/b")
    assert fallback != "newsdesk-blocks"


def test_analyze_results_equal_the_contract_dict(shared_dir) -> None:
    """Article.to_dict, built field by field, gives exactly what dataclasses.asdict gave (keys, order,
    values) on real pages, nested records included."""
    import dataclasses
    import gzip

    from newsdesk.records import Article, Entity

    def reference(article: Article) -> dict:
        d = dataclasses.asdict(article)
        for name in ("authors", "categories", "tags", "paragraphs"):
            d[name] = list(d[name])
        return d

    pages = sorted((shared_dir / "bench" / "extraction" / "html").glob("*.html.gz"))[:12]
    if not pages:
        pytest.skip("no extraction benchmark pages")
    articles = [extract_html(decode_bytes(gzip.decompress(p.read_bytes())), url="https://example.org/a/b",
                             fetched_at="2024-05-01T12:00:00Z") for p in pages]
    assert any(a.related for a in articles) and any(a.authors for a in articles)  # the nested fields are exercised
    articles.append(articles[0].replace(entities=(Entity("Paris", "GPE", 0, 5),)))
    articles.append(articles[1].replace(events=({"code": "036", "source": {"name": "Iran"}},)))
    articles.append(Article(kind="not_article", reason="decode: empty input"))
    for article in articles:
        ours, contract = article.to_dict(), reference(article)
        assert list(ours) == list(contract) and json.dumps(ours) == json.dumps(contract)


REGION_PAGE = (
    "<!doctype html><html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul></nav>"
    "<main><div class='column'><div class='standfirst'><p>The lead sits beside the story's element, not inside it."
    f"</p></div><div class='story'>{BODY}</div></div></main>"
    "<footer><p>Copyright the Harbour Times, all rights reserved, every year since 1901.</p></footer>"
    "</body></html>"
)


def _region_blocks(html: str):
    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.extract.body_dom import segment

    elements: list = []
    blocks = segment(LexborHTMLParser(html), elements)
    return blocks, elements


def test_segment_lists_each_block_element_under_its_id() -> None:
    blocks, elements = _region_blocks(REGION_PAGE)
    assert len(elements) == 1 + max(eid for b in blocks for eid in b.ancestors)
    for block in blocks:
        assert elements[block.ancestors[-1]].tag == block.tag
        assert block.text in " ".join(elements[block.ancestors[-1]].text(deep=True).split())


def test_body_region_is_the_parent_of_the_element_holding_the_candidate_text() -> None:
    import numpy as np

    from newsdesk.extract.html import REGION_UP, body_region

    blocks, elements = _region_blocks(REGION_PAGE)
    # The story's paragraphs kept, one of them unsure; the lead, menu and footer scored low.
    prob = np.array([0.9 if b.text.startswith("Paragraph") else 0.05 for b in blocks])
    prob[[i for i, b in enumerate(blocks) if b.text.startswith("Paragraph 3")]] = 0.5
    region = body_region(blocks, prob, elements)
    expected = next(e for e in elements if (e.attributes.get("class") or "") == "story")
    for _ in range(REGION_UP):  # from the story's <div> up to where the lead beside it is inside
        expected = expected.parent
    assert region is not None and region.mem_id == expected.mem_id and region.tag in ("div", "main")
    assert "The lead sits beside" in region.text(deep=True)
    # Everything a candidate: the column holds 90% of it, and up from there is the whole page.
    prob[:] = 0.9
    assert body_region(blocks, prob, elements) is None
    assert body_region(blocks, np.zeros(len(blocks)), elements) is None


def test_region_answer_of_enough_words_stands_however_many_p_words_the_page_has() -> None:
    """The <p>-share test is a whole-page test: a region answer with MIN_BODY_WORDS stands even when
    the page's comments hold far more <p> words; a region with fewer words gives None (the caller
    then reads the whole page)."""
    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.extract.html import MIN_BODY_WORDS, MIN_SHARE_OF_PARAGRAPHS, _region_passes

    comments = "".join(f"<p>Reader {i} writes that the harbour plan is a waste of money and that the "
                       f"council should fix the roads before anything else, as it promised.</p>" for i in range(40))
    html = (f"<!doctype html><html><body><main><div class='story'>{BODY}</div>"
            f"<section class='reader-comments'>{comments}</section></main></body></html>")
    tree = LexborHTMLParser(html)
    story = tree.css_first("div.story")
    words = len(story.text(deep=True).split())
    assert MIN_BODY_WORDS <= words < MIN_SHARE_OF_PARAGRAPHS * sum(len(p.text().split()) for p in tree.css("p"))
    found = _region_passes(story, "https://example.org/news/budget")
    assert found is not None
    paragraphs, name = found
    assert name == "trafilatura-region"
    assert [p.split()[:2] for p in paragraphs] == [["Paragraph", str(i)] for i in range(6)]
    short = LexborHTMLParser("<html><body><div class='story'><p>Council agrees budget.</p></div></body></html>")
    assert _region_passes(short.css_first("div.story"), None) is None


def test_region_pass_scores_as_the_whole_page_pass_does(shared_dir) -> None:
    """On the benchmark pages the classifier is unsure about, trafilatura reading only the body's
    region gives what it gives on the whole page (the whole-page answer is the reference)."""
    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.bench.extraction import load_pages, page_counts
    from newsdesk.extract.html import _trafilatura_body, extract_body

    bench = shared_dir / "bench" / "extraction"
    if not (bench / "ground-truth.json").exists():
        pytest.skip("no extraction benchmark")
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    region_f1, whole_f1 = [], []
    for pid, html in sorted(load_pages(bench / "html").items()):
        url, gold = truth[pid].get("url"), truth[pid]["articleBody"]
        paragraphs, name = extract_body(html, url)
        if name != "trafilatura-region":
            continue
        whole = _trafilatura_body(html, url, LexborHTMLParser(html))[0]
        for out, text in ((region_f1, paragraphs), (whole_f1, whole)):
            tp, fp, fn = page_counts(gold, "\n".join(text))
            out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    assert len(region_f1) >= 3
    assert sum(region_f1) >= sum(whole_f1) - 0.01 * len(whole_f1)


def test_links_that_lead_to_no_web_page_never_become_urls() -> None:
    """javascript:, data: and vbscript: links where a page's URLs go: with a base URL, urljoin kept
    them as they were, so `canonical_url` (the article's key in the store) read javascript:alert(1)."""
    rail = "".join(f'<li><a href="{href}">Ferry operator {n} answers the council over the timetable</a></li>'
                   for n, href in enumerate(("JavaScript:alert(1)", "data:text/html,<script>alert(2)</script>",
                                             "vbscript:msgbox(3)", "/news/ferry-answers")))
    head = ('<title>Budget</title><link rel="canonical" href=" javascript:alert(4)">'
            '<meta property="og:image" content="data:image/svg+xml,<svg onload=alert(5)>">')
    html = page(head).replace("</article>", f'</article><aside><h3>Related stories</h3><ul>{rail}</ul></aside>')
    a = extract_html(html, url="https://news.example/2026/budget")
    assert a.canonical_url is None and a.image is None
    assert [r.url for r in a.related] == ["https://news.example/news/ferry-answers"]
    b = extract_html(page('<link rel="canonical" href="/2026/budget-final">'), url="https://news.example/x")
    assert b.canonical_url == "https://news.example/2026/budget-final"  # a relative canonical still resolves
