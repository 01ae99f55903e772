"""An entity is shown by the spelling of its name its English articles write most (the desk's
language), whatever article came first: a French "Wikimédia" stored first no longer names it for the
desk's readers, nor a headline's "BARACK OBAMA"; where no English article writes the name, the
spelling written most, accents kept on a tie (E28). Real SQLite store, records as the annotators
write them, French ones in French articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from named_articles import named_article

from newsdesk.records import RawPage
from newsdesk.store import Store, open_store

Names = list[tuple[str, str]]


def _store(db: Path, articles: list[tuple[str, Names]]) -> Store:
    store = open_store(db)
    for i, (language, names) in enumerate(articles):
        article = named_article(i, names).replace(language=language)
        _, article_id = store.store_page(RawPage(body=article.text.encode(), origin=f"s-{i}", url=article.url),
                                         article)
        store.after_store_entities(article_id, article)
    return store


def _names(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute(
        "SELECT DISTINCT e.name FROM entities e JOIN entity_mentions m ON m.entity_id = e.id")}


WIKI = [("fr", [("Wikimédia", "ORG"), ("Wikimédia", "ORG")]), ("en", [("Wikimedia", "ORG")]),
        ("en", [("Wikimedia", "ORG")])]
HEADLINE = [("en", [("BARACK OBAMA", "PERSON")]), ("en", [("Barack Obama", "PERSON")])]
FRENCH_ONLY = [("fr", [("Claude Erignac", "PERSON")]), ("fr", [("Claude Érignac", "PERSON")])]


@pytest.mark.parametrize(("articles", "shown"), [
    (WIKI, "Wikimedia"), (WIKI[::-1], "Wikimedia"),  # before: "Wikimédia" when the French article came first
    (HEADLINE, "Barack Obama"), (HEADLINE[::-1], "Barack Obama"),  # before: the headline's capitals
    (FRENCH_ONLY, "Claude Érignac"), (FRENCH_ONLY[::-1], "Claude Érignac")])
def test_the_shown_spelling_does_not_depend_on_the_article_stored_first(tmp_path: Path, articles: list,
                                                                          shown: str) -> None:
    store = _store(tmp_path / "d.db", articles)
    assert _names(store) == {shown}
    store.close()

