"""Relevance search beside SQLite: a tantivy index in `<db>.search/`, kept in step with the articles.

Why: FTS5 scores bm25 for every match of a query, so the desk ranked only the 1,000 newest
matches (6-9 ms CPU per cold query at 100k articles). Tantivy keeps block-max scores in its
postings and finds the top k by bm25 over ALL matches (block-max WAND) in a fraction of that.

What it holds: one document per stored article (kind 'article'): id, title, body (both with
positions, for phrases), site, language, categories, authors (exact terms, for filters) and the
listing's date as an integer fast field (for date ranges and sort=date). No stored fields: hits
come back as ids read from the id fast field; rows and snippets come from SQLite.

Keeping in step: migration 010 logs every change to an article (insert, edit, reprocess, delete)
in `search_changes` (seq, article_id). `sync_search_index(store)` replays the log past the
index's watermark (the last seq it applied, in `<db>.search/watermark.json`, written after the
tantivy commit), in batches, under a file lock so one process indexes at a time; a missing or
incompatible index is rebuilt from the articles. Readers compare the watermark with the log:
the articles changed since (`pending_ids`) are left out of tantivy's answer and searched with
FTS5 instead (see DeskSearch.desk_search), so a lagging index never hides or shows stale rows.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import re
import shutil
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tantivy

from newsdesk.store import irregular_forms
from newsdesk.store import search_languages as langs
from newsdesk.store.search_syntax import Node, ParseError, Term, parse

if TYPE_CHECKING:  # desk imports this module; the desk's own filters are what a search is given
    from newsdesk.store.desk import Filters

# Bump when the schema or the analyzer changes: an index built by other code is rebuilt.
# 3: title and body hold English stems (as FTS5's porter tokenizer does since migration 034).
# 4: an article's words are stemmed in its language, in that language's fields (search_languages).
# 5: an article in a language with a stemmer other than English's also has its words unstemmed
#    (WORD_FIELDS), where a prefix* finds the words it begins.
INDEX_VERSION = 5
SUFFIX = ".search"
WATERMARK = "watermark.json"
TOKENIZER = langs.tokenizer(langs.ENGLISH)
# The (title, body) fields of every stemmed article not in English, its words as written (folded):
# its language's fields hold stems, and a prefix cutting into a word's ending found nothing in
# them ('frança*', 'politiq*', 'regieru*' of 'française', 'politique', 'Regierung': stems 'franc',
# 'polit', 'regier'). English keeps its stems and cut_words (it has an ending list); a language
# with no stemmer (search_languages.PLAIN) has its words as written in its own fields already.
WORD_FIELDS = ("title_words", "body_words")
# Endings a typed prefix may stop inside: the stems of the prefix completed with each (where the
# index holds them) are completions too. The index holds stems, so 'electi*' found none of
# 'election' (stem 'elect') nor 'governm*' 'government' ('govern').
_ENDINGS = ("ing", "ion", "ions", "ional", "ation", "ations", "ated", "ed", "es", "ies", "ied", "ment", "ments",
            "ity", "ities", "ive", "ly", "er", "ers", "al", "ally", "ence", "ance", "ism", "ist", "y", "s")
# bm25 weight of the title against the body, as the FTS5 ranking had it (bm25(articles_fts, 5.0, 1.0)).
TITLE_BOOST = 5.0
# A prefix* is scored as the union of its most frequent completions (bm25, so a title with
# "government" outranks one with "governor's" once), and the rarer rest is matched unscored so
# no result is lost. 16 completions: "gov*" on 100k articles has ~300; beyond the first ~16 each
# added term cost more time than it changed the top 20 (web bench's prefix queries).
PREFIX_SCORED_TERMS = 16
# Documents buffered per commit while syncing, and the writer's memory budget (tantivy's minimum
# per thread is 15 MB; 50 MB keeps a 100k-article rebuild to a few segments).
SYNC_BATCH = 5000
WRITER_HEAP = 50_000_000


def index_dir(db_path: str | Path) -> Path:
    return Path(str(db_path) + SUFFIX)


def db_path_of(conn: sqlite3.Connection) -> str:
    """The main database file of a connection ('' for an in-memory database)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return str(row[2] or "")
    return ""


