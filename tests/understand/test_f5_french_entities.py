"""French entities (F5, issue 5): a French article is read by the real fr_core_news_sm pipeline and
`french.annotate`, its mentions typed as the English side's, with roles, countries and canonical names
shared across languages; stored beside English articles in a real SQLite store, "Grèce" and
"Greece" are one entity. Each test failed before F5 (French articles came back unannotated)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import open_store
from newsdesk.understand.annotate import Annotator
from newsdesk.understand.events import EventCoder

_annotator: Annotator | None = None


def read(text: str, language: str = "fr", **fields: object) -> Article:
    global _annotator
    _annotator = _annotator or Annotator()
    paragraphs = tuple(p for p in text.split("\n\n") if p.strip())
    return _annotator.annotate(Article(text=text, paragraphs=paragraphs, language=language, **fields))  # type: ignore[arg-type]


def entities(text: str) -> dict[str, tuple[str, str | None, str | None, str | None]]:
    """Each mention's text → (type, canonical, role, country)."""
    return {e.text: (e.type, e.canonical, e.role, e.country) for e in read(text).entities}


def test_a_person_takes_the_role_written_before_the_name_without_the_writers_judgement() -> None:
    found = entities("Le nouveau premier ministre conservateur Antonis Samaras a dévoilé son gouvernement.")
    assert found["Antonis Samaras"] == ("PERSON", "Antonis Samaras", "premier ministre", None)


def test_a_nationality_in_the_role_is_the_persons_country_and_the_role_phrase_is_no_organisation() -> None:
    found = entities("Le ministre iranien des Affaires étrangères Abbas Araghchi a déclaré mardi que Téhéran"
                     " refusait l'accord.")
    assert found["Abbas Araghchi"] == ("PERSON", "Abbas Araghchi", "ministre des Affaires étrangères", "IRN")
    assert not [t for t in found if t.startswith("ministre")]  # the model's ORG "ministre iranien des ..."


def test_an_apposition_after_the_name_is_the_role() -> None:
    found = entities("Olivier Véran, porte-parole du gouvernement, a annoncé mercredi une réunion avec les syndicats.")
    assert found["Olivier Véran"][2] == "porte-parole du gouvernement"


def test_a_form_of_address_is_not_the_name_and_the_short_name_is_the_full_one() -> None:
    article = read("Le nouveau premier ministre Antonis Samaras a dévoilé son gouvernement. Le ministre des Finances"
                   " sera nommé demain par M. Samaras, qui a aussi choisi quatorze secrétaires d'État.")
    short = [e for e in article.entities if e.start > 60]
    assert [(e.text, e.type, e.canonical) for e in short] == [("Samaras", "PERSON", "Antonis Samaras")]
    assert article.text[short[0].start - 3: short[0].start] == "M. "
    # "Finances" (of "ministre des Finances") and "État" (of "secrétaires d'État") are no entities
    assert {e.text for e in article.entities} == {"Antonis Samaras", "Samaras"}


def test_countries_demonyms_and_capitals_are_the_english_sides() -> None:
    found = entities("La Grèce et les États-Unis ont signé un accord. Les Grecs ont salué la décision, selon l'ONU."
                     " Pékin et Moscou ont protesté.")
    assert found["Grèce"] == ("GPE", "Greece", None, "GRC")
    assert found["États-Unis"] == ("GPE", "United States", None, "USA")
    assert found["Grecs"] == ("NORP", "Greece", None, "GRC")
    assert found["Pékin"] == ("GPE", "Beijing", None, "CHN") and found["Moscou"] == ("GPE", "Moscow", None, "RUS")
    assert found["ONU"] == ("ORG", "UN", None, None)  # the body as data/org_abbreviations.json shows it


def test_a_capital_standing_for_its_government_is_a_metonym_and_not_a_person() -> None:
    article = read("Le ministre a déclaré que Téhéran refusait l'accord proposé par Washington.")
    got = {e.text: (e.type, e.country, e.metonym) for e in article.entities}
    assert got["Téhéran"] == ("GPE", "IRN", True)
    assert got["Washington"] == ("GPE", "USA", True)  # the small model reads it a person (PER)


