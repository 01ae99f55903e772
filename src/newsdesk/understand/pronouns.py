"""The sex a person's mention says, so that a "she said" is not filed under a man.

`speaker_antecedents.antecedent` gave a he/she the nearest person before it whatever their sex: on PolNeAR
dev, "Clinton says Trump's ... She says it underscores that Trump is ..." filed the second quote
under Donald Trump. `agreeing` drops the people the pronoun cannot mean. A person's sex is read
from, in this order:

- the mention's own words: an honorific before it ("Mrs. Clinton") or a role whose head noun says
  a sex ("congresswoman", "queen"; not "chairman" or "spokesman", which news also gives women);
- the first name of the person's name in the article ("Hillary" of "Clinton" when the article
  wrote "Hillary Clinton"): data/first_names.json, names of babies nearly all one sex
  (tools/make_first_names.py: US Social Security counts, public domain);
- what the article's own he/she said of them: a pronoun with only that person named from the
  sentence before it up to it.

Unknown (a lone surname, a name of either sex, or signs both ways) drops no one: today's choice.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Any, NamedTuple

import numpy
from spacy.attrs import LOWER

from newsdesk.understand import nlp, quote_regions, speakers
from newsdesk.understand.entities import Mention
from newsdesk.understand.name_sex import PRONOUN_SEX, first_name_sex, honorific_sex
from newsdesk.understand.quote_found import doc_text

# Role nouns that say a sex whoever holds them. Not "chairman", "spokesman", "congressman"'s
# neighbours that news also gives women, nor "count", "page" (other senses).
_ROLE_SEX = {
    **dict.fromkeys(("congresswoman", "chairwoman", "spokeswoman", "councilwoman", "assemblywoman",
                     "businesswoman", "stateswoman", "anchorwoman", "policewoman", "sportswoman", "queen",
                     "princess", "duchess", "empress", "baroness", "countess", "lady", "actress", "wife",
                     "widow", "mother", "daughter", "sister", "grandmother", "niece", "aunt", "girlfriend",
                     "heiress", "nun", "madam", "dame"), "f"),
    **dict.fromkeys(("congressman", "councilman", "assemblyman", "businessman", "statesman", "king", "prince",
                     "duke", "emperor", "baron", "lord", "sir", "husband", "widower", "father", "son",
                     "brother", "grandfather", "nephew", "uncle", "boyfriend", "pope", "monk"), "m"),
}
ARTICLE_PRONOUNS = True  # the third kind of evidence above; False reads the first two only


def pronoun_sex(word: str) -> str | None:
    """"m" for he/him/his, "f" for she/her; None for a word that says no sex ("I", "they")."""
    return PRONOUN_SEX.get(word.lower())


class Sexes(NamedTuple):
    """What an article says of its people's sexes."""

    own: dict[int, str]  # a mention's start → the sex its own words say
    named: dict[str, str]  # a person's (canonical) name → the sex the evidence above says


def agreeing(tok: Any, people: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """The people (mentions) a pronoun token may stand for: those whose sex is the pronoun's or
    unknown, in their order."""
    sex = pronoun_sex(tok.text)
    if sex is None or not people:
        return people
    sexes = _article_sexes(mentions, tok.doc)
    return [m for m in people if (sexes.own.get(m.start) or sexes.named.get(_key(m))) in (None, sex)]


_last: tuple[Any, list[Mention], Sexes] | None = None  # the article of the last call


def _article_sexes(mentions: list[Mention], doc: Any) -> Sexes:
    """`person_sexes`, once per article: an article's pronoun speakers come one after another.
    Held by identity (the objects are kept, so their ids are not reused by others)."""
    global _last
    last = _last
    if last is not None and last[0] is doc and last[1] is mentions:
        return last[2]
    out = person_sexes(mentions, doc)
    _last = (doc, mentions, out)
    return out


def person_sexes(mentions: list[Mention], doc: Any) -> Sexes:
    """The sex of each person mention of `doc` and of each person, by the evidence above."""
    lower = doc.to_array(LOWER)  # a Token object for each word of a long article costs milliseconds
    people = [m for m in mentions if m.type == "PERSON" and m.start >= 0]  # not the title's names (-1)
    own = {m.start: sex for m in people if (sex := own_sex(m, lower))}
    said: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}
    for m in people:
        said.setdefault(_key(m), set()).update([own[m.start]] if m.start in own else [])
        first = first_name_sex(m.canonical or m.text)
        named.setdefault(_key(m), set()).update([first] if first else [])
    told = _told_by_pronouns(people, doc, lower) if ARTICLE_PRONOUNS else {}
    out = {}
    for k in said:
        for signs in (said[k], named[k], {told[k]} if k in told else set()):
            if signs:
                if len(signs) == 1:
                    out[k] = next(iter(signs))
                break  # stronger evidence that disagrees with itself is not outvoted by weaker
    return Sexes(own, out)


