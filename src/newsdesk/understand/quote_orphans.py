"""Quoted stretches no cue's complement reached: attached to a dash and a name ("” ― Karen
Bobadilla"), to the cue right after the closing mark, before it in its sentence or in the sentence
before ("He said:"), joined to the quote before when it carries on in the same paragraph, or given the
previous quote's speaker when it is its whole paragraph.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.understand import name_kinds, quote_regions, speakers
from newsdesk.understand.dialogue import SPEAKER_LINE
from newsdesk.understand.nlp import sent_of
from newsdesk.understand.quote_cues import cue_slot, cue_subject, cue_text, is_cue, is_reporting_cue, reports_words
from newsdesk.understand.quote_found import Found, doc_text, enclosing, overlap
from newsdesk.understand.quote_regions import CLOSERS, OPENERS, is_mark

# "“...” ― Karen Bobadilla": a dash and a name right after the closing mark; or a hyphen opening the
# next line with the name alone on that line, as a fact check sets its quotation's source ("“…”\n\n-
# Sanders."; a bulleted "-Pollster Ann Selzer is happy to be …" is no speaker)
DASH_SPEAKER = re.compile(r"^[”\"]?(?:\s*[―—]\s*([A-Z][\w.'’ -]{1,40}?)(?=\s*(?:[.,\n“\"]|$))"
                          r"|[ \t]*\n\s*-\s*([A-Z][\w.'’ -]{1,40}?)(?=\.?[ \t]*\n))")
# Content spans and cue-less quotes (each False gives the behaviour before it; 5-fold CV over
# PolNeAR train articles, filter and ranker refitted per fold, in tools/train_quote_filter.py; the
# content spans' own switches are in quote_candidates.py):
# a quote whose cue already heads an attribution, or that follows its reported words with
# nothing between, is a piece of that attribution, not a second one with the same speaker;
JOIN_CUE_QUOTES = True
# a quote with no cue near borrows the quote before's speaker only when it is its whole
# paragraph (news style for a speaker going on); quoted words in narration are dropped.
CUELESS_PURE = True
# a quote carried on into a later quoted stretch keeps the reported words between them when no cue
# and no sentence end lies there (`_carried_on`): PolNeAR train, 62 of the 68 words it adds (15 quotes)
# lie in the gold content. 5-fold CV, filter 0.5 gate 0.4: 0.754/0.682/0.874 without and with it.
JOIN_REPORTED_GAP = True
# Session 10, quotes a reader would call wrong (False gives the behaviour before it; the other two
# are in quote_candidates.py):
# a quoted stretch no cue reached that is the object of a preposition is a name or topic in the
# narration ("episode of “The Steve Harvey Morning Show,”"), not a quote (`_named_in_narration`).
QUOTED_NAMES = True
# Session 24: a quotation that runs on across paragraphs (no closing mark at the paragraph's end, the
# next paragraph opening with one) is one attribution: "Smith said: “A.\n\n“B.”" joins B to Smith's
# quote (it was a second quote with a borrowed speaker), and "“A.\n\n“B,” she said" gives A to B's
# cue (A was lost, or went to the quote before it). PolNeAR train has 15 such paragraphs.
JOIN_RUNNING_ON = True
# Session 24: a verb the cue lexicon does not know is still the cue of a quotation it frames as news
# writes speech (`_frames`): "“Go back to Univision,” Trump barked", "“It is over,” quipped the
# governor", "Warren exclaimed: “…”". The lexicon is learned from PolNeAR train, where such verbs are
# rare (barked 5 times, quipped 4, retorted 1, whispered 2; muttered, growled, scoffed ... 0 or 1),
# so without the frame every such quotation was lost, or went to a cue in the sentence before.
FRAME_CUES = True
# The frame's subject before the verb has at most this many words ("the former Florida governor")
FRAME_SUBJECT_WORDS = 5
# ... and is the speaker, unranked: "“That is simply not true at all,” retorted the spokeswoman" was
# found, but the ranker (fitted on the lexicon's cues, reading "the spokeswoman" as the object of a
# verb it never saw) gave her P 0.4 and the gate dropped the quote. False: the ranker chooses.
FRAME_SPEAKERS = True
# Session 25: a frame before its quotation may set it off with a comma as with a colon ("Hillary
# Clinton cracked, ''I'm a progressive …''"). False: a colon only.
FRAME_COMMA = True
# Session 25: a name and a colon right before a quotation inside a paragraph label it as that name's
# words (`_inline_label`): "HEADING - Mark Blumenthal and Jon Cohen: “…”", "More from Jones: “…”",
# "… he tweeted about it. Donald Trump: “…”". PolNeAR marks the colon as the cue; without the label
# such a quotation had no cue near and was dropped, or went to a cue of the sentence before.
INLINE_LABELS = True
_LABEL_WORDS = 8  # at most this many words in a label ("Frank Newport and Jim Harter")
# Session 26: the cue right after a quotation's closing marks is looked for past a sentence start
# the parse put on the first word after them ("…she's wrong!'' Mr. Trump wrote on Twitter"), with
# marks of any width. False: only within two characters of the quotation's end, which a doubled
# apostrophe and its space already overrun (the cue then came from the paragraph before).
AFTER_MARKS_SENTENCE = True
# Session 26: a cue found after the quotation in the next sentence yields to a cue before the
# quotation in its own sentence (`_cue_near`). False: the cue after always comes first.
OWN_SENTENCE_FIRST = True
# Session 29: a cue in a sentence that ended before the quotation (or that the parse ran on into it
# past a full stop) reports it only as the verb is used there (`_reports_across`: a verb with an
# object or infinitive of its own must be a cue of that slot; others `quote_cues.reports_words`): "… the
# large image of Ali that overlooks the front door. “His stories …”" gave the quotation to "overlooks"
# (a cue of clauses elsewhere) and the ranker a door to choose its speaker from. PolNeAR train: such
# quotations went to "the large image of Ali", "company", "which" (P 0.6-0.8). False: any verb the
# lexicon counts as a cue in either slot.
SENTENCE_END_CUES = False
_SENTENCE_END = re.compile(r"[.?!][\"'”’)]*\s")
# words that put a name right before a colon as the source of what follows ("More from Jones:")
_LABEL_FROM = {"from", "by"}


def _quote_sentence(doc: Any, region: tuple[int, int]) -> Any:
    span = doc.char_span(region[0], region[0] + 1, alignment_mode="expand")
    return sent_of(span[0]) if span is not None and len(span) else None


def orphan_quotes(doc: Any, regions: list[tuple[int, int]], claimed: list[Found]) -> list[Found]:
    """Quoted stretches no cue reached: borrow the speaker of nearby cues or of the quote before."""
    out: list[Found] = []
    text = doc_text(doc)
    held: tuple[int, int] | None = None  # a paragraph running on into the next one, no cue of its own
    for region in regions:
        before, held = held, None
        owner = next((f for f in claimed + out if overlap(region, (f.start, f.end)) > 0), None)
        if owner is None and JOIN_RUNNING_ON:
            if (owner := _running_owner(text, region, claimed + out)) is not None:
                _add_piece(owner, region)  # "Smith said: “A.\n\n“B.”": B is more of A's quotation
            elif _runs_on(text, region) and not _own_cue(doc, region, regions):
                held = region  # "“A.\n\n“B,” she said": A is the quotation B's cue attributes
                continue
        if owner is None:
            owner = _orphan(doc, region, regions, claimed, out)
        if before is not None:
            if owner is not None:
                _add_piece(owner, before)
            elif (first := _orphan(doc, before, regions, claimed, out)) is not None:
                _add_piece(first, region)  # "He said:\n\n“A.\n\n“B.”": the cue before A's
    return out


def _own_cue(doc: Any, region: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    """Whether a quoted stretch has a cue in its own sentence (`_cue_near` also looks at the sentence
    before, which a quotation running on into the next paragraph leaves to that paragraph's cue)."""
    sent = _quote_sentence(doc, region)
    cue = _cue_near(doc, sent, region, regions) if sent is not None else None
    return cue is not None and cue.i >= sent.start


def _orphan(doc: Any, region: tuple[int, int], regions: list[tuple[int, int]], claimed: list[Found],
            out: list[Found]) -> Found | None:
    """The attribution a quoted stretch no cue's complement reached goes to (a new one, appended to
    `out`, or an earlier one it carries on), or None when it is no quote."""
    found = Found(region[0], region[1], "direct", pieces=[region], rule="quoted")
    dash = DASH_SPEAKER.match(doc_text(doc)[region[1]: region[1] + 60])
    if dash:
        found.speaker_text, found.cue = (dash.group(1) or dash.group(2)).strip(), "―"
        out.append(found)
        return found
    if INLINE_LABELS and (label := _inline_label(doc, region)) is not None:
        found.speaker_text, found.cue, found.cue_start = label[0], ":", label[1]
        out.append(found)
        return found
    if QUOTED_NAMES and _named_in_narration(doc, region):
        return None
    sent = _quote_sentence(doc, region)
    cue = _cue_near(doc, sent, region, regions) if sent is not None else None
    prev = max((f for f in claimed + out if f.end <= region[0]), key=lambda f: f.end, default=None)
    if prev is not None and _continues(doc, prev, region, cue):
        # "“A,” Jordan said Monday. “B.”": B is more of the same quote
        prev.pieces = _carried_on(doc_text(doc), prev, region)
        prev.end = region[1]
        return prev
    owner = _owner_of(cue, claimed + out) if cue is not None and JOIN_CUE_QUOTES else None
    if owner is not None:
        # "X identified Y as a reason: “...”": the quote is more of the words that cue reports
        _add_piece(owner, region)
        return owner
    if cue is not None:
        found.cue, found.speaker_tok, found.cue_start = cue_text(cue), cue_subject(cue), cue.idx
        if FRAME_SPEAKERS and not is_reporting_cue(cue):
            found.speaker_tok, found.framed = _frame_subject(cue), True
    elif prev is not None and region[0] - prev.end < 400 and (
            not CUELESS_PURE or _whole_paragraph(doc_text(doc), region)):
        found.speaker_tok, found.speaker_text, found.cue = prev.speaker_tok, prev.speaker_text, prev.cue
        found.borrowed = prev
    elif CUELESS_PURE:
        return None  # quoted words in narrative with no cue: a title, a phrase, no one to name
    out.append(found)
    return found


def _inline_label(doc: Any, region: tuple[int, int]) -> tuple[str, int] | None:
    """(the name, where its colon lies) when a quoted stretch opens right after "Name:" inside a
    paragraph (`INLINE_LABELS`): the name a person or organisation the parser found, alone or joined
    by "and", maybe with words before it that say who it is ("Republican pollster Daron Shaw:"), and
    nothing before those but a sentence start, a mark that ends one (a dash, a period, a closing
    quotation mark), "from" or "by", or a verb that does not report speech ("doesn't surprise
    Daron Shaw:"). A name after another preposition or a verb of telling is whom the words are about
    or for ("said of Mr. Rubio:", "a message to Trump:", "telling Breitbart London:"), not who says
    them."""
    text = doc_text(doc)
    before = text[:region[0]].rstrip(quote_regions.OPENING_CHARS).rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or len(colon) != 1 or colon[0].text != ":":
        return None
    end = start = colon[0].i
    while start > 0 and end - start < _LABEL_WORDS and (doc[start - 1].pos_ == "PROPN" or (
            doc[start - 1].lower_ == "and" and start > 1 and doc[start - 2].pos_ == "PROPN")):
        start -= 1
    while start < end and (doc[start].ent_type_ in ("NORP", "GPE") or doc[start].lower_ == "and"):
        start += 1  # "Republican" of "Republican pollster Daron Shaw" says who the name is
    name = doc[start:end]
    j = start - 1
    if not len(name) or name[-1].pos_ != "PROPN" or "\n" in name.text:
        return None
    kinds = {t.ent_type_ for t in name}
    if not kinds & {"PERSON", "ORG"} or kinds & {"GPE", "LOC", "NORP", "DATE", "FAC"}:
        return None
    while j >= 0 and start - j <= 3 and doc[j].pos_ in ("NOUN", "ADJ") and (
            doc[j].text.islower() or doc[j].ent_type_ == "NORP"):
        j -= 1  # "pollster", "Republican pollster"
    if j < 0 or "\n" in doc[j].text or doc[j + 1].is_sent_start:
        return name.text, colon[0].idx
    prev = doc[j]
    if prev.lower_ in _LABEL_FROM:
        return name.text, colon[0].idx
    if prev.is_punct:
        return (name.text, colon[0].idx) if prev.text not in (",", "(", "'", "’", "“", '"') else None
    if prev.pos_ in ("VERB", "AUX") and not is_reporting_cue(prev):
        return name.text, colon[0].idx
    return None


def _add_piece(owner: Found, region: tuple[int, int]) -> None:
    """A quoted stretch joins an attribution as one more piece, the pieces kept in text order (the
    stretch may come before the cue's own quote)."""
    owner.pieces = sorted((owner.pieces or [(owner.start, owner.end)]) + [region])
    owner.start, owner.end = min(owner.start, region[0]), max(owner.end, region[1])


def _runs_on(text: str, region: tuple[int, int]) -> bool:
    """Whether a quoted stretch runs on into the next paragraph: a paragraph break ends it, no closing
    mark, and the next paragraph opens with a quotation mark (news style for a quotation that goes on)."""
    if not text.startswith("\n\n", region[1]):
        return False
    nxt = text[region[1]:].lstrip()
    # a transcript quoted whole opens each turn with a mark and a label ("HOST: …"): turns, not one quotation
    return (nxt[:1] in OPENERS or nxt[:2] in OPENERS) and not SPEAKER_LINE.match(
        nxt.lstrip(quote_regions.OPENING_CHARS))


def _running_owner(text: str, region: tuple[int, int], found: list[Found]) -> Found | None:
    """The attribution holding the quoted stretch that runs on into this one: it ended the paragraph
    before without a closing mark, and this one opens the next."""
    gap = text[:region[0]].rstrip(quote_regions.OPENING_CHARS)
    if not gap.endswith("\n\n"):
        return None
    end = len(gap.rstrip())
    return next((f for f in found if f.end == end and f.kind == "direct" and f.rule != "line"
                 and _runs_on(text, (f.start, end))), None)


def _carried_on(text: str, prev: Found, region: tuple[int, int]) -> list[tuple[int, int]]:
    """The pieces of a quote that goes on into a later quoted stretch. Reported words between the
    two in one sentence, no cue among them, are part of what was said, as in a mixed quote
    ("would be ''in charge of the economy,'' especially ''in places like coal country''"); the cue
    clause ("“A,” Jordan said Monday. “B.”") or a sentence of narration between stays out."""
    pieces = prev.pieces or [(prev.start, prev.end)]
    gap = text[prev.end:region[0]]
    if JOIN_REPORTED_GAP and re.search(r"\w", gap) and not re.search(r"[.?!:;]|\n", gap) and not (
            prev.end <= prev.cue_start < region[0]):
        return pieces[:-1] + [(pieces[-1][0], region[1])]
    return pieces + [region]


def _named_in_narration(doc: Any, region: tuple[int, int]) -> bool:
    """Whether a quoted stretch no cue reached is a name or a topic in the narration, the object of
    a preposition: "On Tuesday's episode of “The Steve Harvey Morning Show,” she said …", "as Trump
    went on about “how the system is rigged,”". Nobody says it here, so it is not a quote of the
    cue nearby (nor more of that cue's words)."""
    span = doc.char_span(region[0], region[1], alignment_mode="contract")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in ("pobj", "pcomp") and not (span.start <= root.head.i < span.end)


def _whole_paragraph(text: str, region: tuple[int, int]) -> bool:
    """Whether the quoted stretch is its paragraph, nothing but quotation marks around it: the
    news form that carries on the previous paragraph's speaker."""
    start, end = enclosing(text, region[0], region[1], "\n\n")
    return not re.search(r"\w", text[start:region[0]] + text[region[1]:end])


def _owner_of(cue: Any, found: list[Found]) -> Found | None:
    """The attribution this cue already heads, when its content lies before the quote."""
    return next((f for f in found if f.cue_start == cue.idx and f.rule in ("cue", "according")), None)


def _continues(doc: Any, prev: Found, region: tuple[int, int], cue: Any) -> bool:
    """A quote carrying on the previous attribution: same paragraph, only its cue clause between
    ("“A,” Jordan said Monday. “B.”") or, after reported words, nothing ("X identified Y as a
    reason. “...”"), and no cue of its own."""
    gap = doc_text(doc)[prev.end: region[0]]
    if prev.kind != "direct" and (not JOIN_CUE_QUOTES or re.search(r"\w", gap)):
        return False  # a reported attribution goes on only into a quote right after its words
    if "\n\n" in gap or len(gap.split()) > 25:
        return False
    return cue is None or cue.idx == prev.cue_start


def _cue_near(doc: Any, sent: Any, region: tuple[int, int], regions: list[tuple[int, int]]) -> Any:
    """The cue of a quote no complement reached, in the order news writes it: right after the
    closing mark ("…,” said Leslie Wimes), before it in its sentence, then the sentence before
    ("He said:"). A cue inside quotation marks is someone's quoted words, not this quote's cue."""
    def cue(tok: Any) -> bool:
        return (tok.pos_ == "VERB" and is_reporting_cue(tok)
                and not speakers.quoted_at(tok.idx, regions))

    text = doc_text(doc)
    after = doc.char_span(region[1], min(len(text), region[1] + 100), alignment_mode="expand")
    between = 0  # words after the closing mark before a cue: a frame's verb comes within its subject's
    first = True  # the first word after the marks may open a sentence of its own: the parse often
    # splits "…!'' Mr. Trump wrote" after the marks, and the cue is still this quote's
    later = None
    for tok in after or ():
        if tok.idx < region[1] or (tok.idx == region[1] and is_mark(tok, CLOSERS)
                                   and quote_regions.DOUBLE_APOSTROPHE):
            continue  # the quote's own closing mark (a straight or doubled one also opens quotes)
        if is_mark(tok, OPENERS) or "\n" in tok.text or (tok.is_sent_start and not is_mark(tok, CLOSERS)
                                                           and not (first and AFTER_MARKS_SENTENCE)):
            break
        first = first and (tok.is_punct or tok.is_space)
        if cue(tok) or _frames(tok, text, region, between, after=True):
            later = tok
            break
        between += not tok.is_punct
    # a cue after the quotation in a sentence of its own yields to one before it in the quotation's
    # sentence ("Trump said, and I quote, “…” He is treating them as ignorants who will believe …")
    if later is not None and (later.i < sent.end or not OWN_SENTENCE_FIRST):
        return later
    for tok in reversed(sent):
        if tok.idx < region[0] and (cue(tok) and _reports_across(tok, text, region)
                                    or _frames(tok, text, region, 0, after=False)):
            return tok
    if later is not None:
        return later
    if sent.start > 0:
        for tok in reversed(sent_of(doc[sent.start - 1])):
            if cue(tok) and _reports_across(tok, text, region) \
                    and not any(is_mark(t, OPENERS) for t in doc[tok.i: sent.start - 1]):
                return tok
    return None


def _reports_across(verb: Any, text: str, region: tuple[int, int]) -> bool:
    """Whether a cue before a quotation still reports it across a sentence end between them
    (`SENTENCE_END_CUES`): only as it is used there, in its own slot or bare ("He added. “…”"), not
    as a word the lexicon counts in another slot ("… the large image of Ali that overlooks the front
    door. “His stories will live on …”": overlook takes a clause elsewhere, here a door)."""
    if SENTENCE_END_CUES or not _SENTENCE_END.search(text[verb.idx + len(verb.text): region[0]]):
        return True
    slot = cue_slot(verb)[0]
    # a verb with an object of its own reports that object, not the quotation after its sentence
    return is_cue(verb, slot) if slot in ("dobj", "xcomp") else reports_words(verb)


def _frame_subject(verb: Any) -> Any:
    """Who speaks in a frame (`_frames`): the verb's subject, else the word before it the parse hung
    elsewhere ("Trump" of "Trump barked", parsed as a compound), else the speaker right after it
    ("retorted the spokeswoman", parsed as its object)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        return subject
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.pos_ in ("PROPN", "PRON", "NOUN") and _can_speak(before):
        return before
    return next((t for t in verb.doc[verb.i + 1: verb.i + 1 + FRAME_SUBJECT_WORDS]
                 if t.pos_ in ("PROPN", "NOUN") and t.head.i == verb.i), None)


def _can_speak(head: Any) -> bool:
    """Whether a frame's subject can be the one speaking: a name, a personal pronoun, or a noun for
    a person ("the spokeswoman", "the governor"), not "the balloons"."""
    if head.pos_ == "PROPN":
        return True
    if head.pos_ == "PRON":
        return head.lower_ in ("he", "she", "they", "i", "we", "you")
    return name_kinds.person_role(head.text)


def _frames(verb: Any, text: str, region: tuple[int, int], between: int, after: bool) -> bool:
    """Whether a verb the lexicon does not count as a cue frames the quotation as speech
    (`FRAME_CUES`): after it, the quotation set off by a comma, question or exclamation mark or dash
    inside its marks and the verb next, with only its subject between ("“…,” Trump barked", "“…?”
    she snapped", "“…,” quipped the governor"); before it, the verb with its subject and a colon (or
    a comma, `FRAME_COMMA`) right before the opening mark ("Warren exclaimed: “…”", "Clinton cracked,
    “…”"). A verb in the base form or a participle with an auxiliary ("“…,” could be heard") is no
    report of speech."""
    if not FRAME_CUES or verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or any(
            c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    doc = verb.doc
    if after:
        if text[:region[1]].rstrip()[-1:] not in (",", "?", "!", "—", "–", "…"):
            return False  # "“The Walking Dead.” Rubio likes …": a sentence that ended
        if re.search(r"[—–]", text[region[1]: verb.idx]):
            return False  # "“… win for you!” — the balloons cascaded down": a dash ends the speech
        if between:  # "Trump barked": the words between are the verb's subject
            subject = doc[verb.i - between: verb.i]
            return between <= FRAME_SUBJECT_WORDS and all(
                t.pos_ in ("PROPN", "PRON", "NOUN", "DET", "ADJ", "NUM") for t in subject) and _can_speak(subject[-1])
        # inverted: "quipped the former governor", the speaker right after the verb
        nxt = doc[verb.i + 1: verb.i + 1 + FRAME_SUBJECT_WORDS]
        head = next((t for t in nxt if t.pos_ in ("PROPN", "NOUN") and t.head.i == verb.i), None)
        return head is not None and _can_speak(head) and all(
            t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PUNCT") for t in nxt[:2])
    gap = "".join(text[verb.idx + len(verb.text): region[0]].split())
    return (gap[:1] == ":" or FRAME_COMMA and gap[:1] == ",") and gap[1:] in OPENERS and any(
        c.dep_ == "nsubj" and _can_speak(c) for c in verb.children)
