"""Queries the web desk needs beyond the basics: categories, sources, authors, per-day counts.

Every listing is keyset-paginated in the display order `COALESCE(published, first_seen) DESC,
id DESC` and walks an index of migrations/005_desk.sql (or, unfiltered, the narrow
desk_listing table of 008 clustered in that order), so a page costs the same on the
first page of a 100k-article store as on the last. A `Cursor` is the (sort key, id) of the
row a page starts after; it survives new articles arriving, unlike an offset.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import orjson

from newsdesk.errors import QueryError
from newsdesk.store import search_index
from newsdesk.store.queries import listing_from_row, listing_rows
from newsdesk.store.search_syntax import ParseError, parse, plain_words

log = logging.getLogger(__name__)
SORT = "COALESCE(a.published, a.first_seen)"
# Listing columns all sit before the body in the row, so a listing never walks the body's overflow
# pages (first_seen and changed_at come after it: reading them cost ~10x per row on a cold 100k store).
# `sort_key` is the time a listing shows: published, else first seen (read only when published is null).
_COLUMNS = ("a.id, a.key, a.url, a.canonical_url, a.site_name, a.title, a.authors, a.categories, a.published,"
            " a.updated, a.language, a.excerpt, a.image, " + SORT + " AS sort_key")
# The same columns from desk_listing (migrations/008), the narrow copy clustered in display order.
_LISTING_COLUMNS = ("l.id, l.key, l.url, l.canonical_url, l.site_name, l.title, l.authors, l.categories, l.published,"
                    " l.updated, l.language, l.excerpt, l.image, l.sort_key")
MAX_LIMIT = 100
# Deep offsets cost a scan of every skipped match; past this a search should be narrowed instead.
MAX_SEARCH_OFFSET = 1000
# The FTS5 path (no usable search index, see DeskQueries._indexed_search) ranks relevance over
# this many of the most recently stored matches (see DeskQueries._search).
# Measured on the web bench's Zipf query mix over 100k synthetic articles (in-process, CPU ms per
# query; overlap = share of the exact bm25 top 20 that the window's top 20 keeps):
#   window 1000: 7.1 ms, overlap 0.41 | 500: 5.0 ms, 0.30 | 300: 5.5 ms, 0.23 | 100: 4.6 ms, 0.12
# Smaller windows save little (a query's fixed costs dominate) and lose much ranking quality.
SEARCH_WINDOW = 1000
# Articles changed since the search index's watermark are searched with FTS5 beside it, up to this
# many (one FTS5 MATCH restricted to their ids: well under a millisecond); an index further
# behind (a large ingest not yet synced, no `newsdesk index` run) leaves the whole search to FTS5.
MAX_PENDING = 2000
# Snippet markers that cannot occur in stored text, so highlighting survives HTML escaping.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class Cursor:
    sort_key: str
    id: int

    def encode(self) -> str:
        raw = json.dumps([self.sort_key, self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            sort_key, ident = json.loads(raw)
            return cls(str(sort_key), int(ident))
        except (ValueError, TypeError) as exc:
            raise QueryError(f"bad page cursor {token[:40]!r}; start again from the first page") from exc


@dataclass
class Page:
    """One page of a listing, newest first, with cursors to the older and newer pages (None at the ends)."""

    items: list[dict[str, Any]]
    older: str | None = None
    newer: str | None = None
    filters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Filters:
    site: str | None = None
    language: str | None = None
    category: str | None = None
    author: str | None = None
    since: str | None = None  # ISO date or datetime, inclusive
    until: str | None = None  # ISO date or datetime, inclusive of that whole day

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def is_date(value: str) -> bool:
    """An ISO date or date-time that exists ("2020-13-45" has the shape of one and matched nothing)."""
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _listing(row: sqlite3.Row) -> dict[str, Any]:
    d = listing_from_row(row)
    d.pop("data", None)
    return d


def _search_filters(f: Filters) -> tuple[str, list[Any], list[str], list[Any]]:
    """FROM (desk_listing, joined to the category/author side tables when asked) with its arguments,
    and the conditions with theirs, for a filtered search: every check reads small indexes."""
    source, join_args = "desk_listing l", []
    if f.category:
        source += " JOIN desk_categories c ON c.article_id = l.id AND c.name = ?"
        join_args.append(f.category)
    if f.author:
        source += " JOIN desk_authors au ON au.article_id = l.id AND au.name = ?"
        join_args.append(f.author)
    where, args = [], []
    for column, value in (("l.site_name", f.site), ("l.language", f.language)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    dates, more = _date_range("l.sort_key", f)
    return source, join_args, where + dates, args + more


def _source_of(site: str | None, url: str | None) -> str | None:
    """Who published a listed article: its site name, else its URL's host (without "www.")."""
    if site:
        return site.strip().lower()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def other_sources(head: tuple[str | None, str | None], copies: Iterable[tuple[str | None, str | None]]) -> int:
    """How many other sources published a syndication group's text: the distinct sources
    (`_source_of`: site name, else URL host) of its copies, less the representative's own `head`
    (site, url), and less a copy with neither. The one rule of the front card's "also published by"
    (`copy_counts`) and the story page's (`stories._syndication_groups`)."""
    return len({_source_of(site, url) for site, url in copies} - {None, _source_of(*head)})


def _listed_too(f: Filters) -> tuple[str, list[Any]]:
    """Conditions (on desk_listing `r`) under which a copy's representative is in the same listing
    (category, language, dates): a copy is left out only where its representative stands for it,
    so a category or a date range that holds the copy alone still lists it."""
    where, args = _date_range("r.sort_key", f)
    if f.language:
        where.append("r.language = ?")
        args.append(f.language)
    if f.category:
        where.append("EXISTS (SELECT 1 FROM desk_categories rc WHERE rc.article_id = r.id AND rc.name = ?)")
        args.append(f.category)
    return "".join(" AND " + w for w in where), args


