-- Articles in other languages than English, for FTS5 (the search index's fallback) in their own
-- language: articles_fts stems every article with English porter, so French 'française' did not
-- find 'français' and a German prefix stopped inside a porter stem. Each such article is held
-- again here: title and text as its stems in its language, each after its group's name
-- ('frenchfranc' for 'française'), and title_words, text_words as its words folded, unstemmed, for prefixes
-- (store/search_languages.py, whose functions each store connection registers). English articles
-- (and those of no known language) are not in it. A table of its own content, so a delete needs
-- no stemming (SQLite 3.40 has no contentless delete).
CREATE VIRTUAL TABLE articles_fts_langs USING fts5(
    title, text, title_words, text_words, tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts_langs(rowid, title, text, title_words, text_words)
    SELECT id, newsdesk_lang_stems(title, language), newsdesk_lang_stems(text, language), newsdesk_lang_words(title),
           newsdesk_lang_words(text)
    FROM articles WHERE newsdesk_lang_group(language) IS NOT NULL;
CREATE TRIGGER articles_fts_langs_insert AFTER INSERT ON articles WHEN newsdesk_lang_group(new.language) IS NOT NULL
BEGIN
    INSERT INTO articles_fts_langs(rowid, title, text, title_words, text_words)
    VALUES (new.id, newsdesk_lang_stems(new.title, new.language), newsdesk_lang_stems(new.text, new.language),
            newsdesk_lang_words(new.title), newsdesk_lang_words(new.text));
END;
CREATE TRIGGER articles_fts_langs_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts_langs WHERE rowid = old.id;
END;
CREATE TRIGGER articles_fts_langs_update AFTER UPDATE OF title, text, language ON articles BEGIN
    DELETE FROM articles_fts_langs WHERE rowid = old.id;
    INSERT INTO articles_fts_langs(rowid, title, text, title_words, text_words)
    SELECT new.id, newsdesk_lang_stems(new.title, new.language), newsdesk_lang_stems(new.text, new.language),
           newsdesk_lang_words(new.title), newsdesk_lang_words(new.text)
    WHERE newsdesk_lang_group(new.language) IS NOT NULL;
END;
