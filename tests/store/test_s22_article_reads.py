"""A store says what it actually read (S22): each article's record of what the understand stages did
(store/reads.py, migration 041). A store annotated before French was read holds no French names; its
French article must say "not read yet; run `newsdesk reprocess --stale`", on the API, the article pages
and /stats, and read after that reprocess. Events an older code coded in French are neither listed nor
exported, and that reprocess drops them.

Real SQLite stores written by the real `newsdesk ingest` and `reprocess` commands; the store is taken
back to before migration 041 (its table dropped, the migration unrecorded) as a store annotated at
485eeea is, and opened again, so the migration itself fills the record; served by uvicorn on a
loopback port."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, get_json, serve_desk
from newsdesk.cli import main
from newsdesk.records import Article
from newsdesk.store import open_store
from newsdesk.store.export import export

FRENCH = ("Le ministre de l'Agriculture, Paul Lenoir, a visité la foire de Rennes mardi matin avec les éleveurs de la"
          " région. « Nous ne céderons rien sur le prix du lait », a-t-il affirmé devant les producteurs réunis sous"
          " le grand hall. Selon Paul Lenoir, les aides aux éleveurs seront versées avant la fin du mois de mars, et le"
          " gouvernement présentera un nouveau plan pour la filière laitière au printemps prochain à Paris.")
ENGLISH = ("The agriculture minister, Paul Lenoir, visited the Rennes fair on Tuesday morning with farmers of the"
           " region. \"We will give up nothing on the price of milk,\" he told the producers gathered in the great"
           " hall. According to Lenoir, aid to farmers will be paid before the end of March, and the government will"
           " present a new plan for the dairy sector in Paris next spring.")
# An event as the English coder of an older pipeline wrote it for a French sentence (U1: "FRA 190 GAB").
OLD_EVENT = {"cameo": "190", "root": "19", "quad_class": 4, "goldstein": -10.0, "sentence": "Nous ne céderons rien",
             "source": {"text": "Paul Lenoir", "code": "FRAGOV", "country": "FRA"},
             "target": {"text": "Rennes", "code": "FRA", "country": "FRA"}, "start": 0, "end": 10}


def _page(path: Path, title: str, lang: str, text: str) -> Path:
    body = "".join(f"<p>{s}.</p>" for s in text.split(". "))
    path.write_text(f"<!doctype html><html lang='{lang}'><head><title>{title}</title>"
                    f"<meta property='article:published_time' content='2026-02-03T09:00:00+00:00'></head>"
                    f"<body><article><h1>{title}</h1>{body}</article></body></html>", encoding="utf-8")
    return path


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _as_before_041(db: Path) -> None:
    """The store as one annotated before migration 041: no record table, the migration not applied."""
    store = open_store(db)
    store.conn.execute("DROP TABLE IF EXISTS article_reads")
    store.conn.execute("DELETE FROM schema_migrations WHERE name LIKE '041_%'")
    store.conn.execute("PRAGMA user_version = 40")
    store.close()


@pytest.fixture(scope="module")
def old_store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An English and a French article ingested with the English annotator only as an older code did
    (the French article's stages did not read it), an older coder's event on the French article."""
    tmp = tmp_path_factory.mktemp("s22")
    db = tmp / "desk.db"
    fr = _page(tmp / "fr.html", "Le prix du lait", "fr", FRENCH)
    en = _page(tmp / "en.html", "The price of milk", "en", ENGLISH)
    _cli("ingest", "--db", str(db), "--stages", "understand", "--workers", "1", "-q", str(en))
    _cli("ingest", "--db", str(db), "--stages", "extract", "--workers", "1", "-q", str(fr))
    store = open_store(db)
    ids = {row["language"]: row["id"] for row in store.conn.execute("SELECT id, language FROM articles")}
    assert set(ids) == {"en", "fr"}, ids
    for lang in ("en", "fr"):  # the old coder coded both; today's codes English only
        store.after_store_events(ids[lang], Article(language=lang, published="2026-02-03", events=(OLD_EVENT,)))
        store.conn.execute("UPDATE articles SET data = json_set(data, '$.events', json(?)) WHERE id = ?",
                           (json.dumps([OLD_EVENT]), ids[lang]))
    store.close()
    _as_before_041(db)
    return {"db": db, "ids": ids}


@pytest.fixture(scope="module")
def desk(old_store: dict[str, Any]) -> Iterator[dict[str, Any]]:
    open_store(old_store["db"]).close()  # migration 041 fills the record from what the store holds
    yield from serve_desk(old_store["db"], ids=old_store["ids"])


def test_migration_records_an_old_french_article_as_not_read(desk: dict[str, Any]) -> None:
    store = open_store(desk["db"], readonly=True)
    fr, en = store.article_read(desk["ids"]["fr"]), store.article_read(desk["ids"]["en"])
    assert fr is not None and en is not None
    assert (fr["entities"], fr["quotes"], fr["events"]) == (0, 0, 1)  # its old events say the coder read it
    assert (en["entities"], en["quotes"], en["events"]) == (1, 1, 1)
    assert store.stale_ids() == [desk["ids"]["fr"]]
    store.close()


