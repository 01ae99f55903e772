"""Speakers that cannot speak: the ranker's choice checked against what the parse says it is.

The ranker (`speakers.ranked_speaker`) scores candidates against each other, so when every candidate
near a cue is wrong the best of them still gets a high P and passes the gate. The words it then
names cannot have said anything: a date ("Saturday said"), web-page furniture glued to a name
("Igor BobicFlagShareLikeReplyMari Hayman ... 9:12PMTrump Says"), a place heading a dateline
("JACKSON, Miss. — ..."), a demonstrative pronoun standing for no one ("That said, Millennials say
..."). A relative pronoun the parse did not hang on its noun ("who is running ... and who worked
the crowd", "the Chicago Police Department which reported" read as an adverbial clause) stands for
that noun.

`vetted` returns the speaker to use, or None when there is no one to name: the caller then reports
the quote with P(speaker) 0, so the gate drops it. A wrong name is worth less to a reader than no
quote. Places that stand for a government ("Moscow said", "Washington warned") are not touched:
only a place opening a dateline is. A relative pronoun with no noun before it ("over who supported
which bill") is left as it is: PolNeAR names such pronouns sources too.

Tried and dropped (session 15): a common noun that is the subject of an outer verb ("The trip
suggests that Sanders is looking ahead") replaced by the named subject of a cue in its clause. On
PolNeAR train (shipped models) it fixed 8 speakers and broke 47: PolNeAR names the outer
subject the source ("statistics show", "the suit claims", "the former president said that ..."),
and no animacy test at hand (entity type, the ranker's lemma weights) tells "the trip" from "the
prosecutor". Also tried: the ranker's next candidate (of its best three) that can speak instead of
P 0. On PolNeAR train it kept the same quotes as P 0 (the next one's P never passed the gate), so
the simpler P 0 stays.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.understand.quote_found import doc_text

_MUTE_ENTS = {"DATE", "TIME"}
_PLACES = {"GPE", "LOC", "FAC"}
_RELATIVE = {"who", "whom", "which", "that"}
_DEMONSTRATIVE = {"that", "this"}
# Session 24: words for no one ("Nothing the president said “will assuage people's fears,” the Florida
# senator said": the ranker chose "Nothing", P 0.54, over the senator).
_NO_ONE = {"nothing", "something", "everything", "anything", "nobody", "none"}
# A dateline opening a line: a place in capitals, a region after a comma if any, then a dash ("RANGOON,
# Burma - ...", "JACKSON, Miss. — ..."): the tagger may not read the place as one (RANGOON was ORG).
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:,[^\n,—–-]{1,40})?\s+[—–-]{1,2}\s")
# Day and month names, which the parse tags PROPN like a person's name.
_TIME_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
               "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "today", "yesterday", "tonight", "tomorrow"}
# Arcs a relative clause's verb can sit behind ("who is running for Congress and who worked the
# crowd": the second "who" hangs on a verb conjoined to the relative clause).
_CLAUSE_CHAIN = {"conj", "xcomp", "advcl"}
# Web-page furniture glued into one token: "BobicFlagShareLikeReplyMari" (a run of buttons between
# two names) has many lower-to-upper joins, a real name at most two ("McCain", "RealClearPolitics").
_GLUED_JOINS = 3
_GLUED_TIME = re.compile(r"\d[AP]M[A-Z]")  # "9:12PMTrump": a comment's time stamp and a headline


def vetted(top: Any) -> Any:
    """The speaker to report when the ranker (and `speakers.grammar_speaker`) chose `top`: `top`
    itself, the noun a relative pronoun stands for, or None when no one can be named."""
    if _is_date(top) or _is_glued(top) or _opens_dateline(top):
        return None
    low = top.lower_
    if low in _NO_ONE and not any(c.dep_ == "prep" for c in top.children):  # "none of the officials" names some
        return None
    if top.pos_ != "PRON" or top.dep_ not in ("nsubj", "nsubjpass"):
        return top
    if low in _DEMONSTRATIVE and top.head.dep_ != "relcl" and _noun_before(top) is None:
        return None  # "That said, Millennials say ...": "That" is no one
    if low in _RELATIVE and top.head.dep_ != "relcl":  # under relcl the naming step reads the noun
        return _antecedent(top) or top  # none before it ("over who supported ..."): left as it is
    return top


def _is_date(tok: Any) -> bool:
    """A date or time named as a speaker ("Saturday said", "the last two weeks signaled"). The
    token itself must be a time word: the parse also tags "Last week Stumpf" one DATE, and an age
    ("43, said") is a number."""
    if tok.ent_type_ not in _MUTE_ENTS:
        return False
    return tok.pos_ == "NOUN" or tok.lower_ in _TIME_NAMES or bool(_GLUED_TIME.search(tok.text))


def _is_glued(tok: Any) -> bool:
    """Page furniture glued to a word, in the token, in the name it hangs on ("Mari Hayman" as
    an apposition of "BobicFlagShareLikeReplyMari"), in a name or apposition hung on it, or in the
    word right before it on its line (a parse that cut "BobicFlagShareLikeReplyMari" off as a
    sentence of its own and made "Hayman" the subject of the headline's "Says")."""
    words = [tok] + ([tok.head] if tok.dep_ in ("appos", "compound") else [])
    words += [c for c in tok.children if c.dep_ in ("appos", "compound")]
    if tok.i > 0 and tok.doc[tok.i - 1].whitespace_ == " ":
        words.append(tok.doc[tok.i - 1])
    return any(len(re.findall(r"[a-z][A-Z]", w.text)) >= _GLUED_JOINS or _GLUED_TIME.search(w.text)
               for w in words)


def _opens_dateline(tok: Any) -> bool:
    """A place in capitals at the start of a line, followed by a comma or a dash ("JACKSON, Miss.
    — ..."): where the story was filed, not a government speaking."""
    if tok.is_upper and len(tok.text) > 1:
        text = doc_text(tok.doc)
        m = _DATELINE.match(text, text.rfind("\n", 0, tok.idx) + 1)
        if m is not None and tok.idx < m.end():
            return True
    if tok.ent_type_ not in _PLACES or not tok.is_upper:
        return False
    first = tok
    while first.ent_iob_ == "I" and first.i > 0 and first.nbor(-1).is_upper:  # "NEW YORK": from "NEW"
        first = first.nbor(-1)
    before = tok.doc.text[: first.idx].rstrip(" \t")
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (not before or before.endswith("\n")) and after is not None and after.text in (",", "—", "–", "-", "(")


def _antecedent(pron: Any) -> Any:
    """The noun a relative pronoun stands for: the head of its relative clause, reached through
    verbs conjoined to that clause, or the noun right before it when the parse hung the clause
    elsewhere ("turned to the Chicago Police Department which reported ...": an advcl of "turned")."""
    verb = pron.head
    for _ in range(4):
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ not in _CLAUSE_CHAIN or verb.head.i == verb.i:
            break
        verb = verb.head
    return _noun_before(pron)


def _noun_before(pron: Any) -> Any:
    """The noun or name written right before the pronoun, a comma between allowed."""
    i = pron.i - 1
    if i >= 0 and pron.doc[i].text == ",":
        i -= 1
    before = pron.doc[i] if i >= 0 else None
    return before if before is not None and before.pos_ in ("NOUN", "PROPN") else None


# Session 18 (X25): a speaker set beside a saying verb set off by a comma, where the ranker took a
# word of the reported clause (`beside_cue`). False gives the behaviour before it.
ASIDE_SPEAKERS = True
# Saying verbs a writer sets inside or after the words they report, with the speaker beside them:
# "The cause, union members say, is trade", "Part of the problem, say experts like Ann Roe, is the
# ground", "His allegiance has shifted to Cruz, Wilkin said".
_ASIDE_VERBS = {"say", "tell", "add", "write", "note", "argue", "insist", "explain", "contend", "recall",
                "warn", "acknowledge", "concede", "agree", "believe", "think", "suggest", "predict"}
_NP_DETS = {"a", "an", "the"}
_FINITE = {"VBD", "VBZ", "VBP"}
_COUNTS = {"PERCENT", "CARDINAL"}
# words of a share of respondents ("38 percent of voters", "a majority"): the poll speaks for them
# (`speakers._poll_counting`)
SHARES = {"percent", "%", "percentage", "majority", "minority", "half", "third", "quarter"}
_SHARE_WORDS = SHARES | {"most", "many"}
_OBJECTS = {"dobj", "dative", "npadvmod", "attr", "oprd"}
# how the parse hangs the phrase right before the verb when it took it for part of another
# ("Cruz, Wilkin said": a conjunct of Cruz) or for the subject itself
_SUBJECT_LIKE = {"nsubj", "nsubjpass", "conj", "appos"}


def beside_cue(cue: Any, top: Any) -> Any:
    """The speaker a writer set right beside a saying verb set off by a comma, when the ranker took
    a word of the reported clause before that comma (the parse, reading one sentence, hangs the
    reported clause's words on the verb and the speaker on the clause): after the verb in an
    inverted aside (", say experts like Ann Roe, is ..."), or right before it, a comma before them
    ("..., Cruz, Wilkin said"; ", union members and leaders say,"). `top` itself otherwise."""
    if top is None or cue.lemma_.lower() not in _ASIDE_VERBS or cue.pos_ != "VERB" or top.i >= cue.i:
        return top
    doc = cue.doc
    before = doc[cue.i - 1] if cue.i > 0 else None
    if before is not None and before.text == ",":
        after = inverted_speaker(cue)
        return after if after is not None and top.i < before.i else top
    near, start = _phrase_before(cue)
    if near is None or top.i >= start:
        return top
    # "Friends, lobbyists and former foes say", "voters in Alabama, Georgia and Virginia said": the
    # phrase ends a list of like words (with "and"), not a speaker set after the reported clause
    # "the National Academies of Sciences, Engineering and Medicine noted": a name's list. A present
    # verb that cannot agree with the ranker's singular word says the phrase is its subject ("The
    # source of the attraction, union members and leaders say, is ...").
    listed = any(t.dep_ == "cc" for t in doc[start: cue.i]) and (
        _conjoined(near, top) or near.head.i == start - 2 or doc[start - 2].ent_type_ == near.ent_type_)
    return top if listed and not (cue.tag_ == "VBP" and top.tag_ in ("NN", "NNP")) else near


def _share(tok: Any) -> bool:
    """A share of respondents ("In a poll, 79 percent of Democrats said"): the poll before it speaks
    (`speakers._poll_counting`), and a list of shares is one list."""
    return tok.like_num or tok.ent_type_ in _COUNTS or tok.lower_ in _SHARE_WORDS


def _conjoined(a: Any, b: Any) -> bool:
    """Whether `a` hangs on `b` through a chain of conjuncts ("Farmers, grocers and drivers")."""
    while a.dep_ == "conj" and a.head.i != a.i:
        a = a.head
        if a.i == b.i:
            return True
    return False


def inverted_speaker(cue: Any) -> Any:
    """The noun phrase right after an inverted saying verb set off by a comma (", said Ann Roe, "), up
    to the next comma: its head (the word
    whose head lies outside the stretch), or None when no comma closes it or it is no noun's. The
    verb is finite and the phrase no object of it: "Graham, a former candidate, told CBS News," and
    "Trump returned the compliment, telling Reuters," name whom they speak to after the verb; "…,
    said their speeches, already …, were" starts what was said with an owner's word."""
    doc = cue.doc
    if cue.tag_ not in _FINITE or cue.lemma_.lower() not in _ASIDE_VERBS or cue.i == 0 or doc[cue.i - 1].text != ",":
        return None
    stretch = []
    for t in doc[cue.i + 1: cue.i + 16]:
        if t.text == "," or t.is_space:
            break
        stretch.append(t)
    end = cue.i + 1 + len(stretch)
    if not stretch or end >= len(doc) or doc[end].text != ",":
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in stretch) or stretch[0].dep_ == "poss":
        return None
    ids = {t.i for t in stretch}
    heads = [t for t in stretch if t.head.i not in ids]
    head = heads[0] if heads else None
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.head.i == cue.i and head.dep_ in _OBJECTS:
        return None
    return head


