"""S20: quote search (`newsdesk quotes --about`, Store.search_quotes) matches a quote's words in the
language of its article. It checked English stems in every language: of the 33 French quotes here
holding 'français', 'française' or 'françaises', each of the three found 9; 'national' found none
of the 6 holding 'nationale', 'présent' 4 of the 6 holding a form of it.

The test does not depend on what the understand stage finds in French (it reads French quotes
since session 17, F6): each of the corpus's French pages gets sentences of its own text as
quotes, stored through the store's own writes, so every form counted is there to be found. What is expected is read from the quotes' texts
(their words stemmed by the French Snowball stemmer), not from a search.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.errors import Rejected
from newsdesk.extract import extract
from newsdesk.records import Article, Quote, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store import search_languages as langs

SPEAKER = "Porte-parole"
QUOTES_A_PAGE = 3


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if 60 <= len(s) <= 300 and '"' not in s]


def with_quotes(article: Article) -> Article:
    """The article with its first sentences of 60 to 300 characters as quotes of SPEAKER."""
    quotes = []
    for sentence in _sentences(article.text)[:QUOTES_A_PAGE]:
        start = article.text.index(sentence)
        quotes.append(Quote(text=sentence, kind="indirect", start=start, end=start + len(sentence), speaker=SPEAKER,
                            cue="a déclaré"))
    return dataclasses.replace(article, quotes=tuple(quotes))


def store_french_quotes(store: Store, shared: Path) -> None:
    for line in (shared / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["language"] != "fr":
            continue
        path = shared / "corpus" / entry["path"]
        raw = RawPage(body=path.read_bytes(), origin=str(path), url=entry["url"])
        try:
            article = extract(raw)
            ident = store.store_page(raw, article)[1]
        except Rejected:
            continue
        if article.language == "fr":  # found by the language the store gives it
            store.after_store_entities(ident, with_quotes(article))


def quote_texts(store: Store) -> dict[int, str]:
    return {r[0]: r[1] for r in store.conn.execute(
        "SELECT q.id, q.text FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.language = 'fr'")}


def _stems(text: str) -> set[str]:
    return {str(t) for t in langs.analyzer("french").analyze(text)}


def oracle(quotes: dict[int, str], word: str) -> set[int]:
    """The quotes holding a word with the French stem of `word`."""
    wanted = langs.stem_in(word, "french")
    return {i for i, text in quotes.items() if wanted in _stems(text)}


def form_queries(quotes: dict[int, str], most: int = 16) -> list[str]:
    """Words of 6 letters or more written in two forms or more (one French stem) across the quotes,
    each form a query: the forms porter does or does not join are the corpus's own."""
    forms: dict[str, set[str]] = collections.defaultdict(set)
    for text in quotes.values():
        for word in re.findall(r"[^\W\d_]{6,}", text.lower()):
            forms[langs.stem_in(word, "french")].add(word)
    several = sorted((sorted(f) for f in forms.values() if len(f) > 1), key=lambda f: (-len(f), f))
    return [w for f in several for w in f][:most]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Iterator[Store]:
    s = open_store(tmp_path_factory.mktemp("s20q") / "desk.db")
    store_french_quotes(s, shared_dir)
    yield s
    s.close()


def _found(store: Store, about: str) -> set[int]:
    return {q["id"] for q in store.search_quotes(about=about, limit=100)}


def test_the_corpus_gives_french_quotes_with_forms(store: Store) -> None:
    quotes = quote_texts(store)
    assert len(quotes) >= 100 and len(form_queries(quotes)) >= 10


def test_about_a_word_finds_the_quotes_holding_its_french_forms(store: Store) -> None:
    quotes = quote_texts(store)
    wrong = {w: (len(_found(store, w)), len(oracle(quotes, w))) for w in form_queries(quotes)
             if _found(store, w) != oracle(quotes, w)}
    assert not wrong  # word: (found, expected)


def test_the_cli_finds_the_same_quotes(store: Store) -> None:
    quotes = quote_texts(store)
    db = store.conn.execute("PRAGMA database_list").fetchone()[2]
    for word in form_queries(quotes)[:4]:
        result = CliRunner().invoke(main, ["quotes", "--about", word, "--db", db, "--json", "--limit", "100"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert {q["id"] for q in json.loads(result.stdout)} == oracle(quotes, word), word


def test_two_words_are_both_matched_in_french(store: Store) -> None:
    quotes = quote_texts(store)
    first, second = form_queries(quotes)[0], form_queries(quotes)[-1]
    assert _found(store, f"{first} {second}") == oracle(quotes, first) & oracle(quotes, second)
