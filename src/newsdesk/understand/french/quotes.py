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
5. a quotation that opens the sentence after a direct quote, with no cue of its own, is that quote's
   speaker's still (French quotes run over several sentences so).

The cue verbs are `data/quote_cues.json` (`quote_cues`); quotations and sentence bounds come
from the characters (`quote_marks`), as the small model parses « … » badly; the speaker and the
entity it names from `speakers`; rule 4 lives in `quote_sources`, the records the rules share
in `quote_page`. A cue inside quotation marks is the quoted person's words (rule 2
aside), never a new attribution.
"""

from __future__ import annotations

from typing import Any

from newsdesk.records import Quote
from newsdesk.understand.entities import Mention
from newsdesk.understand.french import quote_marks as marks
from newsdesk.understand.french import speaker_links, speaker_names, speakers
from newsdesk.understand.french.quote_cues import cue_lemma, idiom_words, lexicon, negated, restrictive
from newsdesk.understand.french.quote_page import MIN_BARE, MIN_WORDS, OPENERS, Page, Said, finite, goes_on
from newsdesk.understand.french.quote_sources import according
from newsdesk.understand.french.speakers import Speaker

_AUXES = {"a", "avait", "ont", "avaient", "aurait", "auraient", "aura", "eut", "est", "était", "sont", "s'est"}
_OBJECT_CLITICS = {"lui", "leur", "nous", "vous", "me", "m'", "m’", "l'", "l’", "le", "la", "les", "y", "en", "se",
                   "s'", "s’", "t'"}
_QUE = {"que", "qu'", "qu’"}
_NE = {"ne", "n'", "n’"}
_DE = {"de", "d'", "d’", "du", "des"}
# a time between an appeal and its "à": "appelle cet après-midi à voter", "appelle de nouveau à"
_WHEN = speakers.TIME_WORDS | {"cet", "cette", "après-midi", "nuit", "midi", "de", "nouveau", "une", "fois"}


def find_quotes(doc: Any, mentions: list[Mention] | None = None) -> tuple[Quote, ...]:
    """The quotes of a French Doc, in text order, each speaker named by `mentions` (the article's
    entity mentions, canonical filled; the model's PER/ORG names when not given)."""
    text = doc.text
    regions = marks.quoted_regions(text)
    page = Page(doc, text, regions, marks.sentences(text, regions))
    found = _inside(page) + _after(page)
    found += _before(page) + according(page)
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


def _clitic_speaker(tok: Any) -> Speaker:
    start = tok.idx + len(tok.text) - len(tok.text.lstrip("-"))
    return Speaker(tok, (start, tok.idx + len(tok.text)))


def _cue_after(doc: Any, i: int) -> tuple[Any, Any] | None:
    """The cue verb at token i on, past a comma, object clitics, an auxiliary with its clitic and
    adverbs ("», lui avait-il ensuite lancé"), and the clitic subject if one: (verb, clitic)."""
    n = len(doc)
    if i < n and doc[i].text == ",":
        i += 1
    while i < n and doc[i].lower_ in _OBJECT_CLITICS:
        i += 1
    subject = None
    if i < n and doc[i].lower_ in _AUXES:
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
        speaker = _clitic_speaker(clitic) if clitic is not None else speakers.inverted(verb, end)
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
                            _clitic_speaker(clitic), {k}))
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


