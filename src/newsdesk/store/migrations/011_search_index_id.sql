-- A random identity for this database, written once. The search index beside it
-- (`<db>.search/`) records the identity it was built for: a store rebuilt from scratch at the
-- same path gets a new identity, so an index left over from the old one is rebuilt, not trusted.

CREATE TABLE IF NOT EXISTS search_index_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT OR IGNORE INTO search_index_meta(key, value) VALUES ('database_id', lower(hex(randomblob(16))));
