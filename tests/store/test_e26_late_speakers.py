"""A quote's speaker is linked when the entity it names comes later: an article stored before any
article names its speaker in full gains the link when one does (E26). Real SQLite store; the
articles are records as the annotator gives them, the speaker left out of the first one's entities
as the tagger sometimes leaves a name out."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.records import Article, Entity, Quote, RawPage
from newsdesk.store import Store, open_store

SAID = "\u201cThe forest is ours,\u201d said {who}, on a visit to Peru."
NAMED = "{who} returned to Lima on Monday after a month abroad."


def _article(text: str, entities: tuple[Entity, ...], quotes: tuple[Quote, ...] = ()) -> Article:
    return Article(text=text, paragraphs=(text,), language="en", title=text[:20], entities=entities,
                   quotes=quotes, published="2026-01-02T09:00:00+00:00")


def _store(store: Store, n: int, article: Article) -> int:
    _, article_id = store.store_page(RawPage(body=article.text.encode(), origin=f"story-{n}",
                                             url=f"https://news.example/{n}"), article.replace(url=f"https://news.example/{n}"))
    store.after_store_entities(article_id, article)
    return int(article_id)


def _place(text: str, name: str, type_: str = "GPE") -> Entity:
    start = text.index(name)
    return Entity(text=name, type=type_, start=start, end=start + len(name), canonical=name)


def _said(who: str) -> Article:
    text = SAID.format(who=who)
    start = text.index(who)
    quote = Quote(text="The forest is ours", kind="direct", start=0, end=start + len(who), speaker=who,
                  cue="said", speaker_start=start, speaker_end=start + len(who))
    return _article(text, (_place(text, "Peru"),), (quote,))  # the speaker is no entity of its own article


def _named(who: str) -> Article:
    text = NAMED.format(who=who)
    return _article(text, (_place(text, who, "PERSON"), _place(text, "Lima")))


def _speaker(store: Store, article_id: int) -> str | None:
    row = store.conn.execute("SELECT e.name FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id"
                             " WHERE q.article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "desk.db") as s:
        yield s


@pytest.mark.parametrize("written", ["Alberto Pizango", "Pizango"])
def test_a_speaker_named_in_full_only_by_a_later_article_gains_the_link(store: Store, written: str) -> None:
    said = _store(store, 1, _said(written))
    assert _speaker(store, said) is None  # no entity of that name yet
    _store(store, 2, _named("Alberto Pizango"))
    # before: the quote stayed unlinked for good (the link was made when its article was stored)
    assert _speaker(store, said) == "Alberto Pizango"


def test_a_surname_two_later_people_carry_links_to_neither(store: Store) -> None:
    """The late link is the store-time rule: a bare surname two stored people carry names no one."""
    said = _store(store, 1, _said("Pizango"))
    _store(store, 2, _article("Alberto Pizango and Rosa Pizango met in Lima.",
                              (_place("Alberto Pizango and Rosa Pizango met in Lima.", "Alberto Pizango", "PERSON"),
                               _place("Alberto Pizango and Rosa Pizango met in Lima.", "Rosa Pizango", "PERSON"))))
    assert _speaker(store, said) is None

