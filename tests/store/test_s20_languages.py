"""S20: search in the language of each article, on the corpus's own French and German pages
(../shared/corpus, found by the language the store gives them), through both engines.

- A word finds the articles holding one of its forms by the stemmer of the article's language,
  through FTS5 too (it stemmed every article with English porter: 'française' found 15 of the 44
  French pages holding 'français', 'française' or 'françaises'; the index found all 44).
- A prefix* finds the articles holding a word that begins with it, in any language: the index
  holds stems, and a prefix that cuts into a French or German word's ending found nothing
  ('frança*', 'politiq*', 'regieru*': the stems are 'franc', 'polit', 'regier').
- Articles the index has not caught up with (searched with FTS5 beside it) are found alike.

What is expected is read from the texts here (each article's words, stemmed by its language's
Snowball stemmer, or as written for a prefix), not from a search.
"""

from __future__ import annotations

import collections
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from search_helpers import without_index

from newsdesk.errors import Rejected
from newsdesk.extract import extract
from newsdesk.records import RawPage
from newsdesk.store import Store, open_store
from newsdesk.store import search_index as si
from newsdesk.store import search_languages as langs
from newsdesk.store.desk import Filters

LANGUAGES = ("fr", "de")
ENGLISH_PAGES = 12  # English raw pages beside them: their words must not leak into the others' answers


