"""The repair pass's re-clustering steps (see repair.py): a changed story's neighbourhood
re-clustered by average linkage over the pair model's probabilities (`recluster`), and an
article moved to another story that suits it clearly better (`reassign`).
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsdesk.stories import pairs
from newsdesk.stories.cluster import Clusterer
from newsdesk.stories.features import When
from newsdesk.stories.members import label_articles, live_story, member_rows, rebuild, story_when

# How much better (mean same-event probability) another story must suit an article for the repair
# pass to move it there. Not tuned yet (a guess: clear enough not to flip back and forth).
MOVE_MARGIN = 0.1
# Whether the repair pass re-clusters each changed story's neighbourhood by average linkage, with
# its cut (mean same-event probability) and the largest neighbourhood it will take on (articles).
# The cut: 0.45 against 0.3 on the whole dev files (ECB+ 0.906 vs 0.901, GVC 0.976 both); LOCAL_MAX
# a guess bounding the cost (a 150-article neighbourhood is ~11k pairs).
RECLUSTER = True
LOCAL_THRESHOLD = 0.45
LOCAL_MAX = 150
# How many nearest stories join a changed story's neighbourhood. ECB+ dev B³ F1 6 -> 0.906, 10 -> 0.917
# (one run each), but cross-validated over topics (`benchmarks/clustering.py --cv`) 10 lost: ECB+ 0.898
# against 0.904 at 6, GVC 0.976 both.
NEIGHBOURS = 6


def recluster(clusterer: Clusterer, story_id: int, now: str) -> int:
    """Re-cluster a story's neighbourhood (it and its `NEIGHBOURS` nearest stories) by average linkage.

    The greedy pass saw each article once, in arrival order; here every article of the
    neighbourhood is compared with every other (pair model), cut at `LOCAL_THRESHOLD`, and
    articles move to match. Bounded: a neighbourhood over `LOCAL_MAX` articles is left alone.
    """
    story = live_story(clusterer, story_id)
    if story is None:
        return 0
    idfs = clusterer.idfs(story.terms)
    vector = {t: w * idfs[t] for t, w in story.terms.items()}
    stories = [story, *clusterer.ranked_stories(vector, idfs, story_when(story), exclude=story_id, limit=NEIGHBOURS,
                                                seen=story.seen)]
    members = [(s.id, m) for s in stories for m in member_rows(clusterer, s.id)]
    if len(members) < 2 or len(members) > LOCAL_MAX:
        return 0
    idfs = clusterer.idfs({t for _, m in members for t in m[1]})
    sides = [pairs.side(m[1], idfs, None if m[2] is None else When(m[2], m[3])) for _, m in members]
    labels = average_link_labels(sides, LOCAL_THRESHOLD)
    return _relabel(clusterer, [(sid, m[0]) for sid, m in members], labels, now)


def average_link_labels(sides: list[pairs.Side], threshold: float) -> list[int]:
    """Average-linkage clusters over the pair model's probabilities, cut at `threshold`."""
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(sides)
    condensed = 1.0 - pairs.probability_matrix(sides)[np.triu_indices(n, 1)]
    return [int(x) for x in fcluster(linkage(condensed, method="average"), 1.0 - threshold, criterion="distance")]


def _relabel(clusterer: Clusterer, placed: list[tuple[int, int]], labels: list[int], now: str) -> int:
    """Move articles (story, article) so each new cluster is one story; the largest share keeps its id."""
    clusters: dict[int, list[tuple[int, int]]] = {}
    for pair, label in zip(placed, labels, strict=True):
        clusters.setdefault(label, []).append(pair)
    taken: set[int] = set()
    target: dict[int, int] = {}  # article -> story
    for group in sorted(clusters.values(), key=len, reverse=True):
        counts: dict[int, int] = {}
        for sid, _ in group:
            counts[sid] = counts.get(sid, 0) + 1
        free = [sid for sid in sorted(counts, key=counts.__getitem__, reverse=True) if sid not in taken]
        sid = free[0] if free else _new_story(clusterer, now)
        taken.add(sid)
        target.update((aid, sid) for _, aid in group)
    moving = [(aid, sid, old) for old, aid in placed if (sid := target[aid]) != old]
    if not moving:
        return 0
    clusterer.conn.executemany("UPDATE story_articles SET story_id = ? WHERE article_id = ?",
                               [(sid, aid) for aid, sid, _ in moving])
    for sid in {sid for sid, _ in placed} | taken:
        story = clusterer.load_story(sid)
        rebuild(clusterer, story, now)
        heirs = Counter(new for _, new, old in moving if old == sid)
        if story.size == 0 and heirs:  # an emptied story answers with where most of it went
            clusterer.conn.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (heirs.most_common(1)[0][0], sid))
    for sid in taken:
        label_articles(clusterer.conn, sid)
    return len(moving)


def _new_story(clusterer: Clusterer, now: str) -> int:
    cur = clusterer.conn.execute("INSERT INTO stories(size, created_at, updated_at) VALUES (0, ?, ?)", (now, now))
    return int(cur.lastrowid or 0)


def reassign(clusterer: Clusterer, story_id: int, now: str) -> int:
    """Move each article of a story to another story that suits it clearly better.

    The greedy pass placed an article with what it knew then; once later articles have
    shaped both stories, an article whose mean same-event probability with another story's
    members beats its own story's by `MOVE_MARGIN` (and reaches the join threshold) moves.
    """
    moved = 0
    for article_id, weights, day, slack in member_rows(clusterer, story_id):
        story = live_story(clusterer, story_id)
        if story is None:
            break
        when = None if day is None else When(day, slack)
        idfs = clusterer.idfs(weights)
        me = pairs.side(weights, idfs, when)
        vector = {t: w * idfs[t] for t, w in weights.items()}
        others = clusterer.ranked_stories(vector, idfs, when, exclude=story_id, seen=story.seen)
        groups = clusterer.member_sides([story_id, *(o.id for o in others)], exclude=article_id)
        scores = pairs.group_scores(me, groups)
        own_p = scores.pop(story_id, 0.0)
        if not scores:
            continue
        best_id = max(scores, key=scores.__getitem__)
        score, best = scores[best_id], next(o for o in others if o.id == best_id)
        if score < clusterer.join_threshold or score < own_p + MOVE_MARGIN:
            continue
        clusterer.conn.execute("UPDATE story_articles SET story_id = ?, similarity = ? WHERE article_id = ?",
                               (best.id, score, article_id))
        for target in (story, best):
            rebuild(clusterer, target, now)
        if story.size == 0:
            clusterer.conn.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (best.id, story_id))
        label_articles(clusterer.conn, best.id)
        moved += 1
    return moved
