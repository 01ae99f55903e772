"""FTS5's search of the articles in other languages than English, in their own language.

FTS5 answers while the search index is missing or behind (store/desk_search.py). Its articles_fts
stems every article with English porter: on the corpus store 'française' found 15 of the 44
French pages holding 'français', 'française' or 'françaises', and German 'Sicherheit' 3 of 7.
Migration 036's articles_fts_langs holds those articles again, as their stems in their language
tagged with it, and as their words unstemmed (search_languages); this module writes a desk query
for that table, each word as its stem in each language (or the one a filter asks), a prefix* as
a prefix of the words as written. The desk merges its hits with articles_fts's by bm25.

The table is kept from a queue (migration 039): its triggers are plain SQL, so the store opens
and edits in any SQLite program, and newsdesk writes the rows of the articles they queued where
it has its stemmers (`drain`: after its own writes, in their transaction; `catch_up`: before a
search reads the table, so an edit made in the sqlite3 shell is found once newsdesk runs again).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time

from newsdesk.errors import StoreError
from newsdesk.store import irregular_forms
from newsdesk.store import search_languages as langs
from newsdesk.store.search_syntax import Node, Op, ParseError, parse, plain_words
from newsdesk.store.sqlite import connect, immediate

log = logging.getLogger(__name__)
TABLE = "articles_fts_langs"
QUEUE = "articles_fts_langs_queue"
# How long (ms) a search's catch-up waits for another writer before it leaves the queue as it is:
# newsdesk's writers drain it in their own transactions, and a search should not stall behind them.
CATCH_UP_WAIT_MS = 1000
# After a catch-up that could not take the lock, searches of that store answer at once for this many
# seconds (a shell user may keep a transaction open for minutes: each search would wait a second).
CATCH_UP_PAUSE_S = 10.0
_failed: dict[str, float] = {}  # store path -> when a search last could not drain its queue
# bm25 weights of title, text, title_words, text_words: the title 5x, as articles_fts ranks.
BM25 = f"bm25({TABLE}, 5.0, 1.0, 5.0, 1.0)"
# Every group the table may hold (not English's: English articles are not in it).
GROUPS = tuple(g for g in langs.GROUPS if g != langs.ENGLISH)
_STEMS = {None: "{title text}", "title": "title", "body": "text"}
_WORDS = {None: "{title_words text_words}", "title": "title_words", "body": "text_words"}


def _words(text: str) -> list[str]:
    """Words as the index cuts and folds them (search_languages.analyzer, no stemmer)."""
    return [str(t) for t in langs.analyzer(None).analyze(text)]


def langs_match(query: str, language: str | None = None) -> str | None:
    """The FTS5 query over articles_fts_langs of a desk query (as plain words when the syntax does
    not read it); None when it has no word, or a language filter asks for English articles only."""
    groups = GROUPS if not language else tuple(g for g in GROUPS if g == langs.group_of(language))
    if not groups:
        return None
    try:
        node: Node | None = parse(query, _words)
    except ParseError:
        node = plain_words(query, _words)
    return None if node is None else _written(node, groups)


def _written(node: Node, groups: tuple[str, ...]) -> str:
    if isinstance(node, Op):
        if not node.children:
            return '""'  # a phrase of punctuation: nothing matches, as in articles_fts
        joined = f" {node.kind.upper()} ".join(_written(c, groups) for c in node.children)
        return f"({joined})" if len(node.children) > 1 else joined
    if node.prefix and len(node.terms) > 1:  # "phrase prefix"*: stems, then a prefix of a stem, as the index asks
        phrases = dict.fromkeys('"' + " ".join([*(langs.tagged(langs.stem_in(w, g), g) for w in node.terms[:-1]),
                                                langs.tagged(node.terms[-1], g)]) + '"*' for g in groups)
        return f"{_STEMS[node.field]} : ({' OR '.join(phrases)})"
    if node.prefix:  # a prefix of the words as written, and the irregular English families it begins
        alternatives = [f'"{node.terms[0]}"*', *(f'"{w}"' for w in irregular_forms.prefix_words(node.terms[0]))]
        return f"{_WORDS[node.field]} : ({' OR '.join(alternatives)})"
    return f"{_STEMS[node.field]} : ({' OR '.join(_phrases(node.terms, groups))})"


def _phrases(terms: tuple[str, ...], groups: tuple[str, ...]) -> list[str]:
    """A word or phrase as its stems in each language (a word with the English words of its lemma
    the stemmer does not join to it, as the index asks them: irregular_forms)."""
    words = list(terms)
    forms = irregular_forms.phrase_forms(words) if len(words) > 1 else [words[0], *irregular_forms.family(words[0])]
    return list(dict.fromkeys('"' + " ".join(langs.tagged(langs.stem_in(w, g), g) for w in form.split()) + '"'
                              for g in groups for form in forms))


def present(conn: sqlite3.Connection) -> bool:
    """Whether the store has the table (a store opened read-only before migration 036 has not),
    brought up to date first (`catch_up`): every search that reads the table asks this before."""
    catch_up(conn)
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone() is not None


def _queued(conn: sqlite3.Connection) -> bool:
    """Whether an article waits in the queue (False in a store from before migration 039)."""
    try:
        return conn.execute(f"SELECT 1 FROM {QUEUE} LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError as exc:
        if f"no such table: {QUEUE}" in str(exc):
            return False
        raise


def drain(conn: sqlite3.Connection) -> None:
    """Write the queued articles' rows again, inside the caller's write transaction: each one's
    old row out, its new one in when its language is not English (search_languages.sql_group), then
    the queue emptied. Writers call it before COMMIT, so newsdesk's own writes leave no queue."""
    if not _queued(conn):
        return
    conn.execute(f"DELETE FROM {TABLE} WHERE rowid IN (SELECT article_id FROM {QUEUE})")
    conn.execute(f"INSERT INTO {TABLE}(rowid, title, text, title_words, text_words)"
                 " SELECT id, newsdesk_lang_stems(title, language), newsdesk_lang_stems(text, language),"
                 "        newsdesk_lang_words(title), newsdesk_lang_words(text)"
                 f" FROM articles WHERE id IN (SELECT article_id FROM {QUEUE})"
                 " AND newsdesk_lang_group(language) IS NOT NULL")
    conn.execute(f"DELETE FROM {QUEUE}")


