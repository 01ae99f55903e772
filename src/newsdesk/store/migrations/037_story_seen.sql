-- The collection clock of stories (days since 1970-01-01, as `day`): when each article was collected,
-- its story's latest, and the postings' copy of that. An undated article is looked up among the stories
-- that took an article within WINDOW_DAYS of its collection, not among every story sharing its terms;
-- a story that has taken none for QUIET_INDEX_DAYS loses its postings, the story itself stays
-- (newsdesk.stories.cluster).
ALTER TABLE story_articles ADD COLUMN seen REAL;
ALTER TABLE stories ADD COLUMN seen_day REAL;
ALTER TABLE story_index ADD COLUMN seen REAL;
-- Placed before: a stored article was collected at its first_seen; an article clustered without being
-- stored (a benchmark's) at its story's last update at the latest.
UPDATE story_articles SET seen = (SELECT julianday(a.first_seen) - 2440587.5 FROM articles a
                                  WHERE a.id = story_articles.article_id);
UPDATE story_articles SET seen = (SELECT julianday(s.updated_at) - 2440587.5 FROM stories s
                                  WHERE s.id = story_articles.story_id) WHERE seen IS NULL;
UPDATE stories SET seen_day = (SELECT max(m.seen) FROM story_articles m WHERE m.story_id = stories.id);
UPDATE stories SET seen_day = julianday(updated_at) - 2440587.5 WHERE seen_day IS NULL;
UPDATE story_index SET seen = (SELECT s.seen_day FROM stories s WHERE s.id = story_index.story_id);
CREATE INDEX story_index_seen ON story_index(term, seen);
CREATE INDEX stories_seen_day ON stories(seen_day);
