"""The quote rules' candidates from the parse: a cue with clausal content ("Araqchi said that
...", "..., stating that ..."), "according to X, ..." (the clause around the phrase), and "NAME: ..."
lines (transcripts, headlines). Each proposes a content span; the learned filter in `quote_filter.py`
decides later which are attributions.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from newsdesk.understand import dialogue, name_kinds, quote_regions, speaker_kinds, speakers
from newsdesk.understand.dialogue import SPEAKER_LINE, paragraph_labels
from newsdesk.understand.nlp import sent_of
from newsdesk.understand.quote_cues import (
    according_source,
    cue_score,
    cue_slot,
    cue_text,
    is_cue,
    is_reporting_cue,
    rule_speaker,
    summons,
    threshold,
)
from newsdesk.understand.quote_found import Found, doc_text, enclosing, span_of, tokens
from newsdesk.understand.quote_regions import QUOTE_OPEN

# A direct object's content takes the verb's predicate complements after it (see
# `_content_heads`); the prepositions that say something of the object, not when or where.
DOBJ_COMPLEMENTS = True
# ... and so does a prepositional cue's content ("referred to Rubio as “a bright, charismatic
# leader”": what was said of Rubio). PolNeAR train: such an "as" phrase after the cue's first
# preposition is in the gold content 0.96 of 18 times (an "in" phrase 0.59 of 24, as after an object).
# Measured with MIXED_MIN_WORDS 1 (the CV figures there).
PREP_COMPLEMENTS = True
_PREDICATE_PREPS = {"as", "for", "to", "into", "with", "of", "over"}
# More prepositions after a direct object whose phrase PolNeAR train puts in the content more often
# than not (share of 15+ cases: about 0.88, against 0.73, by 0.65, from 0.61, in 0.58, at 0.56;
# "on" 0.48, "during" 0.38, "after" 0.20 stay out); DOBJ_MORE_PREPS=False: the set above alone.
# Session 8, 5-fold CV (with SUBJECT_CONTENT), filter 0.5 gate 0.2 / 0.4: 0.764/0.862, 0.750/0.871
# before, 0.768/0.861, 0.754/0.871 with: the same speakers with more F1, so a stricter gate fits.
DOBJ_MORE_PREPS = True
_MORE_PREPS = {"about", "against", "by", "from", "in", "at"}
# Session 24: "said in a statement that …" is the verb's report, its subject the speaker (`_said_in`).
SAID_IN = True
_MEDIA = {"statement", "interview", "letter", "tweet", "email", "e-mail", "speech", "post", "memo", "release",
          "message", "note", "op-ed", "column", "video", "broadcast", "filing", "editorial", "essay", "podcast"}
# Content spans (each False gives the behaviour before it; 5-fold CV over PolNeAR train articles,
# filter and ranker refitted per fold, in tools/train_quote_filter.py; the cue-less quotes measured
# with them are in quote_orphans.py):
# a cue's content stays on the cue's line (the parser runs sentences across line breaks);
PARAGRAPH_CLIP = True
# "urged the governor to veto ...": the object is part of what was urged;
XCOMP_OBJECT = True
# "Roof is accused of ...", "Trump appears to ...": the passive or raised subject is part of the
# content (`_lead_of`), a piece of its own before the cue. Session 8, 5-fold CV, filter 0.5 gate
# 0.2 / 0.4: 0.764/0.862, 0.750/0.871 with it (and CONTINUE_*); the run before it had CONTINUE_*
# and MIXED_THAT on: 0.763/0.862, 0.749/0.871. No cleaner comparison was run.
SUBJECT_CONTENT = True
_RAISING = {"seem", "appear"}
# Session 10, quotes a reader would call wrong (each False gives the behaviour before it):
# a clausal complement before its cue that is a cue of its own with its own subject is another
# attribution, not this cue's content (`_other_turn`);
OTHER_TURN_COMPLEMENT = True
# Session 20 (S24): ... and so is one a semicolon or a colon parts from the cue ("Six in 10 said they
# were tired; 46 percent said they were bored": the parser hangs the first report on the second's
# verb, whose share then spoke both); False: only a quotation between parts them. With
# speakers.CLOSED_LISTS, 5-fold CV (filter 0.5 gate 0.4): F1@0.3 0.7618 -> 0.7615, F1@0.8 0.6927 ->
# 0.6926, speaker accuracy 0.8810 -> 0.8825; PolNeAR dev (shipped models): F1 unchanged, speakers
# 0.8949 -> 0.8967 (2 fixed, none broken).
SEPARATED_TURNS = True
# a content of stop words and pronouns only is no quote ("left crowds calling for more").
# 5-fold CV (cv-gate --tensor --tensor-scale 0.1 --tensor-ranker 0.1), filter 0.5 gate 0.4, the
# three with annotate_switches.CONNECTED_PHRASE against none (the code before, session 9's run): F1@0.3 /
# F1@0.8 / speaker accuracy 0.754/0.677/0.874 -> 0.753/0.676/0.873 (gate 0: 0.783/0.696/0.852 both):
# kept for the reader, one point in a thousand under on both. OTHER_TURN_COMPLEMENT without its
# "a quotation between" condition: 0.750/0.674/0.874 (F1@0.3 0.780 at gate 0).
WORDLESS_CONTENT = True
# Session 13: "The economy, the governor said, would recover": a saying verb the parser hangs on
# the content's verb as a parenthetical (dep parataxis, no complement of its own) reports the
# clause around it, its own words left out. PolNeAR train: 122 such cues outside quotation marks,
# 112 of them a gold Cue; the rules had no candidate for them (`_parenthetical_content`). 5-fold CV
# (cv-gate --tensor --tensor-scale 0.1 --tensor-ranker 0.1, filter refitted per fold), filter 0.5 gate
# 0.4, F1@0.3 / F1@0.8 / speaker accuracy: 0.7551/0.6822/0.8756 without, 0.7605/0.6881/0.8760 with.
# PolNeAR dev (shipped models, the filter retrained with them): 0.781/0.702/0.894 -> 0.788/0.709/0.893.
PARENTHETICAL_CUES = True
# Session 26: a labelled line whose words are a figure or a roster of names ("Hillary Clinton:
# 1,769."; "Iowa: Tim Albrecht, Brad Anderson, …") is a tally, no speaker's words (`_tally`).
# False: every labelled line the label rules accept is a turn.
TALLY_LINES = True
_FIGURE = re.compile(r"[\s\d.,%$€£()+\-\u2013\u2014]*\d[\s\d.,%$€£()+\-\u2013\u2014]*")
_NAME_ITEM = re.compile(r"(?:[A-Z][\w.’'-]*\s?){1,4}")
# Session 26: a content wholly inside quotation marks is what was said however few its words
# ("“Well, we’ll see,” said Pence"; "“You tell me,” he said"), though WORDLESS_CONTENT drops such
# words outside them. False: a quoted reply of stop words only has no candidate.
QUOTED_REPLIES = True
# Session 15: a clause the parser hangs on the cue right after its content, with no comma between,
# goes on with what was said (`_trailing_clauses`): "cited the deficit to justify the cuts" (a
# purpose infinitive after an object or a preposition), "has not done this because he is a Muslim
# but because he has a problem" (a "because" clause after a that-clause), "said the process was
# fair and required candidates to ..." (a coordinated base form after it). PolNeAR train, the
# rules' candidates whose cue word is a gold Cue: such a clause lies in the gold content 106 of 139
# times (0.66-0.91 by kind); after a comma, in the past tense ("said X, and left"; "said X and vowed
# ..."), or a participle after a preposition, far less (0.03-0.36 of 24-185 by kind): those stay out.
# B6 measured it alone (5-fold CV, filter 0.5 gate 0.4, F1@0.3 / F1@0.8 / speaker accuracy
# 0.7602/0.6882/0.8776 off, 0.7615/0.6921/0.8787 on), but on PolNeAR dev speaker accuracy fell
# (0.8982 -> 0.8967): "called Alicia Machado to express gratitude ...", "called an emergency
# meeting to discuss ...", a "call" that phones or convenes, now reached a gold content. On with
# SUMMONS_NO_CUE below and no participle clause with its own subject (B7), same base (463f97b):
# 5-fold CV 0.7609/0.6917/0.8793 B6's rule alone, 0.7610/0.6917/0.8796 with these; PolNeAR dev
# (shipped filter, not refitted) 0.7880/0.7085/0.8973 off, 0.7884/0.7099/0.8973 on.
TRAILING_CLAUSES = True
# Session 21 (S25) counted again, over every rules' candidate of PolNeAR train (in-sample parse) whose cue
# word is a gold Cue, the cue's clauses after the content and whether the gold content holds them: a
# conjunction and its clause after an object 15 of 128 (after a comma 16 of 103), after a that-clause
# with a comma 28 of 102; ", granting ..."-like participles after an object 17 of 130, after an
# infinitive 6 of 41; a past-tense conjunct after an object 8 of 138 ("praised her effort"); a
# preposition after a that-clause with words between 16 of 281. The lead's examples of contents cut
# short by such a tail ("..., but planned to follow it ...", "..., granting the company rights ...")
# are the few the gold takes: none of these kinds goes in. Only a participle right after an object
# with no comma ("released an op-ed urging Congress to ...", 12 of 17) and an adverb there (12 of 20)
# lean in, too few to measure; not added.
# A "call" (or "convene") with a person or a gathering as its object and a purpose infinitive after it
# summons and says nothing (`quote_cues.summons`): no candidate.
SUMMONS_NO_CUE = True
# Tried and taken out (session 16, Q14 652ff8d; lead 47baf52 and after A7's audit of a corpus store):
# short contents PolNeAR annotates and no rule proposes. (1) A by-agent passive with no complement
# reporting on its subject ("The move was hotly criticized by economists": the move) read to a user as
# "Croucher Foundation: 'The study'", "the crash: 'whose lives'" (mostly events, not stances); (2) a
# pronoun object ("endorsed her", "which he has denied") is a quote whose text says nothing
# (WORDLESS_CONTENT's reason). 5-fold CV, filter 0.5 gate 0.4, F1@0.3 / speaker: 0.7610/0.8801 without,
# 0.7615/0.8803 with both, pronoun objects alone 0.7611/0.8804 (after the fact): inside the noise.
# Session 17 (X24), quotes a desk user met: a question put to "you" ("Q: Why do you oppose the
# wall?", "Do you think Trump will win?") asks and reports no one's words (`_asks_you`); PolNeAR does
# mark such questions (train: 14 golds with "you" as their Source, never a judged speaker);
QUESTIONS_NO_QUOTE = True
# a complement the parser hung on a cue from another line (a headline run into the first paragraph:
# "Mayor defends harbour wall" + "On the morning show, Mayor Ellen Crofts defended the wall") leaves
# on the cue's line only the stray words of another clause ("On the morning show"): no content
# (`_stray`). Words there with a verb stay: PolNeAR dev's '“… couldn't.”' + 'Lenox was a juggernaut,
# Mr. Clarke said' is a clause the cue reports, the parser having hung it on the quotation before.
CONTENT_HEAD_ON_LINE = True
# Session 29: a cue whose whole complement lies on another line has none of its own: a USA Today
# headline and its deck ("American dream survives among Millennials, poll finds; " + "Generation
# expects more success, …"), the parser running the headline into the deck's verb as its complement,
# gave "Generation" the headline. `_on_cue_line` keeps the content off the line when nothing is left
# on it; for such a cue it now gives none, and the cue no candidate. False: the content off the line
# stands.
OFF_LINE_CONTENT = False
# Session 18 (X25): "The main obstacle, say engineers like Ann Roe, is the riverbed": a saying verb
# set inside the clause it reports with its subject after it. The parse reads the clause's subject as
# the verb's and the speaker as the reported clause's; what was said is the clause on both sides of
# "say engineers like Ann Roe," (`_inverted_pieces`), whose speaker `speaker_kinds.beside_cue` names.
INVERTED_ASIDES = True
# Session 21 (S25): a content that ends in a coordinating conjunction ("no specifics about targets or",
# "about the Southern border and") goes on through the conjunct the parser hung elsewhere ("... or why
# their approach would be any more effective"): the conjunction says the speaker's words go on
# (`through_conjunction`). A conjunct with a reporting verb ("... twice but said neither ...", "and
# nearly three in five said ...") is a statement of its own: the content ends before the conjunction.
# Kept predictions of the 5-fold CV at b04b48a ending in "and", "or", "but", "nor" (24 of 13,989):
# the gold content goes on 15 times, ends there 8; of the 8, 4 go on into a reporting verb.
# Dropping the conjunction alone (no conjunct ever), with CLOSE_MARKS, 5-fold CV: F1@0.3 / F1@0.8 /
# speaker accuracy 0.7617/0.6929/0.8832 -> 0.7614/0.6923/0.8833 (n 9515 -> 9510): "about the Southern
# border" then fell under the scorer's 0.3 share of its gold.
THROUGH_CONJUNCTION = True
_REPLY_GAP = re.compile(r"[,!?.]?\s*[" + re.escape(quote_regions.CLOSING_CHARS) + r"]{1,2}\s*[,\u2014-]?\s*$")
_SEPARATORS = {",", ";", ":", "-", "--", "\u2013", "\u2014"}


def through_conjunction(doc: Any, f: Found) -> None:
    """The last piece of `f`, when it ends in a conjunction, carried on through its conjunct on the
    cue's line, or ended before the conjunction when the conjunct reports (`THROUGH_CONJUNCTION`)."""
    if not THROUGH_CONJUNCTION:
        return
    pieces = f.pieces or [(f.start, f.end)]
    a, b = pieces[-1]
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None or len(span) < 2 or span[-1].pos_ != "CCONJ":
        return
    cc = span[-1]
    end = _conjunct_end(doc, cc)
    if end is None:  # a reporting conjunct, or none: the content ends before the conjunction
        rest = list(span[:-1])
        while rest and (rest[-1].is_space or rest[-1].is_punct and not rest[-1].is_quote):
            rest.pop()  # the comma before "and", not the mark that closes a quoted word
        if not any(t.is_alpha for t in rest):
            return
        end = rest[-1].idx + len(rest[-1])
    if f.pieces:
        f.pieces[-1] = (a, end)
    f.end = end


