"""The web desk under 32 concurrent clients on a 100,000-article synthetic store.

usage: python benchmarks/web.py [--articles 100000] [--seconds 10] [--clients 32] [--db PATH] [--json OUT]
(the same as `python -m newsdesk.bench.web`; see src/newsdesk/bench/web.py)
"""

from __future__ import annotations

from newsdesk.bench.web import main

if __name__ == "__main__":
    main()
