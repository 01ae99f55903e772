"""Two people who share a first name or surname stay two entities across articles (real store)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from entity_helpers import annotate, store_texts

TEXTS = [
    "Ahmed Mohamed, a 14-year-old student in Irving, Texas, was arrested after he brought a homemade clock to "
    "school. Mohamed said he only wanted to impress his engineering teacher. Ahmed was later invited to the "
    "White House.",
    # the short name first: the store meets "Ahmed" (canonical "Ahmed Shokier") before the full name
    "Police in Cairo detained Ahmed on Tuesday, his lawyer said. The Egyptian blogger Ahmed Shokier had "
    "criticised the government on his blog for months.",
    "Pilgrims in Mecca prayed at the mosque where Mohammed preached, the imam said.",
    "Ahmed Mohamed moved to Qatar with his family. Ahmed said he missed his friends in Texas.",
]


@pytest.fixture
def stored(tmp_path: Path):  # type: ignore[no-untyped-def]
    store, ids = store_texts(tmp_path / "desk.db", TEXTS)
    yield store, ids
    store.close()


def _people(store, article_id: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each person mention's text in one article → the name of the entity it is filed under."""
    mentions, _ = store.article_annotations(article_id)
    return {m["text"]: m["name"] for m in mentions if m["type"] == "PERSON"}


def test_a_shared_first_name_merges_no_two_full_names(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    assert _people(store, ids[1]) == {"Ahmed": "Ahmed Shokier", "Ahmed Shokier": "Ahmed Shokier"}
    mohamed = store.entity_detail("Ahmed Mohamed")
    assert "Ahmed Shokier" not in mohamed["aliases"]
    assert store.entity_row("Ahmed Shokier")["id"] != mohamed["id"]


def test_a_bare_name_joins_no_longer_name_across_articles(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    # "Mohammed" (the Prophet) is a spelling of the student's surname, and nothing more
    assert _people(store, ids[2]) == {"Mohammed": "Mohammed"}
    # where the article names the student in full, its short "Ahmed" is him
    assert set(_people(store, ids[3]).values()) == {"Ahmed Mohamed"}
    assert len(store.entity_detail("Ahmed Mohamed")["articles"]) == 2
    # reading stays loose: a lone surname finds the one person who carries it
    assert store.entity_row("Shokier")["name"] == "Ahmed Shokier"


def test_the_users_merge_of_a_bare_name_survives_reprocess(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    store.merge_entities("Ahmed Mohamed", "Mohammed")
    store.after_store_entities(ids[2], annotate(TEXTS[2], published="2026-01-03T09:00:00+00:00"))
    assert _people(store, ids[2]) == {"Mohammed": "Ahmed Mohamed"}
    store.split_entity("Ahmed Mohamed", "Mohammed")
    store.after_store_entities(ids[2], annotate(TEXTS[2], published="2026-01-03T09:00:00+00:00"))
    assert _people(store, ids[2]) == {"Mohammed": "Mohammed"}
    # the student's own short names stay his
    assert set(_people(store, ids[0]).values()) == {"Ahmed Mohamed"}


def test_a_misspelt_surname_joins_the_person_its_article_names(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    text = "Police said Shokeir had insulted the president. The Egyptian blogger Ahmed Shokier was detained in Cairo."
    article = annotate(text, published="2026-01-02T09:00:00+00:00")
    # The small model reads "Shokeir" here as ORG; on the sample store (three copies of one story)
    # it read it PERSON, as a person it is stored: the rule under test is the store's.
    article = replace(article, entities=tuple(replace(e, type="PERSON") if e.text == "Shokeir" else e
                                              for e in article.entities))
    assert any(e.text == "Shokeir" and e.canonical == "Shokeir" for e in article.entities)
    store.after_store_entities(ids[1], article)
    assert _people(store, ids[1]) == {"Shokeir": "Ahmed Shokier", "Ahmed Shokier": "Ahmed Shokier"}
    # the Prophet's article, stored again, still names no one of a longer name
    store.after_store_entities(ids[2], annotate(TEXTS[2], published="2026-01-03T09:00:00+00:00"))
    assert _people(store, ids[2]) == {"Mohammed": "Mohammed"}


def test_a_bare_surname_still_names_its_person_across_articles(tmp_path: Path) -> None:
    """Issue 5: "Araqchi" in one article, "Abbas Araqchi" in another, are one person."""
    store, ids = store_texts(tmp_path / "desk.db", [
        "Iran's Foreign Minister Abbas Araqchi met his Omani counterpart in Muscat on Friday.",
        "The talks were useful, Araqchi told reporters in Tehran on Saturday.",
    ])
    try:
        assert _people(store, ids[1]) == {"Araqchi": "Abbas Araqchi"}
    finally:
        store.close()
