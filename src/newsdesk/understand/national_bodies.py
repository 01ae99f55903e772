"""Bodies every state has ("the Senate", "Parliament", "the Supreme Court", "the police"): one
entity per country, not one for every country's.

A name such as "Senate" is no one body: the store filed Pakistan's, Italy's and the US Senate as
one entity, and "Supreme Court" held Brazil's and the UK's. Such a mention is named after its
country, "Senate (Pakistan)", when the article says which country it is:
- the name writes it: "U.S. Senate", "Pakistan's Senate", "Brazilian Supreme Court", "Supreme
  Court of Pakistan", "Sénat français";
- a place or nationality right before it ("Pakistan's Senate" read as two names, "the Italian
  Parliament") or after it ("the Senate of Pakistan", "la police italienne");
- an earlier mention of the same body in the article was named after its country (the nearest);
- else the article's leading country, when clear: the only country it names (places,
  nationalities, cities), or one named at least twice and at least twice as often as any other.
Else the name stays bare, as before. The country is shown by its English name (the store's
names for countries are English, countries.country_name), the body by a fixed form of its name,
so the entity's name does not depend on which article came first; a French body named after its
country is named in English ("Cour suprême des États-Unis" is "Supreme Court (United States)", as
"Sénat américain" is "Senate (United States)"), so the two languages' mentions are one entity.

A state of a federal country (federal_states) has bodies of the same names: "the Virginia Senate",
"the Senate of Virginia", "the Texas House", "Victoria's Legislative Assembly", by the state's
adjective too ("the Victorian Parliament", "the Bavarian parliament") are named after the state
("Senate (Virginia)"), never after its country. "The state Senate" (or "provincial") is the
article's state when clear (an earlier mention of the body named after one, or the only state the
article names; where it names several, the one named in the mention's sentence, else its
paragraph), else it stays "State Senate": a state's body, apart from the national one, but of no
known state (like the bare "Senate", one entity for all such mentions). Bodies only a state has
here ("House", "Legislature", "General Assembly") are named only after a state: bare, they stay,
unless the article is about a state's politics (its state is clear, it names the state's governor,
legislature or "state Senate", and never Congress), where a bare "Senate" or "House" is that
state's; a bare "Supreme Court" stays the country's there (a federal case is often about a state).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from newsdesk.understand import countries, federal_states
from newsdesk.understand.federal_states import State
from newsdesk.understand.quote_found import doc_text, enclosing

# The fixed form of each body's name, in English and French (a body named in French stays French:
# "Sénat" and "Senate" were kept apart by E23; named after its country, it is the English body's).
_NAMES = (
    "Senate", "Parliament", "Congress", "Supreme Court", "Constitutional Court", "High Court",
    "National Assembly", "House of Representatives", "Chamber of Deputies", "Government", "Cabinet",
    "Foreign Ministry", "Ministry of Foreign Affairs", "Interior Ministry", "Ministry of Interior",
    "Ministry of the Interior", "Defence Ministry", "Defense Ministry", "Ministry of Defence",
    "Ministry of Defense", "Justice Ministry", "Ministry of Justice", "Finance Ministry",
    "Ministry of Finance", "Health Ministry", "Ministry of Health", "Education Ministry",
    "Ministry of Education", "Police", "National Police", "Army", "Navy", "Air Force", "Armed Forces",
    "Military", "Central Bank", "Constitutional Council",
    "Sénat", "Parlement", "Congrès", "Cour suprême", "Conseil constitutionnel", "Assemblée nationale",
    "Gouvernement", "Ministère des Affaires étrangères", "Ministère de l'Intérieur",
    "Ministère de la Défense", "Ministère de la Justice", "Police nationale", "Armée", "Banque centrale",
    "Chambre des représentants", "Chambre des députés",
)
# A French body named after its country, by the English body's name (bare, it stays French)
_ENGLISH = {
    "Sénat": "Senate", "Parlement": "Parliament", "Congrès": "Congress", "Cour suprême": "Supreme Court",
    "Conseil constitutionnel": "Constitutional Council", "Assemblée nationale": "National Assembly",
    "Gouvernement": "Government", "Ministère des Affaires étrangères": "Ministry of Foreign Affairs",
    "Ministère de l'Intérieur": "Ministry of the Interior", "Ministère de la Défense": "Ministry of Defence",
    "Ministère de la Justice": "Ministry of Justice", "Police nationale": "National Police", "Armée": "Army",
    "Banque centrale": "Central Bank", "Chambre des représentants": "House of Representatives",
    "Chambre des députés": "Chamber of Deputies",
}
# Bodies only a state has under these names (bare, "the House" is the UK's or the US's, "the General
# Assembly" the UN's): named only after a state, by the name on the right
_STATE_ONLY = {
    "House": "House of Representatives", "House of Delegates": "House of Delegates", "Assembly": "Assembly",
    "State Assembly": "Assembly", "General Assembly": "Legislature", "Legislature": "Legislature",
    "Legislative Assembly": "Legislative Assembly", "Legislative Council": "Legislative Council",
    "Landtag": "Landtag", "Assemblée législative": "Legislative Assembly",
}
_DELEGATES = {"Virginia", "Maryland", "West Virginia"}  # whose House is the House of Delegates
# an election word after a body: "Ohio's Senate race" (_race)
_RACE = re.compile(
    r"\s+(?:races?|seats?|candidates?|contests?|campaigns?|primar(?:y|ies)|nominees?|elections?|bids?)\b")
_STATE_PREFIX = re.compile(r"^(?:state|provincial)\s+")  # "State Senate" as one name
# "the state Senate", "the state's Supreme Court", "the provincial legislature"
_STATE_WORD = re.compile(r"\b(state|provincial)(?:['’]s)?\s+$", re.IGNORECASE)
# French words between a body and its country: "Cour suprême des États-Unis"
_OF = {"of", "de", "des", "du", "d"}
_LEADING = re.compile(r"^(?:the|le|la|les|l)\s+")
# "Pakistan's Senate", "the Italian Parliament", "the California state Senate"
_BEFORE = re.compile(r"\s*(?:['’]s?)?\s*(?:(?:state|provincial)\s+)?", re.IGNORECASE)
_AFTER_OF = re.compile(r"\s+(?:of|de|des|du|d['’])\s*(?:the\s+|la\s+|l['’])?")  # "the Senate of Pakistan"
_AFTER_WORD = re.compile(r"\s+([^\W\d_A-Z][\w-]*)")  # "la police italienne": a lower-case word after
_P = TypeVar("_P")  # what a body is named after: a country's code or a state (`_body_and_place`)


def _key(name: str) -> str:
    """name_key without its import (canonical imports this module), a leading French article off too."""
    from newsdesk.understand.canonical import name_key

    return _LEADING.sub("", name_key(name))


@lru_cache(maxsize=1)
def _bodies() -> dict[str, str]:
    return {_key(n): n for n in _NAMES}


@lru_cache(maxsize=1)
def _state_bodies() -> dict[str, str]:
    return {**_bodies(), **{_key(n): n for n in _STATE_ONLY}}


def bare(name: str) -> str | None:
    """The fixed form of the body a name names with no country or state ("the Senate" → "Senate",
    "the House" → "House"), else None: the store files no such name as an alias of a named body."""
    return _state_bodies().get(_key(name))


def named(body: str, code: str) -> str:
    """The body named after its country: "Senate (Pakistan)", "Cour suprême" in English."""
    return f"{_ENGLISH.get(body, body)} ({countries.country_name(code) or code})"


def state_named(body: str, state: State) -> str:
    """The body named after its state: "Senate (Virginia)", "House of Delegates (Maryland)" for
    "the Maryland House"; a state named as a country is ("Georgia") says its country too."""
    body = _STATE_ONLY.get(body, body)
    body = _ENGLISH.get(body, body)
    if body == "House of Representatives" and state.name in _DELEGATES:
        body = "House of Delegates"
    where = state.name if _country(state.name) is None else f"{state.name}, {countries.country_name(state.country)}"
    return f"{body} ({where})"


@lru_cache(maxsize=4096)
def _country(words: str) -> str | None:
    """The country some words name or a nationality says: "u s", "pakistan", "brazilian", "francais"."""
    code = countries.nation(words)
    if code is not None:
        return code
    from newsdesk.understand.french import places as places_fr

    return places_fr.country(words) or _demonym_fr(words)  # "etats unis", "francais"


def in_name(name: str) -> tuple[str, str] | None:
    """(body, country) when the name writes both: "U.S. Senate", "Supreme Court of Pakistan",
    "Sénat français", "Brazil's Supreme Court"; else None."""
    return _body_and_place(_key(name).split(), _bodies(), _country)


def in_state_name(name: str, country: str | None = None) -> tuple[str, State] | None:
    """(body, state) when the name writes both: "Virginia Senate", "Texas State Senate", "Senate
    of Virginia", "Victoria's Legislative Assembly", "Assemblée nationale du Québec", by the state's
    adjective too ("Victorian Parliament", "Bavarian parliament"); a state's name two countries have
    ("Punjab Assembly") is the one of `country`, the article's. Else None."""
    return _body_and_place(_key(name).split(), _state_bodies(),
                           lambda words: federal_states.state_or_adjective(words, country), state_word=True)


