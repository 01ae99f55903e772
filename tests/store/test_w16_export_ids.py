"""The store's ids read as integers in every export (session 19, W16): JSONL gave `"id": "253"` where
CSV, Parquet, the API and GDELT's NDArticleId give 253 (a DuckDB join of the JSONL with the Parquet
file needed a cast), and Parquet's `duplicate_of`, int64 with nulls, read as float64 in pandas.
Real SQLite store, the real export, read back with pandas and DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import open_store
from newsdesk.store.export import INT_COLUMNS, export

TEXT = "Iran's foreign minister met envoys in Muscat about the nuclear talks on Tuesday morning."
EVENT = {"cameo": "040", "root": "04", "quad_class": 1, "goldstein": 1.0, "sentence": "Iran's foreign minister met envoys",
         "source": {"text": "Iran", "code": "IRN", "country": "IRN"},
         "target": {"text": "envoys", "code": "OMN", "country": "OMN"}, "start": 0, "end": 30}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One text stored by two sites (the second a duplicate of the first) and one other article;
    every format exported to a file."""
    tmp = tmp_path_factory.mktemp("w16_export")
    with open_store(tmp / "n.db") as store:
        for n, (site, text) in enumerate((("Gulf Wire", TEXT), ("Harbour Post", TEXT),
                                          ("Gulf Wire", "The harbour master counted forty ferries in the storm."))):
            url = f"https://{site.split()[0].lower()}.example/{n}"
            article = Article(url=url, site_name=site, language="en", text=text, paragraphs=(text,),
                              title=f"{text[:30]} ({n})", published="2026-11-03T10:00:00+00:00")
            _, article_id = store.store_page(RawPage(body=f"{url}\n{text}".encode(), origin=url, url=url), article)
            store.after_store_stories(article_id, store.get_article(article_id))
            if n == 0:
                store.after_store_events(article_id, Article(language="en", published="2026-11-03", events=(EVENT,)))
        store.conn.commit()
    out = {}
    with open_store(tmp / "n.db", readonly=True) as store:
        for fmt, ext in (("jsonl", "jsonl"), ("csv", "csv"), ("parquet", "parquet"), ("gdelt-events", "tsv"),
                         ("gdelt-mentions", "tsv"), ("gdelt-gkg", "tsv")):
            out[fmt] = tmp / f"a.{fmt}.{ext}"
            export(store, fmt, str(out[fmt]))
    return out


def test_jsonl_ids_are_integers_as_in_csv_and_parquet(files: dict[str, Path]) -> None:
    records = [json.loads(line) for line in files["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3
    assert any(r["duplicate_of"] is not None for r in records)  # the fixture holds a duplicate
    for r in records:
        for column in INT_COLUMNS:
            assert r[column] is None or type(r[column]) is int, (column, r[column])
    parquet = pd.read_parquet(files["parquet"])
    assert sorted(r["id"] for r in records) == sorted(parquet["id"].tolist())


def test_pandas_reads_every_parquet_id_as_an_integer(files: dict[str, Path]) -> None:
    frame = pd.read_parquet(files["parquet"])
    for column in INT_COLUMNS:
        assert pd.api.types.is_integer_dtype(frame[column]), (column, frame[column].dtype)
    dup = frame["duplicate_of"]
    assert dup.isna().sum() == 2 and dup.dropna().tolist()[0] in frame["id"].tolist()
    # the other columns keep the types they had
    assert str(frame["published"].dtype).startswith("datetime64") and frame["title"].map(type).eq(str).all()


def test_pandas_reads_jsonl_and_csv_ids_as_integers(files: dict[str, Path]) -> None:
    """JSON and CSV have no column types: a column with nulls needs pandas' nullable dtypes (README)."""
    for frame in (pd.read_json(files["jsonl"], lines=True, dtype_backend="numpy_nullable"),
                  pd.read_csv(files["csv"], dtype_backend="numpy_nullable")):
        for column in INT_COLUMNS:
            assert pd.api.types.is_integer_dtype(frame[column]), (column, frame[column].dtype)
    plain = pd.read_json(files["jsonl"], lines=True)
    assert plain["id"].dtype == "int64" and plain["story_id"].dtype == "int64"


def test_duckdb_joins_jsonl_parquet_csv_and_gdelt_without_a_cast(files: dict[str, Path]) -> None:
    con = duckdb.connect()
    readers = {"jsonl": f"read_json_auto('{files['jsonl']}')", "parquet": f"read_parquet('{files['parquet']}')",
               "csv": f"read_csv('{files['csv']}')"}
    for name, reader in readers.items():
        types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {reader})").fetchall())
        for column in INT_COLUMNS:
            assert types[column] == "BIGINT", (name, column, types[column])
    joined = con.execute(f"SELECT count(*) FROM {readers['jsonl']} j JOIN {readers['parquet']} p ON j.id = p.id"
                         f" AND j.duplicate_of IS NOT DISTINCT FROM p.duplicate_of AND j.story_id = p.story_id"
                         ).fetchone()
    assert joined == (3,)
    for fmt in ("gdelt-events", "gdelt-mentions", "gdelt-gkg"):
        types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM"
                                 f" read_csv('{files[fmt]}', delim='\t'))").fetchall())
        assert types["NDArticleId"] == "BIGINT", (fmt, types["NDArticleId"])
        frame = pd.read_csv(files[fmt], sep="\t")
        assert len(frame) >= 1 and pd.api.types.is_integer_dtype(frame["NDArticleId"]), fmt
    on_events = con.execute(f"SELECT count(*) FROM {readers['jsonl']} j JOIN read_csv('{files['gdelt-events']}',"
                            f" delim='\t') e ON e.NDArticleId = j.id").fetchone()
    assert on_events == (1,)
