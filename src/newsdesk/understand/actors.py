"""CAMEO actor codes (country + role: IRNGOV, USAGOV, ISRMIL...) for the noun phrases of a parse.

An actor is a noun phrase: its head plus the modifiers that say whose it is ("Iranian
diplomats", "Iran's foreign minister", "the government of Iran", "Ali Shamkhani, an adviser
to Iran's Supreme Leader"). Its country comes from the PETRARCH-2 actor dictionary
(countries, adjectives, cities, leaders, IGOs; read by lexicon.py), else from the
entities the annotator found; its role from the PETRARCH-2 agent dictionary (minister ->
GOV, troops -> MIL; lexicon.py). A capital standing for its state
("Tehran perceives...") is that state's government.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Modifiers that belong to the phrase naming the actor (not clauses hanging off it).
_PHRASE_DEPS = {"compound", "amod", "poss", "nmod", "det", "nummod", "case", "flat", "npadvmod", "punct"}
_RIGHT_PREPS = {"of", "to", "from", "for", "in"}  # "minister of Iran", "envoy to the UN", "troops in Syria"
_MAX_NGRAM = 6
# A dateline opening a line: place names, perhaps an agency in brackets, then a spaced dash
# ("Evansville, Indiana, United States - ", "PARIS (AP) -- ").
_DATELINE = re.compile(r"[ \t]*[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*)*(?: \([^)\n]{1,30}\))? (?:-{1,2}|\u2013|\u2014) ")
# The last word of a newspaper's or an agency's name ("The Canadian Press", "Hong Kong Daily News",
# "The Irish Times"), capitalised; the agent table knows "newspaper", "magazine", "television".
_MEDIA_TITLES = {"press", "news", "daily", "times", "herald", "tribune", "journal", "post", "gazette", "radio"}
_PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their", "it", "its"}
_ROLE_WORDS = {"leader": "GOV", "diplomat": "GOV", "official": "GOV", "minister": "GOV",
               "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV", "envoy": "GOV",
               "negotiator": "GOV", "adviser": "GOV", "advisor": "GOV", "president": "GOV",
               "navy": "MIL", "army": "MIL", "military": "MIL", "troops": "MIL", "soldier": "MIL",
               "force": "MIL", "forces": "MIL", "warplane": "MIL", "jet": "MIL", "congress": "LEG",
               "parliament": "LEG", "lawmaker": "LEG", "court": "JUD", "protester": "OPP",
               "demonstrator": "OPP", "activist": "OPP", "rebel": "REB", "insurgent": "REB", "militant": "REB"}


@dataclass(frozen=True)
class Actor:
    text: str
    code: str | None
    country: str | None
    role: str | None
    start: int  # character offsets into the parsed text
    end: int
    head: int  # token index of the phrase head
    person: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "country": self.country}


@lru_cache(maxsize=1)
def actor_table() -> dict[str, str]:
    from newsdesk.understand.lexicon import tables

    return dict(tables()["actors"])


@lru_cache(maxsize=1)
def agent_table() -> dict[str, str]:
    from newsdesk.understand.lexicon import tables

    table = dict(tables()["agents"])
    for word, role in _ROLE_WORDS.items():
        table.setdefault(word, role)
    return table


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    from newsdesk.understand.places import gazetteer

    return gazetteer().capitals


@lru_cache(maxsize=1)
def _sector_codes() -> frozenset[str]:
    """Three-letter codes that name a kind of actor, not a country: IGO, MNC and the roles of the
    agent table (MED, BUS, UAF...). The actor dictionary files news media ("Reuters") under MED;
    read as countries, such codes were a side of events and the country an actor-less side was
    filled with (U1, O3: "UAF 190 ISR", "MED 060 USA")."""
    return frozenset({"IGO", "NGO", "IMG", "MNC"} | {v[:3] for v in agent_table().values() if v})


def actor_country(code: str | None) -> str | None:
    """The country of a CAMEO actor code, None for a sector code ("MEDxxx", "IGO...")."""
    return code[:3] if code and code[:3].isalpha() and code[:3] not in _sector_codes() else None


def phrase_tokens(head) -> list:  # noqa: ANN001 - a spaCy Token
    """The tokens that name the actor headed by `head`, in order."""
    keep = {head.i}
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.i in keep:
                continue
            right_prep = child.dep_ == "prep" and child.lower_ in _RIGHT_PREPS
            if child.dep_ in _PHRASE_DEPS or child.dep_ in ("appos", "pobj") or right_prep:
                keep.add(child.i)
                stack.append(child)
    doc = head.doc
    return _one_block([doc[i] for i in sorted(keep)], head.i)


def _one_block(tokens: list, head: int) -> list:
    """The tokens on the head's side of any line break: the parse runs a phrase over a heading, a
    dateline or a line in another script ("... Saturday, October 19, 2013\n\nAttorney Robert Sarvis",
    "<Arabic>\n\nSadat"), which is not the actor's name (V4)."""
    doc = tokens[0].doc
    breaks = [t.i for t in doc[tokens[0].i:tokens[-1].i] if "\n" in t.text]
    # "Evansville, Indiana, United States - This past week": the week, not the dateline
    dateline = dateline_end(doc[head])
    breaks += [t.i for t in tokens if t.idx < dateline]
    low = max((i for i in breaks if i < head), default=-1)
    high = min((i for i in breaks if i > head), default=tokens[-1].i + 1)
    return [t for t in tokens if low < t.i < high]


