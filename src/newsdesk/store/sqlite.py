"""Opening the database: WAL mode, versioned migrations applied on open.

Migrations are `migrations/NNN_name.sql`, applied in number order inside one transaction
each. The `schema_migrations` table records each one applied by name, so a migration that
arrives with a lower number than one already applied (stages are built in parallel) is still
applied; `PRAGMA user_version` mirrors the highest number. A database that has applied a
migration this code does not know is newer than it, and is refused rather than guessed at.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Self

from newsdesk.errors import StoreError


def utcnow() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: BEGIN IMMEDIATE (the write lock taken at once, so two writers wait on
    busy_timeout rather than fail on upgrading a read lock), COMMIT when the block ends (by return,
    break or continue too), ROLLBACK and re-raise on any exception, KeyboardInterrupt included (a
    half-written input must not ride along with the next commit), and on a COMMIT that fails (a
    deferred constraint, a busy lock), which leaves the transaction open."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def migration_files() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) of every migration shipped, in order: what `migrate` applies (tests
    build a store as an older release left it from the first few)."""
    found = []
    for entry in resources.files("newsdesk.store").joinpath("migrations").iterdir():
        m = re.match(r"(\d+)_.*\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """A connection with our settings. Readers open with readonly=True (query_only)."""
    try:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}; check the path and permissions") from exc
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    from newsdesk.store.search_languages import register_sql  # the language search's stemmers (search_fts_langs)

    register_sql(conn)
    if readonly:
        conn.execute("PRAGMA query_only = ON")
    return conn


# Migrations that were once on main and were taken out again. A database that applied one is not
# "newer than this newsdesk": what it added is unused and harmless, so it opens as usual.
# 020_story_embeddings.sql: a story_articles.embedding column for a pair feature that was dropped.
RETIRED_MIGRATIONS = frozenset({"020_story_embeddings.sql"})


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations; return the schema version (the highest number applied)."""
    migrations = migration_files()
    applied = _applied(conn, migrations)
    unknown = applied - {name for _, name, _ in migrations} - RETIRED_MIGRATIONS
    version, latest = conn.execute("PRAGMA user_version").fetchone()[0], migrations[-1][0] if migrations else 0
    if version > latest:
        raise StoreError(f"database schema version {version} is newer than this newsdesk ({latest}); upgrade newsdesk")
    if unknown:
        raise StoreError(f"database has migrations this newsdesk does not know ({', '.join(sorted(unknown))});"
                         " upgrade newsdesk")
    for number, name, sql in migrations:
        if name in applied:
            continue
        try:
            with immediate(conn):
                # Another process opening the same store (a second desk worker, an ingest) may have
                # applied it between our reading the list and taking the write lock.
                if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                    continue
                for statement in split_statements(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)", (name, utcnow()))
                version = max(number, conn.execute("PRAGMA user_version").fetchone()[0])
                conn.execute(f"PRAGMA user_version = {version}")
        except sqlite3.Error as exc:
            raise StoreError(f"migration {name} failed: {exc}") from exc
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _applied(conn: sqlite3.Connection, migrations: list[tuple[int, str, str]]) -> set[str]:
    """Names of the migrations already applied (creating the record table on first open)."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone()
    if exists:
        return {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = migrations[-1][0] if migrations else 0
    if version > latest:
        raise StoreError(f"database schema version {version} is newer than this newsdesk ({latest}); upgrade newsdesk")
    # IF NOT EXISTS / OR IGNORE: another process may be creating it at the same moment.
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    # A database from before this table existed applied every migration up to its user_version.
    done = [(name, utcnow()) for number, name, _ in migrations if number <= version]
    conn.executemany("INSERT OR IGNORE INTO schema_migrations(name, applied_at) VALUES (?, ?)", done)
    return {name for name, _ in done}


def split_statements(sql: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement keeps triggers whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if not buf and line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _switch_to_wal(conn: sqlite3.Connection, wait: float = 30.0) -> None:
    """Put the database in WAL mode, waiting out other processes doing the same.

    Switching a new database to WAL takes an exclusive lock, and SQLite answers "database is
    locked" at once when another connection holds one, without calling the busy handler (four
    processes opening a fresh store together failed this way about one time in six). So we retry
    here for as long as busy_timeout would have waited.
    """
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


class Database:
    """A database handle: one connection, migrated on open. `newsdesk.store.Store` adds reads and writes."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly and not Path(path).is_file():
            raise StoreError(f"no database at {path}; create it with `newsdesk ingest SOURCE --db {path}`")
        self.conn = connect(path, readonly=readonly)
        if not readonly:
            try:
                _switch_to_wal(self.conn)
                self.conn.execute("PRAGMA synchronous = NORMAL")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open database {path}: {exc}") from exc
            self.version = migrate(self.conn)
        else:
            self.version = self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
