"""One name per thing: within an article, then across the store.

Within an article, a short mention takes the full name it abbreviates: "Araqchi" →
"Abbas Araqchi" (the nearest full name before it, else the most frequent one), "IAEA" →
"International Atomic Energy Agency" when the initials fit, "U.S." → "United States". An
international body's short name is its full name even where the article gives none ("UN" →
"United Nations": data/org_abbreviations.json), and "the Islamic Republic" the country the
article is about (countries.BY_CONTEXT).

Across articles, `name_key` folds case, accents, punctuation and titles, and
`spelling_key` folds the transliteration variants of one sound (Araqchi / Araghchi,
Qaddafi / Gaddafi, Mohammad / Muhammad), so the store can treat them as one person.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from newsdesk.understand import countries, country_words, name_kinds, national_bodies
from newsdesk.understand.entities import Mention
from newsdesk.understand.name_sex import FEMALE_HONORIFICS, MALE_HONORIFICS, first_name_sex, honorific_sex
from newsdesk.understand.roles import HONORIFICS, TITLE_WORDS

_NAME_TYPES = ("PERSON", "ORG")
_STOP = {"the", "of", "and", "for", "mr", "mrs", "ms", "dr"}
_HONORIFICS = {w.rstrip(".") for w in HONORIFICS} | {"madam"}  # roles' forms of address, undotted


def name_key(name: str) -> str:
    """Case, accents, punctuation and a leading "the" folded: "the U.S." → "us"."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text).strip())


def spelling_key(name: str) -> str:
    """A consonant skeleton per word: transliteration variants of one name share it."""
    words = []
    for word in name_key(name).split():
        w = re.sub(r"[qgck]h?|kh", "k", word)
        w = w.replace("ph", "f").replace("h", "").replace("w", "v")
        w = w[0] + re.sub(r"[aeiouy]", "", w[1:]) if w else w
        words.append(re.sub(r"(.)\1+", r"\1", w))
    return " ".join(words)


def same_name(a: str, b: str) -> bool:
    """Spelling variants of one name: same skeleton and close as strings, word by word
    (`spelt_alike`), but never an acronym other than the same letters, nor a one-word name of
    `_SHORT` letters or fewer other than the same word, nor a demonym and its country's name
    (`people_apart`: "Jordanian" and "Jordan").

    Why: the skeleton and ratios are loose on short words. One letter added or changed in a word of
    four or five letters makes another name, and the store filed the French "Mali" under "Malia"
    (Malia Obama, misread as a place), "Monet" under "Manet" ("Manet, Millet, Monet"), the French
    "Sénat" under the US "Senate", and acronyms under each other or a word: "PS" (Parti socialiste)
    under "PSA", "ETA" under "Etat", "SMS" under "Sams", "Sec." under "SC". The variants the rule
    is for are longer (Mohammed/Muhammad, Araqchi/Araghchi, Gaddafi/Qaddafi) or one word of a longer
    name (Kristin/Kristen Wilkins, Claude Bartolone/Bertolone); a bare short name spelt otherwise
    ("Ahmad", "Ahmed") is at least as often someone else. Lost with it: "Qatar"/"Katar" and the
    French "Alpes" with the English "Alps" (one place: the French place names should give the
    English name, as french.places does for countries)."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if _acronym_apart(a, b) or _acronym_apart(b, a) or _QUALIFIER.findall(a) != _QUALIFIER.findall(b):
        return False
    if len(ka.split()) == 1 and min(len(ka), len(kb)) <= _SHORT:
        return False
    return spelt_alike(ka, kb) and not people_apart(ka, kb)


def people_apart(a: str, b: str) -> bool:
    """Whether one of two names names the people of the country the other names ("Jordanian" and
    "Jordan", "Israeli" and "Israel", the French "Jordanien" and "Jordan" or "Jordanie"), in either
    order. Why: by the skeleton rule a demonym is a spelling of its country's name ('jrdn', 'isrl'
    both), so the store filed a person-tagged "Jordanian" under a person called Jordan (E32, E33). A
    country's French name that English reads as a demonym ("Argentine") is the country's name."""
    ka, kb = name_key(a), name_key(b)
    return ka != kb and (_people_of(ka, kb) or _people_of(kb, ka))


@lru_cache(maxsize=4096)
def _people_of(people: str, country: str) -> bool:
    """Whether name key `people` is the demonym of the country name key `country` names."""
    from newsdesk.understand.french import places  # Babel's tables, as country_words reads them

    code = country_words.people_of(people)
    return (code is not None and places.country(people) is None and country_words.people_of(country) is None
            and code in (country_words.country_of(country), places.country(country)))


def spelt_alike(a: str, b: str) -> bool:
    """Same consonant skeleton and close as strings, word by word: the spelling rule alone, short
    words too (a surname of a person the same article names in full: "Mauer" for "K.C. Maurer").
    A whole-name ratio alone let one short word differ entirely: "Jane Smith" was filed under John
    Smith ("jn smt" both, 0.8 as strings), though "jane"/"john" match 0.5 and real variants 0.75 or
    more (Mohammed/Muhammad, Omar/Umar 0.75; Araqchi/Araghchi 0.8; Gaddafi/Qaddafi 0.86)."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if spelling_key(a) != spelling_key(b) or difflib.SequenceMatcher(None, ka, kb).ratio() < 0.8:
        return False
    return all(wa == wb or difflib.SequenceMatcher(None, wa, wb).ratio() >= _WORD_VARIANT
               for wa, wb in zip(ka.split(), kb.split(), strict=False))


