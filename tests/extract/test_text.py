"""Plain-text scrapes: body, metadata and rail from pages we wrote, and the helpers behind them."""

from __future__ import annotations

import importlib.util
import json
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from newsdesk.bench import text_extraction as bench
from newsdesk.errors import Rejected
from newsdesk.extract.text import (
    best_span,
    body_mask,
    byline_authors,
    excerpt_of,
    extract_text,
    labelled_values,
    refuse_long_text,
    split_lines,
    split_run_together,
)
from newsdesk.extract.text_model import MAX_TEXT_LINES

FETCHED = "2026-03-04T12:00:00+00:00"

PARAGRAPHS = [
    "The federal environment agency on Tuesday approved a long-delayed plan to deepen and widen the city's "
    "harbour, clearing the way for construction to begin this summer after a review that lasted more than two years.",
    "The project, estimated to cost 1.2 billion dollars, will allow container ships twice the size of those now "
    "calling at the port to dock at its eastern terminals. Port officials said the work would take four years and "
    "would be paid for largely by user fees.",
    "\"This decision gives the region a future as a trading hub,\" said Maria Lopez, the chief executive of the port "
    "authority. \"Without it, the big ships would simply have gone elsewhere.\"",
    "Environmental groups, which had challenged the plan in court, said they were studying the decision. They have "
    "argued that dredging will disturb contaminated sediment and harm the fish stocks on which local fishermen depend.",
    "The agency attached thirty conditions to its approval, including limits on dredging during spawning season and "
    "a requirement that the port fund a monitoring programme run by the state university.",
    "Local business leaders welcomed the news, saying the expansion would protect thousands of jobs at the docks "
    "and in the warehouses and trucking firms that serve them.",
]

ARTICLE = "\n".join([
    "Skip to content", "* Home", "* World", "* Business", "* Sport", "* Culture", "Subscribe", "Sign in", "",
    "Business | Ports", "",
    "Harbour Expansion Plan Wins Federal Approval After Two-Year Review", "",
    "March 3, 2026", "",
    "By Jane Doe and Omar Haddad", "",
    "Share this", "",
    "\n\n".join(PARAGRAPHS), "",
    "Comments (3)", "",
    "Related Stories", "",
    "* Fishermen fear for their catch as dredging begins",
    "* What the new port means for local jobs",
    "* Court hears challenge to harbour dredging plan", "",
    "About us | Contact | Privacy policy | Terms of use",
    "© 2026 The Coastal Courier. All rights reserved.",
])

HOME_PAGE = "\n".join([
    "The Coastal Courier", "* Home", "* World", "* Business", "* Sport", "* Culture", "* Opinion",
    "Subscribe", "Sign in", "", "Top Stories", "",
    "Harbour expansion plan wins federal approval after two-year review", "2 hours ago", "",
    "Storm closes mountain passes across the northern region", "3 hours ago", "",
    "Central bank holds rates steady for third straight meeting", "5 hours ago", "",
    "World", "",
    "Election results delayed as officials recount ballots in capital",
    "Floods displace thousands in river delta after week of rain",
    "Leaders meet for trade talks amid tariff dispute", "",
    "Business", "",
    "Tech firm announces record profits and new hiring plans",
    "Shipping rates fall as demand for containers cools",
    "Retail sales rise for fourth month in a row", "",
    "Sport", "",
    "Home side clinches title with last-minute winner",
    "Star striker signs contract extension until 2029",
    "Marathon route changed after road works", "",
    "Culture", "",
    "Film festival opens with premiere of local documentary",
    "Museum unveils restored medieval tapestry collection", "",
    "About us | Contact | Privacy policy | Terms of use",
    "© 2026 The Coastal Courier. All rights reserved.",
])


def test_article_with_dateline_byline_share_bar_comments_and_rail() -> None:
    article = extract_text(ARTICLE, url="https://courier.example/harbour", fetched_at=FETCHED)
    assert article.kind == "article"
    assert article.title == "Harbour Expansion Plan Wins Federal Approval After Two-Year Review"
    assert article.authors == ("Jane Doe", "Omar Haddad")
    assert article.published == "2026-03-03T00:00:00+00:00"
    assert list(article.paragraphs) == PARAGRAPHS
    assert article.text == "\n\n".join(PARAGRAPHS)
    for furniture in ("Share this", "Comments (3)", "Related Stories", "Fishermen fear", "Privacy policy"):
        assert furniture not in article.text
    assert [r.title for r in article.related] == [
        "Fishermen fear for their catch as dredging begins",
        "What the new port means for local jobs",
        "Court hears challenge to harbour dredging plan",
    ]
    assert article.language == "en"
    assert article.extractor == "text"
    assert article.url == "https://courier.example/harbour"
    assert article.excerpt.startswith("The federal environment agency") and article.excerpt.endswith("…")
    assert len(article.excerpt) <= 201


def test_home_page_is_not_an_article() -> None:
    article = extract_text(HOME_PAGE, fetched_at=FETCHED)
    assert article.kind == "not_article"
    assert article.reason == "not an article: link listing"
    assert article.text == "" and article.paragraphs == ()


def test_login_page_is_not_an_article() -> None:
    page = "Example News\n\nSign in to continue\n\nEmail\nPassword\nForgot your password?\n\nLog in\nCreate an account"
    article = extract_text(page)
    assert article.kind == "not_article"
    assert article.reason == "not an article: error or login page"


def test_empty_scrape_is_not_an_article() -> None:
    assert extract_text("").kind == "not_article"
    assert extract_text("\n\n   \n").reason == "not an article: no body text"


