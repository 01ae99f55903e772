"""Stored duplicates and stories: the after-store hook that places each article, and the listings.

`after_store_stories` runs for every stored article (new or changed): it finds the
article's exact and near duplicates (`newsdesk.stories.dedupe`), puts it in a story
(`newsdesk.stories.cluster`) and writes `duplicate_of` and `story_id` into the article's
record; every `REPAIR_EVERY` articles the repair pass merges and splits the stories that
changed. Listings: stories (live or quiet), one story with its timeline and syndication
groups, an article's story and duplicates.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from newsdesk.errors import NotFound, QueryError
from newsdesk.records import Article
from newsdesk.store.desk import other_sources, read_date, source_of
from newsdesk.store.sqlite import immediate
from newsdesk.stories.features import QUIET_DAYS, When, article_when

if TYPE_CHECKING:
    from newsdesk.stories.cluster import Assignment
    from newsdesk.stories.dedupe import Duplicate
    from newsdesk.stories.repair import RepairReport

# The clusterer, deduper and repair pass (numpy, datasketch) are imported where articles are
# placed, not here: every web worker opens a Store for reading only, and those imports cost each
# one ~16 MB of its 150 MB budget.

_EPOCH = date(1970, 1, 1)


def day_to_iso(day: float | None) -> str | None:
    return None if day is None else (_EPOCH + timedelta(days=int(day))).isoformat()


def time_to_iso(day: float | None) -> str | None:
    """Days since 1970-01-01 with the time of day (a `seen`) as an ISO time in UTC, to the nearest
    second (julianday's float lands a hair before it: 07:14:41.99997)."""
    if day is None:
        return None
    return (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=round(float(day) * 86400))).isoformat()


