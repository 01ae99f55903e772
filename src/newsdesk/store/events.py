"""Stored events (who did what to whom) and their queries.

`after_store_events` rewrites one article's rows each time the article is stored (and on every
`newsdesk reprocess`, changed or not) when they differ from its record's events, so reprocess never
leaves stale events behind. Queries filter by actor (a CAMEO
actor code prefix: "IRN" or "IRNGOV"), an ordered or unordered actor pair, a CAMEO code
prefix ("04", "046"), a place country and a day range.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newsdesk.records import Article
from newsdesk.store.sqlite import immediate
from newsdesk.store.stories import first_seen
from newsdesk.understand.coverage import EVENTS

_COLUMNS = ("article_id", "seq", "day", "source_text", "source_code", "source_country", "target_text",
            "target_code", "target_country", "cameo", "root", "quad_class", "goldstein", "plover_event",
            "plover_mode", "place_name", "place_country", "lat", "lon", "sentence", "start", "end",
            "confidence", "modality", "negated", "target_inferred", "source_inferred")
_STORED = f"SELECT {', '.join(_COLUMNS)} FROM events WHERE article_id = ? ORDER BY seq, id"
_INSERT = f"INSERT INTO events({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
MAX_LIMIT = 5000
# An article's address for events and exports (GDELT's SOURCEURL, MentionIdentifier and
# DocumentIdentifier): its URL, else its canonical URL. A page read from a file has no URL but
# often names its canonical one; read by `url` alone, 3,651 of the sample store's 5,313 events
# were exported with an empty SOURCEURL, 926 now (those of the 21 pages that name no URL at all).
ARTICLE_URL = "coalesce(a.url, a.canonical_url)"
# Events of an article in a language the event coder codes today (coverage.EVENTS). Why: an older
# pipeline coded every article with the English models; today's codes none in French, so a store
# annotated before kept serving events the code would not give. Listing, counts and the exports all
# read through this, so they agree; `newsdesk reprocess --stale` drops the rows themselves (store/reads.py).
_CODED_LANGUAGES = sorted(lang for lang in EVENTS if lang)
CODED = ("NOT EXISTS (SELECT 1 FROM articles x WHERE x.id = e.article_id AND x.language IS NOT NULL"
         f" AND x.language NOT IN ({', '.join(repr(lang) for lang in _CODED_LANGUAGES)}))")


def _day(article: Article) -> str | None:
    return article.published[:10] if article.published else None


def _first_seen_day(conn: sqlite3.Connection, article_id: int) -> str | None:
    """The day an undated article's events happened, as far as we know: the day we first saw it."""
    stamp = first_seen(conn, article_id)[0]
    return stamp[:10] if stamp else None


def event_row(article_id: int, seq: int, day: str | None, e: dict[str, Any]) -> tuple:
    src, tgt = e.get("source") or {}, e.get("target") or {}
    loc, plover = e.get("location") or {}, e.get("plover") or {}
    return (article_id, seq, day, src.get("text"), src.get("code"), src.get("country"), tgt.get("text"),
            tgt.get("code"), tgt.get("country"), e["cameo"], e.get("root") or e["cameo"][:2], e.get("quad_class"),
            e.get("goldstein"), plover.get("event"), plover.get("mode"), loc.get("name"), loc.get("country"),
            loc.get("lat"), loc.get("lon"), e.get("sentence") or "", int(e.get("start") or 0),
            int(e.get("end") or 0), e.get("confidence"), e.get("modality"), int(bool(e.get("negated"))),
            int(bool(e.get("target_inferred"))), int(bool(e.get("source_inferred"))))


def _has_actor(e: dict[str, Any]) -> bool:
    return any((e.get(side) or {}).get("code") for side in ("source", "target"))


def storable(e: dict[str, Any]) -> bool:
    """Whether the desk lists, charts and exports a coded event. Not one naming no actor on either
    side ("The discussion is intense" -> 010): kept in the analysis, where the classifier's class is
    read, but it says nothing of who did what to whom (V1: 351 of 1,160 events in 40 articles); nor
    a weak one: the coder's reason is its `unsure` (understand/events_unsure.py: no source named in
    the sentence, a kind of people as source, a broad verb...; or the class default of a sentence with
    no verb of the dictionaries, which the classifier is not sure of). Figures in events_unsure."""
    return bool(e.get("cameo")) and _has_actor(e) and not e.get("weak")


def stored_form(e: dict[str, Any]) -> dict[str, Any]:
    """The event as stored: a target the coder filled from the paragraph's most-named country, which
    the sentence does not name (`target_guessed`), is a guess, and it was wrong in most read (V3:
    "Najib Razak said ..." -> THA, "AFP reported" -> GAB); the desk lists the source's act with no
    target rather than a pair no sentence states. One the sentence names stays ("American warplanes
    bombed Iranian positions" -> IRN)."""
    if not e.get("target_guessed"):
        return e
    return {**e, "target": {"text": None, "code": None, "country": None}, "target_inferred": False}


