"""Stored events (who did what to whom) and their queries."""

from __future__ import annotations

import sqlite3


class EventStore:
    conn: sqlite3.Connection
