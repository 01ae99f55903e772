"""A quote's speaker is linked when the entity it names comes later: an article stored before any
article names its speaker in full gains the link when one does (E26). Real SQLite store; the
articles are records as the annotator gives them, the speaker left out of the first one's entities
as the tagger sometimes leaves a name out."""

from __future__ import annotations

from pathlib import Path

import pytest
from speaker_link_helpers import article, name, said, speaker, store_article

from newsdesk.records import Article
from newsdesk.store import Store, open_store

NAMED = "{who} returned to Lima on Monday after a month abroad."


def _named(who: str) -> Article:
    text = NAMED.format(who=who)
    return article(text, (name(text, who), name(text, "Lima", "GPE")))


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "desk.db") as s:
        yield s


@pytest.mark.parametrize("written", ["Alberto Pizango", "Pizango"])
def test_a_speaker_named_in_full_only_by_a_later_article_gains_the_link(store: Store, written: str) -> None:
    said_id = store_article(store, 1, said(written))
    assert speaker(store, said_id) is None  # no entity of that name yet
    store_article(store, 2, _named("Alberto Pizango"))
    # before: the quote stayed unlinked for good (the link was made when its article was stored)
    assert speaker(store, said_id) == "Alberto Pizango"


def test_a_surname_two_later_people_carry_links_to_neither(store: Store) -> None:
    """The late link is the store-time rule: a bare surname two stored people carry names no one."""
    said_id = store_article(store, 1, said("Pizango"))
    both = "Alberto Pizango and Rosa Pizango met in Lima."
    store_article(store, 2, article(both, (name(both, "Alberto Pizango"), name(both, "Rosa Pizango"))))
    assert speaker(store, said_id) is None