def _conjunct_end(doc: Any, cc: Any) -> int | None:
    """Where the conjunct after a dangling conjunction ends: the phrase of the next word, climbed up
    while its head stays after the conjunction, on the cue's line and in its sentence; None when there
    is none or it holds a reporting verb."""
    sent = cc.sent
    nxt = next((t for t in doc[cc.i + 1: sent.end] if not (t.is_punct or t.is_space)), None)
    if nxt is None:
        return None
    top = nxt
    while top.head.i != top.i and cc.i < top.head.i < sent.end:
        top = top.head
    line_end = doc_text(doc).find("\n", cc.idx)
    words = [t for t in top.subtree if t.i > cc.i and (line_end < 0 or t.idx < line_end)]
    if any(t.pos_ == "VERB" and is_reporting_cue(t) for t in words):
        return None
    end = span_of(words)[1]
    return end if end > cc.idx else None


def clausal_candidates(doc: Any, regions: list[tuple[int, int]]) -> list[Found]:
    """Cue words with clausal content; `regions`: every quoted stretch (quoted_regions(text, 1))."""
    out = []
    for tok in tokens(doc):
        if tok.pos_ not in ("VERB", "NOUN"):
            continue
        slot, comps = cue_slot(tok)
        if not comps and slot == "bare" and PARENTHETICAL_CUES:
            p = cue_score(tok, slot)
            pieces = _parenthetical_content(doc, tok, regions) if p >= threshold(slot) else []
            if pieces:
                out.append(Found(pieces[0][0], pieces[-1][1], "indirect", cue=cue_text(tok),
                                 speaker_tok=rule_speaker(tok), cue_start=tok.idx, pieces=pieces, slot="aside",
                                 lexicon_p=p))
            elif QUOTED_REPLIES and p >= threshold(slot) and (reply := _adjacent_quotation(doc, tok, regions)):
                out.append(Found(reply[0], reply[1], "direct", cue=cue_text(tok), speaker_tok=rule_speaker(tok),
                                 cue_start=tok.idx, pieces=[reply], slot=slot, lexicon_p=p))
            continue
        if not comps or cue_score(tok, slot) < threshold(slot):
            continue
        if slot == "prep:in" and _medium_reports(tok):
            continue  # "said in a statement that …": the statement's clause is the report (`_said_in`)
        if SUMMONS_NO_CUE and summons(tok, slot):
            continue
        if OTHER_TURN_COMPLEMENT:
            comps = [c for c in comps if not _other_turn(tok, c, regions)]
        if speakers.INVERTED_SUBJECTS and (inverted := speakers.inverted_subject(tok)) is not None:
            # "…, said a former spokesman, Oleg Voloshyn, who also ran …": the clause the parse
            # gave the inverted subject is the speaker's description, not what was said
            comps = [c for c in comps if c.i != inverted.head.i]
        if not comps:
            continue
        heads = _content_heads(tok, slot, comps)
        content = [t for c in heads for t in c.subtree if t.i != tok.i]
        on_line = _on_cue_line(doc, content, tok.idx, off_line=OFF_LINE_CONTENT)
        start, end = span_of(on_line)
        if end <= start or (WORDLESS_CONTENT and not any(_says_something(t) for t in on_line)
                            and not (QUOTED_REPLIES and quote_regions.within_quoted(start, end, regions))):
            continue
        if CONTENT_HEAD_ON_LINE and _stray(heads, on_line):
            continue
        speaker = rule_speaker(tok)
        if QUESTIONS_NO_QUOTE and _asks_you(tok, speaker):
            continue
        pieces = _inverted_pieces(doc, tok, on_line) if INVERTED_ASIDES else []
        if pieces:
            start, end = pieces[0][0], pieces[-1][1]
        if (verb := _said_in(tok)) is not None:  # "said in a statement that …": the verb's report
            tok, slot, speaker = verb, "ccomp", rule_speaker(verb)
        out.append(Found(start, end, "indirect", cue=cue_text(tok), speaker_tok=speaker, cue_start=tok.idx,
                         slot=slot, lexicon_p=cue_score(tok, slot), lead=_lead_of(doc, tok, slot), pieces=pieces))
    return out