def _body_and_place(words: list[str], bodies: dict[str, str], place_of: Callable[[str], _P | None],
                    state_word: bool = False) -> tuple[str, _P] | None:
    """(body, place) when `words` write a body of `bodies` after a place `place_of` reads ("us
    senate", "virginia senate"; with `state_word` also "new york state assembly") or before it, an
    "of" between them or not ("supreme court of pakistan", "senat francais"); else None."""
    for i in range(1, min(len(words), 5)):
        rest = words[i + 1:] if state_word and words[i:i + 1] == ["state"] else words[i:]
        body = bodies.get(" ".join(rest))
        place = place_of(" ".join(words[:i])) if body else None
        if body and place:
            return body, place
        body = bodies.get(" ".join(words[:len(words) - i]))
        rest = words[len(words) - i:]
        rest = rest[1:] if body and rest[0] in _OF and len(rest) > 1 else rest
        place = place_of(" ".join(rest)) if body else None
        if body and place:
            return body, place
    return None


def _span(m: Any) -> tuple[Any, int, int] | None:
    span = getattr(m, "span", None)
    return None if span is None else (span.doc, span.start_char, span.end_char)


def _places(mentions: list[Any]) -> list[tuple[Any, tuple[Any, int, int]]]:
    """The places and nationalities with a country, with their spans (read once per article)."""
    spans = [(o, _span(o)) for o in mentions if o.country and o.type in ("GPE", "NORP")]
    return [(o, there) for o, there in spans if there is not None]


