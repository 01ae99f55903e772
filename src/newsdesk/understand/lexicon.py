"""The PETRARCH-2 / Phoenix dictionaries, read at run time into the coder's compact tables.

The dictionaries (MIT, Copyright (c) 2014-2015 Open Event Data Alliance) are not shipped
with newsdesk: like the CAMEO codebook they are read from the codebook directory
(`cameo.codebook_dir()`: $EVENTS_CODEBOOK_DIR, else ../shared/bench/events/codebooks), under
`petrarch2-dictionaries/`, once per process (about half a second):

  CAMEO.2.0.txt, CAMEO.verbpatterns.150430.txt   verbs and verb patterns -> CAMEO codes
  Phoenix.Countries.actors.txt                   country names, cities, leaders -> codes
  Phoenix.International.actors.txt               IGOs, NGOs -> codes
  Phoenix.MilNonState.actors.txt                 armed groups -> codes
  Phoenix.agents.txt                             role nouns (minister, troops...) -> role codes

Without them the tables are empty: actors then come only from the annotator's entities and
the coder's own role words, and verbs only from the classifier and our own verb list.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def tables() -> dict[str, Any]:
    """{"actors": {...}, "agents": {...}, "verbs": {"verbs": ..., "patterns": ...}}, possibly empty."""
    from newsdesk.understand.cameo import codebook_dir

    root = codebook_dir()
    petr = root / "petrarch2-dictionaries" if root else None
    if petr is None or not (petr / "CAMEO.2.0.txt").exists():
        log.warning("PETRARCH-2 dictionaries not found (set EVENTS_CODEBOOK_DIR); event actors and verbs"
                    " fall back to entities and built-in words")
        return {"actors": {}, "agents": {}, "verbs": {"verbs": {}, "patterns": []}}
    actors = parse_actors(petr / "Phoenix.Countries.actors.txt")
    for extra in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        actors.update({k: v for k, v in parse_actors(petr / extra).items() if k not in actors})
    verbs = compact_verbs({**parse_verbs(petr / "CAMEO.2.0.txt"),
                           **parse_verbs(petr / "CAMEO.verbpatterns.150430.txt")})
    return {"actors": actors, "agents": parse_agents(petr / "Phoenix.agents.txt"), "verbs": verbs}


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_bytes().decode("utf-8", "replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


def _phrase(token: str) -> str:
    """'ISLAMIC_REPUBLIC_OF_IRAN_' -> 'islamic republic of iran'."""
    return " ".join(w for w in token.strip().strip("+").lower().split("_") if w)


def _undated_code(codes: list[str]) -> str | None:
    """A person may hold several codes over time; prefer an open-ended one, else the last."""
    for code in codes:
        if " " not in code or code.split()[1].startswith(">"):
            return code.split()[0]
    return codes[-1].split()[0] if codes else None


def parse_actors(path: Path) -> dict[str, str]:
    """Phrase -> actor code. Blocks are a name line, '+synonym' lines and '[CODE date]' lines."""
    table: dict[str, str] = {}
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        code = _undated_code(codes)
        if code and code.isalnum():
            for name in names:
                if name and len(name) > 1:
                    table.setdefault(name, code)

    for line in _lines(path):
        inline = re.search(r"\[([^\]]+)\]", line)
        head = line.split("[", 1)[0]
        if line.startswith(("\t", " ")) and inline:
            codes.append(inline.group(1).strip())
            continue
        if line.startswith("+"):
            names.append(_phrase(head))
            continue
        flush()
        names, codes = [_phrase(head)], []
        if inline:
            codes.append(inline.group(1).strip())
    flush()
    return table


def parse_agents(path: Path) -> dict[str, str]:
    """Role noun -> role code (GOV, MIL, ...). '!PERSON!' macros expand to man/woman/person."""
    table: dict[str, str] = {}
    for line in _lines(path):
        m = re.match(r"([A-Z0-9_!'\-]+)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line.strip())
        if not m:
            continue
        word, plurals, code = m.group(1), m.group(2) or "", m.group(3)
        forms = [word] + plurals.strip("{}").split()
        for form in forms:
            for person in ("man", "men", "woman", "women", "person"):
                phrase = _phrase(form.replace("!PERSON!", "_" + person if "!PERSON!" in form else ""))
                if "!" not in phrase and phrase:
                    table.setdefault(phrase, code)
                if "!PERSON!" not in form:
                    break
    return table


def _pattern_words(pattern: str) -> list[str]:
    """Plain words of a verb pattern, dropping placeholders (*, $, +, &MACRO, %, ^)."""
    words = []
    for tok in re.split(r"[\s(){}]+", pattern):
        tok = tok.strip()
        if not tok or tok[0] in "*$+&%^-:" or not re.match(r"[A-Z]", tok):
            continue
        words.append(tok.lower().replace("_", " ").strip())
    return [w for w in words if w]


def parse_verbs(path: Path) -> dict[str, dict]:
    """Verb form -> {"code": default code or None, "patterns": [[words, code], ...]}."""
    verbs: dict[str, dict] = {}
    group: dict | None = None
    for line in _lines(path):
        head = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
        if head:
            code = head.group(2).split(":")[0].strip()
            group = {"code": code if code.isdigit() else None, "patterns": []}
            continue
        if group is None:
            continue
        if line.startswith("-"):
            m = re.search(r"\[([0-9:]+)\]", line)
            if m:
                words = _pattern_words(line[1:line.index("[")])
                code = m.group(1).split(":")[0]
                if words and code.isdigit():
                    group["patterns"].append([words, code])
            continue
        m = re.match(r"\+?([A-Z][A-Z_'\-]*)\s*(\{[^}]*\})?\s*(\[([0-9]+)\])?", line.strip())
        if m:
            member = group
            if m.group(4):  # a member with its own code: "DECLINE [120]"
                member = {"code": m.group(4), "patterns": group["patterns"]}
            for form in [m.group(1)] + (m.group(2) or "").strip("{}").split():
                verbs.setdefault(_phrase(form), member)
    for entry in verbs.values():
        if entry["code"] is None and entry["patterns"]:
            entry["code"] = _commonest_root(entry["patterns"])
    return verbs


def _commonest_root(patterns: list[list]) -> str:
    """A '[---]' group (REFUSE, DENY...) gets its patterns' commonest root, as 'NN0'."""
    roots: dict[str, int] = {}
    for _, code in patterns:
        roots[code[:2]] = roots.get(code[:2], 0) + 1
    return max(roots, key=lambda r: roots[r]) + "0"


def compact_verbs(verbs: dict[str, dict]) -> dict:
    """Verb forms share their group's patterns: store each pattern list once.
    {"verbs": {form: [code, pattern list index]}, "patterns": [[[words, code], ...], ...]}"""
    index: dict[int, int] = {}
    patterns: list[list] = []
    out: dict[str, list] = {}
    for form, entry in sorted(verbs.items()):
        key = id(entry["patterns"])
        if key not in index:
            index[key] = len(patterns)
            patterns.append(entry["patterns"])
        out[form] = [entry["code"], index[key]]
    return {"verbs": out, "patterns": patterns}
