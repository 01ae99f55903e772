"""Quotes found by their speaker as the text writes them ("the senator", "the foreign minister"), not
only by the name that phrase was resolved to (session 17, A8). Once role nouns and pronouns resolve to
people (P3), a quote of "The senator" is filed under Marco Rubio, and a reader who remembered the
phrase, or asked which foreign ministers spoke, found nothing: the phrase is only the article's text
at speaker_start..speaker_end (`speaker_text`).

A phrase that names a stored entity finds the quotes whose speaker is written just so ("Obama", a
leading article aside); any other phrase also finds those whose written speaker holds its words in a
row ("foreign minister" in "Iran's foreign minister"), as it finds the quotes filed under a phrase
no entity has ('home secretary' finds 'the Home Secretary', 'we' no 'Andrew Westphal'). The role the
text gives a named speaker ("Foreign Minister Sergei Lavrov said") is matched the same way.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata

from newsdesk.understand.country_words import country_forms, country_of

_WORD = re.compile(r"\w+")
# A leading article is no part of the phrase a reader remembers ("senator" is "the senator").
_ARTICLES = frozenset({"the", "a", "an"})


@functools.lru_cache(maxsize=4096)
def written_words(text: str | None) -> tuple[str, ...]:
    """The words of a written speaker or a searched phrase, case-folded, a leading article dropped."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())
    return tuple(words[1:] if len(words) > 1 and words[0] in _ARTICLES else words)


def _country_code(run: tuple[str, ...]) -> str | None:
    if all(len(w) == 1 for w in run) and len(run) > 1:  # 'U.S.' is written_words' ('u', 's')
        return country_of("".join(w + "." for w in run))
    return country_of(" ".join(run))


@functools.lru_cache(maxsize=4096)
def folded_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words with each run naming a country or its people one word, '=' and the country's code,
    a possessive 's after it dropped: "Iran's foreign minister" and "Iranian Foreign Minister" are
    both ('=IRN', 'foreign', 'minister'). `--about` folded "Iran's" and "Iranian" (entity_pages._forms),
    while a speaker's phrase was matched word for word: "Iran's foreign minister" found 0 of the 2
    quotes of the Iranian Foreign Minister. Words naming a country and nothing else stay as written:
    'British' is a nationality, whose quotes are not those of the United Kingdom (a name finds an
    entity's quotes by the entity, entity_pages._by_name)."""
    # a country's name is read over as many words as `about` reads one name ('islamic republic of iran')
    from newsdesk.store.entity_pages import MAX_NAME_WORDS

    out: list[str] = []
    i = 0
    while i < len(words):
        size, code = next(((n, c) for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1)
                           if (c := _country_code(words[i:i + n]))), (1, None))
        out.append(f"={code}" if code else words[i])
        i += size
        if code and i < len(words) and words[i] == "s":
            i += 1
    return tuple(out) if any(not w.startswith("=") for w in out) else words


def written_as(written: str | None, phrase: str, whole: int) -> int:
    """SQL function newsdesk_written_as(written, phrase, whole): 1 when the speaker as written is the
    phrase (`whole`), else holds the phrase's words in a row; a country, its possessive and its
    people are one word (`folded_words`)."""
    have, want = folded_words(written_words(written)), folded_words(written_words(phrase))
    if not want or not have or set(want) <= _ARTICLES:  # 'the' alone (or 'The The') is in most phrases
        return 0
    if whole:
        return int(have == want)
    size = len(want)
    return int(any(have[i:i + size] == want for i in range(len(have) - size + 1)))


Clause = tuple[str, list[str | int]]  # SQL over `quotes q` and its arguments
Way = tuple[str, str, list[str | int]]  # a way a speaker may match ("name", "written", "role"), its Clause


def speaker_match(ways: list[Way]) -> tuple[Clause, Clause]:
    """A quote search's speaker filter and how each quote it keeps was found, from the ways the
    speaker may match, in order (two at least): the ways' clauses OR-ed, and a CASE naming the
    first way the quote matches. The last way is the CASE's ELSE: the filter keeps only quotes
    matching one of them, so it needs no test of its own."""
    match = "(" + " OR ".join(sql for _, sql, _ in ways) + ")", [a for _, _, more in ways for a in more]
    how = ("CASE " + " ".join(f"WHEN {sql} THEN '{way}'" for way, sql, _ in ways[:-1])
           + f" ELSE '{ways[-1][0]}' END")
    return match, (how, [a for _, _, more in ways[:-1] for a in more])


def _fts_words(phrase: str, column: str) -> str | None:
    """An FTS5 query for the phrase's words in `column`, each anywhere: a superset of the quotes
    `written_as` keeps (the index folds case and accents as casefold does, and more), so that the
    Python check reads only those. Checked on every quote, a speaker search cost 15-23 ms CPU on
    the corpus store (1,404 quotes) against 0.8-1.7 before the written form; None: no word."""
    words = written_words(phrase)
    if not words or set(words) <= _ARTICLES:
        return None
    return " AND ".join(_fts_word(w, column) for w in folded_words(words))


