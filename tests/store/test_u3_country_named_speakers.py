"""A person whose name is a country's ("Jordan", "Chad", "Georgia") is no nationality (U3): the quote
search by speaker took every entity of the name, and the nationality is filed under its country's
name (the NORP 'Jordan' of "Jordanians"), so "Jordan" listed every Jordanian's quotes beside those
of the person called Jordan. A country's name with no person of that name still finds its people
("Australia" finds the Australians' quotes). Real SQLite store; hand-made annotations (the search
is under test, not the annotator)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsdesk.records import Article, Entity, Quote, RawPage
from newsdesk.store import open_store

# (country, its people as written): the person bears the country's name, the people its demonym
NAMES = [("Jordan", "Jordanians"), ("Chad", "Chadians"), ("Georgia", "Georgians")]


def _said(n: int, text: str, speaker: str, mentions: list[tuple[str, str, str]]) -> Article:
    """Article `n`: one quote of `speaker` (written at its place), its mentions (text, type, canonical)."""
    at = text.index(speaker)
    quote = Quote(text=text, kind="indirect", start=0, end=len(text), speaker=speaker, cue="said",
                  speaker_start=at, speaker_end=at + len(speaker))
    entities = tuple(Entity(text=t, type=kind, start=text.index(t), end=text.index(t) + len(t), canonical=name,
                            role="speaker" if t == speaker else None) for t, kind, name in mentions)
    return Article(url=f"https://wire.example/{n}", site_name="Wire", language="en", text=text, paragraphs=(text,),
                   title=f"Story {n}", published="2026-11-03T10:00:00+00:00", entities=entities, quotes=(quote,))


def _articles() -> list[Article]:
    out: list[Article] = []
    for country, people in [*NAMES, ("Australia", "Australians")]:
        n = len(out)
        if country != "Australia":  # a person of the country's name
            out.append(_said(n, f"{country} said she would run for the council in Leeds.", country,
                             [(country, "PERSON", country)]))
        out.append(_said(n + 1, f"{people} said the election was fair and calm.", people,
                         [(people, "NORP", country)]))
        out.append(_said(n + 2, f"Many {people} said the border should reopen soon.", people,
                         [(people, "NORP", country)]))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db: Path = tmp_path_factory.mktemp("u3speakers") / "store.db"
    with open_store(db) as s:
        for article in _articles():
            _, article_id = s.store_page(RawPage(body=article.text.encode(), origin=article.url or "",
                                                 url=article.url), article)
            s.after_store_entities(article_id, article)
        s.conn.commit()
        yield s


@pytest.mark.parametrize(("country", "people"), NAMES)
def test_a_person_named_as_a_country_is_not_its_people(store: Any, country: str, people: str) -> None:
    persons = [r[0] for r in store.conn.execute("SELECT id FROM entities WHERE type = 'PERSON' AND name = ?",
                                                (country,))]
    nationality = store.conn.execute("SELECT id FROM entities WHERE type = 'NORP' AND name = ?", (country,)).fetchall()
    assert len(persons) == 1 and len(nationality) == 1  # both filed under the very name
    found = store.search_quotes(speaker=country, limit=50)
    assert [q["speaker"] for q in found] == [country]
    assert store.count_quotes(speaker=country) == 1
    # the people are still found by what they are called
    assert sorted(q["speaker"] for q in store.search_quotes(speaker=people, limit=50)) == [people, people]


def test_a_country_with_no_person_of_its_name_still_finds_its_people(store: Any) -> None:
    assert [q["speaker"] for q in store.search_quotes(speaker="Australia", limit=50)] == ["Australians"] * 2
