"""French quotes (issue 5): direct and reported speech over the fr_core_news_sm parse, as `Quote`s.

The English side (`quotes.py`) learned its cues and its filter from PolNeAR; French has no such gold,
so these are rules, each a construction of French news prose:

1. a cue right after a quotation: "« … », a-t-il affirmé", "« … » explique le ministre", and the
   quotation that goes on after its cue ("« A », dit-il, « B »" is one quote in two pieces);
2. a cue inside a quotation set off by commas with its clitic subject: "« Moi, dit-il, j'ai … »";
3. a cue before its content: "X a déclaré : « … »", "X a déclaré que …" (direct when the content is
   all quoted), "X a affirmé ne pas …" (an infinitive), "X a annoncé un plan …" (a noun phrase, for the
   verbs that report one), "X a dénoncé « … »";
   and a cue after reported words, its subject inverted: "…, a annoncé Mario Draghi.", "…, a-t-il précisé.";
4. "selon X, …", "d'après X, …", "…, selon X", and "pour X, « … »";
5. a quotation that opens the sentence after a direct quote (or follows a connective there: "En
   revanche, « … »"), with no cue of its own, is that quote's speaker's still (French quotes run over
   several sentences so).

The cue verbs are `data/quote_cues.json` (`quote_cues`); quotations and sentence bounds come
from the characters (`quote_marks`), as the small model parses « … » badly; the speaker and the
entity it names from `speakers`; rule 3 lives in `quote_clauses`, rule 4 in `quote_sources`, the
records the rules share in `quote_page`. A cue inside quotation marks is the quoted person's words (rule 2
aside), never a new attribution.
"""

from __future__ import annotations

from typing import Any

from newsdesk.records import Quote
from newsdesk.understand.entities import Mention
from newsdesk.understand.french import quote_marks as marks
from newsdesk.understand.french import speaker_links, speaker_names, speakers
from newsdesk.understand.french.quote_clauses import before
from newsdesk.understand.french.quote_cues import cue_lemma
from newsdesk.understand.french.quote_page import AUXES, MIN_BARE, OBJECT_CLITICS, Page, Said, clitic_speaker, goes_on
from newsdesk.understand.french.quote_sources import according
from newsdesk.understand.french.speakers import Speaker


def find_quotes(doc: Any, mentions: list[Mention] | None = None) -> tuple[Quote, ...]:
    """The quotes of a French Doc, in text order, each speaker named by `mentions` (the article's
    entity mentions, canonical filled; the model's PER/ORG names when not given)."""
    text = doc.text
    regions = marks.quoted_regions(text)
    page = Page(doc, text, regions, marks.sentences(text, regions))
    found = _inside(page) + _after(page)
    found += before(page) + according(page)
    found.sort(key=lambda s: s.pieces[0][0])
    _participles_follow(page, found)
    found = _carried(page, found)
    return _records(page, found, mentions if mentions is not None else mentions_from_ents(doc))


def _participles_follow(page: Page, found: list[Said]) -> None:
    """A participle's quote with no subject found ("Le syndicat estime que « … » évoquant des « refus
    … »") has the speaker of the quote before it in its sentence: the participle hangs from that cue."""
    for prev, said in zip(found, found[1:], strict=False):
        verb = page.doc.char_span(*said.cue) if said.cue else None
        participle = verb is not None and verb[0].lower_.endswith("ant")
        same = page.sentence(prev.pieces[-1][1]) == page.sentence(said.pieces[0][0])
        if said.speaker is None and participle and same:
            said.speaker = prev.speaker


def _cue_after(doc: Any, i: int) -> tuple[Any, Any] | None:
    """The cue verb at token i on, past a comma, object clitics, an auxiliary with its clitic and
    adverbs ("», lui avait-il ensuite lancé"), and the clitic subject if one: (verb, clitic)."""
    n = len(doc)
    if i < n and doc[i].text == ",":
        i += 1
    while i < n and doc[i].lower_ in OBJECT_CLITICS:
        i += 1
    subject = None
    if i < n and doc[i].lower_ in AUXES:
        i += 1
        while i < n and doc[i].lower_.startswith("-"):
            subject = doc[i] if doc[i].lower_ != "-t" else subject
            i += 1
    for _ in range(3):
        if i < n and (doc[i].pos_ == "ADV" or doc[i].lower_ in speakers.TIME_WORDS) and cue_lemma(doc[i]) is None:
            i += 1
    if i >= n or cue_lemma(doc[i], after_quote=True) is None:
        return None
    verb = doc[i]
    if verb.lower_.endswith("ant") and "Part" in verb.morph.get("VerbForm"):
        # "« … » évoquant des « refus »": a participle's own content follows, not this quotation (by its
        # ending: the model calls "conclut" a present participle too)
        return None
    return verb, subject or speakers.clitic(verb)


def _after(page: Page) -> list[Said]:
    """Rule 1: "« … », a-t-il affirmé", "« … » explique le ministre", "« A », dit-il, « B »."""
    doc, text, out = page.doc, page.text, []
    for k, (a, b) in enumerate(page.regions):
        if k in page.used or b >= len(text) or not page.long_enough(k):
            continue
        close = doc.char_span(b, b + 1, alignment_mode="expand")
        found = _cue_after(doc, close.end) if close is not None else None
        if found is None:
            continue
        verb, clitic = found
        end = page.sents[page.sentence(b)][1]
        speaker = clitic_speaker(clitic) if clitic is not None else speakers.inverted(verb, end)
        if speaker is None and (subj := speakers.subject(verb)) is not None and subj.idx > verb.idx:
            speaker = Speaker(subj, speakers.phrase(subj))
        said = Said([marks.inner(text, (a, b))], "direct", (verb.idx, verb.idx + len(verb)), speaker, {k})
        goes_on(page, said, max(verb.idx + len(verb), speaker.span[1] if speaker else 0), end)
        page.used.add(k)
        page.cues.add(verb.i)
        out.append(said)
    return out


