"""Store & serve's only door to the database: SQLite (WAL, FTS5), one writer, many readers.

- sqlite.py      opening, migrations, connection settings
- writes.py      storing raw pages, articles, failures; the fetch state the fetcher needs
- queries.py     reading: one article, listings, search, stats, failures
- desk.py        the web desk's listings and facets: categories, sites, authors, counts per day
- desk_search.py the web desk's search (tantivy index, else FTS5)
- search_index.py the tantivy index beside SQLite, kept in step with the articles
- search_syntax.py the desk's search syntax, read into a tree any engine can run
- snippets.py    search snippets and highlights
- source_list.py the sources as the /sources page, /api/sources and `newsdesk sources` list them
- entities.py    canonical entities, aliases, roles, quotes
- entity_pages.py reading entities and quotes for pages: list, page, quote search, annotations
- stories.py     duplicates and stories
- events.py      coded events
- export.py      JSONL, CSV and Parquet exports
- gdelt_export.py GDELT 2.0-style exports of stored events (Events, Mentions, GKG)
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.store.desk_search import DeskSearch
from newsdesk.store.entity_pages import EntityPages
from newsdesk.store.events import EventStore
from newsdesk.store.queries import Queries
from newsdesk.store.reads import ArticleReads
from newsdesk.store.sqlite import Database
from newsdesk.store.stories import StoryStore
from newsdesk.store.writes import Writes


class Store(Database, Writes, Queries, DeskSearch, EntityPages, StoryStore, EventStore, ArticleReads):
    """The database: open it, write to it from one place, read from anywhere."""


def open_store(path: str | Path, readonly: bool = False) -> Store:
    return Store(path, readonly=readonly)


__all__ = ["Store", "open_store"]
