"""bench.clustering.settings: the tuned constants --tune and --cv set reach the modules that read them."""

from __future__ import annotations

import pytest

from newsdesk.bench import clustering
from newsdesk.stories import pairs, repair_divide, repair_merge, repair_recluster


def test_a_constant_is_set_where_its_step_reads_it_and_restored() -> None:
    before = (repair_divide.DIVIDE_RATIO, repair_recluster.LOCAL_THRESHOLD, repair_merge.REACH, pairs.PAIR_BIAS)
    with clustering.settings({"DIVIDE_RATIO": 2.5, "LOCAL_THRESHOLD": 0.9, "REACH": 7.0, "PAIR_BIAS": -1.0}):
        assert repair_divide.divide_limit(False) == 2.5  # read at call time by the divide step
        assert (repair_recluster.LOCAL_THRESHOLD, repair_merge.REACH, pairs.PAIR_BIAS) == (0.9, 7.0, -1.0)
    after = (repair_divide.DIVIDE_RATIO, repair_recluster.LOCAL_THRESHOLD, repair_merge.REACH, pairs.PAIR_BIAS)
    assert after == before


def test_a_name_no_module_has_is_refused() -> None:
    # Before, a misspelt or moved constant was set nowhere and every grid point scored the same clusterer.
    before = repair_divide.DIVIDE_RATIO
    with pytest.raises(KeyError, match="DIVIDE_RATIOS"), clustering.settings({"DIVIDE_RATIO": 2.5, "DIVIDE_RATIOS": 0.5}):
        pass
    after = repair_divide.DIVIDE_RATIO
    assert after == before  # nothing was left set
