-- What a search result needs of an article, by id: its listing fields and its body (for the
-- snippet), in a narrow table keyed by rowid. A result page reads 20 rows picked by the search
-- index from all over the store; in `articles` each is ~4.5 KB with the record's `data` JSON, so
-- every row read walked a leaf page and an overflow page. Here a row (~1.9 KB on the 100k bench
-- store) sits whole on one page. Triggers keep it in step with articles, as desk_listing's do
-- (008): ingest inserts, reprocess and edits update, deletes delete; none of them goes through
-- INSERT OR REPLACE on articles, whose implicit delete would fire no trigger.
--
-- `item` is the search API's JSON object of the article, exactly the bytes web/listing.item_json
-- gives through responses.dumps (tests/store/test_desk_search_table.py checks it): the answer
-- splices each result's snippet into it instead of building 20 dicts from 14 columns each (about a
-- tenth of a cold search's CPU), and the listing fields other readers want come from it too
-- (store/desk.py `_search_row`), so they are not stored twice. Authors and categories are JSON
-- arrays (migration 005's json_each triggers refuse anything else); a value that is not JSON
-- becomes [], never a failed write. The view desk_search_source says once how a row is made from
-- articles; the triggers and the fill for older stores all copy from it.

CREATE TABLE IF NOT EXISTS desk_search (
    id   INTEGER PRIMARY KEY,
    key  TEXT,
    item TEXT NOT NULL,
    text TEXT
);

CREATE VIEW IF NOT EXISTS desk_search_source(id, key, item, text) AS
    SELECT id, key,
           json_object('id', id, 'title', title, 'url', url, 'canonical_url', canonical_url,
                       'site_name', site_name,
                       'authors', CASE WHEN json_valid(authors) THEN json(authors) ELSE json_array() END,
                       'categories', CASE WHEN json_valid(categories) THEN json(categories) ELSE json_array() END,
                       'published', published, 'updated', updated, 'language', language,
                       'excerpt', excerpt, 'image', image, 'date', COALESCE(published, first_seen),
                       'links', json_object('html', '/article/' || id, 'api', '/api/articles/' || id)), text
    FROM articles WHERE kind = 'article';

CREATE TRIGGER IF NOT EXISTS desk_search_insert AFTER INSERT ON articles WHEN new.kind = 'article' BEGIN
    INSERT OR REPLACE INTO desk_search(id, key, item, text) SELECT * FROM desk_search_source WHERE id = new.id;
END;

CREATE TRIGGER IF NOT EXISTS desk_search_update
AFTER UPDATE OF id, kind, key, url, canonical_url, site_name, title, authors, categories, published, updated, language,
    excerpt, image, first_seen, text ON articles BEGIN
    DELETE FROM desk_search WHERE id = old.id;
    INSERT OR REPLACE INTO desk_search(id, key, item, text) SELECT * FROM desk_search_source WHERE id = new.id;
END;

CREATE TRIGGER IF NOT EXISTS desk_search_delete AFTER DELETE ON articles BEGIN
    DELETE FROM desk_search WHERE id = old.id;
END;

-- Articles stored before this migration.
INSERT OR REPLACE INTO desk_search(id, key, item, text) SELECT * FROM desk_search_source;
