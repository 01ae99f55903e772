"""Listing cards rendered ahead of time into `desk_cards` (migrations/012_desk_cards.sql).

A listing page shows 30 cards; rendering them in Python was about half of an uncached
`/?before=` page's CPU (cProfile, 100k-article bench store). A stored card is the card's HTML
with a placeholder for its relative time (fragments.card_template), so a page only fills in
30 times. Triggers drop an article's card on any write to it; the desk renders missing cards
per request and stores them in the background (`fill_cards`, run by the index keeper at
start-up and for the cards pages found missing, and by `newsdesk index`).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path

from newsdesk.store.desk import LISTING_COLUMNS
from newsdesk.store.queries import listing_rows
from newsdesk.store.sqlite import immediate
from newsdesk.web import fragments, render

# Cards from other rendering code are ignored: the version is a checksum of the source of the
# modules that write a card, so any change to them renders every card again.
CARD_VERSION = zlib.crc32(Path(fragments.__file__).read_bytes() + Path(render.__file__).read_bytes()) & 0x7FFFFFFF
# Cards rendered and stored per write transaction: ~2,000 cards take ~50 ms of rendering, short
# enough that an ingest waiting for the write lock hardly notices.
FILL_BATCH = 2000


def fill_cards(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> int:
    """Store the current card of every article (or of these) that lacks one; how many were stored.

    Reading the rows and writing their cards happen in one write transaction, so no other
    writer can change an article between the two (its trigger would otherwise drop a card we
    then store from the old row)."""
    wanted = sorted(set(ids)) if ids is not None else None
    total = 0
    while wanted is None or wanted:
        batch, wanted = (None, None) if wanted is None else (wanted[:FILL_BATCH], wanted[FILL_BATCH:])
        stored = _fill_batch(conn, batch)
        total += stored
        if batch is None and stored < FILL_BATCH:
            break
    return total


def _fill_batch(conn: sqlite3.Connection, ids: list[int] | None) -> int:
    chosen = f" AND l.id IN ({','.join('?' * len(ids))})" if ids else ""
    sql = (f"SELECT {LISTING_COLUMNS} FROM desk_listing l WHERE NOT EXISTS (SELECT 1 FROM desk_cards c"
           f" WHERE c.id = l.id AND c.version = ?){chosen} LIMIT ?")
    with immediate(conn):
        rows = listing_rows(conn, sql, (CARD_VERSION, *(ids or ()), FILL_BATCH))
        conn.executemany("INSERT OR REPLACE INTO desk_cards(id, version, html) VALUES (?, ?, ?)",
                         [(r["id"], CARD_VERSION, fragments.card_template(r)) for r in rows])
    return len(rows)
