"""One entity mention while an article is annotated, and the entity types kept.

`entities.find_mentions` makes them from spaCy's NER (the French side from its own model,
`french/entities.py`); the annotator turns each into a `records.Entity`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"}


@dataclass
class Mention:
    """One entity mention while an article is being annotated (becomes a records.Entity)."""

    text: str
    type: str
    start: int
    end: int
    span: Any  # the spaCy Span, trimmed
    role: str | None = None
    country: str | None = None
    place_how: str | None = None  # country | demonym | capital | city: "capital" marks a metonym
    canonical: str | None = None
