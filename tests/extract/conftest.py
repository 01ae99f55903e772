"""Fixtures of the extraction tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture(scope="session")
def cc_excerpt_db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the corpus's Common Crawl excerpt, ingested once with no stage after extraction;
    the tests only read it."""
    from newsdesk.cli import main

    warc = shared_dir / "corpus" / "warc" / "cc-main-2020-34-excerpt.resiliparse.warc.gz"
    db = tmp_path_factory.mktemp("cc") / "n.db"
    CliRunner().invoke(main, ["ingest", "--db", str(db), "--stages", "", str(warc)], catch_exceptions=False)
    return db


@pytest.fixture(scope="session")
def cc_excerpt_refused(cc_excerpt_db: Path) -> dict[str, str]:
    """The excerpt's pages refused as no article, URL -> reason, as the desk's /not-articles lists them."""
    from newsdesk.store.rejected import not_article_pages

    conn = sqlite3.connect(cc_excerpt_db)
    conn.row_factory = sqlite3.Row
    try:
        return {p["input"]: p["reason"] for p in not_article_pages(conn, limit=100)}
    finally:
        conn.close()
