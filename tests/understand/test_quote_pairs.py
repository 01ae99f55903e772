"""quote_pairs: score.py's pairing replayed, each judged speaker marked as paired at its own place or
with a gold elsewhere (a short gold content is covered whole by any prediction holding its words)."""

from __future__ import annotations

from pathlib import Path

from polnear_helpers import Articles, tiny_split

from newsdesk.bench.quote_pairs import placed_speakers
from newsdesk.bench.quotes import ann_files, load_scorer

TEXT = "Ann Lee denied it. Later, Bob Stone said that the plan would cost it all."
ARTICLES: Articles = {"paper_2016-02-01_plan": (TEXT, [("Ann Lee", "denied", "it"),
                                                      ("Bob Stone", "said", "that the plan would cost it all")])}
BOB = {"text": "that the plan would cost it all", "speaker": "Bob Stone", "start": TEXT.index("that"),
       "end": len(TEXT) - 1}
ANN = {"text": "it", "speaker": "Ann Lee", "start": TEXT.index("it"), "end": TEXT.index("it") + 2}


def _counts(tmp_path: Path, shared_dir: Path, preds: list[dict]) -> dict[str, int]:
    split = tiny_split(tmp_path, shared_dir, ARTICLES)
    score = load_scorer(split)
    doc = "paper_2016-02-01_plan"
    items = score.gold_for_split(split)[doc]["items"]
    return dict(placed_speakers(score, TEXT, score.parse_ann(ann_files(split)[doc]), items, preds))


def test_a_right_speaker_paired_with_a_short_gold_elsewhere_is_counted_apart(tmp_path: Path, shared_dir: Path) -> None:
    # Bob's words hold "it", Ann's whole gold content, listed first: score.py pairs them and judges
    # Bob Stone against "Ann Lee"
    assert _counts(tmp_path, shared_dir, [BOB]) == {"elsewhere_judged": 1, "elsewhere_ok": 0}


def test_pairs_at_their_place_are_judged_there(tmp_path: Path, shared_dir: Path) -> None:
    assert _counts(tmp_path, shared_dir, [ANN, BOB]) == {"here_judged": 2, "here_ok": 2}


def test_a_prediction_placed_by_its_text_when_it_has_no_offsets(tmp_path: Path, shared_dir: Path) -> None:
    wrong = {"text": BOB["text"], "speaker": "Ann Lee"}  # an anchor's quote: no offsets, wrong speaker
    assert _counts(tmp_path, shared_dir, [ANN, wrong]) == {"here_judged": 2, "here_ok": 1}
