"""Reading a saved feed file again is recorded, even when none of its entries changed: the sources
list showed the last read that stored something (real SQLite store, the CLI through click's runner)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main

from .saved_feed import SAVED_FEED


def _ingest(db: Path, source: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--stages", "extract", "--json", str(source)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def _read_at(db: Path, source: Path) -> datetime:
    listing = CliRunner().invoke(main, ["sources", "--db", str(db), "--json"], catch_exceptions=False)
    (row,) = [s for s in json.loads(listing.output) if s["url"] == str(source)]
    assert row["file"] is True and row["last_fetch_at"] is None
    return datetime.fromisoformat(row["last_read_at"])


def test_a_reread_that_stores_nothing_still_moves_the_files_read_time(tmp_path: Path) -> None:
    saved, db = tmp_path / "harbour.rss", tmp_path / "n.db"
    saved.write_text(SAVED_FEED)
    assert _ingest(db, saved)["new"] == 2
    first = _read_at(db, saved)
    time.sleep(1.1)  # stored times are to the second
    before = datetime.now(UTC).replace(microsecond=0)
    assert _ingest(db, saved)["unchanged"] == 2  # nothing stored: every entry is an input already done
    again = _read_at(db, saved)
    assert again > first and before <= again <= datetime.now(UTC)
