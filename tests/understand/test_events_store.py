"""Stored events: the after-store hook, queries, GDELT exports (pandas, DuckDB) and the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from events_helpers import ARTICLES, store_events

from newsdesk.store import Store
from newsdesk.store.gdelt_export import EVENT_COLUMNS, MENTION_COLUMNS, write_gdelt


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return store_events(tmp_path_factory.mktemp("events") / "events.db")


def test_hook_stores_every_event_with_offsets(store: Store) -> None:
    rows = store.events(limit=100)
    assert rows and all(r["sentence"] for r in rows)
    texts = dict(store.conn.execute("SELECT id, text FROM articles").fetchall())
    for r in rows:
        assert texts[r["article_id"]][r["start"]:r["end"]] == r["sentence"]
    assert {r["day"] for r in rows} <= {p[:10] for p, _ in ARTICLES}


def test_hook_replaces_rather_than_appends(store: Store) -> None:
    article_id = store.conn.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
    before = store.events(article_id=article_id)
    assert before
    store.after_store_events(article_id, _article(store, article_id))
    assert len(store.events(article_id=article_id)) == len(before)


def _article(store: Store, article_id: int):  # noqa: ANN202
    from newsdesk.records import Article
    from newsdesk.understand.events import EventCoder

    text, published = store.conn.execute("SELECT text, published FROM articles WHERE id = ?", (article_id,)).fetchone()
    return EventCoder().code(Article(text=text, published=published, language="en"))


def test_queries_by_actor_pair_code_place_and_time(store: Store) -> None:
    pair = store.events(pair=("USA", "IRN"))
    assert pair and all({r["source_country"], r["target_country"]} == {"USA", "IRN"} for r in pair)
    ordered = store.events(pair=("IRN", "USA"), ordered=True)
    assert ordered and all(r["source_country"] == "IRN" for r in ordered)
    assert all(r["cameo"].startswith("04") for r in store.events(code="04"))
    assert store.events(code="04", place="OMN")
    assert store.events(actor="ISRGOV") and all("ISR" in (r["source_code"] or "") + (r["target_code"] or "")
                                                  for r in store.events(actor="ISRGOV"))
    assert not store.events(since="2026-03-01")
    assert all(r["day"] <= "2026-02-04" for r in store.events(until="2026-02-04"))
    timeline = store.event_timeline("USA", "IRN")
    assert len(timeline) >= 3 and timeline == sorted(timeline, key=lambda t: t["day"])
    assert sum(t["cooperation"] for t in timeline) >= 1 and sum(t["conflict"] for t in timeline) >= 1


def test_gdelt_exports_load_in_pandas_and_duckdb(store: Store, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    n_events = len(store.events(limit=5000))
    for fmt, columns in (("gdelt-events", EVENT_COLUMNS), ("gdelt-mentions", MENTION_COLUMNS),
                         ("gdelt-gkg", None)):
        path = tmp_path / f"{fmt}.tsv"
        n = write_gdelt(store, fmt, str(path))
        frame = pd.read_csv(path, sep="\t")
        duck = duckdb.connect().execute(f"SELECT * FROM read_csv('{path}', delim='\t', header=true)").fetchdf()
        assert len(frame) == len(duck) == n
        if columns:
            assert n == n_events
            assert list(frame.columns[: len(columns)]) == list(columns)
            assert list(frame.columns[len(columns):]) == ["NDArticleId", "NDSentenceStart", "NDSentenceEnd",
                                                          "NDSentence"]
    events = pd.read_csv(tmp_path / "gdelt-events.tsv", sep="\t", dtype={"EventCode": str, "EventRootCode": str})
    assert len(EVENT_COLUMNS) == 61
    oman = events[events.ActionGeo_FullName == "Oman"]
    assert not oman.empty and set(oman.ActionGeo_CountryCode) == {"MU"}  # GDELT's FIPS code
    assert set(events.EventRootCode) >= {"04"} and events.SQLDATE.min() == 20260202
    gkg = pd.read_csv(tmp_path / "gdelt-gkg.tsv", sep="\t")
    assert gkg.V2Tone.str.count(",").min() == 6 and gkg.Persons.notna().any()


def test_gdelt_rows_survive_quotes_and_tabs(tmp_path: Path) -> None:
    store = store_events(tmp_path / "q.db", [("2026-01-01T00:00:00+00:00",
                                               'Russia rejected the "peace plan"\tput forward by Ukraine.')])
    path = tmp_path / "e.tsv"
    write_gdelt(store, "gdelt-events", str(path))
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    assert all(len(r) == 65 for r in rows)


def test_events_command(store: Store) -> None:
    from newsdesk.understand.event_commands import events

    result = CliRunner().invoke(events, ["--db", store.path, "--pair", "USA-IRN", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all({r["source_country"], r["target_country"]} == {"USA", "IRN"} for r in rows)
    text = CliRunner().invoke(events, ["--db", store.path, "--code", "04"])
    assert text.exit_code == 0 and "in Oman" in text.output
    bad = CliRunner().invoke(events, ["--db", store.path, "--pair", "USA"])
    assert bad.exit_code == 2


def test_an_undated_articles_events_take_the_day_it_was_first_seen_as_stored(tmp_path: Path) -> None:
    """The day is the stored first_seen's own date: an evening in New York stays that evening's day,
    not the next day in UTC (julianday would give), so a reprocess dates the events as at ingest."""
    from newsdesk.records import Article
    from newsdesk.understand.events import EventCoder

    store = store_events(tmp_path / "undated.db", ARTICLES[:1])
    article_id = store.conn.execute("SELECT id FROM articles").fetchone()[0]
    store.conn.execute("UPDATE articles SET first_seen = '2026-01-05T23:30:00-05:00' WHERE id = ?", (article_id,))
    undated = EventCoder().code(Article(text=ARTICLES[0][1], language="en"))
    assert undated.events
    store.after_store_events(article_id, undated)
    assert {r["day"] for r in store.events(article_id=article_id)} == {"2026-01-05"}
