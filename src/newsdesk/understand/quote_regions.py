"""Quoted stretches: the quotation marks, the regions they enclose, and a cue's complement widened
to the quoted words it touches (a mixed quote keeps its reported words; "“A,” he said. “B.”" joins
B to A unless another speaker's cue clause lies between).
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.understand import speakers
from newsdesk.understand.quote_cues import is_reporting_cue, rule_speaker
from newsdesk.understand.quote_found import Found, doc_text, overlap, token_at

QUOTE_OPEN = "“\"«"
QUOTE_CLOSE = "”\"»"
# Two apostrophes as a quotation mark, both ways (''It's an enormous moment,'' said Steve Schmidt):
# the typewriter style of PolNeAR's New York Times articles (116 of its 120 train articles).
# Without it such a quote is never widened nor joined to its second half after the cue. Session 8,
# 5-fold CV (see SPEAKER_GATE), filter 0.5 gate 0.2 / 0.4: 0.753/0.854, 0.739/0.862 without,
# 0.764/0.860, 0.750/0.869 with (F1@0.8 0.646 -> 0.673).
DOUBLE_APOSTROPHE = True
# Two backticks open a quotation that '' (or ”, ") closes: ``It's an enormous moment,'' said Steve
# Schmidt, as LaTeX, the Penn Treebank and some wire texts and scrapes write it. A `` closed by
# nothing in its paragraph is markup (reStructuredText's ``code``, a shell's backticks), not an
# open quotation, unless the next paragraph opens with `` again (a quotation running on).
BACKTICKS = True
# Session 24: single curly marks quote as British, Irish and Commonwealth papers write them ("‘We
# are ready,’ the minister said"). Before, such a page's quotations were read by the parse alone:
# indirect, a multi-sentence quotation cut to the sentence the cue's clause holds, the part after
# the cue lost. ’ is also the apostrophe, so a mark counts only where it can quote (`_single_mark`):
# ‘ after a space, a bracket, a dash or a line's start and before a word (not "‘90s"); ’ after a
# word or punctuation and before a space, punctuation or the end (not "don’t"), and not a plural's
# possessive ("the ministers’ plan") while a later ’ in the paragraph could close. A ‘ closes only on
# ’ and a double mark only on a double one, so a quotation inside another is the outer one's words.
SINGLE_QUOTES = True
# Session 24: a straight mark (" or '') right after a word or punctuation, or before a space, can only
# close a quotation; when none is open it is a stray closing mark (a typo, a quotation the scrape cut)
# and opens nothing (`_closes_only`). Before, it opened a quotation running to the next mark, and every
# later pair of the page was read inside out: 'said resources would be accessible," For example, ...
# exercise". People were encouraged ...' made "For example, ..." a quotation and each later quotation
# the narration between two.
STRAY_CLOSERS = True
# The marks that open and close a quoted stretch (read here and by quote_orphans).
OPENERS = {*QUOTE_OPEN, "''", "``", "‘"}
CLOSERS = {*QUOTE_CLOSE, "''", "’"}
# the characters of those marks, for strip() and character classes
OPENING_CHARS = "".join(sorted(set("".join(OPENERS))))
CLOSING_CHARS = "".join(sorted(set("".join(CLOSERS))))
_MARK = re.compile("``|''|\n\n|[" + re.escape(QUOTE_OPEN + QUOTE_CLOSE) + "‘’]")
_DECADE = re.compile(r"‘\d\ds\b")  # ‘90s: an apostrophe for the century


MIN_QUOTE_WORDS = 4  # shorter quoted stretches are mostly scare quotes and titles


# A cue's complement with at least this many words outside its quotation marks is a mixed
# quote and keeps those words (MIXED=False: the quoted stretch alone, as before).
MIXED = True
# 1 (session 11; 3 before, set by judgement): a reported subject before the quotation is part of
# what was said ("that Sanders is “definitely the most trustworthy …”", "Kasich “has a track
# record …”"). PolNeAR train, candidates whose cue word is a gold cue: of the words the lower bar
# adds, 306 of 359 lie in that attribution's gold content (and 56 of 57 "that"s). 5-fold CV with
# PREP_COMPLEMENTS below, filter 0.5 gate 0.4 (F1@0.3 / F1@0.8 / speaker accuracy): 0.753/0.676/0.873
# -> 0.754/0.682/0.874.
MIXED_MIN_WORDS = 1
# MIXED_THAT: "that" counts as a reported word (with MIXED_MIN_WORDS 1: `said that “...”` keeps
# its "that", as PolNeAR does). Measured and not kept (session 8, 5-fold CV, filter 0.5 gate 0.2 /
# 0.4): 0.764/0.860, 0.750/0.869 without, 0.764/0.860, 0.750/0.868 with: the scorer's coverage
# hardly moves for one word.
MIXED_THAT = False
# "“A,” he said. “B.”": B carries on A when only the cue clause (at most CONTINUE_WORDS words,
# CONTINUE_CHARS characters) lies between; CONTINUE_SHORT: B may be shorter than MIN_QUOTE_WORDS
# ("… ,” he said. “More friendly people.”"). 12 / 120 / False before session 8: PolNeAR train's
# contents run on through longer cue clauses ("said Dale Belman, a professor at ... who co-authored
# a book on the minimum wage. “...”"); 25 / 200 was the one setting tried (with MIXED_THAT below
# on, 5-fold CV filter 0.5 gate 0.2: 0.764/0.860 -> 0.763/0.862; 40 / 300 was not run).
CONTINUE_WORDS = 25
CONTINUE_CHARS = 200
CONTINUE_SHORT = True
# ... but not past a cue clause whose speaker is someone else (`_other_speaker_between`): with
# 25 words, pieces belonging to another gold attribution rose from 303 to 344 of ~14,500 in train.
# Session 9, 5-fold CV (with annotate's naming rules), filter 0.5 gate 0.4: 0.754/0.874 (F1@0.8
# 0.677) without it and with it: the same figures with fewer quotes joined across another's turn.
SWALLOW_GUARD = True
# ... nor to a stretch with a cue clause of its own right after it ("“A,” said KCNA. “B,” it added"):
# B is the "added" quote's, and joined to A as well, one piece was shown in two quotes.
OWN_CUE_GUARD = True
OWN_CUE_WORDS = 6  # the words after a stretch read for its own cue clause ("it added", "the minister said")
# Session 13: ... and a cue before a quotation with a cue clause of its own right after it gives the
# quotation up ("Surveys show that “the dam could fail,” said Tom Jones": Jones's words, which the
# quotation rules then attach to "said"); `cedes_quote`. Kept for the reader: the scorer hardly moves
# (5-fold CV as PARENTHETICAL_CUES, with it and with a full stop ending a stretch's own cue search below:
# 0.7605/0.6881/0.8760 -> 0.7603/0.6882/0.8757).
CEDE_TO_OWN_CUE = True
# Session 21 (S25): a content whose edge falls inside a quotation it holds part of keeps the mark
# that closes (or opens) it when only punctuation lies between: "said that it showed “intent”",
# not "“intent", and "called the article a “terrific piece”", not "a “terrific piece". The
# parser's subtree holds the closing mark, but a span's edges drop punctuation (`span_of`), and a
# quotation shorter than MIN_QUOTE_WORDS is never widened. PolNeAR train gold: of 74 kept predictions
# (5-fold CV at HEAD b04b48a) ending right before such a mark, 59 golds end at the mark, 12 run to
# the sentence's end, 3 part way: the words after the mark ("” and indicated Clinton may have
# violated laws ...", "” and accusing him of ...", "” and has said that ...") are mostly a second
# statement the parser hung on the outer verb, so they stay out.
CLOSE_MARKS = True


def quoted_regions(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[tuple[int, int]]:
    """Character ranges (inside the marks) of quoted stretches; a paragraph break ends one."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    opener = ""
    for m in _MARK.finditer(text):
        mark, i = m.group(), m.start()
        if mark == "''" and not DOUBLE_APOSTROPHE or mark == "``" and not BACKTICKS:
            continue
        if mark in "‘’" and not (SINGLE_QUOTES and _single_mark(text, i, opener if start is not None else None)):
            continue
        if start is not None and (opener == "‘") != (mark in "‘’") and mark != "\n\n":
            continue  # a quotation inside another: the outer one's closing mark ends it
        if mark == "\n\n":
            # news style: a quote running on reopens next paragraph (`` and ‘, which are also markup
            # and apostrophes, only when it does)
            if start is not None and (opener not in ("``", "‘") or text[m.end():].lstrip().startswith(opener)):
                regions.append((start, i))
            start = None
        elif start is None and mark in OPENERS:
            if mark in ('"', "''") and STRAY_CLOSERS and _closes_only(text, i, m.end()):
                continue  # 'communities," For example': a mark that can only close, and none is open
            start, opener = m.end(), mark
        elif start is not None and mark == "``":
            start = None if opener == "``" else start  # ``code``: markup, no quotation
        elif start is not None and mark in CLOSERS:
            regions.append((start, i))
            start = None
    if start is not None and opener not in ("``", "‘"):
        regions.append((start, len(text)))
    return long_enough(text, regions, min_words)


