"""The line model on hostile scrapes: memory and time bounded whatever the length of the text."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tracemalloc

import numpy as np
import pytest

from newsdesk.errors import Rejected
from newsdesk.extract.text import extract_text, split_lines
from newsdesk.extract.text_model import MAX_TEXT_LINES, SCORE_BLOCK, _groups, body_mask, load_model


def rows(n: int) -> np.ndarray:
    # Any values will do: every row walks the trees to some leaf.
    return np.random.default_rng(0).random((n, len(load_model().features))) * 5


@pytest.mark.parametrize("n", [1, SCORE_BLOCK, SCORE_BLOCK + 1, 2 * SCORE_BLOCK + 1, 2 * SCORE_BLOCK + 7])
def test_scoring_in_blocks_gives_the_bits_of_one_walk_over_the_page(n: int) -> None:
    trees = load_model().stage1
    x = rows(n)
    assert trees.probabilities(x).tobytes() == trees._walk(x).tobytes()


def test_walking_the_trees_takes_memory_of_one_block_not_of_the_page() -> None:
    trees = load_model().stage1
    x = rows(20_000)
    tracemalloc.start()
    try:
        trees.probabilities(x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # One walk over the whole page held (200 trees x 20,000 rows) arrays: a 140 MB peak.
    assert peak < 8_000_000


def test_groups_pick_what_a_mask_per_key_picks() -> None:
    keys = np.random.default_rng(1).integers(0, 50, 1000)
    groups = _groups(keys)
    assert len(groups) == len(np.unique(keys))
    for group in groups:
        assert np.array_equal(group, np.flatnonzero(keys == keys[group[0]]))
    assert _groups(np.array([], dtype=int)) == []


def test_a_scrape_over_the_line_cap_is_refused_with_its_reason() -> None:
    lines = split_lines(".\n" * (MAX_TEXT_LINES + 1))
    with pytest.raises(Rejected, match="text has too many lines") as caught:
        body_mask(lines)
    assert caught.value.stage == "extract" and f"{MAX_TEXT_LINES + 1} lines" in caught.value.detail


def test_a_megabyte_of_short_lines_is_refused_in_bounded_memory_and_time() -> None:
    # Before the cap and the blocks: 71 s, then a MemoryError asking 763 MiB for one array; a
    # 10 MB scrape needed tens of GB, and the OOM killer ended the whole ingest.
    script = textwrap.dedent("""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from newsdesk.errors import Rejected
        from newsdesk.extract.text import extract_text
        try:
            extract_text(".\\n" * 500_000)
        except Rejected as rej:
            print(rej.reason)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "text has too many lines"


def test_a_scrape_at_the_line_cap_is_scored_in_bounded_memory() -> None:
    text = ".\n" * (MAX_TEXT_LINES - 1)
    tracemalloc.start()
    try:
        article = extract_text(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert article.kind == "not_article"
    assert peak < 40_000_000  # 81 MB when the trees walked the whole page at once; 20 MB now
