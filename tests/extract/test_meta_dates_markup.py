"""markup_date's lexbor reading of htmldate's fast-mode steps gives htmldate's own answer."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from htmldate import find_date
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.decode import decode_bytes
from newsdesk.extract.meta_markup import lexbor_markup_date
from newsdesk.extract.metadata import markup_date, read_metadata


def _htmldate(html: str, url: str | None = None) -> str | None:
    return find_date(html, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")


def _page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Storm hits the coast</title>{head}</head><body>{body}</body></html>"


STORY = "<p>The storm reached the coast on Tuesday night and cut power to thousands of homes.</p>"

# One page per step of find_date's fast mode, each answering with a date there and nowhere earlier.
STEPS = {
    "meta name": (_page('<meta name="pubdate" content="2019-11-19">', STORY), "2019-11-19"),
    "meta property": (_page('<meta property="article:published_time" content="2020-03-04T10:00:00">', STORY),
                      "2020-03-04"),
    "meta itemprop": (_page('<meta itemprop="datePublished" content="2018-07-01">', STORY), "2018-07-01"),
    "json-ld": (_page('<script type="application/ld+json">{"datePublished": "2017-05-06T08:00:00Z"}</script>',
                      STORY), "2017-05-06"),
    "abbr title": (_page("", f'<abbr class="published" title="2016-02-03">Feb 3</abbr>{STORY}'), "2016-02-03"),
    "cued element": (_page("", f'<div class="byline">By Ann Lee, 2015-09-10</div>{STORY}'), "2015-09-10"),
    "footer": (_page("", f"{STORY}<footer>Published 2014-08-09</footer>"), "2014-08-09"),
    "time pubdate": (_page("", f'<time pubdate datetime="2021-01-02T03:04:05">Jan 2</time>{STORY}'),
                     "2021-01-02"),
    "time text": (_page("", f"<time>2021-06-07 10:00</time>{STORY}"), "2021-06-07"),
    "timestamp in markup": (_page("", f'<div data-x="2019-12-24T18:00:00+01:00"></div>{STORY}'), "2019-12-24"),
    "og:image url": (_page('<meta property="og:image" content="https://cdn.example.com/2018/04/05/a.jpg">',
                           STORY), "2018-04-05"),
    "written date": (_page("", f"<p>Posted on 2013-03-04 by the desk.</p>{STORY}"), "2013-03-04"),
    "nothing": (_page("", STORY), None),
}


@pytest.mark.parametrize("name", sorted(STEPS))
def test_each_fast_mode_step_answers_as_htmldate_does(name: str) -> None:
    page, expected = STEPS[name]
    assert _htmldate(page) == expected
    assert lexbor_markup_date(page, None) == expected


def test_cleaning_stops_where_htmldate_s_stops_after_a_cleaned_element_holding_another() -> None:
    # htmldate drops <video> and its <track> but, its lxml iterator left inside the dropped subtree,
    # never reaches the <svg>: the first date in the page's markup is then the svg's.
    page = _page("", f"<div><video><track src=x>2012-01-01</video><svg><g>2012-02-02</g></svg>"
                     f"<p>Filed 2013-05-06 at noon.</p></div>{STORY}")
    assert lexbor_markup_date(page, None) == _htmldate(page) == "2012-02-02"
    # with nothing nested, every cleaned element goes and the text after each stays
    page = _page("", f"<div><video>2012-01-01</video><svg><g>2012-02-02</g></svg>tail"
                     f"<p>Filed 2013-05-06 at noon.</p></div>{STORY}")
    assert lexbor_markup_date(page, None) == _htmldate(page) == "2013-05-06"


def test_an_element_matching_several_selectors_counts_once_against_the_candidate_cap() -> None:
    # 400 footers with id and class: lexbor lists each once per selector matched (1,200 > the cap of
    # 1,000 candidates, past which htmldate reads none, and the page's first written date would win);
    # counted once, the first footer's date stands.
    footers = "".join(f'<footer id="f{i}" class="c">Updated 2011-10-{i % 28 + 1:02d}</footer>' for i in range(400))
    page = _page("", f"<p>From the archive, 2009-01-02.</p>{STORY}{footers}")
    assert lexbor_markup_date(page, None) == _htmldate(page) == "2011-10-01"


def test_a_canonical_link_date_is_read_when_no_url_is_given() -> None:
    page = _page('<link rel="canonical" href="https://example.com/2010/09/08/storm/">', STORY)
    assert lexbor_markup_date(page, None) == _htmldate(page) == "2010-09-08"


def _shared_pages(shared: Path) -> list[tuple[str, str | None]]:
    """Every HTML page of the benchmark sets and the corpus, with its URL where the gold names one."""
    urls = {pid: t.get("url") for pid, t in json.loads(
        (shared / "bench/extraction/ground-truth.json").read_text()).items()}
    for name in ("fundus", "postlight"):
        for line in (shared / "bench/metadata" / name / "gold.jsonl").read_text().splitlines():
            row = json.loads(line)
            urls[str(shared / "bench/metadata" / name / row["file"])] = row.get("url")
    pages = []
    for path in sorted(p for p in shared.rglob("*") if p.name.endswith((".html", ".html.gz", ".htm"))):
        raw = path.read_bytes()
        html = decode_bytes(gzip.decompress(raw) if path.name.endswith(".gz") else raw)
        pages.append((html, urls.get(str(path)) or urls.get(path.name.split(".")[0])))
    return pages


def test_same_date_as_htmldate_on_every_shared_page_that_falls_back_to_markup(shared_dir: Path) -> None:
    pages = [(html, url) for html, url in _shared_pages(shared_dir)
             if read_metadata(LexborHTMLParser(html), url).published is None]
    assert len(pages) >= 50
    differ = [url for html, url in pages if markup_date(html, url) != _normalised(_htmldate(html, url))]
    assert differ == []
    assert sum(markup_date(html, url) is not None for html, url in pages) >= len(pages) // 2


def _normalised(found: str | None) -> str | None:
    from newsdesk.extract.meta_dates import normalise_date

    return normalise_date(found) if found else None
