"""Stored entities and quotes: canonical entities across articles, aliases, roles, mentions."""

from __future__ import annotations

import sqlite3


class EntityStore:
    conn: sqlite3.Connection
