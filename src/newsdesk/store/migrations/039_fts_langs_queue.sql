-- The store is a plain SQLite file again: migration 036's triggers called newsdesk's Python functions
-- (newsdesk_lang_group, _stems, _words) to keep articles_fts_langs, so the sqlite3 shell, datasette or
-- any other program failed on every insert into articles and every edit of a title, text or language
-- ("no such function: newsdesk_lang_group"). The triggers are plain SQL now: they note which articles
-- changed in articles_fts_langs_queue, and newsdesk, which has the functions, brings the table up to
-- date from it (store/search_fts_langs.catch_up) after its own writes and before a search reads the
-- table. A delete stays immediate (plain SQL already). The table's rows are kept as they are.
--
-- An article is queued unless its language is plainly English or unset (NULL, '', 'en', 'en-…',
-- 'en_…'): a few English spellings the test misses ('en -GB') are queued for nothing, never an
-- article of another language left out (search_languages.group_of has the last word).
CREATE TABLE IF NOT EXISTS articles_fts_langs_queue (article_id INTEGER PRIMARY KEY);
DROP TRIGGER IF EXISTS articles_fts_langs_insert;
DROP TRIGGER IF EXISTS articles_fts_langs_update;
CREATE TRIGGER articles_fts_langs_insert AFTER INSERT ON articles
WHEN NOT (lower(trim(coalesce(new.language, ''))) IN ('', 'en') OR lower(trim(new.language)) LIKE 'en-%'
          OR lower(trim(new.language)) LIKE 'en\_%' ESCAPE '\')
BEGIN
    INSERT OR IGNORE INTO articles_fts_langs_queue(article_id) VALUES (new.id);
END;
-- An edit of an article that is or was in another language: its row is written again from the queue
-- (an article turned English leaves the table then).
CREATE TRIGGER articles_fts_langs_update AFTER UPDATE OF title, text, language ON articles
WHEN NOT (lower(trim(coalesce(new.language, ''))) IN ('', 'en') OR lower(trim(new.language)) LIKE 'en-%'
          OR lower(trim(new.language)) LIKE 'en\_%' ESCAPE '\')
  OR NOT (lower(trim(coalesce(old.language, ''))) IN ('', 'en') OR lower(trim(old.language)) LIKE 'en-%'
          OR lower(trim(old.language)) LIKE 'en\_%' ESCAPE '\')
BEGIN
    INSERT OR IGNORE INTO articles_fts_langs_queue(article_id) VALUES (new.id);
END;
