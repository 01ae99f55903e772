-- The type the article reads each mention as, now that one name read two ways across articles is
-- one entity (canonical.one_thing): the entity takes the type most of its mentions say. A mention
-- stored before this migration was read as its entity's type (identity included the type then).
ALTER TABLE entity_mentions ADD COLUMN type TEXT;
UPDATE entity_mentions SET type = (SELECT e.type FROM entities e WHERE e.id = entity_mentions.entity_id);
-- A mention is filed by its name whatever its type (store.entities._filing_type): the unique
-- (type, key) index does not serve a lookup by key alone.
CREATE INDEX entities_key ON entities(key);