def _said_in(noun: Any) -> Any:
    """The verb of saying whose medium a noun cue names, when the parse hung the reported clause on the
    noun ("Smith's office said in a statement that …": "that …" an acl of "statement"), else None
    (`SAID_IN`). The verb is the cue and its subject the speaker: as a noun cue the statement was
    filtered and ranked as a noun (P 0.76 x 0.59, under the gate), while "Smith said in a statement"
    passed. Only a medium ("statement", "interview", "letter" ...) after "in": "responded to a question
    that …" reports the question."""
    if not SAID_IN or noun.pos_ != "NOUN" or noun.lemma_.lower() not in _MEDIA or noun.dep_ != "pobj":
        return None
    prep = noun.head
    verb = prep.head
    if prep.lower_ != "in" or prep.dep_ != "prep" or verb.pos_ != "VERB" or not is_reporting_cue(verb):
        return None
    return None if any(c.dep_ == "ccomp" for c in verb.children) else verb


def _medium_reports(verb: Any) -> bool:
    """Whether a verb's "in" names the medium whose clause holds what it said ("said in a statement
    that …"): that clause is the verb's report (`_said_in`), not "in a statement that …"."""
    return any((said := _said_in(p)) is not None and said.i == verb.i
               for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
               for p in c.children if p.dep_ == "pobj")


