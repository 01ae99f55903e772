"""Named entities of an article: people, organisations, places, nationalities.

spaCy's NER gives the mentions; we tidy their edges (a leading "the", a trailing
possessive, a title folded into a person's name), attach a role (`roles.role_of`) and a
country (`countries.lookup`). Canonical names are the next step (`canonical.py`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsdesk.understand import countries, name_kinds, nlp, quote_cues, roles
from newsdesk.understand.name_sex import PRONOUN_SEX, first_names
from newsdesk.understand.quote_cues import BUILTIN_CUES

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"}
_POSSESSIVE = ("'s", "’s", "'", "’")
# A paragraph is in another language when the identifier puts the odds of English under 5%
# (log-odds -3). Set by that reading, and checked on the sample store's 79 paragraphs voted
# another language: English headlines and captions lie above -1.7, an English sentence naming
# a French group at -2.8, the shortest French quote ("Le plus grave accident ...") at -4.1.
_NOT_ENGLISH = -3.0


@dataclass
class Mention:
    """One entity mention while an article is being annotated (becomes a records.Entity)."""

    text: str
    type: str
    start: int
    end: int
    span: Any  # the spaCy Span, trimmed
    role: str | None = None
    country: str | None = None
    place_how: str | None = None  # country | demonym | capital | city: "capital" marks a metonym
    canonical: str | None = None


def _paragraph_breaks(doc: Any, a: int, b: int) -> list[int]:
    """Indices of the whitespace tokens in doc[a:b] that hold a paragraph break (a blank line)."""
    return [i for i in range(a, b) if roles.paragraph_break(doc[i])]


def _within_paragraph(doc: Any, a: int, b: int) -> tuple[int, int]:
    """The longest part of doc[a:b] inside one paragraph.

    spaCy reads the article as one text and its NER runs over blank lines, gluing a
    heading to the next paragraph's first word ("House of Commons:\n\nEstimates"). No name
    crosses a paragraph break, so the mention is cut there; the longest piece (in words)
    is the name, the rest is the heading's or paragraph's stray word.
    """
    breaks = _paragraph_breaks(doc, a, b)
    if not breaks:
        return a, b
    bounds = [a, *[i for brk in breaks for i in (brk, brk + 1)], b]
    pieces = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    return max(pieces, key=lambda p: sum(1 for t in doc[p[0]: p[1]] if t.is_alpha))


def _name_edges(doc: Any, a: int, b: int) -> tuple[int, int]:
    """A person's name without a leading nationality or trailing lower-case words.

    The small model folds neighbours into a PERSON: an adjective of nationality before it
    ("Moroccan Obama enthusiasts") and, in a quoted French or Spanish sentence, the verb
    after it ("Obama a eu également ..."). A name ends in a capitalised word and a
    nationality is not part of it (the mention keeps the name; "Moroccan" was the fans').
    Particles inside a name stay ("Ludwig van Beethoven", "Suleiman al-Amr").
    """
    while b > a + 1 and _lower_word(doc[b - 1]):
        b -= 1
    while a < b - 1 and _is_demonym(doc[a].text):
        a += 1
    return a, b


def _lower_word(tok: Any) -> bool:
    """A separate lower-case word ("eu" of "Obama a eu"): not the end of a hyphenated name
    ("Kim Jong-un", "Lau Siu-lai": "un" follows "-" with no space) and not punctuation."""
    glued = tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return tok.is_alpha and not glued and not _has_capital(tok.text)


def _has_capital(word: str) -> bool:
    """ "Obama", "al-Amr", "d'Ettorre": a word of a name has a capital somewhere; "eu" has none."""
    return any(ch.isupper() for ch in word)


def _is_demonym(word: str) -> bool:
    if not word[:1].isupper():
        return False
    place = countries.lookup(word, "NORP")
    return place is not None and place.how == "demonym"


def _trim(ent: Any) -> tuple[Any, str | None, bool]:
    """The mention without "the" and possessive; a leading title of a person split off;
    and whether lower-case words were cut off a person's name (the reading is then in doubt)."""
    doc = ent.doc
    a, b = _within_paragraph(doc, ent.start, ent.end)
    while a < b and doc[a].lower_ in ("the", "a", "an"):
        a += 1
    # a sentence's full stop the tagger took in ("founder, Jack Herrick.") is no part of the name; an
    # abbreviation's stays on its word ("Jr.", "U.S.")
    while b > a and (doc[b - 1].text in _POSSESSIVE or doc[b - 1].is_punct and doc[b - 1].text in ":;,."):
        b -= 1
    a, b = _editor_brackets(doc, *_unpaired_brackets_off(doc, *_unpaired_quotes_off(doc, a, b)))
    # a caption's credit label glued to the name before it: "student Ahmed Mohamed Image: Twitter"
    if b - a > 1 and doc[b - 1].lower_ in roles.CREDITS and b < len(doc) and doc[b].text in (":", ";"):
        b -= 1
    title, cut = None, False
    if ent.label_ == "PERSON":
        end = b
        a, b = _name_edges(doc, a, b)
        cut = b < end
    if ent.label_ == "PERSON" and b > a:
        n = roles.split_title(list(doc[a:b]))
        if n:
            title, a = doc[a: a + n].text, a + n
    return doc[a:b], title, cut


def _unpaired_brackets_off(doc: Any, a: int, b: int) -> tuple[int, int]:
    """The span on the name's side of a bracket it does not pair: "Between (Environmental Minister
    Antonio) Brack" named an entity "Antonio) Brack", the translator's bracket inside it; the words
    after a closing bracket are the name the sentence gives (before an opening one, likewise)."""
    depth_a = a
    for i in range(a, b):
        if doc[i].text == ")" and not any(t.text == "(" for t in doc[depth_a:i]):
            depth_a = i + 1
    a = depth_a if depth_a < b else a
    for i in range(b - 1, a - 1, -1):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i + 1: b]) and i > a:
            b = i
    return a, b


def _editor_brackets(doc: Any, a: int, b: int) -> tuple[int, int]:
    """A name with an editor's square brackets whole, or without a bracket it does not pair: in a
    quotation "[George H. W.] Bush" the model tagged "George H. W.] Bush" (the name is the whole,
    `canonical` drops the brackets); "[Observatory" of "[Observatory of the Right …, pt]" loses its
    bracket. The words after a closing bracket whose opening one is not right before the name are
    the name; before an opening one likewise."""
    closes = [i for i in range(a, b) if doc[i].text == "]"]
    opens = [i for i in range(a, b) if doc[i].text == "["]
    if closes and (not opens or opens[0] > closes[0]):
        if a > 0 and doc[a - 1].text == "[" and closes[0] + 1 < b:
            a -= 1
        elif closes[-1] + 1 < b:
            a = closes[-1] + 1
    if opens and not any(i > opens[-1] for i in closes):
        a, b = (a + 1, b) if opens[-1] == a else (a, opens[-1])
    return a, b


