"""S21: the store is a plain SQLite file. Migration 036's triggers called newsdesk's Python functions,
so the sqlite3 shell failed on any insert into articles and any edit of a title ("no such function:
newsdesk_lang_group"). Now an edit made there is found by newsdesk's next search, in English and in
French, through either engine, from a read-only store (as `newsdesk search` and the desk open it)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import open_store
from newsdesk.store import search_fts_langs as fl
from newsdesk.store import search_index as si
from newsdesk.store.desk import Filters
from plain_sqlite import (
    ARTICLES,
    QUERIES,
    build_store,
    edit_in_shell,
    expected,
    needs_shell,
    query_forms_hold,
    shell,
)

pytestmark = needs_shell


def _found(db: Path) -> dict[str, set[int]]:
    """Each query's hits among articles in its language, from a store opened read-only."""
    with open_store(db, readonly=True) as store:
        return {q: {r["id"] for r in store.desk_search(q, Filters(language=lang), limit=50)}
                for q, (lang, _) in QUERIES.items()}


@pytest.fixture()
def edited(tmp_path: Path) -> Iterator[tuple[Path, dict[str, int], int]]:
    query_forms_hold()
    db = tmp_path / "desk.db"
    ids = build_store(db)
    si.forget_readers()
    yield db, ids, edit_in_shell(db, ids)
    si.forget_readers()


def test_the_shell_edits_and_fts5_finds_the_edits(edited: tuple[Path, dict[str, int], int]) -> None:
    db, ids, new = edited
    assert _found(db) == expected(ids, new)


def test_the_index_finds_the_shells_edits_it_has_not_caught_up_with(tmp_path: Path) -> None:
    """The index synced before the edits: they are its pending articles, searched with FTS5."""
    query_forms_hold()
    db = tmp_path / "desk.db"
    ids = build_store(db)
    with open_store(db) as store:
        si.sync_search_index(store)
    si.forget_readers()
    try:
        new = edit_in_shell(db, ids)
        with open_store(db, readonly=True) as store:
            assert si.reader_for(si.db_path_of(store.conn)) is not None
        assert _found(db) == expected(ids, new)
    finally:
        si.forget_readers()


def test_newsdesk_search_finds_the_shells_edits(edited: tuple[Path, dict[str, int], int]) -> None:
    db, ids, new = edited
    want = expected(ids, new)
    for query, (language, _) in QUERIES.items():
        run = CliRunner().invoke(main, ["search", query, "--db", str(db), "--language", language, "--json"],
                                 catch_exceptions=False)
        assert run.exit_code == 0, run.output
        assert {h["id"] for h in json.loads(run.stdout)["items"]} == want[query], query


def test_no_trigger_or_view_calls_a_function_of_newsdesk(edited: tuple[Path, dict[str, int], int]) -> None:
    """Every function newsdesk registers on its connections is named newsdesk_*: none may be
    called by the schema, which every program runs."""
    db = edited[0]
    with sqlite3.connect(db) as conn:
        calling = conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
                               " AND sql LIKE '%newsdesk\\_%' ESCAPE '\\'").fetchall()
    assert calling == []


def test_newsdesks_own_writes_leave_no_queue(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    ids = build_store(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute(f"SELECT count(*) FROM {fl.QUEUE}").fetchone()[0] == 0
        rows = {r[0] for r in conn.execute(f"SELECT rowid FROM {fl.TABLE}")}
    assert rows == {ids[k] for k, (language, _, _) in ARTICLES.items() if language != "en"}


def test_a_search_while_another_program_holds_the_write_lock_answers(
        edited: tuple[Path, dict[str, int], int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The catch-up waits CATCH_UP_WAIT_MS for the lock, then the search answers from the table as
    it stands; later searches answer at once for CATCH_UP_PAUSE_S, then find the edits once the
    lock is free."""
    db, ids, new = edited
    monkeypatch.setattr(fl, "CATCH_UP_PAUSE_S", 1.0)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store(db, readonly=True) as store:
            started = time.monotonic()
            assert store.desk_search("apiculteur", Filters(language="fr"))  # answers, untouched article
            waited = time.monotonic() - started
            assert store.desk_search("manifestation", Filters(language="fr")) == []  # not drained yet
            assert time.monotonic() - started - waited < fl.CATCH_UP_WAIT_MS / 1000  # no second wait
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    time.sleep(fl.CATCH_UP_PAUSE_S)
    assert _found(db) == expected(ids, new)


def test_the_migration_keeps_the_index_and_drops_the_python_triggers(tmp_path: Path) -> None:
    """A store as migration 036 left it (its triggers put back as that file wrote them) opens with
    this newsdesk: migration 039 replaces the triggers, keeps every row of the table, and the
    shell's edits are found."""
    db = tmp_path / "desk.db"
    ids = build_store(db)
    old = resources.files("newsdesk.store").joinpath("migrations", "036_fts_languages.sql").read_text("utf-8")
    triggers = old[old.index("CREATE TRIGGER"):]
    with sqlite3.connect(db, isolation_level=None) as conn:
        conn.executescript("BEGIN; DROP TRIGGER articles_fts_langs_insert; DROP TRIGGER articles_fts_langs_update;"
                           f" DROP TRIGGER articles_fts_langs_delete; DROP TABLE {fl.QUEUE};"
                           " DELETE FROM schema_migrations WHERE name LIKE '039_%';"
                           f" {triggers} COMMIT;")
        before = conn.execute(f"SELECT rowid, * FROM {fl.TABLE} ORDER BY rowid").fetchall()
    assert "no such function: newsdesk_lang_" in shell(db, "UPDATE articles SET title = 'x' WHERE id = 1;").stderr
    with open_store(db) as store:
        after = store.conn.execute(f"SELECT rowid, * FROM {fl.TABLE} ORDER BY rowid").fetchall()
    assert [tuple(r) for r in after] == before and len(before) == 3
    assert _found(db) == expected(ids, -1) | {"manifestation": set(), "inondation": set(), "lighthouses": set(),
                                              "cormoran": {ids["cormorans"]}, "vendange": {ids["vendanges"]}}
    new = edit_in_shell(db, ids)
    assert _found(db) == expected(ids, new)

