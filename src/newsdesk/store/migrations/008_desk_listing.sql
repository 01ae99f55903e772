-- What a listing card shows, for every article, in a narrow table clustered in display order
-- (COALESCE(published, first_seen) DESC, id DESC). The front page and its `?before=` pages read
-- 30 neighbouring rows here from a handful of pages, where the desk_order index pointed at 30
-- rows of `articles` scattered over the file, each row's first page holding a long body
-- (row reads were a quarter of an uncached listing page's time at 100k articles).
-- Search result pages read their rows here too, by id. Triggers keep it in step with articles.

CREATE TABLE IF NOT EXISTS desk_listing (
    sort_key      TEXT NOT NULL,
    id            INTEGER NOT NULL,
    key           TEXT,
    url           TEXT,
    canonical_url TEXT,
    site_name     TEXT,
    title         TEXT,
    authors       TEXT,
    categories    TEXT,
    published     TEXT,
    updated       TEXT,
    language      TEXT,
    excerpt       TEXT,
    image         TEXT,
    PRIMARY KEY (sort_key, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS desk_listing_id ON desk_listing(id);

CREATE TRIGGER IF NOT EXISTS desk_listing_insert AFTER INSERT ON articles WHEN new.kind = 'article' BEGIN
    INSERT OR REPLACE INTO desk_listing(sort_key, id, key, url, canonical_url, site_name, title, authors, categories,
                                        published, updated, language, excerpt, image)
    VALUES (COALESCE(new.published, new.first_seen), new.id, new.key, new.url, new.canonical_url, new.site_name,
            new.title, new.authors, new.categories, new.published, new.updated, new.language, new.excerpt, new.image);
END;

CREATE TRIGGER IF NOT EXISTS desk_listing_update
AFTER UPDATE OF kind, key, url, canonical_url, site_name, title, authors, categories, published, updated, language,
    excerpt, image, first_seen ON articles BEGIN
    DELETE FROM desk_listing WHERE id = old.id;
    INSERT OR REPLACE INTO desk_listing(sort_key, id, key, url, canonical_url, site_name, title, authors, categories,
                                        published, updated, language, excerpt, image)
    SELECT COALESCE(new.published, new.first_seen), new.id, new.key, new.url, new.canonical_url, new.site_name,
           new.title, new.authors, new.categories, new.published, new.updated, new.language, new.excerpt, new.image
    WHERE new.kind = 'article';
END;

CREATE TRIGGER IF NOT EXISTS desk_listing_delete AFTER DELETE ON articles BEGIN
    DELETE FROM desk_listing WHERE id = old.id;
END;

-- Articles stored before this migration.
INSERT OR REPLACE INTO desk_listing(sort_key, id, key, url, canonical_url, site_name, title, authors, categories,
                                    published, updated, language, excerpt, image)
    SELECT COALESCE(published, first_seen), id, key, url, canonical_url, site_name, title, authors, categories,
           published, updated, language, excerpt, image
    FROM articles WHERE kind = 'article';