def _unbalanced(text: str) -> bool:
    """Whether a name keeps a bracket it does not pair ("Virginia Governor(s": the tokenizer
    glues "(s" to its word, so no trim reaches it): no name is written so."""
    return any(text.count(o) != text.count(c) for o, c in ("()", "[]", "{}"))


# "''" and "``": the New York Times' and Penn Treebank-style texts write quotation marks as two
# apostrophes or backticks ("Donald Trump ''doesn't want ..."), which the tagger left on the name.
_OPENING = ('"', "“", "‘", "«", "'", "''", "``")
_CLOSING = ('"', "”", "’", "»", "'", "''")


def _unpaired_quotes_off(doc: Any, a: int, b: int) -> tuple[int, int]:
    """The span without a quotation mark at its edge that it does not close or open: the model
    takes the opening mark of a quoted title and leaves its closing one after the comma
    ('named "Better Idea of Afghan Girls," scored' named an entity '"Better Idea of Afghan Girls')."""
    if b - a > 1 and doc[a].text in _OPENING and not any(t.text in _CLOSING for t in doc[a + 1: b]):
        a += 1
    if b - a > 1 and doc[b - 1].text in _CLOSING and not any(t.text in _OPENING for t in doc[a: b - 1]):
        b -= 1
    return a, b


def _person_country(role: str | None) -> str | None:
    """A person's country when their role names one: "Iranian Foreign Minister" → IRN."""
    if not role:
        return None
    words = role.replace("’s", "").replace("'s", "").split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i: i + size])
            if phrase[:1].isupper():
                place = countries.lookup(phrase, "NORP")
                if place and place.how in ("country", "part", "demonym"):
                    return place.code
    return None


def find_mentions(doc: Any) -> list[Mention]:
    """Entity mentions with trimmed edges, roles and countries, in text order."""
    in_entity = {t.i for ent in doc.ents for t in ent}
    out: list[Mention] = []
    doubtful: list[Mention] = []
    things: dict[str, str] = {}  # a "person" the text describes as a thing -> the thing's type
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        span, title, cut = _trim(ent)
        # A name has a capital letter: an all-lower-case "entity" is a phrase of a quoted
        # sentence in a language the English model cannot read (Arabic, Spanish, French).
        if len(span) == 0 or not _has_capital(span.text) or _unbalanced(span.text) or _money(span):
            continue
        m = Mention(span.text, ent.label_, span.start_char, span.end_char, span)
        if ent.label_ == "PERSON":
            role, kind = roles.describe(span, in_entity)
            if not role:  # a class noun in the name or the class the text puts it in
                kind = kind or name_kinds.class_in_name(span) or name_kinds.class_said(span)
            if kind:
                things[m.text] = kind
            m.role = role or (None if kind else roles.title_role(title))
            m.country = _person_country(m.role)
        (doubtful if cut else out).append(m)
    out = _places_glued_off(_lead_words_off(_in_english(doc, out + _confirmed(doubtful, out))))
    out = _not_common_nouns(doc, out)
    _things_not_people(out, things)
    out = _prefixed_not_people(_phrases_not_people(out))
    _translated_not_people(out)
    _subtitles_not_people(out)
    out = _editor_notes_off(_deities_off(out))
    _publications(out)
    _summits_storms_sites(out)
    _read_as_things(out)
    _used_as_things(out)
    _things_short_names(out)
    _acronyms_not_people(out)
    _named_groups_not_people(out)
    out = _groups_not_people(out)
    out = _offices_not_people(_determined_not_people(out))
    _counties_not_people(out)
    _places_not_people(out)
    _titled_places_are_people(out, in_entity)
    _listed_people_not_places(out)
    _people_not_places(out, _place_countries(out))
    _one_type_per_name(out)
    from newsdesk.understand.surname_mentions import bare_surnames  # it builds this module's Mentions

    return sorted(out + bare_surnames(doc, out), key=lambda m: m.start)


def _money(span: Any) -> bool:
    """A currency sign in the "name": the tagger reads "US $" of "priced at US $ 8.00" as a name
    (an EVENT), which the store then filed under the United States; it is the dollar's name, part of
    a sum, and says nothing of the country (E24). No name is written with a sign of its own; a
    country's short code just before one ("US $ 12 million", "NZ $") is the currency's too."""
    doc = span.doc
    prefix = (len(span) == 1 and span.end < len(doc) and doc[span.end].is_currency
              and len(span.text.replace(".", "")) <= 3 and span.text.replace(".", "").isupper())
    return prefix or any(t.is_currency for t in span)


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


def _in_english(doc: Any, found: list[Mention]) -> list[Mention]:
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
    people = {m.text for m in english if m.type == "PERSON"} | _person_names(english)
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
    """A mention inside a foreign paragraph the English text does not name, as `_in_english` keeps
    it (`people`: the names and surnames of the people of the English text's mentions, `english`),
    else None."""
    words = [t for t in m.span if t.is_alpha or "'" in t.text or "’" in t.text]
    if m.type != "PERSON" or len(words) < 2 or not all(_has_capital(t.text) for t in words):
        return None
    if not english or re.sub(r"^[dl]['’]", "", words[0].text).lower() in first_names():
        return m
    if words[-1].text not in people:
        return None
    last = m.span[-1:]
    return Mention(last.text, m.type, last.start_char, last.end_char, last, role=m.role, country=m.country)


def _not_common_nouns(doc: Any, found: list[Mention]) -> list[Mention]:
    """Without the one-word "people" the article writes in lower case as a common noun.

    A heading or a sentence capitalises its first word, and the small model reads "Gender",
    "Iodine" or "Photographs" there as a name; the same word in lower case elsewhere in the
    article ("gender equality") says it is none. Surnames of people the article names in full
    stay ("Savage" of "Dan Savage" beside "savage criticism"), and so does a word written lower
    case only in a handle or a hashtag ("#bagua", "@obama").
    """
    lower = {t.text for t in doc if t.is_alpha and t.is_lower and not (t.i and doc[t.i - 1].text in "#@")}
    names = _person_names(found)
    return [m for m in found if not (m.type == "PERSON" and len(m.span) == 1 and m.text not in names
                                     and m.text.lower() in lower)]


