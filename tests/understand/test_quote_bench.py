"""`newsdesk bench quotes` on a tiny split in PolNeAR's layout, scored by the bench's score.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from polnear_helpers import Articles, tiny_split

ARTICLES: Articles = {
    "paper_2016-01-01_budget": (
        "Budget talks resume.\n\nSenator Maria Gomez said on Monday that the budget would pass by March. "
        "“We have the votes,” she said.",
        [("Senator Maria Gomez", "said", "that the budget would pass by March")],
    ),
    "paper_2016-01-02_storm": (
        "Storm nears.\n\nForecasters warned that the storm could reach the coast on Friday.",
        [("Forecasters", "warned", "that the storm could reach the coast on Friday")],
    ),
}


@pytest.fixture
def split(tmp_path: Path, shared_dir: Path) -> Path:
    return tiny_split(tmp_path, shared_dir, ARTICLES)


def test_bench_runs_on_any_split_and_prints_ours_beside_the_anchors(split: Path, tmp_path: Path) -> None:
    from newsdesk.cli import main

    out = tmp_path / "result.json"
    res = CliRunner().invoke(main, ["bench", "quotes", "--split-dir", str(split), "--json", str(out)])
    assert res.exit_code == 0, res.output
    for name in ("newsdesk", "GGT rules", "textacy-style", "throughput", "peak RSS"):
        assert name in res.output
    result = json.loads(out.read_text())
    ours = result["scores"]["newsdesk"]["0.3"]
    assert ours["gold"] == 2 and ours["recall"] == 1.0 and ours["speaker_accuracy"] == 1.0
    # score.py's judged speakers again, split by where each pair lies (both here: at their place)
    assert "speaker acc where the pair lies at one place=1.000 (n=2)" in res.output
    assert result["speakers_by_place"]["newsdesk"]["here_judged"] == 2


def test_train_cues_learns_from_a_split(split: Path, tmp_path: Path) -> None:
    from newsdesk.bench.quotes import train_cues

    data = train_cues(split, tmp_path / "cues.json", min_seen=1)
    assert data["cues"]["say"]["ccomp"] > 0 and data["cues"]["warn"]["ccomp"] > 0
    assert json.loads((tmp_path / "cues.json").read_text())["cues"] == data["cues"]


THINKING: Articles = {
    "paper_2016-01-03_race": (
        "The race tightens.\n\nHer advisers think that she has the discipline to win. “I think we will lose "
        "the state, and I think it will hurt,” one donor said. “I think the numbers are bad,” another said.",
        [("Her advisers", "think", "that she has the discipline to win")],
    ),
}


def test_the_lexicon_counts_cue_words_outside_quotation_marks_only(tmp_path: Path, shared_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # PolNeAR marks no cue inside quotation marks and the rules take none there: a quoted "I think"
    # is no evidence against "Her advisers think that ..." (P(think, ccomp) was 0.126 on train, under
    # the 0.2 a candidate needs; 88 of 182 in narration)
    from newsdesk.bench.quotes import train_cues
    from newsdesk.understand import quote_cues

    split = tiny_split(tmp_path, shared_dir, THINKING)
    assert train_cues(split, tmp_path / "cues.json", min_seen=1)["cues"]["think"]["ccomp"] == 0.5  # 1 of 1, add-one
    monkeypatch.setattr(quote_cues, "NARRATION_LEXICON", False)
    assert train_cues(split, tmp_path / "cues.json", min_seen=1)["cues"]["think"]["ccomp"] < 0.25
