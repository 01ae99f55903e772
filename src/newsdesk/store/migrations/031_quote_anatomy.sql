-- The anatomy of a stored quote, so a page can point at each part of it in the article text:
-- pieces: what was said, a JSON list of [start, end] character offsets in text order (a split
-- quote's halves, a subject before its cue); cue_start/cue_end: the cue word or phrase;
-- speaker_start/speaker_end: the mention of the speaker as written. Rows stored before this
-- migration have NULLs and read as one piece [[start, end]] with no cue or speaker position,
-- until `newsdesk reprocess` (or the article's next store) writes them again.
ALTER TABLE quotes ADD COLUMN pieces TEXT;
ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
ALTER TABLE quotes ADD COLUMN cue_end INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_start INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;
