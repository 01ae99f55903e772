"""Stored duplicates and stories."""

from __future__ import annotations

import sqlite3


class StoryStore:
    conn: sqlite3.Connection