class EventStore:
    conn: sqlite3.Connection

    def after_store_events(self, article_id: int, article: Article) -> None:
        """Replace this article's events with the ones in `article`, unless the stored rows are
        those already. Why: an event's row id is its GLOBALEVENTID in the GDELT exports, and
        `newsdesk reprocess` runs this for every article (pipeline.REFRESH_ALWAYS), so rewriting
        rows that had not changed would renumber every event of the store on each reprocess."""
        day = _day(article) or _first_seen_day(self.conn, article_id)
        kept = [stored_form(e) for e in article.events if storable(e)]
        rows = [event_row(article_id, i, day, e) for i, e in enumerate(kept)]
        with immediate(self.conn):
            if [tuple(r) for r in self.conn.execute(_STORED, (article_id,))] != rows:
                self.conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
                self.conn.executemany(_INSERT, rows)

    def events(self, actor: str | None = None, pair: tuple[str, str] | None = None, ordered: bool = False,
               code: str | None = None, place: str | None = None, since: str | None = None,
               until: str | None = None, article_id: int | None = None, limit: int = 500,
               offset: int = 0) -> list[dict[str, Any]]:
        """Events matching every filter given, newest day first, each with its article's title and URL."""
        where, args = _filters(actor, pair, ordered, code, place, since, until, article_id)
        sql = (f"SELECT e.*, a.title AS article_title, {ARTICLE_URL} AS article_url FROM events e"
               " JOIN articles a ON a.id = e.article_id"
               f" WHERE {where} ORDER BY e.day DESC, e.article_id DESC, e.seq LIMIT ? OFFSET ?")
        rows = self.conn.execute(sql, [*args, max(1, min(limit, MAX_LIMIT)), max(0, offset)]).fetchall()
        return [dict(r) for r in rows]

    def count_events(self, actor: str | None = None, pair: tuple[str, str] | None = None, ordered: bool = False,
                     code: str | None = None, place: str | None = None, since: str | None = None,
                     until: str | None = None, article_id: int | None = None) -> int:
        """How many events `events` lists in all under the same filters (its pages' `total`)."""
        where, args = _filters(actor, pair, ordered, code, place, since, until, article_id)
        sql = f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}"
        return int(self.conn.execute(sql, args).fetchone()[0])

    def iter_events(self) -> Any:
        """Every stored event with its article's URL, title and date, oldest article first (exports)."""
        sql = (f"SELECT e.*, {ARTICLE_URL} AS article_url, a.title AS article_title, a.published, a.first_seen"
               f" FROM events e JOIN articles a ON a.id = e.article_id WHERE {CODED} ORDER BY e.article_id, e.seq")
        for row in self.conn.execute(sql):
            yield dict(row)

    def event_timeline(self, a: str, b: str) -> list[dict[str, Any]]:
        """Per day, events between two actors either way: count, mean Goldstein, cooperation and
        conflict counts (QuadClass 1-2 against 3-4)."""
        where, args = _filters(None, (a, b), False, None, None, None, None, None)
        sql = ("SELECT e.day AS day, COUNT(*) AS n, AVG(e.goldstein) AS goldstein,"
               " SUM(e.quad_class IN (1, 2)) AS cooperation, SUM(e.quad_class IN (3, 4)) AS conflict"
               f" FROM events e WHERE {where} AND e.day IS NOT NULL GROUP BY e.day ORDER BY e.day")
        return [dict(r) for r in self.conn.execute(sql, args).fetchall()]

    def event_counts(self, by: str = "pair", limit: int = 50) -> list[dict[str, Any]]:
        """The most frequent actor pairs (by="pair"), CAMEO roots ("root") or places ("place")."""
        column = {"pair": "e.source_country || '-' || e.target_country", "root": "e.root",
                  "place": "e.place_country"}[by]
        sql = (f"SELECT {column} AS key, COUNT(*) AS n, AVG(e.goldstein) AS goldstein FROM events e"
               f" WHERE {column} IS NOT NULL AND {CODED} GROUP BY key ORDER BY n DESC, key LIMIT ?")
        return [dict(r) for r in self.conn.execute(sql, (limit,)).fetchall()]


def _actor_clause(side: str, code: str) -> tuple[str, list[str]]:
    code = code.strip().upper()
    return f"(e.{side}_country = ? OR e.{side}_code LIKE ?)", [code, code + "%"]


def _filters(actor: str | None, pair: tuple[str, str] | None, ordered: bool, code: str | None,
             place: str | None, since: str | None, until: str | None,
             article_id: int | None) -> tuple[str, list[Any]]:
    where: list[str] = [CODED]
    args: list[Any] = []
    if actor:
        s, sa = _actor_clause("source", actor)
        t, ta = _actor_clause("target", actor)
        where.append(f"({s} OR {t})")
        args += sa + ta
    if pair:
        s1, a1 = _actor_clause("source", pair[0])
        t1, b1 = _actor_clause("target", pair[1])
        clause, pargs = f"({s1} AND {t1})", a1 + b1
        if not ordered:
            s2, a2 = _actor_clause("source", pair[1])
            t2, b2 = _actor_clause("target", pair[0])
            clause, pargs = f"({clause} OR ({s2} AND {t2}))", pargs + a2 + b2
        where.append(clause)
        args += pargs
    if code:
        where.append("e.cameo LIKE ?")
        args.append(code.strip() + "%")
    if place:
        where.append("e.place_country = ?")
        args.append(place.strip().upper())
    if since:
        where.append("e.day >= ?")
        args.append(since)
    if until:
        where.append("e.day <= ?")
        args.append(until)
    if article_id is not None:
        where.append("e.article_id = ?")
        args.append(article_id)
    return " AND ".join(where), args
