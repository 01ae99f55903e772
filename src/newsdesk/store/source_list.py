"""The sources as the desk's /sources page, /api/sources and `newsdesk sources` list them.

A source is a feed, sitemap, site or page URL, fetched by `newsdesk watch` (which keeps its
status and back-off in the row) or by an ingest given the URL (which logs the fetch only), or
a saved feed file an ingest read: its entries name it as their source. A file is read, never
fetched, so it has no fetch time, status or next poll; it is listed as kind "file" with
`last_read_at` instead: when an ingest last read it (`Store.saved_file_read`, kept in the row's
`last_fetch_at`, even when every entry was unchanged and nothing was stored) or, for a store
that no ingest has read a file into since that was recorded, when its entries were last stored.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newsdesk.sources.state import is_saved_file

# A saved feed's entries are inputs named `<path>#item<N>` (sources.web.entries_to_pages): the
# range [path#item, path#item:) holds exactly those (':' sorts after every digit), and reads
# the inputs' primary key index instead of scanning it with LIKE.
_SOURCES = """
SELECT s.id, s.url, s.kind, s.title, s.added_at, s.last_fetch_at, s.last_status, s.fail_count,
       s.next_fetch_at, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS articles,
       (SELECT MAX(f.at) FROM fetch_log f WHERE f.url = s.url AND f.status BETWEEN 200 AND 399) AS answered_at,
       (SELECT MAX(i.seen_at) FROM inputs i
         WHERE i.origin > s.url || '#item' AND i.origin < s.url || '#item:') AS entries_at
FROM sources s ORDER BY s.url LIMIT 500
"""


def sources_overview(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every source (500 at most, by URL) with its last fetch or read, status, back-off and articles.

    `file` says a source is a saved file: `last_read_at` is then when it was read, and
    `last_fetch_at` None. A URL's `last_fetch_at` is its last answered fetch, by `watch` or by an
    ingest, and `last_read_at` None."""
    return [_shown(dict(row)) for row in conn.execute(_SOURCES)]


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    answered, entries = row.pop("answered_at"), row.pop("entries_at")
    row["file"] = is_saved_file(row["url"])
    if row["file"]:
        row["kind"] = row["kind"] or "file"
        # A `watch` that polls a path reads it too; the row is made as its first entry is stored.
        row["last_read_at"] = max(filter(None, (entries, row["last_fetch_at"])), default=row["added_at"])
        row["last_fetch_at"] = None
    else:
        row["last_read_at"] = None
        row["last_fetch_at"] = max(filter(None, (row["last_fetch_at"], answered)), default=None)
    return row