def misspelt_surname(surname_key: str, written: str) -> bool:
    """Whether a one-word name `written` (as the text writes it) is a misspelling of a person's
    surname `surname_key` (name_key form) that its article names in full ("Mauer" beside K.C.
    Maurer): `spelt_alike`, but never an acronym as written other than the same letters, nor a word of
    `_MISSPELT_MIN` letters or fewer other than the same word, nor the people of a country the surname
    names ("Jordanian" beside Michael Jordan: `people_apart`). Why: the spelling rule alone, short
    words too, filed the tagger's person "SMS" under Jon Sams and "Sec" under Ray Sc in an article
    naming them: an acronym is no misspelling, and one letter in three makes another word."""
    word = lone_word(written) or name_key(written)
    if word == surname_key:
        return True
    last = written.strip(",;:'\"()").split()[-1:]  # the word as written, its quotes and brackets off
    if last and _ACRONYM.fullmatch(last[0]):
        return False
    return (min(len(word), len(surname_key)) > _MISSPELT_MIN and spelt_alike(surname_key, word)
            and not people_apart(surname_key, word))


# what a name is told apart by in brackets, "Senate (Niger)" from "Senate (Nigeria)" (national_bodies):
# spelt alike, but another country's body
_QUALIFIER = re.compile(r"\(([^()]*)\)")
_WORD_VARIANT = 0.75  # how close two spellings of one word of a name are, at the least
_SHORT = 5  # a one-word name this short or shorter has no spelling variants: Mali/Malia, Manet/Monet
_MISSPELT_MIN = 3  # a surname this short or shorter is misspelt by no other word of its article: Sc/Sec
# an acronym as written: 2 to 5 capitals, dotted or not ("PS", "U.S.", "SMS", "ETA")
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")


def _acronym_apart(a: str, b: str) -> bool:
    """Whether a word of `a` written as an acronym is another word in `b`: an acronym differing by
    a letter names another body ("PS" and "PSA"), and one is no spelling of a word ("ETA", "Etat")."""
    wa, wb = a.replace("’", "'").split(), name_key(b).split()
    if len(wa) != len(wb):
        return False
    return any(_ACRONYM.fullmatch(w.strip(",;:'\"()")) and name_key(w) != v for w, v in zip(wa, wb, strict=True))


