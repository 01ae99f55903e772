"""Web fixtures: one corpus store and one server per session, shared by the HTTP and browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .desk_fixtures import build_corpus_store, running_server
from .hostile import HOSTILE_HTML, hostile_article


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> tuple[Path, dict[str, int]]:
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    ids = build_corpus_store(db, shared_dir, HOSTILE_HTML, hostile_article())
    return db, ids


@pytest.fixture(scope="session")
def base_url(corpus_store: tuple[Path, dict[str, int]]) -> Iterator[str]:
    with running_server(corpus_store[0]) as url:
        yield url


@pytest.fixture(scope="session")
def ids(corpus_store: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return corpus_store[1]