def db_identity(conn: sqlite3.Connection) -> str:
    """Which database this is (a random id, migration 011). An index written for another database
    that was later put at the same path (a store rebuilt from scratch) is not trusted."""
    try:
        row = conn.execute("SELECT value FROM search_index_meta WHERE key = 'database_id'").fetchone()
    except sqlite3.OperationalError:  # a database from before migration 011
        return ""
    return str(row[0]) if row else ""


def analyzer(stems: bool = False) -> tantivy.TextAnalyzer:
    """Words as FTS5's unicode61 tokenizer with remove_diacritics cuts them (search_languages.analyzer);
    with `stems`, each word's English stem ("treaties" → "treati"), what the index holds for an
    English article."""
    return langs.analyzer(langs.ENGLISH if stems else None)


_STEMMER = analyzer(stems=True)


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The index's term of one analysed word (its stem; the word itself if the stemmer drops it)."""
    found = _STEMMER.analyze(word)
    return str(found[0]) if found else word


def stems_in_order(text: str) -> list[str]:
    """The stems of the text's words, in order (one call of the analyzer for many words)."""
    return [str(t) for t in _STEMMER.analyze(text)]


_WORDS = re.compile(r"\w+")
_ACCENTED = re.compile(r"[^\W\d_\x00-\x7f]")  # a letter outside ASCII (curly quotes are no letters)
_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Letters NFKD does not take apart, as tantivy's ascii_fold writes them (lower case).
_LETTERS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th", "ð": "d"}
_SPECIAL = re.compile("[" + "".join(_LETTERS) + "]")


def stems_of(text: str) -> str:
    """The stems of the text's words, space-separated (for `has_stems`)."""
    return " ".join(stem(w.lower()) for w in _WORDS.findall(text))


def any_of_stems(forms: list[str]) -> str:
    """One word of a search written so `has_stems` takes any of its forms: each form's stems joined
    by '+', the forms by '|' ("iran|iranian|unit+state")."""
    return "|".join(dict.fromkeys(s for s in (stems_of(f).replace(" ", "+") for f in forms) if s))


def has_stems(text: str | None, stems: str) -> int:
    """SQL function newsdesk_has_stems(text, stems): 1 if the text holds a word of each stem. FTS5's
    porter joins words the index's stemmer keeps apart ('news' and 'new', 'organization' and
    'organ', 'general' and 'generous'); quote search keeps the quotes holding the words' own forms.
    A stem may be a choice of forms (`any_of_stems`): 'Iran' is held by 'Iranian officials'."""
    return int(_Lowered(text).has_stems(stems))


def has_forms(text: str | None, forms: str, language: str | None) -> int:
    """SQL function newsdesk_has_forms(text, forms, language): `has_stems` of a quote for the words
    of a search, each a choice of forms (`forms`: a JSON list of lists, 'iran' -> ["iran", "iranian",
    ...]), stemmed in the language of the quote's article as the search index stems it: quote search
    checked English stems in every language (French 'nations' was a form of 'national', porter's
    'nation', and 'française' none of 'français')."""
    group = langs.group_of(language)
    return int(_Lowered(text, group).has_stems(_stems_of_forms(forms, group)))


@functools.lru_cache(maxsize=256)
def _stems_of_forms(forms: str, group: str) -> str:
    """The `has_stems` argument of `has_forms`' forms in a group's language (English: `any_of_stems`)."""
    words: list[list[str]] = json.loads(forms)
    if group == langs.ENGLISH:
        return " ".join(any_of_stems(word) for word in words)
    def stems(form: str) -> str:  # a form of several words: their stems joined by '+'
        return "+".join(langs.stem_in(w, group) for w in _WORDS.findall(form.lower()))

    return " ".join("|".join(dict.fromkeys(s for s in map(stems, word) if s)) for word in words)


