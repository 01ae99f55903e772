"""The words that name a country or its people as quote search reads them ('Iran', "Iran's", 'Iranian',
'United States'): `about` finds what is said about a country by any of them (store.entity_pages._forms),
and a written speaker holding one is matched by its country (store.written_speakers.folded_words).
"""

from __future__ import annotations

from functools import lru_cache

from newsdesk.understand.countries import demonyms, fold, lookup, names_of, nation

# Words a country's tables give it that do not name it or its people in a quote: the pronoun 'us'
# (FTS5 folds case), parts of it ('English', 'Welsh'), a people across borders or a state gone
# ('Kurdish', 'Persian', 'Soviet'), an everyday word ('pole').
_NOT_COUNTRY_FORMS = frozenset({"us", "english", "scottish", "welsh", "kurdish", "persian", "soviet", "pole"})


def country_of(run: str) -> str | None:
    """The code of the country a word or run of words names, or whose people it names ('Iran',
    "Iran's", 'Iranian', 'United States'), as `about` reads countries (entity_pages._forms); None for
    any other word, and for the words _NOT_COUNTRY_FORMS leaves out. A speaker is matched so too
    (written_speakers.folded_words)."""
    return nation(run) if fold(run) not in _NOT_COUNTRY_FORMS else None


@lru_cache(maxsize=4096)
def people_of(word: str) -> str | None:
    """The code of the country whose people a word names, in English or French ('Jordanian',
    'Israelis', 'jordanien'), not its name ('Jordan', 'Jordanie'): None for any other word, and for
    the words _NOT_COUNTRY_FORMS leaves out. A speaker written so is no person called by the
    country's name (store.entities._by_demonym)."""
    if fold(word) in _NOT_COUNTRY_FORMS:
        return None
    place = lookup(word, "NORP")
    if place is not None:
        return place.code if place.how == "demonym" else None
    from newsdesk.understand.french import places  # Babel's tables: only for a word English does not read

    return places.demonym(word) if places.country(word) is None else None


def country_forms(code: str) -> frozenset[str]:
    """The names and demonyms of a country as `about` finds them ('iran', 'iranian', ...)."""
    return frozenset((names_of(code) | demonyms(code)) - _NOT_COUNTRY_FORMS)
