"""An entity's shown spelling is the one written most when its English articles write only a minority
of its mentions or a slip of that spelling (E31): one English article's "Metéo France" no longer
outvotes four French "Météo France"; an English name that drops the accents and is written at least as
often as the French one still wins ("Wikimedia", E28). Real SQLite store, records as the annotators
write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from named_articles import named_article

from newsdesk.records import RawPage
from newsdesk.store import open_store

METEO_FR = ("fr", [("Météo France", "ORG"), ("Météo France", "ORG")])
METEO_EN = ("en", [("Metéo France", "ORG")])
MAPS_FR = ("fr", [("Wikimédia", "ORG")])
MAPS_EN = ("en", [("Wikimedia", "ORG")])


def _shown(db: Path, articles: list[tuple[str, list[tuple[str, str]]]]) -> set[str]:
    store = open_store(db)
    try:
        for i, (language, names) in enumerate(articles):
            article = named_article(i, names).replace(language=language)
            _, article_id = store.store_page(RawPage(body=article.text.encode(), origin=f"s-{i}", url=article.url),
                                             article)
            store.after_store_entities(article_id, article)
        return {r[0] for r in store.conn.execute(
            "SELECT DISTINCT e.name FROM entities e JOIN entity_mentions m ON m.entity_id = e.id")}
    finally:
        store.close()


@pytest.mark.parametrize("articles", [
    [METEO_FR, METEO_FR, METEO_EN], [METEO_EN, METEO_FR, METEO_FR],  # before: "Metéo France", 1 to 4
    [METEO_FR, METEO_EN, METEO_EN],  # English the majority, but a slip of the French spelling
])
def test_an_english_minority_or_slip_does_not_outvote_the_spelling_written_most(tmp_path: Path,
                                                                                  articles: list) -> None:
    assert _shown(tmp_path / "d.db", articles) == {"Météo France"}


@pytest.mark.parametrize("articles", [[MAPS_FR, MAPS_EN], [MAPS_EN, MAPS_FR], [MAPS_FR, MAPS_EN, MAPS_EN, MAPS_FR]])
def test_an_english_name_without_the_accents_still_wins_at_half_the_mentions(tmp_path: Path, articles: list) -> None:
    assert _shown(tmp_path / "d.db", articles) == {"Wikimedia"}