def _closes_only(text: str, i: int, end: int) -> bool:
    """Whether the straight mark at text[i:end] can only close a quotation: a space or the end after
    it ('… communities," For'), or punctuation after it and a word or a sentence's punctuation before
    ('… exercise".'). One with a word after it may open ('he said,"We will …')."""
    before, after = text[i - 1:i], text[end:end + 1]
    return not after or after.isspace() or (not after.isalnum() and (before.isalnum() or before in ".,;!?"))


def _single_mark(text: str, i: int, opener: str | None) -> bool:
    """Whether the single curly mark at text[i] quotes (`SINGLE_QUOTES`): ‘ opens when no quotation
    is open, after a space, bracket, dash, quotation mark or a line's start and before a word; ’
    closes an open ‘ after a word or punctuation and before a space, punctuation or the end, unless
    it may be a plural's possessive ("the ministers’ plan") and a later ’ in the paragraph could close."""
    before, after = text[i - 1:i], text[i + 1:i + 2]
    if text[i] == "‘":
        return opener is None and (not before or before.isspace() or before in "([{—–-“\"") and (
            after.isalnum() or after in "…\"“") and not _DECADE.match(text, i)
    if opener != "‘" or not before or before.isspace() or (after and (after.isalnum() or after in "‘")):
        return False
    if before == "s" and after == " " and text[i + 2:i + 3].islower():
        end = text.find("\n\n", i)
        rest = text[i + 1: len(text) if end < 0 else end]
        return not re.search(r"\S’(?![\w‘])", rest)  # a later ’ closes instead
    return True


