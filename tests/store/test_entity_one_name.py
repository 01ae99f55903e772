"""One name read as two types in two articles is one entity, typed as most of its mentions say
(E19: "Firefox" was a product in 3 articles and an organisation in 1, two pages), but a person and
a place named alike stay apart ("Washington", "Jordan"), a nationality stays apart from its country,
and a user's merge or split still holds when the types differ. Real SQLite store, records as the
annotator writes them (the tagger's types are the input here, not what these tests check)."""

from __future__ import annotations

from pathlib import Path

import pytest
from named_articles import named_article

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store


def _store(db: Path, articles: list[list[tuple[str, str]]]) -> tuple[Store, list[tuple[int, Article]]]:
    store = open_store(db)
    stored = []
    for i, names in enumerate(articles):
        article = named_article(i, names)
        _, article_id = store.store_page(RawPage(body=article.text.encode(), origin=f"s-{i}", url=article.url), article)
        store.after_store_entities(article_id, article)
        stored.append((article_id, article))
    return store, stored


def _entities(store: Store, key: str) -> list[tuple[str, int]]:
    return [(r[0], r[1]) for r in store.conn.execute(
        "SELECT e.type, count(m.id) FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id"
        " WHERE e.key = ? GROUP BY e.id ORDER BY e.type", (key,))]


FIREFOX = [[("Firefox", "ORG")], [("Firefox", "PRODUCT")], [("Firefox", "PRODUCT")], [("Firefox", "PRODUCT")]]


@pytest.mark.parametrize("order", [FIREFOX, FIREFOX[::-1]])
def test_a_name_read_two_ways_is_one_entity_of_its_mentions_type(tmp_path: Path, order: list) -> None:
    store, _ = _store(tmp_path / "d.db", order)
    assert _entities(store, "firefox") == [("PRODUCT", 4)]
    assert store.entity_row("Firefox")["type"] == "PRODUCT"


def test_a_person_and_a_place_named_alike_stay_apart(tmp_path: Path) -> None:
    store, _ = _store(tmp_path / "d.db", [[("Washington", "PERSON")], [("Washington", "GPE")], [("Washington", "GPE")],
                                          [("Jordan", "GPE")], [("Jordan", "PERSON")]])
    assert _entities(store, "washington") == [("GPE", 2), ("PERSON", 1)]
    assert _entities(store, "jordan") == [("GPE", 1), ("PERSON", 1)]


def test_a_person_misread_as_an_organisation_joins_the_person(tmp_path: Path) -> None:
    store, _ = _store(tmp_path / "d.db", [[("Aung San Suu Kyi", "ORG")], [("Aung San Suu Kyi", "PERSON")],
                                          [("Aung San Suu Kyi", "PERSON"), ("Aung San Suu Kyi", "ORG")]])
    assert _entities(store, "aung san suu kyi") == [("PERSON", 4)]


def test_a_nationality_stays_apart_from_its_country(tmp_path: Path) -> None:
    store, _ = _store(tmp_path / "d.db", [[("France", "GPE")], [("France", "NORP")]])
    assert _entities(store, "france") == [("GPE", 1), ("NORP", 1)]


def test_a_users_merge_and_split_hold_across_types_after_a_rebuild(tmp_path: Path) -> None:
    store, stored = _store(tmp_path / "d.db", FIREFOX + [[("Mozilla", "ORG"), ("Mozilla", "ORG")]])
    store.merge_entities("Mozilla", "Firefox")
    for article_id, article in stored:  # what `newsdesk reprocess` does to each article
        store.after_store_entities(article_id, article)
    mozilla = store.entity_row("Mozilla")["id"]
    assert store.entity_row("Firefox")["id"] == mozilla
    assert store.conn.execute("SELECT count(*) FROM entity_mentions WHERE entity_id = ?", (mozilla,)).fetchone()[0] == 6
    store.split_entity("Mozilla", "Firefox")
    for article_id, article in stored:
        store.after_store_entities(article_id, article)
    assert store.entity_row("Firefox")["id"] != store.entity_row("Mozilla")["id"]
    assert [n for _, n in _entities(store, "firefox")] == [4]
    store.close()


def test_reprocess_folds_the_two_entities_an_older_store_made(tmp_path: Path) -> None:
    from newsdesk.pipeline import drop_unused_entities

    store, stored = _store(tmp_path / "d.db", FIREFOX)
    # as an older newsdesk filed them: the organisation reading its own entity
    old = store.conn.execute("INSERT INTO entities(type, name, key, first_seen) VALUES ('ORG', 'Firefox', 'firefox',"
                             " '2026-01-01') RETURNING id").fetchone()[0]
    store.conn.execute("UPDATE entity_mentions SET entity_id = ? WHERE type = 'ORG'", (old,))
    assert _entities(store, "firefox") == [("ORG", 1), ("PRODUCT", 3)]
    for article_id, article in stored:
        store.after_store_entities(article_id, article)
    drop_unused_entities(store)
    assert _entities(store, "firefox") == [("PRODUCT", 4)]
    store.close()
