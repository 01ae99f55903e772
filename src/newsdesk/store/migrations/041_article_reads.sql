-- What the understand stages did to each article when they last stored it (S22): per stage, whether
-- it read the article (the stage ran and read the article's language then), and the languages the
-- stages read at the time (coverage.SIGNATURE). Why: a store annotated before French was read
-- answered "covered: true" for its French articles from the code's coverage today, while it held
-- no French entity or quote; the desk now answers from this record (store/reads.py).
CREATE TABLE article_reads (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    language   TEXT,               -- the article's language when read
    entities   INTEGER NOT NULL,   -- 1: the entity stage read it
    quotes     INTEGER NOT NULL,   -- 1: the quote stage read it
    events     INTEGER NOT NULL,   -- 1: the event coder read it
    coverage   TEXT,               -- coverage.SIGNATURE of the code that read it; NULL: read before this record
    read_at    TEXT
);

-- Articles stored before: what their rows show. Every earlier code read English (and an unidentified
-- language, read as English) for entities and quotes, and coded events in English and Nigerian Pidgin;
-- another language was read by a stage only where that stage left rows (a French article's mentions).
-- A read of another language that found nothing cannot be told from no read: it counts as not read,
-- so `newsdesk reprocess --stale` reads it again (an extra read, never a false "read").
INSERT INTO article_reads(article_id, language, entities, quotes, events, coverage, read_at)
SELECT a.id, a.language,
       a.language IS NULL OR a.language = 'en'
           OR EXISTS (SELECT 1 FROM entity_mentions m WHERE m.article_id = a.id),
       a.language IS NULL OR a.language = 'en'
           OR EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id),
       a.language IS NULL OR a.language IN ('en', 'pcm')
           OR EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id),
       NULL, NULL
FROM articles a WHERE a.kind = 'article';
