"""Helpers for the entity and quote tests: annotate a text, store annotated articles."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.understand import nlp, speaker_phrase, speakers
from newsdesk.understand.annotate import Annotator

_annotator: Annotator | None = None


def annotate(text: str, **fields: object) -> Article:
    global _annotator
    _annotator = _annotator or Annotator()
    paragraphs = tuple(p for p in text.split("\n\n") if p.strip())
    return _annotator.annotate(Article(text=text, paragraphs=paragraphs, language="en", **fields))  # type: ignore[arg-type]


def quotes_of(text: str) -> list[dict]:
    """The quotes of `text` annotated as an English article, as the analyze JSON gives them."""
    return annotate(text).to_dict()["quotes"]  # type: ignore[no-any-return]


def speaker_of(text: str, words: str) -> str | None:
    """The speaker of the quote of `text` whose words hold `words` (the test fails if none does)."""
    quotes = annotate(text).quotes
    q = next((q for q in quotes if words in q.text), None)
    assert q is not None, quotes
    return q.speaker


def phrase_of(text: str, head: str) -> str:
    """The speaker phrase (`speaker_phrase.phrase`) of the first token of `text` written `head`."""
    doc = nlp.load_nlp()(text)
    return speaker_phrase.phrase(next(t for t in doc if t.text == head))


def linear_ranker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rank speakers with the tensor ranker alone, without the boosted trees shipped on top of it
    (`speakers.BOOSTED_FILE`), for the rest of the test: for tests of a switch made for what the linear
    ranker gets wrong, whose "without it" half the trees, trained with the switch on, partly reach on
    their own. Cached parses are dropped now and when the test ends (`monkeypatch` undoes the rest)."""
    shipped = speakers.tensor_ranker()
    assert shipped is not None and shipped.boosted is not None, "the trees are shipped"
    monkeypatch.setattr(speakers, "tensor_ranker", lambda: shipped._replace(boosted=None))
    monkeypatch.setattr(nlp, "_cache", OrderedDict())  # a fresh cache, the old one back afterwards


def entity_types(text: str) -> dict[str, set[str]]:
    """Each entity text of the annotated text → the types it was given."""
    out: dict[str, set[str]] = {}
    for e in annotate(text).entities:
        out.setdefault(e.text, set()).add(e.type)
    return out


def store_text(store: Store, text: str, origin: str, **fields: object) -> int:
    """`text` annotated with the article `fields`, stored as a page from `origin` and run through the
    entity hook; its article id."""
    article = annotate(text, **fields)
    _, article_id = store.store_page(RawPage(body=text.encode(), origin=origin, url=article.url), article)
    store.after_store_entities(article_id, article)
    return article_id


def store_texts(db: Path, texts: list[str]) -> tuple[Store, list[int]]:
    """A real SQLite store with each text annotated, stored and run through the entity hook."""
    store = open_store(db)
    ids = [store_text(store, text, f"story-{i}", url=f"https://news.example/{i}", title=f"Story {i}",
                      published=f"2026-01-{i + 1:02d}T09:00:00+00:00") for i, text in enumerate(texts)]
    return store, ids
