"""Mentions in paragraphs written in another language than English.

The English model reads the capitalised words of a Spanish, French or Polish paragraph as names;
`in_english` keeps there only the names the English text gives too and people's full names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsdesk.understand import name_kinds
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_edges import has_capital
from newsdesk.understand.mention_people import person_names
from newsdesk.understand.name_sex import first_names

# A paragraph is in another language when the identifier puts the odds of English under 5%
# (log-odds -3). Set by that reading, and checked on the sample store's 79 paragraphs voted
# another language: English headlines and captions lie above -1.7, an English sentence naming
# a French group at -2.8, the shortest French quote ("Le plus grave accident ...") at -4.1.
_NOT_ENGLISH = -3.0


@lru_cache(maxsize=8)
def foreign_paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of the paragraphs written in another language than English.

    The entity stage and the event coder both ask this of the same article text: cached, the
    language identifier reads each article once.

    Global Voices quotes whole Spanish, Portuguese, French or Polish blog posts; the English
    model reads their capitalised words as names ("Entretanto", "Gente", "de la Policía").
    A paragraph too short to identify counts as English unless its words in small letters, two or
    more, are none of them English ("Gente, que absurdo!"), and so does one the identifier only
    doubts: headlines and captions ("Biologist Nick Bos tells Wikinews about ants") are voted
    Nigerian Pidgin at odds of English near even.
    """
    from newsdesk.understand.language import MIN_LETTERS, language_log_odds

    out = []
    for para in re.finditer(r"(?:(?!\n\s*\n)[\s\S])+", text):
        words = para.group()
        long = sum(map(str.isalpha, words)) >= MIN_LETTERS
        if long and language_log_odds(words, "en") < _NOT_ENGLISH or not long and name_kinds.no_english(words):
            out.append((para.start(), para.end()))
    return tuple(out)


def in_english(doc: Any, found: list[Mention]) -> list[Mention]:
    """The mentions outside foreign-language paragraphs; inside them, the ones the English text
    names too ("Bagua" in a Spanish quote) and people's names of two capitalised words or more
    that open with a given name or end in a name the English text gives ("d'Omar Bongo Ondimba"),
    not "Gente", "Entretanto", "ya la Ministra del Interior" nor "Ameryka Południowa" (South
    America, in Polish). A foreign word glued before a name the English text gives alone is cut
    off: "Entre Brack" (between Brack) is Brack."""
    foreign = foreign_paragraphs(doc.text)
    if not foreign:
        return found
    english = [m for m in found if not any(a <= m.start < b for a, b in foreign)]
    people = {m.text for m in english if m.type == "PERSON"} | person_names(english)
    names = {m.text for m in english} | people
    at_home = {id(m) for m in english}
    # a text all foreign to the identifier (one short paragraph: "Ali Shamkhani spoke in Tehran.")
    # gives no English names to check against: its people's names stay, as before E19
    out = [k for m in found for k in [m if id(m) in at_home or m.text in names else _foreign_name(m, people, english)]
           if k]
    for m in out:  # the English parse of a foreign sentence is no source of a role ("Puis profondément")
        if id(m) not in at_home and m.type == "PERSON":
            m.role = m.country = None
    return out


def _foreign_name(m: Mention, people: set[str], english: list[Mention]) -> Mention | None:
    """A mention inside a foreign paragraph the English text does not name, as `in_english` keeps
    it (`people`: the names and surnames of the people of the English text's mentions, `english`),
    else None."""
    words = [t for t in m.span if t.is_alpha or "'" in t.text or "’" in t.text]
    if m.type != "PERSON" or len(words) < 2 or not all(has_capital(t.text) for t in words):
        return None
    if not english or re.sub(r"^[dl]['’]", "", words[0].text).lower() in first_names():
        return m
    if words[-1].text not in people:
        return None
    last = m.span[-1:]
    return Mention(last.text, m.type, last.start_char, last.end_char, last, role=m.role, country=m.country)