def _before(page: Page) -> list[Said]:
    """Rule 3: a cue outside quotation marks and its content after it."""
    out = []
    for tok in page.doc:
        if tok.i in page.cues or page.inside(tok.idx):
            continue
        lemma = cue_lemma(tok)
        late = lemma is None and cue_lemma(tok, after_quote=True) is not None  # "lance", "poursuit"
        if (lemma is None and not late) or negated(tok):
            continue  # a negated cue ("n'a pas confirmé que") says nobody said it: no quote
        if lemma is None:
            if (said := _content_before(page, tok)) is not None:
                out.append(said)  # "…, poursuit l'ex-président.": a verb of the quotation's end, inverted
            continue
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("pour", "afin"):
            continue  # "manifester pour exiger que": the purpose of an act, nobody's words
        if tok.lower_.endswith("ant") and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "ainsi":
            continue  # "a vendu 1,1 million de voitures, confirmant ainsi sa place": a consequence, no words
        if any(c.dep_ == "aux:pass" or c.dep_ == "nsubj:pass" for c in tok.children):
            continue  # "n'a pu être confirmée": a passive cue's subject is what was said, not who
        if _adjective(tok) and idiom_words(tok) is None:  # "fait grief" is no adjective however parsed
            continue  # "les résultats déjà confirmés": a participle read as an adjective says nothing
        said = _content_before(page, tok) or _content_after(page, tok, lemma)
        if said is not None:
            out.append(said)
    return out


def _adjective(tok: Any) -> bool:
    """A past participle with no auxiliary before it, no clitic subject and no verb it is coordinated
    with; or a cue's form after an article ("cette annonce"): no one says anything there."""
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].pos_ == "DET":
        return True
    if not ("Past" in tok.morph.get("Tense") and "Part" in tok.morph.get("VerbForm")):
        return False
    aux = any(t.lower_ in _AUXES for t in doc[max(0, tok.i - 5):tok.i])
    # a subject before it makes it a finite verb the model misread ("Il renchérit que", tagged a participle)
    subject = any(c.dep_ == "nsubj" and c.i < tok.i and c.pos_ == "PRON" for c in tok.children)
    return not (aux or subject or tok.dep_ == "conj" or speakers.clitic(tok) is not None)


def _content_before(page: Page, verb: Any) -> Said | None:
    """Rule 3b: "Une nouvelle version des billets va être lancée, a annoncé Mario Draghi, le président
    de la BCE.": reported words before a comma, then the cue with its subject after it ending the sentence."""
    doc, text = page.doc, page.text
    if "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense"):
        return None  # "insistant sur la jeunesse": a participle's clause, no statement of its own
    j = verb.i - 1
    while j > 0 and doc[j].pos_ == "ADV" and doc[j].lower_ != "autrement":  # "autrement dit" says nothing
        j -= 1
    aux = doc[j] if j > 0 and doc[j].lower_ in _AUXES else None
    if aux is not None and aux.lemma_ == "être":
        return None  # "À cela s'est ajoutée la chute du titre": a thing added, no one speaking
    j -= 1 if aux is not None else 0
    while j > 0 and doc[j].lower_ in _OBJECT_CLITICS:
        j -= 1
    if j <= 0 or doc[j].text != ",":
        return None
    s0, s1 = page.sents[page.sentence(verb.idx)]
    clitic = (speakers.clitic(aux) if aux is not None else None) or speakers.clitic(verb)
    speaker = _clitic_speaker(clitic) if clitic is not None else speakers.inverted(verb, s1)
    if speaker is None or any(t.pos_ in ("VERB", "AUX") and not _past_participle(t)
                              for t in doc[verb.i + 1:] if speaker.span[1] <= t.idx < s1):
        return None  # a clause after the speaker; "dans une interview publiée vendredi" is none
    content = marks.trimmed(text, s0, doc[j].idx)
    if not finite(doc, content):
        return None  # "Un responsable de Tripoli, …, a confirmé ces incidents": the subject, no statement
    inner = page.within(content)
    if marks.words(text, content) < MIN_BARE or inner & page.used or page.inside(content[0]):
        return None
    page.used.update(inner)
    page.cues.add(verb.i)
    return Said([content], "indirect", (verb.idx, verb.idx + len(verb)), speaker, inner)


def _past_participle(tok: Any) -> bool:
    """"publiée" in "une interview publiée vendredi": a participle with no auxiliary before it."""
    doc = tok.doc
    return ("Part" in tok.morph.get("VerbForm") and "Past" in tok.morph.get("Tense")
            and not (tok.i > 0 and doc[tok.i - 1].pos_ == "AUX"))


