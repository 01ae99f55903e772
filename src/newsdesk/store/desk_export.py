"""An export of some articles only: `newsdesk export --query iran --since D --until D` ("everything about
Iran between two dates") writes the JSONL, CSV, Parquet and GDELT files of the articles the desk's
search finds (or, with no query, of those its filters list), not of the whole store.

Every export reads the table `articles` by name (store/export.py, the GDELT writers through their
joins), so the selection is a TEMP view of that name over `main.articles` limited to the chosen ids:
SQLite looks a name up in the temp schema first, so each format sees the same articles, and their
events, mentions and quotes, without a second copy of each writer's queries. It lives on this
connection only (read-only ones too: the temp schema is the connection's own) and ends with it.
"""

from __future__ import annotations

from typing import Any

from newsdesk.store.desk import Filters
from newsdesk.store.desk_search import search_filters


def listed_ids(store: Any, filters: Filters) -> list[int]:
    """The articles the desk lists under these filters (no query), copies included, newest first."""
    source, join_args, where, args = search_filters(filters)
    sql = f"SELECT l.id FROM {source}{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY l.sort_key DESC"
    return [int(r[0]) for r in store.conn.execute(sql, (*join_args, *args))]


def members(store: Any, story: int | None = None, entity: int | None = None) -> set[int] | None:
    """The articles of a story (after merges, as its page shows it) and of those naming an entity,
    both when both are given; None when neither is (no limit). NotFound for an unknown one.
    Syndicated copies are included, as the rest of an export includes them."""
    found: set[int] | None = None
    if story is not None:
        sql, key = "SELECT article_id FROM story_articles WHERE story_id = ?", store.resolve_story(story)
        found = {int(r[0]) for r in store.conn.execute(sql, (key,))}
    if entity is not None:
        sql, key = "SELECT DISTINCT article_id FROM entity_mentions WHERE entity_id = ?", store.entity_row(entity)["id"]
        named = {int(r[0]) for r in store.conn.execute(sql, (key,))}
        found = named if found is None else found & named
    return found


def chosen_ids(store: Any, query: str | None, filters: Filters, story: int | None = None,
               entity: int | None = None) -> tuple[list[int], bool]:
    """The ids an export writes (see select_articles) and whether that is every match."""
    limit = members(store, story, entity)
    if limit is not None and not query and not filters.as_dict():
        return sorted(limit, reverse=True), True  # a story's or entity's articles: no listing to read
    ids, complete = store.desk_search_ids(query, filters) if query else (listed_ids(store, filters), True)
    return (ids if limit is None else [i for i in ids if i in limit]), complete


def select_articles(store: Any, query: str | None, filters: Filters, story: int | None = None,
                    entity: int | None = None) -> tuple[int, bool]:
    """Limit this connection's `articles` to what `query` finds under `filters` (every article listed
    under them when there is no query), within a story's or an entity's articles when given. Returns
    how many, and whether that is every match (see DeskSearch.desk_search_ids: without a search
    index, FTS5 reads its newest matches only)."""
    ids, complete = chosen_ids(store, query, filters, story, entity)
    conn = store.conn
    guarded = conn.execute("PRAGMA query_only").fetchone()[0]
    conn.execute("PRAGMA query_only = OFF")  # a reader's guard forbids temp objects too; these three write only temp
    try:
        conn.execute("CREATE TEMP TABLE export_ids (id INTEGER PRIMARY KEY)")
        conn.executemany("INSERT INTO temp.export_ids VALUES (?)", ((i,) for i in ids))
        conn.execute("CREATE TEMP VIEW articles AS SELECT * FROM main.articles"
                     " WHERE id IN (SELECT id FROM temp.export_ids)")
        conn.commit()
    finally:
        conn.execute(f"PRAGMA query_only = {'ON' if guarded else 'OFF'}")
    return len(ids), complete
