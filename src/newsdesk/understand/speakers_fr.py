"""Who speaks a French quote: the cue's subject as written, then the named entity it stands for.

The subject is the parse's (nsubj) when the cue has one before it, a clitic after the verb or its
auxiliary ("a-t-il dit", "explique-t-elle"), or the noun phrase after the verb when the subject is
inverted ("», explique le ministre", "a déclaré Oumar Maïga"). It is named by the mention it holds or
stands beside ("la procureure ..., Mme Fatou Bensouda"), a pronoun by the subject of an earlier
sentence naming a person of its gender where the model says one ("il"/"elle"), a role noun ("le
ministre") by the person the article gave that role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.understand import name_sex, roles_fr
from newsdesk.understand.entities import Mention

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
PRONOUN_GENDER = {"il": "m", "elle": "f", "-il": "m", "-elle": "f", "-t-il": "m", "-t-elle": "f", "lui": "m"}
GROUP_PRONOUNS = {"ils", "elles", "-ils", "-elles", "eux", "on", "-on", "nous", "je", "j'", "moi"}
_STOPS = {",", ".", ";", ":", "(", ")", "«", "»", "“", "”", '"', "—", "–", "!", "?"}
# a place, time or channel phrase between an inverted cue and its subject: "a déclaré à l'AFP X"
_PREPOSITIONS = {"à", "au", "aux", "sur", "dans", "devant", "lors", "pour", "en", "par", "chez", "après", "avant"}
_TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "ensuite",
               "alors", "encore", "aussi", "également", "notamment", "enfin", "soir", "matin", "aujourd'hui",
               "tout", "simplement", "plus", "tard", "ce", "cependant", "toutefois", "pourtant"}
# words after which an inverted subject's phrase is over: "a déclaré Barack Obama lorsqu'il apprit"
_PHRASE_ENDS = {"à", "au", "aux", "sur", "dans", "lors", "qui", "que", "dont", "lorsqu'", "lorsque", "quand", "alors",
                "après", "avant"}
# "pour sa part", "de son côté": an aside between a cue and its inverted subject
_ASIDES = (("pour", "sa", "part"), ("pour", "leur", "part"), ("de", "son", "côté"), ("de", "leur", "côté"))
_ARTICLE_SEX = {"le": "m", "un": "m", "du": "m", "au": "m", "ce": "m", "la": "f", "une": "f", "cette": "f"}
_HONORIFICS = {"m.": "m", "mme": "f", "mlle": "f", "madame": "f", "monsieur": "m", "mademoiselle": "f"}
_WINDOW = 1500  # characters back a pronoun may reach: about three paragraphs


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
                and c.text not in _STOPS and not quoted(c.idx)]
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
    return tok.ent_type_ in ("PER", "ORG") or tok.pos_ in ("PRON", "PROPN") or roles_fr.is_role_noun(tok) or (
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
    while before and (before[-1].pos_ == "ADV" or before[-1].lower_ in _NE or before[-1].lower_ in _OBJECT_CLITICS):
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
        if not part or part[0].pos_ in ("ADP", "SCONJ") or part[0].lower_ in _PREPOSITIONS:
            if subject:
                break
            continue  # an adjunct between the subject and the verb
        if any(t.pos_ in ("VERB", "AUX") or t.text in (":", ";", "«", "»") for t in part):
            break
        if subject and subject[0].pos_ == "DET":
            break  # the phrase with its article is the subject; what comes before it is not
        subject = part
    return next((t for t in subject if t.pos_ in ("NOUN", "PROPN")), None)


_NE = {"ne", "n'", "n’"}
_OBJECT_CLITICS = {"lui", "leur", "me", "m'", "m’", "l'", "l’", "le", "la", "les", "y", "en", "se", "s'", "s’"}


def inverted(verb: Any, end: int) -> Speaker | None:
    """The subject after the verb, up to `end` (a char offset): '», explique le ministre', 'a déclaré
    à l'AFP Jean-Philippe Magnen' (a channel or time phrase before it is skipped)."""
    doc = verb.doc
    toks: list[Any] = []
    for t in doc[verb.i + 1:]:
        if t.idx >= end or t.text in _STOPS:
            break
        if not (t.lower_.startswith("-") and not toks):  # the clitic of "dit-il" is no phrase
            toks.append(t)
    while toks and (toks[0].lower_ in _TIME_WORDS or tuple(t.lower_ for t in toks[:3]) in _ASIDES):
        toks = toks[3:] if tuple(t.lower_ for t in toks[:3]) in _ASIDES else toks[1:]
    if toks and toks[0].lower_ in _PREPOSITIONS:  # "à l'AFP", "sur Europe 1": up to the phrase's noun
        rest = toks[1:]
        noun = next((k for k, t in enumerate(rest) if t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper()), -1)
        toks = [] if noun < 0 else rest[noun + 1:]
        while toks and toks[0].pos_ == "PROPN" and toks[0].head.i == rest[noun].i and toks[0].dep_ != "appos":
            toks = toks[1:]  # the rest of a name ("Europe 1", "BFM TV")
    if not toks or not any(t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper() for t in toks):
        return None
    if toks[0].pos_ == "ADP" or toks[0].lower_ in ("du", "de", "d'", "d’", "des"):
        return None  # "se sont félicités du résultat": a complement, no subject
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
        while (b + 1 < len(doc) and doc[b + 1].text not in _STOPS and head.is_ancestor(doc[b + 1])
               and doc[b + 1].pos_ not in ("VERB", "AUX", "PRON", "ADV") and b + 1 - a < 12):
            b += 1
    start = doc[a].idx + (1 if doc[a].text.startswith("-") else 0)
    return start, doc[b].idx + len(doc[b])


def gender(m: Mention) -> str | None:
    """The sex the text gives a person: an honorific before or in the name ("Mme", "M."), the article
    of a role noun beside it ("la procureure ..., Mme X", "X, le porte-parole"), a first name nearly
    all of whose bearers are one sex (`name_sex`, "Nadine"). fr_core_news_sm's own gender on a name
    is left out: it called Jean-Philippe Magnen feminine."""
    doc = m.span.doc
    before = doc[m.span.start - 1].lower_ if m.span.start > 0 else ""
    for w in [before] + [t.lower_ for t in m.span]:
        if w in _HONORIFICS:
            return _HONORIFICS[w]
    for noun in _role_nouns_beside(m):
        det = [c.lower_ for c in noun.children if c.dep_ == "det"]
        if det and det[0] in _ARTICLE_SEX:
            return _ARTICLE_SEX[det[0]]
    return name_sex.first_name_sex(m.text.replace("-", " "))


@dataclass
class Context:
    """What naming a speaker reads: the article's mentions, its sentences (`quote_marks_fr`), its
    quotations, and the persons found speaking so far with where."""

    by_token: dict[int, Mention]
    mentions: list[Mention]
    sents: list[tuple[int, int]]
    regions: list[tuple[int, int]]
    earlier: list[tuple[int, Mention]]

    def quoted(self, char: int) -> bool:
        return any(a < char < b for a, b in self.regions)


def named(sp: Speaker, ctx: Context) -> tuple[Mention | None, str]:
    """The mention a speaker phrase stands for, if any, and the phrase as written (for a pronoun
    whose antecedent names no one, the antecedent's phrase: "Le nouveau gouvernement")."""
    text = sp.head.doc.text
    written = text[sp.span[0]:sp.span[1]]
    own = (ctx.by_token.get(sp.head.i) or _person_within(sp, ctx.by_token) or _beside(sp, ctx.by_token)
           or _named_after(sp.head, ctx.by_token))
    if own is not None:
        return own, written
    w = sp.head.lower_
    if w in PRONOUN_GENDER:
        m, phrase_ = antecedent(sp.head, PRONOUN_GENDER[w], ctx)
        return m, phrase_ or written
    if sp.head.pos_ == "NOUN" and roles_fr.is_role_noun(sp.head):  # "le ministre", not "le quotidien"
        return by_role(sp.head, ctx.mentions), written
    return None, written


def _named_after(head: Any, by_token: dict[int, Mention]) -> Mention | None:
    """The name right after a common noun that it names ("le quotidien français Le Figaro")."""
    doc = head.doc
    i = head.i + 1
    while i < len(doc) and doc[i].pos_ == "ADJ":
        i += 1
    m = by_token.get(i) if i < len(doc) and head.pos_ == "NOUN" else None
    return m if m is not None and m.span.start == i else None


def _person_within(sp: Speaker, by_token: dict[int, Mention]) -> Mention | None:
    """A person named inside the phrase ("le ministre Jérôme Cahuzac")."""
    doc = sp.head.doc
    for t in doc.char_span(sp.span[0], sp.span[1], alignment_mode="expand") or []:
        m = by_token.get(t.i)
        if m is not None and m.type == "PERSON":
            return m
    return None


_APPOSITION_ENDS = {",", ".", ";", ")", "!"}


def _beside(sp: Speaker, by_token: dict[int, Mention]) -> Mention | None:
    """The person named in apposition to the phrase: "un jeune manifestant, Abdel Nasser", "La
    procureure de la CPI, Mme Fatou Bensouda", "le président de l'Ufip (Ufip), Jean Louis X"."""
    doc = sp.head.doc
    span = doc.char_span(sp.span[0], sp.span[1], alignment_mode="expand")
    if span is None:
        return None
    i = span.end
    if i < len(doc) and doc[i].text == "(":
        while i < len(doc) and doc[i].text != ")" and i - span.end < 8:
            i += 1
        i += 1
    if i + 1 < len(doc) and doc[i].text == ",":
        for t in doc[i + 1:i + 3]:
            m = by_token.get(t.i)
            ends = m.span.end if m is not None else len(doc)
            if m is not None and m.type == "PERSON" and (ends >= len(doc) or doc[ends].text in _APPOSITION_ENDS):
                return m  # an apposition ends with the name; ", Yasser Arafat aurait été" is a clause
    closed = span.end < len(doc) and doc[span.end].text == ","
    before = doc[span.start - 2] if closed and span.start >= 2 and doc[span.start - 1].text == "," else None
    if before is not None and (m := by_token.get(before.i)) is not None and m.type == "PERSON":
        return m  # "Mme Sophie Durand, la présidente de la chambre, a estimé"
    for c in sp.head.subtree:  # the parse's own apposition
        m = by_token.get(c.i)
        if c.dep_ == "appos" and m is not None and m.type == "PERSON":
            return m
    return None


# writings (and beliefs) that say things themselves: "un communiqué affirmant que", "un message disant « … »"
WRITINGS = frozenset({"communiqué", "message", "légende", "lettre", "rapport", "texte", "déclaration", "note",
                      "tweet", "courriel", "document", "étude", "article", "panneau", "affiche", "croyance",
                      "rumeur", "tradition", "théorie"})
# nouns that speak as a body: "Le nouveau gouvernement s'est donné pour objectif ... Il a déclaré que"
SPEAKING_BODIES = frozenset({"gouvernement", "ministère", "syndicat", "comité", "conseil", "tribunal", "journal",
                             "quotidien", "communiqué", "rapport", "documentaire", "parquet", "cabinet"})


def antecedent(tok: Any, sex: str, ctx: Context) -> tuple[Mention | None, str | None]:
    """What a il/elle stands for: the subject of the nearest earlier sentence (or a speaker already
    found there) that may be it: a person of the pronoun's gender where the text says one. A sentence
    whose subject is the same pronoun carries the same one on, so it is passed. A body the sentence
    just before names as its subject ("Le nouveau gouvernement ... Il a déclaré") is the answer,
    naming no one; with no subject to go by, the nearest person of that gender named before."""
    doc, here = tok.doc, tok.idx
    sents = [s for s in ctx.sents if s[0] <= here and here - s[0] <= _WINDOW]
    for n, (a, b) in enumerate(reversed(sents)):
        spoke = [m for at, m in ctx.earlier if a <= at < min(b, here)]
        if spoke and gender(spoke[-1]) in (None, sex):
            return spoke[-1], None
        subj = _main_subject(doc, a, b, ctx) if b <= here else None
        if subj is None:
            continue
        sp = Speaker(subj, phrase(subj))
        m = (ctx.by_token.get(subj.i) or _person_within(sp, ctx.by_token) or _beside(sp, ctx.by_token)
             or _same_name(subj, ctx.mentions))
        if m is not None and m.type == "PERSON" and gender(m) in (None, sex):
            return m, None
        g = subj.morph.get("Gender")
        # a body or a person's role with no name the model found ("le ministre de la Justice X")
        body = n == 1 and m is None and (subj.lemma_.lower() in SPEAKING_BODIES or roles_fr.is_role_noun(subj))
        if body and g and ("f" if g[0] == "Fem" else "m") == sex:
            return None, doc.text[sp.span[0]:sp.span[1]]
    near = [m for m in ctx.mentions if m.type == "PERSON" and m.end <= here and here - m.start <= _WINDOW
            and not ctx.quoted(m.start) and gender(m) in (None, sex) and not _after_preposition(m)]
    return (near[-1] if near else None), None


def _same_name(tok: Any, mentions: list[Mention]) -> Mention | None:
    """A name the model did not mark here but marked as a person elsewhere in the article."""
    if not tok.text[:1].isupper():  # the small model reads "Le Pen"'s "Pen" as a noun
        return None
    doc = tok.doc
    a = b = tok.i
    while a > 0 and doc[a - 1].text[:1].isupper() and doc[a - 1].pos_ in ("PROPN", "DET", "NOUN"):
        a -= 1
    while b + 1 < len(doc) and doc[b + 1].text[:1].isupper() and doc[b + 1].pos_ in ("PROPN", "NOUN"):
        b += 1
    name = doc[a:b + 1].text
    return next((m for m in mentions if m.type == "PERSON" and (m.text == name or m.canonical == name)), None)


def _after_preposition(m: Mention) -> bool:
    """The name hangs from a preposition ("la politique du président José Ramón Bauzà"): no subject."""
    doc = m.span.doc
    i = m.span.start - 1
    while i >= 0 and m.span.start - i <= 3 and doc[i].pos_ in ("NOUN", "ADJ", "DET"):
        if doc[i].lower_ in _BEFORE_NAME:
            break
        i -= 1
    return i >= 0 and doc[i].lower_ in _BEFORE_NAME


_BEFORE_NAME = {"de", "d'", "d’", "à", "par", "avec", "pour", "contre", "sur", "selon", "chez", "du", "au", "des",
                "aux"}


def _main_subject(doc: Any, a: int, b: int, ctx: Context) -> Any:
    """A sentence's subject outside its quotations: the parse's first, else (the small model often
    parses a sentence with no subject) its first person named not after a preposition."""
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return None
    for t in span:
        if (t.dep_ in SUBJECT_DEPS and t.lower_ not in ("qui", "-t") and t.text not in _STOPS and t.pos_ != "VERB"
                and not ctx.quoted(t.idx)):
            return t
    for t in span:
        m = ctx.by_token.get(t.i)
        named_here = m is not None and m.type == "PERSON" and not ctx.quoted(t.idx)
        if named_here and (t.i == 0 or doc[t.i - 1].lower_ not in _BEFORE_NAME):
            return t
    return None


def by_role(noun: Any, mentions: list[Mention]) -> Mention | None:
    """The person the article gave this role ("le ministre" -> "le ministre du budget, Jérôme
    Cahuzac"), the nearest before the noun, else the first after it. A role written with its
    complement ("le ministre du Redressement productif") is only the person given those words too."""
    lemma = noun.lemma_.lower()
    words = {t.lower_ for t in noun.subtree
             if t.i > noun.i and t.pos_ in ("NOUN", "PROPN", "ADJ") and t.idx - noun.idx < 60}
    fits = [m for m in mentions if m.type == "PERSON" and m.span.start != noun.i and _has_role(m, noun.lower_, lemma)
            and words <= _role_words(m)]
    before = [m for m in fits if m.end <= noun.idx]
    if before:
        return before[-1]
    return fits[0] if fits else None


def _role_nouns_beside(m: Mention) -> list[Any]:
    """Role nouns the parse hangs on the name or the name on ("la procureure ..., Mme Fatou Bensouda")."""
    near = [c for t in m.span for c in t.children if c.dep_ in ("appos", "nmod")]
    root = m.span.root
    if root.dep_ in ("appos", "flat:name", "nmod") and root.head.i < m.span.start:
        near.append(root.head)
    return [t for t in near if t.pos_ == "NOUN" and roles_fr.is_role_noun(t)]


def _role_words(m: Mention) -> set[str]:
    """The words around a person's name that may give their role (their role, and the phrase
    before or after the name in its sentence)."""
    doc = m.span.doc
    around = doc[max(m.span.sent.start, m.span.start - 10):min(m.span.sent.end, m.span.end + 10)]
    return {t.lower_ for t in around} | set((m.role or "").lower().split())


def _has_role(m: Mention, word: str, lemma: str) -> bool:
    """The text gives the person this role: their mention's role, a noun of it above the name in the
    parse ("La ministre de la Culture, Mme Odile X"), or a few words before it with no verb between."""
    if m.role and (word in m.role.lower().split() or lemma in m.role.lower().split()):
        return True
    doc = m.span.doc
    near = [c for t in m.span for c in t.children]
    t = m.span.root
    for _ in range(3):
        t = t.head
        near.append(t)
    for k in range(m.span.start - 1, max(-1, m.span.start - 7), -1):
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (".", ";"):
            break
        near.append(doc[k])
    return any(t.pos_ == "NOUN" and (t.lower_ == word or t.lemma_.lower() == lemma) for t in near)
