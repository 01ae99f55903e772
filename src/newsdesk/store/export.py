"""Exports of stored articles: JSONL (the analyze contract), CSV and Parquet (flat columns).

GDELT-style formats are written by `newsdesk.store.gdelt_export` when that module is present.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from newsdesk.errors import ConfigError
from newsdesk.store.queries import Queries

FLAT_COLUMNS = ("id", "url", "canonical_url", "site_name", "title", "authors", "published", "updated",
                "categories", "tags", "language", "excerpt", "image", "text", "duplicate_of", "story_id")
FORMATS = ("jsonl", "csv", "parquet", "gdelt-events", "gdelt-mentions", "gdelt-gkg")


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """One row: lists joined with '; ' so spreadsheets and GDELT-style tools read them."""
    return {c: ("; ".join(record[c]) if isinstance(record.get(c), list) else record.get(c)) for c in FLAT_COLUMNS}


@contextmanager
def _open_text(output: str) -> Iterator[IO[str]]:
    if output == "-":
        yield sys.stdout
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            yield fh


def export(store: Queries, fmt: str, output: str = "-") -> int:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt.startswith("gdelt-"):
        from newsdesk.store.gdelt_export import write_gdelt

        return int(write_gdelt(store, fmt, output))
    records = (a.to_dict() for a in store.iter_articles())
    if fmt == "parquet":
        return _parquet(records, output)
    n = 0
    with _open_text(output) as out:
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        for record in records:
            if writer:
                writer.writerow(flat(record))
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def _parquet(records: Iterator[dict[str, Any]], output: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if output == "-":
        raise ConfigError("parquet needs a file: use --output FILE.parquet")
    rows = [flat(r) for r in records]
    columns = {c: [r[c] for r in rows] for c in FLAT_COLUMNS}
    table = pa.table({c: pa.array(v, type=pa.string()) for c, v in columns.items()})
    pq.write_table(table, output, compression="zstd")
    return len(rows)
