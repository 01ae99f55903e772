"""Article or not: a small labelled set (corpus articles, the corpus home page, pages written here).

Positive class = not_article. Precision and recall over the whole set are printed (pytest -s)
and held to floors; each written page also checks its reason.
"""

from __future__ import annotations

import json

import pytest

from newsdesk.extract.decode import decode_bytes
from newsdesk.extract.html import extract_html

SENTENCE = ("The minister said on Monday that the new rules would take effect next spring, after months of "
            "talks with unions and employers about pay, hours and training. ")
NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(15))


def _page(title: str, body: str, head: str = "") -> str:
    return (f"<!doctype html><html lang='en'><head><title>{title}</title>{head}</head><body>"
            f"<nav><ul>{NAV}</ul></nav>{body}<footer>© Example News</footer></body></html>")


def _teasers(n: int) -> str:
    return "".join(
        f'<div class="teaser"><h3><a href="/2024/05/{i:02d}/story-{i}">Story number {i} about the city</a></h3>'
        f"<p>A short summary of story {i}.</p></div>" for i in range(n))


ARTICLE_WITH_RAIL = _page(
    "Rules take effect next spring | Example News",
    "<article><h1>Rules take effect next spring</h1>"
    + "".join(f"<p>Point {i}: {SENTENCE}</p>" for i in range(8)) + "</article>"
    + "<aside><h2>Related</h2>" + _teasers(12) + "</aside>",
    '<meta property="og:type" content="article">'
    '<meta property="article:published_time" content="2024-05-02T10:00:00+00:00">',
)

WRITTEN: list[tuple[str, str | None, str, str | None]] = [
    # (name, url, html, expected reason; None = article)
    ("listing", "https://news.example/category/politics/", _page("Politics | Example News",
     "<main><h1>Politics</h1>" + _teasers(20) + "</main>"), "category listing"),
    ("listing-no-url", None, _page("World | Example News", "<main><h1>World</h1>" + _teasers(25) + "</main>"),
     "category listing"),
    ("tag-page", "https://news.example/tag/budget", _page("budget | Example News",
     "<main>" + _teasers(10) + "</main>", '<script type="application/ld+json">{"@type": "CollectionPage"}</script>'),
     "category listing"),
    ("card-listing", None, _page("Latest | Example News", "<main>" + "".join(
        f'<article class="card"><a href="/2024/05/{i}/s">Story {i} on the harbour and the budget</a>'
        f"<p>Summary {i} of the story in a few words.</p></article>" for i in range(20)) + "</main>"),
     "category listing"),
    ("home", "https://news.example/", _page("Example News: news from everywhere",
     "<main>" + _teasers(30) + "</main>", '<meta property="og:type" content="website">'), "home page"),
    ("404", "https://news.example/2024/05/gone", _page("Page not found | Example News",
     "<main><h1>Sorry, we couldn't find that page</h1><p>Try the search box or go to the home page.</p></main>"),
     "error page"),
    ("404-de", None, _page("Seite nicht gefunden", "<main><h1>Fehler 404</h1><p>Die Seite existiert nicht.</p></main>"),
     "error page"),
    ("login", "https://news.example/account/login", _page("Sign in | Example News",
     '<main><h1>Sign in</h1><form><input name="user"><input type="password" name="pw">'
     "<button>Sign in</button></form><p>Forgot your password?</p></main>"), "login page"),
    ("stub", "https://news.example/2024/05/02/brief", _page("Brief | Example News",
     "<article><h1>Brief</h1><p>More details soon.</p></article>"), "too little text"),
    ("article-with-rail", "https://news.example/2024/05/02/rules", ARTICLE_WITH_RAIL, None),
    # A casino link farm: a keyword title, a wall of links to other hosts, a few lines of spun words.
    ("link-farm", "http://best-casino-bonus.example/free-spins.html", _page(
        "casino bonus, free spins online, best slots 2024, poker bonus",
        "<h1>casino bonus</h1><div>" + "".join(
            f'<a href="http://casino{i}.example/">free spins bonus casino {i}</a> ' for i in range(150))
        + "</div><p>casino harbour bonus budget slots free spins poker city jackpot online win</p>"),
     "link farm"),
]


