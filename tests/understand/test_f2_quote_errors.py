"""tools/quote_errors.py sorts held-out quote predictions into the groups F2 (session 14) counted: kept
and matching no gold, matched to a gold somewhere else in the text, and missed gold by what the
candidates at its place were. A tiny split in PolNeAR's layout, scored by the bench's own score.py."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from polnear_helpers import Articles, tiny_split

TOOL = Path(__file__).resolve().parents[2] / "tools" / "quote_errors.py"

ARTICLES: Articles = {
    "paper_2016-01-01_budget": (
        "Budget talks resume.\n\nSenator Maria Gomez said on Monday that the budget would pass by March. "
        "Critics warned that taxes would rise. Aides believe the plan is sound. The mayor waved his hand. "
        "Voters think the race is close.",
        [("Senator Maria Gomez", "said", "that the budget would pass by March"),
         ("Critics", "warned", "that taxes would rise"), ("Aides", "believe", "the plan is sound"),
         ("Voters", "think", "the race is close")],
    ),
    "paper_2016-01-02_storm": (
        "Storm nears.\n\nForecasters warned that the storm could reach the coast on Friday. "
        "Officials said it would not. Residents asked whether it would not.",
        [("Forecasters", "warned", "that the storm could reach the coast on Friday"),
         ("Officials", "said", "it would not")],
    ),
}

# every candidate with (filter P, ranker P): kept when P >= 0.5 and P x ranker P >= 0.4
SCORED = {
    "paper_2016-01-01_budget": [
        ({"text": "that the budget would pass by March", "speaker": "Maria Gomez"}, 0.9, 0.9),  # matched
        ({"text": "his hand", "speaker": "The mayor"}, 0.8, 0.9),  # kept, no gold
        ({"text": "that taxes would rise", "speaker": "Critics"}, 0.3, 0.9),  # the filter drops it
        ({"text": "sound", "speaker": "Aides"}, 0.7, 0.9),  # kept where "the plan is sound" is, too short
    ],  # "the race is close": no candidate at all
    "paper_2016-01-02_storm": [
        ({"text": "that the storm could reach the coast on Friday", "speaker": "Forecasters"}, 0.9, 0.2),  # gate
        ({"text": "whether it would not", "speaker": "Residents"}, 0.8, 0.9),  # takes "it would not" by its words
    ],
}


@pytest.fixture
def split(tmp_path: Path, shared_dir: Path) -> Path:
    return tiny_split(tmp_path, shared_dir, ARTICLES)


def test_each_error_lands_in_its_group(split: Path, tmp_path: Path) -> None:
    scored = tmp_path / "scored.pkl"
    scored.write_bytes(pickle.dumps(SCORED))
    run = subprocess.run([sys.executable, str(TOOL), str(scored), "--split-dir", str(split), "--json"],
                         capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(run.stdout) == {
        "gold": 6, "kept": 4, "matched": 2, "unmatched": 2, "elsewhere": 1,
        "missed:filter": 1, "missed:gate": 1, "missed:kept": 1, "missed:none": 1,
    }
