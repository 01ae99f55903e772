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
