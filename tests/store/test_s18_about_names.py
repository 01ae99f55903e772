"""Quote search, several words in `about` (S18): words that together name a country ('united states',
'north korea') or an entity the store knows by that name ('White House') are one term, matched as a
phrase, and a country's name finds its other names and its people ('united states': 'American',
'U.S.', never the pronoun 'us'); a "quoted phrase" is a phrase; other words each match anywhere."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from quote_helpers import minister_quotes

from newsdesk.records import Entity, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store import search_index as si

QUOTES = {
    "us_name": "the United States will act",
    "american": "American officials agreed",
    "us_short": "the U.S. will not pay",
    "pronoun": "they told us nothing about the states",
    "apart": "a united front of several states",
    "house": "the White House has no comment",
    "white": "the house was painted white",
    "north_korean": "North Korean troops moved",
    "south": "South Korea and the north met",
}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    si.forget_readers()
    path = tmp_path / "desk.db"
    store = open_store(path)
    article = minister_quotes(list(QUOTES.values()), url="https://news.example/q",
                              published="2026-04-01T09:00:00+00:00")
    at = article.text.index("White House")
    article = article.replace(entities=(Entity(text="White House", type="ORG", start=at, end=at + 11),))
    store.after_store_entities(store.store_page(RawPage(body=article.text.encode(), origin="q"), article)[1], article)
    store.close()
    yield path
    si.forget_readers()


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    s = open_store(db)
    yield s
    s.close()


def _quotes(store: Store, about: str) -> set[str]:
    return {q["text"] for q in store.search_quotes(about=about)}


def test_a_country_of_several_words_is_one_name(store: Store) -> None:
    usa = {QUOTES["us_name"], QUOTES["american"], QUOTES["us_short"]}
    assert _quotes(store, "united states") == usa
    assert _quotes(store, "United States of America") == usa
    assert _quotes(store, "american") == usa  # and back
    assert _quotes(store, "north korea") == {QUOTES["north_korean"]}
    assert _quotes(store, "north korean") == {QUOTES["north_korean"]}


def test_a_name_the_store_knows_is_a_phrase(store: Store) -> None:
    assert _quotes(store, "white house") == {QUOTES["house"]}
    assert _quotes(store, "White House comment") == {QUOTES["house"]}  # the name, and a word anywhere
    assert _quotes(store, '"house was"') == {QUOTES["white"]}  # a quoted phrase is a phrase
    assert _quotes(store, "house white") == {QUOTES["house"], QUOTES["white"]}  # no name: words apart


def test_quotes_command_about_a_country_of_two_words(db: Path) -> None:
    from newsdesk.cli import main

    run = CliRunner().invoke(main, ["quotes", "--db", str(db), "--about", "united states", "--json"])
    assert run.exit_code == 0, run.output
    assert {q["text"] for q in json.loads(run.stdout)} == {QUOTES["us_name"], QUOTES["american"], QUOTES["us_short"]}
