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
from newsdesk.understand.french.speakers import NE

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
    if tok.pos_ == "ADJ" and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "NOUN" and (
            tok.lower_ in common_words("adj") or tok.lemma_.lower() in common_words("adj")):
        return None  # "la situation critique", "les niveaux critiques": an adjective after its noun
    lemma = tok.lemma_.lower() if tok.pos_ == "VERB" else ""
    if lemma not in lex.lemmas and lemma not in lex.after_quote:
        lemma = lex.forms.get(tok.lower_, "")
    if tok.lower_.endswith(("ons", "ez")) and "Imp" in tok.morph.get("Mood", ["Imp"]) and not after_quote:
        return None  # "Rappelons que ...": the writer's own aside, nobody's words
    if lemma == "parler" and (("Inf" in tok.morph.get("VerbForm") and not after_quote) or _gerund(tok)):
        return None  # "il fit parler de lui", "en parlant des humains": talk about someone, no words reported
    if lemma in lex.lemmas or (after_quote and lemma in lex.after_quote):
        return lemma
    return None


def _gerund(tok: Any) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "en" and tok.lower_.endswith("ant")


# the second word of a negation: "n'a pas confirmé", "n'a jamais dit", "ne l'a plus affirmé"
_NEGATORS = {"pas", "jamais", "plus", "point", "guère", "nullement", "aucunement", "rien"}
# a subject that negates with "ne" alone: "Aucun responsable n'a confirmé", "Personne n'a dit"
_NOBODY = {"aucun", "aucune", "personne", "nul", "nulle"}
# verbs between the negation and the cue that keep it negated: "n'a pas voulu confirmer"
_MODALS = {"vouloir", "pouvoir", "souhaiter", "oser", "savoir"}


def negated(verb: Any) -> bool:
    """A cue its clause negates: "Le ministre n'a pas confirmé que …", "Il n'a jamais dit que …",
    "Aucun responsable n'a confirmé …", "n'a pas voulu confirmer": it says nobody said it. Not a
    negation of another verb before it ("n'a pas manqué de rappeler que" says it) or "ne … que"
    ("il n'a dit que cela")."""
    ne, negator = _negation(verb)
    if not ne:
        return False
    subject = [c for c in verb.children if c.dep_.startswith("nsubj")] or (
        [c for c in verb.head.children if c.dep_.startswith("nsubj")] if verb.dep_ == "xcomp" else [])
    return negator or any(w.lower_ in _NOBODY for s in subject for w in [s, *s.children])


def restrictive(verb: Any) -> bool:
    """"ne" with no second word of negation: the "que" after the verb is "only" ("qui ne prévoit
    qu'une intervention en dernier recours"), no content's."""
    ne, negator = _negation(verb)
    return ne and not negator


def _negation(verb: Any) -> tuple[bool, bool]:
    """(a "ne" of the verb's before it, a second word of negation around it: "pas", "jamais"…), over
    auxiliaries, clitics, adverbs and modals ("n'a pas voulu confirmer")."""
    doc = verb.doc
    negator = verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in _NEGATORS  # "ne dit pas"
    for t in reversed(doc[max(0, verb.i - 6):verb.i]):
        if t.lower_ in NE:
            return True, negator
        if t.lower_ in _NEGATORS:
            negator = True
        elif not (t.pos_ in ("AUX", "PRON", "ADV") or t.lemma_.lower() in _MODALS):
            break
    return False, False