@lru_cache(maxsize=4096)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(w for w in name_key(name).split() if w not in _STOP)


# Words that add no one new after an organisation's name: "Apple Inc." is Apple, "Labour Party"
# Labour. Any other word after it names something of its own ("EU Supreme Court", "Google Science
# Fair", "CBC News", "House of Commons").
_ORG_SUFFIXES = {"inc", "incorporated", "ltd", "limited", "llc", "plc", "corp", "corporation", "co", "company",
                 "group", "holdings", "sa", "ag", "gmbh", "nv", "party"}


def _abbreviates(short: str, full: str, type_: str = "PERSON") -> bool:
    """"Araqchi" for "Abbas Araqchi", "Trump" for "Donald J. Trump", "IAEA" for its full name.

    An organisation's short name stands for a longer one only as its initials, as its head plus
    a generic suffix ("Apple" for "Apple Inc."), or as its last two words or more ("Supreme Court"
    for "US Supreme Court"). The person rule (any first or last words) made "EU" the "EU Supreme
    Court", "Google" the "Google Science Fair", "House" the "House of Commons", "Helsinki" the
    "University of Helsinki" and "Orkut" "Yadavs on Orkut" on the sample store: of its 20 one-word
    prefixes and suffixes there, only "Scientology" (Church of) was right."""
    s, f = _tokens(short), _tokens(full)
    if not s or len(s) >= len(f):
        return False
    initials = "".join(w[0] for w in f)
    if len(s) == 1 and short.isupper() and len(short) >= 2 and s[0] == initials:
        return True
    if type_ != "ORG":
        return s == f[-len(s):] or s == f[: len(s)]
    if s == f[: len(s)]:
        return all(w in _ORG_SUFFIXES for w in f[len(s):])
    return len(s) > 1 and s == f[-len(s):]


def name_words(name: str) -> int:
    """The words of a name, "the", "of", "Mr" and the like not counted."""
    return len(_tokens(name))


def lone_word(name: str) -> str | None:
    """The one word of a one-word name ("Obama", "Mr. Obama" → "obama"), else None."""
    words = _tokens(name)
    return words[0] if len(words) == 1 else None


def surname(name: str) -> str | None:
    """The last word of a longer name ("Barack Obama" → "obama"), else None: the word a bare
    surname elsewhere must equal, spelt the same, to name this person across articles."""
    words = _tokens(name)
    return words[-1] if len(words) > 1 else None


def last_spelt(name: str) -> str:
    """A name's last word as written, accents kept, case folded: "García" against "Garcia", the
    one thing telling Alan García from the blogger Erick Garcia when a text writes "García"."""
    text = re.sub(r"'s\b", "", unicodedata.normalize("NFC", name).replace("’", "'"))
    words = re.sub(r"[^\w\s]", "", text).casefold().split()
    return words[-1] if words else ""


def _role_head(role: str | None) -> str | None:
    """The title word a role ends in ("president" of "US President"), or None: honorifics
    ("Mr.") and roles that end in no title word ("blogger", a misparse) say nothing."""
    words = [w.strip(".").lower() for w in (role or "").split() if w.strip(".").isalpha()]
    head = words[-1] if words else None
    return head if head in TITLE_WORDS and head not in _HONORIFICS else None


# Roles that name a person by kinship: one so introduced ("her husband, Frank Fiorina") is a namesake
# of the article's subject that news calls by the given name, so a bare surname is not theirs while
# another namesake has it (Session 24: 32 of 48 "Fiorina" in a Washington Post profile went to him).
_KIN = {"husband", "wife", "son", "daughter", "father", "mother", "brother", "sister", "spouse", "widow",
        "widower", "grandson", "granddaughter", "grandfather", "grandmother", "uncle", "aunt", "nephew",
        "niece", "cousin", "stepson", "stepdaughter", "stepfather", "stepmother", "sibling", "child"}


def _kin(role: str | None) -> bool:
    """Whether a role names a person by kinship ("her husband", "Sanders' son")."""
    words = [w.strip(".,").lower() for w in (role or "").split()]
    return bool(words) and words[-1] in _KIN


