-- A mention named by the page's heading or byline only (records.Entity.heading, L2's writer of a
-- statement page): it stands at start == end == 0 and its text is the name as the heading gives it,
-- so text[start:end] is not it. Without this column the pages listed such a mention at 0-0 with
-- nothing saying why, and the article page could not mark it (session 17, A8).
ALTER TABLE entity_mentions ADD COLUMN heading INTEGER NOT NULL DEFAULT 0;
-- Stored before: a mention of no characters whose text is a name can only be a heading's (8c66a0a
-- stored the writer so before 139e0ef flagged it in the record); every mention the text holds spans it.
UPDATE entity_mentions SET heading = 1 WHERE start = end AND text != '';
