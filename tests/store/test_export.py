"""Exports read back with their own readers: JSONL with json, CSV with csv, Parquet with pyarrow."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsdesk.records import Article, RawPage
from newsdesk.store import open_store
from newsdesk.store.export import export, with_int_ids

ARTICLES = (
    Article(title="Ferries", text="Ferries ran late.", url="https://example.org/ferries", paragraphs=("Ferries ran late.",),
            authors=("Ana Ruiz", "Bo Li"), categories=("News", "World"), tags=("sea",), language="en",
            published="2026-02-11T09:30:00+02:00", updated="2026-02-12"),
    Article(title="Trains", text="Trains ran early.", url="https://example.org/trains", paragraphs=("Trains ran early.",),
            published="sometime last week", updated="9999-12-31T23:00:00-05:00"),  # past year 9999 in UTC
)


def _store(path: Path) -> list[int]:
    with open_store(path) as store:
        return [store.store_page(RawPage(body=a.text.encode(), origin=a.url or ""), a)[1] for a in ARTICLES]


def test_parquet_columns_are_typed_and_round_trip(tmp_path: Path) -> None:
    ids = _store(tmp_path / "n.db")
    with open_store(tmp_path / "n.db", readonly=True) as store:
        assert export(store, "parquet", str(tmp_path / "a.parquet")) == 2
        export(store, "jsonl", str(tmp_path / "a.jsonl"))
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.schema.field("id").type == pa.int64()
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("authors").type == pa.list_(pa.string())
    rows = {r["title"]: r for r in table.to_pylist()}
    ferries, trains = rows["Ferries"], rows["Trains"]
    assert sorted(r["id"] for r in rows.values()) == sorted(ids)
    assert ferries["authors"] == ["Ana Ruiz", "Bo Li"] and ferries["categories"] == ["News", "World"]
    assert ferries["published"] == datetime(2026, 2, 11, 7, 30, tzinfo=UTC)  # the offset applied
    assert ferries["updated"] == datetime(2026, 2, 12, tzinfo=UTC)  # a bare date: midnight UTC
    assert trains["published"] is None and trains["authors"] == [] and trains["duplicate_of"] is None
    assert trains["updated"] is None
    # The same articles as the JSONL export, value for value once typed alike.
    for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        row = rows[record["title"]]
        assert row["id"] == int(record["id"]) and row["url"] == record["url"] and row["text"] == record["text"]
        assert row["tags"] == record["tags"] and row["language"] == record["language"]


def test_empty_store_gives_a_parquet_file_with_the_schema(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        assert export(store, "parquet", str(tmp_path / "e.parquet")) == 0
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 0 and table.schema.field("story_id").type == pa.int64()


def test_csv_keeps_lists_joined(tmp_path: Path) -> None:
    _store(tmp_path / "n.db")
    with open_store(tmp_path / "n.db", readonly=True) as store:
        export(store, "csv", str(tmp_path / "a.csv"))
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as fh:
        rows = {r["title"]: r for r in csv.DictReader(fh)}
    assert rows["Ferries"]["authors"] == "Ana Ruiz; Bo Li" and rows["Ferries"]["published"] == "2026-02-11T09:30:00+02:00"


def test_jsonl_lines_read_back_into_the_same_articles(tmp_path: Path) -> None:
    _store(tmp_path / "n.db")
    with open_store(tmp_path / "n.db", readonly=True) as store:
        assert export(store, "jsonl", str(tmp_path / "a.jsonl")) == 2
        stored = {a.title: a for a in store.iter_articles()}
    for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        # the analyze contract, with the store's ids as integers (as CSV, Parquet and the API give them)
        assert record == with_int_ids(stored[record["title"]].to_dict())
        assert Article.from_dict(record).to_dict() == record
