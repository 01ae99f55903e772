"""A user's merge or split links the quotes it gives a speaker at once, as a reprocess would, and the
link survives the reprocess (E28). Real SQLite store; the articles are records as the annotator
gives them, each quote's speaker left out of its own article's entities where the case needs it (the
tagger sometimes leaves a name out). The reprocess is its entity steps (pipeline.reprocess): clear,
store each article again in order, drop what no mention names."""

from __future__ import annotations

from pathlib import Path

import pytest
from speaker_link_helpers import article, name, said, said_quote, speaker, store_article

from newsdesk.pipeline import drop_unused_entities
from newsdesk.records import Article
from newsdesk.store import Store, open_store

BOTH = "Alberto Pizango and Rosa Pizango met in Lima."
BARE = "Pizango spoke in Lima. \u201cThe forest is ours,\u201d Pizango said."


def _both() -> Article:
    return article(BOTH, (name(BOTH, "Alberto Pizango"), name(BOTH, "Rosa Pizango"), name(BOTH, "Lima", "GPE")))


def _bare() -> Article:
    """An article naming only "Pizango", quoted by that word."""
    return article(BARE, (name(BARE, "Pizango"), name(BARE, "Lima", "GPE"), name(BARE, "Pizango", nth=1)),
                   (said_quote(BARE, "Pizango"),))


def _store(store: Store, articles: list[Article]) -> list[int]:
    return [store_article(store, n, record) for n, record in enumerate(articles)]


def _reprocess(store: Store, ids: list[int], articles: list[Article]) -> None:
    store.clear_for_reprocess(ids)
    for article_id, record in zip(ids, articles, strict=True):
        store.after_store_entities(article_id, record)
    drop_unused_entities(store)
    store.drop_stale_aliases()


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "desk.db") as s:
        yield s


def test_a_merge_links_a_quote_two_namesakes_left_unlinked(store: Store) -> None:
    articles = [said("Pizango"), _both()]
    said_id, _ = ids = _store(store, articles)
    assert speaker(store, said_id) is None  # two people carry the surname: no one
    store.merge_entities("Alberto Pizango", "Rosa Pizango")
    # before: unlinked until a reprocess, which links it (the surname is one person's now)
    assert speaker(store, said_id) == "Alberto Pizango"
    _reprocess(store, ids, articles)
    assert speaker(store, said_id) == "Alberto Pizango"


def test_a_merge_gives_a_bare_surname_and_its_quote_to_the_one_person_left(store: Store) -> None:
    articles = [_both(), _bare()]
    _, bare = ids = _store(store, articles)
    assert speaker(store, bare) == "Pizango"  # two carriers: the bare word is an entity of its own
    store.merge_entities("Alberto Pizango", "Rosa Pizango")
    # before: the quote (and the mentions) stayed on the one-word entity until a reprocess moved them
    assert speaker(store, bare) == "Alberto Pizango"
    filed = {r[0] for r in store.conn.execute("SELECT DISTINCT e.name FROM entity_mentions m JOIN entities e"
                                              " ON e.id = m.entity_id WHERE m.article_id = ? AND m.text = 'Pizango'",
                                              (bare,))}
    assert filed == {"Alberto Pizango"}
    _reprocess(store, ids, articles)
    assert speaker(store, bare) == "Alberto Pizango"


def test_a_split_links_the_quotes_of_the_name_it_takes_out(store: Store) -> None:
    # Alberto's article calls him "Pizango" too; a user says the bare "Pizango" is someone else
    text = "Alberto Pizango spoke in Lima. Pizango left on Monday."
    alberto = article(text, (name(text, "Alberto Pizango"), name(text, "Pizango", canonical="Alberto Pizango", nth=1)))
    articles = [alberto, _both(), said("Pizango")]
    *_, said_id = ids = _store(store, articles)
    assert speaker(store, said_id) is None
    store.split_entity("Alberto Pizango", "Pizango")
    # before: unlinked until a reprocess filed it under the entity the split made
    assert speaker(store, said_id) == "Pizango"
    _reprocess(store, ids, articles)
    assert speaker(store, said_id) == "Pizango"
