"""Quote search: a word naming a country or its people finds the country's names and demonyms
('about=iran' finds "Iranian officials", 'Iranian' finds "Iran"), as the plural prefix rule did
before stemming (migration 034); any other word finds only its own forms ('new' is not 'news')."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from quote_helpers import minister_quotes

from newsdesk.records import RawPage
from newsdesk.store import Store, open_store
from newsdesk.store import search_index as si
from newsdesk.store.search_index import has_stems

QUOTES = {
    "iranian": "Iranian officials rejected the plan",
    "iran": "Iran will not bow to pressure",
    "israelis": "Israelis are tired of this war",
    "chinese": "the Chinese delegation left early",
    "us": "the press told us nothing at all",
    "kurdish": "Kurdish fighters held the town",
    "irish": "the Irish ambassador kept quiet",
    "new": "the new rules start today",
    "news": "the news was bad for everyone",
}


def _fill(store: Store) -> None:
    """One article whose quotes are QUOTES, through the store's own writes."""
    article = minister_quotes(list(QUOTES.values()), url="https://news.example/q",
                              published="2026-03-01T09:00:00+00:00")
    store.after_store_entities(store.store_page(RawPage(body=article.text.encode(), origin="q"), article)[1], article)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    si.forget_readers()
    path = tmp_path / "desk.db"
    store = open_store(path)
    _fill(store)
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


def test_a_country_finds_its_demonym_and_back(store: Store) -> None:
    both = {QUOTES["iranian"], QUOTES["iran"]}
    assert _quotes(store, "iran") == both
    assert _quotes(store, "Iranian") == both and _quotes(store, "iranians") == both
    assert _quotes(store, "israel") == {QUOTES["israelis"]}
    assert _quotes(store, "china") == {QUOTES["chinese"]}
    # each word of `about` is still needed: the plan is the Iranians'
    assert _quotes(store, "iran plan") == {QUOTES["iranian"]}


def test_other_words_stay_themselves(store: Store) -> None:
    assert _quotes(store, "news") == {QUOTES["news"]}
    assert _quotes(store, "new") == {QUOTES["new"]}  # no return of the prefix rule
    assert _quotes(store, "american") == set()  # 'us' is a pronoun before it is the United States
    assert _quotes(store, "iraq") == set()  # Kurds are no people of Iraq's alone
    assert _quotes(store, "ireland") == {QUOTES["irish"]}


def test_quotes_command_about_a_country(db: Path) -> None:
    """`newsdesk quotes --about iran` lists what was said about Iran, in Iran's name or its people's."""
    from click.testing import CliRunner

    from newsdesk.cli import main

    run = CliRunner().invoke(main, ["quotes", "--db", str(db), "--about", "iran", "--json"])
    assert run.exit_code == 0, run.output
    assert {q["text"] for q in json.loads(run.stdout)} == {QUOTES["iranian"], QUOTES["iran"]}


def test_has_stems_takes_any_form_of_a_word() -> None:
    assert has_stems("Iranian officials rejected it", "iran|iranian offici")
    assert not has_stems("Iranian officials rejected it", "iran|iranian plan")
    assert has_stems("talks with the United States", "america|unit+state")
    assert not has_stems("the states were united", "america|unit+state+of+america")
    assert has_stems("les élections iraniennes", "elect")  # an accented word still folds to its stem