def _parenthetical_content(doc: Any, cue: Any, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces of the clause a parenthetical cue reports, its own words left out: "In a merger,
    he said, the HP brand would survive" is "In a merger" and "the HP brand would survive". Only a
    verb with its own subject, hung on a verb outside quotation marks: a quoted one ("“A,” he said,
    “B”") is the quotation rules' to attach."""
    head = cue.head
    if cue.dep_ != "parataxis" or head.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return []
    if speakers.quoted_at(head.idx, regions):
        return []
    own = {t.i for t in cue.subtree}
    content = _on_cue_line(doc, [t for t in head.subtree if t.i not in own], cue.idx)
    before = span_of([t for t in content if t.i < cue.i])
    after = span_of([t for t in content if t.i > cue.i])
    pieces = [p for p in (before, after) if p[1] > p[0]]
    if not any(_says_something(t) for t in content):
        return []
    return pieces


def _inverted_pieces(doc: Any, cue: Any, content: list[Any]) -> list[tuple[int, int]]:
    """What an inverted saying verb inside its clause reports (`INVERTED_ASIDES`): the clause's words
    before its comma and the content after the speaker's closing comma ("The main obstacle" and "is
    the riverbed" of "The main obstacle, say engineers like Ann Roe, is the riverbed"); [] for any
    other cue."""
    if speaker_kinds.inverted_speaker(cue) is None:
        return []
    # the speaker's phrase ends at the last comma before the reported verb (", said Ann Roe, who
    # chairs the board, will ...": its relative clause too)
    verb = next((t for t in content if t.i > cue.i and t.head.i == cue.i and t.pos_ in ("VERB", "AUX")), None)
    commas = [t.i for t in doc[cue.i + 1: verb.i] if t.text == ","] if verb is not None else []
    if not commas:
        return []
    close = commas[-1]
    line_start, _ = enclosing(doc_text(doc), cue.idx, cue.idx, "\n")
    words = [t for t in doc[sent_of(cue).start: cue.i - 1] if t.idx >= line_start]
    if not any(_says_something(t) for t in words):
        return []  # "But, said Ann Roe, “…”": a conjunction before the aside says nothing
    before, after = span_of(words), span_of([t for t in content if t.i > close])
    return [before, after] if before[1] > before[0] and after[1] > after[0] else []


def _adjacent_quotation(doc: Any, cue: Any, regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The short quoted stretch a cue with no complement reports, written right against it: before the cue
    with only its subject between ("“Sorry,” Sanders said"), or right after it ("Priebus said,
    “Probably.”"). The parse hangs such short words on the cue as an interjection or not at all."""
    text = doc_text(doc)
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    cue_end = cue.idx + len(cue.text)
    # a longer quotation is the orphan rules' (quote_orphans), which find its cue near it
    for a, b in (r for r in regions if not quote_regions.long_enough(text, [r])):
        if cue_end <= a <= cue_end + 4 and not text[cue_end:a].strip(" ,:" + quote_regions.OPENING_CHARS):
            return (a, b) if subject is not None and subject.i < cue.i else None
        if b <= cue.idx and subject is not None and b <= subject.idx and subject.i < cue.i \
                and subject.lower_ not in ("who", "which", "that"):  # '"citizen journalists" who promote'
            lo, hi = subject.left_edge.idx, cue.idx
            # the quotation's own closing punctuation, its marks and a comma or dash, no more: not
            # 'have it "both ways"? It seems'
            if lo >= b and _REPLY_GAP.match(text[b:lo]) and not text[
                    subject.right_edge.idx + len(subject.right_edge.text):hi].strip():
                return a, b
    return None


def _says_something(tok: Any) -> bool:
    """A word that carries content: not a stop word, a pronoun or punctuation ("calling for more",
    "defending it", "say what" report nothing a reader can use)."""
    return tok.is_alpha and not tok.is_stop and tok.pos_ != "PRON"


def _stray(heads: list[Any], on_line: list[Any]) -> bool:
    """Whether the content on the cue's line is a verbless scrap of a clause whose head lies on
    another line (`CONTENT_HEAD_ON_LINE`)."""
    return not any(h in on_line for h in heads) and not any(t.pos_ in ("VERB", "AUX") for t in on_line)


def _asks_you(cue: Any, subject: Any) -> bool:
    """Whether the cue is asked of "you": its subject is "you" and its sentence, on the cue's line,
    ends in a question mark ("Why do you oppose the wall?"). The one asked has said nothing yet."""
    if subject is None or subject.lower_ != "you":
        return False
    for t in cue.doc[cue.i:sent_of(cue).end]:
        if t.is_space and "\n" in t.text or t.text in (".", "!"):
            return False  # a line or a statement ends first
        if t.is_punct and "?" in t.text:
            return True
    return False


def _other_turn(cue: Any, comp: Any, regions: list[tuple[int, int]]) -> bool:
    """Whether a clausal complement before its cue is another attribution the parser hung on it:
    "X, an adviser, underscored …: “…,” he said" (two complements, "underscored" one of them);
    "“…?” she said, but … Melanie said yes". Such a complement is a cue word of its own, with its
    own subject, outside quotation marks (inside them it is the quoted person's words: "“I think
    …,” he said"), and a quotation lies between it and the cue; it stands as its own candidate
    and is not this cue's content. So is one a semicolon or a colon outside quotation marks parts from
    the cue (`SEPARATED_TURNS`): "Six in 10 said they were tired; 46 percent said they were bored"."""
    if comp.dep_ != "ccomp" or comp.i > cue.i or comp.pos_ != "VERB" or speakers.quoted_at(comp.idx, regions):
        return False
    if not any(comp.idx < a and b <= cue.idx for a, b in regions) and not _separated(comp, cue, regions):
        return False  # "Officials believe it will fail, he said": no quotation between, one report
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children) and (
        is_reporting_cue(comp) or is_cue(comp, cue_slot(comp)[0]))


def _separated(comp: Any, cue: Any, regions: list[tuple[int, int]]) -> bool:
    """Whether a semicolon or a colon outside quotation marks lies between a complement and its cue."""
    return SEPARATED_TURNS and any(t.text in (";", ":") and not speakers.quoted_at(t.idx, regions)
                                   for t in comp.doc[comp.i + 1: cue.i])


def _lead_of(doc: Any, tok: Any, slot: str) -> tuple[int, int] | None:
    """The subject that is part of what is said, not who says it: "Roof is accused of a massacre",
    "Clinton is expected to win", "Trump appears to ignore ...". PolNeAR train: a passive subject
    before a cue taking an infinitive or a preposition is in the gold content 88% / 73% of the time
    (103 / 106 cases), the subject of "seem" / "appear" 71% / 90% (80 / 61); other subjects of
    such cues almost never (counted over the rules' candidates whose cue word is a gold Cue)."""
    if not SUBJECT_CONTENT or slot.split(":")[0] not in ("xcomp", "prep"):
        return None
    subj = next((c for c in tok.children if c.i < tok.i and (
        c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and slot == "xcomp" and tok.lemma_ in _RAISING))), None)
    if subj is None or subj.pos_ == "PRON" and subj.lower_ in ("who", "which", "that"):
        return None
    start, end = span_of(_on_cue_line(doc, list(subj.subtree), tok.idx))
    return (start, end) if start < end <= tok.idx else None


def with_lead(f: Found) -> None:
    """The subject piece joins the content ("Roof … of a massacre"): the cue between stays out."""
    if f.lead is None or f.lead[1] > f.start:
        return
    f.pieces = [f.lead] + (f.pieces or [(f.start, f.end)])
    f.start = f.lead[0]


def _on_cue_line(doc: Any, content: list[Any], cue_at: int, off_line: bool = True) -> list[Any]:
    """The content words on the cue's own line: the parser runs sentences on across a line or
    paragraph break (a headline into the dateline, one speaker's paragraph into the next's). With no
    word on that line, the content as it is (`off_line`) or none."""
    if not PARAGRAPH_CLIP:
        return content
    start, end = enclosing(doc_text(doc), cue_at, cue_at, "\n")
    kept = [t for t in content if start <= t.idx < end]
    if any(not (t.is_punct or t.is_space) for t in kept):
        return kept
    return content if off_line else []


def _content_heads(tok: Any, slot: str, comps: list[Any]) -> list[Any]:
    """A direct object's content goes on through what the verb says of it: "cited the
    election as a reason to ...", "mocked Romney for not releasing ...", "viewed them as ...";
    so does a preposition's ("referred to Rubio as a leader", `PREP_COMPLEMENTS`)."""
    if TRAILING_CLAUSES:
        comps = comps + _trailing_clauses(tok, slot.split(":")[0], comps)
    if slot == "xcomp" and XCOMP_OBJECT:
        # "urged Trump to resign", "called on Republicans to unendorse him": the object is who
        # is to do it, part of what was urged
        first = min(c.i for c in comps)
        return [c for c in tok.children if c.i < first and (
            c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "on"))] + comps
    if not (slot == "dobj" or PREP_COMPLEMENTS and slot.startswith("prep:")) or not DOBJ_COMPLEMENTS:
        return comps
    last = max(c.i for c in comps)
    more = [c for c in tok.children if c.i > last and (
        c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and (
            c.lower_ in _PREDICATE_PREPS or DOBJ_MORE_PREPS and c.lower_ in _MORE_PREPS)))]
    return comps + more


