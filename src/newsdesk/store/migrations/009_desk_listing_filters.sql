-- Search filters (language, source, dates) checked from one small index: for each full-text match
-- a filtered search looks its article up by id. In `articles` that read a row whose first page
-- holds a long body; this index holds id, language, site and (as desk_listing's key) the sort
-- key, ~40 bytes an article, so the lookups stay in SQLite's page cache. Ids missing here are not
-- articles, so the same lookup drops listing pages and other non-articles.

CREATE INDEX IF NOT EXISTS desk_listing_filters ON desk_listing(id, language, site_name);