class _Lowered:
    """A text, lower-cased and with its accents dropped when first asked (once per text: lower-casing
    each body for each word of the query was half of the FTS5 check's cost). `group`: the language
    whose stems the text is checked for (search_languages; quote search checks English)."""

    __slots__ = ("raw", "group", "_lower", "_folded", "_stems")

    def __init__(self, text: str | None, group: str = langs.ENGLISH) -> None:
        self.raw = text or ""
        self.group = group
        self._lower: str | None = None
        self._folded: str | None = None
        self._stems: frozenset[str] | None = None

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.raw.lower()
        return self._lower

    def folded(self) -> str:
        if self._folded is None:
            # accents off ('é' is 'e' and a combining mark), then any other non-ASCII character a
            # space: dropped, the apostrophe of 'l’économie' glued 'leconomie'
            letters = _SPECIAL.sub(lambda m: _LETTERS[m.group()], self.lower)  # (str.translate: 0.7 ms a body)
            decomposed = unicodedata.normalize("NFKD", letters)
            self._folded = _NON_ASCII.sub(" ", _COMBINING.sub("", decomposed))
        return self._folded

    def begins_a_word(self, prefix: str) -> bool:
        """Whether a word of the text begins with the prefix, in any case, else with accents folded
        (looked for in the text: cutting the text into words cost ~1 ms a body, 5x a page's search)."""
        lower = prefix.lower()
        if _begins_at(self.lower, lower):
            return True
        return (_ACCENTED.search(self.lower) is not None or _ACCENTED.search(lower) is not None) and _begins_at(
            self.folded(), _Lowered(lower).folded().strip())

    def has_stems(self, stems: str, fold: bool = True) -> bool:
        """`has_stems` of this text (`fold`: accented words too)."""
        groups = [[form.split("+") for form in group.split("|")] for group in stems.split()]
        if self.group != langs.ENGLISH:  # every word stemmed, in one call: the stem need not begin its words
            if self._stems is None:  # ('nationaux' is 'national' in French), which `_holds_stem` counts on
                self._stems = frozenset(str(t) for t in langs.analyzer(self.group).analyze(self.raw))
            return all(any(all(s in self._stems for s in form) for form in g) for g in groups)
        missing = [g for g in groups if not any(all(_holds_stem(self.lower, s) for s in form) for form in g)]
        if missing and fold and _ACCENTED.search(self.lower):  # an accented word may fold to the stem ('élections')
            # the accents dropped, then looked through as above: stemming every word (curly quotes
            # make most texts non-ASCII) cost ~0.4 ms a body, most of a page's FTS5 check
            folded = self.folded()
            return all(any(all(_holds_stem(folded, s) for s in form) for form in g) for g in missing)
        return not missing


def _begins_at(text: str, prefix: str) -> bool:
    """Whether a word of the text begins with the prefix (as written)."""
    at = text.find(prefix) if prefix else -1
    while at >= 0:
        if not (at and text[at - 1].isalnum()):
            return True
        at = text.find(prefix, at + 1)
    return False


def _holds_stem(lower: str, word_stem: str) -> bool:
    """Whether a word of the lower-cased text has this stem: only words beginning as the stem
    does are stemmed (from a letter less where it ends in an i that was a y: 'treati' of 'treaty';
    stemming every word of each candidate quote made quote search 4x slower)."""
    root = word_stem[:-1] if word_stem.endswith("i") and len(word_stem) > 3 else word_stem
    at = lower.find(root)
    while at >= 0:
        if not (at and lower[at - 1].isalnum()):
            word = _WORDS.match(lower, at)
            if word and stem(word.group()) == word_stem:
                return True
        at = lower.find(root, at + 1)
    return False


@functools.lru_cache(maxsize=256)
def _query_tree(query: str) -> Node | None:
    try:
        return parse(query, lambda text: _WORDS.findall(text.lower()))
    except ParseError:
        return None


def matches_stems(title: str | None, text: str | None, query: str, language: str | None = None) -> int:
    """SQL function newsdesk_matches_stems(title, text, FTS5 query, language): 0 when an article FTS5 found
    for the query holds a word of it only by porter's joins ('news' is 'new' to porter, not to the
    index's stemmer: FTS5 found 90 articles for 'news' on the corpus store, the index 33), so desk
    search through FTS5 finds what the index finds, as quote search does (`has_stems`). Each word
    must be in the title or body (its column when the query names one) as typed or by stem; a
    prefix*, what a NOT leaves out and a query the desk's syntax does not read pass. The stems are
    the article's language's, as the index holds them (search_languages); in another language than
    English a prefix* passes where a word begins with it (the English words its ending may cut into,
    search_syntax.fts5_query's widening, found French 'nations' for 'nationa*')."""
    node = _query_tree(query)
    if node is None:
        return 1
    group = langs.group_of(language)
    texts = {"title": _Lowered(title, group), "body": _Lowered(text, group)}
    # accents folded only when the words as written are not all there (most pass without)
    return int(_tree_holds(node, texts, False) or _tree_holds(node, texts, True))