def _beside(m: Any, places: list[tuple[Any, tuple[Any, int, int]]]) -> tuple[str | None, Any]:
    """The country of a place or nationality (`_places`) written right before or after the mention,
    and that place's mention (None for a French nationality word after it: "la police italienne")."""
    here = _span(m)
    if here is None:
        return None, None
    doc, start, end = here
    text = doc_text(doc)  # Doc.text re-joins every token on each access: kept once per Doc
    for o, there in places:
        if o is m or there[0] is not doc:
            continue
        if there[2] <= start and _BEFORE.fullmatch(text[there[2]:start]):
            return str(o.country), o
        after = _AFTER_OF.match(text, end)
        if after and there[1] == after.end():
            return str(o.country), o
    word = _AFTER_WORD.match(text, end)
    return (_demonym_fr(word.group(1)) if word else None), None


def _state_word(m: Any) -> str | None:
    """"state" or "provincial" written right before the mention ("the state Senate"), or first in
    its name ("State Senate"); else None."""
    first = _key(m.text).split()[:1]
    if first in (["state"], ["provincial"]):
        return first[0]
    here = _span(m)
    if here is None:
        return None
    doc, start, _ = here
    word = _STATE_WORD.search(doc_text(doc), max(0, start - 24), start)
    return word.group(1).lower() if word else None


