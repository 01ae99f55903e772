-- The article's headline-and-lead sentence embedding (float16, 384 values) for the stories pair model;
-- NULL when the embedding model is not installed (newsdesk.stories.embedding).
ALTER TABLE story_articles ADD COLUMN embedding BLOB;
