-- The speaker as the text writes them ("the senator", "we", "THE PRESIDENT"), stored with the quote:
-- text[speaker_start:speaker_end] of its article. A8's ?speaker= search matched it by reading each
-- candidate article's text, and a common word ("we") passes nearly every article: 1.6 -> 14.8 ms
-- CPU on the corpus store, growing with the store (session 17, A9). The value is exactly what
-- substr of the article's text gives (entity_pages._speaker_text), filled here for the rows stored
-- before and at write time for new ones (store/entities.py, the same statement).
ALTER TABLE quotes ADD COLUMN speaker_written TEXT;
UPDATE quotes SET speaker_written = (
    SELECT substr(a.text, quotes.speaker_start + 1, quotes.speaker_end - quotes.speaker_start)
    FROM articles a WHERE a.id = quotes.article_id)
WHERE speaker_start IS NOT NULL AND speaker_end > speaker_start;

-- Its words and the role's, indexed as articles_fts indexed the text A8's search prefiltered by
-- (the same tokenizer), so a search reads only the quotes holding the phrase's words and checks
-- them in Python (store/written_speakers.written_as: the words in a row, case-folded).
-- An external content table of quotes apart from quotes_fts (what was said and the resolved
-- speaker): a column added there would rebuild the index of every quote's text on migration.
CREATE VIRTUAL TABLE quotes_speaker_fts USING fts5(
    speaker_written, speaker_role, content='quotes', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO quotes_speaker_fts(quotes_speaker_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_speaker_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_speaker_fts(rowid, speaker_written, speaker_role)
    VALUES (new.id, new.speaker_written, new.speaker_role);
END;
CREATE TRIGGER quotes_speaker_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_speaker_fts(quotes_speaker_fts, rowid, speaker_written, speaker_role)
    VALUES ('delete', old.id, old.speaker_written, old.speaker_role);
END;
CREATE TRIGGER quotes_speaker_fts_update AFTER UPDATE OF speaker_written, speaker_role ON quotes BEGIN
    INSERT INTO quotes_speaker_fts(quotes_speaker_fts, rowid, speaker_written, speaker_role)
    VALUES ('delete', old.id, old.speaker_written, old.speaker_role);
    INSERT INTO quotes_speaker_fts(rowid, speaker_written, speaker_role)
    VALUES (new.id, new.speaker_written, new.speaker_role);
END;
