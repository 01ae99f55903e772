"""The benchmarks' warm-up builds trafilatura's one-time jusText stop-word set outside the timing."""

from __future__ import annotations

import time

import pytest

from newsdesk.bench.extraction import warm_trafilatura_caches


def test_warm_up_builds_the_stop_word_set_so_a_justext_fallback_costs_no_load() -> None:
    external = pytest.importorskip("trafilatura.external")
    from justext.core import define_stoplist

    warm_trafilatura_caches()
    assert external.JT_STOPLIST  # built
    hits = define_stoplist.cache_info().hits
    start = time.process_time()
    define_stoplist(external.JT_STOPLIST)  # what trafilatura's jusText fallback calls
    assert define_stoplist.cache_info().hits == hits + 1  # already there: no 154,000-word rebuild
    assert time.process_time() - start < 0.05