def _phrases_not_people(found: list[Mention]) -> list[Mention]:
    """Without the "people" named by a phrase of English ("Collective Intelligence", "Global
    Warming": `name_kinds.english_phrase`) that no mention makes a person (a role, a verb of
    saying, an interview's turn, a person it is listed with)."""
    phrases = {m.text for m in found if m.type == "PERSON" and name_kinds.english_phrase(m.span)}
    others = [m for m in found if m.text not in phrases]
    # the names other mentions make people's: "Double Standard Clinton" beside Hillary Clinton stays
    people = _made_people(found) | _person_names(others) | _listed_with_people(found, phrases, others)
    return [m for m in found if not (m.type == "PERSON" and m.text in phrases and m.text not in people
                                     and m.span[-1].text not in people)]


def _listed_with_people(found: list[Mention], phrases: set[str], others: list[Mention]) -> set[str]:
    """The phrases a mention lists with a person named in full: "Starry Lee and Holden Chow were
    elected" (both words of "Starry Lee" are English words, as are those of "Collective
    Intelligence", listed with "Content, Collaboration, Community")."""
    full = {t.i for m in others if m.type == "PERSON" and len(m.span) > 1 for t in m.span}
    return {m.text for m in found if m.type == "PERSON" and m.text in phrases
            and any(t.i in full for t in m.span.root.conjuncts)}


def _prefixed_not_people(found: list[Mention]) -> list[Mention]:
    """Without the "people" that are a name behind an English prefix of opinion or time ("pro-Beijing",
    "anti-Trump", "non-EU": `name_kinds.prefixed`), an adjective, not a name."""
    return [m for m in found if not (m.type == "PERSON" and " " not in m.text and name_kinds.prefixed(m.text))]


def _made_people(found: list[Mention]) -> set[str]:
    """The names a mention makes a person's by itself: a role, a verb of saying, an interview's turn."""
    return {m.text for m in found if m.type == "PERSON" and (m.role or _says(m.span) or _opens_a_turn(m.span))}


def _translated_not_people(found: list[Mention]) -> None:
    """A "person" the article translates is a title, a blog's or a campaign's, in all its mentions:
    "Mega Não! [Mega No!, pt]" (a person's name is not translated). No mention may make it a
    person."""
    people = _made_people(found)
    titles = {m.text for m in found if m.type == "PERSON" and m.text not in people and name_kinds.translated(m.span)}
    for m in found:
        if m.text in titles and m.type == "PERSON":
            m.type, m.role, m.country = "ORG", None, None


def _subtitles_not_people(found: list[Mention]) -> None:
    """A "person" after a name and a colon inside a sentence is a work's subtitle: "a demonstration
    of Batman: Arkham VR" (a game). An interview's turn opens a paragraph ("WALLACE: Let's start")
    and a caption's credit follows a credit word ("Image: Twitter"), neither after a name mid-sentence."""
    starts = {m.span.start for m in found if m.type in _THINGS}
    for m in found:
        if m.type == "PERSON" and name_kinds.subtitle(m.span, starts):
            m.type, m.role, m.country = "WORK_OF_ART", None, None


def _things_not_people(found: list[Mention], things: dict[str, str]) -> None:
    """A "person" the text describes as a thing is that thing, in all its mentions, unless
    the article gives a person that name elsewhere ("A website, President Obama to Speak in
    Morocco" beside "Barack Obama" keeps Obama a person). A "full name" opening with a word English
    uses as no noun and no given name is a sentence's first words glued to the name ("Revamping
    Kartographer so it displays maps" beside "an extension called Kartographer"): it is the thing."""
    for m in found:
        rest = m.span[1:]
        if (m.type == "PERSON" and rest.text in things and name_kinds.common_lead(m.span, noun=False)
                and m.span[0].lower_ not in first_names()):
            m.text, m.start, m.span, m.role, m.country = rest.text, rest.start_char, rest, None, None
    names = _person_names([m for m in found if m.text not in things])
    for m in found:
        if m.type == "PERSON" and m.text in things and m.text not in names:
            m.type, m.role, m.country = things[m.text], None, None


_THINGS = ("ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW")


def _deities_off(found: list[Mention]) -> list[Mention]:
    """Without a religion's name for its god ("May God bless you", tagged a person: four mentions on
    the corpus store), which is none of the kinds kept: people, organisations, places, nationalities."""
    return [m for m in found if m.text.casefold() not in name_kinds.DEITIES]


def _editor_notes_off(found: list[Mention]) -> list[Mention]:
    """Without the label of an editor's note ("Ed.: See the catalog", tagged a person: `name_kinds.editor_note`)."""
    return [m for m in found if not (m.type == "PERSON" and name_kinds.editor_note(m.span))]


def _summits_storms_sites(found: list[Mention]) -> None:
    """A summit's code is the group's (ORG: "G8 leaders", "beyond the G8"), and a name opening with it
    is the meeting (EVENT: "the G8 in Lough Erne", read a work). A "person" whose name the article gives
    a storm ("Cyclone Phailin", an EVENT) is the storm: "Phailin's winds will weaken". One a mention
    describes as a website ("JatLand, the online home for the Jats": `name_kinds.site_role`) is the site (ORG)."""
    sites = {m.text for m in found if m.type == "PERSON" and m.role and name_kinds.site_role(m.role)}
    storms = {m.span[1:].text for m in found if m.type != "PERSON" and len(m.span) > 1
              and m.span[0].lower_ in name_kinds.STORM_NOUNS}
    storms |= {m.text for m in found if m.span.start > 0 and m.span.doc[m.span.start - 1].text.istitle()
               and m.span.doc[m.span.start - 1].lower_ in name_kinds.STORM_NOUNS}  # "Cyclone [Phailin]"
    for m in found:
        if name_kinds.summit_code(m.span[0].text) and m.type != "EVENT":
            kind = "ORG" if len(m.span) == 1 else "EVENT"
        elif m.type == "PERSON":
            kind = "EVENT" if m.text in storms else "ORG" if m.text in sites else m.type
        else:
            continue
        if kind != m.type:
            m.type, m.role, m.country, m.place_how = kind, None, None, None


# Readings a publication's use does not overrule: a place or a nationality ("Hong Kong newspapers"),
# a work (a newspaper is one too) or a law.
_NOT_PRESS = ("GPE", "NORP", "WORK_OF_ART", "LAW")


