"""The GKG export reads persons, organisations and places from the store's entity mentions (G2: it
re-parsed articles with spaCy, 32.8 s for 240). The store's names are the canonical entities after a
user's merge, which the article's record never learns: only a read of the store shows them. An
article with no stored mention still exports, from a parse in a language the entity stage reads.
Real SQLite store, real spaCy pipelines for the fallback."""

from __future__ import annotations

from pathlib import Path

from gkg_helpers import gkg_rows
from named_articles import named_article

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.understand import nlp


def _store(store: Store, i: int, article: Article, annotated: bool = True) -> int:
    _, article_id = store.store_page(RawPage(body=article.text.encode(), origin=f"g2-{i}", url=article.url), article)
    if annotated:
        store.after_store_entities(article_id, article)
    return int(article_id)


def test_the_export_names_the_stored_canonical_entities_without_a_parse(tmp_path: Path) -> None:
    articles = [named_article(0, [("Jim Wexley", "PERSON"), ("Tehran", "GPE")]),
                named_article(1, [("James Wexley", "PERSON"), ("Quarkfield Holdings", "ORG")])]
    with open_store(tmp_path / "d.db") as store:
        first, second = (_store(store, i, a) for i, a in enumerate(articles))
        store.merge_entities("Jim Wexley", "James Wexley")  # the user's decision: one person
        rows = gkg_rows(store)
    # the record of the second article still says "James Wexley"; the store's entity is "Jim Wexley"
    assert rows[second]["V2Persons"] == f"Jim Wexley,{articles[1].entities[0].start}"
    assert rows[second]["Organizations"] == "Quarkfield Holdings"
    assert rows[first]["Persons"] == "Jim Wexley"
    place = rows[first]["Locations"].split("#")
    assert place[1] == "Tehran" and place[4] and place[5]  # geocoded: latitude and longitude
    assert not any(text == a.text for _, text in nlp.cached_keys() for a in articles)  # neither text was parsed


def test_an_article_with_no_stored_mentions_is_parsed_in_its_language(tmp_path: Path) -> None:
    english = "Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget."
    french = "Emmanuel Macron a rencontré Angela Merkel à Berlin mardi pour parler du budget européen."
    german = "Angela Merkel traf Emmanuel Macron am Dienstag in Berlin, um über den Haushalt zu sprechen."
    with open_store(tmp_path / "d.db") as store:
        ids = [_store(store, i, Article(text=text, language=lang, url=f"https://news.example/u{i}", title="Talks"),
                      annotated=False)
               for i, (text, lang) in enumerate(((english, "en"), (french, "fr"), (german, "de")))]
        rows = gkg_rows(store)
    assert "Emmanuel Macron" in rows[ids[0]]["Persons"].split(";")
    assert ("en", english) in nlp.cached_keys()
    # French is read by the French pipeline (its PER read as PERSON), not the English one
    assert "Angela Merkel" in rows[ids[1]]["Persons"].split(";")
    assert ("fr", french) in nlp.cached_keys() and ("en", french) not in nlp.cached_keys()
    # German: no pipeline reads it, so no names, as the annotator leaves it (not read as English)
    assert rows[ids[2]]["Persons"] == "" and ("en", german) not in nlp.cached_keys()
    assert rows[ids[2]]["V2Tone"]  # the article still exports


def test_an_article_the_entity_stage_read_and_found_no_name_in_is_not_parsed_again(tmp_path: Path) -> None:
    text = "Olaf Scholz met Giorgia Meloni in Rome on Monday to discuss the migration pact."
    with open_store(tmp_path / "d.db") as store:
        read, unread = (_store(store, i, Article(text=f"{text} ({i})", language="en", title="Talks",
                                                  url=f"https://news.example/r{i}"), annotated=False) for i in (0, 1))
        store.record_read(read, "en", ("understand",))  # the pipeline's record: read, no names kept
        rows = gkg_rows(store)
    assert rows[read]["Persons"] == "" and ("en", f"{text} (0)") not in nlp.cached_keys()
    assert rows[unread]["Persons"] and ("en", f"{text} (1)") in nlp.cached_keys()  # no record: parsed, as before