def _phrase_before(cue: Any) -> tuple[Any, int]:
    """The noun phrase written right against the verb after a comma ("..., Wilkin said"): the
    noun before the verb when a comma opens the phrase and no "a"/"the" starts it (", the
    secretary general, vowed" closes an apposition with its own comma; this has none)."""
    doc = cue.doc
    i = cue.i - 1
    while i >= 0 and doc[i].pos_ in ("AUX", "PART", "ADV") and doc[i].dep_ in ("aux", "neg", "advmod"):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None, -1
    start = i
    while start > 0 and doc[start - 1].text != "," and i - start < 8:
        if doc[start - 1].pos_ in ("VERB", "AUX") or doc[start - 1].is_space or doc[start - 1].is_sent_start:
            return None, -1
        start -= 1
    # "the University of California, Berkeley suggest": the comma inside one name
    if start == 0 or doc[start - 1].text != "," or doc[start].lower_ in _NP_DETS or doc[start].ent_iob_ == "I":
        return None, -1
    heads = [t for t in doc[start: i + 1] if not start <= t.head.i <= i]
    # "in a statement Monday", "last week": a phrase of its own, not a speaker
    if len(heads) != 1 or heads[0].pos_ not in ("NOUN", "PROPN") or heads[0].dep_ not in _SUBJECT_LIKE \
            or heads[0].ent_type_ in _MUTE_ENTS or _share(heads[0]):
        return None, -1
    return heads[0], start