def _trailing_clauses(tok: Any, slot: str, comps: list[Any]) -> list[Any]:
    """The cue's clauses right after its content (`TRAILING_CLAUSES`) that carry it on, by the
    content's kind: an infinitive after an object or a preposition ("cited the deficit to justify
    the cuts", "called for elections to restore trust"), a past participle after an object
    ("released an ad aimed at Kasich"); a "because"-like clause in the present, an infinitive or a
    coordinated base form after a that-clause. A participle clause with its own subject ("write this
    because I am acquainted with ...") is the writer's: train has it in the gold content 3 of 7
    times (and 15 more under a cue that is no gold Cue); it cost a dev speaker with B6's rule."""
    wanted = {"dobj": {("advcl", "VB"), ("advcl", "VBN")}, "prep": {("advcl", "VB")},
              "ccomp": {("advcl", "VBZ"), ("xcomp", "VB"), ("conj", "VB")}}.get(slot)
    if not wanted:
        return []
    last = max(t.i for c in comps for t in c.subtree)
    out = []
    for c in tok.children:
        first = min(t.i for t in c.subtree)
        if (c.dep_, c.tag_) in wanted and first > last and c.doc[first - 1].text not in _SEPARATORS \
                and not (c.tag_ == "VBN" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)):
            out.append(c)
    return out


