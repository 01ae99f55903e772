"""The sex a name's own words say: its honorific ("Mrs." → "f") or its first name ("Hillary
Clinton" → "f", data/first_names.json); and the sex a he or a she says. Below `canonical`,
`entities`, `name_kinds` and `pronouns`, which all read it: it imports none of them, so none needs
a function-level import to reach it.

The first names are those nearly all of whose bearers are one sex (tools/make_first_names.py: US
Social Security counts, public domain). A lone word is a surname as often as not, and says nothing.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from newsdesk.understand.roles import TITLE_WORDS

PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
               "herself": "f"}
# Honorifics (undotted, lower case) that say a sex; "dr" and the like say none.
MALE_HONORIFICS = frozenset({"mr", "mister", "sir"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "madam", "dame"})
_HONORIFIC_SEX = {**dict.fromkeys(MALE_HONORIFICS, "m"), **dict.fromkeys(FEMALE_HONORIFICS, "f")}


def honorific_sex(words: Iterable[str]) -> str | None:
    """The sex the first honorific among `words` (lower case, dotted or not) says: "mrs." → "f"."""
    return next((sex for w in words if (sex := _HONORIFIC_SEX.get(w.rstrip(".")))), None)


def first_name_sex(name: str) -> str | None:
    """The sex of a full name's first name ("Hillary Clinton" → "f") where nearly all its bearers
    are one sex; None for a lone word (a surname as often as not), initials, unknown names."""
    words = [w for w in name.split() if w.lower() not in TITLE_WORDS]
    if len(words) < 2:
        return None
    first = unicodedata.normalize("NFKD", words[0]).encode("ascii", "ignore").decode().lower()
    return first_names().get(first)


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """first name (lower case, ASCII) → "f" or "m", from data/first_names.json."""
    raw = json.loads(resources.files("newsdesk.understand").joinpath("data/first_names.json").read_text("utf-8"))
    return {**dict.fromkeys(raw["f"], "f"), **dict.fromkeys(raw["m"], "m")}
