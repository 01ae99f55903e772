"""A user's merge or split links the quotes it gives a speaker at once, as a reprocess would, and the
link survives the reprocess (E28). Real SQLite store; the articles are records as the annotator
gives them, each quote's speaker left out of its own article's entities where the case needs it (the
tagger sometimes leaves a name out). The reprocess is its entity steps (pipeline.reprocess): clear,
store each article again in order, drop what no mention names."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.pipeline import drop_unused_entities
from newsdesk.records import Article, Entity, Quote, RawPage
from newsdesk.store import Store, open_store

SAID = "\u201cThe forest is ours,\u201d said {who}, on a visit to Peru."
BOTH = "Alberto Pizango and Rosa Pizango met in Lima."
BARE = "Pizango spoke in Lima. \u201cThe forest is ours,\u201d Pizango said."


def _article(text: str, entities: tuple[Entity, ...], quotes: tuple[Quote, ...] = ()) -> Article:
    return Article(text=text, paragraphs=(text,), language="en", title=text[:20], entities=entities,
                   quotes=quotes, published="2026-01-02T09:00:00+00:00")


def _name(text: str, name: str, type_: str = "PERSON", canonical: str | None = None, nth: int = 0) -> Entity:
    start = text.index(name)
    for _ in range(nth):
        start = text.index(name, start + 1)
    return Entity(text=name, type=type_, start=start, end=start + len(name), canonical=canonical or name)


def _quote(text: str, who: str) -> Quote:
    start = text.rindex(who)
    return Quote(text="The forest is ours", kind="direct", start=text.index("\u201c"), end=start + len(who),
                 speaker=who, cue="said", speaker_start=start, speaker_end=start + len(who))


def _said(who: str) -> Article:
    """A quote of `who`, who is no entity of its own article."""
    text = SAID.format(who=who)
    return _article(text, (_name(text, "Peru", "GPE"),), (_quote(text, who),))


def _both() -> Article:
    return _article(BOTH, (_name(BOTH, "Alberto Pizango"), _name(BOTH, "Rosa Pizango"), _name(BOTH, "Lima", "GPE")))


def _bare() -> Article:
    """An article naming only "Pizango", quoted by that word."""
    return _article(BARE, (_name(BARE, "Pizango"), _name(BARE, "Lima", "GPE"), _name(BARE, "Pizango", nth=1)),
                    (_quote(BARE, "Pizango"),))


def _store(store: Store, articles: list[Article]) -> list[int]:
    ids = []
    for n, article in enumerate(articles):
        url = f"https://news.example/{n}"
        _, article_id = store.store_page(RawPage(body=article.text.encode(), origin=f"story-{n}", url=url),
                                         article.replace(url=url))
        store.after_store_entities(article_id, article)
        ids.append(int(article_id))
    return ids


def _reprocess(store: Store, ids: list[int], articles: list[Article]) -> None:
    store.clear_for_reprocess(ids)
    for article_id, article in zip(ids, articles, strict=True):
        store.after_store_entities(article_id, article)
    drop_unused_entities(store)
    store.drop_stale_aliases()


def _speaker(store: Store, article_id: int) -> str | None:
    row = store.conn.execute("SELECT e.name FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id"
                             " WHERE q.article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "desk.db") as s:
        yield s


def test_a_merge_links_a_quote_two_namesakes_left_unlinked(store: Store) -> None:
    articles = [_said("Pizango"), _both()]
    said, _ = ids = _store(store, articles)
    assert _speaker(store, said) is None  # two people carry the surname: no one
    store.merge_entities("Alberto Pizango", "Rosa Pizango")
    # before: unlinked until a reprocess, which links it (the surname is one person's now)
    assert _speaker(store, said) == "Alberto Pizango"
    _reprocess(store, ids, articles)
    assert _speaker(store, said) == "Alberto Pizango"


def test_a_merge_gives_a_bare_surname_and_its_quote_to_the_one_person_left(store: Store) -> None:
    articles = [_both(), _bare()]
    _, bare = ids = _store(store, articles)
    assert _speaker(store, bare) == "Pizango"  # two carriers: the bare word is an entity of its own
    store.merge_entities("Alberto Pizango", "Rosa Pizango")
    # before: the quote (and the mentions) stayed on the one-word entity until a reprocess moved them
    assert _speaker(store, bare) == "Alberto Pizango"
    filed = {r[0] for r in store.conn.execute("SELECT DISTINCT e.name FROM entity_mentions m JOIN entities e"
                                              " ON e.id = m.entity_id WHERE m.article_id = ? AND m.text = 'Pizango'",
                                              (bare,))}
    assert filed == {"Alberto Pizango"}
    _reprocess(store, ids, articles)
    assert _speaker(store, bare) == "Alberto Pizango"


def test_a_split_links_the_quotes_of_the_name_it_takes_out(store: Store) -> None:
    # Alberto's article calls him "Pizango" too; a user says the bare "Pizango" is someone else
    text = "Alberto Pizango spoke in Lima. Pizango left on Monday."
    alberto = _article(text, (_name(text, "Alberto Pizango"), _name(text, "Pizango", canonical="Alberto Pizango", nth=1)))
    articles = [alberto, _both(), _said("Pizango")]
    *_, said = ids = _store(store, articles)
    assert _speaker(store, said) is None
    store.split_entity("Alberto Pizango", "Pizango")
    # before: unlinked until a reprocess filed it under the entity the split made
    assert _speaker(store, said) == "Pizango"
    _reprocess(store, ids, articles)
    assert _speaker(store, said) == "Pizango"