def copy_clause(article: str, indexed: bool = True, listed: str = "") -> str:
    """SQL: the article (a column) is a syndicated copy, a member of a syndication group other than
    its representative (story_fingerprints, migration 003), whose representative is a stored
    article (and meets `listed`, conditions on desk_listing `r`: see _listed_too). That brings a
    copy back when its representative is deleted by hand (no code path re-picks the group then);
    the dedupe re-picks it when the representative changes.

    One probe per listed row of migration 032's partial index of the copies (`indexed`; SQLite's
    planner prefers the primary key, hence INDEXED BY), then, for a copy only, desk_listing's id
    index. Nothing to keep in step, and a re-picked representative shows at once. Keeping copies
    out of desk_listing by triggers instead would also drop them from search (it reads its rows
    there by id). Measured in one process, rotated (median CPU ms per rendered `?before=` page,
    20k synthetic store with 10% copies, the desk's 1 MB page cache per connection; /tmp/W9 bench):
    front 3.16 / 3.98 / 3.78 (no fold / primary key / partial index), 5.11 / 6.44 / 6.85,
    3.70 / 4.02 / 3.83; category 3.92 / 3.77 / 3.77, 5.75 / 7.28 / 6.91, 3.65 / 4.50 / 4.13.
    The index is as cheap or cheaper in 5 of 6, and its pages stay cached as the store grows.
    """
    hint = " INDEXED BY story_fingerprints_copies" if indexed else ""
    return (f"EXISTS (SELECT 1 FROM story_fingerprints f{hint}"
            f" WHERE f.article_id = {article} AND f.canonical_id != f.article_id"
            f" AND EXISTS (SELECT 1 FROM desk_listing r WHERE r.id = f.canonical_id{listed}))")


def _less(rows: Iterable[Any], copies: dict[str, int], limit: int | None) -> list[tuple[str, int]]:
    """(name, count) rows less the copies a listing folds, most first (then by name), `limit` of them."""
    counts = [(r[0], r[1] - copies.get(r[0], 0)) for r in rows]
    ordered = sorted(((name, n) for name, n in counts if n > 0), key=lambda c: (-c[1], c[0]))
    return ordered[:limit] if limit is not None else ordered


def _date_range(column: str, f: Filters) -> tuple[list[str], list[Any]]:
    where, args = [], []
    if f.since:
        where.append(f"{column} >= ?")
        args.append(f.since)
    if f.until:
        where.append(f"{column} <= ?")
        args.append(_until_bound(f.until))
    return where, args


def _until_bound(until: str) -> str:
    # A bare date means "that whole day": every ISO string of that day sorts below date + "~".
    return until + "~" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", until) else until


