"""The French cue lexicon (data/quote_cues.json): which words introduce reported speech.

A word is a cue by its lemma or by its written form: fr_core_news_sm 3.8 lemmatises some verbs of
saying wrongly ("indique" -> "indique", "ajoute" read as a noun, "lâché" as an adjective), so the
inflections of each verb are made here (regular -er verbs) or listed in the file (the others).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsdesk.understand.french.entities import common_words

# the endings of a regular -er verb a news text writes (present, past, imperfect, future,
# conditional, participles), after the stem ("déclar-")
_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "a", "èrent", "ant", "ons", "ez",
               "era", "eront", "erait", "eraient", "er", "ât")


@dataclass(frozen=True)
class Lexicon:
    forms: dict[str, str]  # written form (lower case) -> lemma
    lemmas: frozenset[str]
    after_quote: frozenset[str]  # cues only right after a quotation
    objects: frozenset[str]
    infinitives: frozenset[str]
    according: frozenset[str]
    appeals: frozenset[str]  # cues only before "à": "appelle à voter"
    of: frozenset[str] = frozenset()  # content after "de": "se sont félicités du résultat"
    # idiom -> its verb's forms and the words after the verb: "faire grief" -> ({fait, ...}, ("grief",))
    idioms: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = ()


def _bare(lemma: str) -> str:
    """'se souvenir' -> 'souvenir': the parse lemmatises the verb without its pronoun."""
    for p in ("se ", "s'", "s’"):
        if lemma.startswith(p):
            return lemma[len(p):]
    return lemma


def _inflections(lemma: str, listed: dict[str, list[str]]) -> list[str]:
    if lemma in listed:
        return listed[lemma]
    bare = _bare(lemma)
    if not bare.endswith("er"):
        return []
    stem = bare[:-2]
    soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
    return [(soft if e[0] in "aâo" else stem) + e for e in _ER_ENDINGS]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = json.loads(resources.files("newsdesk.understand.french").joinpath("data/quote_cues.json").read_text("utf-8"))
    listed = data.get("forms", {})
    forms: dict[str, str] = {}
    for group in ("verbs", "after_quote"):
        for lemma in data[group]:
            for form in _inflections(lemma, listed):
                forms.setdefault(form, _bare(lemma))
    idioms = tuple((name, frozenset(_inflections(name.split()[0], listed)) | {name.split()[0]}, tuple(words))
                   for name, words in data.get("idioms", {}).items())
    return Lexicon(forms=forms, lemmas=frozenset(_bare(v) for v in data["verbs"]) | {i[0] for i in idioms},
                   after_quote=frozenset(_bare(v) for v in data["after_quote"]),
                   objects=frozenset(data["object"]), infinitives=frozenset(data["infinitive"]),
                   according=frozenset(data["according"]), appeals=frozenset(data.get("appeal", ())),
                   of=frozenset(data.get("of", ())), idioms=idioms)


def idiom_words(tok: Any) -> tuple[str, int] | None:
    """(idiom, number of words after the verb) when the token is the verb of an idiom of saying
    written out ("faisait grief", "pointe du doigt"), else None."""
    doc = tok.doc
    for name, verb_forms, words in lexicon().idioms:
        after = [t.lower_ for t in doc[tok.i + 1:tok.i + 1 + len(words)]]
        if (tok.lower_ in verb_forms or tok.lemma_.lower() == name.split()[0]) and tuple(after) == words:
            return name, len(words)
    return None


def cue_lemma(tok: Any, after_quote: bool = False) -> str | None:
    """The cue verb a token writes, or None; `after_quote`: it stands right after a quotation,
    where the verbs that are cues only there count too ("« … », avait-il lancé")."""
    lex = lexicon()
    if (idiom := idiom_words(tok)) is not None:
        return idiom[0]
    if tok.pos_ == "ADJ" and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "NOUN" and tok.lower_ in common_words("adj"):
        return None  # "la situation critique": a word French has as an adjective, after its noun
    lemma = tok.lemma_.lower() if tok.pos_ == "VERB" else ""
    if lemma not in lex.lemmas and lemma not in lex.after_quote:
        lemma = lex.forms.get(tok.lower_, "")
    if tok.lower_.endswith(("ons", "ez")) and "Imp" in tok.morph.get("Mood", ["Imp"]) and not after_quote:
        return None  # "Rappelons que ...": the writer's own aside, nobody's words
    if lemma in lex.lemmas or (after_quote and lemma in lex.after_quote):
        return lemma
    return None