def _content_after(page: Page, verb: Any, lemma: str) -> Said | None:
    doc, text = page.doc, page.text
    subj = speakers.subject(verb, page.inside)
    inverted = subj is None or subj.i > verb.i
    if lemma in lexicon().appeals and not (subj is not None and speakers.may_speak(subj)):
        return None  # "cet événement tragique appelle à": a thing calls for nothing
    start = _content_start(doc, verb, lemma, inverted)
    if start is None:
        return None
    how, tok = start
    end = page.sents[page.sentence(verb.idx)][1]
    if tok.idx >= end:
        return None
    speaker = _subject_speaker(subj, verb) if subj is not None and not subj.lower_.startswith("-") else (
        _clitic_speaker(subj) if subj is not None else _inverted(verb, tok.idx))
    cue = (verb.idx, verb.idx + len(verb))
    k = page.region_at(tok.idx) if tok.text in OPENERS else None
    if how == "que" and k is None and tok.i + 1 < len(doc) and doc[tok.i + 1].text in OPENERS:
        k = page.region_at(doc[tok.i + 1].idx)
    if k is not None:
        least = MIN_BARE if how == "bare" else MIN_WORDS
        if how == "bare" and _says_self(verb, lemma):
            least = 2  # "se dit « particulièrement rassuré »": how one says one is, in two words
        if k in page.used or not page.long_enough(k, least):
            return None
        page.used.add(k)
        said = Said([marks.inner(text, page.regions[k])], "direct", cue, speaker, {k})
        goes_on(page, said, page.regions[k][1] + 1, end)
        return said
    if how == "bare" or how == "object" and speaker is None and idiom_words(verb) is not None:
        return None  # "les témoignages … faisant état de …": no one found to say it, no content's end
    pieces = marks.trimmed(text, tok.idx, _coordinated(verb, tok.idx, end))
    inner = page.within(pieces)
    if inner & page.used or marks.words(text, pieces) < MIN_WORDS:
        return None
    page.used.update(inner)
    return Said([pieces], "indirect", cue, speaker, inner)


def _of_content(doc: Any, i: int, v: int) -> Any:
    """The content's first token of an "of" verb ("se féliciter de", "accuser X de"), from token i:
    after "de" (the "du"/"des" itself: "du résultat"), past the object the verb accuses or reproaches
    ("accusent le Front Nusrat, un groupe lié à Al-Qaïda, d'être responsables"); None when a verb
    or a stop comes first."""
    for j in range(i, min(len(doc) - 1, v + 15)):
        t = doc[j]
        if t.lower_ in _DE and (j == i or doc[j + 1].pos_ in ("VERB", "AUX", "ADV") or doc[j + 1].lower_ in _NE):
            return doc[j] if t.lower_ in ("du", "des") else doc[j + 1]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":", "!", "?", "«", "»"):
            return None
    return None


def _says_self(verb: Any, lemma: str) -> bool:
    """"se dit", "s'est dit", "se déclare": the speaker says how they are, often in two quoted words."""
    doc, i = verb.doc, verb.i - 1
    if i > 0 and doc[i].lower_ in ("est", "sont", "était", "étaient") and doc[i - 1].lower_ in ("s'", "s’"):
        return lemma in ("dire", "déclarer")  # "s'est dit satisfait"
    return lemma in ("dire", "déclarer") and i >= 0 and doc[i].lower_ in ("se", "s'", "s’")


def _inverted(verb: Any, end: int) -> Speaker | None:
    """The inverted subject after the cue; none after an idiom, whose next words are its own ("faisant
    état de", not a subject "état")."""
    return None if idiom_words(verb) is not None else speakers.inverted(verb, end)


