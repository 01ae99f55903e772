"""Stored pages that are not articles, with the reason extraction gave, as the desk's
/failures page, /api/not-articles and `newsdesk stats --failures` list them.

Such a page (a home page, a link farm, a login page) is stored as an `articles` row of kind
`not_article` with its reason ("not an article: link farm"), so that the same input is not
fetched and judged again. Until now only their number was shown (/stats); an analyst who
wanted to know which pages were turned away, and why, had to open the database.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsdesk.controls import without_breaks

# desk_recent (kind, first_seen DESC, id DESC) serves both the filter and the order. The page's
# address is its URL, else the raw page's (a WARC record, a saved file) origin.
_PAGES = """
SELECT a.id, COALESCE(a.url, a.canonical_url, r.url, r.origin) AS input, a.title, a.reason,
       a.first_seen AS at
FROM articles a LEFT JOIN raw_pages r ON r.id = a.raw_id
WHERE a.kind = 'not_article' {reason}
ORDER BY a.first_seen DESC, a.id DESC LIMIT ? OFFSET ?
"""


def not_article_pages(conn: sqlite3.Connection, *, reason: str | None = None, limit: int = 50,
                      offset: int = 0) -> list[dict[str, Any]]:
    """Stored non-article pages, newest first: id, input (URL or origin), title, reason, at."""
    where, args = ("AND a.reason = ?", [reason]) if reason else ("", [])
    rows = conn.execute(_PAGES.format(reason=where), (*args, limit, offset))
    return [dict(row) for row in rows]


def not_article_reasons(conn: sqlite3.Connection) -> dict[str, int]:
    """How many stored pages each reason turned away, most first."""
    rows = conn.execute("SELECT COALESCE(reason, 'not an article'), COUNT(*) FROM articles"
                        " WHERE kind = 'not_article' GROUP BY 1 ORDER BY 2 DESC, 1")
    return {row[0]: row[1] for row in rows}


def why_not_article(reason: str | None) -> str:
    """A not-article page's stored reason as said after "judged not an article" ("link farm"), alike
    in `newsdesk show` and /article/N's 404."""
    return (reason or "").removeprefix("not an article: ") or "no reason stored"


def shown_failure(row: dict[str, Any]) -> dict[str, Any]:
    """A failures row as listed: its reason and detail on one line, with no terminal or bidi
    controls. record_failure cleans them as it writes since 8269714; rows written before keep
    what a server sent (ESC, 0x9b CSI, U+202E), which `stats --failures` printed to the terminal
    as live escapes. Cleaned on the way out, so old stores need no migration. The input is left
    as stored, as record_failure leaves it: it is the key a later run looks the failure up by."""
    return {**row, "reason": without_breaks(row["reason"]) if row["reason"] else row["reason"],
            "detail": without_breaks(row["detail"]) if row["detail"] else row["detail"]}


def shown_failure_counts(rows: Iterable[tuple[str, int]]) -> dict[str, int]:
    """("stage: reason", count) rows as listed: reasons cleaned as `shown_failure` does, those that
    clean to the same words counted together, most first."""
    counts: Counter[str] = Counter()
    for reason, n in rows:
        counts[without_breaks(reason)] += n
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
