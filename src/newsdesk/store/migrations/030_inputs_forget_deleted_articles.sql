-- `inputs` remembers which article an input produced, but its reference to articles(id) was declared
-- without ON DELETE, so with foreign keys on, deleting an article (by hand, or a later clean-up
-- command) failed with "FOREIGN KEY constraint failed". SQLite cannot alter a column's constraint
-- in place; this trigger gives the reference ON DELETE SET NULL behaviour instead: the input stays
-- recorded as handled (so a resumed run does not re-add what the user removed), pointing nowhere.
-- Numbered 030 so it sorts after the ranges other areas use (012-029); migrations apply by name.

CREATE TRIGGER IF NOT EXISTS inputs_forget_deleted_article
BEFORE DELETE ON articles
BEGIN
    UPDATE inputs SET article_id = NULL WHERE article_id = OLD.id;
END;
