-- The country the annotator gave each mention (records.Entity.country), so that an entity's country
-- can follow what its mentions say now (store.entities._recountry: the country most of them give).
-- Why: the entity kept the first country any article gave it (coalesce), so a reprocess with a
-- mended annotator kept "Asia" the Philippine town's PHL and Victoria CAN in an Australian story (E29),
-- and a region's "no country" never cleared one.
ALTER TABLE entity_mentions ADD COLUMN country TEXT;
-- Stored before: the country the article's stored record gives the mention (the record it was filed
-- from, at the same start and text); the entity rows keep their country until their articles are
-- stored again (a reprocess), which reads what the annotator says now.
CREATE TEMP TABLE record_countries AS
SELECT a.id AS article_id, json_extract(j.value, '$.start') AS start, json_extract(j.value, '$.text') AS text,
       json_extract(j.value, '$.country') AS country
FROM articles a, json_each(a.data, '$.entities') j
WHERE a.id IN (SELECT DISTINCT article_id FROM entity_mentions) AND json_extract(j.value, '$.country') IS NOT NULL;
CREATE INDEX temp.record_countries_at ON record_countries(article_id, start, text);
UPDATE entity_mentions SET country = (
    SELECT r.country FROM record_countries r
    WHERE r.article_id = entity_mentions.article_id AND r.start = entity_mentions.start
      AND r.text = entity_mentions.text LIMIT 1);
DROP TABLE temp.record_countries;