def corpus_pages(shared: Path) -> list[tuple[RawPage, str]]:
    """Every corpus page the manifest does not give as English, and the first English raw pages,
    each with the manifest's language."""
    pages, english = [], 0
    for line in (shared / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["language"] == "en":
            english += 1
            if english > ENGLISH_PAGES or entry["form"] == "converted-html":
                continue
        path = shared / "corpus" / entry["path"]
        pages.append((RawPage(body=path.read_bytes(), origin=str(path), url=entry["url"]), entry["language"]))
    return pages


def store_corpus(store: Store, shared: Path, pages: list[tuple[RawPage, str]] | None = None) -> None:
    for raw, _ in pages if pages is not None else corpus_pages(shared):
        try:
            store.store_page(raw, extract(raw))
        except Rejected:
            continue


def texts_in(store: Store, language: str) -> dict[int, str]:
    """{id: title and body} of the stored articles the store gives this language."""
    return {r[0]: f"{r[1] or ''}\n{r[2] or ''}" for r in store.conn.execute(
        "SELECT id, title, text FROM articles WHERE kind = 'article' AND language = ?", (language,))}


def _folded(text: str) -> list[str]:
    return [str(t) for t in langs.analyzer(None).analyze(text)]


def word_oracle(texts: dict[int, str], language: str, word: str) -> set[int]:
    """The articles holding a word with the query word's stem in their language."""
    group = langs.group_of(language)
    wanted = langs.stem_in(word.lower(), group)
    return {i for i, text in texts.items() if wanted in {str(t) for t in langs.analyzer(group).analyze(text)}}


def prefix_oracle(texts: dict[int, str], prefix: str) -> set[int]:
    """The articles holding a word that begins with the prefix (case and accents folded)."""
    [folded] = _folded(prefix)
    return {i for i, text in texts.items() if any(w.startswith(folded) for w in _folded(text))}


def query_words(texts: dict[int, str], most: int = 25) -> list[str]:
    """Words of 8 letters or more that 2 to 30 of these articles hold, the most common first: the
    queries (a word and its prefix less two letters) are the corpus's own words."""
    counts: collections.Counter[str] = collections.Counter()
    for text in texts.values():
        counts.update({w.lower() for w in re.findall(r"[^\W\d_]{8,}", text)})
    return sorted((w for w, n in counts.items() if 2 <= n <= 30), key=lambda w: (-counts[w], w))[:most]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Iterator[Store]:
    si.forget_readers()
    store = open_store(tmp_path_factory.mktemp("s20") / "desk.db")
    store_corpus(store, shared_dir)
    yield store
    store.close()
    si.forget_readers()


def _found(store: Store, query: str, language: str) -> set[int]:
    return {r["id"] for r in store.desk_search(query, Filters(language=language), limit=100)}


def _engines(store: Store) -> Iterator[str]:
    si.sync_search_index(store)
    si.forget_readers()
    yield "index"
    without_index(store)
    try:
        yield "fts5"
    finally:
        hidden = si.index_dir(si.db_path_of(store.conn))
        hidden.with_name(hidden.name + ".hidden").rename(hidden)
        si.forget_readers()


def test_the_corpus_has_french_and_german_articles(corpus: Store) -> None:
    for language in LANGUAGES:
        assert len(texts_in(corpus, language)) >= 8, language


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_word_finds_its_forms_in_the_articles_language(corpus: Store, language: str) -> None:
    texts = texts_in(corpus, language)
    words = query_words(texts)
    for engine in _engines(corpus):
        wrong = {w: (len(_found(corpus, w, language)), len(word_oracle(texts, language, w))) for w in words
                 if _found(corpus, w, language) != word_oracle(texts, language, w)}
        assert not wrong, (engine, wrong)  # word: (found, expected)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_prefix_finds_the_words_it_begins_in_any_language(corpus: Store, language: str) -> None:
    texts = texts_in(corpus, language)
    prefixes = [w[:-2] for w in query_words(texts)]
    for engine in _engines(corpus):
        wrong = {p: (len(_found(corpus, p + "*", language)), len(prefix_oracle(texts, p))) for p in prefixes
                 if _found(corpus, p + "*", language) != prefix_oracle(texts, p)}
        assert not wrong, (engine, wrong)  # prefix: (found, expected)


def test_the_engines_agree_without_a_language_filter(corpus: Store) -> None:
    """No filter: a French word's French articles, a German prefix's German ones, as filtered."""
    fr, de = texts_in(corpus, "fr"), texts_in(corpus, "de")
    word, prefix = query_words(fr)[0], query_words(de)[0][:-2]
    for engine in _engines(corpus):
        everywhere = {r["id"] for r in corpus.desk_search(word, limit=100)}
        assert everywhere & set(fr) == word_oracle(fr, "fr", word), engine
        everywhere = {r["id"] for r in corpus.desk_search(prefix + "*", limit=100)}
        assert everywhere & set(de) == prefix_oracle(de, prefix), engine


def test_articles_the_index_lacks_are_found_in_their_language(tmp_path: Path, shared_dir: Path) -> None:
    """The German pages stored after the index's last sync are searched with FTS5 beside it."""
    si.forget_readers()
    store = open_store(tmp_path / "desk.db")
    pages = corpus_pages(shared_dir)
    german = [p for p in pages if p[1] == "de"]
    store_corpus(store, shared_dir, [p for p in pages if p[1] != "de"])
    si.sync_search_index(store)
    si.forget_readers()
    store_corpus(store, shared_dir, german)
    texts = texts_in(store, "de")
    assert si.pending_ids(store.conn, si.reader_for(si.db_path_of(store.conn)).watermark, 100)  # type: ignore[union-attr]
    try:
        for w in query_words(texts):
            assert _found(store, w, "de") == word_oracle(texts, "de", w), w
            assert _found(store, w[:-2] + "*", "de") == prefix_oracle(texts, w[:-2]), w
    finally:
        store.close()
        si.forget_readers()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_hit_marks_the_form_found(corpus: Store, language: str) -> None:
    """The snippet (or the title) marks the form of the word that search found in the article's
    language: the marks looked for English stems, and 31 of the 44 French pages 'française' finds
    showed none ('français' and 'françaises' are its forms in French, not in English)."""
    from newsdesk.store.snippets import MARK_OPEN

    for engine in _engines(corpus):
        for word in query_words(texts_in(corpus, language), 10):
            hits = corpus.desk_search(word, Filters(language=language), limit=100)
            unmarked = [h["id"] for h in hits if MARK_OPEN not in h["snippet"] + h.get("title_marked", "")]
            assert not unmarked, (engine, word, unmarked)


def test_a_phrase_prefix_gets_one_answer_from_both_engines(corpus: Store) -> None:
    """'"assemblée nationa"*': the stems of the phrase, then a prefix of a stem, in the index and in
    FTS5 alike (FTS5 asked the words as written, and porter's hits on French pages stood beside them).
    The phrases are two words of the French pages, written together in 2 of them or more. (A last
    word cut past its stem finds nothing in either: '"langue frança"*', the stem of 'française'
    being 'franc'; a phrase prefix is matched against stems, a lone prefix against words.)"""
    texts = texts_in(corpus, "fr")
    pairs: collections.Counter[str] = collections.Counter()
    for text in texts.values():
        words = re.findall(r"[^\W\d_]+", text.lower())
        pairs.update({f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if len(a) >= 5 and len(b) >= 7})
    phrases = sorted((p for p, n in pairs.items() if n >= 2), key=lambda p: (-pairs[p], p))[:12]
    answers: dict[str, list[set[int]]] = {p: [] for p in phrases}
    for _ in _engines(corpus):
        for phrase in phrases:
            answers[phrase].append(_found(corpus, f'"{phrase[:-2]}"*', "fr"))
    assert sum(bool(found[0]) for found in answers.values()) >= len(phrases) // 2
    assert {p: [len(f) for f in found] for p, found in answers.items() if found[0] != found[1]} == {}