class DeskQueries:
    conn: sqlite3.Connection
    _copies_known: str | None = None

    # -- listings ------------------------------------------------------------------------------
    def desk_page(self, filters: Filters = Filters(), *, cursor: str | None = None, newer: bool = False,
                  limit: int = 30, cards: int | None = None, fold_copies: bool = False) -> Page:
        """A page of articles, newest first. `cursor` + `newer` pages backwards (towards newer).

        With `cards` (a card version, web/cards.py), unfiltered pages also read each article's
        stored card of that version into `card` (None where there is none). With `fold_copies`,
        syndicated copies (see `copy_clause`) are left out: their representative stands for them.
        """
        limit = max(1, min(limit, MAX_LIMIT))
        if filters.category or filters.author or filters.site or filters.language:
            columns = _COLUMNS
            source, where, args = self._listing_source(filters)
            # Order by the side table's own columns when it drives, so its index gives the order.
            key, ident = (("c.sort_key", "c.article_id") if filters.category else
                          ("au.sort_key", "au.article_id") if filters.author else (SORT, "a.id"))
        else:  # every article, maybe within dates: a range of the table clustered in this order
            columns, source, key, ident = _LISTING_COLUMNS, "desk_listing l", "l.sort_key", "l.id"
            where, args = _date_range("l.sort_key", filters)
            if cards is not None:
                columns += ", c.html AS card"
                source += " LEFT JOIN desk_cards c ON c.id = l.id AND c.version = ?"
                args.insert(0, cards)
        probe = self._copies_probe() if fold_copies else None
        if probe:
            also, also_args = _listed_too(filters)
            where.append("NOT " + copy_clause(ident, indexed=probe == "index", listed=also))
            args += also_args
        start = Cursor.decode(cursor) if cursor else None
        if start:
            clause, more_args = _beyond(key, ident, ">" if newer else "<", start)
            where.append(clause)
            args += more_args
        order = "ASC" if newer and start else "DESC"
        sql = (f"SELECT {columns} FROM {source} WHERE {' AND '.join(where) or 1}"
               f" ORDER BY {key} {order}, {ident} {order} LIMIT ?")
        rows = listing_rows(self.conn, sql, (*args, limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        if newer and start:
            rows.reverse()
            page = Page(rows, older=_cursor_of(rows[-1]) if rows else cursor,
                        newer=_cursor_of(rows[0]) if more and rows else None)
        else:
            page = Page(rows, older=_cursor_of(rows[-1]) if more else None,
                        newer=_cursor_of(rows[0]) if start and rows else None)
        page.filters = filters.as_dict()
        return page

    def _copies_probe(self) -> str | None:
        """How this store answers "is it a copy": "index" (migration 032's partial index), "table"
        (a store opened read-only before 032: story_fingerprints by primary key), or None (no
        duplicates tables at all). Asked once per connection."""
        if self._copies_known is None:
            names = {r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE name IN ('story_fingerprints', 'story_fingerprints_copies')")}
            self._copies_known = ("index" if "story_fingerprints_copies" in names else
                                  "table" if "story_fingerprints" in names else "")
        return self._copies_known or None

    def copy_counts(self, ids: list[int]) -> dict[int, tuple[int, int, int | None]]:
        """For these articles, those that represent a syndication group with stored copies:
        {id: (copies, other sources, story id or None)}. A copy's source is its site, else its URL's
        host; the representative's own source is not another, nor is a copy with neither (a feed
        item without a link). One query: the copies through the story_fingerprints_canonical index,
        their sites and URLs from desk_listing by id."""
        ids = list(dict.fromkeys(ids))
        if not ids or not self._copies_probe():
            return {}
        rows = self.conn.execute(
            "SELECT f.canonical_id, c.site_name, c.url, r.site_name, r.url,"
            " (SELECT s.story_id FROM story_articles s WHERE s.article_id = f.canonical_id)"
            # CROSS JOIN keeps this order: the page's ids probe the canonical index (mostly
            # misses), and only copies found read desk_listing. Left to itself SQLite started from
            # desk_listing, two b-tree searches per id: the query took 2x as long.
            " FROM story_fingerprints f CROSS JOIN desk_listing c ON c.id = f.article_id"
            " CROSS JOIN desk_listing r ON r.id = f.canonical_id"
            f" WHERE f.canonical_id IN ({','.join('?' * len(ids))}) AND f.article_id != f.canonical_id", ids)
        copies: dict[int, list[tuple[str | None, str | None]]] = {}
        own: dict[int, tuple[tuple[str | None, str | None], int | None]] = {}
        for head, site, url, head_site, head_url, story in rows:
            copies.setdefault(int(head), []).append((site, url))
            own[int(head)] = ((head_site, head_url), None if story is None else int(story))
        return {head: (len(found), other_sources(own[head][0], found), own[head][1])
                for head, found in copies.items()}

    def _listing_source(self, f: Filters) -> tuple[str, list[str], list[Any]]:
        """FROM clause and conditions; a category or author filter starts from its side table."""
        where: list[str] = ["a.kind = 'article'"]
        args: list[Any] = []
        source = "articles a"
        if f.category:
            source = "desk_categories c JOIN articles a ON a.id = c.article_id"
            where.append("c.name = ?")
            args.append(f.category)
        if f.author and not f.category:
            source = "desk_authors au JOIN articles a ON a.id = au.article_id"
            where.append("au.name = ?")
            args.append(f.author)
        elif f.author:
            source += " JOIN desk_authors au ON au.article_id = a.id"
            where.append("au.name = ?")
            args.append(f.author)
        for column, value in (("a.site_name", f.site), ("a.language", f.language)):
            if value:
                where.append(f"{column} = ?")
                args.append(value)
        dates, more = _date_range(SORT, f)
        return source, where + dates, args + more

    def recent_posts(self, limit: int = 8) -> list[dict[str, Any]]:
        """The articles most recently added to the store (the "Recent posts" rail)."""
        sql = (f"SELECT {_COLUMNS}, a.first_seen FROM articles a WHERE a.kind = 'article'"
               " ORDER BY a.first_seen DESC, a.id DESC LIMIT ?")
        return [_listing(r) for r in self.conn.execute(sql, (limit,))]

    def article_row(self, article_id: int) -> dict[str, Any] | None:
        """Everything the article page shows: the record, store times, its source and neighbours."""
        row = self.conn.execute(
            f"SELECT a.*, {SORT} AS sort_key, s.url AS source_url, r.origin AS raw_origin,"
            " r.fetched_at AS fetched_at FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
            " LEFT JOIN raw_pages r ON r.id = a.raw_id WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        d = dict(row)
        d["record"] = _loads(d.pop("data"))
        d["record"]["id"] = str(d["id"])
        for name in ("authors", "categories", "tags"):
            d[name] = _loads(d[name]) if d.get(name) else []
        return d

    def neighbours(self, sort_key: str, article_id: int) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """(newer, older) articles next to this one in the front page's order, which lists a
        syndicated text once: `j`/`k` stepped onto each copy of the same text in turn."""
        probe = self._copies_probe()
        fold = f" AND NOT {copy_clause('a.id', indexed=probe == 'index')}" if probe else ""

        def one(op: str, order: str) -> dict[str, Any] | None:
            clause, args = _beyond(SORT, "a.id", op, Cursor(sort_key, article_id))
            row = self.conn.execute(
                f"SELECT a.id, a.title FROM articles a WHERE a.kind = 'article' AND {clause}{fold}"
                f" ORDER BY {SORT} {order}, a.id {order} LIMIT 1", args).fetchone()
            return dict(row) if row else None
        return one(">", "ASC"), one("<", "DESC")

    def stored_ids_for(self, urls: list[str]) -> dict[str, int]:
        """Which of these URLs are stored articles (by key, i.e. canonical URL or URL), and their ids."""
        urls = [u for u in dict.fromkeys(urls) if u][:50]
        if not urls:
            return {}
        rows = self.conn.execute(f"SELECT key, id FROM articles WHERE kind = 'article' AND key IN"
                                 f" ({','.join('?' * len(urls))})", urls)
        return {r["key"]: int(r["id"]) for r in rows}

    def more_in_category(self, category: str, article_id: int, limit: int = 5) -> list[dict[str, Any]]:
        """The category's latest articles but this one, as its page lists them (a syndicated text
        once) and without this article's own text under another address: "More in Cyber-Activism"
        under a Global Voices post listed a copy of that very post and two of another."""
        fold, args = "", [category, article_id]
        probe = self._copies_probe()
        if probe:
            also, also_args = _listed_too(Filters(category=category))
            fold = (f" AND NOT {copy_clause('c.article_id', indexed=probe == 'index', listed=also)}"
                    " AND c.article_id NOT IN (SELECT g.article_id FROM story_fingerprints g"
                    " WHERE g.canonical_id = (SELECT s.canonical_id FROM story_fingerprints s WHERE s.article_id = ?)"
                    " UNION SELECT s.canonical_id FROM story_fingerprints s WHERE s.article_id = ?)")
            args += [*also_args, article_id, article_id]
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.site_name, a.published FROM desk_categories c"
            f" JOIN articles a ON a.id = c.article_id WHERE c.name = ? AND c.article_id <> ?{fold}"
            " ORDER BY c.sort_key DESC, c.article_id DESC LIMIT ?", [*args, limit])
        return [dict(r) for r in rows]

    # -- facets and stats ----------------------------------------------------------------------
    def category_counts(self, limit: int = 200) -> list[tuple[str, int]]:
        """Categories with the number of articles their page lists: a syndicated copy filed under
        the same category as its representative is left out there, so it is not counted either.
        Counted with the copies, 66 of the sample store's 73 categories promised more articles
        than their page showed ("Feature (30)" listed 15)."""
        rows = self.conn.execute("SELECT name, COUNT(*) FROM desk_categories GROUP BY name")
        copies = self._folded_copies(
            "SELECT c.name, COUNT(*) FROM story_fingerprints f{hint}"
            " JOIN desk_categories c ON c.article_id = f.article_id WHERE f.canonical_id != f.article_id"
            " AND EXISTS (SELECT 1 FROM desk_listing r WHERE r.id = f.canonical_id)"
            " AND EXISTS (SELECT 1 FROM desk_categories rc WHERE rc.article_id = f.canonical_id AND rc.name = c.name)"
            " GROUP BY c.name")
        return _less(rows, copies, limit)

    def site_counts(self, limit: int = 200) -> list[tuple[str, int]]:
        rows = self.conn.execute("SELECT site_name, COUNT(*) FROM articles WHERE kind = 'article'"
                                 " AND site_name IS NOT NULL GROUP BY site_name ORDER BY 2 DESC, 1 LIMIT ?", (limit,))
        return [(r[0], r[1]) for r in rows]

    def language_counts(self) -> list[tuple[str, int]]:
        """Languages with the number of articles the front page lists in each (copies folded as in
        category_counts: "en (121)" led to 91 articles on the sample store)."""
        rows = self.conn.execute("SELECT language, COUNT(*) FROM articles WHERE kind = 'article'"
                                 " AND language IS NOT NULL GROUP BY language")
        copies = self._folded_copies(
            "SELECT c.language, COUNT(*) FROM story_fingerprints f{hint} JOIN desk_listing c ON c.id = f.article_id"
            " JOIN desk_listing r ON r.id = f.canonical_id WHERE f.canonical_id != f.article_id"
            " AND r.language = c.language GROUP BY c.language")
        return _less(rows, copies, None)

    def _folded_copies(self, sql: str) -> dict[str, int]:
        """{name: copies a listing leaves out} from a GROUP BY over the copies (`{hint}` in `sql`
        takes migration 032's partial index of them): it reads the copies only, not every article."""
        probe = self._copies_probe()
        if not probe:
            return {}
        hint = " INDEXED BY story_fingerprints_copies" if probe == "index" else ""
        return {r[0]: int(r[1]) for r in self.conn.execute(sql.format(hint=hint))}

    def author_counts(self, limit: int = 200) -> list[tuple[str, int]]:
        rows = self.conn.execute("SELECT name, COUNT(*) FROM desk_authors GROUP BY name"
                                 " ORDER BY 2 DESC, 1 LIMIT ?", (limit,))
        return [(r[0], r[1]) for r in rows]

    def site_known(self, site: str) -> bool:
        """A site the store knows: some stored page (an article or not) names it, or a configured
        source does (its title, or its URL's host): such a site with no articles left is empty,
        not unknown."""
        if self.conn.execute("SELECT 1 FROM articles WHERE site_name = ? LIMIT 1", (site,)).fetchone():
            return True
        wanted = site.strip().lower().removeprefix("www.")
        return any(wanted in ((title or "").strip().lower(), _source_of(None, url))
                   for url, title in self.conn.execute("SELECT url, title FROM sources"))

    def category_known(self, name: str) -> bool:
        """A category some stored article is filed under."""
        return self.conn.execute("SELECT 1 FROM desk_categories WHERE name = ? LIMIT 1", (name,)).fetchone() is not None

    def author_known(self, name: str) -> bool:
        """An author some stored article is by."""
        return self.conn.execute("SELECT 1 FROM desk_authors WHERE name = ? LIMIT 1", (name,)).fetchone() is not None

    def sources_overview(self) -> list[dict[str, Any]]:
        """Configured sources with their last fetch, status, back-off and how many articles came through them."""
        rows = self.conn.execute(
            "SELECT s.id, s.url, s.kind, s.title, s.added_at, s.last_fetch_at, s.last_status, s.fail_count,"
            " s.next_fetch_at, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS articles"
            " FROM sources s ORDER BY s.url LIMIT 500")
        return [dict(r) for r in rows]

    def day_counts(self, days: int = 60) -> list[tuple[str, int]]:
        """Articles per day for the `days` most recent days that have any, oldest first.

        "Most recent days with articles" rather than "the last N calendar days", because a store
        of archived pages (the corpus spans 2004-2024) would otherwise chart a single bar.
        """
        return self._bucket_counts(10, days)

    def month_counts(self, months: int = 240) -> list[tuple[str, int]]:
        return self._bucket_counts(7, months)

    def _bucket_counts(self, width: int, most: int) -> list[tuple[str, int]]:
        """Counts per prefix of the sort key (10 chars: day, 7: month), newest `most` buckets.

        A GROUP BY over the expression reads every row (SQLite 3.40 cannot take an expression's
        value from its index): 1.3 s at 100k articles. Seeking bucket by bucket down the index and
        counting each as an index range reads no rows: ~2 queries per bucket, a few ms in all.
        """
        out: list[tuple[str, int]] = []
        below = "\U0010ffff"
        while len(out) < most:
            row = self.conn.execute(f"SELECT {SORT} FROM articles a WHERE a.kind = 'article' AND {SORT} < ?"
                                    f" ORDER BY {SORT} DESC LIMIT 1", (below,)).fetchone()
            if row is None or not row[0]:
                break
            prefix = row[0][:width]
            n = self.conn.execute(f"SELECT COUNT(*) FROM articles a WHERE a.kind = 'article' AND {SORT} >= ?"
                                  f" AND {SORT} < ?", (prefix, prefix + "~")).fetchone()[0]
            out.append((prefix, n))
            below = prefix
        out.reverse()
        return out

    def failures_page(self, *, reason: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        where, args = ("WHERE reason = ?", [reason]) if reason else ("", [])
        rows = self.conn.execute(f"SELECT id, input, stage, reason, detail, at FROM failures {where}"
                                 " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", (*args, limit, offset))
        return [dict(r) for r in rows]

    def data_version(self) -> int:
        """Changes when another connection commits: the desk's caches key on it."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- search --------------------------------------------------------------------------------
    def desk_search(self, query: str, filters: Filters = Filters(), *, sort: str = "relevance",
                    limit: int = 20, offset: int = 0, fold_copies: bool = False) -> list[dict[str, Any]]:
        """Search (the index, else FTS5) with filters, sorted by relevance (bm25, title weighted 5x) or date.

        Snippets carry MARK_OPEN/MARK_CLOSE around matches. A query FTS5 cannot parse is
        retried as plain words; if that fails too, QueryError says how to write one.
        """
        return self.desk_search_page(query, filters, sort=sort, limit=limit, offset=offset, fold_copies=fold_copies)[0]

    def desk_search_page(self, query: str, filters: Filters = Filters(), *, sort: str = "relevance",
                         limit: int = 20, offset: int = 0, titles: bool = True, items: bool = False,
                         fold_copies: bool = False) -> tuple[list[dict[str, Any]], bool]:
        """desk_search's page of `limit` results and whether another page follows.

        Through the index, the next page's first hit is only counted: reading its row and cutting
        its snippet (as a search for limit + 1 would) was a 21st of a cold search's time.
        `titles=False` leaves out `title_marked` (the JSON answer does not show it) where the
        index answers. `items=True` (the JSON answer), where the index answers: each row is only
        {"id", "item", "snippet"}, `item` the API's JSON object of the article (web/listing.item_json)
        as UTF-8 bytes, stored by migrations/014: building it from the row's 14 columns was about a
        tenth of a cold search. Rows from FTS5 are full listing rows either way.
        `fold_copies`: a syndicated copy is left out where its representative stands for it, as on
        the front page (`copy_clause`, `_listed_too`); the page is counted after the fold.
        """
        if not query.strip():
            raise QueryError("empty search: type a word, a \"quoted phrase\" or a prefix*")
        limit = max(1, min(limit, MAX_LIMIT))
        offset = max(0, min(offset, MAX_SEARCH_OFFSET))
        fold = filters if fold_copies and self._copies_probe() else None
        indexed = self._indexed_search(query, filters, sort, limit, offset, peek=1, titles=titles, items=items,
                                       fold=fold)
        if indexed is not None:
            return indexed
        rows = self._fts_search(query, filters, sort, limit + 1, offset, fold)
        return rows[:limit], len(rows) > limit

    def _fts_search(self, query: str, filters: Filters, sort: str, limit: int, offset: int,
                    fold: Filters | None = None) -> list[dict[str, Any]]:
        """desk_search through FTS5: the query as written, else as plain words, else QueryError."""
        try:
            return self._search(query, filters, sort, limit, offset, fold)
        except sqlite3.OperationalError as exc:
            if not _is_query_error(exc):
                raise
            plain = _plain_terms(query)
            if plain is None:
                raise QueryError(_search_hint(query)) from exc
            try:
                return self._search(plain, filters, sort, limit, offset, fold)
            except sqlite3.OperationalError as exc2:
                if not _is_query_error(exc2):
                    raise
                raise QueryError(_search_hint(query)) from exc2

    def _indexed_search(self, query: str, f: Filters, sort: str, limit: int, offset: int, peek: int = 0,
                        titles: bool = True, items: bool = False, fold: Filters | None = None
                        ) -> tuple[list[dict[str, Any]], bool] | None:
        """The search through the tantivy index (store/search_index.py): bm25 over ALL matches;
        None when there is no usable index or it lags too far (the caller then uses FTS5).

        Articles changed since the index's watermark are left out of its answer and searched
        with FTS5 instead, and the two lists merged (by score: both are bm25 with the title
        weighted 5x, on slightly different term statistics; or by date). Returns the page's rows
        and whether more hits follow them (`peek` more hits are looked for, never read).
        """
        found = self.__dict__.get("_search_db")
        if found is None:  # (path, identity) of this store's database, read once per connection
            found = (search_index.db_path_of(self.conn), search_index.db_identity(self.conn))
            self.__dict__["_search_db"] = found
        reader = search_index.reader_for(*found)
        if reader is None:
            return None
        pending = search_index.pending_ids(self.conn, reader.watermark, MAX_PENDING)
        if pending is None:
            return None
        try:
            node = parse(query, reader.analyze)
        except ParseError:
            found = plain_words(query, reader.analyze)
            if found is None:
                raise QueryError(_search_hint(query)) from None
            node = found
        want = offset + limit
        # Folded, a few hits more than the page are asked for up front, so the copies among them
        # seldom leave it short (then the engine is asked again for twice as many). Measured (median
        # CPU ms per cold search, in-process, fold off/on rotated, 300 queries x 6 rounds, W9's 20k
        # synthetic store with 10% copies, tantivy index): no fold 0.645, fold asking want + peek
        # 0.931 (a copy in most pages: a second search each); with this margin and the copies probe
        # through migration 032's index, 0.698 vs 0.752 (+8%); 100k bench store (no copies) 0.827 vs 0.900.
        top = want + peek + (max(4, want // 4) if fold is not None else 0)
        while True:
            try:
                hits = reader.search(node, f, sort=sort, top=top, exclude=pending)
            except ValueError:  # the engine refused a query we built (a bug of ours): FTS5 answers instead
                log.exception("search index: query %r failed; answering from FTS5", query)
                return None
            if pending:
                hits = sorted(hits + self._fts_tail(query, f, sort, pending, top), key=lambda h: -h[1])[:top]
            if fold is None:
                break
            copies = self._copies_among([i for i, _ in hits], fold)
            found, hits = len(hits), [h for h in hits if h[0] not in copies]
            if len(hits) >= want + peek or found < top or top > 4 * (MAX_SEARCH_OFFSET + MAX_LIMIT):
                break
            top *= 2  # copies took places: ask the engine for more hits (rare: ~1 in 10 is a copy)
        ids = [i for i, _ in hits[offset:want]]
        rows = self._with_snippets(query, self._items_with_text(ids) if items else self._rows_with_text(ids), titles)
        return rows, len(hits) > want

    def _copies_among(self, ids: list[int], f: Filters) -> set[int]:
        """Those of these articles that are syndicated copies whose representative is listed under
        the filters `f` too (copy_clause's rule): one probe of story_fingerprints per id."""
        if not ids:
            return set()
        listed, args = _listed_too(f)
        hint = " INDEXED BY story_fingerprints_copies" if self._copies_probe() == "index" else ""
        rows = self.conn.execute(
            f"SELECT f.article_id FROM story_fingerprints f{hint} WHERE f.article_id IN ({','.join('?' * len(ids))})"
            f" AND f.canonical_id != f.article_id"
            f" AND EXISTS (SELECT 1 FROM desk_listing r WHERE r.id = f.canonical_id{listed})", (*ids, *args))
        return {int(r[0]) for r in rows}

    def _rows_with_text(self, ids: list[int]) -> list[dict[str, Any]]:
        """Listing rows of these articles in this order, each with its body (for the snippet) in
        `_text`: one lookup per article by rowid in desk_search (migrations/014), whose rows fit on
        one page each where an `articles` row also walked an overflow page. An id no longer stored
        as an article is dropped."""
        if not ids:
            return []
        rows = {r[0]: _search_row(*r) for r in self.conn.execute(
            f"SELECT id, key, item, text FROM desk_search WHERE id IN ({','.join('?' * len(ids))})", ids)}
        return [rows[i] for i in ids if i in rows]

    def _items_with_text(self, ids: list[int]) -> list[dict[str, Any]]:
        """{"id", "item", "_text"} of these articles in this order (see desk_search_page's `items`);
        an id no longer stored as an article is dropped."""
        if not ids:
            return []
        rows = {r[0]: {"id": r[0], "item": r[1], "_text": r[2]} for r in self.conn.execute(
            f"SELECT id, CAST(item AS BLOB), text FROM desk_search WHERE id IN ({','.join('?' * len(ids))})", ids)}
        return [rows[i] for i in ids if i in rows]

    def _fts_tail(self, query: str, f: Filters, sort: str, ids: list[int], top: int) -> list[tuple[int, float]]:
        """(id, key) of the best `top` of these articles by FTS5: key -bm25, or the date number."""
        source, join_args, where, args = _search_filters(f)
        key = "l.sort_key" if sort == "date" else "-bm25(articles_fts, 5.0, 1.0)"
        sql = (f"SELECT l.id, {key} FROM articles_fts, {source} WHERE l.id = articles_fts.rowid"
               f" AND articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(ids))})"
               f"{''.join(' AND ' + w for w in where)} ORDER BY 2 DESC LIMIT ?")
        for match in (query, _plain_terms(query)):
            if match is None:
                break
            try:
                rows = self.conn.execute(sql, (*join_args, match, *ids, *args, top)).fetchall()
            except sqlite3.OperationalError as exc:
                if not _is_query_error(exc):
                    raise
                continue
            if sort == "date":
                return [(int(r[0]), float(search_index.when_number(r[1]))) for r in rows]
            return [(int(r[0]), float(r[1])) for r in rows]
        return []

    def _search(self, match: str, f: Filters, sort: str, limit: int, offset: int,
                fold: Filters | None = None) -> list[dict[str, Any]]:
        """Rank the SEARCH_WINDOW most recently stored matches, then read just one page of rows.

        Ranking every match of a common word costs time in proportion to the store (bm25 over
        the ~60k matches of "the" in 100k articles is ~0.1-0.3 s); a news desk wants recent,
        relevant news, so ranking is bounded to the newest matches (by rowid, i.e. by when we
        stored them). Rare words, with fewer matches than the window, are ranked exactly.
        """
        if f.as_dict() or sort == "date":
            ids = self._filtered_candidates(match, f, sort, offset + limit, fold)
            return self._with_snippets(match, self._page_of(ids, limit, offset))
        want = offset + limit
        # SQLite sorts the window and hands over only the ids a page needs: every row fetched
        # crosses the GIL, which costs far more than the sort when handler threads contend.
        ranked = self._ranked(match, want + 8)
        page = self._page_of(ranked, limit, offset, fold)
        if len(page) < limit and len(ranked) == want + 8:  # non-article pages took places: rank the whole window
            page = self._page_of(self._ranked(match, SEARCH_WINDOW), limit, offset, fold)
        return self._with_snippets(match, page)

    def _ranked(self, match: str, top: int) -> list[int]:
        """Ids of the `top` best (bm25, title weighted 5x) of the SEARCH_WINDOW newest matches, best first."""
        rows = self.conn.execute(
            "SELECT rowid FROM (SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts"
            " WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score, rowid DESC LIMIT ?",
            (match, SEARCH_WINDOW, top)).fetchall()
        return [r[0] for r in rows]

    def _filtered_candidates(self, match: str, f: Filters, sort: str, top: int,
                             fold: Filters | None = None) -> list[int]:
        """Ids of the `top` first, by bm25 or by date, of the SEARCH_WINDOW newest matches that pass the filters.

        SQLite sorts and cuts, so only one page of ids reaches Python; sorting by date computes no bm25.
        """
        source, join_args, where, args = _search_filters(f)
        if fold is not None:
            where, args = [*where, "NOT " + self._copy_clause("l.id", fold)], [*args, *_listed_too(fold)[1]]
        score, order = ("0", "sort_key DESC, id DESC") if sort == "date" else (
            "bm25(articles_fts, 5.0, 1.0)", "score, id DESC")
        rows = self.conn.execute(
            f"SELECT id FROM (SELECT l.id AS id, {score} AS score, l.sort_key AS sort_key FROM articles_fts, {source}"
            f" WHERE l.id = articles_fts.rowid AND articles_fts MATCH ?{''.join(' AND ' + w for w in where)}"
            f" ORDER BY articles_fts.rowid DESC LIMIT {SEARCH_WINDOW}) ORDER BY {order} LIMIT ?",
            (*join_args, match, *args, top)).fetchall()
        return [r[0] for r in rows]

    def _copy_clause(self, article: str, f: Filters) -> str:
        return copy_clause(article, indexed=self._copies_probe() == "index", listed=_listed_too(f)[0])

    def _page_of(self, ordered: list[int], limit: int, offset: int, fold: Filters | None = None
                 ) -> list[dict[str, Any]]:
        """Listing rows of articles (not other pages) number offset..offset+limit of `ordered`.

        Read in chunks because the FTS index also holds pages that are not articles; usually
        the first chunk is the page.
        """
        found: list[dict[str, Any]] = []
        start, want = 0, offset + limit
        skip, skip_args = ((" AND NOT " + self._copy_clause("a.id", fold), _listed_too(fold)[1])
                           if fold is not None else ("", []))
        while start < len(ordered) and len(found) < want:
            chunk = ordered[start:start + max(want - len(found), 0) + 5]
            start += len(chunk)
            rows = {r["id"]: _listing(r) for r in self.conn.execute(
                f"SELECT {_COLUMNS} FROM articles a WHERE a.kind = 'article' AND a.id IN"
                f" ({','.join('?' * len(chunk))}){skip}", (*chunk, *skip_args))}
            found += [rows[i] for i in chunk if i in rows]
        return found[offset:want]

    def _with_snippets(self, query: str, rows: list[dict[str, Any]], titles: bool = True) -> list[dict[str, Any]]:
        """Snippets for one page only, cut in Python from the page's texts; `titles`: each title
        with its matches marked too, in `title_marked`.

        FTS5's snippet() re-runs the whole MATCH to find 20 rows (11 ms for a common word on
        20k articles, measured); reading 20 bodies and marking the query's terms costs < 1 ms.
        """
        if not rows:
            return rows
        terms = _terms_pattern(query)
        texts: dict[int, str] = {r["id"]: r.pop("_text") for r in rows if "_text" in r}
        if len(texts) < len(rows):
            texts = dict(self.conn.execute(f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(rows))})",
                                           [r["id"] for r in rows]).fetchall())
        for r in rows:
            r["snippet"] = _snippet(texts.get(r["id"]) or "", terms)
            if titles:
                r["title_marked"] = _mark_terms(r.get("title") or "", terms)
        return rows

    # -- the desk's few write actions (token-guarded in the web layer) --------------------------
    def request_refetch(self, source_id: int) -> bool:
        """Make a source due now, so the next `newsdesk watch` poll fetches it; False if unknown."""
        cur = self.conn.execute("UPDATE sources SET next_fetch_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'),"
                                " fail_count = 0 WHERE id = ?", (source_id,))
        return cur.rowcount > 0

    def source_row(self, source_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
        return dict(row) if row else None


def _loads(raw: str | bytes) -> Any:
    """JSON text to Python: orjson (a stored record parses ~4x faster than with json.loads, a
    tenth of an article page), json for what orjson refuses (NaN, which json.dumps may write)."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def _search_row(ident: int, key: str | None, item: str, text: str | None) -> dict[str, Any]:
    """A listing row (as `listing_rows` reads one from articles, same keys in the same order) from a
    desk_search row: its fields are the stored API item's, `date` being the sort key."""
    d = orjson.loads(item)
    return {"id": ident, "key": key, "url": d["url"], "canonical_url": d["canonical_url"],
            "site_name": d["site_name"], "title": d["title"], "authors": d["authors"], "categories": d["categories"],
            "published": d["published"], "updated": d["updated"], "language": d["language"], "excerpt": d["excerpt"],
            "image": d["image"], "sort_key": d["date"], "_text": text}


def _beyond(key: str, ident: str, op: str, start: Cursor) -> tuple[str, list[Any]]:
    """Rows after `start` in (key, id) order, written so SQLite ranges over the index.

    The row value `(key, id) < (?, ?)` means the same, but SQLite then scans every index
    entry of the kind (measured: 2.6 ms against 0.02 ms per lookup on 20k articles).
    """
    return (f"{key} {op}= ? AND ({key} {op} ? OR {ident} {op} ?)", [start.sort_key, start.sort_key, start.id])


def _cursor_of(row: dict[str, Any]) -> str:
    return Cursor(row["sort_key"] or "", int(row["id"])).encode()


_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


class Term(NamedTuple):
    """One alternative of the query's marks: lower-cased words with non-word characters between
    them (a phrase, or one word), the last one possibly a prefix."""

    words: tuple[str, ...]
    prefix: bool


class Marks(NamedTuple):
    """What to mark in a snippet: every term, the phrases only (a snippet centres on a phrase), the
    words a match starts with (lower-cased), and the same terms as regex alternatives for texts
    the word matcher cannot take (see `_plain_positions`)."""

    terms: tuple[Term, ...]  # in the order the regex alternation tries them
    phrases: tuple[Term, ...]
    words: tuple[str, ...]
    anchor_words: tuple[str, ...]
    sources: tuple[str, ...]  # the regex alternatives, same order
    phrase_sources: tuple[str, ...]
    # Every word is word characters only, and lower-casing keeps its length: only then does the
    # matcher on the lower-cased text agree with the case-insensitive regex.
    plain: bool
    # Every term is one word (no phrase of two or more): `_word_matches` takes them.
    single: bool = False


@functools.lru_cache(maxsize=256)
def _terms_pattern(query: str) -> Marks:
    """The query's terms as Marks — phrases, words, prefix* (a word start); operators and column
    names left out. Matching is what `\\b(?:term|...)\\b` with IGNORECASE does (alternatives tried
    longest first), done with str methods on the lower-cased text: compiling that regex cost
    ~0.2 ms per query (pure-Python re parser), a tenth of a cold search.

    Case-insensitive but not accent-insensitive: highlighting may miss "élection" for "election"
    where the index matched it; that costs a missing mark, never a wrong result.

    Kept per query string (a pure function of it, and Marks is immutable, like the compiled
    regexes of `_regex`): reading a query's terms with re.findall/finditer/sub was 30-70 us.
    """
    phrase_words = [p.split() for p in re.findall(r'"([^"]+)"', query) if p.split()]
    phrases = {r"\W+".join(map(re.escape, w)): (tuple(w), False) for w in phrase_words}
    found = dict(phrases)
    for m in re.finditer(r"(\w+)(\*)?(:)?", re.sub(r'"[^"]*"', " ", query)):
        word, star, colon = m.groups()
        if colon or word in _OPERATORS:
            continue
        found.setdefault(re.escape(word) + (r"\w*" if star else ""), ((word,), bool(star)))

    def ordered(alternatives: dict[str, tuple[tuple[str, ...], bool]]) -> tuple[tuple[str, ...], tuple[Term, ...]]:
        sources = tuple(sorted(alternatives, key=len, reverse=True))  # the regex tries longer ones first
        return sources, tuple(Term(tuple(w.lower() for w in alternatives[s][0]), alternatives[s][1]) for s in sources)

    def literal(words: list[str]) -> tuple[str, ...]:
        # A phrase's first word may carry punctuation (the regex allows any \W between words):
        # its leading word characters are still what a match starts with.
        return tuple(sorted({m.group().lower() for w in words for m in [re.match(r"\w+", w)] if m}))

    sources, terms = ordered(found)
    phrase_sources, phrase_terms = ordered(phrases)
    plain = all(re.fullmatch(r"\w+", w) and len(w.lower()) == len(w) for ws, _ in found.values() for w in ws)
    return Marks(terms, phrase_terms, literal([ws[0] for ws, _ in found.values()]),
                 literal([w[0] for w in phrase_words]), sources, phrase_sources, plain,
                 all(len(t.words) == 1 for t in terms))


@functools.lru_cache(maxsize=64)
def _regex(sources: tuple[str, ...]) -> re.Pattern[str] | None:
    """The terms as one case-insensitive regex, for the rare text the word matcher cannot take."""
    return re.compile(r"\b(?:" + "|".join(sources) + r")\b", re.IGNORECASE) if sources else None


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"  # what re's \w means for str patterns


def _term_end(lower: str, at: int, term: Term) -> int:
    """Where `term` ends if it matches `lower` at `at` (a word boundary), else -1."""
    n, j, last = len(lower), at, len(term.words) - 1
    for k, word in enumerate(term.words):
        if not lower.startswith(word, j):
            return -1
        j += len(word)
        if k < last:  # \W+ between a phrase's words
            if j >= n or _is_word(lower[j]):
                return -1
            while j < n and not _is_word(lower[j]):
                j += 1
    if term.prefix:
        while j < n and _is_word(lower[j]):
            j += 1
    elif j < n and _is_word(lower[j]):
        return -1
    return j


def _matches(lower: str, terms: tuple[Term, ...], words: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each match in text order, none overlapping, as the regex's scan finds them:
    tried only where one of `words` occurs (str.find, ~20x faster than the regex's every-character scan)."""
    starts: set[int] = set()
    for word in words:
        at = lower.find(word)
        while at >= 0:
            starts.add(at)
            at = lower.find(word, at + 1)
    out: list[tuple[int, int]] = []
    last = 0
    for at in sorted(starts):
        if at < last or (at and _is_word(lower[at - 1])):
            continue
        for term in terms:
            end = _term_end(lower, at, term)
            if end >= 0:
                out.append((at, end))
                last = end
                break
    return out


def _mark_all(text: str, pattern: re.Pattern[str] | None) -> str:
    return pattern.sub(lambda m: MARK_OPEN + m.group() + MARK_CLOSE, text) if pattern else text


def _mark_terms(text: str, marks: Marks, lower: str | None = None) -> str:
    """The text with every match of the query's terms between MARK_OPEN and MARK_CLOSE."""
    if not marks.terms or not text:
        return text
    lower = text.lower() if lower is None else lower
    if not marks.plain or len(lower) != len(text):
        return _mark_all(text, _regex(marks.sources))
    out, last = [], 0
    found = _word_matches(lower, marks.terms) if marks.single else _matches(lower, marks.terms, marks.words)
    for start, end in found:
        out += [text[last:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        last = end
    return "".join(out) + text[last:] if out else text


def _first(text: str, lower: str, marks: Marks, phrases: bool) -> int:
    """Where the first match of the query's terms (or of its phrases only) starts; -1 if none.

    Most bodies of a result page hold the match late or (title-only hits) not at all: str.find
    on the lower-cased body is ~20x faster than a case-insensitive regex scan. Lower-casing may
    change a text's length (rare letters such as 'İ'); positions are then not comparable and the
    regex scans from the start.
    """
    terms, sources, words = ((marks.phrases, marks.phrase_sources, marks.anchor_words) if phrases
                             else (marks.terms, marks.sources, marks.words))
    if not terms:
        return -1
    if not marks.plain or len(lower) != len(text):
        pattern = _regex(sources)
        found = pattern.search(text) if pattern else None
        return found.start() if found else -1
    if marks.single and not phrases:
        return _first_word_match(lower, terms)
    return _first_match(lower, terms, words)


def _first_match(lower: str, terms: tuple[Term, ...], words: tuple[str, ...]) -> int:
    """Where `_matches(lower, terms, words)` would start its first match, without finding every
    occurrence of every word: a common word occurs hundreds of times in a long body and the
    snippet only needs the first match (this was ~half of a cold search's snippet time)."""
    nexts = {word: lower.find(word) for word in words}
    while True:
        found = [at for at in nexts.values() if at >= 0]
        if not found:
            return -1
        at = min(found)
        if not (at and _is_word(lower[at - 1])) and any(_term_end(lower, at, term) >= 0 for term in terms):
            return at
        for word, pos in nexts.items():  # every word found at this start moves past it
            if pos == at:
                nexts[word] = lower.find(word, at + 1)


_WORD_RUN = re.compile(r"\w*")  # \w is what _is_word tests: str.isalnum() or "_"


def _word_end(lower: str, at: int, term: Term) -> int:
    """Where one-word `term`, found by str.find at `at`, ends as a match; -1 if it is no match
    (a word character just before or, unless a prefix, just after)."""
    if at and _is_word(lower[at - 1]):
        return -1
    end = at + len(term.words[0])
    if term.prefix:
        return _WORD_RUN.match(lower, end).end()  # type: ignore[union-attr]  # \w* always matches
    return -1 if end < len(lower) and _is_word(lower[end]) else end


def _word_matches(lower: str, terms: tuple[Term, ...]) -> list[tuple[int, int]]:
    """`_matches` for one-word terms (most queries): each term's occurrences found and checked on
    their own, then, at each start, the first term in alternation order wins and overlaps drop out,
    as the regex's left-to-right scan decides. ~2x faster: no per-start loop over every term."""
    found: list[tuple[int, int, int]] = []
    for rank, term in enumerate(terms):
        word = term.words[0]
        at = lower.find(word)
        while at >= 0:
            end = _word_end(lower, at, term)
            if end >= 0:
                found.append((at, rank, end))
            at = lower.find(word, at + 1)
    if len(terms) > 1:
        found.sort()
    out: list[tuple[int, int]] = []
    last = 0
    for at, _, end in found:
        if at >= last:
            out.append((at, end))
            last = end
    return out


def _first_word_match(lower: str, terms: tuple[Term, ...]) -> int:
    """`_first_match` for one-word terms: the earliest start at which any of them matches."""
    best = -1
    for term in terms:
        word = term.words[0]
        at = lower.find(word)
        while at >= 0 and (best < 0 or at < best):
            if _word_end(lower, at, term) >= 0:
                best = at
                break
            at = lower.find(word, at + 1)
    return best


def _snippet(text: str, marks: Marks, width: int = 220) -> str:
    """About `width` characters from just before the first phrase match, else the first term match,
    whitespace squeezed, matches marked; the text's start when nothing matches (a title hit).

    One regex search over the body (started at the earliest literal, see _first) and one
    marking pass over the cut: the snippet was a third of a cold search's time.
    """
    lower = text.lower()
    if marks.single and marks.plain and not marks.phrases and len(lower) == len(text):
        at = _first_word_match(lower, marks.terms)  # what the two _first calls come to (most queries)
    else:
        at = _first(text, lower, marks, phrases=True)
        at = _first(text, lower, marks, phrases=False) if at < 0 else at
    at = max(at, 0)
    start = max(0, at - width // 3)
    if start:  # begin at a word: the first space between the cut and the match
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    # Twice the width of raw text leaves enough once runs of spaces and newlines are squeezed.
    raw_end = start + 2 * width
    # Squeezing a shorter cut first: its words are the long cut's (the last maybe clipped), so it is
    # a prefix of the long cut squeezed, and once longer than `width` it decides the snippet alike
    # (`more` is then true either way). split/join of the long cut was a fifth of a snippet's time.
    piece = " ".join(text[start:start + width + width // 4].split())
    if len(piece) <= width:
        piece = " ".join(text[start:raw_end].split())
    end = len(piece)
    if end > width:
        space = piece.rfind(" ", 0, width)
        end = space if space > width // 2 else width
    more = end < len(piece) or raw_end < len(text.rstrip())
    return ("…" if start else "") + _mark_terms(piece[:end], marks) + ("…" if more else "")


def _is_query_error(exc: sqlite3.OperationalError) -> bool:
    """FTS5's complaints about the query itself, as opposed to a fault of ours or of the database."""
    text = str(exc)
    return text.startswith(("fts5:", "unterminated string", "no such column", "unknown special query")) \
        or "fts5" in text


def _plain_terms(query: str) -> str | None:
    """A query FTS5 rejected, reread as quoted words, so that 'U.S.-Iran' or 'AT&T (2020' still
    searches: words joined by punctuation are one phrase ('"9 11"'), as search_syntax.plain_words
    reads them for the index."""
    chunks = [" ".join(words) for words in (re.findall(r"\w+", c) for c in query.split()) if words]
    return " ".join(f'"{c}"' for c in chunks) if chunks else None


def _search_hint(query: str) -> str:
    return (f"cannot read the search {query[:80]!r}: use words, a \"quoted phrase\", a prefix* or"
            " AND / OR / NOT between words")
