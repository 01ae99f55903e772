"""A story's members as the repair steps read and rewrite them: whether a story is still live,
its time span, its articles' rows, its articles' labels, and its centroid rebuilt from its members.
"""

from __future__ import annotations

import json
import sqlite3

from newsdesk.stories.cluster import Clusterer, StoryState
from newsdesk.stories.features import When


def live_story(clusterer: Clusterer, story_id: int) -> StoryState | None:
    """The story, loaded, while it has articles and no merge took it; None once it is gone."""
    row = clusterer.conn.execute("SELECT merged_into, size FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None or row[0] is not None or row[1] <= 0:
        return None
    return clusterer.load_story(story_id)


def story_when(story: StoryState) -> When | None:
    """A story's time as one When: the middle of its days, its slack widened by half their span."""
    if story.first_day is None or story.last_day is None:
        return None
    middle = (story.first_day + story.last_day) / 2
    return When(middle, story.slack + (story.last_day - story.first_day) / 2)


def member_rows(clusterer: Clusterer, story_id: int) -> list[tuple[int, dict[str, float], float | None, float]]:
    """A story's articles as (article id, terms, day, slack), by article id."""
    rows = clusterer.conn.execute("SELECT article_id, terms, day, slack FROM story_articles WHERE story_id = ?"
                                  " ORDER BY article_id", (story_id,)).fetchall()
    return [(r[0], json.loads(r[1]), r[2], r[3]) for r in rows]


def label_articles(conn: sqlite3.Connection, story_id: int) -> None:
    """Write a story's id into its stored articles' records (no-op for articles not stored)."""
    conn.execute("UPDATE articles SET data = json_set(data, '$.story_id', ?) WHERE id IN"
                 " (SELECT article_id FROM story_articles WHERE story_id = ?)", (str(story_id), story_id))


def rebuild(clusterer: Clusterer, story: StoryState, now: str) -> None:
    """Recompute a story's centroid, size and days from its articles."""
    members = member_rows(clusterer, story.id)
    story.terms, story.size = {}, len(members)
    for _, terms, _, _ in members:
        for t, w in terms.items():
            if w:  # an article's zero-weight `marks` are for the pair model, not the centroid
                story.terms[t] = story.terms.get(t, 0.0) + w
    days = [m[2] for m in members if m[2] is not None]
    story.first_day, story.last_day = (min(days), max(days)) if days else (None, None)
    story.slack = max((m[3] for m in members), default=0.0)
    # The members' latest collection (a split leaves each part its own); the story's own when none is known.
    seen = clusterer.conn.execute("SELECT max(seen) FROM story_articles WHERE story_id = ?", (story.id,)).fetchone()[0]
    story.seen = story.seen if seen is None else seen
    headline = clusterer.conn.execute(
        "SELECT a.title FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?"
        " AND a.title IS NOT NULL ORDER BY s.day, s.article_id LIMIT 1", (story.id,)).fetchone()
    if headline:
        clusterer.conn.execute("UPDATE stories SET headline = ? WHERE id = ?", (headline[0], story.id))
    clusterer.save_story(story, now)
