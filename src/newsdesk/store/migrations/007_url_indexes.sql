-- Lookups by URL: the fetcher asks `known(url)` for every feed and sitemap item, and
-- `newsdesk show URL` finds an article by its URL. Without these both scan the table
-- (a full scan per feed item at 100k articles); with them SQLite answers the OR of url,
-- canonical_url and key from three indexes.

CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_canonical_url ON articles(canonical_url);
