-- Initial schema. Times are ISO 8601 strings in UTC with an explicit offset.

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,        -- feed, sitemap, site or page URL, or a local path
    kind          TEXT,                        -- feed | sitemap | site | page | file
    title         TEXT,
    etag          TEXT,
    last_modified TEXT,
    added_at      TEXT NOT NULL,
    last_fetch_at TEXT,
    last_status   TEXT,                        -- "ok", or the reason of the last failure
    fail_count    INTEGER NOT NULL DEFAULT 0,  -- consecutive failures, for back-off
    next_fetch_at TEXT
);

-- Bytes as fetched, compressed, so extraction can be re-run after an upgrade (`newsdesk reprocess`).
CREATE TABLE raw_pages (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    origin      TEXT NOT NULL,
    url         TEXT,
    kind_hint   TEXT NOT NULL DEFAULT 'auto',
    headers     TEXT NOT NULL DEFAULT '{}',
    fetched_at  TEXT,
    source_url  TEXT,
    body        BLOB NOT NULL                 -- zlib-compressed
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,        -- canonical URL, else URL, else sha256 of the raw page
    kind          TEXT NOT NULL,               -- article | not_article
    reason        TEXT,
    url           TEXT,
    canonical_url TEXT,
    site_name     TEXT,
    title         TEXT,
    authors       TEXT NOT NULL DEFAULT '[]',  -- JSON arrays
    categories    TEXT NOT NULL DEFAULT '[]',
    tags          TEXT NOT NULL DEFAULT '[]',
    published     TEXT,
    updated       TEXT,
    language      TEXT,
    excerpt       TEXT,
    image         TEXT,
    text          TEXT NOT NULL DEFAULT '',
    content_hash  TEXT NOT NULL,               -- sha256 of the extracted record: "changed?" in one compare
    data          TEXT NOT NULL,               -- the whole analyze record as JSON
    raw_id        INTEGER REFERENCES raw_pages(id),
    source_id     INTEGER REFERENCES sources(id),
    first_seen    TEXT NOT NULL,
    last_seen     TEXT NOT NULL,
    changed_at    TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(kind, published DESC);
CREATE INDEX articles_first_seen ON articles(kind, first_seen DESC);
CREATE INDEX articles_site ON articles(site_name);
CREATE INDEX articles_raw ON articles(raw_id);

-- Which inputs have been fully handled, so an interrupted run resumes without redoing work.
CREATE TABLE inputs (
    origin     TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    outcome    TEXT NOT NULL,                  -- new | updated | unchanged | not_article | failed
    article_id INTEGER REFERENCES articles(id),
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (origin, sha256)
);

CREATE TABLE failures (
    id       INTEGER PRIMARY KEY,
    input    TEXT NOT NULL,
    stage    TEXT NOT NULL,
    reason   TEXT NOT NULL,
    detail   TEXT,
    raw_id   INTEGER REFERENCES raw_pages(id),
    at       TEXT NOT NULL
);
CREATE INDEX failures_reason ON failures(reason);
CREATE UNIQUE INDEX failures_once ON failures(input, stage, reason);

CREATE TABLE fetch_log (
    id       INTEGER PRIMARY KEY,
    url      TEXT NOT NULL,
    status   INTEGER,
    bytes    INTEGER,
    elapsed  REAL,
    error    TEXT,
    at       TEXT NOT NULL
);
CREATE INDEX fetch_log_url ON fetch_log(url);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