def _publications(found: list[Mention]) -> None:
    """A name some mention uses as a newspaper's or a magazine's is that publication (ORG) in all its
    mentions: "editor of Eutopia" and "wrote in Eutopia" (read a person), a place's nameplate ("Edmonton
    Sun", a person), a name listed with publications ("Sing Tao, Hong Kong Daily News and the Sun").
    Not a place, a nationality, a work or a law (_NOT_PRESS), nor a name a mention makes a person's by a
    person's role, or an interview's turn it opens. A one-word nameplate no mention uses so
    ("the Sun" of "a sample from the Sun") takes the other reading the article gives it, where the
    model read some of its mentions as an organisation: the star is not the newspaper."""
    titled = [m for m in found if m.type == "PERSON" and m.role and name_kinds.person_role(m.role)]
    people = {m.text for m in titled} | {m.span[-1].text for m in titled} | {
        m.text for m in found if _opens_a_turn(m.span)}
    press = {m.text for m in found if m.type not in _NOT_PRESS and m.text not in people
             and (name_kinds.publication_use(m.span) or name_kinds.press_name(m.span))}
    press |= _listed_with_press(found, press, people)
    press |= _subjects_beside_press(found, _papers(found, press), people)
    for m in found:
        if m.text in press and m.type not in _NOT_PRESS + ("ORG",):
            m.type, m.role, m.country, m.place_how = "ORG", None, None, None
    for text in {m.text for m in found if m.type == "ORG" and m.text.casefold() in name_kinds.NAMEPLATES} - press:
        others = [m.type for m in found if m.text == text and m.type in _THINGS + ("LOC",) and m.type != "ORG"]
        for m in found:
            if others and m.text == text and m.type == "ORG":
                m.type = max(others, key=others.count)


def _listed_with_press(found: list[Mention], press: set[str], people: set[str]) -> set[str]:
    """The names listed with two publications or more ("Sing Tao, Hong Kong Daily News, Oriental Daily and
    the Sun highlight stories"): ones `press` holds or organisations ending in a nameplate ("Oriental
    Daily"). One is not enough: the parse lists "Shervin Nekuee" with the magazine in "Farhad Golyardi,
    editor of Eutopia and Shervin Nekuee, an Iranian sociologist", and a byline its writer with the paper
    ("John Smith, Washington Post"); nor is a name opening with a given name."""
    papers = _papers(found, press)
    return {m.text for m in found if m.type in ("PERSON", "ORG") and m.text not in people | press
            and m.span[0].lower_ not in first_names()
            and len({t.i for t in _listed_or_apposed(m.span.root)} & papers - {m.span.root.i}) >= 2}


def _papers(found: list[Mention], press: set[str]) -> set[int]:
    """The root tokens of the mentions of publications: `press`, and organisations named by a nameplate
    or ending in one ("the Sun", "Oriental Daily", "Hong Kong Economic Journal")."""
    return {m.span.root.i for m in found if m.text in press or (
        m.type == "ORG" and m.span[-1].lower_ in name_kinds.NAMEPLATES)}


def _subjects_beside_press(found: list[Mention], papers: set[int], people: set[str]) -> set[str]:
    """The "people" that are the subject of a verb in a paragraph where three publications or more are the
    subjects of two other verbs: a review of the front pages ("... Journal put up the interview; Sing Tao, Oriental
    Daily and the Sun highlight stories on youth. Wen Wei Po stressed the government's policies"). Not a
    name a role or an interview's turn makes a person's, nor one opening with a given name."""
    if not found:
        return set()
    doc = found[0].span.doc
    breaks = [t.i for t in doc if roles.paragraph_break(t)]
    subjects: dict[int, dict[int, int]] = {}  # paragraph -> publication subject -> its verb
    for m in found:
        verb = _subject_verb(m.span.root) if m.span.root.i in papers else None
        if verb is not None:
            subjects.setdefault(bisect.bisect(breaks, verb.i), {})[m.span.root.i] = verb.i
    out = set()
    for m in found:
        verb = _subject_verb(m.span.root) if m.type == "PERSON" and not m.role else None
        if verb is None or m.text in people or m.span[0].lower_ in first_names():
            continue
        # three papers and two verbs: two papers are a sentence's ("the Times reported and the Guardian
        # ran it. Chan Ka-keung stressed ..." names a person), a review of the front pages lists more
        beside = subjects.get(bisect.bisect(breaks, verb.i), {})
        if len(beside) >= 3 and len(set(beside.values()) - {verb.i}) >= 2:
            out.add(m.text)
    return out


def _subject_verb(tok: Any) -> Any:
    """The verb a token is the subject of, itself or as a member of the subject's list, else None."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok.head if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") else None


def _listed_or_apposed(tok: Any) -> list[Any]:
    """The members of the list a token is in, itself too, counting the parse's appositions ("Sing
    Tao, Hong Kong Daily News, Oriental Daily and the Sun": News hangs on Tao as an apposition)."""
    while tok.dep_ in ("conj", "appos") and tok.head.i < tok.i:
        tok = tok.head
    members, todo = [], [tok]
    while todo:
        t = todo.pop()
        members.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
    return members


def _read_as_things(found: list[Mention]) -> None:
    """A one-word "person" the article names as a thing twice or more is that thing, in all its
    mentions: "FRANK" (a drugs helpline), "Orkut" (a website), "Verfassungsblog" (a blog), each read
    a person in some sentences and an organisation or a product in others. Not when a mention says
    it is a person: a role, a full name the article gives ("Kopgli" beside blogger Rodrigue Kopgli),
    a verb of saying it is the subject of ("Hill said", the model reading "Hill" an ORG once), or
    an interview's turn it opens ("MarymeganDaly: I was amazed", read an ORG six times)."""
    people = _persons_by_mention(found)
    things: dict[str, list[str]] = {}
    for m in found:
        if len(m.span) == 1 and m.type in _THINGS and m.text not in people:
            things.setdefault(m.text, []).append(m.type)
    for m in found:
        kinds = things.get(m.text, [])
        if m.type == "PERSON" and len(kinds) > 1:
            m.type, m.role, m.country = max(kinds, key=kinds.count), None, None


def _opens_a_turn(span: Any) -> bool:
    """Whether the name opens a paragraph, after opening quotation marks if any ('"WALLACE: Let's
    start'), and a colon follows it: a transcript's speaker."""
    doc = span.doc
    a = span.start
    while a > 0 and doc[a - 1].text in _OPENING:
        a -= 1
    first = a == 0 or roles.paragraph_break(doc[a - 1])
    return first and span.end < len(doc) and doc[span.end].text == ":"