def _tree_holds(node: Node, texts: dict[str, _Lowered], fold: bool) -> bool:
    if isinstance(node, Term):
        where = [texts[node.field]] if node.field else list(texts.values())
        if node.prefix:  # porter's prefixes, widened by English endings (cut_words), stand for English
            return len(node.terms) > 1 or where[0].group == langs.ENGLISH or any(
                t.begins_a_word(node.terms[0]) for t in where)
        return any(_holds_words(t, node.terms, fold) for t in where)
    if node.kind == "not":
        return _tree_holds(node.children[0], texts, fold) if node.children else True
    found = (_tree_holds(c, texts, fold) for c in node.children)
    return any(found) if node.kind == "or" else all(found)


def _holds_words(text: _Lowered, words: tuple[str, ...], fold: bool) -> bool:
    """Whether the text holds each word, as typed or by its stem (`has_stems`): a word whose stem
    does not begin it ('dying', stem 'die') is found as typed."""
    missing = [w for w in words if not written(w, text.raw)]
    missing = [w for w in missing if not _holds_word(text.lower, w)]  # as written, in any case
    return not missing or text.has_stems(" ".join(langs.stem_in(w, text.group) for w in missing), fold)


def written(word: str, text: str) -> bool:
    """Whether the text holds the word as a whole word, in lower case or capitalised."""
    return _holds_word(text, word) or _holds_word(text, word.capitalize())


