-- Canonical entities across articles, their aliases, mentions, roles and quotes.
-- Rebuilt per article by the after_store_entities hook; user decisions (merge, split)
-- live in entity_decisions and are re-applied on every rebuild, so `newsdesk reprocess`
-- keeps them.

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL,               -- PERSON ORG GPE LOC NORP ...
    name        TEXT NOT NULL,               -- the canonical name shown
    key         TEXT NOT NULL,               -- canonical.name_key(name)
    country     TEXT,                        -- ISO 3166 alpha-3
    metonym     INTEGER NOT NULL DEFAULT 0,  -- a capital standing for a government
    first_seen  TEXT,
    UNIQUE (type, key)
);

CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    key       TEXT NOT NULL,               -- canonical.name_key(alias)
    skey      TEXT NOT NULL,               -- canonical.spelling_key(alias): Araqchi ~ Araghchi
    last      TEXT NOT NULL,               -- spelling_key of the last word: "Araqchi" alone finds its person
    PRIMARY KEY (entity_id, key)
);
CREATE INDEX entity_aliases_key ON entity_aliases(key);
CREATE INDEX entity_aliases_skey ON entity_aliases(skey);
CREATE INDEX entity_aliases_last ON entity_aliases(last);

CREATE TABLE entity_mentions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    role        TEXT,
    day         TEXT                         -- publication (else first-seen) date, YYYY-MM-DD
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id, day);
CREATE INDEX entity_mentions_article ON entity_mentions(article_id);

CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker_id   INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    speaker      TEXT,
    speaker_role TEXT,
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL,              -- direct | indirect
    cue          TEXT,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    day          TEXT
);
CREATE INDEX quotes_speaker ON quotes(speaker_id, day);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;

-- A user's correction: alias `key` (of `type`) belongs to the entity named `target`.
-- merge A B writes B's aliases → A; split writes alias → itself.
CREATE TABLE entity_decisions (
    id      INTEGER PRIMARY KEY,
    type    TEXT NOT NULL,
    key     TEXT NOT NULL,
    target  TEXT NOT NULL,
    action  TEXT NOT NULL,                   -- merge | split
    at      TEXT NOT NULL,
    UNIQUE (type, key)
);
