"""The shared pipelines are one per language: French text gets the French model, the cache never
hands one language's Doc to the other, and a language with no pipeline says so."""

import pytest

from newsdesk.understand import nlp


def test_french_text_is_parsed_by_the_french_pipeline() -> None:
    doc = nlp.parse("Le président Emmanuel Macron a reçu Olaf Scholz à Paris.", "fr")
    assert doc.lang_ == "fr"
    assert ("Emmanuel Macron", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_the_cache_keeps_languages_apart() -> None:
    text = "Paris est une ville."
    fr, en = nlp.parse(text, "fr"), nlp.parse(text, "en")
    assert (fr.lang_, en.lang_) == ("fr", "en")
    assert nlp.parse(text, "fr") is fr
    assert nlp.parse_many([text], lang="fr")[0].lang_ == "fr"


def test_a_language_without_a_pipeline_is_refused() -> None:
    with pytest.raises(nlp.NoModel, match="'de'"):
        nlp.load_nlp("de")
    assert nlp.load_nlp("fr").lang == "fr"
    assert nlp.model_name("fr").startswith("fr_core_news")


def test_english_is_one_pipeline_however_it_is_asked_for() -> None:
    """`load_nlp()` and `load_nlp("en")` are one instance: cached by the call's arguments, they were two
    (the bench's peak RSS rose 53 MB, and `parse` read Docs with a second English pipeline)."""
    assert nlp.load_nlp() is nlp.load_nlp("en") is nlp.load_nlp(lang="en")
    assert nlp.parse("One text.").vocab is nlp.load_nlp().vocab
