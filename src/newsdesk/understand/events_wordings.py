"""Extra wordings for the CAMEO pentaclass classifier: labelled sentences from the event
codebooks, worded unlike the gold train split, to train on beside it (weighted lower).

The gold train split is built in blocks of one wording each, so a held-out sentence often uses
a predicate the gold never shows. These sources bring other wordings of the same acts:
  * ngec `gpt_synthetic_events_*.csv.zip`: synthetic news stories labelled with a PLOVER event
    (and mode); we take each story's first sentence, which states the event;
  * ngec `synthetic_headlines.csv`: synthetic headlines labelled the same way, their
    {country_1}/{city} placeholders filled with real names (masked by the classifier anyway);
  * PETRARCH's unit-test records (gold/petr_unittest_records_en_synthetic_actors.jsonl): the
    CAMEO code of the first event, which gives the class directly (penta_of).
Read at run time from ../shared (cameo.codebook_dir()), never shipped: training only.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import NamedTuple

# PLOVER event -> the gold split's pentaclass (0 statement, 1 verbal coop, 2 material coop,
# 3 verbal conflict, 4 material conflict). Each PLOVER event maps to CAMEO roots
# (CAMEO2PLOVER-2021); the class of a root is taken from the gold train split itself, not from
# score.py's root ranges, because the gold's annotators differ from those ranges at a few roots.
# Checked two ways: (a) the class of the gold sentences whose main verb the PETRARCH lexicon
# codes with that root (02 appeal: 0.64 statement; 14 protest: 1.00 material conflict, n=6;
# 16 reduce relations: 0.59 verbal conflict, 0.26 material; 15 mobilize: 0.47/0.47 material
# coop/conflict; the others follow the ranges), and (b) a model trained on the gold alone, run on
# the synthetic stories' first sentences: PROTEST 65% material conflict, 13% verbal conflict;
# SANCTION 46% verbal conflict, 18% material conflict; REQUEST 42% statement. So:
# AGREE 03, CONSULT 04, SUPPORT 05 -> 1; COOPERATE 06, AID 07, RETREAT 08 -> 2;
# ACCUSE 11, REJECT 12, THREATEN 13, SANCTION 16 -> 3; PROTEST 14, MOBILIZE 15, COERCE 17,
# ASSAULT 18-20 -> 4. CONCEDE: CAMEO2PLOVER gives 08, but the ngec codebook the synthetic data
# was written to defines it as a *promise* of future concessions (CAMEO 035), so 1 (the gold
# model's plurality too, 32%).
PLOVER_PENTA = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# Modes whose root differs from their event's. A REQUEST for help or a meeting is an appeal
# (02: statement in the gold); other requests are as often demands (10): not mapped (None).
# ACCUSE/investigate is CAMEO 09, which the gold splits (n=8): not mapped either.
MODE_PENTA: dict[tuple[str, str], int | None] = {
    ("REQUEST", "ASSIST"): 0, ("REQUEST", "MEET"): 0, ("ACCUSE", "INVESTIGATE"): None,
}

# Names for the headlines' placeholders, cycled (the classifier masks names: any will do)
_COUNTRIES = ("France", "Kenya", "Peru", "Japan", "Turkey", "Brazil", "Egypt", "India", "Poland",
              "Chile", "Nigeria", "Vietnam", "Canada", "Morocco", "Sweden", "Pakistan", "Colombia")
_CITIES = ("Lyon", "Mombasa", "Cusco", "Osaka", "Izmir", "Recife", "Aswan", "Pune", "Gdansk")


# Sample weight of each source beside a gold sentence (1): synthetic and re-labelled, so less.
# At 0.3 the stories and headlines cost 0.08-0.13 macro-F1 under held-out wordings (figures at
# event_classifier.EXTRA_SOURCES), so the shipped model uses none of them.
SOURCE_WEIGHTS = {"story": 0.3, "headline": 0.3, "petr": 0.3}


class Wording(NamedTuple):
    text: str
    pentaclass: int
    source: str  # "story", "headline" or "petr" (see SOURCE_WEIGHTS)


def plover_pentaclass(event: str, mode: str | None = None) -> int | None:
    """The pentaclass of a PLOVER event (and mode), None where it is ambiguous or unknown."""
    event, mode = event.strip().upper(), (mode or "").strip().upper()
    if (event, mode) in MODE_PENTA:
        return MODE_PENTA[(event, mode)]
    return PLOVER_PENTA.get(event)


def first_sentence(text: str, limit: int = 400) -> str:
    """A story's first sentence (a full stop or ?/! followed by a capital), at most `limit` chars."""
    text = re.sub(r"\s+", " ", text).strip()
    m = re.match(r"(.+?[.!?])[\"\u201d]?\s+(?=[A-Z\"\u201c])", text)
    return (m.group(1) if m else text)[:limit]


def _fill(title: str, i: int) -> str:
    for k in range(1, 4):
        title = title.replace(f"{{country_{k}}}", _COUNTRIES[(i * 3 + k * 5) % len(_COUNTRIES)])
    return title.replace("{city}", _CITIES[i % len(_CITIES)]).strip()


def story_wordings(ngec: Path) -> list[Wording]:
    out = []
    for archive in sorted(ngec.glob("gpt_synthetic_events_*.csv.zip")):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                with z.open(name) as fh:
                    for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
                        klass = plover_pentaclass(row["label"], row.get("mode"))
                        if klass is not None and row["text"].strip():
                            out.append(Wording(first_sentence(row["text"]), klass, "story"))
    return out


def headline_wordings(ngec: Path) -> list[Wording]:
    path = ngec / "synthetic_headlines.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [Wording(_fill(r["title"], i), klass, "headline") for i, r in enumerate(rows)
            if (klass := plover_pentaclass(r["event"], r.get("mode"))) is not None]


def petr_wordings(gold: Path) -> list[Wording]:
    """PETRARCH's unit-test sentences whose first event has a CAMEO root (01-20), once each."""
    from newsdesk.understand.cameo import penta_of

    path = gold / "petr_unittest_records_en_synthetic_actors.jsonl"
    if not path.exists():
        return []
    out: dict[str, Wording] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        events = row.get("events") or []
        klass = penta_of(events[0].get("cameo_code")) if events else None
        if klass is not None:
            out.setdefault(row["text"], Wording(row["text"], klass, "petr"))
    return list(out.values())


def extra_wordings(codebooks: Path | None = None, sources: tuple[str, ...] = ("story", "headline", "petr")
                   ) -> list[Wording]:
    """All extra wordings from the codebooks directory (cameo.codebook_dir() by default); [] when absent."""
    from newsdesk.understand.cameo import codebook_dir

    codebooks = codebooks or codebook_dir()
    if codebooks is None:
        return []
    found = {"story": lambda: story_wordings(codebooks / "ngec"),
             "headline": lambda: headline_wordings(codebooks / "ngec"),
             "petr": lambda: petr_wordings(codebooks.parent / "gold")}
    return [w for s in sources for w in found[s]()]
