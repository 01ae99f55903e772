-- The web desk's read paths. The store may hold 100k+ articles, so every listing the desk
-- serves walks an index in its display order and stops after one page (keyset pagination).
-- The display order is COALESCE(published, first_seen) DESC, id DESC: the same expression
-- DeskQueries.desk_page sorts by.

CREATE INDEX IF NOT EXISTS desk_order ON articles(kind, COALESCE(published, first_seen) DESC, id DESC);
CREATE INDEX IF NOT EXISTS desk_site_order ON articles(kind, site_name, COALESCE(published, first_seen) DESC, id DESC);
CREATE INDEX IF NOT EXISTS desk_language_order ON articles(kind, language, COALESCE(published, first_seen) DESC, id DESC);
CREATE INDEX IF NOT EXISTS desk_recent ON articles(kind, first_seen DESC, id DESC);

-- Categories and authors live in JSON arrays on articles; a category page must not scan
-- every row with json_each, so triggers keep one row per (name, article) with its sort key.
CREATE TABLE IF NOT EXISTS desk_categories (
    name       TEXT NOT NULL,
    sort_key   TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (name, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS desk_categories_order ON desk_categories(name, sort_key DESC, article_id DESC);
CREATE INDEX IF NOT EXISTS desk_categories_article ON desk_categories(article_id);

CREATE TABLE IF NOT EXISTS desk_authors (
    name       TEXT NOT NULL,
    sort_key   TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (name, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS desk_authors_order ON desk_authors(name, sort_key DESC, article_id DESC);
CREATE INDEX IF NOT EXISTS desk_authors_article ON desk_authors(article_id);

CREATE TRIGGER IF NOT EXISTS desk_articles_insert AFTER INSERT ON articles WHEN new.kind = 'article' BEGIN
    INSERT OR IGNORE INTO desk_categories(name, sort_key, article_id)
        SELECT value, COALESCE(new.published, new.first_seen), new.id FROM json_each(new.categories)
        WHERE type = 'text' AND value <> '';
    INSERT OR IGNORE INTO desk_authors(name, sort_key, article_id)
        SELECT value, COALESCE(new.published, new.first_seen), new.id FROM json_each(new.authors)
        WHERE type = 'text' AND value <> '';
END;

CREATE TRIGGER IF NOT EXISTS desk_articles_update
AFTER UPDATE OF kind, categories, authors, published, first_seen ON articles BEGIN
    DELETE FROM desk_categories WHERE article_id = old.id;
    DELETE FROM desk_authors WHERE article_id = old.id;
    INSERT OR IGNORE INTO desk_categories(name, sort_key, article_id)
        SELECT value, COALESCE(new.published, new.first_seen), new.id FROM json_each(new.categories)
        WHERE new.kind = 'article' AND type = 'text' AND value <> '';
    INSERT OR IGNORE INTO desk_authors(name, sort_key, article_id)
        SELECT value, COALESCE(new.published, new.first_seen), new.id FROM json_each(new.authors)
        WHERE new.kind = 'article' AND type = 'text' AND value <> '';
END;

CREATE TRIGGER IF NOT EXISTS desk_articles_delete AFTER DELETE ON articles BEGIN
    DELETE FROM desk_categories WHERE article_id = old.id;
    DELETE FROM desk_authors WHERE article_id = old.id;
END;

-- Articles stored before this migration.
INSERT OR IGNORE INTO desk_categories(name, sort_key, article_id)
    SELECT j.value, COALESCE(a.published, a.first_seen), a.id FROM articles a, json_each(a.categories) j
    WHERE a.kind = 'article' AND j.type = 'text' AND j.value <> '';
INSERT OR IGNORE INTO desk_authors(name, sort_key, article_id)
    SELECT j.value, COALESCE(a.published, a.first_seen), a.id FROM articles a, json_each(a.authors) j
    WHERE a.kind = 'article' AND j.type = 'text' AND j.value <> '';
