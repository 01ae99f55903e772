"""The not-article benchmark: its generated pages, its labels and its arithmetic."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.bench import not_article as bench
from newsdesk.bench.not_article_pages import MAKERS, generate_pages
from newsdesk.extract.html import extract_html

TITLES = [f"Story {i}: officials discuss the harbour plan and the city budget" for i in range(40)]


def test_generated_pages_cover_every_kind_and_repeat_with_the_seed() -> None:
    pages = list(generate_pages(TITLES, per_kind=3, seed=1))
    assert {kind for *_, kind in pages} == set(MAKERS)
    assert len(pages) == 3 * len(MAKERS)
    assert pages == list(generate_pages(TITLES, per_kind=3, seed=1))
    assert pages != list(generate_pages(TITLES, per_kind=3, seed=2))
    assert len({html for _, _, html, _ in pages}) == len(pages)  # no template repeated verbatim


def test_precision_recall_counts() -> None:
    pairs = [(True, True), (True, False), (False, True), (False, False), (True, True)]
    figures = bench.precision_recall(pairs)
    assert (figures["tp"], figures["fp"], figures["fn"]) == (2, 1, 1)
    assert figures["precision"] == 2 / 3 and figures["recall"] == 2 / 3
    assert bench.precision_recall([])["f1"] == 0.0


def test_generated_non_articles_are_mostly_caught() -> None:
    rows = [bench.judge(bench.Labelled(pid, url, html, "not_article", kind, "generated"))
            for pid, url, html, kind in generate_pages(TITLES, per_kind=2, seed=3)]
    caught = sum(r["ours"] for r in rows) / len(rows)
    baseline = sum(r["baseline"] for r in rows) / len(rows)
    assert caught > baseline
    assert caught >= 0.7


def test_labels_name_files_that_exist(shared_dir: Path) -> None:
    labels = json.loads(bench.LABELS.read_text(encoding="utf-8"))
    for entry in labels["globs"]:
        assert list(shared_dir.glob(entry["glob"])), entry["glob"]
    for entry in labels["warc"]:
        assert (shared_dir / entry["file"]).is_file()
        assert all(r["kind"] for r in entry["records"])


def test_labelled_warc_records_are_found(shared_dir: Path) -> None:
    labels = json.loads(bench.LABELS.read_text(encoding="utf-8"))
    entry = next(e for e in labels["warc"] if "cc-main" in e["file"])
    found = {p.url for p in bench._warc_pages(shared_dir, entry)}
    assert found == {r["url"] for r in entry["records"]}


def test_a_real_article_stays_an_article(shared_dir: Path) -> None:
    page = next(p for p in bench.labelled_pages(shared_dir, per_kind=0) if p.page_id.startswith("corpus/html/"))
    assert extract_html(page.html, url=page.url).kind == "article"