def own_sex(m: Mention, lower: Any) -> str | None:
    """The sex a mention's own words say: an honorific written before it or at its start ("Mrs.
    Clinton"), else its role's head noun ("the congresswoman from Florida"). `lower`: the LOWER
    array of the mention's Doc."""
    strings = m.span.doc.vocab.strings
    sex = honorific_sex(strings[lower[i]] for i in (m.span.start - 1, m.span.start) if 0 <= i < len(lower))
    return sex or (_ROLE_SEX.get(_role_head(m.role)) if m.role else None)


def _role_head(role: str) -> str:
    """A role's head noun: "wife" of "the wife of Bill Clinton", "congresswoman" of "Democratic
    congresswoman"."""
    head = role.lower().split(" of ")[0].split(" from ")[0].split(" to ")[0].split()
    return head[-1].strip(".,") if head else ""


def _told_by_pronouns(people: list[Mention], doc: Any, lower: Any) -> dict[str, str]:
    """The sex the article's he/she says of a person: each he/she with one person named from the
    start of the sentence before it up to it votes for them; a person gets the sex of at least
    two votes and none the other way."""
    people = sorted(people, key=lambda m: m.start)
    starts = [m.start for m in people]
    votes: dict[str, Counter[str]] = {}
    hashes = [doc.vocab.strings[w] for w in PRONOUN_SEX]  # as to_array(LOWER) gives them
    for i in numpy.flatnonzero(numpy.isin(lower, hashes)):
        tok = doc[int(i)]
        sex = PRONOUN_SEX[tok.lower_]
        sent = nlp.sent_of(tok)
        start = nlp.sent_of(doc[sent.start - 1]).start_char if sent.start > 0 else 0
        between = people[bisect.bisect_left(starts, start):bisect.bisect_left(starts, tok.idx)]
        near = {_key(m) for m in between if m.end <= tok.idx}
        if len(near) == 1:
            votes.setdefault(near.pop(), Counter())[sex] += 1
    return {k: sex for k, c in votes.items() for sex in c if c[sex] >= 2 and len(c) == 1}


def _key(m: Mention) -> str:
    return m.canonical or m.text


# Session 15 (P2): the group a they/them/it speaker stands for, by number and kind, the subject of its
# own sentence or of the nearest earlier one first (as `speaker_antecedents._previous_subject` does for a he/she).
# "they": a nationality or party ("Republicans"), a plural noun ("officials", "McConnell aides"), names
# joined by "and" ("Mr. Grassley and Mr. Leahy"); "it": an organisation or place (a country speaking as
# its government) or a thing that speaks or publishes ("the report", "the ad", "the city"), never a
# person. A name inside what the pronoun says is not the pronoun ("The program has grown, they say").
THEY = frozenset({"they", "them"})
GROUP_WORDS = THEY | {"it"}
# Singular common nouns an "it" may stand for: things that say or publish, and bodies that act.
IT_NOUNS = frozenset({
    "report", "study", "survey", "poll", "statement", "letter", "memo", "ad", "advertisement", "article",
    "editorial", "paper", "book", "video", "recording", "footage", "document", "filing", "lawsuit", "suit",
    "complaint", "ruling", "decision", "order", "bill", "law", "plan", "proposal", "analysis", "review",
    "release", "website", "site", "blog", "post", "tweet", "message", "email", "campaign", "company", "firm",
    "group", "organization", "organisation", "agency", "department", "ministry", "government",
    "administration", "committee", "panel", "board", "council", "court", "city", "state", "country", "party",
    "newspaper", "network", "station", "union", "coalition", "foundation", "institute", "university", "bank",
    "team", "commission", "office", "bureau", "service", "embassy", "army", "military", "regime", "school",
    "hospital", "magazine", "journal", "channel", "outlet", "index", "model", "forecast", "platform"})