def test_the_countries_of_people_by_their_nationality() -> None:
    found = entities("Le président français Emmanuel Macron a reçu la chancelière allemande Angela Merkel.")
    assert found["Emmanuel Macron"] == ("PERSON", "Emmanuel Macron", "président", "FRA")
    assert found["Angela Merkel"][2:] == ("chancelière", "DEU")


def test_a_first_name_like_a_demonym_stays_in_the_name() -> None:
    """ "François" is spelt like a demonym of France ("franç-ois"): a name, not a nationality."""
    found = entities("Le président François Hollande a parlé mardi.")
    assert "François Hollande" in found and found["François Hollande"][0] == "PERSON"


def test_only_french_and_english_are_read_and_events_stay_english() -> None:
    text = "Le ministre iranien des Affaires étrangères Abbas Araghchi a rencontré à Paris le président Macron."
    assert read(text).entities
    assert read(text, language="de").entities == ()  # German: no pipeline on PyPI, not covered
    french = read(text)
    assert EventCoder(embeddings=False).code(french).events == ()  # the English model never codes French


def test_one_place_and_one_person_across_languages_in_the_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    texts = [("en", "Greece and the United States signed a deal, Prime Minister Antonis Samaras said in Athens."),
             ("en", "Officials in the USA welcomed the deal on Monday."),
             ("fr", "La Grèce et les États-Unis ont signé un accord, a déclaré le premier ministre Antonis Samaras.")]
    for i, (language, text) in enumerate(texts):
        article = read(text, language=language, url=f"https://news.example/{i}", title=f"Story {i}",
                       published=f"2026-01-{i + 1:02d}T09:00:00+00:00")
        _, article_id = store.store_page(RawPage(body=text.encode(), origin=f"s{i}", url=article.url), article)
        store.after_store_entities(article_id, article)
    rows = {(r["type"], r["name"]): r for r in store.list_entities(limit=100)}
    store.close()
    assert rows["GPE", "Greece"]["articles"] == 2
    assert rows["GPE", "United States"]["articles"] == 3  # "United States", "USA", "États-Unis"
    assert rows["PERSON", "Antonis Samaras"]["articles"] == 2
    assert not [k for k in rows if k[1] in ("Grèce", "États-Unis")]


@pytest.mark.parametrize("text", ["C’est la fin. N’oubliez pas.", "Si vous venez, Ça ira."])
def test_elided_and_function_words_are_no_names(text: str) -> None:
    assert read(text).entities == ()


def test_a_capitalised_common_noun_is_no_name_even_in_the_plural() -> None:
    """ "leurs États" (the model: a person) and "des États" (a place): the pipeline's lexicon lists
    the noun by its lemma, "état"; the guard beside it keeps a country."""
    found = entities("Ces communautés veulent être reconnues. En effet, leurs États n’en font pas une préoccupation."
                     " Au-delà des États, la qualité de francophone devrait aussi s’accorder aux individus du Mali.")
    assert not [t for t in found if t.startswith(("États", "Etats"))], found
    assert found["Mali"][0] == "GPE"


def test_a_name_whose_first_word_the_tagger_calls_a_determiner_stays() -> None:
    found = entities("Le congrès a désigné Xi Jinping comme successeur de Hu Jintao, des centaines de Tibétains"
                     " ont manifesté.")
    assert found["Hu Jintao"][0] == "PERSON"


def test_a_name_that_is_also_a_word_stays_after_a_comma() -> None:
    """ "millet" is a French noun, but "Manet, Millet, Monet" lists painters: only a sentence's first
    word is capitalised whatever it is."""
    found = entities("L'exposition réunit des toiles de Corot, Degas, Gauguin, Manet, Millet, Monet, Pissarro"
                     " et Sisley.")
    assert found.get("Millet", ("",))[0] == "PERSON", found
