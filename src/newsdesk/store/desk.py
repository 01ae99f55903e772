"""The web desk's listings and facets: front, category, site, author and date pages, counts per
category, language, site, author and day, the article page's row and neighbours, and the desk's
few write actions. Search is store/desk_search.py; its snippets and highlights store/snippets.py.

Every listing is keyset-paginated in the display order `COALESCE(published, first_seen) DESC,
id DESC` and walks an index of migrations/005_desk.sql (or, unfiltered, the narrow
desk_listing table of 008 clustered in that order), so a page costs the same on the
first page of a 100k-article store as on the last. A `Cursor` is the (sort key, id) of the
row a page starts after; it survives new articles arriving, unlike an offset.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import orjson

from newsdesk.errors import QueryError
from newsdesk.store.queries import listing_from_row, listing_rows
from newsdesk.store.rejected import shown_failure

SORT = "COALESCE(a.published, a.first_seen)"
# Listing columns all sit before the body in the row, so a listing never walks the body's overflow
# pages (first_seen and changed_at come after it: reading them cost ~10x per row on a cold 100k store).
# `sort_key` is the time a listing shows: published, else first seen (read only when published is null).
ARTICLE_COLUMNS = ("a.id, a.key, a.url, a.canonical_url, a.site_name, a.title, a.authors, a.categories, a.published,"
                   " a.updated, a.language, a.excerpt, a.image, " + SORT + " AS sort_key")
# The same columns from desk_listing (migrations/008), the narrow copy clustered in display order.
LISTING_COLUMNS = ("l.id, l.key, l.url, l.canonical_url, l.site_name, l.title, l.authors, l.categories, l.published,"
                   " l.updated, l.language, l.excerpt, l.image, l.sort_key")
MAX_LIMIT = 100
# The last page number a numbered list answers, on the desk, the API and the CLI alike (the search's is
# lower: web.routes_search). Past it SQLite's OFFSET would overflow on a 20-digit page.
MAX_PAGE = 1000


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


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(_DAY.pattern + r"([T ][0-9:.]+([+-]\d{2}:\d{2}|Z)?)?")


def read_date(label: str, value: str | None, *, times: bool = True) -> str | None:
    """A --since/--until (?since=/?until=) as given, stripped; None when absent. A day that exists,
    YYYY-MM-DD, or where `times` (the article listings and search) also a time of one. One parser,
    one wording: the quotes said "must be a day, YYYY-MM-DD", search "must be a date like
    2026-02-11", the quotes and events commands click's "does not match the format '%Y-%m-%d'".
    `label` names the input as its caller reads it ("--since", "parameter 'since'")."""
    value = (value or "").strip()
    if value and not ((_TIME if times else _DAY).fullmatch(value) and is_date(value)):
        raise QueryError(f"{label} must be a date, YYYY-MM-DD (a day that exists, such as 2026-02-11),"
                         f" got {value[:40]!r}")
    return value or None


def usable_text(label: str, value: str | None) -> str | None:
    """The text to match of a speaker, words or search typed (stripped; None when nothing was
    typed), QueryError when it holds only control characters: `?speaker=%00` counted as no speaker
    and listed every quote. No stored text holds a NUL, so there is nothing to look for."""
    if value is None or not value.strip():
        return None
    if not any(unicodedata.category(c) != "Cc" and not c.isspace() for c in value):
        raise QueryError(f"{label} {value.strip()[:40]!r} has nothing to match: it holds only control characters"
                         " (such as NUL), which no text holds")
    return value.strip()


def listing_of(row: sqlite3.Row) -> dict[str, Any]:
    """A listed article from its row (ARTICLE_COLUMNS, LISTING_COLUMNS): authors, categories as lists, no `data`."""
    d = listing_from_row(row)
    d.pop("data", None)
    return d


def source_of(site: str | None, url: str | None) -> str | None:
    """Who published a listed article: its site name, else its URL's host (without "www.")."""
    if site:
        return site.strip().lower()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def other_sources(head: tuple[str | None, str | None], copies: Iterable[tuple[str | None, str | None]]) -> int:
    """How many other sources published a syndication group's text: the distinct sources
    (`source_of`: site name, else URL host) of its copies, less the representative's own `head`
    (site, url), and less a copy with neither. The one rule of the front card's "also published by"
    (`copy_counts`) and the story page's (`stories._syndication_groups`)."""
    return len({source_of(site, url) for site, url in copies} - {None, source_of(*head)})


def listed_too(f: Filters) -> tuple[str, list[Any]]:
    """Conditions (on desk_listing `r`) under which a copy's representative is in the same listing
    (category, language, dates): a copy is left out only where its representative stands for it,
    so a category or a date range that holds the copy alone still lists it."""
    where, args = date_range("r.sort_key", f)
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
    article (and meets `listed`, conditions on desk_listing `r`: see listed_too). That brings a
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


