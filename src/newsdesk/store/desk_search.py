"""The web desk's search: the tantivy index (store/search_index.py) where it is usable, FTS5
otherwise, with the desk's filters, sorted by relevance or date, syndicated copies folded as the
listings fold them (store/desk.py), each page's snippets cut in Python (store/snippets.py).
"""

from __future__ import annotations

import itertools
import logging
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

import orjson

from newsdesk.errors import QueryError
from newsdesk.store import irregular_forms, search_fts_langs, search_index, search_languages
from newsdesk.store.desk import (
    ARTICLE_COLUMNS,
    MAX_LIMIT,
    DeskQueries,
    Filters,
    copy_clause,
    date_range,
    listed_too,
    listing_of,
    usable_text,
)
from newsdesk.store.search_syntax import Node, Op, ParseError, Term, fts5_query, parse, plain_words
from newsdesk.store.snippets import MARK_CLOSE, MARK_OPEN, mark_terms, marked_snippet, terms_pattern

log = logging.getLogger(__name__)
_NO_FILTERS = Filters()  # the default: one immutable instance, as a default argument would be
# Deep offsets cost a scan of every skipped match; past this a search should be narrowed instead.
MAX_SEARCH_OFFSET = 1000
# The pages of results a search answers, at most (/api/search?page=, `newsdesk search --page`).
SEARCH_PAGES = 50


