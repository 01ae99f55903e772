"""Reading stored entities and quotes: an entity by id, name or alias, the entity list and page
(aliases, roles over time, mentions per day, co-occurring entities, quotes), quote search and an
article's annotations. Every count and list folds syndicated copies (`_listed`). A lone surname
finds the one stored person with it (`entity_row`, looser than resolution in `store.entities`).
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any

from newsdesk.errors import NotFound
from newsdesk.store.desk import copy_clause, usable_text
from newsdesk.store.entities import EntityStore
from newsdesk.store.irregular_forms import family, phrase_forms
from newsdesk.store.search_fts_langs import quote_langs_match
from newsdesk.store.search_index import has_forms
from newsdesk.store.written_speakers import Clause, Way, phrase_clause, role_clause, speaker_match, written_clause
from newsdesk.understand.canonical import name_key
from newsdesk.understand.country_words import country_forms, country_of

# A quote's anatomy columns (migration 031), read together by every quote query; a store opened
# read-only is not migrated, so one made before 031 reads them as NULL (`_anatomy`).
# A quote whose speaker is still one of these (no entity resolved it) has no "who": it stays
# searchable, but "Quoted most" listed "we" (26) and "I" (14) among the people quoted (U1, session 18).
UNRESOLVED_PRONOUNS = ("i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
                       "it", "its", "they", "them", "their", "one", "who", "which", "that", "this", "these",
                       "those", "je", "il", "elle", "on", "nous", "vous", "ils", "elles")
_ANATOMY = "q.pieces, q.cue_start, q.cue_end, q.speaker_start, q.speaker_end"
_NO_ANATOMY = "NULL AS pieces, NULL AS cue_start, NULL AS cue_end, NULL AS speaker_start, NULL AS speaker_end"


def quote_row(row: sqlite3.Row) -> dict[str, Any]:
    """A stored quote as a dict, `pieces` a list of [start, end]: a row stored before migration
    031 (pieces NULL) has the one piece [start, end], and no cue or speaker position."""
    d = dict(row)
    d["pieces"] = json.loads(d["pieces"]) if d.get("pieces") else [[d["start"], d["end"]]]
    return d


def _listed(column: str) -> str:
    """SQL: the article (a column, qualified: a bare name would read the subquery's own) is no
    syndicated copy (store.desk.copy_clause, by primary key: a store opened read-only may predate
    migration 032's index). A copy carries its representative's mentions and quotes again, and
    every entity page lists articles and quotes with copies folded, so every count of them folds
    copies too: counted with them, the entity list gave Barack Obama 47 quotes, 17 articles and
    166 mentions on the sample store where his page listed 18 quotes and 9 articles."""
    return f"NOT {copy_clause(column, indexed=False)}"


# An entity's row in the entity list; one only a syndicated copy names (its text annotated apart
# from its representative's) was listed with 0 mentions, 0 articles, 0 quotes, its page as empty:
# the copy is folded, and an entity with nothing left is not listed (_LISTED_ONLY; _NAMED to count them).
_ENTITY_ROWS = ("SELECT e.id, e.type, e.name, e.country, e.metonym, count(m.id) AS mentions,"
                " count(DISTINCT m.article_id) AS articles,"
                f" (SELECT count(*) FROM quotes qq WHERE qq.speaker_id = e.id AND {_listed('qq.article_id')}) AS quotes"
                f" FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id AND {_listed('m.article_id')}")
_LISTED_ONLY = " GROUP BY e.id HAVING mentions > 0 OR quotes > 0"
# The same test on `entities e` alone, for a count: no GROUP BY over every mention
_NAMED = (f"(EXISTS (SELECT 1 FROM entity_mentions m WHERE m.entity_id = e.id AND {_listed('m.article_id')})"
          f" OR EXISTS (SELECT 1 FROM quotes qq WHERE qq.speaker_id = e.id AND {_listed('qq.article_id')}))")


def _entity_where(type: str | None, q: str | None) -> tuple[list[str], list[Any]] | None:
    """The entity list's conditions on `entities e` (its type, a name `q` begins a word of) and their
    arguments; None when nothing can match."""
    where: list[str] = []
    args: list[Any] = []
    if type:
        where.append("e.type = ?")
        args.append(type)
    if q:
        # The name's key, its % and _ the name's own characters: 'q=%' (key '') listed every
        # entity, 'q=_' every one with a name of a letter or more. Matched where a word of an
        # alias begins: 'iran' listed Miranda Kirschel among Iran's entities on the sample store.
        key = name_key(q)
        if not key:
            return None
        where.append("e.id IN (SELECT entity_id FROM entity_aliases WHERE key LIKE ? ESCAPE '\\'"
                     " OR key LIKE ? ESCAPE '\\')")
        args += [_containing(key)[1:], _containing(" " + key)]
    return where, args


def _printable(text: str | None) -> str | None:
    """The text without control characters (no one's words; a NUL in an FTS5 string is a syntax
    error), None when nothing else is left."""
    kept = " ".join("".join(c for c in text or "" if unicodedata.category(c) != "Cc" or c.isspace()).split())
    return kept or None


def _containing(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') for values containing the text, its % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _words(about: str) -> list[str]:
    """The words of `about`, each with its own quotes and control characters dropped (a NUL ended
    the FTS5 string: a 500)."""
    return [w for w in (w.replace('"', "") for w in (_printable(about) or "").split()) if w]


# Words of `about` read together as one name: at most this many ('united states of america').
MAX_NAME_WORDS = 4
_QUOTED = re.compile(r'"([^"]*)"?')


def _terms(about: str, known: Callable[[str], bool]) -> list[str]:
    """What `about` asks for, each term required: a "quoted phrase", or a run of words that names a
    country ('united states', 'north korea') or something the store knows by that name (an alias
    of an entity: 'white house'), longest first, is one term, matched as a phrase; any other word
    is a term of its own, matched anywhere in the quote. 'united states' found every quote saying
    'united' and 'states' apart, and none saying 'American'."""
    terms: list[str] = []
    at = 0
    text = _printable(about) or ""
    for m in _QUOTED.finditer(text):
        terms += _runs(_words(text[at:m.start()]), known)
        terms += [" ".join(_words(m.group(1)))] if _words(m.group(1)) else []
        at = m.end()
    return terms + _runs(_words(text[at:]), known)


def _runs(words: list[str], known: Callable[[str], bool]) -> list[str]:
    """The words, runs of them that name a country or a known name joined (see `_terms`)."""
    terms, i = [], 0
    while i < len(words):
        size = next((n for n in range(min(MAX_NAME_WORDS, len(words) - i), 1, -1)
                     if _is_name(" ".join(words[i:i + n]), known)), 1)
        terms.append(" ".join(words[i:i + size]))
        i += size
    return terms


def _is_name(run: str, known: Callable[[str], bool]) -> bool:
    from newsdesk.understand.countries import nation

    return nation(run) is not None or bool(known(run))


@functools.lru_cache(maxsize=1024)
def _forms(word: str) -> tuple[str, ...]:
    """The word, and when it names a country or its people (countries.lookup) that country's names
    and demonyms: 'about=iran' should find 'Iranian officials', as the plural prefix rule did before
    stemming (migration 034), and 'Iranian' 'Iran'; 'united states' 'American' and 'U.S.' (not
    'us': FTS5 folds case). Any other word finds its stems and the words of its lemma the stemmer
    does not join to it ('said' 'says', 'men' 'man': irregular_forms.family); 'new' no 'news'."""
    from newsdesk.understand.countries import fold

    code = country_of(word)
    if code is None:
        return (word, *family(word)) if " " not in word else tuple(phrase_forms(word.split()))
    return (word, *sorted(country_forms(code) - {fold(word)}))


def _match_terms(words: list[str]) -> str:
    """An FTS5 query over what was said (the column `text`): `quotes_fts` indexes the speaker too,
    and 'about=Shamkhani' found what Ali Shamkhani said, not what was said about him. Each word a
    quoted string, or a choice of its forms; the index holds stems (migration 034), so 'missiles'
    finds 'missile program' and 'treaties' 'treaty' (a prefix of the singular found the first, not
    the second), and 'war' no 'warning'."""
    return " AND ".join("text : (" + " OR ".join(f'"{f}"' for f in _forms(w)) + ")" for w in words)


class EntityPages(EntityStore):
    """What the entity list, entity pages, quote search and article page read."""

    def _has_column(self, table: str, column: str) -> bool:
        """Whether the table has the column (a store opened read-only is not migrated). Only a yes
        is kept: another process may migrate the store later."""
        seen: set[tuple[str, str]] = self.__dict__.setdefault("_columns_seen", set())
        if (table, column) not in seen and any(
                r[1] == column for r in self.conn.execute(f"PRAGMA table_info({table})")):
            seen.add((table, column))
        return (table, column) in seen

    def _anatomy(self) -> str:
        """The anatomy columns to select: the real ones once migration 031 has run."""
        return _ANATOMY if self._has_column("quotes", "pieces") else _NO_ANATOMY

    def _heading(self) -> str:
        """SQL over `entity_mentions m`: the mention is named by the page's heading or byline only
        (migration 038; a store opened read-only before it reads 0). Such a mention stands at 0-0,
        and the pages listed it there with nothing saying why."""
        return "m.heading" if self._has_column("entity_mentions", "heading") else "0"

    def _speaker_text(self, article: str) -> str:
        """SQL: the speaker as the text writes it ("the minister", "we", a label), read from the
        article's text at speaker_start..speaker_end (character offsets, as substr counts them).
        The speaker column holds whom the phrase was resolved to, so a quote filed under David
        Cameron showed his name where the article wrote "we", and nothing said so."""
        if not self._anatomy().startswith("q."):
            return "NULL AS speaker_text"
        return (f"CASE WHEN q.speaker_start IS NOT NULL AND q.speaker_end > q.speaker_start THEN"
                f" substr({article}.text, q.speaker_start + 1, q.speaker_end - q.speaker_start) END AS speaker_text")

    def list_entities(self, *, type: str | None = None, q: str | None = None, limit: int = 50,
                      offset: int = 0) -> list[dict[str, Any]]:
        """Entities by mention count: id, type, name, country, mentions, articles, quotes (copies
        folded, as the entity's page lists them: `_listed`); one with none of these is left out."""
        found = _entity_where(type, q)
        if found is None:
            return []
        where, args = found
        sql = (_ENTITY_ROWS + (" WHERE " + " AND ".join(where) if where else "") + _LISTED_ONLY
               + " ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?")
        return [dict(r) for r in self.conn.execute(sql, [*args, limit, offset])]

    def count_entities(self, *, type: str | None = None, q: str | None = None) -> int:
        """How many entities list_entities lists in all (its pages' `total`: a page past the last
        led back to the page before it, not to the last one)."""
        found = _entity_where(type, q)
        if found is None:
            return 0
        where, args = found
        # _NAMED where the list groups: the list's GROUP BY over every mention took 8.7 ms on the
        # corpus store (1,884 entities) against 4.3 for a page of it
        sql = "SELECT count(*) FROM entities e WHERE " + " AND ".join([*where, _NAMED])
        return int(self.conn.execute(sql, args).fetchone()[0])

    def entity_detail(self, ref: str | int, *, quotes: int = 50) -> dict[str, Any]:
        """One entity: aliases, roles over time, mentions per day, co-occurring entities, quotes."""
        e = dict(self.entity_row(ref))
        eid = e["id"]
        e["aliases"] = [r[0] for r in self.conn.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (eid,))]
        e["roles"] = [dict(r) for r in self.conn.execute(
            "SELECT role, count(*) AS mentions, min(day) AS first, max(day) AS last FROM entity_mentions m"
            f" WHERE entity_id = ? AND role IS NOT NULL AND {_listed('m.article_id')} GROUP BY role"
            " ORDER BY mentions DESC", (eid,))]
        e["mentions_by_day"] = [dict(r) for r in self.conn.execute(
            f"SELECT day, count(*) AS mentions FROM entity_mentions m WHERE entity_id = ? AND {_listed('m.article_id')}"
            " GROUP BY day ORDER BY day", (eid,))]
        e["mentions"] = sum(d["mentions"] for d in e["mentions_by_day"])
        e["cooccurring"] = self.cooccurring(eid)
        e["quotes"] = self.search_quotes(speaker_id=eid, limit=quotes)
        e |= self._listed_counts(eid)
        e["speakers_for"] = self.speakers_for(e)
        # A name finds one entity (the most mentioned); the others of that name are a link away.
        # `entities show Iran` gave the nationality, and nothing said the country was another entity.
        e["namesakes"] = [dict(r) for r in self.conn.execute(
            "SELECT id, name, type FROM entities WHERE key = ? AND id != ? ORDER BY type, id", (e["key"], eid))]
        e["empty"], e["filed_under"] = self._filed_under(e)
        # `heading`: the article names it in its heading or byline only, not in the text
        e["articles"] = [dict(r) | {"heading": bool(r["heading"])} for r in self.conn.execute(
            # `collected`: when it was first seen, the date an undated article goes by (its quotes' day)
            f"SELECT a.id, a.title, a.url, a.published, a.first_seen AS collected, count(*) AS mentions,"
            f" min({self._heading()}) AS heading"
            " FROM entity_mentions m"
            " JOIN articles a ON a.id = m.article_id"
            f" WHERE m.entity_id = ? AND {_listed('a.id')} GROUP BY a.id"
            " ORDER BY coalesce(a.published, a.first_seen) DESC LIMIT 50", (eid,))]
        return e

    def _filed_under(self, e: dict[str, Any]) -> tuple[bool, dict[str, Any] | None]:
        """(whether no mention and no quote names the entity, the entity its name is filed under now).
        Why: a one-word entity whose mentions went to the one person carrying the word ("Obama" to
        Barack Obama: store.surnames) keeps its id for when the word comes back, so its page, linked
        from before, showed an empty entity until a reprocess ended and dropped it; it now says where
        they went. A reprocess halfway through empties many (their articles not stored again yet):
        their name files under themselves, so nothing is said of another entity."""
        if self.conn.execute("SELECT 1 FROM entity_mentions WHERE entity_id = ? UNION ALL"
                             " SELECT 1 FROM quotes WHERE speaker_id = ? LIMIT 1", (e["id"], e["id"])).fetchone():
            return False, None
        found = self._resolve(e["type"], e["name"], whole=True)
        if found is None or found == e["id"]:
            return True, None
        row = self.conn.execute("SELECT id, name, type FROM entities WHERE id = ?", (found,)).fetchone()
        return True, dict(row) if row else None

    def speakers_for(self, entity: dict[str, Any], limit: int = 20) -> list[dict[str, Any]]:
        """Who speaks for a country (on the country's and its nationality's page): its quoted
        people, organisations and places, the country itself too ("Iran said"), most quoted first.
        The country's page listed only the quotes filed under its own name: "who speaks for Iran"
        (Ali Shamkhani and Abbas Araqchi in the seed) had no answer."""
        from newsdesk.understand.countries import country_name

        code = entity.get("country")
        if entity["type"] not in ("GPE", "NORP") or not code or name_key(country_name(code) or "") != entity["key"]:
            return []
        return [dict(r) for r in self.conn.execute(
            "SELECT e.id, e.name, e.type, count(*) AS quotes FROM quotes q JOIN entities e ON e.id = q.speaker_id"
            f" WHERE e.country = ? AND e.type != 'NORP' AND {_listed('q.article_id')}"
            " GROUP BY e.id ORDER BY quotes DESC, e.name LIMIT ?", (code, limit))]

    def _listed_counts(self, entity_id: int) -> dict[str, int]:
        """How many quotes and articles an entity has, as its page lists them: the page shows the
        newest 50 of each, and a page of 50 looked like all there was."""
        quotes = self.conn.execute("SELECT count(*) FROM quotes q"
                                   f" WHERE q.speaker_id = ? AND {_listed('q.article_id')}", (entity_id,)).fetchone()[0]
        articles = self.conn.execute("SELECT count(DISTINCT m.article_id) FROM entity_mentions m"
                                     f" WHERE m.entity_id = ? AND {_listed('m.article_id')}",
                                     (entity_id,)).fetchone()[0]
        return {"quote_count": quotes, "article_count": articles}

    def cooccurring(self, entity_id: int, limit: int = 20) -> list[dict[str, Any]]:
        """Entities named in the same articles, by number of shared articles (copies folded)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT e.id, e.name, e.type, count(DISTINCT o.article_id) AS articles"
            " FROM entity_mentions m JOIN entity_mentions o ON o.article_id = m.article_id"
            " JOIN entities e ON e.id = o.entity_id"
            f" WHERE m.entity_id = ? AND o.entity_id != ? AND {_listed('m.article_id')}"
            " GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ?",
            (entity_id, entity_id, limit))]

    def search_quotes(self, *, speaker: str | None = None, about: str | None = None,
                      speaker_id: int | None = None, kind: str | None = None, limit: int = 50,
                      offset: int = 0, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Quotes, newest first: by speaker (an entity's id, or a name: the entities of that name,
        and quotes whose unresolved speaker is written so; else the phrase; and either way the
        quotes whose speaker the text writes so, `written_match`, or whose speaker's role it is,
        `role_match`) and words."""
        found = self._quote_filter(speaker, about, speaker_id, kind, (since, until))
        if found is None:
            return []
        # how: how the speaker's phrase found each quote (a quote of Marco Rubio found by "the
        # senator" read as if he were the senator asked for)
        where, args, (how, how_args) = found
        sql = ("SELECT q.id, q.article_id, q.speaker_id, q.speaker, q.speaker_role, q.text, q.kind, q.cue,"
               f" q.start, q.end, {self._anatomy()}, {self._speaker_text('a')}, q.day, a.title, a.url,"
               f" {how} AS matched_by FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}"
               " ORDER BY q.day DESC, q.id DESC LIMIT ? OFFSET ?")
        rows = [quote_row(r) for r in self.conn.execute(sql, [*how_args, *args, limit, offset])]
        for r in rows:
            way = r.pop("matched_by")
            r["written_match"], r["role_match"] = way == "written", way == "role"
        return rows

    def count_quotes(self, *, speaker: str | None = None, about: str | None = None, speaker_id: int | None = None,
                     kind: str | None = None, since: str | None = None, until: str | None = None) -> int:
        """How many quotes search_quotes finds in all (its pages' `total`), with the same filter."""
        found = self._quote_filter(speaker, about, speaker_id, kind, (since, until))
        if found is None:
            return 0
        where, args, _ = found
        sql = f"SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}"
        return int(self.conn.execute(sql, args).fetchone()[0])

    def quote_speakers(self, *, speaker: str | None = None, about: str | None = None,
                       speaker_id: int | None = None, kind: str | None = None, limit: int = 10,
                       since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Who is quoted most among the quotes search_quotes finds: speaker_id (null when the
        speaker is unresolved), name, quotes; "who is quoted most about missiles" had no answer
        but counting the pages of quotes by hand."""
        found = self._quote_filter(speaker, about, speaker_id, kind, (since, until))
        if found is None:
            return []
        where, args, _ = found
        pronouns = f"({', '.join('?' * len(UNRESOLVED_PRONOUNS))})"
        sql = ("SELECT q.speaker_id, coalesce(e.name, q.speaker) AS name, count(*) AS quotes"
               f" FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id WHERE {where} AND q.speaker IS NOT NULL"
               f" AND NOT (q.speaker_id IS NULL AND lower(trim(q.speaker)) IN {pronouns})"
               " GROUP BY coalesce(q.speaker_id, lower(q.speaker)) ORDER BY quotes DESC, name LIMIT ?")
        return [dict(r) for r in self.conn.execute(sql, [*args, *UNRESOLVED_PRONOUNS, limit])]

    def _by_name(self, speaker: str, ids: list[int]) -> tuple[str, list[str | int]]:
        """SQL over `quotes q` and its arguments: the quote's speaker is the name, that of the
        entities `ids` (`_speaker_ids`) when it names any."""
        if not ids:  # a phrase: its words in a row, whatever its characters ('%' is no wildcard)
            return phrase_clause(self.conn, speaker)
        # A name that also names an entity still finds the quotes filed under that name but left
        # unresolved: 'British' found the nationality, none of whose quotes are its own (a nationality
        # speaks for no one), and so none of the three quotes said by "British".
        marks = ", ".join("?" * len(ids))
        return (f"(q.speaker_id IN ({marks}) OR (q.speaker_id IS NULL AND lower(q.speaker) IN"
                f" (SELECT lower(alias) FROM entity_aliases WHERE entity_id IN ({marks}) UNION SELECT lower(?))))",
                [*ids, *ids, speaker])

    def _speaker_ways(self, speaker: str) -> list[Way]:
        """The ways a quote's speaker may match the phrase, in order, each (way, SQL over `quotes q`,
        its arguments): by name (`_by_name`), as the text writes the speaker, by the role it gives
        them (store.written_speakers: the phrase itself when it names an entity, else its words in a
        row). A store from before migration 031 has no speaker positions to read the written form by."""
        ids = self._speaker_ids(speaker)
        whole = int(bool(ids))
        ways: list[Way] = [("name", *self._by_name(speaker, ids))]
        # quotes store the speaker as written (migration 040); a store opened read-only before it
        # reads it from the article's text
        stored = self._has_column("quotes", "speaker_written")
        if self._anatomy().startswith("q."):
            ways.append(("written", *written_clause(self.conn, speaker, whole, stored)))
        return [*ways, ("role", *role_clause(self.conn, speaker, whole, stored))]

    def _quote_filter(self, speaker: str | None, about: str | None, speaker_id: int | None,
                      kind: str | None, days: tuple[str | None, str | None] = (None, None),
                      ) -> tuple[str, list[str | int], Clause] | None:
        """The WHERE clause over `quotes q` and its arguments, and which way each quote's speaker
        matched (`speaker_match` over `_speaker_ways`; NULL when no speaker is asked); None when
        nothing can match. `days`: the first and last day (YYYY-MM-DD, inclusive) of the quote's
        `day`, as the events take --since/--until ("what did Araqchi say this month")."""
        where: list[str] = []
        args: list[str | int] = []
        # a speaker or words of only control characters (?speaker=%00) are a QueryError (a 400), not
        # no filter: the NUL speaker listed every quote
        speaker, about = usable_text("speaker", speaker), usable_text("about", about)
        for clause, day in zip(("q.day >= ?", "q.day <= ?"), days, strict=True):
            if day:
                where.append(clause)
                args.append(day)
        speaker = _printable(speaker)
        how: Clause = ("NULL", [])
        if speaker:
            (match, more), how = speaker_match(self._speaker_ways(speaker))
            where.append(match)
            args += more
        if speaker_id is not None:
            where.append("q.speaker_id = ?")
            args.append(speaker_id)
        if kind:
            where.append("q.kind = ?")
            args.append(kind)
        # A syndicated copy (a member of a syndication group that is not its representative)
        # carries the same quotes again: "what did X say" listed each quote once per copy.
        where.append(_listed("q.article_id"))
        if about:
            words = _terms(about, self._known_name)
            if not words:  # only such characters leave nothing to match: an empty MATCH is an error
                return None
            # FTS5 finds the quotes by porter stem (or, in another language, the articles holding the
            # words in theirs: search_fts_langs); the index's stemmer, in the language of the quote's
            # article, keeps what porter over-joins out (search_index.has_forms)
            self.conn.create_function("newsdesk_has_forms", 3, has_forms, deterministic=True)
            other = quote_langs_match([list(_forms(w)) for w in words], self.conn)
            where.append("(q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
                         + (" OR q.article_id IN (SELECT rowid FROM articles_fts_langs WHERE articles_fts_langs"
                            " MATCH ?)" if other else "")
                         + ") AND newsdesk_has_forms(q.text, ?,"
                         " (SELECT language FROM articles WHERE id = q.article_id))")
            args += [_match_terms(words), *([other] if other else []), json.dumps([list(_forms(w)) for w in words])]
        return " AND ".join(where), args, how

    def _known_name(self, run: str) -> bool:
        """Whether an entity of the store has this name (one of its aliases)."""
        key = name_key(run)
        return bool(key) and self.conn.execute("SELECT 1 FROM entity_aliases WHERE key = ? LIMIT 1",
                                               (key,)).fetchone() is not None

    def _speaker_ids(self, name: str) -> list[int]:
        """Every entity a speaker's name may mean: the one entity_row finds and each other of that
        very name. Only the first was asked: 'Australia' found the country (no quotes), not the
        nationality quoted under that name. Not every entity with the name as an alias: 'Obama' is
        one of Michelle Obama's; ?speaker_id=N asks for one entity. A name a person bears is no
        nationality's: the nationality named after a country ("Jordanians", filed as the NORP
        'Jordan') is left out when a person is called so, or "Jordan" found every Jordanian's quotes
        beside those of the person called Jordan (the country's own, "Jordan said", stay)."""
        try:
            picked = self.entity_row(name)
            found = {int(picked["id"]): str(picked["type"])}
        except NotFound:
            found = {}
        for r in self.conn.execute("SELECT id, type FROM entities WHERE key = ?", (name_key(name),)):
            found.setdefault(int(r[0]), str(r[1]))
        person = "PERSON" in found.values()
        return [i for i, type_ in found.items() if not (person and type_ == "NORP")]

    def article_annotations(self, article_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """One article's stored mentions (with their canonical entity, and whether it is a capital
        standing for a government: nothing in an article's annotations said "Washington" was the US
        government and not the city) and quotes, in text order."""
        mentions = [dict(r) | {"heading": bool(r["heading"])} for r in self.conn.execute(
            "SELECT m.entity_id, m.text, m.start, m.end, m.role, e.type, e.name, e.country, e.metonym,"
            f" {self._heading()} AS heading FROM entity_mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start", (article_id,))]
        quotes = [quote_row(r) for r in self.conn.execute(
            f"SELECT q.id, q.speaker_id, q.speaker, q.speaker_role, q.text, q.kind, q.cue, q.start, q.end,"
            f" {self._anatomy()}, {self._speaker_text('a')}"
            " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.article_id = ? ORDER BY q.start",
            (article_id,))]
        return mentions, quotes

    def entity_counts(self) -> dict[str, int]:
        return dict(Counter({r[0]: r[1] for r in self.conn.execute(
            "SELECT type, count(*) FROM entities GROUP BY type")}))