def _demonym_fr(word: str) -> str | None:
    """The country a French nationality says ("le Sénat américain", "la police italienne")."""
    from newsdesk.understand.french import places as places_fr

    return places_fr.demonym(word)


def leading_country(mentions: Iterable[Any]) -> str | None:
    """The country the article is about, when clear: the only one it names, or one named at least
    twice and at least twice as often as any other."""
    counts = Counter(m.country for m in mentions if m.country and m.type in ("GPE", "NORP", "LOC"))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and (ranked[0][1] < 2 or ranked[0][1] < 2 * ranked[1][1])):
        return None
    return str(ranked[0][0])


# What tells a state's politics, when the article's state is clear (`_Article.state_politics`): a state's
# official, its legislature, a "state Senate" or its lawmakers; and what tells Congress's, which keeps a
# bare "Senate" the country's
_STATE_POLITICS = re.compile(r"\b(?:Gov\.|(?:[Gg]overnor|[Ll]egislature|[Ll]egislative|[Pp]remier|state (?:[Ss]enate|"
                             r"[Hh]ouse|[Aa]ssembly|lawmakers|legislators|senators?|representatives?))\b)")
_CONGRESS = re.compile(r"\b(?:Congress|[Cc]ongressional|Capitol Hill|(?:U\.\s?S\.|US|United States) (?:Senate|House))")


def _marks(mentions: list[Any], country: str | None) -> list[tuple[int, State]]:
    """Where the article names a state, and which: its place mentions ("Virginia") and its bodies named
    after one ("the Texas Legislature"), in text order."""
    out = []
    for m in mentions:
        state = None
        if m.type in ("GPE", "LOC"):
            state = federal_states.state_of(m.text, country)
        elif m.type == "ORG":
            found = in_state_name(m.text, country)
            state = found[1] if found else None
        if state is not None and country in (None, state.country):
            out.append((m.start, state))
    return out


class _Article:
    """What an article says of its bodies' countries and states, read once and as needed."""

    def __init__(self, mentions: list[Any]) -> None:
        self.mentions = mentions
        self.country = leading_country(mentions)
        self.last: dict[str, str] = {}  # body → the name its nearest earlier mention was given
        self.last_state: dict[str, str] = {}  # the same, of the mentions named after a state

    @cached_property
    def places(self) -> list[tuple[Any, tuple[Any, int, int]]]:
        return _places(self.mentions)

    @cached_property
    def state(self) -> State | None:
        return federal_states.leading_state(self.mentions, self.country)

    @cached_property
    def marks(self) -> list[tuple[int, State]]:
        return _marks(self.mentions, self.country)

    @cached_property
    def state_politics(self) -> State | None:
        """The state whose politics the article is about, so a bare "Senate" or "House" is its body: the
        state it is about (named most, its bodies' names too), when it says a state's official,
        legislature or "state Senate" (PolNeAR dev has none such), and never Congress."""
        text = next((doc_text(here[0]) for here in map(_span, self.mentions) if here is not None), "")
        state = self.state or federal_states.most_named(s for _, s in self.marks)
        if state is None or _CONGRESS.search(text) or not _STATE_POLITICS.search(text):
            return None  # "the Texas House" alone is no evidence: "a top House leader" after it was Congress's
        return state

    def near_state(self, m: Any) -> State | None:
        """The one state named in the mention's sentence, else in its paragraph; else None."""
        here = _span(m)
        if here is None:
            return None
        doc, start, end = here
        sentence = doc.char_span(start, end, alignment_mode="expand").sent
        # its paragraph: the text between the line breaks around it
        for low, high in ((sentence.start_char, sentence.end_char), enclosing(doc_text(doc), start, start, "\n")):
            named = {s for at, s in self.marks if low <= at < high}
            if len(named) == 1:
                return named.pop()
        return None


