"""What the understand stages did to each stored article (table `article_reads`, migration 041).

The pipeline records it when it stores an article's analysis (`pipeline.store_result`, `reprocess`):
per stage, whether it read the article, and the languages the stages read then (coverage.SIGNATURE).
The desk answers "read" from this record, not from today's coverage alone (coverage.stages_read), and
counts the articles an older code read otherwise than today's would (`stale_ids`): `newsdesk
reprocess --stale` reads just those again.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from newsdesk.store.sqlite import utcnow
from newsdesk.understand.coverage import REPROCESS, SIGNATURE, STAGES, stages_ran

_UPSERT = ("INSERT INTO article_reads(article_id, language, entities, quotes, events, coverage, read_at)"
           " VALUES (?,?,?,?,?,?,?) ON CONFLICT(article_id) DO UPDATE SET language = excluded.language,"
           " entities = excluded.entities, quotes = excluded.quotes, events = excluded.events,"
           " coverage = excluded.coverage, read_at = excluded.read_at")


def _reads_now(stage: str) -> tuple[str, list[str]]:
    """SQL (0 or 1) for whether `stage` reads article `a`'s language today, and its arguments."""
    named = sorted(lang for lang in STAGES[stage] if lang)
    clause = f"a.language IN ({','.join('?' * len(named))})"
    if None in STAGES[stage]:
        clause = f"(a.language IS NULL OR {clause})"
    return f"COALESCE({clause}, 0)", named


# The record migration 041 writes for an article stored before it (see its comments), as a table: a
# store opened read-only before that migration (`newsdesk stats`, a desk on a read-only file) counts
# what the migration would record, instead of nothing. Keep the two alike.
_RECORD_BEFORE_041 = (
    "(SELECT a.id AS article_id, a.language AS language,"
    " a.language IS NULL OR a.language = 'en'"
    " OR EXISTS (SELECT 1 FROM entity_mentions m WHERE m.article_id = a.id) AS entities,"
    " a.language IS NULL OR a.language = 'en'"
    " OR EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id) AS quotes,"
    " a.language IS NULL OR a.language IN ('en', 'pcm')"
    " OR EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id) AS events"
    " FROM articles a WHERE a.kind = 'article')")


def _stale_where() -> tuple[str, list[str]]:
    """Rows whose record differs from what today's code would record with every stage run: a stage
    reads the language now and did not then (not read yet), or did then and does not now (an older
    code's events from a French article), or the article's language changed since."""
    parts, args = ["r.language IS NOT a.language"], []
    for stage in STAGES:
        sql, named = _reads_now(stage)
        parts.append(f"r.{stage} != {sql}")
        args += named
    return "a.kind = 'article' AND (" + " OR ".join(parts) + ")", args


class ArticleReads:
    conn: sqlite3.Connection

    def record_read(self, article_id: int, language: str | None, ran: tuple[str, ...]) -> None:
        """Record that the pipeline stages `ran` have just stored `article_id`'s analysis."""
        read = stages_ran(language, ran)
        self.conn.execute(_UPSERT, (article_id, language, int(read["entities"]), int(read["quotes"]),
                                    int(read["events"]), SIGNATURE, utcnow()))

    def article_read(self, article_id: int | str) -> dict[str, Any] | None:
        """The article's record, None when it has none (stored outside the pipeline)."""
        row = self.conn.execute("SELECT * FROM article_reads WHERE article_id = ?", (article_id,)).fetchone()
        return dict(row) if row else None

    def stale_ids(self) -> list[int]:
        """The articles whose record is older than today's coverage (`newsdesk reprocess --stale`)."""
        where, args = _stale_where()
        sql = f"SELECT a.id FROM article_reads r JOIN articles a ON a.id = r.article_id WHERE {where} ORDER BY a.id"
        return [int(r[0]) for r in self.conn.execute(sql, args)]

    def stale_counts(self) -> dict[str, int]:
        """Per language ("unknown" for none), how many articles are to be read again: /stats. A store
        not yet migrated to 041 (opened read-only) is counted from what the migration would record."""
        where, args = _stale_where()
        reads = "article_reads" if self._has_reads() else _RECORD_BEFORE_041
        sql = f"SELECT a.language FROM {reads} r JOIN articles a ON a.id = r.article_id WHERE {where}"
        return dict(Counter(r[0] or "unknown" for r in self.conn.execute(sql, args)).most_common())

    def _has_reads(self) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_reads'"
                                 ).fetchone() is not None


def to_reprocess(store: Any) -> dict[str, Any]:
    """The articles an older code read otherwise than today's would, per language, and the command
    that reads just them again (/stats, /api/stats and `newsdesk stats` alike)."""
    languages = store.stale_counts()
    return {"articles": sum(languages.values()), "languages": languages, "command": REPROCESS}