def _used_as_things(found: list[Mention]) -> None:
    """A one-word "person" the text uses as a thing in most of its mentions, at least once as a
    site or a tool ("on Twitter", "via Orkut", "using Twitter", "used with Firefox"; "a Twitter
    account" adds to these), is that thing in all its mentions: the type the article reads it as
    elsewhere, else ORG for a site one is on (what the model calls Facebook or Orkut), else PRODUCT
    for a tool (software). Not when a mention makes it a person, as in `_read_as_things`, but by a
    person's role only."""
    people = _persons_by_mention(found, any_role=False)
    uses: dict[str, list[str | None]] = {}
    for m in found:
        if m.type == "PERSON" and len(m.span) == 1:
            uses.setdefault(m.text, []).append(name_kinds.thing_use(m.span))
    for text, ways in uses.items():
        strong = [w for w in ways if w in ("site", "tool")]
        if text in people or not strong or 2 * (len(strong) + ways.count("noun")) <= len(ways):
            continue
        read = [m.type for m in found if m.text == text and m.type in ("ORG", "PRODUCT")]
        kind = max(read, key=read.count) if read else "ORG" if "site" in strong else "PRODUCT"
        for m in found:
            if m.text == text and m.type == "PERSON":
                m.type, m.role, m.country = kind, None, None


def _persons_by_mention(found: list[Mention], any_role: bool = True) -> set[str]:
    """The names some mention makes a person's: a full name the article gives (and its surname), a
    role, a verb of saying the name is the subject of, an interview's turn it opens. With `any_role`
    False only a person's role counts, for a name the text uses as a tool or a site: "Google" of
    "used with Internet Explorer or Google Chrome" is read as Chrome's role. (A name read as a thing
    keeps any role: "Dries" of "Dries Mertens", read as Mertens' role, is his given name.)"""
    people = _person_names(found) | {m.text for m in found if m.type == "PERSON" and (
        m.role and (any_role or name_kinds.person_role(m.role)) or _says(m.span))}
    return people | {m.text for m in found if _opens_a_turn(m.span)}


def _things_short_names(found: list[Mention]) -> None:
    """A one-word "person" that is the last word of an organisation's or a product's name the
    article gives is that thing, as a person's surname is that person: "Chrome" beside "Google
    Chrome", "Firefox" beside "Mozilla Firefox". Not when a mention makes it a person, as in
    `_read_as_things`."""
    people = _persons_by_mention(found)
    things: dict[str, str] = {}
    for m in found:
        if m.type in ("ORG", "PRODUCT") and len(m.span) > 1 and m.span[-2].whitespace_:
            things.setdefault(m.span[-1].text, m.type)
    for m in found:
        if m.type == "PERSON" and len(m.span) == 1 and m.text in things and m.text not in people:
            m.type, m.role, m.country = things[m.text], None, None


def _acronyms_not_people(found: list[Mention]) -> None:
    """A one-word "person" shaped like an acronym ("Dstl", "HMIC": `name_kinds.acronym`) is an
    organisation, or the thing the article reads it as elsewhere, in all its mentions. Not when the
    article gives it as a person's name in any case ("OBAMA" in a headline beside Barack Obama) or as
    a person's initials ("JFK" beside John F Kennedy), nor when a mention gives it a role, opens an
    interview's turn ("HILL: We did") or has a he or a she after it in its sentence ("stated by JFK
    when he visited Berlin"). A longer "person" ending in an acronym in capitals that the words before
    it do not make a person's name ("Pro-Beijing DAB", not "BEN MOUMBAMBA" nor "Mark Tedeschi QC"
    beside "Mark Tedeschi") is that organisation too."""
    _acronyms_glued_not_people(found)
    full = [m.text for m in found if m.type == "PERSON" and len(m.span) > 1]
    names = {n.lower() for n in _person_names(found)} | {name_kinds.initials(n) for n in full}
    names |= {m.text.lower() for m in found if m.type == "PERSON" and (
        m.role or _opens_a_turn(m.span) or _he_or_she_after(m.span))}
    shaped = {m.text for m in found if m.type == "PERSON" and len(m.span) == 1
              and (name_kinds.acronym(m.text) or name_kinds.glued_acronym(m.text))
              and m.text.lower() not in names and m.text not in names}
    for text in shaped:
        read = [m.type for m in found if m.text == text and m.type in _THINGS]
        kind = max(read, key=read.count) if read else "ORG"
        for m in found:
            if m.text == text and m.type == "PERSON":
                m.type, m.role, m.country = kind, None, None


def _acronyms_glued_not_people(found: list[Mention]) -> None:
    """The "people" of several words that end in an acronym in capitals after words that are no
    person's name (no given name first, no name the article gives a person alone) are organisations."""
    people = {m.text for m in found if m.type == "PERSON"}
    for m in found:
        words = [t for t in m.span if t.is_alpha]
        if m.type != "PERSON" or len(m.span) < 2 or not name_kinds.capitals_acronym(m.span[-1].text):
            continue
        rest = m.span[:-1]
        if all(t.is_upper for t in words) or rest.text in people or rest[0].lower_ in first_names():
            continue
        m.type, m.role, m.country = "ORG", None, None


def _he_or_she_after(span: Any) -> bool:
    """Whether a he, she, his or her follows the name in its sentence (in lower case: "Her Majesty's
    Inspectorate" is no she)."""
    return any(t.text in PRONOUN_SEX for t in span.doc[span.end: nlp.sent_of(span[-1]).end])


def _named_groups_not_people(found: list[Mention]) -> None:
    """A "person" named by a group the article names is no person: the group itself ("Brahmin" and
    "Dalit" beside the NORPs "Brahmins" and "Dalits"), a subgroup of it ("Gawd Saraswat Brahmin",
    "Jangid Brahmins", listed beside the NORPs "Kokanastha Brahmin" and "Gaur Brahmin") or a body
    named after it ("Dalit Solidarity", "Dalit India", "Brahmins Matrimony": an organisation, when
    the rest is no person's name and no plural). The group words are the article's one-word plural
    NORPs that are no nationality, and their singulars (`_group_words`)."""
    groups = _group_words(found)
    for m in found:
        if m.type != "PERSON":
            continue
        words = [t.text for t in m.span if t.is_alpha]
        if not words:
            continue
        if words[-1] in groups:
            # a title with an article inside ("Marry A Brahmin", a matrimonial website) names no group
            inner = any(t.lower_ in ("a", "an", "the") for t in m.span[1:-1])
            m.type, m.role, m.country = ("ORG" if inner else "NORP"), None, None
        elif (len(words) > 1 and words[0] in groups and not name_kinds.plural_noun(m.span)
              and not _names_a_person(m, found)):  # "Dalit Muslims" is left to _groups_not_people
            m.type, m.role, m.country = "ORG", None, None