def _full_name(m: Mention, fulls: list[Mention], counts: Counter, titles: dict[str, set[str]]) -> str | None:
    """The full name a short mention abbreviates.

    A title the short mention carries rules out a full name titled otherwise ("President Obama"
    is not "First Lady Michelle Obama"), and a name spelled exactly as the mention (accents and
    all) comes first: "President García" is Alan García, not the blogger Erick Garcia.
    """
    cands = [f for f in fulls if f.type == m.type and f.text != m.text and _abbreviates(m.text, f.text, m.type)
             and not _possessive_of(m.text, f.text)]
    mine = _role_head(m.role)
    if mine:
        cands = [f for f in cands if not titles.get(f.text) or mine in titles[f.text]]
    cands = [f for f in cands if m.text in f.text] or cands
    cands = _same_sex(m, cands) or cands
    if not _kin(m.role):  # "Fiorina" is Carly, not "her husband, Frank Fiorina": news calls him Frank
        cands = [f for f in cands if not _kin(f.role)] or cands
    if not cands:
        return None
    before = [f for f in cands if f.start < m.start]
    if before:
        # the namesake the article names in full most often, then the nearest: "Cruz" after "Sen. Ted
        # Cruz" and one aside about "Heidi Cruz" is still Ted (news names the other one "Heidi",
        # "Mrs. Cruz"); two namesakes named alike often leave the nearest, as before session 13
        return max(before, key=lambda f: (counts[f.text], f.start)).text
    return max(cands, key=lambda f: counts[f.text]).text


# A possessive inside a name: "'s" or a plural's bare apostrophe ("Jones' book"), a word on either side
_POSSESSIVE = re.compile(r"(?<=\w)['’]s?\s+(?=\w)")


def _possessive_of(short: str, full: str) -> bool:
    """Whether `full` is a possessive phrase with `short` on one side of its "'s": "Trump's policy" is
    a policy, not a fuller name of Trump, and "UK's Honourable Artillery Company" is that company (the
    tagger reads such phrases as one name). name_key folds the "'s" away, so "Trump's policy" passed
    as "Trump" plus a word, and at equal counts took the article's "Trump" from "Ivanka Trump". A short
    name crossing the "'s" ("People's Army") or its initials ("KPA") still abbreviates the name."""
    parts = _POSSESSIVE.split(full, maxsplit=1)
    return len(parts) == 2 and _tokens(short) in (_tokens(parts[0]), _tokens(parts[1]))


def _same_sex(m: Mention, cands: list[Mention]) -> list[Mention]:
    """The full names whose first name does not say the other sex than the short mention's
    honorific: "Mrs. Clinton" is not "Bill Clinton". [] when the mention says no sex."""
    span = getattr(m, "span", None)
    if span is None:
        return []
    sex = honorific_sex(span.doc[i].lower_ for i in (span.start - 1, span.start) if 0 <= i < len(span.doc))
    if sex is None:
        return []
    return [f for f in cands if first_name_sex(f.text) in (None, sex)]


@lru_cache(maxsize=1)
def _bodies() -> dict[str, tuple[str, str]]:
    """name_key of each name of an international body (abbreviation, full name, other spelling) →
    (the name it is shown by, its full name), from data/org_abbreviations.json, which says where
    each comes from. Shown by the table's display form, the one news writes ("NATO", not "North
    Atlantic Treaty Organization"): a fixed choice, so the name does not change as articles come in."""
    raw = json.loads(resources.files("newsdesk.understand").joinpath("data/org_abbreviations.json").read_text("utf-8"))
    return {name_key(n): (b["display"], b["name"]) for b in raw["bodies"]
            for n in (*b["short"], b["name"], *b["also"])}


