"""store.sqlite.immediate: the one write transaction every store writer opens (session 18, R6)."""

import sqlite3

import pytest

from newsdesk.store.sqlite import connect, immediate


@pytest.fixture
def db(tmp_path):
    """A store-like file (WAL, our connection settings) with a parent and a child table whose
    foreign key is checked only at COMMIT."""
    path = tmp_path / "t.db"
    conn = connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE child (id INTEGER PRIMARY KEY,"
                 " parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")
    yield path, conn
    conn.close()


def _rows(path, table: str) -> list[int]:
    """The ids another connection sees: what was committed to the file."""
    other = sqlite3.connect(path)
    try:
        return [r[0] for r in other.execute(f"SELECT id FROM {table} ORDER BY id")]
    finally:
        other.close()


def test_a_block_that_ends_commits_its_writes(db):
    path, conn = db
    with immediate(conn):
        conn.execute("INSERT INTO parent(id) VALUES (1)")
        assert conn.in_transaction and _rows(path, "parent") == []  # not visible before the end
    assert not conn.in_transaction
    assert _rows(path, "parent") == [1]


def test_an_exception_rolls_back_and_is_raised_again(db):
    path, conn = db
    with pytest.raises(ValueError, match="half-way"), immediate(conn):
        conn.execute("INSERT INTO parent(id) VALUES (1)")
        raise ValueError("half-way")
    assert not conn.in_transaction
    assert _rows(path, "parent") == []
    with immediate(conn):  # the connection is free for the next transaction
        conn.execute("INSERT INTO parent(id) VALUES (2)")
    assert _rows(path, "parent") == [2]


def test_an_interrupt_rolls_back_too(db):
    path, conn = db
    with pytest.raises(KeyboardInterrupt), immediate(conn):
        conn.execute("INSERT INTO parent(id) VALUES (1)")
        raise KeyboardInterrupt
    assert not conn.in_transaction and _rows(path, "parent") == []


def test_a_commit_that_fails_rolls_back(db):
    """A deferred foreign key fails at COMMIT, which leaves the transaction open: the block's
    writes must go, not stay pending for the connection's next transaction to commit."""
    path, conn = db
    with pytest.raises(sqlite3.IntegrityError), immediate(conn):
        conn.execute("INSERT INTO parent(id) VALUES (1)")
        conn.execute("INSERT INTO child(id, parent_id) VALUES (1, 99)")
    assert not conn.in_transaction
    with immediate(conn):
        conn.execute("INSERT INTO parent(id) VALUES (2)")
    assert _rows(path, "parent") == [2] and _rows(path, "child") == []


def test_leaving_a_loop_body_by_continue_commits(db):
    """migrate() leaves its block by `continue` when another process applied the migration."""
    path, conn = db
    for i in (1, 2):
        with immediate(conn):
            conn.execute("INSERT INTO parent(id) VALUES (?)", (i,))
            if i == 1:
                continue
    assert not conn.in_transaction and _rows(path, "parent") == [1, 2]


def test_the_write_lock_is_taken_at_the_start(db):
    """BEGIN IMMEDIATE, not a deferred BEGIN: a second writer waits from the first statement on,
    even before the block has written anything."""
    path, conn = db
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with immediate(conn), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the block has ended
        other.execute("ROLLBACK")
    finally:
        other.close()