def every_quoted(doc: Any) -> list[tuple[int, int]]:
    """`quoted_regions(text, 1)` of a Doc, worked out once per Doc: the quote rules, a he/she's
    subject and a page's own "I" each ask which words are quoted. Keyed by the settings it reads
    (DOUBLE_APOSTROPHE, SINGLE_QUOTES), since parsed Docs are reused (`nlp.parse`)."""
    key = f"newsdesk_quoted_{DOUBLE_APOSTROPHE}_{SINGLE_QUOTES}"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = quoted_regions(doc_text(doc), 1)
    return found  # type: ignore[no-any-return]


def quotations(doc: Any) -> list[tuple[int, int]]:
    """The quoted stretches long enough to be quotations (`long_enough` of `every_quoted`): those the
    quote rules attach to cues, and inside which they take no cue (nor does the cue lexicon count one,
    `newsdesk.bench.quotes.cue_counts`)."""
    return long_enough(doc_text(doc), every_quoted(doc))


def long_enough(text: str, regions: list[tuple[int, int]], min_words: int = MIN_QUOTE_WORDS) -> list[tuple[int, int]]:
    """The quoted stretches of at least `min_words` words."""
    return [(a, b) for a, b in regions if len(text[a:b].split()) >= min_words]


def within_quoted(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    """Whether the text from `start` to `end` lies inside one quoted stretch, its marks allowed."""
    return any(a - 2 <= start and end <= b + 2 for a, b in regions)


def is_mark(tok: Any, marks: set[str]) -> bool:
    """Whether a token is one of these quotation marks ('' only when DOUBLE_APOSTROPHE reads it so)."""
    return tok.text in marks and (DOUBLE_APOSTROPHE or tok.text != "''")


def widen_to_quotes(found: Found, regions: list[tuple[int, int]], text: str,
                    after: list[tuple[int, int]] | None = None, doc: Any = None) -> None:
    """A cue's complement that is quoted becomes the whole quoted stretch, split quotes joined
    (`after`: the quoted stretches that may carry it on past the cue, `regions` by default; with
    `doc`, not past a cue clause of another speaker: `_other_speaker_between`)."""
    hits = [r for r in regions if overlap((found.start, found.end), r) > 0]
    if not hits:
        return
    found.kind = "direct"
    pieces = sorted(set(hits))
    # "“A,” he said. “B.”": a quote right after the cue clause continues the same words
    last = pieces[-1]
    for r in regions if after is None else after:
        if r[0] > last[1] and r[0] - last[1] < CONTINUE_CHARS and found.cue_start < r[0] and _only_cue_between(
                text, last[1], r[0], found.cue_start) and not _other_speaker_between(
                doc, last[1], r[0], found.cue_start):
            if OWN_CUE_GUARD and (_own_cue_after(doc, r, found.cue_start) or _own_cue_before(doc, r, found.cue_start)):
                break  # another cue's quote: ours ends before it
            pieces.append(r)
            last = r
    outside = _words_outside(text, (found.start, found.end), hits)
    # "“A,” X told the press, “B.”": the parse hung B on the cue, so the span runs over the cue's own
    # clause, which is no reported word; the quoted stretches are the pieces
    split_by_cue = hits[0][1] <= found.cue_start < hits[-1][0]
    if MIXED and outside >= MIXED_MIN_WORDS and not split_by_cue:
        # a mixed quote ("she wanted to speak “directly to white people” and let them know ..."):
        # the reported words around the quoted ones are part of what was said
        start, end = min(found.start, pieces[0][0]), max(found.end, hits[-1][1])
        if end == hits[-1][1] and start < hits[-1][0]:  # the closing mark of a quote it opened
            end += _closing_mark(text, end)
        pieces = [(start, end)] + [r for r in pieces if r[0] >= end]
    found.pieces = pieces
    # offsets point at the quoted words; the cue clause between pieces stays outside the text
    found.start, found.end = pieces[0][0], pieces[-1][1]


def close_marks(found: Found, every: list[tuple[int, int]], text: str) -> None:
    """Each piece of `found` whose end (or start) falls inside a quoted stretch the piece also holds a
    part of takes in the closing (opening) mark, across nothing but punctuation (`CLOSE_MARKS`);
    `every`: the quoted stretches of one word or more (`every_quoted`)."""
    if not CLOSE_MARKS:
        return
    pieces = []
    for a, b in found.pieces or [(found.start, found.end)]:
        for ra, rb in every:
            close = _closing_mark(text, rb)
            opened = 2 if text[max(0, ra - 2):ra] in ("''", "``") else int(text[ra - 1:ra] in QUOTE_OPEN + "‘")
            # a stretch a paragraph break ended has no closing mark to take
            if a < ra < b <= rb and close and _marks_only(text[b:rb]):
                b = rb + close
            elif ra <= a < rb < b and opened and _marks_only(text[ra:a]):
                a = ra - opened
        pieces.append((a, b))
    if found.pieces:
        found.pieces = pieces
    found.start, found.end = pieces[0][0], pieces[-1][1]


def _closing_mark(text: str, at: int) -> int:
    """The length of the closing quotation mark at `at` ('' is two characters), 0 when there is none."""
    return 2 if text.startswith("''", at) else int(text[at:at + 1] in CLOSERS)


def _marks_only(gap: str) -> bool:
    """Whether nothing but punctuation on one line lies between a content's edge and a quotation mark."""
    return not any(ch.isalnum() for ch in gap) and "\n" not in gap


def _words_outside(text: str, span: tuple[int, int], regions: list[tuple[int, int]]) -> int:
    """Words of the span that no quoted region holds ("that" aside: it only introduces)."""
    words = 0
    for m in re.finditer(r"\w+", text[span[0]:span[1]]):
        at = span[0] + m.start()
        if not speakers.quoted_at(at, regions) and (MIXED_THAT or m.group().lower() != "that"):
            words += 1
    return words


def _only_cue_between(text: str, a: int, b: int, cue_start: int) -> bool:
    gap = text[a:b]
    return a <= cue_start <= b and "\n\n" not in gap and len(gap.split()) <= CONTINUE_WORDS


def _other_speaker_between(doc: Any, a: int, b: int, cue_start: int) -> bool:
    """Whether text[a:b], between two quoted stretches, holds a cue outside our cue's own clause
    whose speaker is not our cue's: "“A,” Franken said. Silverman replied that … “B.”" (B may be
    Silverman's). A pronoun subject may be ours ("“A,” Smith said. He added: “B.”"), so it does not
    stop the quote; nor does a cue inside our cue's clause ("said Murphy, using a term Rubio has
    used") or "according to the Post" (who reported it, not who took the turn). PolNeAR train,
    shipped models (session 9's span analysis): pieces of another gold attribution 372 -> 355 of
    ~14,300 checking every cue, with 17 more contents missing words after; with these exceptions
    372 -> 358 with 8 more (contents fully covered: 0.877 throughout)."""
    if not SWALLOW_GUARD or doc is None:
        return False
    ours = token_at(doc, cue_start)
    span = doc.char_span(a, b, alignment_mode="contract")
    if ours is None or span is None:
        return False
    mine = rule_speaker(ours)
    for tok in span:
        if tok.i == ours.i or tok.pos_ != "VERB" or tok.lower_ == "according" or ours.is_ancestor(tok) \
                or not is_reporting_cue(tok):
            continue  # a cue inside our cue's clause ("said Murphy, using a term Rubio used") is not a turn
        theirs = rule_speaker(tok)
        if theirs is not None and not _maybe_same(mine, theirs):
            return True
    return False


def cedes_quote(found: Found, regions: list[tuple[int, int]], doc: Any) -> bool:
    """Whether a cue's complement runs into a quotation that a cue clause right after it claims
    (`CEDE_TO_OWN_CUE`): the cue comes before the quoted words and the later cue is not its own
    clause's ("said that “…,” adding …" stays one report)."""
    if not CEDE_TO_OWN_CUE or doc is None:
        return False
    hits = [r for r in regions if overlap((found.start, found.end), r) > 0]
    ours = token_at(doc, found.cue_start)
    if not hits or ours is None or found.cue_start > hits[0][0]:
        return False
    return _own_cue_after(doc, hits[-1], found.cue_start, not_under=ours)


def _own_cue_after(doc: Any, region: tuple[int, int], cue_start: int, not_under: Any = None) -> bool:
    """Whether a quoted stretch is followed, within its sentence and OWN_CUE_WORDS words, by a cue
    with a subject of its own (", it added", ", the minister said"): that cue's quote, not ours.
    `not_under`: a cue inside that token's clause does not count."""
    if doc is None:
        return False
    end = token_at(doc, region[1])
    if end is None or doc_text(doc)[max(0, region[1] - 3):region[1]].rstrip().endswith("."):
        return False  # “….” She added: a full stop inside the marks ends the sentence, and the cue is the next one's
    words = 0
    for tok in doc[end.i: min(len(doc), end.i + 3 * OWN_CUE_WORDS)]:
        if tok.idx < region[1] or tok.is_punct and tok.text in ",'’\"”" or tok.idx == region[1] and tok.text == "''":
            continue  # the stretch's own closing mark ('' also opens a quotation) and its comma
        if tok.is_sent_start and tok.idx > region[1] + 2 or words >= OWN_CUE_WORDS or tok.text in OPENERS:
            return False
        words += 1
        if tok.idx != cue_start and tok.pos_ == "VERB" and is_reporting_cue(tok) \
                and rule_speaker(tok) is not None and not (not_under is not None and not_under.is_ancestor(tok)):
            return True
    return False


def _own_cue_before(doc: Any, region: tuple[int, int], cue_start: int) -> bool:
    """Whether a cue other than ours opens the quoted stretch, nothing but punctuation between
    ("“A,” Smith said, before adding: “B.”"): B is the "adding" quote's, and joined to A as well it
    was shown in two quotes."""
    if doc is None:
        return False
    first = token_at(doc, region[0])
    if first is None:
        return False
    for tok in reversed(doc[max(0, first.i - 4): first.i]):
        if tok.is_punct or tok.is_space:
            continue  # the opening mark, a colon or comma
        return tok.idx > cue_start and tok.pos_ == "VERB" and is_reporting_cue(tok)
    return False


def _maybe_same(mine: Any, theirs: Any) -> bool:
    """Whether two speaker heads may be one speaker: the same token or words, a pronoun, or one
    inside the other's phrase ("said Smith, a professor who argued")."""
    if mine is None or theirs.pos_ == "PRON":
        return True
    if mine.i == theirs.i or mine.lower_ == theirs.lower_:
        return True
    return theirs.i in {t.i for t in mine.subtree} or mine.i in {t.i for t in theirs.subtree}
