"""The understand stage for a French article: `annotate.Annotator.annotate` sends one here.

Order: French mentions (`entities.find_mentions`, on the shared `nlp.parse(text, "fr")` Doc) →
canonical names within the article (`canonical.canonicalize`, the English side's: "M. Samaras"
and "Samaras" are Antonis Samaras) → the English side's names for places and international bodies
("Grèce" is Greece, "Téhéran" Tehran, "l'ONU" UN), so the store files them with the English
articles' → quotes and their speakers (`quotes`, named by these mentions). Events are not read in
French (coverage.EVENTS).
"""

from __future__ import annotations

from typing import Any

from newsdesk.records import Article, Entity
from newsdesk.understand.canonical import canonicalize, known_body
from newsdesk.understand.entities import Mention
from newsdesk.understand.french import entities, names, places, quotes


def annotate_doc_fr(article: Article, doc: Any) -> Article:
    """The article with `entities` (and, when French quotes are read, `quotes`) from its French Doc."""
    mentions = entities.find_mentions(doc)
    canonicalize(mentions)
    names.initials_to_full(mentions)  # "B. Obama" is the article's Barack Obama
    _english_names(mentions)
    found = quotes.find_quotes(doc, mentions)  # speakers named by the mentions' canonical names
    typed = tuple(Entity(text=m.text, type=m.type, start=m.start, end=m.end, canonical=m.canonical,
                        role=m.role, country=m.country, metonym=m.place_how == "capital") for m in mentions)
    return article.replace(entities=typed, quotes=found)


def _english_names(mentions: list[Mention]) -> None:
    """Canonical names across languages: a city, capital or region by the English side's name
    ("Téhéran" → "Tehran", "Asie" → "Asia"; countries and demonyms canonicalize names already), an
    international body by its display name ("ONU", "Nations unies" → "UN")."""
    for m in mentions:
        if m.type == "ORG":
            m.canonical = known_body(m.canonical or m.text) or places.body(m.text) or m.canonical
        elif m.type in ("GPE", "LOC") and m.place_how in ("capital", "city", "region"):
            place = places.lookup(m.text, "LOC")
            m.canonical = place.name if place is not None else m.canonical
