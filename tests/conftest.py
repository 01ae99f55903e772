"""Shared fixtures. `../shared` (seed, corpus, benchmark sets) is read in place, never copied."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Shared test helpers (loopback.py, desk_server.py) live in tests/ and are imported by name.
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not laid out beside the repository")
    return SHARED