def according_candidates(doc: Any) -> list[Found]:
    """"According to X, ...": the clause the phrase hangs on, X its speaker.

    Tried and not kept (session 26): "in (a) poll / survey" read the same way ("Mr. Trump is ahead
    in public opinion polls", "Clinton led Sanders 2-1 in an NBC News poll"; PolNeAR train marks 67
    "in" cues, 43 of them polls or surveys), the clause the phrase hangs on (through its object) the
    poll's finding, verbs that report speech themselves left to their own candidates. Shipped models
    on train, with / without: F1@0.3 0.7674 / 0.7660, P 0.9464 / 0.9484, speaker accuracy 0.9025 /
    0.9046 (judged 9514 / 9464): half the new judged quotes went to another gold's source (a poll
    clause inside someone's reported words, "when Sanders has sagged in the polls"), a worse trade of
    speakers for F1 than the speaker gate's own."""
    out = []
    for tok in tokens(doc):
        if tok.lower_ != "according":
            continue
        pobj = according_source(tok)
        if pobj is None:
            continue
        own = {t.i for t in tok.subtree}
        clause = tok.head
        while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head is not clause:
            clause = clause.head
        content = [t for t in clause.subtree if t.i not in own]
        start, end = span_of(_on_cue_line(doc, content, tok.idx))
        if end > start:
            out.append(Found(start, end, "indirect", cue="according to", speaker_tok=pobj, cue_start=tok.idx,
                             rule="according", slot="according"))
    return out