_IT_KINDS = ("ORG", "GPE")
_THEY_KINDS = ("NORP",)
# A paragraph opened with a straight " and never closed, in an article that quotes with curly marks, is
# a block quote of another text (a passage of the profile the article discusses), not a speaker's
# words: its names are whom its own he/she/they mean. P1 skipped them as quoted: on PolNeAR dev
# '"Melanie thought ... She was anxious ... “It never crossed my mind ...,” she said' went to Obama.
# False: every quoted stretch is skipped, as before.
BLOCK_QUOTES = True
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_EMBEDDED = ("ccomp", "acl", "relcl", "csubj")  # a subject of what someone says or of a clause on a noun
_AMOUNTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# Session 20 (S23): a they/it inside a relative clause whose subject is "who"/"that"/"which" may mean
# the noun the clause is on ("some Democrats, who cringe as they recall ..."); PolNeAR train left
# such a "they" as written. False: no noun holding the pronoun is read, as before.
RELATIVE_SUBJECTS = True
_RELATIVES = frozenset({"who", "that", "which"})


def group_antecedent(tok: Any, by_token: dict[int, Mention], quoted: list[tuple[int, int]],
                     said: tuple[int, int], window: int) -> Any | None:
    """The word a they/them/it stands for (a name's root, a noun, or the first of names joined by
    "and"): the last fitting subject before it in its sentence (not one of a clause said or put on a
    noun when there is another), else the main-clause subject of the
    nearest earlier sentence (within `window` characters) that holds a fitting word. None when the
    sentence that holds one has it only outside a subject: an object or a possessor the parse cannot
    tell from the pronoun's meaning ("Romney released his returns, even though they ..."). `quoted`:
    the Doc's quoted stretches; `said`: the quote's own span, whose words are not its speaker."""
    sent = nlp.sent_of(tok)
    heads = [t for t in _fitting(tok, sent, by_token, quoted, said) if t.i < tok.i]
    if heads:
        subjects = [t for t in heads if subject_token(t)]
        # "While groups praised his argument that federal courts are best, they said": the groups
        main = [t for t in subjects if t.head.dep_ not in _EMBEDDED] or subjects
        return _follow(main[-1], by_token, quoted, window) if main else None
    while sent.start > 0:
        sent = nlp.sent_of(tok.doc[sent.start - 1])
        if tok.idx - sent.start_char > window:
            return None
        heads = _fitting(tok, sent, by_token, quoted, said)
        if heads:
            subjects = [t for t in heads if subject_token(t)]
            best = min(subjects, key=lambda t: (depth(t), t.i)) if subjects else None
            return _follow(best, by_token, quoted, window) if best is not None else None
    return None


def _follow(head: Any, by_token: dict[int, Mention], quoted: list[tuple[int, int]], window: int) -> Any | None:
    """A fitting subject that is the same pronoun again stands for what that one stands for."""
    if head.lower_ in GROUP_WORDS:
        return group_antecedent(head, by_token, quoted, (head.idx, head.idx), window)
    return head


def _fitting(tok: Any, sent: Any, by_token: dict[int, Mention], quoted: list[tuple[int, int]],
             said: tuple[int, int]) -> list[Any]:
    """The words of `sent` that may be what the pronoun `tok` stands for, outside quotation marks
    and the quote itself, and not a word whose clause holds the pronoun."""
    they = tok.lower_ in THEY
    above = _holding(tok)  # "the very people they refuse to define": not "people"
    out = []
    for t in sent:
        if speakers.quoted_at(t.idx, quoted) or said[0] <= t.idx < said[1] or t.i in above:
            continue
        m = by_token.get(t.i)
        if m is not None and t.i != m.span.root.i:
            continue  # a name counts once, at its root
        if t.lower_ in (THEY if they else {"it"}) or _a_noun(t, m) and (_plural(t, m) if they else _a_thing(t, m)):
            out.append(t)
    return out


def _holding(tok: Any) -> set[int]:
    """The words whose clause holds the pronoun, which it cannot mean (`_fitting`): its heads, but a
    noun whose relative clause has a subject of its own ("some Democrats, who cringe as they recall
    ...": "who" is the clause's subject, and "they" in it means the Democrats again), when
    `RELATIVE_SUBJECTS`."""
    out, child = set(), tok
    for a in tok.ancestors:
        if not (RELATIVE_SUBJECTS and child.dep_ == "relcl" and any(
                c.dep_ in _SUBJECT_DEPS and c.lower_ in _RELATIVES for c in child.children)):
            out.add(a.i)
        child = a
    return out


