"""Shared fixtures for the sources tests: a loopback server and fast, permissive settings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for loopback.py

from loopback import loopback  # noqa: E402,F401 - registers the fixture
from newsdesk.settings import Settings  # noqa: E402


@pytest.fixture
def settings() -> Settings:
    """Loopback tests must allow private addresses; no politeness delay unless a test sets one."""
    return Settings().replace(allow_private=True, request_delay=0.0, connect_timeout=2.0, read_timeout=2.0)