def days_since_epoch(value: str) -> float:
    """An ISO date or time (UTC unless it says; a bare date is its midnight) as days since 1970-01-01,
    the clock of story_articles.seen and stories.seen_day. QueryError when it is none."""
    from newsdesk.store.export import as_utc

    when = as_utc(value)
    if when is None:
        raise QueryError(f"not a date or time: {value[:40]!r}; give one like 2026-12-01 or 2026-12-01T08:00:00Z")
    return (when - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() / 86400


def read_grew_since(label: str, value: str | None) -> str | None:
    """A --grew-since (?grew_since=) as `stories` takes it: an ISO date or time (store.desk.read_date's
    reading and wording), or `today`, this UTC day from its midnight; None when absent."""
    if (value or "").strip().lower() == "today":
        return datetime.now(UTC).date().isoformat()
    try:
        return read_date(label, value)
    except QueryError as exc:  # read_date's wording, with the word it does not know before what was given
        raise QueryError(str(exc).replace(", got ", ", or `today`, got ", 1)) from None


# How `stories` orders: by the news day of the latest report, or by when the newest member was collected.
ORDERS = {"active": "s.last_day IS NULL, s.last_day DESC, s.id DESC",
          "arrived": "s.seen_day IS NULL, s.seen_day DESC, s.id DESC"}


def story_order(sort: str, grew_since: str | None) -> str:
    """The order (a key of ORDERS) `stories` lists in: `sort`, but a grew_since list's default,
    `active`, is by arrival (newest arrival first), as /api/stories reports it."""
    return sort if sort != "active" or grew_since is None else "arrived"


def _story_filter(min_size: int, grew_since: str | None) -> tuple[str, tuple[Any, ...]]:
    """The WHERE of the story list (after `FROM stories s`) and its arguments, `grew_since`'s days last."""
    where, args = " WHERE s.merged_into IS NULL AND s.size >= ?", (min_size,)
    if grew_since is None:
        return where, args
    return where + " AND s.seen_day >= ?", (*args, days_since_epoch(grew_since))


def today() -> When:
    now = datetime.now(UTC)
    return When(float((now.date() - _EPOCH).days) + now.hour / 24)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def first_seen(conn: sqlite3.Connection, article_id: int) -> tuple[str | None, float | None]:
    """When the store first saw the article: its first_seen as stored, and as days since 1970-01-01
    with the time of day (julianday); (None, None) if it is not stored. Stories collect an undated
    article by the days, events date its events by the stored day (its first ten characters)."""
    row = conn.execute("SELECT first_seen, julianday(first_seen) - 2440587.5 FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    return (None, None) if row is None else (row[0], None if row[1] is None else float(row[1]))


# The columns of a story's summary (`_story_summary`), for the list and for one story alike. Its
# distinct sources are counted by the desk's one rule (desk.source_of: site name, else URL host), as
# its "also published by" counts them; at least 1. coalesce(site_name, source_id, id) counted each
# article without a site name as a source of its own: "3 articles from 3 sources" for three copies
# of one Global Voices text (two on globalvoicesonline.org, one with no address at all).
_SUMMARIES = ("SELECT s.id, s.headline, s.size, s.first_day, s.last_day, s.updated_at, s.seen_day,"
              " (SELECT max(1, count(DISTINCT newsdesk_source_of(a.site_name, a.url))) FROM story_articles m"
              "  JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id) AS sources"
              " FROM stories s")


class StoryStore:
    conn: sqlite3.Connection

    # -- writing ----------------------------------------------------------------------------
    def after_store_stories(self, article_id: int, article: Article) -> None:
        """Dedupe and place one stored article (the pipeline's after-store hook)."""
        if article.kind != "article" or not (article.text or "").strip():
            # A page stored as an article and judged otherwise on reprocess (a link farm the judge now
            # knows) kept its story: a story of one spam page stayed on the desk.
            self._withdraw(article_id)
            return
        # An article with no date of its own is news as of when we first saw it: its first_seen, not the
        # day it is placed (a re-ingest, repair or reprocess places it again, maybe months later).
        seen = self.first_seen_day(article_id)
        fallback = today() if seen is None else When(seen)
        self.place_article(article_id, article, article_when(article.published, article.text) or fallback,
                           seen=seen)

    def _withdraw(self, article_id: int) -> None:
        from newsdesk.stories.cluster import Clusterer
        from newsdesk.stories.dedupe import Deduper

        if self.conn.execute("SELECT 1 FROM story_articles WHERE article_id = ?", (article_id,)).fetchone() is None:
            return
        with immediate(self.conn):
            Deduper(self.conn).forget(article_id)
            Clusterer(self.conn).withdraw(article_id, _now())
            self.conn.execute("UPDATE articles SET data = json_remove(data, '$.story_id', '$.duplicate_of')"
                              " WHERE id = ?", (article_id,))

    def first_seen_day(self, article_id: int) -> float | None:
        """The article's first_seen as days since 1970-01-01 (with the time of day), None if not stored."""
        return first_seen(self.conn, article_id)[1]

    def place_article(self, article_id: int, article: Article, when: When | None,
                      repair: bool = True, seen: float | None = None) -> tuple[Duplicate, Assignment]:
        """Find duplicates, assign a story and record both, in one transaction; `seen`: the article's
        `first_seen_day` when the caller has read it already (else read here)."""
        from newsdesk.stories.cluster import Clusterer
        from newsdesk.stories.dedupe import Deduper

        now = _now()
        with immediate(self.conn):
            dup = Deduper(self.conn).add(article_id, article.text, article.site_name, when.day if when else None)
            # Collected when first seen (the collection window and quiet pruning go by it), not now.
            placed = Clusterer(self.conn).assign(article_id, article.title, article.text, when, now,
                                                 seen=self.first_seen_day(article_id) if seen is None else seen)
            self.conn.execute(
                "UPDATE articles SET data = json_set(data, '$.story_id', ?, '$.duplicate_of', ?) WHERE id = ?",
                (str(placed.story_id), str(dup.canonical_id) if dup.canonical_id != article_id else None,
                 article_id))
            due = repair and self._repair_due()
        if due:
            self.repair_stories()
        return dup, placed

    def _repair_due(self) -> bool:
        from newsdesk.stories.cluster import Clusterer
        from newsdesk.stories.repair import REPAIR_EVERY

        row = self.conn.execute("SELECT value FROM story_counters WHERE name = 'repaired_at'").fetchone()
        last = int(row[0]) if row else 0
        return Clusterer(self.conn).documents() - last >= REPAIR_EVERY

    def repair_stories(self, everything: bool = False) -> RepairReport:
        """Merge and split the stories changed since the last repair (or all of them)."""
        from newsdesk.stories import repair as repair_mod
        from newsdesk.stories.cluster import Clusterer

        with immediate(self.conn):
            row = self.conn.execute("SELECT value FROM story_counters WHERE name = 'repaired_at'").fetchone()
            since = None if everything or row is None else int(row[0])
            clusterer = Clusterer(self.conn)
            report = repair_mod.repair(self.conn, since, _now(), clusterer)
            self.conn.execute("INSERT INTO story_counters(name, value) VALUES ('repaired_at', ?)"
                              " ON CONFLICT(name) DO UPDATE SET value = excluded.value", (clusterer.documents(),))
        return report

    # -- reading ----------------------------------------------------------------------------
    def story_of(self, article_id: int) -> int | None:
        row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return int(row[0]) if row else None

    def story_assignments(self) -> dict[int, int]:
        return {int(r[0]): int(r[1]) for r in self.conn.execute("SELECT article_id, story_id FROM story_articles")}

    def stories(self, limit: int = 50, offset: int = 0, min_size: int = 1, grew_since: str | None = None,
                sort: str = "active") -> list[dict[str, Any]]:
        """Stories with their article and source counts: most recently active first (the news day of
        their latest report), or with `sort="arrived"` by when their newest member was collected.
        `grew_since` (ISO date or time, UTC unless it says): only the stories that took an article
        collected since then, each saying how many (`joined`), newest arrival first unless told."""
        where, args = _story_filter(min_size, grew_since)
        order = ORDERS[story_order(sort, grew_since)]
        rows = self._summaries(f"{where} ORDER BY {order} LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        latest = self._latest_day()
        found = [self._story_summary(r, latest) for r in rows]
        if grew_since is not None:
            self._joined(found, args[-1])
        return found

    def count_stories(self, min_size: int = 1, grew_since: str | None = None) -> int:
        """How many stories `stories` lists in all under the same filter (its pages' `total`)."""
        where, args = _story_filter(min_size, grew_since)
        return int(self.conn.execute(f"SELECT count(*) FROM stories s{where}", args).fetchone()[0])

    def _joined(self, stories: list[dict[str, Any]], since: float) -> None:
        """Each story's `joined`: its members collected at or after `since` (days since 1970-01-01)."""
        ids = [s["id"] for s in stories]
        marks = ",".join("?" * len(ids))
        counts = dict(self.conn.execute(
            f"SELECT story_id, count(*) FROM story_articles WHERE seen >= ? AND story_id IN ({marks})"
            " GROUP BY story_id", (since, *ids)).fetchall()) if ids else {}
        for s in stories:
            s["joined"] = int(counts.get(s["id"], 0))

    def _summaries(self, rest: str, args: tuple[Any, ...]) -> sqlite3.Cursor:
        """The rows of `_SUMMARIES` that `rest` (its WHERE, ORDER and LIMIT) picks."""
        self.conn.create_function("newsdesk_source_of", 2, source_of, deterministic=True)
        return self.conn.execute(_SUMMARIES + rest, args)

    def _latest_day(self) -> float | None:
        row = self.conn.execute("SELECT max(last_day) FROM stories WHERE merged_into IS NULL").fetchone()
        return row[0] if row else None

    def _story_summary(self, r: sqlite3.Row, latest: float | None) -> dict[str, Any]:
        quiet = r["last_day"] is not None and latest is not None and latest - r["last_day"] > QUIET_DAYS
        return {"id": r["id"], "headline": r["headline"], "articles": r["size"], "sources": r["sources"],
                "first_day": day_to_iso(r["first_day"]), "last_day": day_to_iso(r["last_day"]),
                "status": "quiet" if quiet else "live", "updated_at": r["updated_at"],
                # when its newest member was collected (last_day is the news day its reports tell of)
                "arrived": time_to_iso(r["seen_day"])}

    def resolve_story(self, story_id: int) -> int:
        """A story id after merges (a merged story answers with the story it went into)."""
        for _ in range(100):
            row = self.conn.execute("SELECT merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                raise NotFound(f"no story {story_id}; see `newsdesk stories` for the list")
            if row[0] is None:
                return story_id
            story_id = int(row[0])
        return story_id

    def story(self, story_id: int) -> dict[str, Any]:
        """One story: summary, timeline of articles (oldest first), syndication groups."""
        story_id = self.resolve_story(story_id)
        row = self._summaries(" WHERE s.id = ?", (story_id,)).fetchone()
        summary = self._story_summary(row, self._latest_day())
        timeline = self.story_articles(story_id)
        summary["timeline"] = timeline
        summary["first_report"] = timeline[0] if timeline else None
        summary["latest_report"] = timeline[-1] if timeline else None
        summary["groups"] = _syndication_groups(timeline)
        summary["entities"], summary["quotes"] = self._story_annotations(story_id)
        return summary

    def _story_annotations(self, story_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Key entities (most mentioned across the story) and some quotes, once the entity tables are filled."""
        try:
            entities = [dict(r) for r in self.conn.execute(
                "SELECT e.id, e.name, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles"
                " FROM story_articles s JOIN entity_mentions m ON m.article_id = s.article_id"
                " JOIN entities e ON e.id = m.entity_id WHERE s.story_id = ?"
                " GROUP BY e.id ORDER BY articles DESC, mentions DESC LIMIT 12", (story_id,))]
            quotes = [dict(r) for r in self.conn.execute(
                "SELECT q.article_id, q.speaker, q.text, q.kind FROM story_articles s JOIN quotes q"
                " ON q.article_id = s.article_id WHERE s.story_id = ? AND q.kind = 'direct'"
                " ORDER BY q.article_id, q.start LIMIT 8", (story_id,))]
        except sqlite3.OperationalError:  # the entities migration is not there (or changed)
            return [], []
        return entities, quotes

    def story_articles(self, story_id: int) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.url, a.site_name, a.published, a.first_seen, a.excerpt, m.similarity,"
            " f.canonical_id, f.similarity AS dup_similarity"
            " FROM story_articles m JOIN articles a ON a.id = m.article_id"
            " LEFT JOIN story_fingerprints f ON f.article_id = a.id WHERE m.story_id = ?"
            " ORDER BY coalesce(a.published, a.first_seen), a.id", (story_id,)).fetchall()
        return [dict(r) | {"duplicate_of": r["canonical_id"] if r["canonical_id"] not in (None, r["id"]) else None}
                for r in rows]

    def duplicates_of(self, article_id: int) -> list[dict[str, Any]]:
        """The other members of an article's syndication group, representative first."""
        row = self.conn.execute("SELECT canonical_id FROM story_fingerprints WHERE article_id = ?",
                                (article_id,)).fetchone()
        if row is None:
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.url, a.site_name, a.published, f.similarity, f.article_id = f.canonical_id"
            " AS representative FROM story_fingerprints f JOIN articles a ON a.id = f.article_id"
            " WHERE f.canonical_id = ? AND f.article_id != ? ORDER BY representative DESC, a.id",
            (row[0], article_id)).fetchall()
        return [dict(r) for r in rows]

    def front_stories(self, limit: int = 20, offset: int = 0, min_size: int = 1, grew_since: str | None = None,
                      sort: str = "active") -> list[dict[str, Any]]:
        """Stories as `stories` lists them, each with its lead (latest representative) and its
        syndication groups (duplicates folded): every page of the story list, whatever its
        `min`, carries the same fields (only page 1 without `min` had them, so later pages of
        /stories showed no article lines)."""
        out = []
        for story in self.stories(limit=limit, offset=offset, min_size=min_size, grew_since=grew_since, sort=sort):
            articles = self.story_articles(story["id"])
            story["lead"] = next((a for a in reversed(articles) if a["duplicate_of"] is None), None)
            story["groups"] = _syndication_groups(articles)
            out.append(story)
        return out


def _syndication_groups(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Articles grouped by their representative: one entry per distinct text, with its copies."""
    by_id = {a["id"]: a for a in articles}
    groups: dict[int, dict[str, Any]] = {}
    for a in articles:
        head = a["duplicate_of"] if a["duplicate_of"] in by_id else a["id"]
        group = groups.setdefault(head, {"representative": by_id[head], "copies": []})
        if a["id"] != head:
            group["copies"].append(a)
    for group in groups.values():
        head = group["representative"]
        group["also_published_by"] = other_sources((head["site_name"], head["url"]),
                                                   ((c["site_name"], c["url"]) for c in group["copies"]))
    return list(groups.values())


def story_json(story: dict[str, Any]) -> str:
    return json.dumps(story, ensure_ascii=False, default=str)
