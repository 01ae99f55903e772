"""`make bench`: run every benchmark in this folder, one after another, and print each report.

Each script prints our figure beside the anchors' measured in the same run. Run one alone
with `python benchmarks/NAME.py --help`. A failing benchmark is reported and the others go on.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Cheap, foundational figures first; the long scale runs last.
ORDER = ("ingest", "extraction", "text_extraction", "not_article", "metadata", "quotes", "events", "clustering",
         "neardup", "web", "scale")


def scripts() -> list[Path]:
    found = {p.stem: p for p in HERE.glob("*.py") if p.stem != "run_all" and not p.stem.startswith("_")}
    ordered = [found.pop(name) for name in ORDER if name in found]
    return ordered + sorted(found.values())


def main() -> int:
    failed = []
    for script in scripts():
        print(f"\n=== {script.stem} " + "=" * max(0, 70 - len(script.stem)), flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"--- {script.stem}: {time.perf_counter() - start:.0f} s" + ("" if code == 0 else f", exit {code}"))
        if code:
            failed.append(script.stem)
    if failed:
        print(f"\nbenchmarks that failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