def date_range(column: str, f: Filters) -> tuple[list[str], list[Any]]:
    """The conditions and arguments that keep `column` within the filters' since/until."""
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
    return until + "~" if _DAY.fullmatch(until) else until


class DeskQueries:
    conn: sqlite3.Connection
    _copies_known: str | None = None

    # -- listings ------------------------------------------------------------------------------
    def entity_articles(self, entity_id: int, limit: int = 50) -> list[dict[str, Any]]:
        """Listing rows of the newest articles naming an entity (its mentions), syndicated copies
        folded as its page lists them (entity_pages._listed): the entity's Atom feed."""
        rows = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.kind = 'article' AND a.id IN"
            " (SELECT article_id FROM entity_mentions WHERE entity_id = ?)"
            f" AND NOT {copy_clause('a.id', indexed=False)} ORDER BY sort_key DESC, a.id DESC LIMIT ?",
            (entity_id, max(1, min(limit, MAX_LIMIT))))
        return [listing_of(r) for r in rows]

    def desk_page(self, filters: Filters = Filters(), *, cursor: str | None = None, newer: bool = False,
                  limit: int = 30, cards: int | None = None, fold_copies: bool = False) -> Page:
        """A page of articles, newest first. `cursor` + `newer` pages backwards (towards newer).

        With `cards` (a card version, web/cards.py), unfiltered pages also read each article's
        stored card of that version into `card` (None where there is none). With `fold_copies`,
        syndicated copies (see `copy_clause`) are left out: their representative stands for them.
        """
        limit = max(1, min(limit, MAX_LIMIT))
        if filters.category or filters.author or filters.site or filters.language:
            columns = ARTICLE_COLUMNS
            source, where, args = self._listing_source(filters)
            # Order by the side table's own columns when it drives, so its index gives the order.
            key, ident = (("c.sort_key", "c.article_id") if filters.category else
                          ("au.sort_key", "au.article_id") if filters.author else (SORT, "a.id"))
        else:  # every article, maybe within dates: a range of the table clustered in this order
            columns, source, key, ident = LISTING_COLUMNS, "desk_listing l", "l.sort_key", "l.id"
            where, args = date_range("l.sort_key", filters)
            if cards is not None:
                columns += ", c.html AS card"
                source += " LEFT JOIN desk_cards c ON c.id = l.id AND c.version = ?"
                args.insert(0, cards)
        probe = self._copies_probe() if fold_copies else None
        if probe:
            also, also_args = listed_too(filters)
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
        dates, more = date_range(SORT, f)
        return source, where + dates, args + more

    def recent_posts(self, limit: int = 8) -> list[dict[str, Any]]:
        """The articles most recently added to the store (the "Recent posts" rail)."""
        sql = (f"SELECT {ARTICLE_COLUMNS}, a.first_seen FROM articles a WHERE a.kind = 'article'"
               " ORDER BY a.first_seen DESC, a.id DESC LIMIT ?")
        return [listing_of(r) for r in self.conn.execute(sql, (limit,))]

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
            also, also_args = listed_too(Filters(category=category))
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
        return any(wanted in ((title or "").strip().lower(), source_of(None, url))
                   for url, title in self.conn.execute("SELECT url, title FROM sources"))

    def category_known(self, name: str) -> bool:
        """A category some stored article is filed under."""
        return self.conn.execute("SELECT 1 FROM desk_categories WHERE name = ? LIMIT 1", (name,)).fetchone() is not None

    def author_known(self, name: str) -> bool:
        """An author some stored article is by."""
        return self.conn.execute("SELECT 1 FROM desk_authors WHERE name = ? LIMIT 1", (name,)).fetchone() is not None

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
        return [shown_failure(dict(r)) for r in rows]

    def data_version(self) -> int:
        """Changes when another connection commits: the desk's caches key on it."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

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


def _beyond(key: str, ident: str, op: str, start: Cursor) -> tuple[str, list[Any]]:
    """Rows after `start` in (key, id) order, written so SQLite ranges over the index.

    The row value `(key, id) < (?, ?)` means the same, but SQLite then scans every index
    entry of the kind (measured: 2.6 ms against 0.02 ms per lookup on 20k articles).
    """
    return (f"{key} {op}= ? AND ({key} {op} ? OR {ident} {op} ?)", [start.sort_key, start.sort_key, start.id])


def _cursor_of(row: dict[str, Any]) -> str:
    return Cursor(row["sort_key"] or "", int(row["id"])).encode()
