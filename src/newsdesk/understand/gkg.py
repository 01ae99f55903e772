"""A per-article record in the manner of GDELT's Global Knowledge Graph (GKG 2.1).

`gkg_record(article)` -> {persons, organizations, locations, themes, tone, quotations, amounts}.

- persons / organizations / locations: the store's entity mentions when the export passes them
  (`stored_entities`: canonical names after merges and folds, the mention's type, the entity's
  country; none for an article the entity stage read and found no name in, per article_reads),
  else the record's entities, else (an article never annotated) the spaCy parse of a
  language the entity stage reads (coverage.ENTITIES), else none; `entities_from` says which.
  Locations geocoded offline (places.py), a name several countries have by the article's own
  countries; a region larger than a country ("the Gulf") and a name the gazetteer does not know
  left out (`locations`).
- themes: our own small keyword taxonomy (THEMES) plus one CAMEO_<ROOT> theme per event
  root: GDELT's theme list is proprietary in spirit and far larger; these are not its codes.
- tone: GDELT's V2Tone definition (positive % - negative % of words, polarity, word count)
  over our own short word lists (TONE_POSITIVE / TONE_NEGATIVE): rough, not GDELT's lexicons.
- quotations: the annotator's quotes; amounts: numbers with the noun they count.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from typing import Any

from newsdesk.records import Article
from newsdesk.understand.countries import region

THEMES = {
    "ARMEDCONFLICT": (
        "attack",
        "airstrike",
        "air strike",
        "shelling",
        "troops",
        "military",
        "war",
        "killed",
        "fighting",
        "missile",
        "bomb",
    ),
    "NEGOTIATIONS": ("negotiat", "talks", "dialogue", "mediat", "deal", "agreement", "treaty"),
    "NUCLEAR": ("nuclear", "uranium", "enrichment", "warhead"),
    "SANCTIONS": ("sanction", "embargo", "boycott"),
    "PROTEST": ("protest", "demonstrat", "rally", "march"),
    "ELECTION": ("election", "vote", "ballot", "campaign"),
    "TERROR": ("terror", "militant", "insurgent", "suicide bomb"),
    "ECON": ("economy", "economic", "inflation", "trade", "tariff", "market", "gdp"),
    "HEALTH": ("health", "covid", "virus", "hospital", "epidemic", "vaccine"),
    "REFUGEES": ("refugee", "migrant", "asylum", "displaced", "deport"),
    "DIPLOMACY": ("diplomat", "ambassador", "embassy", "foreign minister", "summit"),
    "CRIME": ("arrest", "police", "court", "trial", "convicted", "murder"),
}
TONE_POSITIVE = frozenset(
    [
        "agree",
        "agreement",
        "peace",
        "peaceful",
        "cooperate",
        "cooperation",
        "support",
        "help",
        "aid",
        "progress",
        "success",
        "successful",
        "welcome",
        "praise",
        "improve",
        "improvement",
        "hope",
        "hopeful",
        "stable",
        "stability",
        "resolve",
        "resolution",
        "benefit",
        "gain",
        "win",
        "friendly",
        "partnership",
        "release",
        "relief",
        "celebrate",
        "commit",
        "promise",
        "secure",
        "safety",
        "calm",
        "accord",
    ]
)
TONE_NEGATIVE = frozenset(
    [
        "attack",
        "attacks",
        "killed",
        "kill",
        "war",
        "conflict",
        "threat",
        "threaten",
        "threatening",
        "tension",
        "tensions",
        "crisis",
        "fear",
        "reject",
        "refuse",
        "refusal",
        "condemn",
        "violence",
        "violent",
        "dead",
        "death",
        "deaths",
        "injured",
        "bomb",
        "strike",
        "protest",
        "sanction",
        "sanctions",
        "accuse",
        "blame",
        "fail",
        "failure",
        "collapse",
        "escalate",
        "escalating",
        "disagreement",
        "dispute",
        "hostile",
        "danger",
        "dangerous",
        "undermine",
        "arrest",
        "clash",
        "clashes",
        "terror",
        "damage",
        "loss",
        "unrest",
    ]
)
AMOUNT = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand)?\s+([A-Za-z][A-Za-z\-]+)")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def stored_entities(conn: sqlite3.Connection, article_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each article's stored mentions, in text order, in one query for the batch.

    Why the store and not the record: its names are the canonical entities after merges, folds
    and decisions (a user's merge reaches the export), and reading it costs no parse. An article
    the entity stage read and found no name in is there with none; one it never read is absent
    from the answer (the caller falls back)."""
    if not article_ids:
        return {}
    marks = ",".join("?" * len(article_ids))
    sql = (
        "SELECT m.article_id, m.text, coalesce(m.type, e.type) AS type, m.start, e.country, e.name"
        " FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
        f" WHERE m.article_id IN ({marks}) ORDER BY m.article_id, m.start, m.id"
    )
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in _read(conn, article_ids, marks)}
    for r in conn.execute(sql, article_ids):
        out.setdefault(r[0], []).append(
            {"text": r[1], "type": r[2], "start": r[3], "country": r[4], "canonical": r[5]})
    return out