def _group_words(found: list[Mention]) -> set[str]:
    """The article's one-word plural NORPs that are no nationality ("Brahmins", "Dalits"), and the
    plural "people" `_groups_not_people` will make groups, with their singulars; less the last word
    of a person's name some mention gives a person's role, a verb of saying or
    an interview's turn ("President Obama" beside "the Obamas", which `_groups_not_people` keeps a
    person too), or that follows a given name in a name of two words ("Charlie Christian" beside
    "Christians"), and their plurals."""
    plurals = {m.text for m in found if len(m.span) == 1 and m.text.isalpha() and len(m.text) > 3
               and (m.type == "NORP" and m.text.endswith("s") and not _is_demonym(m.text)
                    or m.type == "PERSON" and name_kinds.plural(m.span))}
    given = first_names()
    kept = {m.span[-1].text for m in found if m.type == "PERSON" and (
        m.role and name_kinds.person_role(m.role) or _says(m.span) or _opens_a_turn(m.span)
        or len(m.span) == 2 and m.span[0].lower_ in given)}
    return (plurals | {w[:-1] for w in plurals}) - kept - {w + "s" for w in kept}


def _names_a_person(m: Mention, found: list[Mention]) -> bool:
    """Whether the words after a group word are a person's name: one the article gives a person
    elsewhere, or a given name and more ("Republican Mitt Romney")."""
    rest = m.span[1:]
    return rest.text in _person_names([x for x in found if x.text != m.text]) or (
        len(rest) > 1 and rest[0].lower_ in first_names())


def _says(span: Any) -> bool:
    """Whether the name is the subject of a verb of saying used as one ("Hill said", "Kopgli
    writes that"): the quote rules' cue lexicon reads the verb a cue on its own ("said on
    Monday") or in the way it takes its complement here. "Continue" is a cue only before a clause
    or a quote ("continued that ..."), so "Chrome continues to surge" says nothing about Chrome."""
    root, verb = span.root, span.root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in BUILTIN_CUES:
        return False
    slot = quote_cues.cue_slot(verb)[0]
    return max(quote_cues.cue_score(verb, s) - quote_cues.threshold(s) for s in {slot, "bare"}) >= 0


def _groups_not_people(found: list[Mention]) -> list[Mention]:
    """A "person" whose name is a plural is a group ("Brahmins", "Yadavs", "the Africans"),
    and so is its singular ("the Brahmin culture"), unless the singular is the surname of a
    person the article names in full ("the Obamas" beside Barack Obama). So is one ending in the
    plural of an English noun that a mention counts ("all Shivalli Brahmins", "Indian Dalit
    Muslims": a surname such as Woods or Gates is never counted), whatever the article's other
    names. One ending in an abstract plural ("Kartographer Improvements") is no person and no
    group: it is dropped."""
    names = _person_names(found)
    groups = {m.text: name_kinds.plural(m.span) for m in found if m.type == "PERSON"}
    singulars = {s for s in groups.values() if s and s not in names}
    counted = {m.text for m in found if m.type == "PERSON" and name_kinds.plural_noun(m.span)
               and name_kinds.counted(m.span)}
    for m in found:
        if m.type == "PERSON" and (groups.get(m.text) in singulars or m.text in singulars or m.text in counted):
            m.type, m.role, m.country = "NORP", None, None
    return [m for m in found if not (m.type == "PERSON" and name_kinds.abstract_plural(m.span))]


def _lead_words_off(found: list[Mention]) -> list[Mention]:
    """A "person" opening with a common word glued to a name the article gives alone is that name:
    "Free Aung San Suu Kyi" (a slogan) beside "Aung San Suu Kyi" is the person, "Citing Togo" (a
    sentence's first words) the country. Given names are common words too, so the rest must be a
    person's name of two words or more, or a country after a word English uses as no noun:
    "Will Smith" beside "Smith", or "Mark Jordan", keeps its given name."""
    types: dict[str, list[str]] = {}
    for m in found:
        types.setdefault(m.text, []).append(m.type)
    out = []
    for m in found:
        rest = m.span[1:]
        kind = _rest_type(rest, types.get(rest.text, [])) if m.type == "PERSON" and len(rest) else None
        if kind is None or not name_kinds.common_lead(m.span, noun=kind == "PERSON"):
            out.append(m)
            continue
        person = kind == "PERSON"
        out.append(Mention(rest.text, kind, rest.start_char, rest.end_char, rest,
                           role=m.role if person else None, country=m.country if person else None))
    return out


def _places_glued_off(found: list[Mention]) -> list[Mention]:
    """A "person" made of a person's name and a place after it is the two: "Obama Cairo" (of "the
    Obama Cairo speech") beside Barack Obama is Obama and Cairo. The name before the place must be
    a full name the article gives a person or its surname (a one-word "person" is as often a
    misreading: "Dalit" beside the website "Dalit India"), and no given name
    (`name_kinds.place_glued`: "Jack London" stays)."""
    names = _person_names(found)
    out = []
    for m in found:
        rest, place = m.span[:-1], m.span[-1:]
        if m.type != "PERSON" or not name_kinds.place_glued(m.span) or rest.text not in names - {m.text}:
            out.append(m)
            continue
        out.append(Mention(rest.text, "PERSON", rest.start_char, rest.end_char, rest, role=m.role, country=m.country))
        out.append(Mention(place.text, "GPE", place.start_char, place.end_char, place))
    return out


def _rest_type(rest: Any, types: list[str]) -> str | None:
    """The type of the name left after a leading common word: of two words or more, a person's when
    the article gives a person that name, else the type it gives it most; of one word, a country's
    when the gazetteer has one of that name (the model reads "Togo" a person as often); else None."""
    if len(rest) > 1:
        return "PERSON" if "PERSON" in types else max(types, key=types.count) if types else None
    place = countries.lookup(rest.text, "GPE")
    return "GPE" if place is not None and place.how == "country" else None


def _people_by_text(found: list[Mention]) -> dict[str, list[Mention]]:
    """The PERSON mentions grouped by their text, in the order they come."""
    by_text: dict[str, list[Mention]] = {}
    for m in found:
        if m.type == "PERSON":
            by_text.setdefault(m.text, []).append(m)
    return by_text


def _determined_not_people(found: list[Mention]) -> list[Mention]:
    """Without the one-word "people" English gives a determiner in every mention ("the G8",
    "the Moon", "A Bill will be introduced") or writes only as a hashtag ("#WeMissTurkey"), and
    with those that modify a place noun ("the Glasgow area") made places. A surname of a person
    the article names in full stays ("the late John F Kennedy", "On the whole Obama"), and so
    does a name it also writes bare ("JFK" beside "the JFK's speech")."""
    names = _person_names(found)
    by_text = _people_by_text(found)
    drop: set[int] = set()
    for text, ms in by_text.items():
        if all(name_kinds.modifies_place(m.span) for m in ms):
            for m in ms:
                m.type, m.role, m.country = ("GPE" if countries.lookup(text, "GPE") else "LOC"), None, None
        elif text not in names and len(ms[0].span) == 1 and all(
                name_kinds.determined(m.span) or name_kinds.hashtag(m.span) for m in ms):
            drop |= {id(m) for m in ms}
    return [m for m in found if id(m) not in drop]