def _coordinated(verb: Any, start: int, end: int) -> int:
    """Where the content stops before a second verb of the same subject coordinated with the cue
    ("réclament la gratuité et indiquent leur peu d'intérêt"): that verb's statement is its own."""
    for head in [verb, *verb.ancestors]:  # "a revu ... en affirmant que X, mais a réitéré Y": X only
        for c in head.children:
            if c.dep_ == "conj" and start < c.idx < end and c.pos_ in ("VERB", "AUX"):
                cc = [k for k in c.children if k.dep_ == "cc" and k.idx > start]
                end = min([c.idx] + [k.idx for k in cc])
    return end


def _subject_speaker(subj: Any, verb: Any) -> Speaker:
    """The subject's phrase, cut before the cue when the parse ran it on ("Le quotidien Le Figaro annonce")."""
    a, b = speakers.phrase(subj)
    if a < verb.idx < b:
        b = max((t.idx + len(t) for t in verb.doc[subj.i:verb.i] if t.idx + len(t) <= verb.idx), default=b)
    return Speaker(subj, (a, b))


def _content_start(doc: Any, verb: Any, lemma: str, inverted: bool) -> tuple[str, Any] | None:
    """How the cue takes its content and the content's first token: after a colon, a "que", an
    opening quotation mark (bare), an infinitive, or a noun phrase; None when it takes none. Between
    the verb and it may stand adverbs, a channel ("à l'AFP"), and an inverted subject."""
    lex = lexicon()
    idiom = idiom_words(verb)
    i, n, in_pp, pp_noun = verb.i + 1 + (idiom[1] if idiom else 0), len(doc), False, False
    if lemma in lex.appeals:  # "appelle à voter pour X"; "a appelé Marine Le Pen « la bourgeoise »" says nothing
        while i < n and i - verb.i <= 4 and doc[i].lower_ in _WHEN:
            i += 1  # "appelle cet après-midi à voter"
        return ("object", doc[i]) if i < n and doc[i].lower_ in ("à", "au", "aux") else None
    if i < n and _says_self(verb, lemma) and doc[i].pos_ in ("ADJ", "VERB") and doc[i].is_lower:
        return "object", doc[i]  # "s'est dit satisfait de l'accord": how one says one is, unquoted
    while i < n and i - verb.i <= 14:
        t = doc[i]
        if lemma in lex.of and (de := _of_content(doc, i, verb.i)) is not None:
            # "se sont félicités du résultat", "lui reproche de ne pas …", "accusent X d'être …"
            return "object", de
        if in_pp and t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and t.text not in OPENERS and not (
                pp_noun and t.pos_ == "DET"):
            pp_noun = pp_noun or t.pos_ in ("NOUN", "PROPN")
            i += 1  # the channel's phrase: "sur le réseau social", "à l'AFP"; a second article starts the object
            continue
        in_pp = pp_noun = False
        if t.text == ":":
            return ("colon", doc[i + 1]) if i + 1 < n else None
        if t.lower_ in _QUE:
            return None if restrictive(verb) else ("que", t)  # "ne prévoit qu'une intervention": "only"
        if t.text in OPENERS:
            return "bare", t
        if lemma in lex.infinitives and (t.lower_ in _NE or "Inf" in t.morph.get("VerbForm")):
            # "indiquent leur peu d'intérêt à participer": an infinitive of a noun's, not the verb's content
            return None if doc[i - 1].lower_ in ("à", "pour") else ("inf", t)
        if t.text in (".", ";", "!", "?", "»", "”") or t.pos_ in ("VERB", "AUX"):
            return None
        if t.lower_ in speakers.PREPOSITIONS:
            in_pp = True
        elif t.lower_ in speakers.TIME_WORDS:
            pass  # "annonce mardi soir que": a time, not the object
        elif t.pos_ in ("NOUN", "PROPN", "DET", "ADJ", "NUM") and not t.lower_.startswith("-") and not inverted:
            return ("object", t) if lemma in lex.objects and t.pos_ in ("DET", "NOUN", "PROPN", "NUM") else None
        elif t.pos_ not in ("ADV", "PUNCT", "PRON", "ADP", "DET", "NOUN", "PROPN", "ADJ", "NUM", "CCONJ"):
            return None
        i += 1
    return None


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
