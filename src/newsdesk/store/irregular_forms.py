"""Irregular English word forms and their lemmas, for search: 'said' is 'say', 'went' 'go', 'children'
'child', 'men' 'man'. Snowball stems (the search index, `search_index.stem`) and porter (FTS5) join
regular forms only ('says' and 'say', not 'said'). A search asks for a word's `family` too (the
query is widened, in the index, FTS5 and quote search alike); the texts are indexed as written.
Why the query and not the index: writing each body's irregular forms as their lemmas before
tantivy indexed it cost 0.24-0.44 ms CPU per article (the corpus store's 3.8 kB bodies), a third
to a half of the index's own time, and a typed prefix of a form ('wen*') then found its lemma's
words; widened queries cost only the searches with such a word, which are few.

The table is the English lemmatizer's own exception lists (`lemma_exc`, verbs and nouns) shipped in
the installed spaCy pipeline, read from its lookups file once per process without loading spaCy or
running the pipeline (msgpack: ~45 ms CPU with the table built). No pipeline installed: no table, search as before.

A form stays itself where it is also a word of its own: when it is a verb of the lemmatizer's index
or a regular form of one other than its lemma ('found' is to found, 'ground' to ground, 'lives' a
form of 'live', 'saw' to saw), when the tables give it two lemmas ('axes'), and the two news words
in `OWN_WORDS`. Forms the stemmer already joins to their lemma ('stopped') are left out.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import itertools
from pathlib import Path
from typing import Any

from newsdesk.understand.nlp import CANDIDATES

# spaCy's string ids (StringStore hashes, `spacy.strings.get_string_id`) of "verb" and "noun", the
# keys of the lookups' per-part-of-speech tables; tests check them against spaCy.
VERB, NOUN = 6360137228241296794, 16833663260455505849
# Forms the tables make another word's whose own sense is the news one: 'the left' is no 'leave',
# 'the media' no 'medium'.
OWN_WORDS = frozenset({"left", "media"})


def _lookups_file() -> Path | None:
    for name in CANDIDATES:  # the pipeline understand.nlp would load, whose lemmatizer it is
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        found = next(Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin"), None)
        if found is not None:
            return found
    return None


def _read_tables() -> tuple[dict[Any, Any], dict[Any, Any]] | None:
    """(lemma_exc, lemma_index) of the installed pipeline, None if none is installed."""
    path = _lookups_file()
    if path is None:
        return None
    try:  # msgpack alone: importing srsly (spaCy's serializer, which wraps it) cost 0.2 s CPU
        import msgpack

        data = msgpack.unpackb(path.read_bytes(), raw=False, strict_map_key=False)
    except ImportError:
        import srsly

        data = srsly.read_msgpack(path)
    return data.get("lemma_exc") or {}, data.get("lemma_index") or {}


def _regular_bases(form: str) -> set[str]:
    """The words `form` is a regular inflection of, if it is one ('lives' of 'live')."""
    bases = {form}
    for ending, back in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if form.endswith(ending) and len(form) > len(ending) + 1:
            bases.add(form[:-len(ending)] + back)
    return bases


@functools.lru_cache(maxsize=1)
def lemmas() -> dict[str, str]:
    """{irregular form: its lemma}, lower case, both single words of letters."""
    tables = _read_tables()
    if tables is None:
        return {}
    exceptions, index = tables
    verbs = set(index.get(VERB) or ())
    found: dict[str, str] = {}
    dropped = set(OWN_WORDS)
    for pos in (VERB, NOUN):
        for form, lemma_list in (exceptions.get(pos) or {}).items():
            if len(lemma_list) != 1 or not (form.isalpha() and lemma_list[0].isalpha()) or lemma_list[0] == form:
                continue
            if any(b in verbs and b != lemma_list[0] for b in _regular_bases(form)) \
                    or found.get(form, lemma_list[0]) != lemma_list[0]:
                dropped.add(form)
            found[form] = lemma_list[0]
    kept = {form: word for form, word in found.items() if form not in dropped}
    joined = _stemmed_alike(list(kept), list(kept.values()))
    return {form: word for (form, word), same in zip(kept.items(), joined, strict=True) if not same}


def _stemmed_alike(forms: list[str], words: list[str]) -> list[bool]:
    """For each form, whether the stemmer already gives it its lemma's stem ('stopped', 'stop').
    Stemmed in one call per list: a call per word made building the table 0.5 s of CPU."""
    from newsdesk.store.search_index import stem, stems_in_order

    stems, word_stems = stems_in_order(" ".join(forms)), stems_in_order(" ".join(words))
    if len(stems) != len(forms) or len(word_stems) != len(words):  # a word cut in two: one by one
        stems, word_stems = [stem(f) for f in forms], [stem(w) for w in words]
    return [a == b for a, b in zip(stems, word_stems, strict=True)]


def lemma(word: str) -> str:
    """The lemma of an irregular form (lower case), else the word."""
    return lemmas().get(word, word)


@functools.lru_cache(maxsize=1)
def _by_stem() -> dict[str, tuple[str, ...]]:
    from newsdesk.store.search_index import stem

    found: dict[str, list[str]] = {}
    for form, word in lemmas().items():
        found.setdefault(stem(word), []).append(form)
    return {s: tuple(sorted(forms)) for s, forms in found.items()}


def forms_of_stem(word_stem: str) -> tuple[str, ...]:
    """The irregular forms whose lemma has this stem ('said' of 'say')."""
    return _by_stem().get(word_stem, ())


@functools.lru_cache(maxsize=4096)
def family(word: str) -> tuple[str, ...]:
    """The other words of the same lemma that the stemmer does not join to this one: its lemma and
    that lemma's irregular forms ('said' -> 'say'; 'go' -> 'gone', 'went'), for engines that stem
    the text as written (FTS5's porter): a search for the word asks for each of them too."""
    from newsdesk.store.search_index import stem

    lower = word.lower()
    found = {lemma(lower), *forms_of_stem(stem(lemma(lower)))} - {lower}
    return tuple(sorted(found))


# Variants of a phrase asked for or marked at most (one per choice of its words' forms, the phrase first).
MAX_PHRASE_FORMS = 16


def phrase_variants(choices: list[list[str]]) -> list[str]:
    """The phrases made of one choice for each word (each word's list opens with the word itself, so
    the phrase as written comes first), at most MAX_PHRASE_FORMS."""
    return [" ".join(p) for p in itertools.islice(itertools.product(*choices), MAX_PHRASE_FORMS)]


def phrase_forms(words: list[str]) -> list[str]:
    """The phrase and the phrases with its words replaced by their `family` ('he said' -> 'he say'),
    at most MAX_PHRASE_FORMS, for engines that stem the text as written."""
    return phrase_variants([[w, *family(w)] for w in words])


# A prefix* is widened by the families of at most this many lemmas (the shortest words it begins
# first: 'sai*' begins only 'said', 'bro*' 'broke', 'brother', 'brought', ...), and only from this
# many letters: two begin dozens of the table's words ('ma*': 'man', 'may', 'make', 'magus', ...)
# and marking the families' forms in each snippet cost 'go*' 7.6 ms a search on the corpus store
# (3.5-6 ms more than without, for the 2-letter prefixes measured); from 3 letters +0.5-1.5 ms.
MAX_PREFIX_FAMILIES = 8
MIN_PREFIX_LETTERS = 3


@functools.lru_cache(maxsize=1)
def _families() -> tuple[tuple[str, ...], dict[str, str], dict[str, tuple[str, ...]]]:
    """(every word of the table sorted, {word: its lemma}, {lemma: its irregular forms})."""
    of: dict[str, str] = {}
    forms: dict[str, list[str]] = {}
    for form, word in lemmas().items():
        of[form] = of[word] = word
        forms.setdefault(word, []).append(form)
    return tuple(sorted(of)), of, {w: tuple(sorted(f)) for w, f in forms.items()}


@functools.lru_cache(maxsize=1024)
def prefix_families(prefix: str) -> tuple[tuple[str, ...], ...]:
    """The families (lemma first, then its irregular forms) of the table's words this prefix
    begins, at most MAX_PREFIX_FAMILIES: 'sai*' begins 'said', so it finds 'say' and 'says' too,
    as the word 'said' does; 'go*' finds 'went'. Why the table and not the engine's words: both
    engines (the index, FTS5) then widen a prefix alike, and the index needs no listing of its terms."""
    lower = prefix.lower()
    if len(lower) < MIN_PREFIX_LETTERS:
        return ()
    words, lemma_of, forms = _families()
    at = bisect.bisect_left(words, lower)
    begun = []
    while at < len(words) and words[at].startswith(lower):
        begun.append(words[at])
        at += 1
    chosen = dict.fromkeys(lemma_of[w] for w in sorted(begun, key=lambda w: (len(w), w)))
    return tuple((w, *forms.get(w, ())) for w in itertools.islice(chosen, MAX_PREFIX_FAMILIES))


def prefix_words(prefix: str) -> tuple[str, ...]:
    """The words of `prefix_families` the prefix does not begin (what a search must ask for beside it)."""
    lower = prefix.lower()
    return tuple(w for family_words in prefix_families(prefix) for w in family_words if not w.startswith(lower))