def _offices_not_people(found: list[Mention]) -> list[Mention]:
    """Without the "people" that are an office or a class: "Chief Guest" (a modifying title before a
    common noun: `name_kinds.office_word`) and "he is a self-described Libertarian Socialist" (a
    copula's class: `name_kinds.predicate_class`), when no mention names them otherwise. And "Chief
    Minister Sindh, Murad Ali Shah": a title glued before a word, then the office holder named in
    full, is the office of a place, so the word is that place."""
    names = _person_names(found)
    by_text = _people_by_text(found)
    drop: set[int] = set()
    for text, ms in by_text.items():
        if all(len(m.span) == 1 and name_kinds.office_word(m.role, text) for m in ms) or all(
                name_kinds.predicate_class(m.span) for m in ms):
            drop |= {id(m) for m in ms}
        elif len(ms[0].span) == 1 and text not in names and all(_office_before_holder(m.span, m.role, found)
                                                                 for m in ms):
            for m in ms:
                m.type, m.role, m.country = "GPE", None, None
    return [m for m in found if id(m) not in drop]


def _office_before_holder(span: Any, role: str | None, found: list[Mention]) -> bool:
    """Whether a one-word "person" with a title ("Chief Minister Sindh") is followed by a comma and a
    person named in full who is not in a list ("Sindh, Murad Ali Shah in Karachi"; not "President
    Obama, Hillary Clinton and Joe Biden") and whose surname is not this word: the holder of the office."""
    doc = span.doc
    if not role or not name_kinds.person_role(role) or span.text.lower() in first_names():
        return False
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = next((p for p in found if p.span.start == span.end + 1), None)
    if nxt is None or nxt.type != "PERSON" or len(nxt.span) < 2 or nxt.span[-1].text == span.text:
        return False
    after = doc[nxt.span.end] if nxt.span.end < len(doc) else None
    return after is None or after.text not in (",", "and", "or", "&")


def _counties_not_people(found: list[Mention]) -> None:
    """A one-word "person" that is a shire ("Hampshire", "Bedfordshire": `name_kinds.county_name`) is
    that county, and so is one the gazetteer knows as a place listed among two places or more and no
    person ("Surrey and Sussex; Hertfordshire, Cambridgeshire and Bedfordshire"); not when a mention
    makes it a person (a full name, a person's role, a verb of saying) or it is a given name."""
    people = _persons_by_mention(found, any_role=False)
    for m in found:
        if m.type == "PERSON" and len(m.span) == 1 and m.text not in people and name_kinds.county_name(m.text):
            m.type, m.role, m.country = "GPE", None, None
    by_token = {t.i: p for p in found for t in p.span}
    listed = set()
    for m in found:
        if (m.type != "PERSON" or len(m.span) != 1 or m.text in people or m.text.lower() in first_names()
                or countries.lookup(m.text, "GPE") is None):
            continue
        kinds = [by_token[t.i].type if t.i in by_token else None for t in _listed_with(m.span.root)]
        if sum(k in ("GPE", "LOC") for k in kinds) >= 2 and "PERSON" not in kinds:
            listed.add(m.text)
    for m in found:
        if m.text in listed and m.type == "PERSON":
            m.type, m.role, m.country = "GPE", None, None


def _places_not_people(found: list[Mention]) -> None:
    """A one-word "person" that is a country or a capital is that place ("Peru", "Rabat"),
    unless the article gives a person that name ("Jordan" beside "Jordan Peterson"); so is one
    that is a big city of a country the article names ("Glasgow" in a British story, "São
    Paulo" in a Brazilian one; not Surrey, British Columbia, in a story about Surrey, England);
    and so is a town of such a country that a mention uses as a place ("in Yurimaguas", "towns such
    as Yurimaguas" in a story about Peru), that no mention makes a person (a role, a verb of saying,
    a full name: "Bush", a town of Egypt, is George Bush's surname) and that is no given name."""
    names = _person_names(found) | {m.span[0].text for m in found if m.type == "PERSON" and len(m.span) > 1}
    named = {p.code for m in found if m.type in ("GPE", "LOC", "NORP")
             for p in [countries.lookup(m.text, m.type)] if p}
    towns = {m.text for m in found if m.type == "PERSON" and len(m.span) == 1 and name_kinds.place_use(m.span)}
    towns = {t for t in towns - _persons_by_mention(found) if t.lower() not in first_names()}
    for m in found:
        if m.type != "PERSON" or (len(m.span) == 1 and m.text in names):
            continue
        place = countries.lookup(m.text, "GPE")
        big = place is not None and place.code in named and name_kinds.big_city(m.text)
        if place and place.how in ("country", "part", "capital") and len(m.span) == 1 or big or (
                m.text in towns and _town_in(m.text, found)):
            m.type, m.role, m.country = "GPE", None, None


def _town_in(text: str, found: list[Mention]) -> bool:
    """Whether the gazetteer has a town of that name in a country the article's other places name
    (not the name's own place reading: "Obama" read as Obama, Japan, names no Japan)."""
    named = {p.code for m in found if m.type in ("GPE", "LOC", "NORP") and m.text != text
             for p in [countries.lookup(m.text, m.type)] if p}
    town = countries.lookup(text, "GPE", frozenset(named))
    return town is not None and town.code in named


def _titled_places_are_people(found: list[Mention], in_entity: set[int]) -> None:
    """A "place" the gazetteer lacks that the text gives a person's title or role is that person,
    in all its mentions: "President Buhari", "(indigenous protest leader) Pizango", "Togolese
    blogger Rodrigue Kopgli", "Dame Sue Ion". The role must be headed by a title or a word for
    someone who does something (`name_kinds.person_role`): places get descriptors too ("the
    Grand Mosque", "fungus", "government")."""
    people: dict[str, str | None] = {}
    for m in found:
        if m.type not in ("GPE", "LOC", "FAC") or countries.lookup(m.text, m.type):
            continue
        role = roles.describe(m.span, in_entity)[0]
        if role and name_kinds.person_role(role) and not _office_before_holder(m.span, role, found):
            people[m.text] = people.get(m.text) or role
        # a form of address only a person's name opens with ("Dame Sue Ion"); not a title a place
        # is named after too ("Queen Elizabeth Hospital")
        elif len(m.span) > 1 and m.span[0].lower_ in roles.HONORIFICS:
            people.setdefault(m.text, None)
    # and a longer unknown "place" ending in a person's name is a relative's or their full name
    # ("Pascaline Bongo" beside Albert-Bernard Bongo, "Alberto Pizango" beside leader Pizango)
    names = _person_names(found) | {m.text for m in found if m.type == "PERSON" and len(m.span) == 1}
    for m in found:
        if m.type not in ("GPE", "LOC", "FAC"):
            continue
        # a separate last word: "Pro-Beijing" does not end in a name "Beijing"
        ends_in_name = len(m.span) > 1 and bool(m.span[-2].whitespace_) and m.span[-1].text in names | people.keys()
        if m.text in people or ends_in_name and not countries.lookup(m.text, m.type):
            m.type, m.role, m.country = "PERSON", people.get(m.text), None