def _holds_word(text: str, word: str) -> bool:
    """Whether the text holds the word, as it is written, as a whole word."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
            return True
        at = text.find(word, at + 1)
    return False


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_integer_field("id", indexed=True, fast=True)  # i64: the bindings make u64 terms for deletes wrong
    b.add_text_field("title", tokenizer_name=TOKENIZER, index_option="position")
    b.add_text_field("body", tokenizer_name=TOKENIZER, index_option="position")
    for group in langs.GROUPS[1:]:  # each language's own fields (search_languages), English's are above
        for name in langs.fields(group):
            b.add_text_field(name, tokenizer_name=langs.tokenizer(group), index_option="position")
    for name in WORD_FIELDS:  # words are asked one at a time (prefixes): no positions
        b.add_text_field(name, tokenizer_name=langs.tokenizer(langs.PLAIN), index_option="freq")
    for name in ("site", "language", "category", "author", "group"):  # group: which fields hold the text
        b.add_text_field(name, tokenizer_name="raw", index_option="basic")
    b.add_integer_field("when", fast=True)
    return b.build()


def when_number(value: str | None, end_of_day: bool = False) -> int:
    """An ISO time as the integer YYYYMMDDhhmmss, ordered as the listing's sort key strings are.
    `end_of_day` makes a bare date mean its last second (the `until` filter's whole day)."""
    digits = re.sub(r"\D", "", (value or "")[:19])
    if end_of_day and len(digits) == 8:
        digits += "235959"
    return int(digits.ljust(14, "0")[:14]) if digits else 0


# -- reading -----------------------------------------------------------------------------------
class SearchIndex:
    """One process's reader of an index directory: a searcher reloaded when the watermark moves."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index = tantivy.Index.open(str(path))
        langs.register(self.index)
        self.index.config_reader(reload_policy="Manual")
        self.schema = self.index.schema
        self._analyzer = analyzer()
        self._stamp: tuple[int, int] | None = None
        self.watermark = -1
        self.db_identity = ""
        self.groups: tuple[str, ...] = ()
        self._lock = threading.Lock()
        self.refresh()

    def refresh(self) -> bool:
        """Reload if the watermark file changed (it is written after each commit); False if the
        index is unusable (no watermark yet, or built by another INDEX_VERSION)."""
        try:
            st = (self.path / WATERMARK).stat()
        except OSError:
            return False
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp != self._stamp:
            with self._lock:
                mark = _read_watermark(self.path)
                if mark is None:
                    return False
                self.index.reload()
                self.searcher = self.index.searcher()
                # the languages' fields that hold articles: a query asks only those
                self.groups = tuple(g for g in langs.GROUPS if self.searcher.doc_freq("group", g))
                self.watermark, self.db_identity = mark
                self._stamp = stamp
        return True

    def analyze(self, text: str) -> list[str]:
        """The words of a query's word or phrase, not stemmed: a prefix* is a prefix of words, and
        `_field_query` stems the others (search_syntax's trees keep what the reader typed)."""
        return list(self._analyzer.analyze(text))

    def search(self, node: Node, f: Filters, *, sort: str = "relevance", top: int = 20,
               exclude: list[int] | None = None) -> list[tuple[int, float]]:
        """(article id, order key) of the `top` best hits: bm25 score, or the date number for sort='date'."""
        searcher, groups = self.searcher, self._groups(f)
        if sort != "date" and isinstance(node, Term) and node.prefix and len(node.terms) == 1:
            # A lone prefix* scores only its frequent completions and matches the rest with score 0:
            # those rank below every scored hit, so when the scored part alone fills the page the
            # rest cannot enter it. Skipping it saves iterating every rare completion's postings
            # (0.84 -> 0.55 ms CPU a prefix query on the 100k bench store). Same hits, same order.
            scored = self._run(_Query(self.schema, searcher, groups, rest=False).of(node), f, searcher, sort, top,
                               exclude)
            if len(scored) >= top:
                return scored
        return self._run(_Query(self.schema, searcher, groups).of(node), f, searcher, sort, top, exclude)

    def _query(self, node: Node, searcher: tantivy.Searcher, rest: bool = True) -> tantivy.Query:
        """The engine's query of a tree over every language's fields (rest=False: see search)."""
        return _Query(self.schema, searcher, self.groups, rest).of(node)

    def _groups(self, f: Filters) -> tuple[str, ...]:
        """The languages' fields to ask (search_languages): those holding articles, of the filter's language only."""
        if not f.language:
            return self.groups
        return tuple(g for g in self.groups if g == langs.group_of(f.language))

    def _run(self, query: tantivy.Query, f: Filters, searcher: tantivy.Searcher, sort: str, top: int,
             exclude: list[int] | None) -> list[tuple[int, float]]:
        must = list(self._filters(f))
        if must or exclude:
            clauses = [(tantivy.Occur.Must, query)] + [(tantivy.Occur.Must, q) for q in must]
            if exclude:
                clauses.append((tantivy.Occur.MustNot, tantivy.Query.term_set_query(self.schema, "id", exclude)))
            query = tantivy.Query.boolean_query(clauses)
        if sort == "date":
            result = searcher.search(query, top, count=False, order_by_field="when", order=tantivy.Order.Desc)
        else:
            result = searcher.search(query, top, count=False)
        addresses = [address for _, address in result.hits]
        ids = searcher.fast_field_values("id", addresses) if addresses else []
        return [(int(i or 0), float(key)) for (key, _), i in zip(result.hits, ids, strict=True)]

    def _filters(self, f: Filters) -> Iterator[tantivy.Query]:
        """Filter clauses, scored 0 so that they never change a hit's bm25."""
        for name, value in (("site", f.site), ("language", f.language), ("category", f.category),
                            ("author", f.author)):
            if value:
                yield tantivy.Query.const_score_query(tantivy.Query.term_query(self.schema, name, value), 0.0)
        if f.since or f.until:
            lower = when_number(f.since) if f.since else None
            upper = when_number(f.until, end_of_day=True) if f.until else None
            yield tantivy.Query.const_score_query(tantivy.Query.range_query(
                self.schema, "when", tantivy.FieldType.Integer, lower, upper), 0.0)


@dataclass
class _Query:
    """The engine's query of a search tree, over the fields of the languages `groups` (an article's
    words are in its language's fields only, so a word asked in each adds no score);
    rest=False leaves out a prefix's unscored rarer completions."""

    schema: tantivy.Schema
    searcher: tantivy.Searcher
    groups: tuple[str, ...]
    rest: bool = True

    def of(self, node: Node) -> tantivy.Query:
        if isinstance(node, Term):
            asked = dict.fromkeys((field, as_group) for as_group, fields in (_fields(node, g) for g in self.groups)
                                  for field, name in zip(fields, ("title", "body"), strict=True)
                                  if node.field in (None, name))
            parts = [self._field_query(node, field, group) for field, group in asked]
            return _any_of(parts) if parts else tantivy.Query.empty_query()
        if not node.children:
            return tantivy.Query.empty_query()
        subs = [_Query(self.schema, self.searcher, self.groups).of(child) for child in node.children]
        if node.kind == "or":
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in subs])
        if node.kind == "not":
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, subs[0])]
                                               + [(tantivy.Occur.MustNot, q) for q in subs[1:]])
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in subs])

    def _field_query(self, node: Term, field: str, group: str) -> tantivy.Query:
        """A word matches its forms (by stem in the group's language), and the English words of
        its lemma the stemmer does not join to it ('said': 'say', irregular_forms.family), all of
        them counting as one word (the best-scoring form: `_one_word`); a phrase is the stems in
        order (or one of its variants with those words); a prefix* stays a prefix of what was
        typed (a phrase prefix's last word), with the families of the English words it begins.
        The English families are asked in every language's fields: an article in another language
        quotes English ('child' in a Portuguese-tagged Global Voices page found by 'children')."""
        stems: list[str | tuple[int, str]] = [langs.stem_in(t, group) for t in node.terms]
        if node.prefix and len(node.terms) > 1:
            query = tantivy.Query.phrase_prefix_query(self.schema, field, [*stems[:-1], node.terms[-1]])
        elif node.prefix:
            query = self._prefix_query(node.terms[0], field, group)
        elif len(node.terms) > 1:
            phrases = irregular_forms.phrase_forms(list(node.terms))
            query = _one_word([tantivy.Query.phrase_query(self.schema, field, [langs.stem_in(w, group) for w in
                                                                                p.split()]) for p in phrases])
        else:
            words = (node.terms[0], *irregular_forms.family(node.terms[0]))
            query = self._terms(field, dict.fromkeys(langs.stem_in(w, group) for w in words))
        return tantivy.Query.boost_query(query, TITLE_BOOST) if field.startswith("title") else query

    def _terms(self, field: str, stems: Iterable[str]) -> tantivy.Query:
        return _one_word([tantivy.Query.term_query(self.schema, field, s) for s in stems])

    def _prefix_query(self, prefix: str, field: str, group: str) -> tantivy.Query:
        """The prefix's most frequent completions, scored (in English with the stems its cut words
        have, `cut_words`: English endings); each family of irregular forms it begins counts as one word."""
        found = self.searcher.terms_with_prefix(field, prefix, limit=PREFIX_SCORED_TERMS + 1)
        terms = [t for t, _ in found[:PREFIX_SCORED_TERMS]]
        if group == langs.ENGLISH:
            terms += _cut_stems(prefix, field, self.searcher)
        families = [list(dict.fromkeys(langs.stem_in(w, group) for w in family_words))
                    for family_words in irregular_forms.prefix_families(prefix)]
        in_family = {s for family_stems in families for s in family_stems}
        terms = [t for t in terms if t not in in_family]
        scored = [tantivy.Query.term_query(self.schema, field, t) for t in terms]
        scored += [self._terms(field, family_stems) for family_stems in families]
        if self.rest and len(found) > PREFIX_SCORED_TERMS:  # the rarer completions still match, unscored
            rarer = tantivy.Query.regex_query(self.schema, field, re.escape(prefix) + ".*")
            scored.append(tantivy.Query.const_score_query(rarer, 0.0))
        if not scored:
            return tantivy.Query.empty_query()
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in scored])