def _inside(page: Page) -> list[Said]:
    """Rule 2: "« Moi, dit-il, j'ai … »": a cue with its clitic subject set off by commas inside a
    quotation splits it into two pieces around the cue clause."""
    doc, text, out = page.doc, page.text, []
    for k, (a, b) in enumerate(page.regions):
        span = doc.char_span(a + 1, b, alignment_mode="contract")
        for tok in span or []:
            if tok.i == 0 or doc[tok.i - 1].text != "," or (lemma := _inner_cue(tok)) is None:
                continue
            verb, clitic = lemma
            after = max(verb.i, clitic.i) + 1
            if after >= len(doc) or doc[after].text not in (",", ".") or doc[after].idx >= b:
                continue  # ", dit-il," or ", souligne-t-elle." ending the quotation's first sentence
            lo, hi = marks.inner(text, (a, b))
            pieces = [marks.trimmed(text, lo, doc[tok.i - 1].idx), marks.trimmed(text, doc[after].idx + 1, hi)]
            out.append(Said([p for p in pieces if p[0] < p[1]], "direct", (verb.idx, verb.idx + len(verb)),
                            clitic_speaker(clitic), {k}))
            page.used.add(k)
            page.cues.add(verb.i)
            break
    return out


def _inner_cue(tok: Any) -> tuple[Any, Any] | None:
    """(verb, clitic) when tok starts "dit-il" or "a-t-il dit"; None otherwise."""
    found = _cue_after(tok.doc, tok.i)
    if found is None or found[1] is None or found[0].i - tok.i > 4:
        return None
    return found


# words that join a sentence to the one before it, before a quotation that goes on with its speaker
_CONNECTIVES = {"en revanche", "pourtant", "cependant", "toutefois", "mais", "et", "or", "par ailleurs", "en outre",
                "de plus", "enfin", "aussi", "ainsi", "surtout"}


def _carried(page: Page, found: list[Said]) -> list[Said]:
    """Rule 5: a quotation opening the sentence after a direct quote's, with no cue, goes on with
    that quote's speaker."""
    out = list(found)
    for k, (a, b) in enumerate(page.regions):
        if k in page.used or not page.long_enough(k, MIN_BARE):
            continue
        s = page.sentence(a)
        lead = page.text[page.sents[s][0]:a].strip(marks.SPACES + "-—–\n")
        if lead and lead.rstrip(", ").lower() not in _CONNECTIVES:
            continue  # "En revanche, « … »" goes on as "« … »" does
        before = [f for f in out if f.pieces[-1][1] <= a and f.kind == "direct" and f.speaker is not None]
        if not before or page.sentence(before[-1].pieces[-1][1]) < s - 1:
            continue
        prev = before[-1].carried or before[-1]
        out.append(Said([marks.inner(page.text, (a, b))], "direct", None, prev.speaker, {k}, carried=prev))
        page.used.add(k)
        out.sort(key=lambda f: f.pieces[0][0])
    return out


def _records(page: Page, found: list[Said], mentions: list[Mention]) -> tuple[Quote, ...]:
    text = page.text
    ctx = speaker_links.Context({t.i: m for m in mentions for t in m.span}, mentions, page.sents, page.regions, [])
    named: dict[int, tuple[str | None, str | None]] = {}
    out = []
    for s in found:
        m, written = speaker_names.named(s.speaker, ctx) if s.speaker is not None else (None, "")
        speaker = (m.canonical or m.text) if m is not None else (written.strip(marks.SPACES + "-") or None)
        role = m.role if m is not None else None
        if s.carried is not None and id(s.carried) in named:
            speaker, role = named[id(s.carried)]
        named[id(s)] = (speaker, role)
        who = s.speaker.span if s.speaker is not None and s.carried is None else None
        out.append(Quote(text=" … ".join(text[a:b] for a, b in s.pieces), kind=s.kind, start=s.pieces[0][0],
                         end=s.pieces[-1][1], speaker=speaker, speaker_role=role,
                         cue=text[s.cue[0]:s.cue[1]] if s.cue else None, pieces=tuple(s.pieces),
                         cue_start=s.cue[0] if s.cue else None, cue_end=s.cue[1] if s.cue else None,
                         speaker_start=who[0] if who else None, speaker_end=who[1] if who else None))
        if s.speaker is not None and m is not None and m.type == "PERSON":
            ctx.earlier.append((s.speaker.span[0], m))
        elif s.speaker is not None and m is None and s.carried is None and s.speaker.head.pos_ == "NOUN":
            ctx.phrases.append((s.speaker.span[0], s.speaker))  # a pronoun after may stand for it
    return tuple(out)


_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}
_HONORIFIC_WORDS = {"m.", "mme", "mlle", "madame", "monsieur"}


def mentions_from_ents(doc: Any) -> list[Mention]:
    """The model's own names as mentions, for a caller without the article's entities: a person's
    short name canonical to the longest name in the text that ends with it ("Samaras": "Antonis
    Samaras"), an honorific left out."""
    out = []
    for e in doc.ents:
        span = e[1:] if len(e) > 1 and e[0].lower_ in _HONORIFIC_WORDS else e
        out.append(Mention(text=span.text, type=_TYPES.get(e.label_, e.label_), start=span.start_char,
                           end=span.end_char, span=span))
    people = [m for m in out if m.type == "PERSON"]
    for m in out:
        if m.type == "PERSON":
            fuller = [p.text for p in people if p.text.split()[-1] == m.text.split()[-1]]
            m.canonical = max(fuller, key=len)
        else:
            m.canonical = m.text
    return out
