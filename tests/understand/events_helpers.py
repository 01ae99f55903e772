"""A small real store of coded articles for the event store, export, CLI and web tests."""

from __future__ import annotations

from pathlib import Path

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.understand.events import EventCoder

ARTICLES = [
    ("2026-02-02T09:00:00+00:00", "US and Iranian diplomats held indirect negotiations in Oman on Saturday."),
    ("2026-02-04T09:00:00+00:00", "Iran refuses to negotiate its missile program with the United States."),
    ("2026-02-06T09:00:00+00:00", "American warplanes bombed Iranian positions near the border, killing six "
                                  "soldiers.\n\nTehran condemned the strikes."),
    ("2026-02-09T09:00:00+00:00", "Israeli Prime Minister Benjamin Netanyahu is set to press US President "
                                  "Donald Trump on his upcoming meeting in Washington."),
]


def in_sentence(coder: EventCoder, text: str, start: str) -> list[dict]:
    """The events `coder` codes in an English text's sentence that starts with `start`."""
    events = coder.code(Article(text=text, language="en")).events
    return [e for e in events if e["sentence"].startswith(start)]


def store_events(db: Path, articles: list[tuple[str, str]] = ARTICLES) -> Store:
    store = open_store(db)
    coder = EventCoder()
    hooks = store.after_store_hooks()
    for i, (published, text) in enumerate(articles):
        url = f"https://news.example.org/{i}"
        article = coder.code(Article(text=text, url=url, title=f"Story {i}", published=published, language="en"))
        _, article_id = store.store_page(RawPage(body=text.encode(), origin=url, url=url), article)
        for hook in hooks:
            if hook.__name__ == "after_store_events":
                hook(article_id, article)
    return store
