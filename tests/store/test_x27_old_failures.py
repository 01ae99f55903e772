"""Failures stored before record_failure cleaned them (8269714) are listed clean: `stats --failures`
(text and JSON) and the desk's failures list read them through one cleaning, with no migration."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import open_store

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What an old store holds: the reason and detail as a server sent them (a C1 CSI, an ESC clearing
# the screen, a carriage return rewriting the line, an RLO override).
OLD = [("https://news.example/a", "fetch", "unsupported content: application/x\x9b2J-bin",
        "server said \x1b[2J\rhello \u202egpj.exe"),
       ("https://news.example/b", "fetch", "unsupported content: application/x\x1b2J-bin", "")]


def _old_store(db: str) -> None:
    with open_store(db) as store:
        store.record_failure("https://news.example/c", "fetch", "timeout", "slow")  # a clean, new row
        # Rows written by a version before 8269714, which stored them as given.
        store.conn.executemany("INSERT INTO failures(input, stage, reason, detail, at)"
                               " VALUES (?, ?, ?, ?, '2026-01-01T00:00:00+00:00')", OLD)
        store.conn.commit()


def _clean(text: str) -> bool:
    return not _CONTROL.search(text) and not _BIDI.search(text)


def test_old_failures_are_listed_without_their_controls(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    _old_store(db)
    runner = CliRunner()
    shown = runner.invoke(main, ["stats", "--db", db, "--failures"], catch_exceptions=False, color=True).stdout
    assert _clean(shown), repr(shown)
    assert "server said [2J hello gpj.exe" in shown  # the words are kept, only the controls go
    data = json.loads(runner.invoke(main, ["stats", "--db", db, "--failures", "--json"],
                                    catch_exceptions=False).stdout)
    assert all(_clean(f["reason"] + (f["detail"] or "")) for f in data["failure_list"]), data["failure_list"]
    # The two old reasons clean to the same words and are counted as one.
    assert data["failure_reasons"] == {"fetch: unsupported content: application/x2J-bin": 2, "fetch: timeout": 1}
    assert {f["input"] for f in data["failure_list"]} == {"https://news.example/a", "https://news.example/b",
                                                          "https://news.example/c"}


def test_the_desk_lists_old_failures_clean(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    _old_store(db)
    with open_store(db) as store:
        rows = store.failures_page(limit=10)
        stored = store.conn.execute("SELECT detail FROM failures WHERE input = ?", (OLD[0][0],)).fetchone()[0]
    assert len(rows) == 3 and all(_clean(r["reason"] + (r["detail"] or "")) for r in rows), rows
    assert stored == OLD[0][3]  # read clean, not rewritten: no migration
