"""The entity an English "New York" is filed under does not depend on the order articles came in:
a French article whose "New York" is New York City no longer gives the city the alias "New York"
that took every later English "New York" (E26). Real SQLite store; the articles are records as the
annotators give them (the French one names New York City, the English one leaves "New York")."""

from __future__ import annotations

from pathlib import Path

import pytest
from speaker_link_helpers import store_article

from newsdesk.records import Article, Entity
from newsdesk.store import Store, open_store

FRENCH = "Le maire de New York a soutenu Barack Obama."
ENGLISH = "The governor of New York said on Monday that the bridge would reopen."


def _article(text: str, language: str, canonical: str) -> Article:
    start = text.index("New York")
    place = Entity(text="New York", type="GPE", start=start, end=start + 8, canonical=canonical, country="USA")
    return Article(text=text, paragraphs=(text,), language=language, title=text[:20], entities=(place,),
                   published="2026-01-02T09:00:00+00:00")


def _filed(store: Store, article_id: int) -> str:
    return str(store.conn.execute("SELECT e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
                                  " WHERE m.article_id = ?", (article_id,)).fetchone()[0])


@pytest.mark.parametrize("french_first", [True, False])
def test_an_english_new_york_is_filed_alike_whichever_article_came_first(tmp_path: Path, french_first: bool) -> None:
    articles = [(_article(FRENCH, "fr", "New York City"), "fr"), (_article(ENGLISH, "en", "New York"), "en")]
    with open_store(tmp_path / "desk.db") as store:
        ids = {lang: store_article(store, n, a) for n, (a, lang) in enumerate(articles if french_first else articles[::-1])}
        # before: with the French article first, the English "New York" was filed under New York City
        assert _filed(store, ids["en"]) == "New York"
        assert _filed(store, ids["fr"]) == "New York City"
