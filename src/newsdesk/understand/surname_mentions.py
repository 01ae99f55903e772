"""A surname standing alone is the person the article named in full ("Fowler said" after "Don Fowler").

spaCy's small model reads a bare surname as an organisation more often than it leaves it out: on
PolNeAR dev, 292 one-word ORG mentions were the surname of a person the same article names in full
("Fowler said he expects ...", "Scott's district", "Pence's performance"). An untagged one is rarer.
Both are found in one pass over the tokens, after the entity types are settled and before
canonical names are given (`annotate.annotate_doc`), so `canonical.py` files them under the full
name like any other surname.

A word is read as the person where it stands for the person by itself:
- not inside a longer name: no proper noun beside it ("Fowler Street", "Trump Tower", "Olive Meehan"
  for Charlotte Meehan's mother), no hyphen or slash gluing it to one ("Putin-Ribbentrop"); a title
  or form of address before it is no longer name ("Mr. Fowler", "Sen. Scott");
- not a noun's modifier ("the Trump campaign", "Adelson money", "the Buffett rule"): the tagger's ORG
  there is the campaign's, and `speaker_mention._mention_in` would make a person the campaign's speaker;
- not a thing the text describes as one ("Dell, the computer maker") nor a gazetteer nationality;
- where the article names a thing after the word ("Trump Foundation", "Ford Motor Company"), only
  with an honorific before it ("Mr. Ford"): "Ford announced profits" may be either;
- not where the article writes the word as what a named person belongs to, right after the name
  ("Jane Smith of Dell", "Jane Smith at Dell"), unless an honorific comes before it;
- a word the tagger left out only when it reads it a proper noun, at a sentence's start too (the
  capital there is no evidence, the tag is); the full name it ends, when the tagger missed the whole
  name ("Gennifer Flowers" in a headline), is the mention.
A name inside quotation marks counts like one outside it: a quoted "Trump must stop" means him too.
Places are left to `mention_places.people_not_places` ("London" beside "Jack London" stays a city).
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import countries, roles
from newsdesk.understand.mention import KEEP, Mention
from newsdesk.understand.name_sex import first_names
from newsdesk.understand.quote_cues import BUILTIN_CUES

# The tagger's types a surname is retyped from; places are `mention_places.people_not_places`' call.
_RETYPED = {"ORG", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT", "LAW"}
_JOINERS = ("-", "–", "/")  # "Trump-Pence", "Clinton/Kaine": glued to another name
_WORK = {"work", "intern", "job", "career"}  # "worked at Dell", "a job at Dell"
_STAFF = {"spokesman", "spokeswoman", "spokesperson", "employee", "engineer", "executive", "worker", "staffer"}


def bare_surnames(doc: Any, found: list[Mention]) -> list[Mention]:
    """Retype (in place) the mentions in `found` that are a named person's bare surname, and return
    new PERSON mentions for the ones the tagger left out."""
    surnames = {m.span[-1].text for m in found if m.type == "PERSON" and len(m.span) > 1
                and m.span[-1].is_alpha and m.span[-1].text[:1].isupper()}
    if not surnames:
        return []
    after_person = _things_named_after(found, surnames)
    affiliated = _affiliations(doc, found, surnames)
    for x in found:  # the tagger's "person" where one works: "joined Dell as an engineer"
        if x.type == "PERSON" and len(x.span) == 1 and x.text in affiliated and _employer(x.span[0]):
            x.type, x.role, x.country = "ORG", None, None
    fulls = _full_names(found)
    by_token = {m.span.start: m for m in found if len(m.span) == 1}
    in_entity = {t.i for ent in doc.ents for t in ent}
    taken = {t.i for ent in doc.ents if ent.label_ in KEEP for t in ent} | {t.i for m in found for t in m.span}
    added = []
    for tok in doc:
        if tok.text not in surnames:
            continue
        span = _untagged_full_name(tok, fulls.get(tok.text, ()), taken) or doc[tok.i: tok.i + 1]
        if _in_longer_name(span) or _modifier(tok):
            continue
        if len(span) == 1 and tok.text in affiliated and not _honorific_before(tok):
            continue  # the article writes the word as an organisation's ("Jane Smith of Dell")
        m = by_token.get(tok.i)
        retype = m is not None and m.type in _RETYPED and _retypable(m, after_person)
        # a bare word needs the tagger's proper noun (a sentence's capital says nothing); a full name not
        if not retype and (any(t.i in taken for t in span) or len(span) == 1 and tok.pos_ != "PROPN"):
            continue
        role, kind = roles.describe(span, in_entity)
        if kind:  # "Dell, the computer maker"
            continue
        if m is not None and retype:
            m.type, m.role, m.country, m.place_how = "PERSON", role, None, None
        else:
            added.append(Mention(span.text, "PERSON", span.start_char, span.end_char, span, role=role))
    return added


def _full_names(found: list[Mention]) -> dict[str, set[tuple[str, ...]]]:
    """The words of the full names the article gives people, by surname."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for m in found:
        if m.type == "PERSON" and len(m.span) > 1:
            out.setdefault(m.span[-1].text, set()).add(tuple(t.text for t in m.span))
    return out


