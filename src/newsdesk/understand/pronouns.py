"""The sex a person's mention says, so that a "she said" is not filed under a man.

`annotate._antecedent` gave a he/she the nearest person before it whatever their sex: on PolNeAR
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

from newsdesk.understand import nlp
from newsdesk.understand.entities import Mention
from newsdesk.understand.name_sex import PRONOUN_SEX, first_name_sex, honorific_sex

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
