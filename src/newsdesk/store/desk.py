"""Queries the web desk needs beyond the basics: categories, sources, authors, per-day counts."""

from __future__ import annotations

import sqlite3


class DeskQueries:
    conn: sqlite3.Connection