def catch_up(conn: sqlite3.Connection) -> None:
    """Drain the queue before a search reads the table, which another program's writes (the
    sqlite3 shell's) left behind. A read-only connection (query_only: the desk's, `newsdesk
    search`'s) drains through a writable connection of its own; a store it cannot write (a
    read-only file, a writer holding the lock past CATCH_UP_WAIT_MS) is searched as it stands."""
    if not _queued(conn):
        return
    if not conn.execute("PRAGMA query_only").fetchone()[0]:
        if conn.in_transaction:  # a writer mid-write: its COMMIT takes the rows with its own
            drain(conn)
        else:
            _drained(conn)
        return
    path = next((str(r[2] or "") for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if not path or time.monotonic() - _failed.get(path, -CATCH_UP_PAUSE_S) < CATCH_UP_PAUSE_S:
        return
    try:
        with contextlib.closing(connect(path)) as writer:
            writer.execute(f"PRAGMA busy_timeout = {CATCH_UP_WAIT_MS}")
            _drained(writer)
        _failed.pop(path, None)
    except (sqlite3.OperationalError, StoreError) as exc:  # locked, busy or read-only: a later search tries again
        if path not in _failed:
            log.warning("%s: cannot bring %s up to date (%s); articles edited outside newsdesk may be"
                        " missed by search until newsdesk writes to the store", path, TABLE, exc)
        _failed[path] = time.monotonic()


def _drained(conn: sqlite3.Connection) -> None:
    """`drain` in a transaction of its own."""
    with immediate(conn):
        drain(conn)


def hits(conn: sqlite3.Connection, sql: str, args: tuple[object, ...]) -> list[sqlite3.Row]:
    """The rows of a query over the table; none from a store opened read-only before migration 036."""
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        if f"no such table: {TABLE}" in str(exc):
            return []
        raise


def quote_langs_match(words: list[list[str]], conn: sqlite3.Connection) -> str | None:
    """Quote search's words (each a choice of forms, as written) over articles_fts_langs: the
    articles in another language than English holding each word in theirs; None when the store
    has no such table (opened read-only before migration 036)."""
    if not present(conn):
        return None
    query = " AND ".join("(" + " OR ".join('"' + form.replace('"', "") + '"' for form in word) + ")" for word in words)
    return langs_match(query)
