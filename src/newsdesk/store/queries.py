"""Reading from the store: one article, listings, stats, failures (search: store/desk_search.py)."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import orjson

from newsdesk.errors import NotFound
from newsdesk.records import Article
from newsdesk.store.rejected import shown_failure, shown_failure_counts


def article_from_row(row: sqlite3.Row) -> Article:
    data = json.loads(row["data"])
    data["id"] = str(row["id"])
    return Article.from_dict(data)


def listing_from_row(row: sqlite3.Row) -> dict[str, Any]:
    return _with_names(dict(row))


def _with_names(d: dict[str, Any]) -> dict[str, Any]:
    """A listing row with its stored JSON arrays of authors and categories as lists."""
    for name in ("authors", "categories"):
        raw = d.get(name)
        if not raw:
            d[name] = []
            continue
        names = _json_names(raw)
        d[name] = list(names) if names is not None else json.loads(raw)
    return d


def listing_rows(conn: sqlite3.Connection, sql: str, args: Any = ()) -> list[dict[str, Any]]:
    """The rows of a listing query as `listing_from_row` makes them, read through a plain tuple
    cursor: dict(zip(names, values)) costs about half of sqlite3.Row -> dict (timeit, 21 rows)."""
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [_with_names(dict(zip(names, values, strict=True))) for values in cur]


@functools.lru_cache(maxsize=2048)
def _json_names(raw: str) -> tuple[Any, ...] | None:
    """A stored JSON array of names, parsed once per distinct value (None if not an array).

    Authors and categories recur across thousands of articles; json.loads per row was two
    fifths of a listing page's query time (cProfile, 100k-article benchmark store). orjson, because
    most values are still new to the cache on pages deep in a large store (47k distinct author
    lists in the 100k-article bench store), where json.loads was ~0.2 ms of a `?before=` page."""
    value = orjson.loads(raw)
    return tuple(value) if isinstance(value, list) else None


class Queries:
    conn: sqlite3.Connection

    def get_article(self, ref: str | int) -> Article:
        """An article by id, URL, canonical URL or key; NotFound otherwise."""
        ref = str(ref)
        if ref.isdigit():
            row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (int(ref),)).fetchone()
        else:
            # Its own key or URL first: another site's copy may name this address as its canonical
            # (store.writes.store_key keeps such a claim without taking the key).
            row = self.conn.execute("SELECT * FROM articles WHERE key = ? OR url = ? OR canonical_url = ?"
                                    " ORDER BY key = ? DESC, url = ? DESC, id LIMIT 1",
                                    (ref, ref, ref, ref, ref)).fetchone()
        if row is None:
            raise NotFound(f"no article {ref!r}; try `newsdesk search` to find one")
        return article_from_row(row)

    def iter_articles(self, kind: str | None = "article") -> Iterator[Article]:
        sql = "SELECT * FROM articles" + (" WHERE kind = ?" if kind else "") + " ORDER BY id"
        for row in self.conn.execute(sql, (kind,) if kind else ()):
            yield article_from_row(row)

    def stats(self) -> dict[str, Any]:
        one = self.conn.execute
        by_kind = {r[0]: r[1] for r in one("SELECT kind, COUNT(*) FROM articles GROUP BY kind")}
        return {
            "articles": by_kind.get("article", 0),
            "not_articles": by_kind.get("not_article", 0),
            "failures": one("SELECT COUNT(*) FROM failures").fetchone()[0],
            "raw_pages": one("SELECT COUNT(*) FROM raw_pages").fetchone()[0],
            "sources": one("SELECT COUNT(*) FROM sources").fetchone()[0],
            "sites": one("SELECT COUNT(DISTINCT site_name) FROM articles WHERE kind = 'article'").fetchone()[0],
            "languages": {r[0] or "unknown": r[1] for r in one(
                "SELECT language, COUNT(*) FROM articles WHERE kind = 'article' GROUP BY language ORDER BY 2 DESC")},
            "schema_version": one("PRAGMA user_version").fetchone()[0],
        }

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT input, stage, reason, detail, at FROM failures ORDER BY at DESC, id DESC"
                                 " LIMIT ?", (limit,))
        return [shown_failure(dict(r)) for r in rows]

    def failure_counts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT stage || ': ' || reason, COUNT(*) FROM failures GROUP BY 1 ORDER BY 2 DESC")
        return shown_failure_counts((r[0], r[1]) for r in rows)

    def raw_ids_for_reprocess(self) -> list[tuple[int, int]]:
        """(article id, raw page id) of every stored page that kept its raw bytes."""
        rows = self.conn.execute("SELECT id, raw_id FROM articles WHERE raw_id IS NOT NULL ORDER BY id")
        return [(int(r[0]), int(r[1])) for r in rows]
