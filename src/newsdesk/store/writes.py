"""Writing to the store: raw pages, articles (idempotent), inputs, failures, fetch state.

Each input is stored in one transaction together with the `inputs` row that marks it
done, so a run killed at any point resumes without losing or duplicating anything.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from typing import Any
from urllib.parse import urlsplit

from newsdesk.controls import without_breaks
from newsdesk.records import Article, RawPage
from newsdesk.sources.state import header_validators
from newsdesk.store import search_fts_langs
from newsdesk.store.sqlite import immediate, utcnow

# Fields that describe where an article sits in the store rather than what it says.
_VOLATILE = ("id", "duplicate_of", "story_id")


# The article a fetch of `:url` was stored as: the one its latest input made (a feed's tracker
# link stores its page under the URL it redirects to; rowid: INSERT OR REPLACE makes the latest
# input the highest), else the one stored under that URL.
_ARTICLE_FETCHED_FROM = (
    "COALESCE((SELECT article_id FROM inputs WHERE origin = :url AND article_id IS NOT NULL"
    " ORDER BY rowid DESC LIMIT 1),"
    " (SELECT id FROM articles WHERE key = :url OR url = :url ORDER BY key = :url DESC, id LIMIT 1))")


def content_hash(article: Article) -> str:
    data = {k: v for k, v in article.to_dict().items() if k not in _VOLATILE}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def store_key(article: Article, origin: str) -> str:
    """The key an article is stored under: its canonical URL when the page may claim it, else its
    URL, else the input's origin.

    A page may name a canonical URL on its own site (an AMP, print or tracking-parameter copy,
    http for https) and is then stored as that article. A canonical URL on another site is a
    claim any page can make: a copy on host A naming host B's stored article replaced B's record
    as an "update", so a syndicated copy, or a hostile page, cost B's text. Such a page is stored
    under its own URL and keeps the claim in `canonical_url`. A page with no URL of its own (a
    saved file) has nothing to check the claim against, and keeps it as its key."""
    url, canonical = article.url, article.canonical_url
    if canonical and (not url or same_site(url, canonical)):
        return canonical
    return url or origin


def same_site(url: str, other: str) -> bool:
    """Whether two URLs are on one registered domain, by the public suffix list: www.bbc.co.uk and
    amp.bbc.co.uk are, foo.github.io and bar.github.io are not. Hosts the list does not know (IP
    addresses, localhost, made-up suffixes) must match exactly: the cost of a wrong "no" is a
    duplicate the stories stage folds, of a wrong "yes" an overwritten article."""
    site = _registered_domain(url)
    return site is not None and site == _registered_domain(other)


def _registered_domain(url: str) -> str | None:
    from courlan import extract_domain  # the bundled suffix list; loaded by extraction anyway

    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:  # an unparsable netloc ("http://[bad/x") is no site
        return None
    return (extract_domain(url) or host) if host else None


class Writes:
    conn: sqlite3.Connection

    # -- inputs --------------------------------------------------------------------------------
    def input_done(self, origin: str, sha256: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM inputs WHERE origin = ? AND sha256 = ?", (origin, sha256)).fetchone()
        return row is not None

    def _mark_input(self, origin: str, sha256: str, outcome: str, article_id: int | None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO inputs(origin, sha256, outcome, article_id, seen_at) VALUES (?,?,?,?,?)",
            (origin, sha256, outcome, article_id, utcnow()),
        )

    # -- raw pages -----------------------------------------------------------------------------
    def _save_raw(self, raw: RawPage) -> int:
        sha = raw.sha256
        row = self.conn.execute("SELECT id FROM raw_pages WHERE sha256 = ?", (sha,)).fetchone()
        if row:
            return int(row[0])
        cur = self.conn.execute(
            "INSERT INTO raw_pages(sha256, origin, url, kind_hint, headers, fetched_at, source_url, body)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (sha, raw.origin, raw.url, raw.kind_hint, json.dumps(raw.headers), raw.fetched_at, raw.source_url,
             zlib.compress(raw.body, 6)),
        )
        return int(cur.lastrowid or 0)

    def raw_page(self, raw_id: int) -> RawPage:
        row = self.conn.execute("SELECT * FROM raw_pages WHERE id = ?", (raw_id,)).fetchone()
        return RawPage(body=zlib.decompress(row["body"]), origin=row["origin"], url=row["url"],
                       kind_hint=row["kind_hint"], headers=json.loads(row["headers"]),
                       fetched_at=row["fetched_at"], source_url=row["source_url"])

    # -- articles ------------------------------------------------------------------------------
    def store_page(self, raw: RawPage, article: Article) -> tuple[str, int]:
        """Store one extracted page; return (outcome, article id).

        outcome: "new", "updated" (same key, new content; first_seen kept), "unchanged" (also:
        the same page, byte for byte, already stored from another input), or "not_article".
        One transaction, including the input's done-mark.

        A page's identity is its bytes first, its key second: one page is one article. A saved
        file and a WARC record of the same bytes used to be keyed by path, then by URL, so the
        WARC copy overwrote whichever article held that URL (a feed item) with the saved file's
        raw page: two articles on one raw page. And a WARC record of a saved page that names its
        canonical URL counted as "updated" (its record gained the WARC's URL): 25 "updated" on a
        fresh `make run` store, where nothing had been updated."""
        with immediate(self.conn):
            raw_id = self._save_raw(raw)
            same_page = self._article_of_raw(raw_id)
            if same_page is not None:
                outcome, article_id = self._seen_again(same_page, article)
            else:
                source_id = self._source_id(raw.source_url) if raw.source_url else None
                outcome, article_id = self._upsert_article(article, raw, raw_id, source_id)
            self._mark_input(raw.origin, raw.sha256, outcome, article_id)
            search_fts_langs.drain(self.conn)  # the article's row of the language search (migration 039)
        return outcome, article_id

    def _article_of_raw(self, raw_id: int) -> int | None:
        """The article stored from this raw page, if any (the oldest, should a store written
        before the one-page-one-article rule hold several)."""
        row = self.conn.execute("SELECT id FROM articles WHERE raw_id = ? ORDER BY id LIMIT 1", (raw_id,)).fetchone()
        return int(row[0]) if row else None

    def _seen_again(self, article_id: int, article: Article) -> tuple[str, int]:
        """The same bytes from another input (another path or URL of one page): the stored article
        is that page, so it is only seen again; its key, record and raw page stay as the first
        input made them (`newsdesk reprocess` re-extracts them from those bytes)."""
        self.conn.execute("UPDATE articles SET last_seen = ? WHERE id = ?", (utcnow(), article_id))
        return ("unchanged" if article.kind == "article" else "not_article"), article_id

    def _upsert_article(self, article: Article, raw: RawPage, raw_id: int,
                        source_id: int | None) -> tuple[str, int]:
        key = store_key(article, raw.origin)
        digest = content_hash(article)
        now = utcnow()
        row = self.conn.execute("SELECT id, content_hash, kind FROM articles WHERE key = ?", (key,)).fetchone()
        values = _article_columns(article) | {"content_hash": digest, "raw_id": raw_id}
        if row is None:
            values |= {"key": key, "source_id": source_id, "first_seen": now, "last_seen": now, "changed_at": now}
            cols = ", ".join(values)
            cur = self.conn.execute(f"INSERT INTO articles({cols}) VALUES ({', '.join('?' * len(values))})",
                                    tuple(values.values()))
            return ("new" if article.kind == "article" else "not_article"), int(cur.lastrowid or 0)
        article_id = int(row["id"])
        if row["content_hash"] == digest:
            self.conn.execute("UPDATE articles SET last_seen = ? WHERE id = ?", (now, article_id))
            return ("unchanged" if article.kind == "article" else "not_article"), article_id
        values |= {"last_seen": now, "changed_at": now}
        sets = ", ".join(f"{c} = ?" for c in values)
        self.conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*values.values(), article_id))
        return ("updated" if article.kind == "article" else "not_article"), article_id

    def replace_article(self, article_id: int, article: Article) -> bool:
        """Overwrite an article's extracted fields (reprocess); True when something changed."""
        digest = content_hash(article)
        row = self.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None or row["content_hash"] == digest:
            return False
        values = _article_columns(article) | {"content_hash": digest, "changed_at": utcnow()}
        sets = ", ".join(f"{c} = ?" for c in values)
        with immediate(self.conn):
            self.conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*values.values(), article_id))
            search_fts_langs.drain(self.conn)
        return True

    def after_store_hooks(self) -> list[Any]:
        """Every `after_store_<name>(article_id, article)` method the store's mixins define."""
        return [getattr(self, name) for name in sorted(dir(type(self))) if name.startswith("after_store_")
                and name != "after_store_hooks"]

    # -- failures ------------------------------------------------------------------------------
    def record_failure(self, input: str, stage: str, reason: str, detail: str = "",
                       raw: RawPage | None = None) -> None:
        """Store a rejected input with its reason (once per input, stage and reason)."""
        # The reason and detail may quote a server (its Content-Type, an exception's message):
        # newsdesk.controls.without_breaks keeps terminal escapes and bidi overrides out of the table.
        # The input is left as given: it is the key that later runs look the failure up by.
        reason, detail = without_breaks(reason), without_breaks(detail)
        with immediate(self.conn):
            raw_id = self._save_raw(raw) if raw is not None and raw.body else None
            self.conn.execute(
                "INSERT INTO failures(input, stage, reason, detail, raw_id, at) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(input, stage, reason) DO UPDATE SET detail = excluded.detail, at = excluded.at",
                (input, stage, reason, detail[:2000], raw_id, utcnow()),
            )
            if raw is not None:
                self._mark_input(raw.origin, raw.sha256, "failed", None)

    # -- sources and fetch state (the FetchState protocol of newsdesk.sources.state) ----------------
    def _source_id(self, url: str, kind: str | None = None) -> int:
        self.conn.execute("INSERT OR IGNORE INTO sources(url, kind, added_at) VALUES (?,?,?)", (url, kind, utcnow()))
        return int(self.conn.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()[0])

    def add_source(self, url: str, kind: str | None = None) -> int:
        return self._source_id(url, kind)

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.conn.execute("SELECT etag, last_modified FROM sources WHERE url = ?", (url,)).fetchone()
        return (row["etag"], row["last_modified"]) if row else (None, None)

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._source_id(url)
        self.conn.execute("UPDATE sources SET etag = ?, last_modified = ? WHERE url = ?", (etag, last_modified, url))

    def known(self, url: str) -> bool:
        """True when `url` is stored as an article, or was already handled as an input.

        The input check catches links that redirect (feed trackers, short links): the article
        is stored under its final URL, and only `inputs` remembers the link we were given.
        Failed inputs are not known, so they are tried again. A canonical URL is known through
        the key of the article that may claim it (`store_key`); a page on another site naming
        `url` as its canonical does not make it known, or it would keep that article from
        ever being fetched.
        """
        row = self.conn.execute("SELECT 1 FROM articles WHERE url = ? OR key = ? LIMIT 1", (url, url)).fetchone()
        if row is not None:
            return True
        row = self.conn.execute("SELECT 1 FROM inputs WHERE origin = ? AND outcome != 'failed' LIMIT 1",
                                (url,)).fetchone()
        return row is not None

    def page_validators(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) the stored copy of page `url` was served with, from its raw
        page's headers: a page's validators are kept with the page, never as a row of `sources`
        (which the desk lists as the configured sources)."""
        row = self.conn.execute("SELECT r.headers FROM articles a JOIN raw_pages r ON r.id = a.raw_id"
                                f" WHERE a.id = {_ARTICLE_FETCHED_FROM}", {"url": url}).fetchone()
        return header_validators(json.loads(row[0])) if row else (None, None)

    def page_not_modified(self, url: str) -> bool:
        """A stored page fetched again answered 304: it was seen, unchanged. False if no article
        was stored from `url`."""
        cur = self.conn.execute(f"UPDATE articles SET last_seen = :now WHERE id = {_ARTICLE_FETCHED_FROM}",
                                {"url": url, "now": utcnow()})
        return cur.rowcount > 0

    def last_fetched(self, url: str) -> str | None:
        """When `url` last answered a fetch (2xx, 304 or a redirect), as stored ISO UTC; None if never.

        A redirect counts: a feed tracker or short link answers 301 and its page is stored
        under the target, so the link's own time is the redirect's."""
        row = self.conn.execute("SELECT MAX(at) FROM fetch_log WHERE url = ? AND status BETWEEN 200 AND 399",
                                (url,)).fetchone()
        return row[0] if row else None

    def log_fetch(self, url: str, status: int | None, nbytes: int, elapsed: float, error: str | None) -> None:
        self.conn.execute("INSERT INTO fetch_log(url, status, bytes, elapsed, error, at) VALUES (?,?,?,?,?,?)",
                          (url, status, nbytes, elapsed, error, utcnow()))

    def source_fail_count(self, url: str) -> int:
        """Consecutive failed polls of a source so far (0 for one never polled)."""
        row = self.conn.execute("SELECT fail_count FROM sources WHERE url = ?", (url,)).fetchone()
        return int(row[0]) if row else 0

    def source_due_at(self, url: str) -> str | None:
        """When a source is next due for polling (None: now, or never polled)."""
        row = self.conn.execute("SELECT next_fetch_at FROM sources WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def saved_file_read(self, path: str) -> None:
        """A saved feed file was read (`newsdesk ingest PATH`): its time, which the sources
        list shows as `last_read_at` (store.source_list), as `source_polled` records `watch`'s read
        of a path. Only the row an entry of the file made when it was stored: a file none of whose
        entries was ever stored is no source."""
        self.conn.execute("UPDATE sources SET last_fetch_at = ? WHERE url = ?", (utcnow(), path))

    def source_polled(self, url: str, error: str | None, next_fetch_at: str | None) -> None:
        """Record one poll of a source: its status, consecutive failures and next due time."""
        self._source_id(url)
        if error:
            self.conn.execute("UPDATE sources SET last_fetch_at = ?, last_status = ?, fail_count = fail_count + 1,"
                              " next_fetch_at = ? WHERE url = ?", (utcnow(), error, next_fetch_at, url))
        else:
            self.conn.execute("UPDATE sources SET last_fetch_at = ?, last_status = 'ok', fail_count = 0,"
                              " next_fetch_at = ? WHERE url = ?", (utcnow(), next_fetch_at, url))


def _article_columns(a: Article) -> dict[str, Any]:
    data = a.to_dict()
    data.pop("id", None)
    return {
        "kind": a.kind, "reason": a.reason, "url": a.url, "canonical_url": a.canonical_url,
        "site_name": a.site_name, "title": a.title, "authors": json.dumps(list(a.authors), ensure_ascii=False),
        "categories": json.dumps(list(a.categories), ensure_ascii=False),
        "tags": json.dumps(list(a.tags), ensure_ascii=False), "published": a.published, "updated": a.updated,
        "language": a.language, "excerpt": a.excerpt, "image": a.image, "text": a.text,
        "data": json.dumps(data, ensure_ascii=False),
    }