def _listed_people_not_places(found: list[Mention]) -> None:
    """A one-word "place" listed among people is a person, in all its mentions: "women just like
    Amy, Bethany and Dorothy" (Bethany, Oklahoma, is a town). A list names things of one kind; two
    people in it at least and no place, and not a country nor a capital ("Obama, Putin and China")."""
    by_token = {t.i: m for m in found for t in m.span}
    people = set()
    for m in found:
        if m.type not in ("GPE", "LOC", "FAC") or len(m.span) != 1:
            continue
        place = countries.lookup(m.text, m.type)
        if place and place.how in ("country", "part", "capital"):
            continue
        kinds = [by_token[t.i].type if t.i in by_token else None for t in _listed_with(m.span.root)]
        if kinds.count("PERSON") >= 2 and not {"GPE", "LOC", "FAC"} & set(kinds):
            people.add(m.text)
    for m in found:
        if m.text in people and m.type in ("GPE", "LOC", "FAC"):
            m.type, m.country, m.place_how = "PERSON", None, None


def _listed_with(tok: Any) -> list[Any]:
    """The other members of the coordination a token is in ("Amy" and "Dorothy" for "Bethany")."""
    members, todo = [], [name_kinds.first_listed(tok)]
    while todo:
        t = todo.pop()
        members.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return [t for t in members if t.i != tok.i]


def _person_names(found: list[Mention]) -> set[str]:
    """The full names the article gives people, whole and as surnames ("Barack Obama", "Obama").

    Only names of two words or more: a one-word PERSON is as likely a misreading as the place
    it would overrule ("Bagua", a Peruvian town, is also tagged PERSON in the article about it).
    """
    full = [m for m in found if m.type == "PERSON" and len(m.span) > 1]
    return {m.text for m in full} | {m.span[-1].text for m in full}


def _confirmed(doubtful: list[Mention], found: list[Mention]) -> list[Mention]:
    """The cut names the article confirms elsewhere: "Obama" (of "Obama a eu également") beside
    "Barack Obama" is kept, "Si" (of "Si el ...") or "Pour" (of "Pour ma part") is not."""
    names = _person_names(found)
    kept = [m for m in doubtful if m.text in names]
    for m in kept:  # the parse around a misread name is no source of a role
        m.role = m.country = None
    return kept


def _place_countries(found: list[Mention]) -> dict[str, str]:
    """Countries of places, a city name shared by several countries read in the article's
    context. Returns that context: each place text the article names that points at one
    country only (a country, demonym, capital, or a city or state no other country has)."""
    places = [m for m in found if m.type in ("GPE", "LOC", "NORP", "FAC")]
    for m in places:
        place = countries.lookup(m.text, m.type)
        if place:
            m.country, m.place_how = place.code, place.how
    named = {m.text: m.country for m in places
             if m.country and (m.place_how != "city" or countries.unambiguous_city(m.text))}
    for m in places:
        if m.place_how in ("city", "capital"):  # Tripoli is Libya's capital and a city of Lebanon
            place = countries.lookup(m.text, m.type, frozenset(c for t, c in named.items() if t != m.text))
            if place:
                m.country, m.place_how = place.code, place.how
    return named


def _people_not_places(found: list[Mention], named: dict[str, str]) -> None:
    """A "place" that is a person the article names is that person ("Obama" after "Barack Obama").

    The small model reads a lone surname as a GPE when it is also a town somewhere (Obama,
    Japan), and the gazetteer then files the person under that town's country. When the
    article gives a PERSON that name, whole, as surname or alone, and the place reading is no more
    than a town outside the countries its other places name (or no place at all), the person wins;
    "London" beside "Jack London", or "Houston" in a US story, stay places.
    """
    names = _person_names(found)
    # a one-word person overrules a foreign town only ("Obama" beside Obama, Japan, in an
    # interview naming the US and Russia), not a place the gazetteer lacks (the town of Bagua)
    single = {m.text for m in found if m.type == "PERSON" and len(m.span) == 1}
    for m in found:
        if m.type not in ("GPE", "LOC", "FAC") or m.text not in names | single:
            continue
        others = {code for text, code in named.items() if text != m.text}
        foreign_town = m.place_how == "city" and m.country not in others
        if foreign_town or (m.place_how is None and m.text in names):
            m.type, m.country, m.place_how = "PERSON", None, None


def _one_type_per_name(found: list[Mention]) -> None:
    """The mentions of one full name (two words or more) take one type in an article: a person's
    when a mention of it makes it one (a role, a verb of saying, an interview's turn), else the
    type most of them have. The small model reads a name by the words around each mention: "Aung
    San Suu Kyi" was an organisation after "support for" in 20 of her 38 mentions on the corpus
    store, beside "democracy icon Aung San Suu Kyi", and across articles the store types her as most
    mentions say. A country's or a capital's name is not made a person's (a homonym), and a name
    modifying a noun keeps the tagger's type ("the Obama White House" is the building's)."""
    by_text: dict[str, list[Mention]] = {}
    for m in found:
        if len(m.span) > 1:
            by_text.setdefault(m.text, []).append(m)
    people = _made_people(found)
    for text, ms in by_text.items():
        types = [m.type for m in ms]
        if len(set(types)) < 2:
            continue
        if "PERSON" in types and text in people and not countries.lookup(text, "PERSON"):
            kind = "PERSON"
        else:
            top = max(set(types), key=types.count)
            if 2 * types.count(top) <= len(types):
                continue
            kind = top
        like = next(m for m in ms if m.type == kind)
        for m in ms:
            if m.type != kind and not _modifies_noun(m.span):
                m.type, m.country, m.place_how = kind, like.country, like.place_how
                m.role = m.role if kind == "PERSON" else None


def _modifies_noun(span: Any) -> bool:
    """Whether the name modifies a common noun after it ("the Trump campaign", "Adelson money")."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end and root.head.pos_ == "NOUN"
