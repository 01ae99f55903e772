-- The front listing and category pages leave syndicated copies out (store/desk.py copy_clause),
-- asking for each listed row whether it is a copy. story_fingerprints' rows hold a MinHash signature
-- (~0.6 KB), so its primary-key probe reads a page of a wide table per row, and a web worker's
-- connection keeps only 1 MB of pages (web/state.py READ_CACHE_KB): most probes went to the OS
-- cache. This partial index holds the copies only, a few bytes each, so the probes stay in a
-- handful of cached pages. CREATE INDEX fills it from the rows already stored (existing stores);
-- SQLite keeps it in step with every later write to story_fingerprints, so no trigger is needed.
CREATE INDEX IF NOT EXISTS story_fingerprints_copies ON story_fingerprints(article_id)
    WHERE canonical_id != article_id;
