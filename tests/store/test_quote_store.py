"""Stored quotes keep their anatomy (migration 031), and a store made before 031 still opens and serves.

The old store is made the honest way round: a store written by this code, its quote columns of
031 dropped and the migration un-recorded, then checked to have exactly the quotes table that the
migrations before 031 build.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.store.sqlite import migration_files, split_statements
from newsdesk.store.writes import _VOLATILE

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import annotate, store_texts  # noqa: E402

ANATOMY = ("pieces", "cue_start", "cue_end", "speaker_start", "speaker_end")
TEXTS = [
    "“We will not negotiate,” Iran's foreign minister Abbas Araghchi said on Monday in Muscat. "
    "“Our missiles are not on the table, and they never will be.”",
    "Hillary Clinton said on Tuesday that she would win the state by a wide margin in November.",
]


def _columns(conn: sqlite3.Connection) -> list[tuple]:
    return [tuple(r)[1:] for r in conn.execute("PRAGMA table_info(quotes)")]


def _schema_before_031(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    for number, _, sql in migration_files():
        if number < 31:
            for statement in split_statements(sql):
                conn.execute(statement)
    columns = _columns(conn)
    conn.close()
    return columns


def _make_old(db: Path) -> None:
    """Take the store back to before migration 031, as a desk of the last release left it: no
    anatomy columns, and records (with their content hashes) whose quotes lack the new fields."""
    conn = sqlite3.connect(db)
    # nor migration 040's speaker as written (A9): it came later still
    conn.executescript("DROP TABLE quotes_speaker_fts; DROP TRIGGER quotes_speaker_fts_insert;"
                       " DROP TRIGGER quotes_speaker_fts_delete; DROP TRIGGER quotes_speaker_fts_update;"
                       " ALTER TABLE quotes DROP COLUMN speaker_written;"
                       " DELETE FROM schema_migrations WHERE name LIKE '040_%';")
    for column in ANATOMY:
        conn.execute(f"ALTER TABLE quotes DROP COLUMN {column}")
    for article_id, data in conn.execute("SELECT id, data FROM articles").fetchall():
        record = json.loads(data)
        record["quotes"] = [{k: v for k, v in q.items() if k not in ANATOMY} for q in record.get("quotes") or []]
        hashed = {k: v for k, v in record.items() if k not in _VOLATILE}
        digest = hashlib.sha256(json.dumps(hashed, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        conn.execute("UPDATE articles SET data = ?, content_hash = ? WHERE id = ?",
                     (json.dumps(record, ensure_ascii=False), digest, article_id))
    conn.execute("DELETE FROM schema_migrations WHERE name = '031_quote_anatomy.sql'")
    conn.execute("PRAGMA user_version = 30")
    conn.commit()
    conn.close()


@pytest.fixture
def old_db(tmp_path: Path) -> tuple[Path, list[int]]:
    db = tmp_path / "desk.db"
    store, ids = store_texts(db, TEXTS)
    store.close()
    _make_old(db)
    conn = sqlite3.connect(db)
    assert _columns(conn) == _schema_before_031(tmp_path / "reference.db")
    conn.close()
    return db, ids


def test_quotes_are_stored_and_read_with_their_anatomy(tmp_path: Path) -> None:
    store, ids = store_texts(tmp_path / "desk.db", TEXTS[:1])
    (_, quotes) = store.article_annotations(ids[0])
    article = store.get_article(ids[0])
    q = quotes[0]
    assert [article.text[a:b] for a, b in q["pieces"]] == [
        "We will not negotiate", "Our missiles are not on the table, and they never will be."]
    assert article.text[q["cue_start"]:q["cue_end"]] == "said"
    assert article.text[q["speaker_start"]:q["speaker_end"]] == "Abbas Araghchi"
    found = store.search_quotes(speaker="Araghchi")
    assert found and found[0]["pieces"] == q["pieces"] and found[0]["cue_end"] == q["cue_end"]
    store.close()


def test_a_store_from_before_031_opens_read_only_and_reads_old_quotes_as_one_piece(old_db) -> None:  # type: ignore[no-untyped-def]
    db, ids = old_db
    with open_store(db, readonly=True) as store:  # read-only: not migrated
        _, quotes = store.article_annotations(ids[0])
        assert quotes and all(q["pieces"] == [[q["start"], q["end"]]] for q in quotes)
        assert all(q[c] is None for q in quotes for c in ANATOMY[1:])
        assert store.search_quotes(about="missiles")[0]["pieces"]


def test_a_store_from_before_031_migrates_serves_and_is_filled_on_the_next_store(old_db) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.web.app import create_app

    db, ids = old_db
    store = open_store(db)  # migrates to 031: old rows keep NULLs
    assert {c[0] for c in _columns(store.conn)} >= set(ANATOMY)
    _, quotes = store.article_annotations(ids[0])
    assert quotes[0]["pieces"] == [[quotes[0]["start"], quotes[0]["end"]]] and quotes[0]["cue_start"] is None
    client = TestClient(create_app(db, Settings(db=str(db))))
    page = client.get(f"/entities/in/{ids[0]}")
    assert page.status_code == 200 and f'id="q{quotes[0]["id"]}"' in page.text
    api = client.get("/api/quotes", params={"about": "missiles"}).json()["quotes"]
    assert api and api[0]["pieces"] == [[api[0]["start"], api[0]["end"]]] and api[0]["speaker_start"] is None
    record = client.get(f"/api/articles/{ids[0]}").json()
    assert record["quotes"] and all("pieces" in q and "cue_start" in q for q in record["quotes"])

    article = annotate(TEXTS[0])  # the article stored again (as `newsdesk reprocess` does)
    store.after_store_entities(ids[0], article)
    _, quotes = store.article_annotations(ids[0])
    assert len(quotes[0]["pieces"]) == 2 and quotes[0]["cue_start"] is not None
    assert client.get("/api/quotes", params={"about": "missiles"}).json()["quotes"][0]["speaker_start"] is not None
    store.close()


def test_reprocess_fills_the_anatomy_of_old_quotes(tmp_path: Path, shared_dir: Path) -> None:
    from click.testing import CliRunner

    from newsdesk.cli import main

    db = tmp_path / "seed.db"
    seed = shared_dir / "seed" / "seed.txt"
    run = CliRunner().invoke
    assert run(main, ["ingest", str(seed), "--db", str(db), "--stages", "understand", "-q"]).exit_code == 0
    with open_store(db, readonly=True) as store:
        before = store.search_quotes()
    _make_old(db)
    with open_store(db) as store:
        assert all(q["cue_start"] is None and len(q["pieces"]) == 1 for q in store.search_quotes())
    result = run(main, ["reprocess", "--db", str(db), "--stages", "understand", "-q"], catch_exceptions=False)
    assert result.exit_code == 0
    with open_store(db, readonly=True) as store:
        quotes = store.search_quotes()
        text = store.get_article(quotes[0]["article_id"]).text
    assert len(quotes) == len(before) >= 3
    assert [(q["pieces"], q["cue_start"], q["speaker_start"]) for q in quotes] == [
        (q["pieces"], q["cue_start"], q["speaker_start"]) for q in before]
    assert all(q["cue_start"] is not None and q["speaker_start"] is not None for q in quotes)
    assert all(text[q["cue_start"]:q["cue_end"]].endswith(q["cue"].split()[-1]) for q in quotes)