# Session 18 (X25): the ranker's speaker on another line than its cue (the parse runs a sentence on
# across a paragraph break: "... adviser to Joseph R. Biden Jr.\n\nMrs. Clinton often says she is
# not running ..." made Biden's adviser the subject of "says"). PolNeAR train gold cues, ranker in
# sample: such a speaker was the gold source 1 time of 36; the word right before the cue on its own
# line 17 times (and wrong once where the ranker was right). False: the ranker's word stays.
LINE_SPEAKERS = True
_BETWEEN = {"ADV", "AUX", "PART"}  # "Mrs. Clinton often says", "Trump has said", "he did not say"


def on_cue_line(cue: Any, top: Any) -> Any:
    """The word right before the cue on the cue's own line (adverbs and auxiliaries between), in
    place of a ranker's choice that lies on another line; `top` when the cue's line gives none."""
    if top is None:
        return top
    text = doc_text(cue.doc)  # on every ranked cue: Doc.text re-joins the whole Doc
    lo, hi = sorted((top.idx, cue.idx))
    if "\n" not in text[lo:hi]:
        return top
    j = cue.i - 1
    while j >= 0 and cue.doc[j].pos_ in _BETWEEN and "\n" not in cue.doc[j].text:
        j -= 1
    if j < 0:
        return top
    near = cue.doc[j]
    if near.pos_ not in ("NOUN", "PROPN", "PRON") or near.ent_type_ in _MUTE_ENTS or "\n" in text[near.idx:cue.idx]:
        return top
    return near