def test_api_and_pages_say_the_french_article_is_not_read_yet(desk: dict[str, Any]) -> None:
    fr = desk["ids"]["fr"]
    for path in (f"/api/articles/{fr}", f"/api/entities/in/{fr}"):
        answer = get_json(desk, path)
        answer = answer.get("store", answer)
        assert answer["covered"] is False, path
        assert answer["covered_stages"] == {"entities": False, "quotes": False, "events": False}, path
        assert answer["not_read_yet"] == ["entities", "quotes"], path
        assert answer["reprocess"] == "not read yet; run `newsdesk reprocess --stale`", path
    english = get_json(desk, f"/api/articles/{desk['ids']['en']}")["store"]
    assert english["covered"] is True and english["not_read_yet"] == [] and english["reprocess"] is None
    for path in (f"/article/{fr}", f"/entities/in/{fr}"):
        html = httpx.get(desk["url"] + path, timeout=60).text
        assert "not-read-yet" in html and "newsdesk reprocess --stale" in html, path
    stats = get_json(desk, "/api/stats")["to_reprocess"]
    assert stats == {"articles": 1, "languages": {"fr": 1}, "command": "newsdesk reprocess --stale"}
    assert "to reprocess: <strong>1</strong>" in httpx.get(desk["url"] + "/stats", timeout=60).text


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.mark.browser
def test_the_article_pages_show_not_read_yet_in_chromium(desk: dict[str, Any], browser: Any) -> None:
    page = browser.new_page()
    try:
        for path in (f"/article/{desk['ids']['fr']}", f"/entities/in/{desk['ids']['fr']}"):
            page.goto(desk["url"] + path)
            note = page.locator(".not-read-yet")
            assert note.is_visible(), path
            assert "Not read yet for entities, quotes" in note.inner_text(), path
            assert "newsdesk reprocess --stale" in note.inner_text(), path
            assert page.locator(".not-covered:not(.not-read-yet)").count() == 0, path  # not "French is not read"
        page.goto(desk["url"] + f"/article/{desk['ids']['en']}")
        assert page.locator(".not-read-yet").count() == 0
    finally:
        page.close()


def test_french_events_of_an_older_coder_are_neither_listed_nor_exported(desk: dict[str, Any]) -> None:
    fr, en = desk["ids"]["fr"], desk["ids"]["en"]
    listed = get_json(desk, "/api/events")["events"]
    assert [e["article_id"] for e in listed] == [en]
    store = open_store(desk["db"], readonly=True)
    assert [e["article_id"] for e in store.iter_events()] == [en]
    assert [r["key"] for r in store.event_counts("root")] == ["19"] and store.event_counts("root")[0]["n"] == 1
    out = io.StringIO()
    export(store, "gdelt-events", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert len(rows) == 1
    jsonl = Path(desk["db"]).parent / "export.jsonl"
    export(store, "jsonl", str(jsonl))
    events = {json.loads(line)["language"]: json.loads(line)["events"] for line in jsonl.read_text().splitlines()}
    assert events["fr"] == [] and len(events["en"]) == 1
    assert store.conn.execute("SELECT COUNT(*) FROM events WHERE article_id = ?", (fr,)).fetchone()[0] == 1
    store.close()


def test_stats_command_says_what_to_reprocess(desk: dict[str, Any]) -> None:
    # the CLI says what /stats says (before the reprocess test below reads the article again)
    text = _cli("stats", "--db", str(desk["db"]))
    assert "to reprocess: 1 (fr 1): run newsdesk reprocess --stale" in text
    data = json.loads(_cli("stats", "--db", str(desk["db"]), "--json"))
    assert data["to_reprocess"] == {"articles": 1, "languages": {"fr": 1}, "command": "newsdesk reprocess --stale"}


def test_reprocess_stale_reads_just_the_french_article(desk: dict[str, Any]) -> None:
    fr, en = desk["ids"]["fr"], desk["ids"]["en"]
    store = open_store(desk["db"], readonly=True)
    en_before = store.article_read(en)
    store.close()
    output = _cli("reprocess", "--db", str(desk["db"]), "--stages", "understand", "--workers", "1", "--stale", "-q")
    assert "1" in output
    answer = get_json(desk, f"/api/entities/in/{fr}")
    assert answer["covered"] is True and answer["not_read_yet"] == [] and answer["reprocess"] is None
    assert answer["entities"], "the French article's names are read now"
    assert get_json(desk, "/api/stats")["to_reprocess"]["articles"] in (0, 1)  # /stats is cached 30 s
    store = open_store(desk["db"], readonly=True)
    assert store.stale_ids() == []
    assert store.article_read(en) == en_before  # not read again
    record = store.article_read(fr)
    assert record is not None and record["coverage"] is not None
    assert store.conn.execute("SELECT COUNT(*) FROM events WHERE article_id = ?", (fr,)).fetchone()[0] == 0
    store.close()
    html = httpx.get(desk["url"] + f"/article/{fr}", timeout=60).text
    assert "not-read-yet" not in html


def test_a_store_read_only_before_041_counts_what_to_reprocess(tmp_path: Path) -> None:
    # `newsdesk stats` opens the store read-only, so migration 041 had not run: it said nothing to
    # reprocess of a store holding an unread French article (U2). It now counts what the migration would record.
    db = tmp_path / "old.db"
    for lang, title, text in (("en", "The price of milk", ENGLISH), ("fr", "Le prix du lait", FRENCH)):
        _cli("ingest", "--db", str(db), "--stages", "extract", "--workers", "1", "-q",
             str(_page(tmp_path / f"{lang}.html", title, lang, text)))
    _as_before_041(db)
    before = json.loads(_cli("stats", "--db", str(db), "--json"))["to_reprocess"]
    assert before == {"articles": 1, "languages": {"fr": 1}, "command": "newsdesk reprocess --stale"}
    assert open_store(db, readonly=True).conn.execute("PRAGMA user_version").fetchone()[0] == 40  # still old
    open_store(db).close()  # a writing command migrates it: the record agrees with the count
    assert json.loads(_cli("stats", "--db", str(db), "--json"))["to_reprocess"] == before