def known_body(name: str) -> str | None:
    """The name an international body `name` names is shown by ("North Atlantic Treaty Organization" →
    "NATO"), else None: across articles, one that writes only "EU" and one that writes only
    "European Union" name one body."""
    found = _bodies().get(name_key(name))
    return found[0] if found else None


def body_names(name: str) -> tuple[str, ...]:
    """The display form and full name of the international body `name` names, else (): the store
    keeps both as aliases, so either finds the body whatever its articles write."""
    return _bodies().get(name_key(name), ())


def title_of(role: str | None) -> tuple[str | None, str | None]:
    """(the title word a role ends in, the sex its honorific says): "President" → ("president",
    None), "Mrs." → (None, "f"), "Mr." → (None, "m"), "First Lady" → ("lady", None)."""
    words = {w.strip(".").lower() for w in (role or "").split()}
    sex = "m" if words & MALE_HONORIFICS else "f" if words & FEMALE_HONORIFICS else None
    return _role_head(role), sex


# The honorifics that say a sex, capitalised as written before a name, the dot optional: roles'
# list (undotted, plus madam) but "Dr", and "Miss". Sir and Dame too: since roles.title_role drops
# honorifics, only this says a knight is a man.
# sorted: one pattern in every process
_SEXED = sorted((_HONORIFICS | {"miss"}) & (MALE_HONORIFICS | FEMALE_HONORIFICS))
_HONORIFIC_BEFORE = re.compile(r"\b(" + "|".join(w.capitalize() for w in _SEXED) + r")\.?\s+$")


def honorific_before(text: str, start: int) -> str | None:
    """The honorific written right before a name at `start` ("Mr." of "Mr. Obama"), else None:
    the roles finder gives a sentence's first "Mr. Obama said" none."""
    found = _HONORIFIC_BEFORE.search(text[max(0, start - 8):start])
    return found.group(0).strip() if found else None


def _in_context(m: Mention, mentions: list[Mention]) -> bool:
    """Give `m` the country its name stands for in this article ("Islamic Republic" in an
    article about Iran: countries.by_context); True when it did."""
    if countries.fold(m.text) not in countries.BY_CONTEXT:
        return False
    code = countries.by_context(m.text, Counter(o.country for o in mentions if o.country and o is not m))
    if code is None:
        return False
    m.type, m.country, m.place_how = "GPE", code, "country"
    m.canonical = countries.country_name(code) or m.text
    return True


# An editor's brackets inside a name ("[George H. W.] Bush", mention_edges._editor_brackets): the name
# is the words without them.
_EDITOR_BRACKETS = re.compile(r"[\[\]]")


def canonicalize(mentions: Iterable[Mention]) -> list[Mention]:
    """Fill `canonical` on each mention (in place) and return them."""
    mentions = list(mentions)
    counts = Counter(m.text for m in mentions)
    # one mention per distinct full name and place in the text is enough to choose from
    fulls = [m for m in mentions if m.type in _NAME_TYPES and len(_tokens(m.text)) > 1]
    titles: dict[str, set[str]] = {}
    for f in fulls:
        head = _role_head(f.role)
        if head:
            titles.setdefault(f.text, set()).add(head)
    done: dict[tuple[str, str, int, str | None], str] = {}
    for m in mentions:
        if _in_context(m, mentions):
            continue
        if m.type in _NAME_TYPES:
            # the answer only changes when a new full name appeared before this mention
            seen = sum(1 for f in fulls if f.start < m.start)
            key = (m.type, m.text, seen, _role_head(m.role))
            if key not in done:
                name = _EDITOR_BRACKETS.sub("", _full_name(m, fulls, counts, titles) or m.text)
                # a body of the table by its display form, whichever of its names the article writes
                body = known_body(m.text) or known_body(name) if m.type == "ORG" else None
                done[key] = body or name
            m.canonical = done[key]
        elif m.country and m.place_how in ("country", "demonym"):
            m.canonical = countries.country_name(m.country) or m.text
        else:
            m.canonical = m.text
    national_bodies.name_bodies(mentions)  # "the Senate" of Pakistan is "Senate (Pakistan)"
    # a person's role found on one mention holds for the others ("Araqchi said" after the title)
    roles = {}
    for m in mentions:
        if m.type == "PERSON" and m.role and m.canonical not in roles:
            roles[m.canonical] = (m.role, m.country)
    for m in mentions:
        if m.type == "PERSON" and not m.role and m.canonical in roles:
            m.country = m.country or roles[m.canonical][1]
    return mentions