@pytest.mark.parametrize(("name", "url", "html", "reason"), WRITTEN, ids=[w[0] for w in WRITTEN])
def test_written_pages(name: str, url: str | None, html: str, reason: str | None) -> None:
    a = extract_html(html, url=url)
    if reason is None:
        assert a.kind == "article" and a.reason is None, a.reason
    else:
        assert a.kind == "not_article"
        assert a.reason == f"not an article: {reason}"


def test_precision_and_recall_on_the_labelled_set(shared_dir) -> None:
    corpus = shared_dir / "corpus"
    labelled: list[tuple[str, bool]] = []  # (predicted not_article, truly not_article)
    for line in (corpus / "manifest.jsonl").read_text().splitlines():
        r = json.loads(line)
        a = extract_html(decode_bytes((corpus / r["path"]).read_bytes()), url=r["url"])
        labelled.append((a.kind == "not_article", False))
    home = decode_bytes((corpus / "extras" / "globalvoices-2009-homepage.html").read_bytes())
    for url in ("http://globalvoicesonline.org/", None):
        labelled.append((extract_html(home, url=url).kind == "not_article", True))
    for _, url, html, reason in WRITTEN:
        labelled.append((extract_html(html, url=url).kind == "not_article", reason is not None))
    tp = sum(1 for p, t in labelled if p and t)
    fp = sum(1 for p, t in labelled if p and not t)
    fn = sum(1 for p, t in labelled if not p and t)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"\nnot-article detection on {len(labelled)} pages: precision {precision:.3f} recall {recall:.3f}")
    assert len(labelled) >= 200
    assert precision >= 0.95 and recall >= 0.9


@pytest.mark.slow
def test_benchmark_article_pages_stay_articles(shared_dir) -> None:
    """131 real article pages of bench/extraction (none written for this code): few false alarms."""
    import gzip

    bench = shared_dir / "bench" / "extraction"
    truth = json.loads((bench / "ground-truth.json").read_text())
    kinds = []
    for path in sorted((bench / "html").glob("*.html.gz")):
        html = decode_bytes(gzip.decompress(path.read_bytes()))
        kinds.append(extract_html(html, url=truth[path.name[:-8]].get("url")).kind)
    share = kinds.count("article") / len(kinds)
    print(f"\nbench/extraction pages kept as articles: {share:.3f} of {len(kinds)}")
    assert share >= 0.98


def test_link_farm_model_refuses_other_features() -> None:
    from newsdesk.extract.classify import LinkFarmModel

    with pytest.raises(ValueError, match="other features"):
        LinkFarmModel.from_dict({"features": ["x"], "mean": [0], "scale": [1], "coef": [1], "intercept": 0})


def test_page_shape_measures_links_and_title_repetition() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.extract.classify import SHAPE_FEATURES, page_shape
    from newsdesk.extract.metadata import read_metadata

    farm = WRITTEN[-1][2]
    tree = LexborHTMLParser(farm)
    shape = dict(zip(SHAPE_FEATURES, page_shape(tree, read_metadata(tree), "casino bonus", None), strict=True))
    assert shape["link_share"] > 0.8 and shape["hosts"] > 4 and shape["title_parts"] == 4
    tree = LexborHTMLParser(ARTICLE_WITH_RAIL)
    shape = dict(zip(SHAPE_FEATURES, page_shape(tree, read_metadata(tree), SENTENCE * 8, None), strict=True))
    assert shape["link_share"] < 0.5 and shape["signals"] == 2 and shape["body_sentences"] > 2


def test_a_page_of_links_without_a_sentence_is_a_link_farm_however_long() -> None:
    """The linear model read length as "article": 2,000 links with six-word anchors scored 0.27."""
    links = "".join(f'<a href="http://site{i % 50}.example/p{i}">Cheap flights to Paris and Rome</a> '
                    for i in range(2000))
    page = extract_html(f"<html><head><title>Flights</title></head><body>{links}</body></html>",
                        url="http://ex.example/a")
    assert (page.kind, page.reason) == ("not_article", "not an article: link farm")
