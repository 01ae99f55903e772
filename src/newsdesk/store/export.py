"""Exports of stored articles: JSONL (the analyze contract, with the store's ids as integers), CSV
(flat text columns) and Parquet (the same columns, typed: ids as integers, nullable ones read by
pandas as Int64, dates as UTC timestamps, lists as lists of strings).

GDELT-style formats are written by `newsdesk.store.gdelt_export` when that module is present.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from typing import IO, Any

from newsdesk.errors import ConfigError
from newsdesk.records import Article
from newsdesk.store.queries import Queries
from newsdesk.understand.coverage import EVENTS

FLAT_COLUMNS = ("id", "url", "canonical_url", "site_name", "title", "authors", "published", "updated",
                "categories", "tags", "language", "excerpt", "image", "text", "duplicate_of", "story_id")
FORMATS = ("jsonl", "csv", "parquet", "gdelt-events", "gdelt-mentions", "gdelt-gkg")


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """One row: lists joined with '; ' so spreadsheets and GDELT-style tools read them."""
    return {c: ("; ".join(record[c]) if isinstance(record.get(c), list) else record.get(c)) for c in FLAT_COLUMNS}


@contextmanager
def open_text(output: str | IO[str]) -> Iterator[IO[str]]:
    """The text stream an export writes to: a stream the caller passed (left open), stdout for "-",
    or the file the name gives, UTF-8 with no newline translation (csv writes its own line ends)."""
    if not isinstance(output, str):  # a stream the caller owns
        yield output
    elif output == "-":
        yield sys.stdout
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            yield fh


def coded(article: Article) -> Article:
    """The article as exported: no events where today's event coder codes none (coverage.EVENTS), as
    the event listing and the GDELT exports read the store (store/events.CODED)."""
    return article if article.language in EVENTS or not article.events else article.replace(events=())


def export(store: Queries, fmt: str, output: str | IO[Any] = "-") -> int:
    """Write `fmt` to the file `output` names ("-": stdout) or to a stream: text for every format
    but parquet, which takes a binary one (it is written a row group at a time, so never whole)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt.startswith("gdelt-"):
        from newsdesk.store.gdelt_export import write_gdelt

        return int(write_gdelt(store, fmt, output))
    records = (with_int_ids(coded(a).to_dict()) for a in store.iter_articles())
    if fmt == "parquet":
        return _parquet(records, output)
    n = 0
    with open_text(output) as out:
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


# Parquet column kinds; the other FLAT_COLUMNS are strings. INT_COLUMNS are the store's ids.
INT_COLUMNS = ("id", "duplicate_of", "story_id")
TIME_COLUMNS = ("published", "updated")
LIST_COLUMNS = ("authors", "categories", "tags")
# Rows per Parquet row group: a few MB of text each, so a large store is never held whole.
PARQUET_BATCH = 1000


def parquet_schema() -> Any:
    import pyarrow as pa

    def kind(column: str) -> Any:
        if column in INT_COLUMNS:
            return pa.int64()
        if column in TIME_COLUMNS:
            return pa.timestamp("us", tz="UTC")
        if column in LIST_COLUMNS:
            return pa.list_(pa.string())
        return pa.string()
    return pa.schema([(c, kind(c)) for c in FLAT_COLUMNS], metadata={b"pandas": _pandas_metadata()})


def _as_int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None


def with_int_ids(record: dict[str, Any]) -> dict[str, Any]:
    """The record with its store ids (INT_COLUMNS) as integers, as CSV, Parquet, the API and GDELT's
    NDArticleId give them: the analyze contract's ids are strings (an input's own id), and a DuckDB
    join of the JSONL with the Parquet file needed a cast."""
    return record | {c: _as_int(record.get(c)) for c in INT_COLUMNS}


def _pandas_metadata() -> bytes:
    """pandas' schema metadata for the nullable id columns: pyarrow's int64 with nulls reads as
    float64 in pandas (`duplicate_of` 253 became 253.0), as its nullable Int64 with this. Only
    those columns are described; pandas reads the others from the Arrow types as before."""
    columns = [{"name": c, "field_name": c, "pandas_type": "int64", "numpy_type": "Int64", "metadata": None}
               for c in INT_COLUMNS]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns,
                       "creator": {"library": "newsdesk"}, "pandas_version": "2.2.0"}).encode()


def as_utc(value: Any) -> datetime | None:
    """An ISO 8601 date or time as UTC; a bare date is midnight UTC; anything else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value)
        return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: year 9999 west of UTC, year 1 east of it
        return None


def typed(record: dict[str, Any]) -> dict[str, Any]:
    """One Parquet row of FLAT_COLUMNS with the value types of `parquet_schema`."""
    row: dict[str, Any] = {}
    for c in FLAT_COLUMNS:
        value = record.get(c)
        if c in INT_COLUMNS:
            row[c] = _as_int(value)
        elif c in TIME_COLUMNS:
            row[c] = as_utc(value)
        elif c in LIST_COLUMNS:
            row[c] = [str(v) for v in value] if isinstance(value, list | tuple) else []
        else:
            row[c] = value
    return row


def _parquet(records: Iterable[dict[str, Any]], output: str | IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if output == "-":
        if sys.stdout.isatty():  # a pipe takes it (the desk's /api/export reads one)
            raise ConfigError("parquet needs a file or a pipe: use --output FILE.parquet")
        output = sys.stdout.buffer
    schema = parquet_schema()
    rows = iter(records)
    n = 0
    with pq.ParquetWriter(output, schema, compression="zstd") as writer:
        while batch := [typed(r) for r in islice(rows, PARQUET_BATCH)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