def dateline_end(tok) -> int:  # noqa: ANN001
    """Where a dateline opening the token's line ends, 0 when the line opens with none."""
    text = tok.doc.text
    found = _DATELINE.match(text, text.rfind("\n", 0, tok.idx) + 1)
    if not found or not ("," in found.group() or found.group().split()[0].isupper()):
        return 0  # "Ali Shamkhani - an adviser - said" is a name between dashes
    return found.end()


def dictionary_codes(tokens: list) -> list[tuple[int, str]]:
    """(token position, code) for every dictionary phrase in the tokens, longest match first; a
    place's name that is a part of a person's name ("Valeska Paris", "Jordan Henderson") is none."""
    table = actor_table()
    found = []
    i = 0
    while i < len(tokens):
        for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
            first = tokens[i]
            # Dictionary names are proper names: "US" not "us", "Turkey" not "turkey".
            if not (first.text[:1].isupper()):
                continue
            key = " ".join(t.lower_ for t in tokens[i:i + n]).replace(" 's", "")
            code = table.get(key) or (table.get(key.rstrip("s")) if n == 1 else None)
            # a bare country (a place's name), not a leader's entry ("Netanyahu" ISRGOV); one word once
            # its "'s" is gone ("Valeska Paris's lawyer")
            if code and " " not in key and len(code) == 3 and in_personal_name(first):
                break
            if code:
                found.append((i, code))
                i += n - 1
                break
        i += 1
    return found


def in_personal_name(tok) -> bool:  # noqa: ANN001
    """Whether a one-word place name is a part of a person's name: a given name ("Jordan Henderson",
    "Paris Hilton") or a surname ("Valeska Paris"). The name is the run of capitalised proper nouns
    around it; it is a person's when each other word of it is no place, actor, role or newspaper
    word and either spaCy calls the run a person or each is a given name or no English word
    ("Valeska", "Hilton"). "Iran Foreign Minister Abbas Araghchi", "Gaza Health Ministry", "Kenya
    Airways" keep their country: a role word or an English word is in the run."""
    run = _name_run(tok)
    if len(run) < 2:
        return False
    others = [t for t in run if t.i != tok.i]
    if any(_place_or_actor_word(t) for t in others):
        return False
    if tok.ent_type_ == "PERSON" and all(t.ent_type_ == "PERSON" for t in others):
        return True
    after_title = tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("of", "in")
    if run[0].i == tok.i and after_title and tok.ent_type_ in ("GPE", "LOC"):
        return False  # the place of a title before its holder's name ("Governor of Washington Chris Gregoire")
    from newsdesk.understand.name_kinds import common_word
    from newsdesk.understand.name_sex import first_names

    # a country before words of no language and no given name is a firm's or a party's ("Saudi Aramco",
    # "Pakistan Tehreek-e-Insaf"), not a given name; "Paris Hilton" holds one
    if run[0].i == tok.i and not any(t.lower_ in first_names() for t in run):
        return False
    return all(t.lower_ in first_names() or not common_word(t.text) for t in others)


def _name_run(tok) -> list:  # noqa: ANN001
    """The adjacent capitalised proper nouns around a token, on its line, at most four."""
    doc = tok.doc

    def word(t) -> bool:  # noqa: ANN001
        return t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper

    if not word(tok):
        return []
    low = tok.i
    while low > 0 and word(doc[low - 1]) and tok.i - low < 3:
        low -= 1
    high = tok.i + 1
    while high < len(doc) and word(doc[high]) and high - low < 4:
        high += 1
    return list(doc[low:high])


def _own_runs(tokens: list) -> list[list]:
    """The tokens cut at each place's name that is a part of a person's name (`in_personal_name`)."""
    runs: list[list] = [[]]
    for tok in tokens:
        if (tok.lower_ in actor_table() or tok.lower_ in capitals()) and in_personal_name(tok):
            runs.append([])
        else:
            runs[-1].append(tok)
    return [run for run in runs if run]


def _place_or_actor_word(tok) -> bool:  # noqa: ANN001
    low = tok.lower_
    return (low in actor_table() or low in agent_table() or tok.lemma_.lower() in agent_table()
            or low in capitals() or low in _MEDIA_TITLES)


