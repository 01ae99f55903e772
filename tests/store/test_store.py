import sqlite3

import pytest

from newsdesk.errors import QueryError, StoreError
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store


def page(body: bytes, origin: str = "a.html") -> RawPage:
    return RawPage(body=body, origin=origin)


def art(title: str, text: str, url: str = "https://example.org/a") -> Article:
    return Article(title=title, text=text, url=url, paragraphs=(text,))


def test_opens_in_wal_mode_with_schema(tmp_path):
    with open_store(tmp_path / "n.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.version >= 1
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "raw_pages", "sources", "failures", "fetch_log", "inputs", "articles_fts"} <= tables


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "n.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_a_migration_numbered_below_an_applied_one_is_still_applied(tmp_path):
    path = tmp_path / "n.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    first = conn.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
    conn.execute("DELETE FROM schema_migrations WHERE name = '001_initial.sql'")
    conn.execute("CREATE TABLE probe (x)")
    conn.commit()
    conn.close()
    # 001 is recorded as missing: re-applying it fails on its existing tables, loudly, not silently skipped
    with pytest.raises(StoreError, match="001_initial.sql"):
        open_store(path)
    assert first and all(name.endswith(".sql") for (name,) in first)


def _record_applied(path, name: str) -> None:
    """Mark a migration as applied to the store at `path`, as another newsdesk would have."""
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations(name, applied_at) VALUES (?, 'now')", (name,))
    conn.commit()
    conn.close()


def test_unknown_applied_migration_means_a_newer_database(tmp_path):
    path = tmp_path / "n.db"
    open_store(path).close()
    _record_applied(path, "999_future.sql")
    with pytest.raises(StoreError, match="999_future.sql"):
        open_store(path)


def test_same_input_twice_stores_nothing_new(tmp_path):
    with open_store(tmp_path / "n.db") as store:
        assert store.store_page(page(b"<p>x</p>"), art("T", "Body one."))[0] == "new"
        assert store.store_page(page(b"<p>x</p>"), art("T", "Body one."))[0] == "unchanged"
        assert store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
        assert store.conn.execute("SELECT COUNT(*) FROM raw_pages").fetchone()[0] == 1


def test_changed_article_updates_in_place_and_keeps_first_seen(tmp_path):
    with open_store(tmp_path / "n.db") as store:
        _, first_id = store.store_page(page(b"v1"), art("Old title", "Old body about ferries."))
        store.conn.execute("UPDATE articles SET first_seen = '2020-01-01T00:00:00+00:00'")
        outcome, second_id = store.store_page(page(b"v2"), art("New title", "New body about trains."))
        assert (outcome, second_id) == ("updated", first_id)
        row = store.conn.execute("SELECT title, first_seen FROM articles").fetchone()
        assert row["title"] == "New title" and row["first_seen"] == "2020-01-01T00:00:00+00:00"
        # the full-text index follows the update
        assert [h["id"] for h in store.search("trains")] == [first_id]
        assert store.search("ferries") == []


def test_search_phrase_prefix_and_malformed_queries(tmp_path):
    with open_store(tmp_path / "n.db") as store:
        store.store_page(page(b"1"), art("Iran talks", "Diplomats met in Oman for indirect talks.", "https://x/1"))
        store.store_page(page(b"2"), art("Drones", "The Commission launched a drone strategy.", "https://x/2"))
        assert [h["title"] for h in store.search('"indirect talks"')] == ["Iran talks"]
        assert [h["title"] for h in store.search("dron*")] == ["Drones"]
        assert "[" in store.search("Oman")[0]["snippet"]
        # FTS5 syntax errors are re-read as plain words, never a database error
        assert [h["title"] for h in store.search('Oman"')] == ["Iran talks"]
        with pytest.raises(QueryError):
            store.search("   ")
        with pytest.raises(QueryError):
            store.search('"(*')


def test_failures_are_stored_once_with_reason(tmp_path):
    with open_store(tmp_path / "n.db") as store:
        raw = page(b"\x00\x01binary", "bad.html")
        store.record_failure("bad.html", "decode", "binary content", "", raw)
        store.record_failure("bad.html", "decode", "binary content", "", raw)
        assert store.failure_counts() == {"decode: binary content": 1}
        assert store.input_done("bad.html", raw.sha256)
        assert store.raw_page(1).body == raw.body  # kept for reprocess


def test_deleting_an_article_keeps_its_input_recorded(tmp_path):
    """Deleting an article used to fail on the inputs table's reference to it (no ON DELETE)."""
    with open_store(tmp_path / "n.db") as store:
        _, article_id = store.store_page(page(b"<p>x</p>"), art("T", "Body one."))
        linked = store.conn.execute("SELECT COUNT(*) FROM inputs WHERE article_id = ?", (article_id,)).fetchone()[0]
        assert linked == 1
        store.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        assert store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
        rows = store.conn.execute("SELECT article_id FROM inputs").fetchall()
        assert [r[0] for r in rows] == [None]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def _open_after(path: str, barrier) -> str:
    barrier.wait()
    try:
        open_store(path).close()
    except Exception as exc:  # reported to the parent, which fails the test with it
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_processes_opening_a_new_store_at_once_apply_each_migration_once(tmp_path):
    """Two desk workers (or a worker and an ingest) may migrate the same store at the same moment."""
    import multiprocessing

    path = str(tmp_path / "n.db")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(4)
        with ctx.Pool(4) as pool:
            outcomes = pool.starmap(_open_after, [(path, barrier)] * 4)
    assert outcomes == ["ok"] * 4
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM schema_migrations")]
    assert len(names) == len(set(names)) and "030_inputs_forget_deleted_articles.sql" in names


def test_a_retired_migration_applied_earlier_does_not_block_opening(tmp_path):
    """A store that applied a migration later taken out of newsdesk still opens (an unknown one
    does not: test_unknown_applied_migration_means_a_newer_database)."""
    path = tmp_path / "n.db"
    open_store(path).close()
    _record_applied(path, "020_story_embeddings.sql")
    with open_store(path) as store:
        assert store.version >= 30
