-- Coded events (who did what to whom), one row per event of a stored article.
-- Rebuilt per article by the after_store_events hook; the article's `data` JSON keeps them too.

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,           -- order within the article (0 = first)
    day             TEXT,                       -- YYYY-MM-DD: published, else first seen
    source_text     TEXT,
    source_code     TEXT,                       -- CAMEO actor code, e.g. IRNGOV
    source_country  TEXT,                       -- ISO 3166 alpha-3
    target_text     TEXT,
    target_code     TEXT,
    target_country  TEXT,
    cameo           TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad_class      INTEGER,
    goldstein       REAL,
    plover_event    TEXT,
    plover_mode     TEXT,
    place_name      TEXT,
    place_country   TEXT,
    lat             REAL,
    lon             REAL,
    sentence        TEXT NOT NULL,
    start           INTEGER NOT NULL,           -- character offsets into the article's text
    end             INTEGER NOT NULL,
    confidence      REAL,
    modality        TEXT,
    negated         INTEGER NOT NULL DEFAULT 0,
    target_inferred INTEGER NOT NULL DEFAULT 0,  -- the side was the article's most-named other country
    source_inferred INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_article ON events(article_id, seq);
CREATE INDEX events_source ON events(source_country, day);
CREATE INDEX events_target ON events(target_country, day);
CREATE INDEX events_code ON events(root, cameo);
CREATE INDEX events_place ON events(place_country);
CREATE INDEX events_day ON events(day);
