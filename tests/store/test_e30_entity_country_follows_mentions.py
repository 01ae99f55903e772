"""An entity's country follows what its mentions say now, not the first country any article gave it
(E30): a reprocess corrects what an older annotator got wrong ("Asia" the Philippine town's PHL,
Victoria CAN in an Australian story: E29 mended the annotator, but the store kept them), a region's
"no country" clears one, and the country most of its mentions give wins. Real SQLite store, real spaCy
annotation, the reprocess's own entity steps (pipeline.reprocess)."""

from __future__ import annotations

import dataclasses
import sys
from importlib import resources
from pathlib import Path

from newsdesk.pipeline import drop_unused_entities
from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store.sqlite import split_statements

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import annotate, store_texts  # noqa: E402

ASIA = ("Stocks fell across Asia on Monday. In Australia, shares of miners in Queensland and Victoria "
        "dropped, officials said.")
# what the annotator before E29 (e36c55a) gave these mentions
OLD_COUNTRIES = {"Asia": "PHL", "Victoria": "CAN"}
CANADIAN = "Heavy rain flooded streets in Victoria and Vancouver on Monday, officials in Canada said."
AUSTRALIAN = [
    "Bushfires burned across Victoria on Tuesday. Officials in Australia said homes near Melbourne were lost.",
    "Schools in Victoria and Queensland reopened on Monday. Officials in Australia said classes "
    "in Melbourne would resume in full next week.",
]


def _old_record(text: str) -> Article:
    """The article as the older annotator recorded it: the same mentions, its countries."""
    article = annotate(text, url="https://news.example/asia", title="Asia", published="2026-01-02T09:00:00+00:00")
    entities = tuple(dataclasses.replace(e, country=OLD_COUNTRIES.get(e.text, e.country)) for e in article.entities)
    return dataclasses.replace(article, entities=entities)


def _store_old(db: Path) -> tuple[Store, int]:
    store = open_store(db)
    old = _old_record(ASIA)
    _, article_id = store.store_page(RawPage(body=ASIA.encode(), origin="asia", url=old.url), old)
    store.after_store_entities(article_id, old)
    return store, article_id


def _countries(store: Store, *names: str) -> dict[str, str | None]:
    marks = ",".join("?" * len(names))
    return dict(store.conn.execute(f"SELECT name, country FROM entities WHERE name IN ({marks})", names).fetchall())


def test_a_reprocess_corrects_an_older_annotators_country_and_clears_a_regions(tmp_path: Path) -> None:
    store, article_id = _store_old(tmp_path / "desk.db")
    try:
        assert _countries(store, "Asia", "Victoria") == {"Asia": "PHL", "Victoria": "CAN"}  # as stored then
        # what `newsdesk reprocess` does to the entities: clear, store again with today's annotator, drop
        store.clear_for_reprocess([article_id])
        store.after_store_entities(article_id, annotate(ASIA, published="2026-01-02T09:00:00+00:00"))
        drop_unused_entities(store)
        # before: {'Asia': 'PHL', 'Victoria': 'CAN'}, the first country given stuck
        assert _countries(store, "Asia", "Victoria", "Queensland") == {
            "Asia": None, "Victoria": "AUS", "Queensland": "AUS"}
    finally:
        store.close()


def test_an_article_stored_again_corrects_its_entities_country(tmp_path: Path) -> None:
    # stored again without a reprocess's clearing (an ingest of a changed page): its old mentions go
    # in the same transaction, and the entity reads the ones it has now
    store, article_id = _store_old(tmp_path / "desk.db")
    try:
        store.after_store_entities(article_id, annotate(ASIA, published="2026-01-02T09:00:00+00:00"))
        assert _countries(store, "Asia", "Victoria") == {"Asia": None, "Victoria": "AUS"}
    finally:
        store.close()


def test_the_country_most_mentions_give_wins_over_the_first(tmp_path: Path) -> None:
    # the first article's Victoria is Canada's; two Australian ones then settle it
    store, _ = store_texts(tmp_path / "desk.db", [CANADIAN, *AUSTRALIAN])
    try:
        mentions = dict(store.conn.execute(
            "SELECT m.country, count(*) FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
            " WHERE e.name = 'Victoria' GROUP BY m.country").fetchall())
        assert mentions == {"CAN": 1, "AUS": 2}  # one entity, its mentions' own countries kept
        assert _countries(store, "Victoria") == {"Victoria": "AUS"}  # before: CAN, the first article's
    finally:
        store.close()


def test_a_merge_gives_the_kept_entity_the_country_of_the_mentions_it_now_has(tmp_path: Path) -> None:
    # the user says the Canadian article's "Vancouver" and "Victoria" are one (a made-up decision: what
    # matters is that the country follows the mentions a decision moves, and holds through a reprocess)
    store, ids = store_texts(tmp_path / "desk.db", [CANADIAN, *AUSTRALIAN])
    try:
        store.merge_entities("Vancouver", "Victoria")
        assert _countries(store, "Vancouver") == {"Vancouver": "AUS"}  # 2 AUS mentions against 2 CAN: AUS, in more articles
        store.clear_for_reprocess(ids)
        for article_id, text in zip(ids, [CANADIAN, *AUSTRALIAN], strict=True):
            store.after_store_entities(article_id, annotate(text, published="2026-01-05T09:00:00+00:00"))
        drop_unused_entities(store)
        assert _countries(store, "Vancouver", "Victoria") == {"Vancouver": "AUS"}
    finally:
        store.close()


def test_migration_042_fills_a_stored_mentions_country_from_its_articles_record(tmp_path: Path) -> None:
    store, _ = store_texts(tmp_path / "desk.db", [CANADIAN, *AUSTRALIAN, ASIA])
    try:
        filed = store.conn.execute("SELECT id, country FROM entity_mentions ORDER BY id").fetchall()
        assert {c for _, c in filed} >= {"CAN", "AUS", None}
        store.conn.execute("UPDATE entity_mentions SET country = NULL")  # a store from before the column
        sql = resources.files("newsdesk.store").joinpath("migrations/042_mention_country.sql").read_text()
        for statement in split_statements(sql):
            if not statement.lstrip().upper().startswith("ALTER TABLE"):
                store.conn.execute(statement)
        assert store.conn.execute("SELECT id, country FROM entity_mentions ORDER BY id").fetchall() == filed
    finally:
        store.close()