def _a_noun(t: Any, m: Mention | None) -> bool:
    """A name, or a noun that is neither a time or amount ("a few minutes later they ...") nor a verb
    the parse read as one (", the survey shows, ...": "shows" with a subject of its own)."""
    if m is not None:
        return True
    return t.ent_type_ not in _AMOUNTS and not any(c.dep_ in _SUBJECT_DEPS for c in t.children)


def _plural(t: Any, m: Mention | None) -> bool:
    """A word "they" may mean: a nationality or party, a plural noun, names joined by "and"."""
    if m is not None and m.type in _THEY_KINDS:
        return True
    return t.pos_ in ("NOUN", "PROPN") and (t.tag_ in ("NNS", "NNPS") or joined(t))


def _a_thing(t: Any, m: Mention | None) -> bool:
    """A word "it" may mean: an organisation or place, or a noun for a thing that speaks."""
    if m is not None:
        return m.type in _IT_KINDS
    if t.pos_ == "PROPN" and t.tag_ == "NNP":  # a body's name the tagger did not name: "the Central
        return t.lower_ in IT_NOUNS  # and East European Coalition" (PolNeAR dev: "it issued a paper")
    return t.pos_ == "NOUN" and t.tag_ == "NN" and t.lemma_.lower() in IT_NOUNS


def joined(t: Any) -> bool:
    """Whether a word is the first of words joined by "and" ("Grassley and Leahy")."""
    return any(c.dep_ == "conj" for c in t.children) and any(
        c.dep_ == "cc" and c.lower_ in ("and", "&") for c in t.children)


def subject_token(t: Any) -> bool:
    """A clause's subject: nsubj/nsubjpass, a passive's agent ("by Obama"), or a name in apposition
    to one ("the president, Barack Obama,"); not a possessor ("Obama's aide")."""
    if t.dep_ == "appos":
        t = t.head
    if t.dep_ == "pobj" and t.head.dep_ == "agent":
        return True
    return t.dep_ in _SUBJECT_DEPS


def depth(t: Any) -> int:
    """How many heads up a token's sentence root is: a main clause's subject is nearer the top."""
    n = 0
    while t.head.i != t.i:
        t, n = t.head, n + 1
    return n


def antecedent_quoted(doc: Any) -> list[tuple[int, int]]:
    """The quoted stretches whose names a pronoun's antecedent is not sought in: every quoted one
    (`quote_regions.every_quoted`) but block quotes (`BLOCK_QUOTES`)."""
    quoted = quote_regions.every_quoted(doc)
    text = doc_text(doc)
    if not BLOCK_QUOTES or "\u201c" not in text:
        return quoted
    return [(a, b) for a, b in quoted if not (text[a - 1:a] == '"' and text[b:b + 2] == "\n\n")]


# "It seems that …", "it appeared that …", "it looks as if …", "it goes without saying that …": an
# "it" that stands for no one, the clause after its verb being what seems. PolNeAR train marks such a
# cue, when it marks one, as an attribution with no source (20 of 20 at "it seems/appears/looked …").
# An "it" raised with an infinitive ("It appears to blame the council") stands for a thing: not here.
_SEEMING = frozenset({"seem", "appear", "look", "sound", "feel", "happen", "turn"})
_AS_IF = frozenset({"that", "as", "like", "if", "though"})


def dummy_it(tok: Any) -> bool:
    """Whether an "it" subject is a dummy that stands for what its verb's clause says."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "expl"):
        return False
    verb = tok.head
    if verb.lemma_ == "go":  # "it goes without saying"
        return any(c.lower_ == "without" and any(g.lemma_ == "say" for g in c.children) for c in verb.children)
    if verb.lemma_ not in _SEEMING:
        return False
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "ccomp" or c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _AS_IF for g in c.children):
            return True  # "seems (that) …", "looks as if …"
        if c.dep_ == "prep" and c.lower_ in ("like", "as") and any(g.dep_ == "pcomp" for g in c.children):
            return True
        if c.dep_ == "prt" and c.lower_ == "out" and any(g.dep_ == "ccomp" for g in verb.children):
            return True  # "it turns out (that) …"
    return False
