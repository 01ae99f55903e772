"""Named entities of a French article, as the English side's `entities.Mention` records.

spaCy's fr_core_news_sm tags PER, ORG, LOC and MISC. They become the English side's types
(PERSON, ORG, GPE for countries and cities, LOC for other places, NORP for nationalities,
EVENT and LAW for the MISC whose head noun says so), so a French and an English article's
mentions of one thing are one entity. The small model's misreadings are cleaned by evidence in
the text, never by lists of names:
- an elided word ("n’", "C’", "qu’") or a run of French function words is no name;
- a leading article or preposition is off ("la France", "de France", "l'OTAN"), and so is a
  leading form of address ("M. Samaras" is Samaras) or role noun ("président Obama");
- a role phrase tagged as an organisation ("ministre iranien des Affaires étrangères") is a role;
- a capitalised common noun the text also writes in lower case ("État" beside "état") or that
  completes an office ("ministre des Finances", "secrétaires d'État") is no entity;
- a one-word place, organisation or MISC that is the surname of a person the article names in
  full, or that a role is given to ("Barroso, le président de la Commission"), or that follows
  "le gouvernement" ("le gouvernement Papadimos"), is that person.
Roles and countries: `roles`; places and demonyms: `places`; names cut or glued: `names`;
products, sites, works and the like by the noun before them or their use: `things`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsdesk.understand import countries, name_kinds
from newsdesk.understand.french import names, places, roles, things
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_edges import unpaired_brackets_off, unpaired_quotes_off, within_paragraph

# the model's labels as the English side's types, before the evidence below refines them (gkg reads
# a parse of an article never annotated with them too)
LABEL_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_LEADING = {"le", "la", "les", "l'", "l’", "du", "des", "de", "d'", "d’", "au", "aux", "à", "en", "notre", "votre",
            "leur", "ce", "cette", "un", "une", "-", "–", "—"}
_EDGE_PUNCT = set(":;,.!?-–—«»\"“”()") | {"'", "’"}
# The noun a MISC's head makes it: an event ("Jeux olympiques", "Seconde Guerre mondiale") or a law.
_EVENT_HEADS = {"guerre", "jeux", "coupe", "championnat", "tournoi", "sommet", "printemps", "révolution",
                "élection", "élections", "festival", "grand", "mondial", "conférence", "crise", "bataille",
                "accident", "catastrophe", "opération", "journées", "journée", "salon", "exposition", "euro"}
_LAW_HEADS = {"loi", "act", "traité", "pacte", "constitution", "directive", "accord", "convention", "code",
              "charte", "décret", "règlement"}
# Nouns of a body a person's name follows to name what they lead: "le gouvernement Papadimos".
_LED_BY = {"gouvernement", "cabinet", "administration", "régime", "équipe", "camp", "clan", "ère", "présidence"}
# Nouns an office's complement follows: "ministre des Finances", "secrétaire d'État", "coup d'État".
_OFFICE_OF = roles.ROLE_NOUNS | {"ministère", "secrétariat", "coup", "homme", "femme", "portefeuille", "poste",
                                   "affaires", "chefs", "ministres", "secrétaires", "hommes", "chef", "raison"}
_ELIDED = re.compile(r"^\w{1,3}['’]$")
# A place named by a common noun and its complement ("université de Caen", "pont Mathilde"): the
# head says the kind, as the English side's types do (ORG for a body, FAC for a building or a way).
_BODIES = ("ministère", "université", "observatoire", "commission", "académie", "institut")
_HEAD_TYPES = {**dict.fromkeys(_BODIES, "ORG"),
               **dict.fromkeys(("mosquée", "pont", "stade", "musée", "château", "aéroport", "hôpital", "basilique",
                                "basilique-cathédrale", "cathédrale", "église", "théâtre", "centre", "autoroute",
                                "boulevard", "rue", "avenue", "gare", "grotte", "tour", "palais", "place"), "FAC")}


@lru_cache(maxsize=4)
def common_words(pos: str) -> frozenset[str]:
    """The French pipeline's own word list of a part of speech ("noun", "adj", "verb": its
    lemmatizer's `lemma_index`, 66,191 nouns, 28,022 adjectives, 8,921 verbs): French's common words."""
    from newsdesk.understand import nlp

    table = nlp.load_nlp("fr").get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = table.get(pos, ())
    return frozenset(words) | {countries.fold(w) for w in words}  # "Etat" as "État"


def find_mentions(doc: Any) -> list[Mention]:
    """French entity mentions with trimmed edges, English-side types, roles and countries, in text order."""
    found: list[Mention] = []
    for ent in doc.ents:
        m = _mention(doc, ent)
        if m is not None:
            found.append(m)
    found = names.mend(found)
    lower = {t.text for t in doc if t.is_alpha and t.is_lower}
    surnames = _surnames(found)
    found = [m for m in found if not _common_noun(m, lower, surnames) and not _office_complement(m)]
    _people_by_evidence(found)
    things.type_things(found)
    _one_type_per_name(found)
    return [m for m in found if m.type != "MISC" and m.text.casefold() not in _DEITIES]


_DEITIES = name_kinds.DEITIES | {"dieu"}


def _mention(doc: Any, ent: Any) -> Mention | None:
    a, b = _edges(doc, ent.start, ent.end)
    if a >= b or _function_words(doc[a:b]):
        return None
    type_ = LABEL_TYPES.get(ent.label_)
    if type_ is None:
        return None
    role = country = None
    if type_ == "PERSON":
        a, b, role, country = _person(doc, a, b)
        if a >= b:
            return None
    elif type_ == "ORG" and roles.is_role_noun(doc[a]):
        return None  # "ministre iranien des Affaires étrangères": a role, its person is beside it
    span = doc[a:b]
    if not any(ch.isupper() for ch in span.text):
        return None
    m = Mention(span.text, type_, span.start_char, span.end_char, span, role=role, country=country)
    if type_ != "PERSON" or _place_read_as_person(m):
        _place_type(m)
    return m


def _place_read_as_person(m: Mention) -> bool:
    """A one-word "person" with no role whose name is a country's or a capital's ("Washington a
    répondu"): the small model reads a capital standing for its government as a person; it is the
    place (a person of that name is written in full or with a role)."""
    if len(m.span) != 1 or m.role:
        return False
    place = places.lookup(m.text, "LOC")
    if place is None or place.how not in ("country", "capital"):
        return False
    m.type = "LOC"
    return True


def _edges(doc: Any, a: int, b: int) -> tuple[int, int]:
    """The mention inside one paragraph, without a leading article, preposition or elided word,
    punctuation at either end, or a trailing elided word ("Forum court jusqu’")."""
    a, b = within_paragraph(doc, a, b)
    while a < b and (_leading(doc[a]) or doc[a].text in _EDGE_PUNCT or _ELIDED.match(doc[a].text)):
        a += 1
    while b > a and (doc[b - 1].text in _EDGE_PUNCT or _ELIDED.match(doc[b - 1].text)):
        b -= 1
    # a verb the model ran on into ("Forum court"), not a participle of the name ("Nations unies")
    while b > a + 1 and doc[b - 1].is_lower and _runs_on(doc[b - 1]):
        b -= 1
    return unpaired_brackets_off(doc, *unpaired_quotes_off(doc, a, b))


def _runs_on(tok: Any) -> bool:
    """A word after a name that is no part of it: a function word or a finite verb, not a participle."""
    if tok.pos_ == "VERB":
        return "Part" not in tok.morph.get("VerbForm")
    return tok.pos_ in ("AUX", "ADV", "ADP", "SCONJ", "PRON", "CCONJ")


def _leading(tok: Any) -> bool:
    """An article or preposition before a name: in lower case, or capitalised as its sentence's first
    word ("La France a ..."); mid-sentence a capitalised one is the name's ("La Poste", "Le Monde")."""
    if tok.lower_ not in _LEADING:
        return False
    return tok.is_lower or not tok.text[:1].isalpha() or _opens_sentence(tok)


# what a sentence, heading or quotation opens after (a closing quotation mark ends the sentence it quotes)
_SENTENCE_OPENERS = {".", "!", "?", ":", "«", "»", '"', "“", "”", "—", "–", "-", "…", "("}


def _opens_sentence(tok: Any) -> bool:
    """The first word of a sentence, a heading or a quotation, which French capitalises whatever it
    is; not a word after a comma ("Manet, Millet, Monet": the painters' names)."""
    if tok.i == 0:
        return True
    before = tok.doc[tok.i - 1]
    return before.text in _SENTENCE_OPENERS or "\n" in before.text or before.is_space


def _function_words(span: Any) -> bool:
    """Only French function words ("C", "Si", "Ça", "Ah !"): the model read a capitalised one as a name."""
    words = [t for t in span if not t.is_punct]
    return not words or all(t.is_stop or len(t.text.strip("'’.")) <= 1 for t in words)


def _person(doc: Any, a: int, b: int) -> tuple[int, int, str | None, str | None]:
    """A person's name without the words the model folded in: a form of address ("M."), a leading
    role noun ("président Obama") or nationality ("l'Américain Pete Selleck"), and trailing
    lower-case words; the role and country those words or the phrase around the name give."""
    role = country = None
    while a < b and (doc[a].lower_ in roles.HONORIFICS or doc[a].is_lower and not roles.is_role_noun(doc[a])):
        a += 1
    lead = a
    while a < b and (roles.is_role_noun(doc[a]) or doc[a].lower_ in roles.OFFICE_WORDS):
        a += 1
    if a > lead:
        role = doc[lead:a].text
    while a < b - 1 and doc[a].lower_ in common_words("adj"):  # "Américain" is a word; "François" a name
        place = places.lookup(doc[a].text, "NORP")
        if place is None or place.how != "demonym":
            break
        country, a = place.code, a + 1
    while b > a and doc[b - 1].is_lower and not _glued(doc[b - 1]):
        place = places.lookup(doc[b - 1].text, "NORP")
        country = country or (place.code if place is not None and place.how == "demonym" else None)
        b -= 1
    if a >= b or not doc[a].text[:1].isupper():
        return b, b, None, None  # "général de la Francophonie": an office, no name ("Hu", tagged DET, is one)
    if any(ch.isdigit() for ch in doc[a:b].text):
        return b, b, None, None  # "McDonnel Douglas MD-83", "Titan III" is no person's name... digits never are
    if role is None:
        span = doc[a:b]
        role, by = roles.before(span)
        if role is None:
            role, by = roles.after(span)
        country = country or by
    return a, b, role, country


def _glued(tok: Any) -> bool:
    """A lower-case piece of a hyphenated name ("Jean-Marie", "al-Assad"): part of it."""
    return tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _place_type(m: Mention) -> None:
    """The English side's type and country of a LOC, ORG or MISC mention: a country, city or
    capital is a GPE, a demonym a NORP, another place a LOC; an all-capitals LOC no gazetteer knows
    an organisation ("CERN"); a MISC keeps a type only when its head noun or a place gives it."""
    if m.type == "ORG":
        return
    place = places.lookup(m.text, "NORP" if m.type == "MISC" else "LOC")
    if place is not None and (m.type == "LOC" or place.how in ("demonym", "country")):
        m.type = {"demonym": "NORP", "region": "LOC"}.get(place.how, "GPE")
        m.country, m.place_how = place.code, place.how
        return
    if m.type == "LOC":
        head = m.span[0].lower_ if m.span[0].is_lower else None
        if m.text.isupper() and len(m.text) > 1:
            m.type = "ORG"
        elif head in _HEAD_TYPES:
            m.type = _HEAD_TYPES[head]
        return
    head = m.span[0].lower_
    m.type = "EVENT" if head in _EVENT_HEADS else "LAW" if head in _LAW_HEADS else "MISC"


def _common_noun(m: Mention, lower: set[str], surnames: set[str]) -> bool:
    """A one-word name no gazetteer knows that is a capitalised common word of French: one the text
    also writes in lower case ("État" beside "état"); a place or MISC whose word is only a noun in
    the pipeline's lexicon ("l'État", "la République", "le Soleil"; not "Corse", also an adjective);
    a "person" after a determiner ("leurs États") or opening a sentence ("Dimanche", "Rappelons")
    whose word the lexicon has. A surname of a person the article names in full stays ("Millet")."""
    if len(m.span) != 1 or m.place_how is not None or m.text in surnames:
        return False
    tok = m.span[0]
    word, lemma = tok.lower_, tok.lemma_.lower()
    if word in lower:
        return True
    opens = _opens_sentence(tok)
    known = any(w in common_words(pos) for w in (word, lemma) for pos in ("noun", "verb", "adj"))
    noun = any(w in common_words("noun") for w in (word, lemma))  # the lexicon lists lemmas: "États" by "état"
    if m.type in ("LOC", "MISC"):
        return known and opens or noun and word not in common_words("adj") and lemma not in common_words("adj")
    after_det = tok.i > 0 and tok.doc[tok.i - 1].pos_ == "DET"
    return m.type == "PERSON" and known and (after_det and noun or opens)


def _office_complement(m: Mention) -> bool:
    """A one-word name completing an office or an idiom ("ministre des Finances", "secrétaires
    d'État", "coup d'État"): part of a common noun phrase, not an entity."""
    if len(m.span) != 1 or m.type == "PERSON" or m.place_how in ("country", "part", "capital"):
        return False
    i = m.span.start - 1
    doc = m.span.doc
    while i >= 0 and doc[i].lower_ in ("de", "d'", "d’", "des", "du", "la", "l'", "l’", "aux", "à"):
        i -= 1
    return i < m.span.start - 1 and i >= 0 and doc[i].lower_ in _OFFICE_OF


def _surnames(found: list[Mention]) -> set[str]:
    """The last words of the people's names of two words or more ("Higgs" of "Peter Higgs")."""
    return {m.span[-1].text for m in found if m.type == "PERSON" and len(m.span) > 1}


def _big_place(m: Mention) -> bool:
    """A country, capital or region, or a city or state big enough to be known by its name (100,000
    people: the `places` floor): a place, not a person's name, whatever the words beside it."""
    if m.place_how in ("country", "part", "capital", "demonym", "region"):
        return True
    return m.place_how == "city" and countries.largest_city(m.text) >= places.CITY_POPULATION


def _people_by_evidence(found: list[Mention]) -> None:
    """A non-person mention that is a person by the text: the surname of a person it names in full,
    one it gives a role ("Barroso, le président de la Commission européenne"), or the leader after
    "le gouvernement" ("le gouvernement Papadimos"). Not a country's or capital's name."""
    surnames = _surnames(found)
    fulls = {m.text for m in found if m.type == "PERSON"}
    for m in found:
        if m.type == "PERSON" or _big_place(m):
            continue
        doc = m.span.doc
        led = m.span.start > 0 and doc[m.span.start - 1].lower_ in _LED_BY and len(m.span) == 1
        # a surname ("Higgs" of "Peter Higgs") or the end of a full name ("De Santis" of "Nick De Santis")
        named = m.text in fulls or (len(m.span) == 1 and m.text in surnames) or any(
            f.endswith(" " + m.text) for f in fulls)
        role, country = roles.after(m.span) if m.text[:1].isupper() else (None, None)
        if named or led or role:
            m.type, m.role, m.country, m.place_how = "PERSON", role, country, None


def _one_type_per_name(found: list[Mention]) -> None:
    """The mentions of one name take one type in an article: a known place's when one of them is
    read as one ("Homs" a person twice and the Syrian city once is the city), else the type most
    of them have; on a tie a person's when a mention gives them a role, else the other type
    ("Frères Musulmans" a person once and an organisation once is the organisation)."""
    by_text: dict[str, list[Mention]] = {}
    for m in found:
        by_text.setdefault(m.text, []).append(m)
    for ms in by_text.values():
        types = [m.type for m in ms]
        if len(set(types)) < 2:
            continue
        places = [m for m in ms if _big_place(m)]
        titled = any(m.type == "PERSON" and m.role for m in ms)  # a role makes the tie a person's
        top = places[0].type if places else max(sorted(set(types)),
                                                key=lambda t: (types.count(t), (t == "PERSON") == titled))
        like = next(m for m in ms if m.type == top and (not places or m is places[0]))
        for m in ms:
            m.type, m.country, m.place_how = top, like.country, like.place_how
            m.role = m.role if top == "PERSON" else None