def _untagged_full_name(tok: Any, fulls: Any, taken: set[int]) -> Any:
    """The full name a surname ends where the tagger left the whole name out ("Ivanka Trump" in a
    sentence where it read none), as a Span; else None."""
    for words in fulls:
        a = tok.i - len(words) + 1
        span = tok.doc[max(a, 0): tok.i + 1]
        if a >= 0 and tuple(t.text for t in span) == words and not any(t.i in taken for t in span):
            return span
    return None


def _things_named_after(found: list[Mention], surnames: set[str]) -> set[str]:
    """The surnames the article also gives a longer thing's name ("Trump" of "Trump Foundation"). Not
    a title ("Backfire: Carly Fiorina's High-Stakes Battle", WORK_OF_ART: a book about her, which no
    one calls "Fiorina"), nor the surname after a given name in the thing's name (the person's full
    name inside it: "Perfect Enough: Carly Fiorina …")."""
    given = first_names()
    return {t.text for m in found if m.type not in ("PERSON", "NORP", "WORK_OF_ART") and len(m.span) > 1
            for t in m.span if t.text in surnames and not (t.i > m.span.start and t.nbor(-1).lower_ in given)}


def _affiliations(doc: Any, found: list[Mention], surnames: set[str]) -> set[str]:
    """The surnames the article also writes as what a named person belongs to: "Jane Smith of Dell",
    "Ashok Kumar at Express India", "Elizabeth Quat of DAB" (there the word is an organisation's, so
    its bare uses the tagger reads as one stay one: "Dell announced profits" beside "Michael Dell").
    Only after a person's full name: "a swipe at Trump", "critical of Trump" are the person."""
    in_full = {t.i for m in found if m.type == "PERSON" and len(m.span) > 1 for t in m.span}
    named = {t.text for t in doc if t.text in surnames and t.i not in in_full and t.dep_ == "pobj"
             and t.head.lower_ in ("of", "at") and t.head.head.i in in_full}
    # one works at, joins or speaks for a company, and a person with a role (a president, a
    # senator) or who says things ("Clinton said") is no company: "worked at Dell", "joined Dell
    # as", "a Dell spokesman" (E19), not "five Clinton staffers"
    people = {m.span[-1].text for m in found if m.type == "PERSON" and m.role}  # "Secretary Clinton" too
    people |= {t.text for t in doc if t.dep_ == "nsubj" and t.head.lemma_.lower() in BUILTIN_CUES}
    return named | {t.text for t in doc if t.text in surnames - people and t.i not in in_full and _employer(t)}


def _employer(tok: Any) -> bool:
    """Whether the word names where someone works: "worked at Dell", "a job at Dell", "joined Dell
    as an engineer" (or "in 2005", or ending the sentence; not "joined Warren in the pile-on"), "a
    Dell spokesman". Not "worked for Clinton": one works for a person too."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "at":
        return head.head.lemma_.lower() in _WORK
    if tok.dep_ == "dobj" and head.lemma_.lower() == "join":
        nxt = tok.doc[tok.i + 1: tok.i + 3]
        return not len(nxt) or nxt[0].text in (".", "as") or (
            len(nxt) == 2 and nxt[0].lower_ == "in" and nxt[1].ent_type_ == "DATE")
    # "a Dell spokesman", not "five Clinton staffers" (a person's, counted)
    return (tok.dep_ == "compound" and head.i == tok.i + 1 and head.lemma_.lower() in _STAFF and tok.i > 0
            and tok.doc[tok.i - 1].lower_ in ("a", "an"))


def _retypable(m: Mention, after_person: set[str]) -> bool:
    """Whether a one-word ORG (or other thing) the tagger read may be the person after all."""
    if m.type == "NORP" and countries.lookup(m.text, "NORP") is not None:
        return False
    return m.text not in after_person or _honorific_before(m.span[0])


def _in_longer_name(span: Any) -> bool:
    """Whether a proper noun next to the name makes it part of a longer one ("Fowler Street",
    "Donand Trump", "Trump-Pence"). A title or honorific before it does not ("Mr. Fowler", "Sen.
    Scott"), nor a capitalised word the tagger reads as no name ("Up Against Trump")."""
    doc, a, b = span.doc, span.start, span.end
    if a > 0 and not doc[a - 1].whitespace_ and doc[a - 1].text in _JOINERS:
        return True
    if b < len(doc) and not doc[b - 1].whitespace_ and doc[b].text in _JOINERS:
        return True
    if a > 0 and doc[a - 1].lower_ not in roles.TITLE_WORDS | roles.HONORIFICS and _name_word(doc[a - 1]):
        return True
    return b < len(doc) and _name_word(doc[b])


def _name_word(tok: Any) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _modifier(tok: Any) -> bool:
    """Whether the word modifies a common noun after it ("the Trump campaign", "Adelson money")."""
    head = tok.head
    return tok.dep_ in ("compound", "amod", "nmod") and head.i > tok.i and head.pos_ == "NOUN" and head.is_lower


def _honorific_before(tok: Any) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in roles.HONORIFICS