def speaker_lines(doc: Any, text: str) -> list[Found]:
    """Transcript and headline style: "PENCE: Well, look, ..." up to the paragraph end, and in an
    interview or a transcript on through the answer's unlabelled paragraphs (`dialogue.turn_pieces`).
    The name must be capitals (a transcript), a person or organisation the parser found, or in an
    interview a label that opens two paragraphs or more (a wiki user name, "ChristopherHill"):
    "The Latest: ..." and "Another challenge: ..." are headings, not speakers, and so is a
    headline kicker in capitals ("BUSTED:", "FIX IS IN:", `_kicker`) outside a transcript or at its
    head: inside one, a one-off "HOST:" is a turn. A media or editor's tag ("VIDEO:", "UPDATE:") is
    never a turn. A headline "Rubio: I Still Believe …" is Rubio's when the page names him elsewhere
    (`_headline_speaker`). In a "Q:"/"A:" interview the answers are the interviewee's
    (`dialogue.interviewee`); the questions are no quotes: they are the outlet's own, asking, not
    anyone's reported words."""
    out = []
    pos = 0
    labels = paragraph_labels(text)
    talk = dialogue.is_dialogue(text)
    for para in text.split("\n\n"):
        m = SPEAKER_LINE.match(para)
        label = m.group(1).strip() if m else ""
        if not m or dialogue.media_tag(label) or (TALLY_LINES and _tally(para[m.end():])):
            pass
        elif label in dialogue.QA_LABELS:
            who = dialogue.answerer(doc, text, label)
            if who is not None:
                out.append(_turn(doc, text, pos, para, m, talk, who.text, who.root))
        # a label repeated in an interview is a turn's, a name the tagger knows or not ("ChristopherHill")
        elif len(label.split()) <= 4 and (names_speaker(doc, pos + m.start(1), pos + m.end(1))
                                          or (talk and labels[label] >= 2)
                                          or (pos == 0 and _headline_speaker(doc, label))) \
                and not ((not talk or pos == 0) and _kicker(doc, label, labels, pos + m.start(1))):
            out.append(_turn(doc, text, pos, para, m, talk, label))
        pos += len(para) + 2
    return out


