-- Duplicates and stories (newsdesk.stories). Days are days since 1970-01-01 (REAL), NULL when unknown.

-- One fingerprint per stored article: the exact-text hash and the MinHash signature.
CREATE TABLE story_fingerprints (
    article_id   INTEGER PRIMARY KEY,    -- articles(id); no foreign key, so benchmarks can cluster without storing
    exact        TEXT NOT NULL,               -- sha1 of the normalised text
    signature    BLOB,                        -- MinHash values, uint32 little-endian; NULL for short texts
    shingles     INTEGER NOT NULL DEFAULT 0,  -- how many distinct shingles the text has (for containment)
    site_name    TEXT,
    canonical_id INTEGER,                     -- the syndication group's representative (itself when alone)
    similarity   REAL,                        -- estimated Jaccard with the representative
    day          REAL,                        -- publication day, for "earliest" when choosing the representative
    origin_named TEXT                         -- the original source the page names ("Associated Press"), if any
);
CREATE INDEX story_fingerprints_exact ON story_fingerprints(exact);
CREATE INDEX story_fingerprints_canonical ON story_fingerprints(canonical_id);

-- LSH buckets: one row per (band, band hash, article).
CREATE TABLE story_lsh (
    band       INTEGER NOT NULL,
    hash       INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;
CREATE INDEX story_lsh_article ON story_lsh(article_id);

-- Document frequencies of terms over every clustered article (the clusterer's IDF).
CREATE TABLE story_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE story_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    headline    TEXT,
    size        INTEGER NOT NULL DEFAULT 0,
    first_day   REAL,
    last_day    REAL,
    slack       REAL NOT NULL DEFAULT 0,
    terms       TEXT NOT NULL DEFAULT '{}',   -- JSON {term: summed tf weight}: the centroid before IDF
    norm        REAL NOT NULL DEFAULT 1,      -- the centroid's TF-IDF norm when last updated
    merged_into INTEGER,                      -- set when the repair pass folded this story into another
    touched     INTEGER NOT NULL DEFAULT 0,   -- the documents counter when last changed (what repair looks at)
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX stories_last_day ON stories(last_day);
CREATE INDEX stories_touched ON stories(touched);

-- The inverted index over each live story's most distinctive terms; `day` is the story's last day,
-- so a lookup only sees stories active near the article's date (quiet stories drop out).
CREATE TABLE story_index (
    term     TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    day      REAL,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX story_index_day ON story_index(term, day);
CREATE INDEX story_index_story ON story_index(story_id);

CREATE TABLE story_articles (
    article_id INTEGER PRIMARY KEY,    -- articles(id); no foreign key, so benchmarks can cluster without storing
    story_id   INTEGER NOT NULL,
    similarity REAL,                          -- to the story when it joined (NULL: opened it)
    day        REAL,
    slack      REAL NOT NULL DEFAULT 0,
    terms      TEXT NOT NULL DEFAULT '{}'     -- the article's top tf weights, for the repair pass
);
CREATE INDEX story_articles_story ON story_articles(story_id, day);
