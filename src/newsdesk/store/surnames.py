"""A bare surname across articles names the one person of a longer name who carries it, whatever
order the articles came in.

The rule (`SurnameFolds._resolve_bare`, for a one-word person's name its own article gives no
fuller form): the one stored person of a longer name whose surname it is, spelt the same
("Obama" is Barack Obama); with two such persons (Barack and Michelle Obama) the one whose
surname is written as the word when an accent tells them apart ("García" is Alan García, not the
blogger Erick Garcia), else the one the title or honorific the article gives the word fits
("President Obama" is the Obama titled President where articles name them in full; "Mrs. Obama"
the one only ever called Mrs. or Ms., when the store knows an honorific for each), else neither:
the word is then a one-word entity of its own, "Obama".

The rule reads the store as it stands when an article comes, so alone it depends on the order:
a bare "Obama" stored before any "Barack Obama" opened a one-word entity that kept its articles
after he came (on the sample store, storing its articles in reverse order filed 3 person mentions
elsewhere than storing them in order). `settle_surname` runs each time a person of a
longer name is stored and makes the store what the rule gives over all its articles: a one-word
entity's mentions go to the person who now carries its word (with their roles and quotes; the
entity left with none keeps its id for when the word comes back: `_tidy`), and when a second
person with that surname comes, the articles that named the first one by the bare word alone go
back to a one-word entity. A user's decision
about the word (merge or split, `entity_decisions`) stops both: the user's word wins over the rule.
"""

from __future__ import annotations

import sqlite3

from newsdesk.understand.canonical import (
    honorific_before,
    last_spelt,
    lone_word,
    misspelt_surname,
    name_key,
    name_words,
    spelling_key,
    surname,
    title_of,
)

# An entity's mentions, each with the 8 characters its article writes before it (an honorific:
# canonical.honorific_before; the roles finder misses some).
_MENTIONS = ("SELECT m.id, m.article_id, m.text, m.start, m.day, m.role,"
             " substr(a.text, max(m.start - 7, 1), min(m.start, 8)) AS before"
             " FROM entity_mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?")


def _title_given(mention: sqlite3.Row) -> str | None:
    """The title a stored mention carries: its role, else the honorific written just before it."""
    before = mention["before"] or ""
    return mention["role"] or honorific_before(before, len(before))


