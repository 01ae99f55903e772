"""Who speaks a French quote, as written: the cue's subject.

The subject is the parse's (nsubj) when the cue has one before it, a clitic after the verb or its
auxiliary ("a-t-il dit", "explique-t-elle"), or the noun phrase after the verb when the subject is
inverted ("», explique le ministre", "a déclaré Oumar Maïga"). The entity it stands for is
`speaker_names`'s (a pronoun's antecedent) and `speaker_links`'s (the mention a phrase holds or
stands beside, a role noun's person).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.understand.french import roles

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
PRONOUN_GENDER = {"il": "m", "elle": "f", "-il": "m", "-elle": "f", "-t-il": "m", "-t-elle": "f", "lui": "m"}
GROUP_PRONOUNS = {"ils", "elles", "-ils", "-elles", "eux", "on", "-on", "nous", "je", "j'", "moi"}
STOPS = {",", ".", ";", ":", "(", ")", "«", "»", "“", "”", '"', "—", "–", "!", "?"}
# a place, time or channel phrase between an inverted cue and its subject: "a déclaré à l'AFP X"
PREPOSITIONS = {"à", "au", "aux", "sur", "dans", "devant", "lors", "pour", "en", "par", "chez", "après", "avant"}
TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "ensuite",
               "alors", "encore", "aussi", "également", "notamment", "enfin", "soir", "matin", "aujourd'hui",
               "tout", "simplement", "plus", "tard", "ce", "cependant", "toutefois", "pourtant"}
# words after which an inverted subject's phrase is over: "a déclaré Barack Obama lorsqu'il apprit"
_PHRASE_ENDS = {"à", "au", "aux", "sur", "dans", "lors", "qui", "que", "dont", "lorsqu'", "lorsque", "quand", "alors",
                "après", "avant"}
# "pour sa part", "de son côté": an aside between a cue and its inverted subject
_ASIDES = (("pour", "sa", "part"), ("pour", "leur", "part"), ("de", "son", "côté"), ("de", "leur", "côté"))


@dataclass
class Speaker:
    head: Any  # the speaker phrase's head token
    span: tuple[int, int]  # the phrase as written (char offsets)


def clitic(tok: Any) -> Any:
    """The subject clitic written after a verb or its auxiliary ("dit-il", "a-t-elle"), or None."""
    doc = tok.doc
    for j in range(tok.i + 1, min(tok.i + 3, len(doc))):
        w = doc[j].lower_
        if w == "-t":
            continue
        return doc[j] if w.startswith("-") and w.lstrip("-") in ("il", "elle", "ils", "elles", "on") else None
    return None


def subject(verb: Any, quoted: Any = lambda char: False) -> Any:
    """The cue's subject written before it or as a clitic: its own, or the clause's it hangs from
    ("a condamné ... et estimé que"); a relative "qui" is the noun before it; a present participle
    with none ("a réfuté l'idée, affirmant : « … »") takes the subject before it in its sentence.
    None when the subject is inverted or absent. `quoted(char)`: inside a quotation."""
    start = verb
    for _ in range(4):
        for aux in [c for c in verb.children if c.dep_.startswith("aux")] + [verb]:
            if (c := clitic(aux)) is not None:
                return c
        subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ != "-t" and not c.is_punct
                and c.text not in STOPS and not quoted(c.idx)]
        if subj:
            return _relative(subj[0])
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head is verb:
            break
        verb = verb.head
    if ("Part" in start.morph.get("VerbForm") and "Pres" in start.morph.get("Tense")) or start.lower_.endswith("ant"):
        if (writing := _writing_before(start)) is not None:
            return writing
        if (after := _subject_after_participle(start, quoted)) is not None:
            return after  # "Estimant que « … », il vota contre": the clause's subject, after the participle
        return next((t for t in reversed(list(start.sent[:start.i - start.sent.start]))
                     if t.dep_ in SUBJECT_DEPS and t.head.i < start.i and t.lower_ != "qui" and not quoted(t.idx)
                     and t.is_alpha), None)
    return _plain_subject(start)


def _subject_after_participle(verb: Any, quoted: Any) -> Any:
    """A participle opening its sentence has the subject of the clause after its comma."""
    if verb.i != verb.sent.start and verb.doc[verb.i - 1].text not in ("-", "—"):
        return None
    doc = verb.doc
    for t in doc[verb.i + 1:verb.sent.end - 1]:
        if t.text == "," and not quoted(t.idx):
            nxt = doc[t.i + 1]
            subject_like = nxt.lower_ in PRONOUN_GENDER or nxt.lower_ in ("ils", "elles") or nxt.pos_ == "PROPN"
            return nxt if subject_like else None
    return None


def may_speak(tok: Any) -> bool:
    """A subject that can call, ask or say: a person or body the model names, a pronoun, a role."""
    return tok.ent_type_ in ("PER", "ORG") or tok.pos_ in ("PRON", "PROPN") or roles.is_role_noun(tok) or (
        tok.lemma_.lower() in SPEAKING_BODIES) or tok.lower_.endswith(_AGENT_ENDINGS)


# nouns of people by what they do: "le négociateur", "les manifestants", "un militant", "les scientifiques"
_AGENT_ENDINGS = ("eur", "eurs", "euse", "euses", "ant", "ants", "ante", "antes", "iste", "istes", "ien", "iens")


def _writing_before(verb: Any) -> Any:
    """"une légende affirmant que", "un message disant": the writing says it; one its clause's subject
    issued ("TVE a émis un communiqué de presse affirmant que") says it for that subject."""
    if verb.i == 0:
        return None
    t = verb.doc[verb.i - 1]
    while t.dep_ in ("nmod", "amod") and t.head.i < t.i and t.lemma_.lower() not in WRITINGS:
        t = t.head
    if t.lemma_.lower() not in WRITINGS:
        return None
    issuer = [c for c in t.head.children if c.dep_ == "nsubj"] if t.dep_ == "obj" else []
    return issuer[0] if issuer else t


def _relative(tok: Any) -> Any:
    """A relative "qui" as a subject is the noun before it ("l'organisation islamique, qui affirme"),
    or, after a description set off by commas, the name it describes ("Bernard Bonnet, le successeur
    de Claude Erignac, qui lui avait rétorqué": Bonnet; the parse seldom marks the apposition)."""
    if tok.lower_ != "qui" or tok.i == 0:
        return tok
    doc = tok.doc
    end = tok.i - 1 if doc[tok.i - 1].text == "," else tok.i
    start = end
    while start > tok.sent.start and doc[start - 1].text != "," and end - start < 12:
        start -= 1
    part = doc[start:end]
    described = (len(part) and part[0].pos_ == "DET" and start >= 2 and doc[start - 1].text == ","
                 and doc[start - 2].pos_ == "PROPN" and not any(t.pos_ in ("VERB", "AUX") for t in part))
    if described:
        return doc[start - 2]
    return next((t for t in reversed(part) if t.pos_ in ("NOUN", "PROPN")), tok)


def _plain_subject(verb: Any) -> Any:
    """The parse gave the verb no subject: the phrase just before it in its sentence, its parts
    split at commas and read from the verb back. An adjunct ("Sur Twitter", "malgré cette division")
    is passed; a part with no article after a name or phrase is that one's apposition ("Michel Guay,
    jeune appelé, raconte"), so the subject is the phrase it describes. None when a clause stands there."""
    before = [t for t in verb.sent[:verb.i - verb.sent.start] if not t.dep_.startswith("aux")]
    while before and (before[-1].pos_ == "ADV" or before[-1].lower_ in NE or before[-1].lower_ in _OBJECT_CLITICS):
        before.pop()
    if len(before) >= 3 and tuple(t.lower_ for t in before[-3:]) in _ASIDES:
        before = before[:-3]
    parts: list[list[Any]] = [[]]
    for t in before:
        if t.text == ",":
            parts.append([])
        elif not t.is_punct and t.pos_ != "CCONJ" and t.lower_ not in ("mais", "et"):
            parts[-1].append(t)
    subject: list[Any] = []
    for part in reversed(parts):
        if not part or part[0].pos_ in ("ADP", "SCONJ") or part[0].lower_ in PREPOSITIONS:
            if subject:
                break
            continue  # an adjunct between the subject and the verb
        if any(t.pos_ in ("VERB", "AUX") or t.text in (":", ";", "«", "»") for t in part):
            break
        if subject and subject[0].pos_ == "DET":
            break  # the phrase with its article is the subject; what comes before it is not
        subject = part
    return next((t for t in subject if t.pos_ in ("NOUN", "PROPN")), None)


NE = {"ne", "n'", "n’"}  # the "ne" of a negation, as written (quote_cues, quote_clauses read it too)
_OBJECT_CLITICS = {"lui", "leur", "me", "m'", "m’", "l'", "l’", "le", "la", "les", "y", "en", "se", "s'", "s’"}


def inverted(verb: Any, end: int) -> Speaker | None:
    """The subject after the verb, up to `end` (a char offset): '», explique le ministre', 'a déclaré
    à l'AFP Jean-Philippe Magnen' (a channel or time phrase before it is skipped)."""
    doc = verb.doc
    toks: list[Any] = []
    for t in doc[verb.i + 1:]:
        if t.idx >= end or t.text in STOPS:
            break
        if not (t.lower_.startswith("-") and not toks):  # the clitic of "dit-il" is no phrase
            toks.append(t)
    while toks and (toks[0].lower_ in TIME_WORDS or tuple(t.lower_ for t in toks[:3]) in _ASIDES):
        toks = toks[3:] if tuple(t.lower_ for t in toks[:3]) in _ASIDES else toks[1:]
    if toks and toks[0].lower_ in PREPOSITIONS:  # "à l'AFP", "sur Europe 1": up to the phrase's noun
        rest = toks[1:]
        noun = next((k for k, t in enumerate(rest) if t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper()), -1)
        toks = [] if noun < 0 else rest[noun + 1:]
        while toks and toks[0].pos_ == "PROPN" and toks[0].head.i == rest[noun].i and toks[0].dep_ != "appos":
            toks = toks[1:]  # the rest of a name ("Europe 1", "BFM TV")
    if not toks or not any(t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper() for t in toks):
        return None
    if toks[0].pos_ == "ADP" or toks[0].lower_ in ("du", "de", "d'", "d’", "des", "que", "qu'", "qu’"):
        return None  # "se sont félicités du résultat", "affirme qu'il …": a complement or content, no subject
    first = next(k for k, t in enumerate(toks) if t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper())
    cut = next((k for k in range(first + 1, len(toks)) if toks[k].lower_ in _PHRASE_ENDS
                or toks[k].pos_ in ("VERB", "AUX")), None)
    toks = toks[:cut] if cut is not None else toks
    head = next((t for t in toks if t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper()), toks[0])
    return Speaker(head, (toks[0].idx, toks[-1].idx + len(toks[-1])))


def phrase(head: Any) -> tuple[int, int]:
    """The speaker phrase around its head as written: its determiners and adjectives, and the words
    after it that hang from it, up to a comma, a clause or a quotation; a pronoun alone."""
    doc = head.doc
    a = b = head.i
    if head.pos_ != "PRON" or head.lower_ in ("un", "une", "l'un", "l'une"):
        while a > 0 and doc[a - 1].dep_ in ("det", "amod", "nummod") and doc[a - 1].head.i == head.i:
            a -= 1
        while (b + 1 < len(doc) and doc[b + 1].text not in STOPS and head.is_ancestor(doc[b + 1])
               and doc[b + 1].pos_ not in ("VERB", "AUX", "PRON", "ADV") and b + 1 - a < 12
               and not _clitic_before_verb(doc, b + 1)):
            b += 1
    start = doc[a].idx + (1 if doc[a].text.startswith("-") else 0)
    return start, doc[b].idx + len(doc[b])


def _clitic_before_verb(doc: Any, i: int) -> bool:
    """"en"/"y" right before a verb is the verb's clitic ("La fédération en appelle"), no part of a phrase."""
    return doc[i].lower_ in ("en", "y") and i + 1 < len(doc) and doc[i + 1].pos_ in ("VERB", "AUX")


# writings (and beliefs) that say things themselves: "un communiqué affirmant que", "un message disant « … »"
WRITINGS = frozenset({"communiqué", "message", "légende", "lettre", "rapport", "texte", "déclaration", "note",
                      "tweet", "courriel", "document", "étude", "article", "panneau", "affiche", "croyance",
                      "rumeur", "tradition", "théorie"})
# nouns that speak as a body: "Le nouveau gouvernement s'est donné pour objectif ... Il a déclaré que"
SPEAKING_BODIES = frozenset({"gouvernement", "ministère", "syndicat", "comité", "conseil", "tribunal", "journal",
                             "quotidien", "communiqué", "rapport", "documentaire", "parquet", "cabinet",
                             "fédération", "confédération", "association", "collectif", "organisation"})
