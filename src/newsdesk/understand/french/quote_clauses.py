"""French rule 3 (`quotes`): a cue outside quotation marks and its content after it ("X a déclaré :
« … »", "X a déclaré que …", "X a affirmé ne pas …", "X a annoncé un plan …", "X a dénoncé « … »",
"se sont félicités du résultat"), or reported words before it with its subject inverted ("…, a
annoncé Mario Draghi.", "…, a-t-il précisé."). A negated cue ("n'a pas confirmé que") is none."""

from __future__ import annotations

from typing import Any

from newsdesk.understand.french import quote_marks as marks
from newsdesk.understand.french import speakers
from newsdesk.understand.french.quote_cues import cue_lemma, idiom_words, lexicon, negated, restrictive
from newsdesk.understand.french.quote_page import (
    AUXES,
    MIN_BARE,
    MIN_WORDS,
    OBJECT_CLITICS,
    OPENERS,
    Page,
    Said,
    clitic_speaker,
    finite,
    goes_on,
)
from newsdesk.understand.french.speakers import NE, Speaker

_QUE = {"que", "qu'", "qu’"}
_DE = {"de", "d'", "d’", "du", "des"}
# a time between an appeal and its "à": "appelle cet après-midi à voter", "appelle de nouveau à"
_WHEN = speakers.TIME_WORDS | {"cet", "cette", "après-midi", "nuit", "midi", "de", "nouveau", "une", "fois"}


def before(page: Page) -> list[Said]:
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
    aux = any(t.lower_ in AUXES for t in doc[max(0, tok.i - 5):tok.i])
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
    aux = doc[j] if j > 0 and doc[j].lower_ in AUXES else None
    if aux is not None and aux.lemma_ == "être":
        return None  # "À cela s'est ajoutée la chute du titre": a thing added, no one speaking
    j -= 1 if aux is not None else 0
    while j > 0 and doc[j].lower_ in OBJECT_CLITICS:
        j -= 1
    if j <= 0 or doc[j].text != ",":
        return None
    s0, s1 = page.sents[page.sentence(verb.idx)]
    clitic = (speakers.clitic(aux) if aux is not None else None) or speakers.clitic(verb)
    speaker = clitic_speaker(clitic) if clitic is not None else speakers.inverted(verb, s1)
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
        clitic_speaker(subj) if subj is not None else _inverted(verb, tok.idx))
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
        if t.lower_ in _DE and (j == i or doc[j + 1].pos_ in ("VERB", "AUX", "ADV") or doc[j + 1].lower_ in NE):
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
        if lemma in lex.infinitives and (t.lower_ in NE or "Inf" in t.morph.get("VerbForm")):
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
