"""The extraction benchmark runs on any directory in the benchmark's format, with the scorer's metric."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from newsdesk.bench import extraction

BODY = " ".join(f"Sentence {i} tells readers what the council decided about the harbour today." for i in range(30))


def _write_set(root: Path) -> tuple[Path, Path]:
    pages = root / "html"
    pages.mkdir()
    truth = {}
    for i in range(3):
        html = (f"<html><head><title>Story {i}</title></head><body><nav>Home News Sport</nav>"
                f"<article><h1>Story {i}</h1><p>{BODY} Page {i}.</p></article></body></html>")
        (pages / f"p{i}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[f"p{i}"] = {"articleBody": f"{BODY} Page {i}.", "url": f"https://x.example/{i}"}
    truth_file = root / "truth.json"
    truth_file.write_text(json.dumps(truth))
    return pages, truth_file


def test_run_on_a_fresh_directory_without_a_scorer(tmp_path: Path) -> None:
    pages, truth = _write_set(tmp_path)
    result = extraction.run(pages, truth, tools=["newsdesk", "trafilatura"])
    assert result["pages"] == 3 and result["scorer"] == "built-in"
    ours = result["tools"]["newsdesk"]
    assert ours["f1"] > 0.9 and ours["errors"] == 0 and ours["pages_per_s"] > 0
    table = extraction.format_table(result)
    assert "newsdesk" in table and "trafilatura" in table


def test_built_in_metric_equals_the_shipped_scorer(shared_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location("score", shared_dir / "bench" / "extraction" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    truth = {"a": {"articleBody": "one two three four five six"}, "b": {"articleBody": "alpha beta"},
             "c": {"articleBody": "x y z w v u t s"}, "d": {"articleBody": ""}}
    pred = {"a": {"articleBody": "one two three four five seven"}, "b": {"articleBody": ""},
            "c": {"articleBody": "x y z w v u t s extra words here"}, "d": {"articleBody": "noise"}}
    theirs = score.evaluate(truth, pred, n_bootstrap=0)
    ours = extraction.shingle_scores(truth, pred)
    for key in ("f1", "precision", "recall", "accuracy"):
        assert ours[key] == pytest.approx(theirs[key])