class SurnameFolds:
    conn: sqlite3.Connection

    def _create_entity(self, type_: str, name: str, country: str | None, day: str) -> int:
        raise NotImplementedError  # store.entities.EntityStore

    def _add_alias(self, entity_id: int, alias: str) -> bool:
        raise NotImplementedError  # store.entities.EntityStore

    def _surname_owners(self, word: str) -> dict[int, set[str]]:
        """The persons of a longer name whose surname is `word`, spelt the same, that some article
        mentions (an entity left without mentions names no one), each with its surname as written."""
        owners: dict[int, set[str]] = {}
        for r in self._person_aliases(spelling_key(word), mentioned=True):
            if surname(r[1]) == word:
                owners.setdefault(r[0], set()).add(last_spelt(r[1]))
        return owners

    def _person_aliases(self, last: str, mentioned: bool = False) -> list[sqlite3.Row]:
        """(entity_id, alias) of the person aliases whose last word has the spelling key `last`;
        `mentioned`: of persons some article mentions only."""
        return self.conn.execute(
            "SELECT DISTINCT a.entity_id, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
            " WHERE a.last = ? AND e.type = 'PERSON'"
            + (" AND EXISTS (SELECT 1 FROM entity_mentions m WHERE m.entity_id = e.id)" if mentioned else ""),
            (last,)).fetchall()

    def _owner_of(self, text: str, owners: dict[int, set[str]], role: str | None = None) -> int | None:
        """The one person a bare surname `text` names among `owners`, or None. Among several, an
        accent tells ("García"); its absence does not ("Garcia" is how many write Alan García);
        else the title the article gives the word (`role`, `_titled`)."""
        if len(owners) == 1:
            return next(iter(owners))
        if not last_spelt(text).isascii():
            written = [o for o, spellings in owners.items() if last_spelt(text) in spellings]
            if len(written) == 1:
                return written[0]
        return self._titled(owners, role)

    def _titled(self, owners: dict[int, set[str]], role: str | None) -> int | None:
        """The one of `owners` the title or honorific `role` fits: "President Obama" is the one
        Obama titled President where articles name them in full (Barack, not Michelle); "Mrs.
        Obama" the one only ever called Mrs. or Ms. when the store knows an honorific for each."""
        head, sex = title_of(role)
        if head is None and sex is None:
            return None
        known = {o: self._titles(o) for o in owners}
        if head is not None:
            fits = [o for o, (heads, _) in known.items() if head in heads]
        elif all(sexes for _, sexes in known.values()):
            fits = [o for o, (_, sexes) in known.items() if sexes == {sex}]
        else:
            return None  # a namesake the store knows no honorific for could be the one
        return fits[0] if len(fits) == 1 else None

    def _titles(self, entity_id: int) -> tuple[set[str], set[str]]:
        """The title words and honorific sexes of a person's mentions in the articles that name
        them in full (a bare surname's own title may have been filed there by this very rule)."""
        heads: set[str] = set()
        sexes: set[str] = set()
        for article_id, rows in self._mentions_by_article(entity_id).items():
            if all(lone_word(r["text"]) is not None for r in rows) and not self._resolved_in_full(article_id, rows):
                continue
            for r in rows:
                head, sex = title_of(_title_given(r))
                heads.update([head] if head else [])
                sexes.update([sex] if sex else [])
        return heads, sexes

    def _mentions_by_article(self, entity_id: int) -> dict[int, list[sqlite3.Row]]:
        """An entity's mentions (`_MENTIONS` rows) by article."""
        by_article: dict[int, list[sqlite3.Row]] = {}
        for r in self.conn.execute(_MENTIONS, (entity_id,)):
            by_article.setdefault(r["article_id"], []).append(r)
        return by_article

    def _resolved_in_full(self, article_id: int, rows: list[sqlite3.Row]) -> bool:
        """The article itself resolved one of these mentions to a longer name (its annotated
        canonical, which the stored analysis record keeps): "Hill" under a title naming
        Christopher Hill is his, though no mention text of the article writes more than "Hill"."""
        starts = {r["start"] for r in rows}
        return any(start in starts and name_words(canonical or "") > name_words(text or "")
                   for start, text, canonical in self.conn.execute(
                       "SELECT json_extract(j.value, '$.start'), json_extract(j.value, '$.text'),"
                       " json_extract(j.value, '$.canonical')"
                       " FROM articles a, json_each(a.data, '$.entities') j WHERE a.id = ?", (article_id,)))

    def _resolve_bare(self, name: str, exact: list[sqlite3.Row], spelt: list[sqlite3.Row],
                      lasts: list[sqlite3.Row], here: set[int], role: str | None = None) -> int | None:
        """The entity a one-word person's name names: the one of several persons with that surname
        its title fits (`_titled`: "First Lady Michelle Obama ... President Obama"), a person its
        article names (an alias, a spelling of one, a misspelt surname: "Shokeir" beside Ahmed
        Shokier), else the person of a longer name with that surname (`_owner_of`), else the
        one-word entity of that name. `exact`, `spelt`: (entity_id, name) rows of aliases spelt as
        the name or as a variant of it; `lasts`: (entity_id, alias) rows of aliases whose last word
        is a variant of it."""
        word = lone_word(name) or ""
        owners = self._surname_owners(word)
        titled = self._titled(owners, role) if len(owners) > 1 else None
        if titled is not None:
            return titled
        for rows in (exact, spelt):
            mine = sorted(r[0] for r in rows if r[0] in here)
            if mine:
                return mine[0]
        # the surname of a person the article names in full, misspelt ("Mauer" beside K.C. Maurer): the
        # spelling rule alone, short words too, as the full name says who; a one-word alias says no one
        mine = sorted({r[0] for r in lasts if r[0] in here and name_words(r[1]) > 1
                       and misspelt_surname(name_key(r[1]).split()[-1], name)})
        if len(mine) == 1:
            return mine[0]
        owner = self._owner_of(name, owners, role)
        if owner is not None:
            return owner
        # A first name ("Ahmed"), or a surname two persons carry: no one of a longer name.
        for rows in (exact, spelt):
            ones = sorted(r[0] for r in rows if lone_word(r[1]) is not None)
            if ones:
                return ones[0]
        return None

    def settle_surname(self, word: str, *, new_name: bool = True) -> None:
        """Make the one-word person entity `word` and the persons with that surname what the
        rule gives over every stored article (see the module's docstring). `new_name`: a full name
        with that surname is new to the store (or was named by no article), so who carries it may
        have changed; only then are the persons' articles read (Barack Obama's are many, and each
        article naming him would read them all again)."""
        if self.conn.execute("SELECT 1 FROM entity_decisions WHERE type = 'PERSON' AND key = ?", (word,)).fetchone():
            return  # the user said who the word names
        lone = self._one_word_entity(word)
        owners = self._surname_owners(word)
        if lone in owners:  # a user's merge gave the one-word entity a full name: a person of its own
            return
        if lone is not None and owners and (new_name or len(owners) == 1):
            self._move_bare(word, owners, [lone])
        if new_name and len(owners) > 1:
            self._move_bare(word, owners, list(owners))

    def _one_word_entity(self, word: str) -> int | None:
        row = self.conn.execute("SELECT id FROM entities WHERE type = 'PERSON' AND key = ?", (word,)).fetchone()
        return row[0] if row else None

    def _move_bare(self, word: str, owners: dict[int, set[str]], sources: list[int]) -> None:
        """Each mention of `sources` in an article that writes the entity only as the bare `word`
        goes where the rule sends it: its one owner, else the one-word entity (made if needed)."""
        for source in sources:
            moved = False  # an entity nothing left stays: a reprocess cleared it, and its id is kept
            for article_id, rows in sorted(self._mentions_by_article(source).items()):
                if not all(lone_word(r["text"]) == word for r in rows) or self._resolved_in_full(article_id, rows):
                    continue  # the article names the person in full: its short names are theirs
                roles = {r["id"]: _title_given(r) for r in rows}
                titled = next((t for t in roles.values() if t), None)  # "President Obama ... Obama said"
                for r in rows:
                    target = self._owner_of(r["text"], owners, roles[r["id"]] or titled)
                    if target is None:
                        name = r["text"] if name_key(r["text"]) == word else word.title()  # "Mr. Obama"
                        # an emptied one-word entity (`_tidy`) keeps its id and takes the name as
                        # written here, as a new one would (_create_entity)
                        target = self._create_entity("PERSON", name, None, r["day"] or "")
                    if target != source:
                        self._move_mention(r, article_id, source, target, word)
                        moved = True
            if moved:
                self._tidy(source, word)

    def _move_mention(self, mention: sqlite3.Row, article_id: int, source: int, target: int, word: str) -> None:
        """One mention (its role with it), the alias it writes and its article's quotes by that bare word."""
        self._add_alias(target, mention["text"])
        self.conn.execute("UPDATE entity_mentions SET entity_id = ? WHERE id = ?", (target, mention["id"]))
        for q in self.conn.execute("SELECT id, speaker FROM quotes WHERE speaker_id = ? AND article_id = ?",
                                   (source, article_id)).fetchall():
            if lone_word(q["speaker"] or "") == word:
                self.conn.execute("UPDATE quotes SET speaker_id = ? WHERE id = ?", (target, q["id"]))
        self.conn.execute("UPDATE entities SET first_seen = ? WHERE id = ? AND (first_seen IS NULL OR first_seen > ?)",
                          (mention["day"], target, mention["day"]))

    def _tidy(self, entity_id: int, word: str) -> None:
        """An entity keeps the bare word as an alias only while a mention of it writes the word. A
        one-word entity left with no mention stays, with its id (the lists skip it; a reprocess's
        drop_unused_entities takes it if it is still empty at the end). Why: deleted, it was made
        again with a new id when a second person with the surname came, so a reprocess, which meets
        the articles one by one, gave "Obama" and "Roberts" new ids on every pass (E26)."""
        texts = [r[0] for r in self.conn.execute("SELECT text FROM entity_mentions WHERE entity_id = ?", (entity_id,))]
        if not any(lone_word(t) == word for t in texts):
            self.conn.execute("DELETE FROM entity_aliases WHERE entity_id = ? AND key = ?", (entity_id, word))