def _fts_word(word: str, column: str) -> str:
    """One word of `_fts_words`; a folded country (`folded_words`) any of its names and demonyms."""
    if not word.startswith("="):
        return f'{column} : "{word}"'
    forms = sorted({" ".join(written_words(f)) for f in country_forms(word[1:])} - {""})
    return "(" + " OR ".join(f'{column} : "{f}"' for f in forms) + ")"


def fill_written(conn: sqlite3.Connection, article_id: int) -> None:
    """Store the speaker as written of the article's quotes, as substr of its stored text gives it
    (`speaker_text`; migration 040 fills the rows stored before it by the same statement). A store
    kept at an older migration (tests of upgrades write so) has no column to fill."""
    if not any(r[1] == "speaker_written" for r in conn.execute("PRAGMA table_info(quotes)")):
        return
    conn.execute("UPDATE quotes SET speaker_written = (SELECT substr(a.text, quotes.speaker_start + 1,"
                 " quotes.speaker_end - quotes.speaker_start) FROM articles a WHERE a.id = quotes.article_id)"
                 " WHERE article_id = ? AND speaker_start IS NOT NULL AND speaker_end > speaker_start",
                 (article_id,))


def _register(conn: sqlite3.Connection) -> None:
    conn.create_function("newsdesk_written_as", 3, written_as, deterministic=True)


def phrase_clause(conn: sqlite3.Connection, phrase: str) -> Clause:
    """The quote's speaker (a phrase no entity is filed under) holds the phrase's words in a row.
    It was a LIKE of the characters: 'we' found Andrew Westphal's quotes, 'he' Theresa May's, and
    'the home secretary' not 'Home Secretary'."""
    match = _fts_words(phrase, "speaker")
    if match is None:
        return "0", []
    _register(conn)
    return ("(q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
            " AND newsdesk_written_as(q.speaker, ?, 0))"), [match, phrase]


def written_clause(conn: sqlite3.Connection, phrase: str, whole: int, stored: bool = True) -> Clause:
    """The quote's speaker as written (anatomy columns present, migration 031) matches the phrase
    (`written_as`). Read from the stored column (migration 040) among the quotes whose written
    speaker holds the phrase's words (quotes_speaker_fts). A8 read it from the article's text in
    the articles holding the words, and a common word ('we') read most texts of the store: 14.8 ms
    CPU on the corpus store against 1.6 before the written form. A store opened read-only before
    040 (not `stored`) is still read so."""
    if not stored:
        return _written_from_text(conn, phrase, whole)
    return _speaker_fts_clause(conn, "speaker_written", phrase, whole)


def _speaker_fts_clause(conn: sqlite3.Connection, column: str, phrase: str, whole: int) -> Clause:
    """The quote's `column` (speaker_written or speaker_role) matches the phrase (`written_as`),
    checked only on the quotes whose column holds its words (quotes_speaker_fts, migration 040)."""
    match = _fts_words(phrase, column)
    if match is None:
        return "0", []
    _register(conn)
    return (f"(q.{column} IS NOT NULL"
            " AND q.id IN (SELECT rowid FROM quotes_speaker_fts WHERE quotes_speaker_fts MATCH ?)"
            f" AND newsdesk_written_as(q.{column}, ?, ?))"), [match, phrase, whole]


def _written_from_text(conn: sqlite3.Connection, phrase: str, whole: int) -> Clause:
    """`written_clause` on a store without the column: the written form read from the article's
    text, as `speaker_text` is, in the articles holding the phrase's words only."""
    match = _fts_words(phrase, "text")
    if match is None:
        return "0", []
    _register(conn)
    return ("(q.speaker_start IS NOT NULL AND q.speaker_end > q.speaker_start"
            " AND q.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            " AND newsdesk_written_as((SELECT substr(w.text, q.speaker_start + 1, q.speaker_end - q.speaker_start)"
            " FROM articles w WHERE w.id = q.article_id), ?, ?))"), [match, phrase, whole]


def role_clause(conn: sqlite3.Connection, phrase: str, whole: int, stored: bool = True) -> Clause:
    """The role the text gives the speaker ("Iran's Foreign Minister" of "Iran's Foreign Minister
    Mohammad Javad Zarif said") matches the phrase as the written speaker does: the name is the
    speaker's mention there, and 'foreign minister' found none of the foreign ministers the text
    named with their title. With migration 040 (`stored`) only the roles holding the phrase's
    words are checked, not every quote's."""
    if stored:
        return _speaker_fts_clause(conn, "speaker_role", phrase, whole)
    if _fts_words(phrase, "speaker_role") is None:
        return "0", []
    _register(conn)
    return "(q.speaker_role IS NOT NULL AND newsdesk_written_as(q.speaker_role, ?, ?))", [phrase, whole]