def _bare_name(m: Any, body: str, article: _Article) -> tuple[str, bool] | None:
    """The name of a mention of a body written bare ("the Senate", "the state Senate") and whether
    it is a state's, else None."""
    code, place = _beside(m, article.places)
    word = _state_word(m)
    state = federal_states.state_of(place.text, place.country) if place is not None else None
    if state is not None and state.country in (place.country, article.country) and (word or not _race(m)):
        return state_named(body, state), True  # "the Virginia Senate", read as two names
    if word:  # "the state Senate": the state's, never the country's
        return _state_body(m, body, word, article)
    politics = _politics_of(body, article)
    if body in _STATE_ONLY and politics is None:  # "the House" after "the Texas House" may be the US House
        return None
    if code:
        return named(body, code), False
    if body in article.last:
        return article.last[body], body in article.last_state
    if politics is not None:  # "the Senate" of an article on Texas's lawmakers and governor
        return state_named(body, politics), True
    return (named(body, article.country), False) if article.country else None


# Congress's names, which only a US state's chambers have too: an Australian or Canadian state has no
# Senate or House, so "the Senate" of an article on Victoria's premier is Australia's
_CONGRESS_NAMES = {"Senate", "House"}


def _politics_of(body: str, article: _Article) -> State | None:
    """The state whose body a bare `body` is by the article's politics (`_Article.state_politics`): a
    legislative body only (a bare "Supreme Court" stays the country's), one the state has."""
    state = article.state_politics if body == "Senate" or body in _STATE_ONLY else None
    return state if state is not None and (state.country == "USA" or body not in _CONGRESS_NAMES) else None


def _state_body(m: Any, body: str, word: str, article: _Article) -> tuple[str, bool]:
    """The name of "the state Senate": the state's the article is about (an earlier mention of the body
    named after one, else the article's state), or where it names several, the one named in its
    sentence, else its paragraph; else "State Senate", of no known state."""
    if len({s for _, s in article.marks}) > 1:
        near = article.near_state(m)
        return (state_named(body, near), True) if near else (f"{word.title()} {body}", False)
    leading, earlier = article.state, article.last_state.get(body)
    if earlier or leading:
        return earlier or state_named(body, leading), True  # type: ignore[arg-type]
    return f"{word.title()} {body}", False


def _race(m: Any) -> bool:
    """Whether an election word follows the mention: "Ohio's Senate race", "his Maryland Senate
    race", "Wisconsin Senate candidate" are most often a race for the state's seat in the national
    body, so a state before the body, with no "state" said, does not make it the state's."""
    here = _span(m)
    return here is not None and _RACE.match(doc_text(here[0]), here[2]) is not None


def _own_name(m: Any, article: _Article) -> str:
    """The name to read the mention's body from: its canonical name, unless it is written bare and a
    place beside it names another country or state ("the Supreme Court of Israel" after "the US
    Supreme Court", to which canonical resolved the short name)."""
    name = m.canonical or m.text
    if _key(name) == _key(m.text) or not _state_bodies().get(_key(m.text)):
        return name
    code, place = _beside(m, article.places)
    return m.text if code or place is not None else name


def name_bodies(mentions: list[Any]) -> None:
    """Name each organisation mention that is a body every state has after its country (in place),
    or after its state, as the module's docstring says; a body with no country in evidence keeps its
    name. A body the parse took for a place ("la Cour suprême", LOC) is an organisation."""
    article = _Article(mentions)
    for m in sorted((m for m in mentions if m.type in ("ORG", "LOC", "MISC")), key=lambda m: m.start):
        name = _own_name(m, article)
        found = in_name(name)
        in_state = in_state_name(name, article.country) if found is None else None
        if in_state is not None and _race(m) and not _state_word(m):  # "his Maryland Senate race"
            in_state = None
        body: str | None
        given: tuple[str, bool] | None
        if found is not None:
            body, given = found[0], (named(*found), False)
        elif in_state is not None:
            body, given = in_state[0], (state_named(*in_state), True)
        else:
            body = _state_bodies().get(_STATE_PREFIX.sub("", _key(name)))
            given = _bare_name(m, body, article) if body else None
        if body and given:
            article.last[body] = given[0]
            if given[1]:
                article.last_state[body] = given[0]
            m.canonical, m.type = given[0], "ORG"
