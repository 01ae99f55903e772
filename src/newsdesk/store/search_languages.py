"""Which stemmer the search index uses for an article: its language's own (the Snowball stemmers
tantivy ships), none for a language without one, English for an article whose language is unknown.

Why: the index stemmed every article in English, so French 'nationaux' and 'national' stayed
apart while English rules cut French words ('présidentielle' -> 'presidentiell'). Each group of
articles has its own title and body fields in the index ('title_fr', 'body_fr'; the English ones
keep the names 'title' and 'body'), so each language's words are stemmed, counted and scored
(bm25's document frequencies) among that language's articles; a query's word is stemmed once per
group the index holds.
"""

from __future__ import annotations

import functools
import re
import sqlite3

import tantivy

# ISO 639-1 codes of the languages tantivy has a stemmer for, and the stemmer's name.
STEMMERS = {"en": "english", "ar": "arabic", "da": "danish", "de": "german", "el": "greek", "es": "spanish",
            "fi": "finnish", "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch", "no": "norwegian",
            "nb": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish", "ta": "tamil",
            "tr": "turkish"}
ENGLISH = "en"
PLAIN = "plain"  # the group of articles in a language with no stemmer: words indexed as written (folded)
# Every group, English first: a group is a stemmer's name (one for 'no' and 'nb'), or PLAIN.
GROUPS = tuple(dict.fromkeys([ENGLISH, *sorted({STEMMERS[c] for c in STEMMERS if c != ENGLISH}), PLAIN]))


def group_of(language: str | None) -> str:
    """The group of an article in this language ('fr', 'fr-CA' -> 'french'; 'zh' -> PLAIN; none -> English)."""
    code = (language or "").split("-")[0].split("_")[0].strip().lower()
    if not code or code == ENGLISH:
        return ENGLISH
    return STEMMERS.get(code, PLAIN)


def fields(group: str) -> tuple[str, str]:
    """The index's (title, body) fields of a group."""
    return ("title", "body") if group == ENGLISH else (f"title_{group}", f"body_{group}")


def tokenizer(group: str) -> str:
    """The name the index registers the group's analyzer under."""
    return "newsdesk_stems" if group == ENGLISH else f"newsdesk_{group}"


@functools.lru_cache(maxsize=len(GROUPS) + 1)
def analyzer(group: str | None = None) -> tantivy.TextAnalyzer:
    """Words as FTS5's unicode61 tokenizer with remove_diacritics cuts them: split at every
    non-alphanumeric character, lower-cased, accents folded ("Élection" → "election"); then, for
    a group with a stemmer, each word's stem in its language (None: no stemming)."""
    builder = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.remove_long(64))
               .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()))
    if group is None or group == PLAIN:
        return builder.build()
    return builder.filter(tantivy.Filter.stemmer("english" if group == ENGLISH else group)).build()


def register(index: tantivy.Index) -> None:
    """Register every group's analyzer with an index (writer and readers alike)."""
    for group in GROUPS:
        index.register_tokenizer(tokenizer(group), analyzer(group))


@functools.lru_cache(maxsize=16384)
def stem_in(word: str, group: str) -> str:
    """The group's term of one analysed word (its stem; the word itself if the analyzer drops it)."""
    found = analyzer(group).analyze(word)
    return str(found[0]) if found else word


# -- FTS5 ------------------------------------------------------------------------------------------
# FTS5's articles_fts stems every article with English porter. Migration 036's articles_fts_langs
# holds each article in another language (a group other than English) again: `title` and `text`
# its words' stems in its language, each written after its group's name ('frenchnation': a
# French stem is not a German one, and a language's words count among its own), and
# `title_words`, `text_words` its words as written (folded), where a prefix* finds the words it
# begins (stems cut into words: 'frança*' is no prefix of 'franc'). These functions write its rows
# (search_fts_langs.drain, from the queue migration 039's plain-SQL triggers fill) and the desk's
# queries call them; every store connection registers them (store/sqlite.connect).
def sql_group(language: str | None) -> str | None:
    """SQL newsdesk_lang_group(language): the article's group, NULL for English (not in the table)."""
    group = group_of(language)
    return None if group == ENGLISH else group


def tagged(stem: str, group: str) -> str:
    """A stem as articles_fts_langs holds it: after its group's name."""
    return group + stem


def sql_stems(text: str | None, language: str | None) -> str | None:
    """SQL newsdesk_lang_stems(text, language): the text's stems in its language, tagged (`tagged`)."""
    group = sql_group(language)
    if group is None or not text:
        return None
    return " ".join(tagged(str(t), group) for t in analyzer(group).analyze(text))


def sql_words(text: str | None) -> str | None:
    """SQL newsdesk_lang_words(text): the text's words as the index cuts and folds them, unstemmed."""
    return " ".join(str(t) for t in analyzer(None).analyze(text)) if text else None


def register_sql(conn: sqlite3.Connection) -> None:
    """The functions that write articles_fts_langs' rows (search_fts_langs.drain), on one connection."""
    conn.create_function("newsdesk_lang_group", 1, sql_group, deterministic=True)
    conn.create_function("newsdesk_lang_stems", 2, sql_stems, deterministic=True)
    conn.create_function("newsdesk_lang_words", 1, sql_words, deterministic=True)


_WORD = re.compile(r"\w+")


def forms_in(words: list[str], texts: list[str], group: str) -> set[str]:
    """The words of these texts (lower-cased) whose stem in the group's language is one of `words`'
    (lower case): looked for where the word's first letters as typed (as many as its stem has:
    'françai' of 'française', stem 'francais') or its stem begin a word, in lower case or
    capitalised, for the snippet to mark the forms search found ('françaises' for 'française')."""
    found: set[str] = set()
    for word in words:
        stem = stem_in(word, group)
        roots = {root for root in (word[:len(stem)], stem) if len(root) >= 3}
        for text in texts:
            for case in {c for root in roots for c in (root, root.capitalize())}:
                at = text.find(case)
                while at >= 0:
                    if not (at and text[at - 1].isalnum()):
                        form = _WORD.match(text, at).group().lower()  # type: ignore[union-attr]  # case is \w+
                        if stem_in(form, group) == stem:
                            found.add(form)
                    at = text.find(case, at + 1)
    return found
