-- A user's split says which entity the alias was taken from (its key), so that reprocess keeps a
-- short name ("Obama") out of that entity even in an article that names the person in full: the
-- mention resolves by its full name there, and a decision about the short name alone never held.
-- NULL on merges and on splits made before this migration (such a split holds against any entity).
ALTER TABLE entity_decisions ADD COLUMN source TEXT;
