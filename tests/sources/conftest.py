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


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test here that would open a connection beyond this machine."""
    import ipaddress
    import socket

    real = socket.create_connection

    def guarded(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert ipaddress.ip_address(address[0]).is_loopback, f"test tried to reach {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