def _fields(node: Term, group: str) -> tuple[str, tuple[str, str]]:
    """The group a term is asked as and its (title, body) fields: a lone prefix* of a stemmed
    language other than English in the words as written (WORD_FIELDS, one pair for all of them,
    asked as PLAIN's: no stems)."""
    if node.prefix and len(node.terms) == 1 and group not in (langs.ENGLISH, langs.PLAIN):
        return langs.PLAIN, WORD_FIELDS
    return group, langs.fields(group)


def _any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    """Any of the queries, their scores added (different words, or the title and the body)."""
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _one_word(queries: list[tantivy.Query]) -> tantivy.Query:
    """Any of the queries, scored as the best of them: the forms of one word ('said', 'say') or
    variants of one phrase. Added up (a boolean OR), an article writing 'says' and 'said' scored
    as if it held two of the query's words, above one writing 'said' twice."""
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.disjunction_max_query(queries)


def cut_words(prefix: str) -> dict[str, str]:
    """{stem: word} of words the prefix begins whose stem is the prefix cut before an ending it
    stops inside ('election', stem 'elect', of 'electi*'; 'government' of 'governm*')."""
    found: dict[str, str] = {}
    for ending in _ENDINGS:
        for i in range(1, len(ending)):  # the prefix ends with the ending's first i letters
            cut = prefix[:len(prefix) - i]
            if len(cut) >= 3 and prefix.endswith(ending[:i]) and stem(prefix + ending[i:]) == cut:
                found.setdefault(cut, prefix + ending[i:])
    return found