def _role(tokens: list, head) -> str | None:  # noqa: ANN001
    if head.text[:1].isupper() and head.lower_ in _MEDIA_TITLES:
        return "MED"  # "The Canadian Press" is a news agency of Canada, not its state (V4)
    agents = agent_table()
    # the head's own word decides first ("Iranian diplomats"), then the nearest modifier
    for tok in sorted(tokens, key=lambda t: (t.i != head.i, abs(t.i - head.i))):
        for key in (tok.lower_, tok.lemma_.lower()):
            if key in agents:
                return agents[key]
        if tok.i > tokens[0].i:
            pair = f"{tok.doc[tok.i - 1].lemma_.lower()} {tok.lemma_.lower()}"
            if pair in agents:
                return agents[pair]
    return None


def entity_country(tokens: list, entities: list[dict]) -> str | None:
    """The country the entity annotator gave an entity overlapping these tokens (dicts with
    start, end, country), or None."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    for ent in entities:
        if ent.get("country") and ent["start"] < end and ent["end"] > start:
            return ent["country"]
    return None


def actor_for(head, entities: list[dict] | None = None, offset: int = 0) -> Actor | None:  # noqa: ANN001
    """The actor a noun phrase names, or None when it names no country, group or role."""
    if not _actor_like(head) or head.idx < dateline_end(head):
        return None  # a dateline is where the story was filed ("PARIS (AP) --"), not who acted
    tokens = phrase_tokens(head)
    codes = dictionary_codes(tokens)
    # Prefer a code with a role (ISRGOV for "Netanyahu") over a bare country, then the first.
    codes.sort(key=lambda pc: (len(pc[1]) < 6, pc[0]))
    code = codes[0][1] if codes else None
    country = actor_country(code)
    # the annotator's country of "Paris" is not Valeska Paris's: each stretch of the phrase between such
    # places is read alone, as entity_country reads a range ("Valeska Paris's lawyer" spans "Paris")
    country = country or next(filter(None, (entity_country(run, entities or []) for run in _own_runs(tokens))), None)
    role = code[3:6] if code and len(code) >= 6 and country else None
    role = role or _role(tokens, head)
    if head.text.lower() in capitals() and head.dep_ != "pobj" and not in_personal_name(head):
        country, role = country or capitals()[head.text.lower()], role or "GOV"
    if code is None and country is None and role is None:
        return None
    full = (country or "") + (role or "") if country else (code or role)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    # the span's own text: Doc.text joins the whole document on every call (profiled)
    return Actor(text=head.doc[tokens[0].i:tokens[-1].i + 1].text, code=full, country=country, role=role,
                 start=start + offset, end=end + offset, head=head.i, person=head.ent_type_ == "PERSON")


def _actor_like(head) -> bool:  # noqa: ANN001
    """Only names, role nouns and dictionary words head an actor ("the US", "diplomats"),
    not things ("negotiations in Oman", "Iran's missile program")."""
    if head.pos_ == "PROPN" or head.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return True
    agents = agent_table()
    if head.lower_ in agents or head.lemma_.lower() in agents:
        return True
    return head.text[:1].isupper() and head.lower_ in actor_table()


def actors_for(head, entities: list[dict] | None = None, offset: int = 0) -> list[Actor]:  # noqa: ANN001
    """Actors of a noun phrase and its conjuncts ("the US and Iran"), plus a second country
    named inside one phrase ("US and Iranian diplomats")."""
    out = []
    for tok in [head, *head.conjuncts, *_listed(head)]:
        actor = actor_for(tok, entities, offset)
        if actor:
            out.append(actor)
    if len(out) == 1:
        out += _inner_countries(head, out[0], offset)
    return out


def _listed(head) -> list:  # noqa: ANN001
    """'The US, Russia, and Switzerland met': the parser makes 'Russia' an apposition of 'US'
    (and 'Switzerland' its conjunct). Two bare place names in apposition are a list, not one
    actor renamed (unlike 'Ali Shamkhani, an adviser')."""
    if head.pos_ != "PROPN" or head.ent_type_ not in ("GPE", "NORP"):
        return []
    out = []
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ in ("GPE", "NORP"):
            out += [child, *child.conjuncts]
    return out


def _inner_countries(head, first: Actor, offset: int) -> list[Actor]:  # noqa: ANN001
    """'US and Iranian diplomats': the modifiers name two countries sharing one head."""
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
    extra = []
    for mod in mods:
        for conj in mod.conjuncts:
            codes = dictionary_codes([conj])
            if codes and codes[0][1][:3] != first.country:
                country = codes[0][1][:3]
                extra.append(Actor(text=conj.text, code=country + (first.role or ""), country=country,
                                   role=first.role, start=conj.idx + offset,
                                   end=conj.idx + len(conj) + offset, head=conj.i))
    return extra


def is_pronoun(tok) -> bool:  # noqa: ANN001
    return tok.lower_ in _PRONOUNS
