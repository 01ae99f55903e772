"""The benchmarks run end to end on ../shared and keep their floors (held-out figures are measured elsewhere)."""

from __future__ import annotations

from pathlib import Path

from newsdesk.bench import clustering, neardup
from newsdesk.bench.neardup import edit


def test_clustering_bench_prints_ours_beside_the_anchor(shared_dir: Path) -> None:
    result = clustering.run(shared_dir / "bench" / "clustering" / "gvc_dev.jsonl", seed=1)
    ours, anchor = result["newsdesk (incremental, k unknown)"], result["tf-idf + k-means (k given)"]
    assert ours["docs"] == anchor["docs"] == 78
    assert ours["bcubed_F1"] >= 0.93  # development-set floor; CV and held-out figures are in the report
    assert 0.5 < anchor["bcubed_F1"] < 1.0
    table = clustering.format_result(result)
    assert "bcubed_F1" in table and "ratio" in table


def test_neardup_set_and_scores(shared_dir: Path) -> None:
    pairs = neardup.generate(shared_dir / "corpus", limit=60)
    assert sum(p.duplicate for p in pairs) > 40 and sum(not p.duplicate for p in pairs) > 15
    result = neardup.evaluate(pairs)
    assert result["precision"] >= 0.99 and result["recall"] >= 0.95


def test_edits_change_the_text_as_described() -> None:
    import random

    paras = [f"Paragraph number {i} says something \"quoted\" -- and more words follow here." for i in range(6)]
    seen: set[str] = set()
    for seed in range(40):
        text, kinds = edit(paras, "A headline", random.Random(seed))
        seen.update(kinds)
        assert text != "\n\n".join(paras)
    assert seen == {"headline", "trim", "extend", "ads", "byline", "marks", "reorder"}


def test_scale_bench_reports_each_size_and_memory() -> None:
    from newsdesk.bench import scale

    result = scale.run([500, 1500], sample=3)
    assert [r["articles"] for r in result["rows"]] == [500, 1500]
    assert all(r["ms_per_article"] > 0 and r["all_pairs_ms_per_article"] > 0 for r in result["rows"])
    assert "memory at 1,500" in scale.format_result(result)