def _cut_stems(prefix: str, field: str, searcher: tantivy.Searcher) -> list[str]:
    """The stems of `cut_words` that the index holds in this field."""
    return sorted(t for t in cut_words(prefix) if searcher.doc_freq(field, t))


_READERS: dict[str, SearchIndex | None] = {}
_READERS_LOCK = threading.Lock()


def reader_for(db_path: str, identity: str | None = None) -> SearchIndex | None:
    """This process's reader of the database's index, or None while there is no usable index
    (none yet, another INDEX_VERSION, or written for another database than `identity`)."""
    if not db_path:
        return None
    reader = _READERS.get(db_path)
    if reader is None:
        with _READERS_LOCK:
            reader = _READERS.get(db_path)
            if reader is None:
                path = index_dir(db_path)
                if _read_watermark(path) is None:
                    return None
                try:
                    reader = SearchIndex(path)
                except (OSError, ValueError):
                    return None
                _READERS[db_path] = reader
    if not reader.refresh() or (identity is not None and identity != reader.db_identity):
        return None
    return reader


def forget_readers() -> None:
    """Drop every cached reader (tests rebuild indexes in place)."""
    with _READERS_LOCK:
        _READERS.clear()


def pending_ids(conn: sqlite3.Connection, watermark: int, most: int) -> list[int] | None:
    """Articles changed after the watermark (the index does not know their current state yet);
    None when more than `most` (search all of it with FTS5) or when the change log is missing."""
    try:
        rows = conn.execute("SELECT DISTINCT article_id FROM search_changes WHERE seq > ? LIMIT ?",
                            (watermark, most + 1)).fetchall()
    except sqlite3.OperationalError:  # a database from before migration 010
        return None
    return None if len(rows) > most else [int(r[0]) for r in rows]