def _read(conn: sqlite3.Connection, article_ids: list[int], marks: str) -> list[int]:
    """The articles the entity stage read (article_reads, migration 041): one with no mention names
    no one, and parsing it again would only find what the annotator dropped. A store older than the
    record (opened read-only, unmigrated) has no such table: its articles fall back as before."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_reads'").fetchone() is None:
        return []
    sql = f"SELECT article_id FROM article_reads WHERE entities = 1 AND article_id IN ({marks})"
    return [r[0] for r in conn.execute(sql, article_ids)]


def _entities(article: Article) -> tuple[list[dict[str, Any]], str]:
    """The record's entities, else a parse in the article's language: (entities, where from)."""
    if article.entities:
        return [
            {"text": e.text, "type": e.type, "start": e.start, "country": e.country, "canonical": e.canonical}
            for e in article.entities
        ], "record"
    if not article.text:
        return [], "none"
    from newsdesk.understand.coverage import ENTITIES

    if article.language not in ENTITIES:  # as the annotator: not covered, rather than read as English
        return [], "none"
    from newsdesk.understand.nlp import parse

    lang = article.language or "en"
    labels: dict[str, str] = {}
    if lang == "fr":  # the French pipeline's labels as the English ones this record sorts on
        from newsdesk.understand.french.entities import LABEL_TYPES as labels
    return [
        {"text": ent.text, "type": labels.get(ent.label_, ent.label_), "start": ent.start_char,
         "country": None, "canonical": None}
        for ent in parse(article.text, lang).ents
    ], "parse"


def tone(text: str) -> dict[str, float]:
    """GDELT V2Tone fields: tone, positive, negative, polarity, activity (0 here), word count."""
    words = re.findall(r"[a-z]+", text.lower())
    n = len(words) or 1
    pos = 100.0 * sum(w in TONE_POSITIVE for w in words) / n
    neg = 100.0 * sum(w in TONE_NEGATIVE for w in words) / n
    return {
        "tone": round(pos - neg, 3),
        "positive": round(pos, 3),
        "negative": round(neg, 3),
        "polarity": round(pos + neg, 3),
        "activity": 0.0,
        "self_group": 0.0,
        "words": len(words),
    }


def themes(article: Article) -> list[str]:
    text = article.text.lower()
    found = [name for name, keys in THEMES.items() if any(k in text for k in keys)]
    roots = sorted({e["cameo"][:2] for e in article.events if e.get("cameo")})
    return found + [f"CAMEO_{r}" for r in roots]


def amounts(text: str) -> list[dict[str, Any]]:
    out = []
    for m in AMOUNT.finditer(text):
        number = float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").lower(), 1)
        if 1900 <= number <= 2100 and not m.group(2):
            continue  # a year, not an amount
        out.append({"amount": number, "object": m.group(3), "offset": m.start()})
    return out


def locations(ents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article's places, geocoded. A name places of several countries have ("Victoria": Australia's
    state, Canada's city, the Seychelles' capital) is the one of the article's own countries when
    they name one (`_article_countries`), not the one of the stored entity's single country (the
    first article's reading); else the entity's country chooses, as before."""
    from newsdesk.understand.places import gazetteer

    g = gazetteer()
    places = [e for e in ents if e["type"] in _PLACE_TYPES]
    shared = {n: _namesakes(n) for n in {e.get("canonical") or e["text"] for e in places}}
    ours = _article_countries(places, shared)
    out, seen = [], set()
    for e in places:
        name = e.get("canonical") or e["text"]  # "U.S." and "United States" are one place
        # a region larger than a country ("the Gulf", "the Sahel") is left out: it has no point, and the GKG
        # 2.1 codebook no location type for it (1 country, 2 US state, 3 US city, 4 world city, 5 world
        # state); it was written as a type 4 city with no coordinates
        if e["type"] == "NORP" or name in seen or region(name):
            continue
        seen.add(name)
        hint = None if ours & shared[name] else e.get("country")
        place = g.lookup(name, hint, ours)
        if place is None and name != e["text"]:
            place = g.lookup(e["text"], hint, ours)
        # no gazetteer hit: no type, point or country to give. GDELT writes only the places its gazetteer
        # matched (each with a type and a centroid); these were type 4 "world cities" with nothing after
        if place is None:
            continue
        out.append({"name": name, "offset": e["start"], "kind": place.kind, "country": place.country,
                    "admin1": place.admin1, "lat": place.lat, "lon": place.lon})
    return out


_PLACE_TYPES = ("GPE", "LOC", "FAC", "NORP")


@lru_cache(maxsize=8192)
def _namesakes(name: str) -> frozenset[str]:
    """The gazetteer's namesakes of a name, kept: an export asks for the same few names in every article."""
    from newsdesk.understand.places import gazetteer

    return gazetteer().namesakes(name)


def _article_countries(places: list[dict[str, Any]], shared: dict[str, frozenset[str]]) -> frozenset[str]:
    """The countries the article's places settle: its countries, nationalities and the places whose
    name only one country has ("Australia", "Australian"; not "Melbourne", Florida's too). A shared
    name's country is its entity's, which another article may have chosen, so it is left out."""
    return frozenset(e["country"] for e in places
                     if e.get("country") and len(shared[e.get("canonical") or e["text"]]) < 2)


def gkg_record(article: Article, stored: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The record of `article`; `stored`: its mentions from `stored_entities` (None: never read)."""
    ents, source = (stored, "store") if stored is not None else _entities(article)

    def names(kind: str) -> list[dict[str, Any]]:
        return [{"name": e["canonical"] or e["text"], "offset": e["start"]} for e in ents if e["type"] == kind]

    return {
        "persons": names("PERSON"),
        "organizations": names("ORG"),
        "locations": locations(ents),
        "themes": themes(article),
        "tone": tone(article.text),
        "quotations": [
            {"offset": q.start, "length": q.end - q.start, "verb": q.cue, "quote": q.text} for q in article.quotes
        ],
        "amounts": amounts(article.text),
        "entities_from": source,
    }
