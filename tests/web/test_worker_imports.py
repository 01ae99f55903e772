"""What a desk worker imports counts against its memory budget (300 MB for two workers)."""

import subprocess
import sys


def test_a_desk_worker_does_not_load_the_clusterer() -> None:
    """The desk only reads stories; numpy and the clusterer stay out of its memory budget."""
    code = "import sys, newsdesk.web.app; print('numpy' in sys.modules, 'newsdesk.stories.cluster' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
