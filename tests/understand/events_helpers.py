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


# The day of the one-article stores `stored_in_sentence` makes.
DAY = "2026-03-02T09:00:00+00:00"


def stored_in_sentence(tmp_path: Path, text: str, start: str) -> list[dict]:
    """The stored events of `text`'s sentence that starts with `start`, through a real store (a new one
    in `tmp_path` at each call)."""
    with store_events(tmp_path / f"desk-{len(list(tmp_path.iterdir()))}.db", [(DAY, text)]) as store:
        return [e for e in store.events() if e["sentence"].startswith(start)]


def kept_but_not_stored(coder: EventCoder, tmp_path: Path, text: str, start: str, code: str) -> str | None:
    """Check the analysis still codes the sentence (root `code`) and the store holds none of it;
    the reason the coder gave."""
    coded = in_sentence(coder, text, start)
    assert any(e["cameo"].startswith(code) for e in coded), coded  # the analysis is not lowered
    assert not stored_in_sentence(tmp_path, text, start)
    return next(e.get("unsure") for e in coded if e["cameo"].startswith(code))