def search_pages(limit: int) -> int:
    """The last page a search of `limit` results a page answers: SEARCH_PAGES, or fewer where a page
    would start past MAX_SEARCH_OFFSET (the offset was clamped: page 12 of 100 a page listed page 11)."""
    return min(SEARCH_PAGES, MAX_SEARCH_OFFSET // max(1, limit) + 1)


def pages_hint(limit: int) -> str:
    """Why the page numbers stop where they do, for the message a page past them gets."""
    return f" (a search lists its first {search_pages(limit) * limit:,} results, {limit} a page)"


def last_page(total: tuple[int, bool] | None, limit: int) -> int | None:
    """The last page holding results when the total is exact (0 when none), else None: a page past
    it is empty, says so, and leads back to it (page 51 of 4 results led to page 49)."""
    if total is None or not total[1]:
        return None
    return -(-total[0] // max(1, limit))
# The FTS5 path (no usable search index, see DeskSearch._indexed_search) ranks relevance over
# this many of the most recently stored matches (see DeskSearch._search).
# Measured on the web bench's Zipf query mix over 100k synthetic articles (in-process, CPU ms per
# query; overlap = share of the exact bm25 top 20 that the window's top 20 keeps):
#   window 1000: 7.1 ms, overlap 0.41 | 500: 5.0 ms, 0.30 | 300: 5.5 ms, 0.23 | 100: 4.6 ms, 0.12
# Smaller windows save little (a query's fixed costs dominate) and lose much ranking quality.
SEARCH_WINDOW = 1000
# Articles changed since the search index's watermark are searched with FTS5 beside it, up to this
# many (one FTS5 MATCH restricted to their ids: well under a millisecond); an index further
# behind (a large ingest not yet synced, no `newsdesk index` run) leaves the whole search to FTS5.
MAX_PENDING = 2000
# A search's total is counted exactly up to this many articles, else said as "at least" this many:
# counting every match of a common word in a large store would cost more than the page.
COUNT_CAP = 1000


def search_filters(f: Filters) -> tuple[str, list[Any], list[str], list[Any]]:
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
    dates, more = date_range("l.sort_key", f)
    return source, join_args, where + dates, args + more


def _require_words(query: str) -> None:
    """QueryError for a search with nothing to match: blank, or only control characters
    (`usable_text`), alike for a page, its total and an export's ids."""
    if not usable_text("search", query):
        raise QueryError("empty search: type a word, a \"quoted phrase\" or a prefix*")


class DeskSearch(DeskQueries):
    """Search over the desk's listings (it folds copies through DeskQueries' probe of them)."""

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """`desk_search` as `newsdesk search` asks it by default (relevance, a syndicated text once),
        its matches in [brackets] (`bracketed`). Until S19 this was a search of its own (FTS5's bm25
        and snippet over porter stems), which found neither the irregular forms nor what the index's
        stemmer keeps apart."""
        return bracketed(self.desk_search(query, limit=limit, offset=offset, fold_copies=True))

    def desk_search(self, query: str, filters: Filters = _NO_FILTERS, *, sort: str = "relevance",
                    limit: int = 20, offset: int = 0, fold_copies: bool = False) -> list[dict[str, Any]]:
        """Search (the index, else FTS5) with filters, sorted by relevance (bm25, title weighted 5x) or date.

        Snippets carry MARK_OPEN/MARK_CLOSE around matches. A query FTS5 cannot parse is
        retried as plain words; if that fails too, QueryError says how to write one.
        """
        return self.desk_search_page(query, filters, sort=sort, limit=limit, offset=offset, fold_copies=fold_copies)[0]

    def desk_search_page(self, query: str, filters: Filters = _NO_FILTERS, *, sort: str = "relevance",
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
        the front page (`copy_clause`, `listed_too`); the page is counted after the fold.
        """
        _require_words(query)
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
                    fold: Filters | None = None, snippets: bool = True) -> list[dict[str, Any]]:
        """desk_search through FTS5: the query as written, else as plain words, else QueryError
        (`snippets=False`: rows without snippets, for counting them)."""
        try:
            return self._search(_with_cut_words(query), filters, sort, limit, offset, fold, shown=query,
                                snippets=snippets)
        except sqlite3.OperationalError as exc:
            if not _is_query_error(exc):
                raise
            plain = _plain_terms(query)
            if plain is None:
                raise QueryError(_search_hint(query)) from exc
            try:
                return self._search(plain, filters, sort, limit, offset, fold, snippets=snippets)
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
        asked = self._index_query(query)
        if asked is None:
            return None
        reader, pending, node = asked
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

    def _index_query(self, query: str) -> tuple[search_index.SearchIndex, list[int], Node] | None:
        """(reader, articles it lags on, the query's tree) when the index is usable, else None."""
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
            words = plain_words(query, reader.analyze)
            if words is None:
                raise QueryError(_search_hint(query)) from None
            node = words
        return reader, pending, node

    def desk_search_total(self, query: str, filters: Filters = _NO_FILTERS, *,
                          fold_copies: bool = False) -> tuple[int, bool]:
        """How many articles desk_search_page finds in all, folded as it folds: (n, True) exactly,
        or (n, False) "at least n" where counting further would cost more than a page: past
        COUNT_CAP matches, or, without a usable index, past the FTS5 window (SEARCH_WINDOW)."""
        _require_words(query)
        fold = filters if fold_copies and self._copies_probe() else None
        asked = self._index_query(query)
        if asked is None:
            rows = self._fts_search(query, filters, "date", COUNT_CAP + 1, 0, fold, snippets=False)
            return min(len(rows), COUNT_CAP), len(rows) <= COUNT_CAP and not self._window_full(query)
        reader, pending, node = asked
        top = COUNT_CAP + 1
        while True:  # folded, copies may leave fewer than COUNT_CAP: ask for more (each copy's original stays)
            hits = reader.search(node, filters, sort="date", top=top, exclude=pending)
            tail = self._fts_tail(query, filters, "date", pending, top) if pending else []
            ids = {i for i, _ in hits} | {i for i, _ in tail}
            if fold is not None:
                ids -= self._copies_among(sorted(ids), fold)
            cut = len(hits) >= top or len(tail) >= top
            if len(ids) > COUNT_CAP or not cut:
                return min(len(ids), COUNT_CAP), not cut
            top *= 2

    def desk_search_ids(self, query: str, filters: Filters = _NO_FILTERS) -> tuple[list[int], bool]:
        """Every article the query finds under the filters, syndicated copies included, newest first
        (`newsdesk export --query`), and whether that is all of them: without a usable index, FTS5
        finds the newest SEARCH_WINDOW matches only (`_window_full`), as its search page does."""
        _require_words(query)
        asked = self._index_query(query)
        if asked is None:
            rows = self._fts_search(query, filters, "date", SEARCH_WINDOW, 0, snippets=False)
            return [r["id"] for r in rows], not self._window_full(query)
        reader, pending, node = asked
        top = self.conn.execute("SELECT COUNT(*) FROM desk_listing").fetchone()[0] + 1
        hits = reader.search(node, filters, sort="date", top=top, exclude=pending)
        tail = self._fts_tail(query, filters, "date", pending, top) if pending else []
        return [i for i, _ in sorted(hits + tail, key=lambda h: -h[1])], True

    def _window_full(self, query: str) -> bool:
        """Whether FTS5 holds more matches of the query than the window it ranks (SEARCH_WINDOW)."""
        for match in (_with_cut_words(query), _plain_terms(query)):
            if match is None:
                return False
            try:
                return self.conn.execute("SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts"
                                         " MATCH ? LIMIT ?)", (match, SEARCH_WINDOW + 1)).fetchone()[0] > SEARCH_WINDOW
            except sqlite3.OperationalError as exc:
                if not _is_query_error(exc):
                    raise
        return False

    def _copies_among(self, ids: list[int], f: Filters) -> set[int]:
        """Those of these articles that are syndicated copies whose representative is listed under
        the filters `f` too (copy_clause's rule): one probe of story_fingerprints per id."""
        if not ids:
            return set()
        listed, args = listed_too(f)
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
        rows = {r[0]: search_row(*r) for r in self.conn.execute(
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
        """(id, key) of the best `top` of these articles by FTS5: key -bm25, or the date number; an
        article in another language than English by its own language's words too (search_fts_langs)."""
        source, join_args, where, args = search_filters(f)
        langs = search_fts_langs.present(self.conn)  # then an article not in English is that table's to find
        key = "l.sort_key" if sort == "date" else "-bm25(articles_fts, 5.0, 1.0)"
        sql = (f"SELECT l.id, {key} FROM articles_fts, {source} WHERE l.id = articles_fts.rowid"
               f" AND articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(ids))})"
               f"{''.join(' AND ' + w for w in where)}{' AND newsdesk_lang_group(l.language) IS NULL' if langs else ''}"
               " AND newsdesk_matches_stems(articles_fts.title, articles_fts.text,"
               " CASE WHEN newsdesk_lang_group(l.language) IS NULL THEN ? ELSE ? END, l.language)"
               " ORDER BY 2 DESC LIMIT ?")
        self._register_matches_stems()
        rows: list[Any] = []
        for match in (_with_cut_words(query), _plain_terms(query)):
            if match is None:
                break
            try:
                rows = self.conn.execute(sql, (*join_args, match, *ids, *args, match, query, top)).fetchall()
            except sqlite3.OperationalError as exc:
                if not _is_query_error(exc):
                    raise
                continue
            break
        other = search_fts_langs.langs_match(query, f.language) if langs else None
        if other:
            table, key = search_fts_langs.TABLE, "l.sort_key" if sort == "date" else "-" + search_fts_langs.BM25
            rows += search_fts_langs.hits(self.conn, (
                f"SELECT l.id, {key} FROM {table}, {source} WHERE l.id = {table}.rowid AND {table} MATCH ?"
                f" AND {table}.rowid IN ({','.join('?' * len(ids))}){''.join(' AND ' + w for w in where)}"
                " ORDER BY 2 DESC LIMIT ?"), (*join_args, other, *ids, *args, top))
        best: dict[int, float] = {}
        for ident, value in rows:
            number = float(search_index.when_number(value)) if sort == "date" else float(value)
            best[int(ident)] = max(number, best.get(int(ident), -float("inf")))
        return sorted(best.items(), key=lambda hit: -hit[1])[:top]

    def _search(self, match: str, f: Filters, sort: str, limit: int, offset: int,
                fold: Filters | None = None, shown: str | None = None, snippets: bool = True) -> list[dict[str, Any]]:
        """Rank the SEARCH_WINDOW most recently stored matches, then read just one page of rows,
        their snippets marked for `shown` (the query as typed; `match` widened by `_with_cut_words`
        marks the same words and, with a word's forms as words of their own, cost 4x to mark).
        Articles in other languages than English are matched in their language too
        (search_fts_langs: `other`, the query over articles_fts_langs), their hits merged by bm25.

        Ranking every match of a common word costs time in proportion to the store (bm25 over
        the ~60k matches of "the" in 100k articles is ~0.1-0.3 s); a news desk wants recent,
        relevant news, so ranking is bounded to the newest matches (by rowid, i.e. by when we
        stored them). Rare words, with fewer matches than the window, are ranked exactly.
        """
        langs = search_fts_langs.present(self.conn)
        other = search_fts_langs.langs_match(shown or match, f.language) if langs else None
        if f.as_dict() or sort == "date":
            ids, exact = self._filtered_candidates(match, f, sort, offset + limit + 8, fold, other)
            page = self._page_of(ids, limit, offset, match=match, typed=shown, exact=exact if langs else None)
            if len(page) < limit and len(ids) == offset + limit + 8:  # porter's joins took places
                ids, exact = self._filtered_candidates(match, f, sort, SEARCH_WINDOW, fold, other)
                page = self._page_of(ids, limit, offset, match=match, typed=shown, exact=exact if langs else None)
            return self._with_snippets(shown or match, page) if snippets else page
        want = offset + limit
        # SQLite sorts the window and hands over only the ids a page needs: every row fetched
        # crosses the GIL, which costs far more than the sort when handler threads contend.
        ranked, exact = self._ranked(match, want + 8, other)
        page = self._page_of(ranked, limit, offset, fold, match, shown, exact if langs else None)
        if len(page) < limit and len(ranked) == want + 8:  # non-article pages took places: rank the whole window
            ranked, exact = self._ranked(match, SEARCH_WINDOW, other)
            page = self._page_of(ranked, limit, offset, fold, match, shown, exact if langs else None)
        return self._with_snippets(shown or match, page) if snippets else page

    def _register_matches_stems(self) -> None:
        """FTS5 holds porter stems, which join words the search index keeps apart ('news' and 'new',
        'organization' and 'organ'): articles are checked by the index's stemmer in SQL
        (search_index.matches_stems) where the engine's answer is merged (`_fts_tail`), and in
        `_page_of` on a page's rows only (checking every match of the window cost a body each)."""
        self.conn.create_function("newsdesk_matches_stems", 4, search_index.matches_stems, deterministic=True)

    def _ranked(self, match: str, top: int, other: str | None = None) -> tuple[list[int], set[int]]:
        """Ids of the `top` best (bm25, title weighted 5x) of the SEARCH_WINDOW newest matches, best
        first, a word's forms counting as one word (`_as_one_word`); with the best of the newest
        matches of `other` in articles_fts_langs (search_fts_langs), whose ids come second: they
        match in their language, and need no check (`_page_of`)."""
        forms = _word_forms(match)
        if forms is not None:
            window = self.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                                       " ORDER BY rowid DESC LIMIT ?", (match, SEARCH_WINDOW)).fetchall()
            scored = self._as_one_word(forms, [r[0] for r in window], match)
        else:
            scored = dict(self.conn.execute(
                "SELECT rowid, score FROM (SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts"
                " WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score, rowid DESC LIMIT ?",
                (match, SEARCH_WINDOW, top)).fetchall())
        table = search_fts_langs.TABLE
        more = search_fts_langs.hits(self.conn, (
            f"SELECT rowid, score FROM (SELECT rowid, {search_fts_langs.BM25} AS score FROM {table}"
            f" WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score, rowid DESC LIMIT ?"),
            (other, SEARCH_WINDOW, top)) if other else []
        return _best(scored, more, top), {r[0] for r in more}

    def _filtered_candidates(self, match: str, f: Filters, sort: str, top: int,
                             fold: Filters | None = None, other: str | None = None) -> tuple[list[int], set[int]]:
        """Ids of the `top` first, by bm25 or by date, of the SEARCH_WINDOW newest matches that pass
        the filters (of `match` in articles_fts, and of `other` in articles_fts_langs: those ids
        come second, as `_ranked` gives them).

        SQLite sorts and cuts, so only one page of ids reaches Python; sorting by date computes no bm25.
        """
        source, join_args, where, args = search_filters(f)
        if fold is not None:
            where, args = [*where, "NOT " + self._copy_clause("l.id", fold)], [*args, *listed_too(fold)[1]]
        forms = _word_forms(match) if sort != "date" else None

        def run(table: str, bm25: str, query: str, n: int) -> list[Any]:
            score = "0" if sort == "date" or (forms is not None and table == "articles_fts") else bm25
            order = "sort_key DESC, id DESC" if score == "0" else "score, id DESC"
            return search_fts_langs.hits(self.conn, (
                f"SELECT id, score, sort_key FROM (SELECT l.id AS id, {score} AS score, l.sort_key AS sort_key"
                f" FROM {table}, {source} WHERE l.id = {table}.rowid AND {table} MATCH ?"
                f"{''.join(' AND ' + w for w in where)} ORDER BY {table}.rowid DESC LIMIT {SEARCH_WINDOW})"
                f" ORDER BY {order} LIMIT ?"), (*join_args, query, *args, n))

        rows = run("articles_fts", "bm25(articles_fts, 5.0, 1.0)", match, SEARCH_WINDOW if forms is not None else top)
        more = run(search_fts_langs.TABLE, search_fts_langs.BM25, other, top) if other else []
        if sort == "date":
            when = {r[0]: r[2] or "" for r in [*rows, *more]}
            return sorted(when, key=lambda ident: (when[ident], ident), reverse=True)[:top], {r[0] for r in more}
        scored = self._as_one_word(forms, [r[0] for r in rows], match) if forms is not None else {
            r[0]: r[1] for r in rows}
        return _best(scored, [(r[0], r[1]) for r in more], top), {r[0] for r in more}

    def _as_one_word(self, forms: list[list[str]], window: list[int], match: str) -> dict[int, float]:
        """{article: bm25} of these articles when each word's forms count as one word: FTS5's bm25 of
        an OR adds its phrases' scores, so an article writing 'says' and 'said' once each outranked
        one writing 'said' twice, as if it held two words of the query. bm25 is a sum over a query's
        phrases, so the query with one form of each word ('"said" AND "envoy"') scores an article
        holding them as those forms count; an article takes its best such choice, each word its
        best form. Each choice is scored from the window's oldest article on (`rowid >= ?`: a
        `rowid IN` list made FTS5 30x slower); past MAX_PHRASE_FORMS choices, the `match` (bm25 as FTS5 has it)."""
        if not window:
            return {}
        choices = list(itertools.islice(itertools.product(*forms), irregular_forms.MAX_PHRASE_FORMS + 1))
        queries = [" AND ".join(c) for c in choices] if len(choices) <= irregular_forms.MAX_PHRASE_FORMS else [match]
        inside, best = set(window), dict[int, float]()
        for query in queries:
            for ident, score in self.conn.execute("SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts"
                                                  " WHERE articles_fts MATCH ? AND rowid >= ?", (query, min(window))):
                if ident in inside and score < best.get(ident, float("inf")):
                    best[ident] = score
        return best

    def _language_forms(self, query: str, rows: list[dict[str, Any]], texts: dict[int, str]) -> list[str]:
        """The forms of the query's words that the page's articles in other languages than English
        hold, by their language's stemmer (search_languages.forms_in): `_with_forms` looks for
        English stems, and 31 of the 44 French pages 'française' finds showed no mark. A row of
        the JSON answer (`items`) carries no language: the page's are read in one query then."""
        words = _typed_words(query)
        if not words:
            return []
        languages = {r["id"]: r["language"] for r in rows if "language" in r}
        if len(languages) < len(rows):
            languages = dict(self.conn.execute(f"SELECT id, language FROM articles WHERE id IN"
                                               f" ({','.join('?' * len(rows))})", [r["id"] for r in rows]).fetchall())
        by_group: dict[str, list[str]] = {}
        for r in rows:
            group = search_languages.sql_group(languages.get(r["id"]))
            if group is not None:
                by_group.setdefault(group, []).extend([texts.get(r["id"]) or "", r.get("title") or ""])
        found = {form for group, group_texts in by_group.items()
                 for form in search_languages.forms_in(words, group_texts, group)}
        return sorted(found - set(words))

    def _copy_clause(self, article: str, f: Filters) -> str:
        return copy_clause(article, indexed=self._copies_probe() == "index", listed=listed_too(f)[0])

    def _page_of(self, ordered: list[int], limit: int, offset: int, fold: Filters | None = None,
                 match: str | None = None, typed: str | None = None,
                 exact: set[int] | None = None) -> list[dict[str, Any]]:
        """Listing rows of articles (not other pages) number offset..offset+limit of `ordered`.

        Read in chunks because the FTS index also holds pages that are not articles; usually
        the first chunk is the page. With the FTS5 `match`, an article holding its words only by
        porter's joins is left out (search_index.matches_stems: 'news' is not 'new'); each row
        keeps its body in `_text`, which the snippet needs anyway. An article in another language
        than English is one articles_fts_langs found (`exact`; porter's English stems and its
        cut-word widening of prefixes say nothing of French words); in a store without that table
        (`exact` None: opened read-only before migration 036) it is checked for the query as `typed`.
        """
        found: list[dict[str, Any]] = []
        start, want = 0, offset + limit
        skip, skip_args = ((" AND NOT " + self._copy_clause("a.id", fold), listed_too(fold)[1])
                           if fold is not None else ("", []))
        body = ", a.text AS _text" if match is not None else ""
        while start < len(ordered) and len(found) < want:
            chunk = ordered[start:start + max(want - len(found), 0) + 5]
            start += len(chunk)
            rows = {r["id"]: listing_of(r) for r in self.conn.execute(
                f"SELECT {ARTICLE_COLUMNS}{body} FROM articles a WHERE a.kind = 'article' AND a.id IN"
                f" ({','.join('?' * len(chunk))}){skip}", (*chunk, *skip_args))}
            found += [rows[i] for i in chunk if i in rows and self._kept(rows[i], match, typed, exact)]
        return found[offset:want]

    @staticmethod
    def _kept(row: dict[str, Any], match: str | None, typed: str | None, exact: set[int] | None) -> bool:
        """Whether an FTS5 hit stays (see `_page_of`)."""
        if match is None:
            return True
        if exact is not None and search_languages.sql_group(row["language"]) is not None:
            return row["id"] in exact
        return bool(search_index.matches_stems(row["title"], row["_text"], _checked(match, typed, row["language"]),
                                               row["language"]))

    def _with_snippets(self, query: str, rows: list[dict[str, Any]], titles: bool = True) -> list[dict[str, Any]]:
        """Snippets for one page only, cut in Python from the page's texts; `titles`: each title
        with its matches marked too, in `title_marked`.

        FTS5's snippet() re-runs the whole MATCH to find 20 rows (11 ms for a common word on
        20k articles, measured); reading 20 bodies and marking the query's terms costs < 1 ms.
        """
        if not rows:
            return rows
        texts: dict[int, str] = {r["id"]: r.pop("_text") for r in rows if "_text" in r}
        if len(texts) < len(rows):
            texts = dict(self.conn.execute(f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(rows))})",
                                           [r["id"] for r in rows]).fetchall())
        terms = terms_pattern(" ".join([_with_forms(query, [*texts.values(), *(r.get("title") or "" for r in rows)]),
                                         *self._language_forms(query, rows, texts)]))
        for r in rows:
            r["snippet"] = marked_snippet(texts.get(r["id"]) or "", terms)
            if titles:
                r["title_marked"] = mark_terms(r.get("title") or "", terms)
        return rows


def _typed_words(query: str) -> list[str]:
    """The words of a query outside quotes, lower-cased: no prefix*, column name or operator."""
    return [m.group(2).lower() for m in _QUERY_WORD.finditer(query)
            if m.group(2) and not m.group(3) and not m.group(4) and m.group(2) not in _OPERATORS]


def _checked(match: str, typed: str | None, language: str | None) -> str:
    """The query an FTS5 hit is checked for (matches_stems): in English as widened for porter, in
    another language as typed (the English words a prefix may cut into are no French words)."""
    return typed if typed is not None and search_languages.sql_group(language) is not None else match


def _best(scored: dict[int, float], more: list[Any], top: int) -> list[int]:
    """The `top` best ids of two engines' (id, bm25) hits (lower is better), an id at its best score."""
    best = dict(scored)
    for ident, score in more:
        best[ident] = min(score, best.get(ident, float("inf")))
    return sorted(best, key=lambda ident: (best[ident], -ident))[:top]


RESULTS = ("result", "results")


def total_label(total: int, exact: bool, nouns: tuple[str, str] = RESULTS) -> str:
    """desk_search_total's (n, exact) as the search page, /api/search's `total_label` and
    `newsdesk search` say it alike; `nouns`: what is counted, one and many (the quote, event,
    entity and story lists count theirs)."""
    noun = nouns[0] if total == 1 and exact else nouns[1]
    return f"{total:,} {noun}" if exact else f"at least {total:,} {noun}"


def past_the_end(page: int, total: tuple[int, bool] | None, limit: int, nouns: tuple[str, str] = RESULTS
                 ) -> str | None:
    """'Nothing on page 51: the 4 results end on page 1', as the search page, `newsdesk search` and
    /api/search (its `past_the_end`) say it, and the other numbered lists of their own items;
    None when the page is not past the last one."""
    if page <= 1 or not total or not total[0]:
        return None
    last = last_page(total, limit)
    if last is None or page <= last:
        return None
    return f"Nothing on page {page}: the {total_label(*total, nouns)} end on page {last}"


def leave_out_example(query: str, read_as: list[str]) -> str:
    """How to write, in the syntax, the query reread as plain words (search_syntax.reread_as_words),
    as the search page and `newsdesk search` suggest it: 'iran -vote' -> 'iran NOT vote'. A query
    that begins with what it leaves out ('NOT iran', '-iran') was told 'NOT NOT iran' or 'iran NOT
    word', the opposite of what was meant: it needs a word to find first ('word NOT iran')."""
    words = [w for w in read_as if w not in _OPERATORS] or ["word"]
    if query.lstrip().startswith(("-", "NOT ")):
        return f"word NOT {words[0]}"
    return f"{words[0]} NOT {words[-1] if len(words) > 1 else 'word'}"


def bracketed(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The hits with their snippets' matches in [brackets], for a terminal: the desk marks them with
    control characters (snippets.MARK_OPEN, MARK_CLOSE)."""
    for hit in hits:
        hit["snippet"] = (hit.get("snippet") or "").replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]")
    return hits


def search_row(ident: int, key: str | None, item: str, text: str | None) -> dict[str, Any]:
    """A listing row (as `listing_rows` reads one from articles, same keys in the same order) from a
    desk_search row: its fields are the stored API item's, `date` being the sort key."""
    d = orjson.loads(item)
    return {"id": ident, "key": key, "url": d["url"], "canonical_url": d["canonical_url"],
            "site_name": d["site_name"], "title": d["title"], "authors": d["authors"], "categories": d["categories"],
            "published": d["published"], "updated": d["updated"], "language": d["language"], "excerpt": d["excerpt"],
            "image": d["image"], "sort_key": d["date"], "_text": text}


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


# A query's words outside quotes: the word, a prefix's star, a column name's colon.
_QUERY_WORD = re.compile(r'"[^"]*"|(\^?)(\w+)(\*)?(:)?')
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_FORM = re.compile(r"\w{1,40}")


def _with_cut_words(query: str) -> str:
    """The FTS5 query with each prefix* that ends inside a word's ending widened by the words
    whose stems it cuts into: FTS5 holds stems (migration 034), so 'electi*' found no 'election'
    (stem 'elect') until a word of that stem came along: '("electi"* OR "electing")'; each
    word or phrase with the words of its lemma that porter does not join to it ('said' ->
    '("said" OR "say")', 'he said' -> '("he said" OR "he say")'; irregular_forms), as the search
    index holds them. A query the desk's syntax does not read (FTS5 may: NEAR, ^) is left as written."""
    try:
        node = parse(query, _fts5_words)
    except ParseError:
        return query
    widened = fts5_query(node, _prefix_words, _other_phrases)
    return widened if widened != fts5_query(node, lambda prefix: []) else query


def _word_forms(match: str) -> list[list[str]] | None:
    """Each word of an FTS5 query (as `_with_cut_words` writes it) as the FTS5 phrases of its forms,
    for `_as_one_word`: '("said" OR "say") AND "envoy"' -> [['"said"', '"say"'], ['"envoy"']]; None
    when no word has two forms or the query is not words ANDed (OR, NOT, a column: bm25 as FTS5 has it)."""
    if " OR " not in match or ":" in match:
        return None
    try:
        node = parse(match, _fts5_words)
    except ParseError:
        return None
    words = node.children if isinstance(node, Op) and node.kind == "and" else (node,)
    forms: list[list[str]] = []
    for word in words:
        if isinstance(word, Term):
            forms.append([fts5_query(word, _no_words)])
        elif word.kind == "or" and word.children and all(isinstance(c, Term) for c in word.children):
            forms.append([fts5_query(c, _no_words) for c in word.children])
        else:
            return None
    return forms if any(len(word) > 1 for word in forms) else None


def _no_words(prefix: str) -> list[str]:
    return []


def _prefix_words(prefix: str) -> list[str]:
    """The words a prefix* is widened by: those whose stems it cuts into, and the words of the
    irregular families it begins ('sai*': 'say'; irregular_forms.prefix_words), as the index does."""
    return list(dict.fromkeys([*search_index.cut_words(prefix).values(), *irregular_forms.prefix_words(prefix)]))


def _other_phrases(words: list[str]) -> list[str]:
    return irregular_forms.phrase_forms(words)[1:]


def _fts5_words(text: str) -> list[str]:
    """Words as FTS5's unicode61 cuts them, lower-cased (FTS5 folds case and accents itself)."""
    return re.findall(r"\w+", text.lower())


def _with_forms(query: str, texts: list[str]) -> str:
    """The query followed by the other forms of its words that these texts hold ('treaty' of
    'treaties', '"peace treaty"' of '"peace treaties"'): search matched them by stem, and the
    snippet marks what matched. A typed prefix* is marked as typed, with the words of the irregular
    families it begins ('sai*': 'say' and its forms) that it does not."""
    words: list[str] = []
    phrases: list[list[str]] = []
    widened: list[str] = []
    for m in _QUERY_WORD.finditer(query):
        if m.group().startswith('"'):
            phrases.append(re.findall(r"\w+", m.group().lower()))
        elif m.group(3) and not m.group(4):
            widened += irregular_forms.prefix_words(m.group(2))
        elif not m.group(4) and m.group(2) not in _OPERATORS:
            words.append(m.group(2).lower())
    words += widened
    forms = _forms_in({*words, *(w for p in phrases for w in p)}, texts)
    extra = [*dict.fromkeys(widened), *sorted({f for w in words for f in forms.get(search_index.stem(w), ())})]
    for phrase in phrases:  # each of its words or one of its forms (irregular_forms.MAX_PHRASE_FORMS phrases)
        choices = [[w, *sorted(forms.get(search_index.stem(w), set()) - {w})] for w in phrase]
        extra += [f'"{p}"' for p in irregular_forms.phrase_variants(choices)[1:]]
    return " ".join([query, *extra]) if extra else query


def _forms_in(words: set[str], texts: list[str]) -> dict[str, set[str]]:
    """{stem: the words of these texts (lower-cased) with the stem of one of `words`}, looked for
    where the stem begins (from one letter less where it ends in an i that was a y: 'treati' of
    'treaty'), in lower case or capitalised (lower-casing every body first was half the cost).
    A text holding the word as written is not read for its forms: its snippet centres on the
    word, and forms that other texts hold are marked in it too (~0.2 ms less a search)."""
    forms: dict[str, set[str]] = {}
    for w in words:
        word_stem = search_index.stem(w)
        irregular = irregular_forms.family(w)  # 'say' of 'said', 'went' of 'go': not begun by the root
        # the stems looked for: the word's, and its family's ('says' holds 'say', the lemma of 'said')
        stems = [(s, r) for s, r in dict.fromkeys(_stem_root(x) for x in (w, *irregular)) if len(r) >= 3]
        if not stems and not irregular:
            continue
        for text in texts:
            if not search_index.written(w, text):
                found = forms.setdefault(word_stem, set())
                for each_stem, root in stems:
                    found.update(_forms_of(each_stem, root, text))
                found.update(f for f in irregular if search_index.written(f, text))
    return forms


def _stem_root(word: str) -> tuple[str, str]:
    """A word's stem, and the letters its forms begin with (the stem, less an i that was a y)."""
    word_stem = search_index.stem(word)
    return word_stem, word_stem[:-1] if word_stem.endswith("i") and len(word_stem) > 3 else word_stem


def _forms_of(word_stem: str, root: str, text: str) -> Iterator[str]:
    """The words of the text (lower-cased) that begin with `root`, in lower case or capitalised,
    and have the stem `word_stem`."""
    for case in (root, root.capitalize()):
        at = text.find(case)
        while at >= 0:
            if not (at and text[at - 1].isalnum()):
                word = _FORM.match(text, at).group().lower()  # type: ignore[union-attr]  # case is \w+
                if search_index.stem(word) == word_stem:
                    yield word
            at = text.find(case, at + 1)


def _search_hint(query: str) -> str:
    return (f"cannot read the search {query[:80]!r}: use words, a \"quoted phrase\", a prefix* or"
            " AND / OR / NOT between words")