# The order a tie between the types a name's mentions say is broken in when nothing else tells them
# apart (`type_key`): fixed, so an entity's type does not depend on the order its articles came in.
TYPE_ORDER = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")


def type_key(type_: str, name: str, mentions: int, titled: int, articles: int) -> tuple[int, int, int, int]:
    """How an entity's type is chosen among those its mentions say (the smallest key wins): the type
    most mentions say; on a tie the type with evidence of its own (`_evidence`: a title a mention gives
    the person, a place the gazetteer knows by the name, an organisation's suffix or an international
    body), then the type more articles read it as (one article's misreading repeated counts once), and
    only then TYPE_ORDER. The fixed order alone made a town read once as a person and once as a place
    a person ("PERSON" first), and a name two articles read as an organisation and one, twice, as a
    place a place. Every part is the store's own count or the name's: no article order comes in."""
    order = TYPE_ORDER.index(type_) if type_ in TYPE_ORDER else len(TYPE_ORDER)
    return -mentions, -_evidence(type_, name, titled), -articles, order


def _evidence(type_: str, name: str, titled: int) -> int:
    """1 when something beyond the tagger's reading says `name` is a `type_`, else 0."""
    if type_ == "PERSON":
        return int(titled > 0)
    if type_ in ("GPE", "LOC", "FAC", "NORP"):
        return int(_gazetteer(name, type_))
    if type_ == "ORG":
        words = _tokens(name)
        return int(bool(words) and words[-1] in _ORG_SUFFIXES or known_body(name) is not None)
    return 0


@lru_cache(maxsize=1024)
def _gazetteer(name: str, type_: str) -> bool:
    return countries.lookup(name, type_) is not None


def one_thing(type_a: str, type_b: str, name: str) -> bool:
    """Whether `name` read as `type_a` in one article and as `type_b` in another is one thing.

    Why: identity included the tagger's type, and the small model reads one name two ways across
    articles: on the corpus store 56 names were two entities, and each was the same thing read
    twice ("Firefox" a product and an organisation, "Storm Ciarán" an event and an organisation,
    "Blake" a person and an organisation in one article, "Aung San Suu Kyi" a person and an
    organisation). Two kinds stay apart:
    - a nationality and its country: "France" as a NORP is the entity of "French" (its demonym's
      canonical name), kept apart by design (store.entities._most_mentioned prefers the country);
    - a person and a place whose name is a country, a capital or a big city: "Washington" the
      person and the city, "Jordan" the country and a person, are real homonyms;
    - an organisation and anything else whose one-word name a newspaper takes (name_kinds.NAMEPLATES):
      "the Sun" the newspaper and the star (on the corpus store one entity, the star's mention under
      the newspaper), "the Post" and a person surnamed Post. The article tells them apart: a mention
      it uses as a publication is an organisation, and one it reads as another thing is not one
      (mention_press.publications)."""
    if type_a == type_b:
        return True
    pair = {type_a, type_b}
    if "NORP" in pair and _country_name(name):
        return False
    if "ORG" in pair and name_key(name) in name_kinds.NAMEPLATES:
        return False
    return "PERSON" not in pair or not _place_name(name)


@lru_cache(maxsize=1024)
def _country_name(name: str) -> bool:
    return countries.nation(name) is not None


@lru_cache(maxsize=1024)
def _place_name(name: str) -> bool:
    """A country's, a demonym's, a capital's or a big city's name: one a person may share."""
    return countries.lookup(name, "PERSON") is not None or name_kinds.big_city(name)