def test_no_author_is_invented() -> None:
    page = ARTICLE.replace("By Jane Doe and Omar Haddad", "")
    article = extract_text(page, fetched_at=FETCHED)
    assert article.kind == "article"
    assert article.authors == ()


def test_no_date_without_a_dateline() -> None:
    article = extract_text(ARTICLE.replace("March 3, 2026", ""), fetched_at=FETCHED)
    assert article.published is None


@pytest.mark.parametrize(("label", "expected"), [
    ("NewsWorld", ["News", "World"]),
    ("BusinessTechnologyScience", ["Business", "Technology", "Science"]),
    ("iPhone", ["iPhone"]),
    ("McDonald", ["McDonald"]),
    ("World", ["World"]),
])
def test_run_together_labels_split_at_case_changes(label: str, expected: list[str]) -> None:
    assert split_run_together(label) == expected


def test_labelled_values() -> None:
    assert labelled_values("Categories: NewsWorld") == ("categories", ["News", "World"])
    assert labelled_values("Tags: ports, shipping | environment") == ("tags", ["ports", "shipping", "environment"])
    assert labelled_values("The categories of risk were many: fire, flood") is None


@pytest.mark.parametrize(("line", "names"), [
    ("By Jane Doe", ["Jane Doe"]),
    ("By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER", ["Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker"]),
    ("By Jonathan GarberFOXBusiness", ["Jonathan Garber"]),
    ("By Jane Doe, Reuters", ["Jane Doe"]),
    ("by the time the ships arrived the port was closed", []),
    ("Jane Doe", []),
])
def test_bylines(line: str, names: list[str]) -> None:
    assert byline_authors(line) == names


def test_excerpt_cuts_at_a_word() -> None:
    assert excerpt_of("Short paragraph.") == "Short paragraph."
    cut = excerpt_of("word " * 100, limit=30)
    assert cut == "word word word word word word…"


def test_best_span() -> None:
    assert best_span(np.array([-1.0, 2.0, -0.5, 3.0, -10.0, 4.0])) == (1, 3)


def test_blocks_are_numbered_by_blank_lines() -> None:
    lines = split_lines("a b\nc d\n\n\ne f\n")
    assert [(line.text, line.block) for line in lines] == [("a b", 0), ("c d", 0), ("e f", 2)]


def _score_module(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_score", shared / "bench" / "extraction" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_bench_metric_matches_the_shared_scorer(shared_dir: Path) -> None:
    root = shared_dir / "bench" / "extraction"
    ids, texts, golds = bench.load_pages(root / "text", root / "ground-truth.json")
    ids = ids[:20]
    preds = {pid: bench.ours(texts[pid]) for pid in ids}
    ours = bench.aggregate([bench.page_counts(golds[pid], preds[pid]) for pid in ids])
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    theirs = _score_module(shared_dir).evaluate(
        {pid: truth[pid] for pid in ids}, {pid: {"articleBody": preds[pid]} for pid in ids}, n_bootstrap=0)
    for key in ("f1", "precision", "recall"):
        assert ours[key] == pytest.approx(theirs[key], abs=1e-9)


def test_bench_run_reports_ours_beside_both_baselines(shared_dir: Path) -> None:
    root = shared_dir / "bench" / "extraction"
    result = bench.run(root / "text", root / "ground-truth.json", limit=6)
    assert result["pages"] == 6
    assert set(result["systems"]) == {"newsdesk", "whole text", "trafilatura (lines as <p>)"}
    table = bench.format_table(result)
    assert "newsdesk" in table and "trafilatura" in table
    # The whole text holds nearly every gold shingle (rendering differs in a few places).
    assert result["systems"]["whole text"]["recall"] > 0.95
    assert result["systems"]["newsdesk"]["f1"] > result["systems"]["whole text"]["f1"]


# Lines as split_lines sees them: \r\n, \r and \n break; a line of whitespace (tabs, no-break
# spaces, U+2028, U+0085) is no line; its other characters belong to the line.
ODD_LINES = ["a", "\t\xa0", "b\u2028c", "\u2028", "\x85", " d ", "", "e\x0cf"]


@pytest.mark.parametrize("extra", [0, 1])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_the_early_line_count_refuses_exactly_what_the_line_model_refuses(extra: int, newline: str) -> None:
    kept = sum(bool(line.strip()) for line in ODD_LINES)
    text = newline.join(ODD_LINES * ((MAX_TEXT_LINES + extra) // kept) + ["g"] * ((MAX_TEXT_LINES + extra) % kept))
    lines = split_lines(text)
    assert len(lines) == MAX_TEXT_LINES + extra
    if not extra:
        refuse_long_text(text)  # at the cap: scored, not refused
        return
    with pytest.raises(Rejected) as early:
        refuse_long_text(text)
    with pytest.raises(Rejected) as late:
        body_mask(lines)
    assert (early.value.stage, early.value.reason, early.value.detail) == \
        (late.value.stage, late.value.reason, late.value.detail)


def test_ten_megabytes_of_short_lines_are_refused_before_any_is_split() -> None:
    # Splitting first took 12-47 s and 612-661 MB for this scrape, only for the line model to refuse it.
    text = ".\n" * 5_000_000
    start = time.perf_counter()
    with pytest.raises(Rejected, match="text has too many lines"):
        extract_text(text)
    assert time.perf_counter() - start < 10  # 1.2 s; the old path 12 s alone, 47 s on a busy machine
    megabyte = text[:1_000_000]
    tracemalloc.start()
    try:
        with pytest.raises(Rejected):
            extract_text(megabyte)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # 2 kB: no line is made; split_lines made 500,000 of them
