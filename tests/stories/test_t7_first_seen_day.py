"""T7: an undated article is dated by when the store first saw it (its first_seen), not by the day it is
placed, so placing it again months later (re-ingest, reprocess, repair) neither re-dates it nor makes its
quiet story look live. Real store and clusterer in memory; the clock is faked by writing first_seen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.stories.cluster import Clusterer, collected_now
from newsdesk.stories.features import terms, tf_weights

from .stories_data import ELECTION, QUAKE

TODAY = float(int(collected_now()))
DAY = TODAY - 90.0  # the day the quake reports were first seen; "now" is 90 days later


@pytest.fixture
def store() -> Iterator[Store]:
    store = open_store(":memory:")
    yield store
    store.close()


def _stamp(day: float) -> str:
    return (date(1970, 1, 1) + timedelta(days=int(day))).isoformat() + "T12:00:00+00:00"


def _stored(store: Store, name: str, title: str, text: str, first_seen: float,
            published: str | None = None) -> tuple[int, Article]:
    article = Article(title=title, text=text, url=f"https://example.org/{name}", published=published)
    _, article_id = store.store_page(RawPage(body=text.encode(), origin=f"t7:{name}", kind_hint="text"), article)
    store.conn.execute("UPDATE articles SET first_seen = ? WHERE id = ?", (_stamp(first_seen), article_id))
    return article_id, article


def _placed_row(store: Store, article_id: int) -> tuple[int, float, float]:
    row = store.conn.execute("SELECT story_id, day, seen FROM story_articles WHERE article_id = ?",
                             (article_id,)).fetchone()
    return int(row[0]), float(row[1]), float(row[2])


def _story(store: Store, story_id: int) -> tuple[float, float]:
    row = store.conn.execute("SELECT last_day, seen_day FROM stories WHERE id = ?", (story_id,)).fetchone()
    return float(row[0]), float(row[1])


def test_an_undated_article_placed_again_keeps_its_first_seen_day(store: Store) -> None:
    quake = [_stored(store, f"quake/{i}", *report, DAY) for i, report in enumerate(QUAKE)]
    for article_id, article in quake:
        store.after_store_stories(article_id, article)
    story_id = _placed_row(store, quake[0][0])[0]
    assert {_placed_row(store, a)[0] for a, _ in quake} == {story_id}
    assert _placed_row(store, quake[0][0])[1:] == (DAY + 0.5, DAY + 0.5)
    # Today's news: the quake story is quiet by now.
    for i, report in enumerate(ELECTION):
        store.after_store_stories(*_stored(store, f"election/{i}", *report, TODAY))
    status = {s["id"]: s["status"] for s in store.stories(limit=10)}
    assert status[story_id] == "quiet"

    # Reprocess one quake report today: same first_seen, a changed text.
    article_id, article = quake[1]
    changed = Article(title=article.title, text=(article.text or "") + " Aftershocks were felt.", url=article.url)
    assert store.replace_article(article_id, changed)
    store.after_store_stories(article_id, changed)

    assert _placed_row(store, article_id) == (story_id, DAY + 0.5, DAY + 0.5)
    assert _story(store, story_id) == (DAY + 0.5, DAY + 0.5)
    assert {s["id"]: s["status"] for s in store.stories(limit=10)}[story_id] == "quiet"
    # An undated report collected today does not find the quake story through the collection window.
    clusterer = Clusterer(store.conn)
    weights = tf_weights(terms(*QUAKE[2]))
    idfs = clusterer.idfs(weights)
    assert story_id not in clusterer.candidates({t: w * idfs[t] for t, w in weights.items()}, None, TODAY)


def test_a_dated_article_placed_again_counts_as_collected_when_first_seen(store: Store) -> None:
    """The `seen` day is first_seen for a dated article too: only the date of an undated one falls back to it."""
    article_id, article = _stored(store, "dated", *QUAKE[0], DAY, published="2023-09-08")
    store.after_store_stories(article_id, article)
    store.after_store_stories(article_id, article)
    story_id, day, seen = _placed_row(store, article_id)
    assert day == float((date(2023, 9, 8) - date(1970, 1, 1)).days) and seen == DAY + 0.5
    assert _story(store, story_id)[1] == DAY + 0.5