def _turn(doc: Any, text: str, pos: int, para: str, m: Any, talk: bool, speaker: str,
          speaker_tok: Any = None) -> Found:
    """The quote of the turn whose label `m` opens the paragraph at `pos`. A headline's words are
    direct when they are quoted or in the first person ("Trump: Clinton should have congratulated
    me"): they are the speaker's own, cut short."""
    start = pos + m.end()
    pieces = [(start, pos + len(para.rstrip()))]
    if talk and pos > 0:  # a headline's label says no more than its line
        pieces = dialogue.turn_pieces(doc, text, *pieces[0])
    words = para[m.end():]
    headline = pos == 0 and (_first_person(words) or _HEAD_QUOTES.search(words) is not None)
    direct = words[:1] in QUOTE_OPEN + "‘" or headline
    return Found(start, pieces[-1][1], "direct" if direct else "indirect", cue=":", speaker_text=speaker,
                 speaker_tok=speaker_tok, cue_start=pos + m.end(1), rule="line",
                 pieces=pieces if len(pieces) > 1 else [])


def _headline_speaker(doc: Any, label: str) -> bool:
    """Whether a headline's one-off "Name:" the tagger did not know there is a speaker: the page names
    a person or organisation by it elsewhere ("Rubio" of "Marco Rubio", "Cruz" of "Ted Cruz"). On
    PolNeAR such a headline is the source's words, first person or not ("Rubio: I Still Believe …",
    "Lynch: No outside influence on FBI probe"); "Poll:", "Insiders:", "Clinton camp:" name no one
    the page knows by that label, and a place ("Iran:", "Gabon:" even where the tagger also calls it an
    organisation) is no speaker here."""
    key = label.lower()
    ents = [(e.text.lower(), e.label_) for e in doc.ents if e.start_char > len(label)]
    if any(n == key and kind in _PLACES for n, kind in ents):
        return False
    return any(kind in ("PERSON", "ORG") and (key == n or key in n.split()) for n, kind in ents)


_PLACES = {"GPE", "LOC", "NORP", "FAC"}


def _first_person(words: str) -> bool:
    # "US" in capitals is the country
    return any(w.lower() in _FIRST_PERSON and w != "US" for w in re.findall(r"[A-Za-z]+", words))


_FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
_HEAD_QUOTES = re.compile("[“\"«‘]")  # a headline quotes with single marks too: "… ‘I Fear …’ for Rubio"


def _tally(words: str) -> bool:
    """Whether a labelled line's words are a figure or a roster, not speech (`TALLY_LINES`):
    "Hillary Clinton: 1,769." in a delegate count, "Iowa: Tim Albrecht, Brad Anderson, Rob Barron,
    …" in a list of panelists."""
    words = words.strip()
    if _FIGURE.fullmatch(words):
        return True
    items = [w.strip() for w in re.split(r",|\band\b", words.rstrip(".")) if w.strip()]
    return len(items) >= 4 and all(_NAME_ITEM.fullmatch(w) for w in items)


def _kicker(doc: Any, label: str, labels: Counter[str], at: int) -> bool:
    """A label in capitals that names no one: it opens one paragraph only (a transcript's turns
    repeat their labels), every word of it is an everyday English word ("BUSTED", "FIX IS IN",
    "WATCH"), it is no role ("THE PRESIDENT", "MODERATOR") and no name the page uses elsewhere
    ("TRUMP:" in a page about Donald Trump). "PENCE", not an English word, stays a speaker."""
    if not label.isupper() or labels[label] >= 2 or name_kinds.person_role(label):
        return False
    if not all(name_kinds.common_word(w) for w in label.split()):
        return False
    key = label.lower()
    named = {e.text.lower() for e in doc.ents if e.label_ in _SPEAKER_LABELS and not e.start_char <= at < e.end_char}
    return not any(key == n or key in n.split() for n in named)


_SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


def names_speaker(doc: Any, start: int, end: int) -> bool:
    name = doc_text(doc)[start:end].strip()
    if name.isupper() and any(ch.isalpha() for ch in name):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    # a clause is no label: "Barack Obama told reporters: “…”" is told's quote, whose speaker is
    # Obama, not "Barack Obama told reporters"
    return (span is not None and any(t.ent_type_ in _SPEAKER_LABELS for t in span)
            and not any(t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in span))
