"""CAMEO codes: what a code means (codebook), and which code a verb takes (verb lexicon).

- The codebook (labels, Goldstein scale, CAMEO->PLOVER) has no licence statement in the
  data we were given, so it is not shipped: it is read at run time from the directory
  named by the environment variable EVENTS_CODEBOOK_DIR, else `../shared/bench/events/codebooks`
  next to the source checkout this module is in, else next to the working directory. Without it,
  quad class and PLOVER event come from the definitional root-level tables below and Goldstein is None.
- The verb lexicon is derived from the MIT-licensed PETRARCH-2 dictionaries by
  understand/lexicon.py (read at run time), plus a few verbs of our own
  (OWN_VERBS) that PETRARCH files oddly or lacks; `predicate_codes` finds the verbs and event
  nouns of a parsed sentence that the lexicon codes.

The sentence classifier that reads these codes beside a sentence's words (which of the five
CAMEO classes its event is) is understand/event_classifier.py.
"""

from __future__ import annotations

import csv
import os
import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

CODEBOOK_ENV = "EVENTS_CODEBOOK_DIR"

# The five classes of the Multi-CoPED / ConfliBERT "pentaclass" task.
PENTA_NAMES = ("statement", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict")

# Root -> PLOVER event (NGEC/POLECAT's 16 types, as in CAMEO2PLOVER). CAMEO 01 (statements)
# has no PLOVER type: see plover_for(), which picks by sub-code and flags mode "statement".
ROOT_PLOVER = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE",
    "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
    "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
STATEMENT_PLOVER = {"012": "ACCUSE", "016": "REJECT", "013": "SUPPORT", "018": "SUPPORT", "019": "SUPPORT"}

# Verbs and event nouns whose PETRARCH entry is missing or filed under an odd group
# (e.g. NEGOTIATE sits in a "yield" group, 080). Codes from the CAMEO manual's definitions.
OWN_VERBS = {
    "negotiate": "046", "negotiation": "046", "talk": "040", "talks": "046", "meet": "040",
    "meeting": "040", "discuss": "040", "visit": "042", "host": "043", "mediate": "045",
    "say": "010", "state": "010", "tell": "010", "announce": "010", "add": "010", "note": "010",
    "stress": "010", "underscore": "010", "echo": "010", "insist": "010", "claim": "010",
    "urge": "020", "appeal": "020", "ask": "020", "call": "020", "request": "020", "advocate": "020",
    "press": "100", "demand": "100", "push": "100", "pressure": "100",
    "refuse": "120", "reject": "120", "rule": "120", "deny": "120", "decline": "120", "oppose": "120",
    "veto": "120", "boycott": "120",
    "warn": "130", "threaten": "130", "criticize": "111", "criticise": "111", "condemn": "111",
    "accuse": "112", "blame": "112", "protest": "140", "rally": "140", "demonstrate": "140",
    "agree": "030", "pledge": "030", "promise": "030", "offer": "030", "sign": "057", "praise": "051",
    "welcome": "051", "support": "051", "endorse": "051", "back": "051", "apologize": "055",
    "cooperate": "060", "aid": "070", "help": "070", "donate": "070", "release": "084",
    "withdraw": "087", "ratify": "057", "free": "084", "expel": "174", "investigate": "090", "probe": "090",
    "sanction": "163",
    "arrest": "173", "detain": "173", "seize": "173", "deport": "174", "attack": "190", "strike": "190",
    "bomb": "183", "shell": "194", "fight": "190", "kill": "190", "shoot": "190", "invade": "192",
    "clash": "190", "raid": "190", "assassinate": "186", "kidnap": "181", "abduct": "181",
    "deploy": "150", "mobilize": "150", "mobilise": "150", "impose": "163", "cut": "160",
}

# Verbs of writing and answering that PETRARCH files in the disapproval group (110) for the sake of
# its patterns ("wrote a letter of protest" 111, "answered the critics"): with no pattern of theirs
# in the clause they only say something ("Kenyan Gay wrote about the suspension", "X writes: ...",
# "answered five questions"), a statement. V4 read 6 of 60 stored corpus events coded 110 this way,
# none a disapproval; the PETR-2 and pentaclass gold hold no such sentence.
SAYING_VERBS = {"write": "010", "answer": "010", "reply": "010", "respond": "010", "publish": "010",
                "argue": "010"}

# Words that name force used on people or things. The PETRARCH verb groups of roots 18-20 also
# hold "continue", "engage", "fall", "drive", "proceed" or "reside" (group codes, not meanings),
# and the classifier's material-conflict class falls back on 190 at whatever the root verb is
# ("They ... hate modernity" -> 190): a fight code needs one of these words (is_violent).
VIOLENT_WORDS = frozenset({
    "abduct", "abduction", "airstrike", "ambush", "annihilate", "arson", "artillery", "assassinate",
    "assassination", "assault", "attack", "attacker", "battle", "beat", "behead", "besiege",
    "blast", "bloodshed", "blow", "bomb", "bombard", "bombardment", "bomber", "bombing", "burn",
    "casualty", "clash", "combat", "crossfire", "dead", "death", "decapitate", "destroy",
    "detonate", "die", "explode", "explosion", "fatality", "fight", "fighter", "fighting", "fire",
    "firefight", "gun", "gunfight", "gunfire", "gunman", "gunshot", "hang", "hijack", "hit",
    "hostage", "injure", "injury", "invade", "invasion", "kidnap", "kill", "killing", "lynch",
    "massacre", "militant", "missile", "mortar", "murder", "occupation", "occupy", "overrun",
    "pillage", "raid", "rampage", "rape", "rocket", "sabotage", "shell", "shelling", "shoot",
    "shooting", "siege", "skirmish", "slaughter", "slay", "stab", "stabbing", "storm", "strike",
    "suicide", "terror", "terrorism", "terrorist", "torch", "torture", "war", "warfare", "wound",
})


def fight_root(code: str | None) -> bool:
    """Roots 18 (assault), 19 (fight) and 20 (mass violence): what the desk shows as fighting."""
    return root_of(code) in ("18", "19", "20")


# Particles that make one of those verbs another verb: prices "shot up", critics "hit back".
UNFORCED_PARTICLES = {"shoot": ("up",), "hit": ("back", "out"), "strike": ("out",), "fire": ("up",)}


def is_violent(tok) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether a token names force: "shelled", "clashes", "killed", "blown up" (not "shot up")."""
    lemma = tok.lemma_.lower()
    if lemma not in VIOLENT_WORDS and tok.lower_ not in VIOLENT_WORDS:
        return False
    other = UNFORCED_PARTICLES.get(lemma, ())
    return not any(c.dep_ in ("prt", "advmod") and c.lower_ in other for c in tok.children)


def root_of(code: str | None) -> str | None:
    digits = "".join(ch for ch in str(code or "") if ch.isdigit())
    return digits[:2] if len(digits) >= 2 else None


def penta_of(code: str | None) -> int | None:
    root = root_of(code)
    if root is None:
        return None
    r = int(root)
    return 0 if r == 1 else 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4 if r <= 20 else None


def quad_class_of(code: str | None) -> int | None:
    """GDELT QuadClass: 1 verbal coop (01-05), 2 material coop, 3 verbal conflict, 4 material conflict."""
    p = penta_of(code)
    return None if p is None else max(p, 1)


@dataclass
class Codebook:
    labels: dict[str, str] = field(default_factory=dict)
    goldstein: dict[str, float] = field(default_factory=dict)
    plover: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    source: str | None = None


def codebook_dir() -> Path | None:
    """Where the CAMEO/PLOVER codebooks are read from at run time (None when nowhere)."""
    candidates = []
    if os.environ.get(CODEBOOK_ENV):
        candidates.append(Path(os.environ[CODEBOOK_ENV]))
    # Beside the checkout this module is in, as tools/ find ../shared, before the working directory:
    # which codebooks a run reads then depends on the code run, not on where it was started from.
    # The working directory stays, last, for an installed (not editable) package, in no checkout.
    candidates.append(Path(__file__).resolve().parents[3] / ".." / "shared" / "bench" / "events" / "codebooks")
    candidates.append(Path.cwd() / ".." / "shared" / "bench" / "events" / "codebooks")
    for path in candidates:
        if (path / "cameo_eventcodes_merged.tsv").exists():
            return path
    return None


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    path = codebook_dir()
    book = Codebook()
    if path is None:
        return book
    book.source = str(path)
    with (path / "cameo_eventcodes_merged.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["code"].strip()
            book.labels[code] = row["label"].strip()
            if row.get("goldstein_gdelt"):
                book.goldstein[code] = float(row["goldstein_gdelt"])
    c2p = path / "plover" / "CAMEO2PLOVER-2021.txt"
    if c2p.exists():
        for line in c2p.read_text(encoding="utf-8", errors="replace").splitlines():
            m = re.match(r"(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
            if m:
                book.plover[m.group(1)] = (m.group(2), m.group(3).strip() or None)
    _drop_retired_modes(book, path / "ngec" / "PLOVER_structured_codebook_updated.csv")
    return book


def _drop_retired_modes(book: Codebook, structured: Path) -> None:
    """CAMEO2PLOVER (2021) still names modes the later PLOVER codebook retired ("ease", "yield"
    under RETREAT...): keep a mode only where the structured codebook lists it for that event."""
    if not structured.exists():
        return
    modes: dict[str, set[str]] = {}
    with structured.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            modes.setdefault(row["event"].strip(), set()).add(row["mode"].strip())
    for code, (event, mode) in book.plover.items():
        if mode and mode not in modes.get(event, {mode}):
            book.plover[code] = (event, None)


def goldstein_of(code: str) -> float | None:
    book = load_codebook()
    for key in (code, code[:3], code[:2]):
        if key in book.goldstein:
            return book.goldstein[key]
    return None


def label_of(code: str) -> str | None:
    return load_codebook().labels.get(code)


def plover_for(code: str) -> dict[str, str | None]:
    """PLOVER {event, mode} for a CAMEO code: the codebook's mapping, else the root table."""
    book = load_codebook()
    for key in (code, code[:3]):
        if key in book.plover:
            event, mode = book.plover[key]
            return {"event": event, "mode": mode}
    root = code[:2]
    if root == "01":
        # PLOVER has no statement type nor mode: the nearest event, no mode (the root says "01")
        return {"event": STATEMENT_PLOVER.get(code[:3], "SUPPORT"), "mode": None}
    return {"event": ROOT_PLOVER.get(root), "mode": None}


@lru_cache(maxsize=1)
def verb_lexicon() -> dict[str, dict]:
    from newsdesk.understand.lexicon import tables

    table = tables()["verbs"]
    # Patterns as (word set, length, code), only those short enough to be used (<= 3 words):
    # a subset test per pattern instead of a generator (profiled: the coder's hottest loop).
    patterns = [[(frozenset(words), len(words), code) for words, code in group if len(words) <= 3]
                for group in table["patterns"]]
    return {form: {"code": code, "patterns": patterns[i]} for form, (code, i) in table["verbs"].items()}


def valid_code(code: str) -> str:
    """A few PETRARCH patterns carry codes CAMEO does not define (1213, 0732, 109): the nearest
    code the codebook knows (121, 073, 100). Unchanged when no codebook is available."""
    labels = load_codebook().labels
    if not labels or code in labels:
        return code
    for candidate in (code[:3], code[:2] + "0"):
        if candidate in labels:
            return candidate
    return code


def verb_code(lemma: str, context: set[str] | None = None) -> str | None:
    """The CAMEO code a verb (or event noun) takes; PETRARCH patterns refine it by context words."""
    code = _verb_code(lemma, context)
    return valid_code(code) if code else None


def _verb_code(lemma: str, context: set[str] | None = None) -> str | None:
    lemma = lemma.lower()
    entry = verb_lexicon().get(lemma)
    base = OWN_VERBS.get(lemma) or (entry or {}).get("code")
    if entry and context:
        best: tuple[int, str] | None = None
        for words, size, code in entry["patterns"]:
            if (best is None or size > best[0]) and words <= context:
                best = (size, code)
        # A single-word pattern is weak evidence, and our own verbs are curated: then a
        # pattern only refines the code within the same root.
        weak = best is not None and (best[0] == 1 or lemma in OWN_VERBS)
        if best and (not weak or root_of(best[1]) == root_of(base)):
            return best[1]
    return SAYING_VERBS.get(lemma, base)


_PREDICATES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _slot(tok) -> str:  # noqa: ANN001 - a spaCy Token
    """Where a predicate sits: R root, X a clause hanging off the root, O elsewhere; N for nouns."""
    if tok.dep_ == "ROOT":
        slot = "R"
    elif tok.head.dep_ == "ROOT" and tok.dep_ in ("xcomp", "ccomp", "conj", "advcl"):
        slot = "X"
    else:
        slot = "O"
    return ("N" + slot) if tok.pos_ == "NOUN" else slot


def predicate_codes(sent) -> list[tuple[Any, str, str]]:  # noqa: ANN001 - a spaCy Span
    """(token, slot, CAMEO code) for every verb or event noun the lexicon knows, in order.
    Remembered per Doc (weakly): the classifier's features and the coder both ask."""
    per_doc = _PREDICATES.setdefault(sent.doc, {})
    key = (sent.start, sent.end)
    if key in per_doc:
        return per_doc[key]
    out = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "NOUN", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if lemma not in OWN_VERBS and lemma not in verb_lexicon():
            continue  # most nouns: skip building the subtree context (profiled: half the time here)
        context = {t.lower_ for t in tok.subtree} | {t.lemma_.lower() for t in tok.subtree}
        code = verb_code(tok.lemma_, context)
        if code:
            out.append((tok, _slot(tok), code))
    per_doc[key] = out
    return out
