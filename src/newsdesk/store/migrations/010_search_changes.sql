-- The change log the search index (store/search_index.py, `<db>.search/`) replays: one row per
-- change to an article, whoever made it (ingest, reprocess, watch, a delete). The index keeps
-- the last seq it applied as its watermark; readers treat articles logged after it as not yet
-- indexed and search them with FTS5. AUTOINCREMENT: a seq is never reused once the applied
-- part of the log has been trimmed.

CREATE TABLE IF NOT EXISTS search_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL
);

CREATE TRIGGER IF NOT EXISTS search_changes_insert AFTER INSERT ON articles WHEN new.kind = 'article' BEGIN
    INSERT INTO search_changes(article_id) VALUES (new.id);
END;

CREATE TRIGGER IF NOT EXISTS search_changes_update
AFTER UPDATE OF kind, title, text, site_name, language, categories, authors, published, first_seen ON articles BEGIN
    INSERT INTO search_changes(article_id) VALUES (new.id);
END;

CREATE TRIGGER IF NOT EXISTS search_changes_delete AFTER DELETE ON articles WHEN old.kind = 'article' BEGIN
    INSERT INTO search_changes(article_id) VALUES (old.id);
END;