# -- writing -----------------------------------------------------------------------------------
def _read_watermark(path: Path) -> tuple[int, str] | None:
    """(last change applied, database identity) of a usable index, else None."""
    try:
        data = json.loads((path / WATERMARK).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return None
    return int(data.get("seq", -1)), str(data.get("db", ""))


def _write_watermark(path: Path, seq: int, identity: str) -> None:
    tmp = path / (WATERMARK + ".tmp")
    tmp.write_text(json.dumps({"version": INDEX_VERSION, "seq": seq, "db": identity, "at": time.time()}))
    os.replace(tmp, path / WATERMARK)  # atomic: readers see the old or the new mark, never half


@contextlib.contextmanager
def _exclusive(path: Path, wait: bool) -> Iterator[bool]:
    """A file lock beside the index: one indexing process at a time (tantivy's own writer lock
    would make a second writer fail instead of wait). Yields False if busy and not waiting."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class SyncReport:
    indexed: int = 0
    deleted: int = 0
    rebuilt: bool = False
    busy: bool = False
    watermark: int = -1
    seconds: float = 0.0


def sync_search_index(store: Any, *, wait: bool = True, rebuild: bool = False, batch: int = SYNC_BATCH) -> SyncReport:
    """Bring `<db>.search/` up to date with the store: replay changes since the watermark, or rebuild
    it when missing, incompatible or asked to. One process at a time (file lock); with wait=False
    a busy index returns at once (busy=True). The store's connection needs write access only to
    trim the applied part of the change log (a read-only store leaves it)."""
    started = time.monotonic()
    conn: sqlite3.Connection = store.conn
    db = db_path_of(conn)
    if not db:
        return SyncReport()
    path = index_dir(db)
    with _exclusive(Path(db + SUFFIX + ".lock"), wait) as got:
        if not got:
            return SyncReport(busy=True)
        identity = db_identity(conn)
        found = None if rebuild else _read_watermark(path)
        if found is None or found[1] != identity:
            report = _rebuild(conn, path, identity)
        else:
            report = _catch_up(conn, path, found[0], batch, identity)
        if report.rebuilt or report.indexed or report.deleted:  # a no-op sync writes nothing (readers'
            _trim(conn, report.watermark)                        # caches empty on every commit)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _open_writer(path: Path, fresh: bool) -> tuple[tantivy.Index, tantivy.IndexWriter]:
    if fresh and path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(_schema(), path=str(path), reuse=not fresh)
    langs.register(index)
    return index, index.writer(heap_size=WRITER_HEAP, num_threads=1)


_ROW = ("SELECT id, title, text, site_name, language, categories, authors, COALESCE(published, first_seen) AS sort_key"
        " FROM articles WHERE kind = 'article'")


def _document(row: sqlite3.Row | tuple[Any, ...]) -> tantivy.Document:
    ident, title, text, site, language, categories, authors, sort_key = tuple(row)
    doc = tantivy.Document()
    doc.add_integer("id", int(ident))
    doc.add_integer("when", when_number(sort_key))
    group = langs.group_of(language)
    doc.add_text("group", group)
    words = zip(WORD_FIELDS, (title, text), strict=True) if group not in (langs.ENGLISH, langs.PLAIN) else ()
    for name, value in (*zip(langs.fields(group), (title, text), strict=True), *words, ("site", site),
                        ("language", language)):
        if value:
            doc.add_text(name, value)
    for name, values in (("category", categories), ("author", authors)):
        for value in _json_list(values):
            doc.add_text(name, value)
    return doc


def _json_list(value: str | None) -> list[str]:
    try:
        items = json.loads(value) if value else []
    except ValueError:
        return []
    return [v for v in items if isinstance(v, str) and v] if isinstance(items, list) else []


def _rebuild(conn: sqlite3.Connection, path: Path, identity: str) -> SyncReport:
    """Every article into a fresh index; the watermark is the change log's head read BEFORE the
    articles, so a change committed meanwhile is replayed by the next sync (replaying is harmless)."""
    head = _log_head(conn)
    index, writer = _open_writer(path, fresh=True)
    n = 0
    for row in conn.execute(_ROW + " ORDER BY id"):
        writer.add_document(_document(row))
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    _write_watermark(path, head, identity)
    return SyncReport(indexed=n, rebuilt=True, watermark=head)


def _catch_up(conn: sqlite3.Connection, path: Path, mark: int, batch: int, identity: str) -> SyncReport:
    report = SyncReport(watermark=mark)
    writer = None
    while True:
        rows = conn.execute("SELECT seq, article_id FROM search_changes WHERE seq > ? ORDER BY seq LIMIT ?",
                            (mark, batch)).fetchall()
        if not rows:
            break
        if writer is None:
            _, writer = _open_writer(path, fresh=False)
        ids = sorted({int(r[1]) for r in rows})
        for ident in ids:  # the index's copy goes; the article's current state (if any) comes back
            writer.delete_documents_by_term("id", ident)
        current = conn.execute(_ROW + f" AND id IN ({','.join('?' * len(ids))})", ids).fetchall()
        for row in current:
            writer.add_document(_document(row))
        writer.commit()
        mark = int(rows[-1][0])
        _write_watermark(path, mark, identity)
        report.indexed += len(current)
        report.deleted += len(ids) - len(current)
    if writer is not None:
        writer.wait_merging_threads()
    report.watermark = mark
    return report


def _log_head(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM search_changes").fetchone()[0])


def _trim(conn: sqlite3.Connection, watermark: int) -> None:
    """Forget changes the index has applied (the log then stays as short as the lag)."""
    with contextlib.suppress(sqlite3.OperationalError):  # a read-only connection leaves it to a writer
        conn.execute("DELETE FROM search_changes WHERE seq <= ?", (watermark,))
