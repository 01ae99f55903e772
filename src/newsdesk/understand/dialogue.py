"""Interviews and transcripts: whether a page is one, and how far each of its turns runs.

A turn opens a paragraph with its speaker's label ("PENCE: Well, look, …", "NoamChomsky: …"). Before
session 16 two rules answered "is this page an interview or a transcript?": `writer` counted any
label opening two lines ("Limbaugh continued:" twice, "Still to come:" twice made pages
transcripts) and `annotate` a label of capitalised words opening two paragraphs. One rule now,
the second: a writer's lead-in in lower case is no speaker, and only a paragraph's label opens a turn
the quote finder reads.

An answer may run over several paragraphs. Only the first carries the label; the ones after it are
the same speaker's words until the next label or a clear end (`turn_pieces`): a heading, caption or
stage direction (no sentence's end at its end, or no sentence with a finite main verb: "On NATO",
"Hill at the candidates forum in 2011", "Example of aerated concrete, which provided a home for the
subjects.", "(CROSSTALK.)", "Follow Pam Key on Twitter"), or a paragraph that is plainly the writer's
again: no "I", "we" or "you" outside quotation marks, and a cue that attributes to someone ("Pence
said …", "“…,” she added").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any, NamedTuple

from newsdesk.understand import interviewee as _interviewees
from newsdesk.understand.quote_cues import cue_score, cue_slot

# A turn's label: a name or role of two characters or more, or the "Q:"/"A:" of a question-and-answer
# interview (`QA_LABELS`).
SPEAKER_LINE = re.compile(r"^[\"“]?([A-Z][A-Za-z.'’ -]{1,40}|[QA]):\s+(?=\S)")
QUESTION, ANSWER = "Q", "A"
QA_LABELS = {QUESTION, ANSWER}
# Page furniture, never a turn even when it opens a paragraph of a transcript ("VIDEO: …" in the
# Ramos/Clinton transcript on PolNeAR train had become a turn of speaker "VIDEO"): a media link, an
# editor's tag or note, a pointer to more reading.
MEDIA_TAGS = frozenset({
    "video", "videos", "photo", "photos", "picture", "pictures", "image", "images", "gallery",
    "slideshow", "audio", "listen", "watch", "watch live", "watch the video", "update", "updated",
    "updates", "editor's note", "editors note", "editor’s note", "editors' note", "note", "correction",
    "clarification", "read more", "read", "more", "see also", "also read", "related", "related story",
    "related stories", "related content", "recommended", "advertisement", "sponsored", "breaking",
    "breaking news", "developing", "exclusive", "source", "sources", "credit", "caption", "file",
    "follow", "subscribe", "sign up", "click here", "warning",
    "ed.", "ed. note",  # an editor's note ("Ed.: See the catalog"); a man called Ed is written without the stop
    # a clip played in a broadcast (session 17): its words are whoever is on the tape's, not the host's
    "video clip", "audio clip", "clip", "soundbite", "sound bite", "sot", "videotape", "audiotape", "tape",
    "footage", "recording", "audio recording", "voice-over", "voiceover", "begin video clip", "end video clip",
    "begin videotape", "end videotape", "commercial break",
})


def media_tag(label: str) -> bool:
    """Whether a label is page furniture ("VIDEO", "Editor's Note", "READ MORE"), not a speaker."""
    return " ".join(label.lower().split()) in MEDIA_TAGS

Span = tuple[int, int]


def clip_words(text: str, start: int) -> bool:
    """Whether the words at `start` open with a media tag ("VIDEO: Hillary and Obama … all told
    me", an "AUDIO:" paragraph of a transcript quoted whole): a clip's words, not those of the
    host who introduced it, nor of whoever spoke last (PolNeAR train's Benghazi transcript gave
    the mother's words on the video to Ramos)."""
    m = SPEAKER_LINE.match(text[start:start + 60])  # `^` anchors at the string's start, not at pos
    return m is not None and media_tag(m.group(1).strip())


# Session 17: a stage direction in brackets inside a turn ("… as anyone's. (APPLAUSE) We consulted …",
# "[crosstalk]"): the room's noise or the transcriber's note, not the speaker's words. Only these
# words, so that an editor's "[the minister]" or an answer's "(NATO)" stay in the quote.
CUT_STAGE = True  # False: a turn's pieces keep them, as in session 16
_STAGE_WORDS = frozenset({
    "applause", "applauding", "applauds", "laughter", "laughing", "laughs", "laugh", "crosstalk", "cross",
    "talk", "talking", "inaudible", "unintelligible", "indiscernible", "cheers", "cheering", "cheer", "boos",
    "booing", "boo", "jeers", "groans", "sighs", "pause", "pauses", "silence", "music", "gavel", "chanting",
    "overlapping", "voices", "speakers", "off", "mic", "off-mic", "microphone", "video", "audio", "clip",
    "videotape", "begin", "end", "break", "commercial", "beep", "bleep", "bleeped", "expletive", "deleted",
})
_STAGE_FILLERS = frozenset({"and", "from", "the", "of", "in", "some", "audience", "crowd", "continued", "continues",
                            "sustained", "loud", "prolonged", "scattered", "more", "then", "a", "by", "as"})
_BRACKETS = re.compile(r"\(([^()\n]{1,60})\)\.?|\[([^\[\]\n]{1,60})\]\.?")


def stage_direction(words: str) -> bool:
    """Whether bracketed words are a stage direction ("APPLAUSE", "crosstalk", "BEGIN VIDEO CLIP",
    "laughter from the audience"): stage words and fillers only, one stage word at least."""
    found = re.findall(r"[a-z-]+", words.lower())
    return any(w in _STAGE_WORDS for w in found) and all(w in _STAGE_WORDS | _STAGE_FILLERS for w in found)


def without_stage(text: str, pieces: list[Span]) -> list[Span]:
    """A turn's pieces with the stage directions inside them cut out (`stage_direction`)."""
    out: list[Span] = []
    for a, b in pieces:
        for m in _BRACKETS.finditer(text, a, b):
            if stage_direction(m.group(1) or m.group(2)):
                out.append((a, m.start()))
                a = m.end()
        out.append((a, b))
    return [(x, y) for x, y in (_stripped(text, a, b) for a, b in out) if x < y]


def _stripped(text: str, a: int, b: int) -> Span:
    part = text[a:b]
    return a + len(part) - len(part.lstrip()), a + len(part.rstrip())

# A wiki user name glued from a person's name ("MarioJLucero", "WilliamSSaturn"): it splits where a
# lower-case letter meets a capital, or a lone initial meets the next word. "Mc"/"Mac" stay on their
# word ("HughMcGuire" is Hugh McGuire), and an all-capitals "McCAIN" is one word, no glued name.
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NAME_PREFIXES = ("Mc", "Mac")


def glued_name(label: str) -> str | None:
    """The spaced name a glued label stands for ("MarioJLucero" -> "Mario J Lucero"), or None when
    the label is no glued name (spaces, one word, no lower case)."""
    label = label.rstrip(".")
    if not label.isalpha() or label.isupper():
        return None
    words: list[str] = []
    for part in _GLUE.split(label):
        if words and words[-1] in _NAME_PREFIXES:
            words[-1] += part
        else:
            words.append(part)
    return " ".join(words) if len(words) > 1 and all(w[0].isupper() for w in words) else None


def name_key(name: str) -> str:
    """A name as letters only, in lower case: "Mario J. Lucero" and "MarioJLucero" are one key."""
    return "".join(ch for ch in name.lower() if ch.isalpha())


def glued_labels(text: str) -> set[str]:
    """The turn labels of an interview or transcript that are glued names (`glued_name`)."""
    if not is_dialogue(text):
        return set()
    return {label for label in _paragraph_labels(text) if glued_name(label)}


def paragraph_labels(text: str) -> Counter[str]:
    """How many paragraphs each "NAME:" label opens; a transcript's or interview's repeat. Only
    labels of capitalised words: "Limbaugh continued:" twice is the writer's lead-in, no turn; and
    only before words: "Clinton: 547." and "Clinton: 2,316." are a tally (PolNeAR train's delegate
    count), not two turns."""
    return _paragraph_labels(text).copy()


@lru_cache(maxsize=8)  # asked by the quote finder, annotate and writer of the same page
def _paragraph_labels(text: str) -> Counter[str]:
    found = (m.group(1).strip() for p in text.split("\n\n")
             if (m := SPEAKER_LINE.match(p)) and _LETTER.search(p, m.end()))
    counts = Counter(label for label in found
                     if all(w[0].isupper() for w in label.split()) and not media_tag(label))
    if not counts.keys() >= QA_LABELS:
        for label in QA_LABELS:  # a lone "A:" twice is a list's item, not an answer
            counts.pop(label, None)
    return counts


_LETTER = re.compile(r"[^\W\d_]")


def is_dialogue(text: str) -> bool:
    """Whether the page is an interview or a transcript: some "NAME:" label of capitalised words
    opens two paragraphs or more. A one-off "Pat Caddell: Democrat Voters Worried …" is a headline."""
    return any(n >= 2 for n in _paragraph_labels(text).values())


def answerer(doc: Any, text: str, label: str) -> Any:
    """Who speaks a "Q:"/"A:" turn: the interviewee for "A" (`interviewee`), no one for "Q" (the
    questions are the interviewer's, the page's own)."""
    return interviewee(doc, text) if label == ANSWER else None


def interviewee(doc: Any, text: str) -> Any:
    """Who answers a question-and-answer interview: the person the page says it interviewed before
    its first "Q:" or "A:" (a heading's "Wikinews interviews Jane Doe", an intro's "Jane Doe answered
    our questions"), else the one its questions address ("Q: Ms. Doe, …"), else the first person it
    names there; never a byline, a credit, a reporter or whoever asks (`interviewee.pick`). None
    when it names no one there: "A" names no one, and the questions are the interviewer's. Found once
    a Doc: each answer and each "I" in one asks."""
    key = ("newsdesk_interviewee", text, doc.user_data.get(TITLE_KEY))  # one parse may serve two titles
    if key not in doc.user_data:
        doc.user_data[key] = _interviewee(doc, text)
    return doc.user_data[key]


def _interviewee(doc: Any, text: str) -> Any:
    if not _paragraph_labels(text).keys() >= QA_LABELS:
        return None
    qa = [(a, b, m.group(1)) for a, b in paragraphs(text)
          if (m := SPEAKER_LINE.match(text[a:b])) and m.group(1) in QA_LABELS]
    who = _interviewees.pick(doc, text, qa[0][0], [(a, b) for a, b, label in qa if label == QUESTION])
    if who is None and TITLE_INTERVIEWEE:  # a page that opens on its first question: its title may say
        name = _interviewees.from_title(doc.user_data.get(TITLE_KEY) or "")
        return None if name is None else TitleName(name)
    return who


# Session 18 (X25): the interviewee a page's title names ("Q&A: Jane Doe on ...") when its text names
# no one before its first question; the annotator leaves the title on the Doc under TITLE_KEY. False:
# such a page's answers are no one's, as before.
TITLE_INTERVIEWEE = True
TITLE_KEY = "newsdesk_title"


class TitleName(NamedTuple):
    """An interviewee named in the title only: a name with no token of the text behind it."""

    text: str
    root: Any = None


def paragraphs(text: str) -> list[Span]:
    """(start, end) of each paragraph ("\\n\\n" apart), as `text.split("\\n\\n")` cuts them."""
    out, pos = [], 0
    for para in text.split("\n\n"):
        out.append((pos, pos + len(para)))
        pos += len(para) + 2
    return out


def turn_pieces(doc: Any, text: str, start: int, end: int) -> list[Span]:
    """What a turn says: its labelled paragraph's words (`start`, `end`), then each unlabelled
    paragraph after it, up to the next label or a clear end (the module docstring). A paragraph's
    opening quotation mark that it does not close (a transcript quoted whole, each paragraph
    reopening the quote) is left out of its piece. Once the turn introduces what follows with a
    colon ("it's about being prepared to rise to the occasion, or go down:"), the lines of verse or
    list after it are its words too, sentences or not. Only in an interview or a transcript. Found once
    a turn: the quote finder asks, then `turn_at` again for each "I" or "we" of the answer. A stage
    direction inside a piece ("(APPLAUSE)", "[crosstalk]") is cut out of it (`CUT_STAGE`)."""
    if not is_dialogue(text):
        return [(start, end)]
    key = ("newsdesk_turn", text, start, end)
    if key not in doc.user_data:
        pieces = _turn_pieces(doc, text, start, end)
        doc.user_data[key] = (without_stage(text, pieces) or pieces) if CUT_STAGE else pieces
    return list(doc.user_data[key])


def _turn_pieces(doc: Any, text: str, start: int, end: int) -> list[Span]:
    pieces = [(start, end)]
    introduced = False
    name = _own_name(doc, text, start)
    for a, b in paragraphs(text):
        if a <= end:
            continue
        a, b = _trimmed(text, a, b)
        if a >= b:
            continue  # an empty paragraph: the turn goes on past it
        introduced = introduced or text[pieces[-1][1] - 1] == ":"
        if SPEAKER_LINE.match(text[a:b]) or _writers(doc, text, a, b, introduced, name):
            break
        pieces.append((a, b))
    return pieces


def _own_name(doc: Any, text: str, start: int) -> str:
    """The last word of the name of who speaks the turn whose words begin at `start`, in lower
    case ("matthews" of "Chris Matthews:", the interviewee's of "A:"); "" when it has none."""
    para = text[text.rfind("\n\n", 0, start) + 2:start + 1]  # rfind's -1 + 2: the first paragraph
    m = SPEAKER_LINE.match(para)
    label = m.group(1).strip() if m else ""
    if label in QA_LABELS:
        who = answerer(doc, text, label)
        label = who.text if who is not None else ""
    return label.split()[-1].lower() if label.split() else ""


def _trimmed(text: str, a: int, b: int) -> Span:
    a, b = _stripped(text, a, b)
    return (a + 1, b) if a < b and _unpaired_opener(text[a:b]) else (a, b)


def _unpaired_opener(para: str) -> bool:
    if para[0] == '"':
        return para.count('"') % 2 == 1
    return para[0] == "“" and para.count("“") > para.count("”")


def _writers(doc: Any, text: str, a: int, b: int, introduced: bool = False, name: str = "") -> bool:
    """Whether a paragraph after a turn is no more of it: a stage direction or note in brackets; a
    heading, a caption (no sentence's end at its end, or no sentence of it with a finite verb at its
    root) unless the turn `introduced` it; or the writer's narration (no first or second person
    outside quotation marks, and a cue with its subject, the speaker's own `name` in the third
    person, or a "however" taking issue: "The panel is right to note, however, …" after Chris
    Matthews' last answer on PolNeAR train)."""
    if _BRACKETED.fullmatch(text[a:b].strip("\"”")):
        return True  # a stage direction or an editor's note: "(CROSSTALK.)", "(reprinted with permission)"
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return False
    if not introduced and len(span) <= _CAPTION_TOKENS and (not text[a:b].endswith(_SENTENCE_ENDS)
                                                            or not _says(span)):
        return True  # a heading or caption: "On NATO", "Hill at the candidates forum in 2011"
    quoted = _quoted(text, a, b)
    own = [t for t in span if not any(x <= t.idx < y for x, y in quoted)]
    if any(t.lower_ in _SPEAKING_VOICE for t in own):
        return False
    return any(_attributes(t) or t.lower_ in (name, "however") for t in own)


def _says(span: Any) -> bool:
    """Whether some sentence of the paragraph has a finite main verb; where the parser ran a sentence
    on past the paragraph's end, whether the paragraph's part of it has a finite verb at all."""
    for sent in span.sents:
        if span.start <= sent.root.i < span.end:
            if _finite(sent.root):
                return True
        elif any(t.tag_ in _FINITE for t in sent if span.start <= t.i < span.end):
            return True
    return False


def _finite(root: Any) -> bool:
    """Whether a sentence's root is a finite verb: "Example of aerated concrete, which provided a home
    for the subjects." (a caption) has one only in its relative clause."""
    return root.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in root.children)


_FINITE = {"VBD", "VBZ", "VBP", "MD"}
# A heading or a caption is short; a longer paragraph the parser found no finite main verb in ("The
# result that healthy ants die sooner ... was obtained in another way", its root read as "result") is
# still an answer's.
_CAPTION_TOKENS = 30
_BRACKETED = re.compile(r"\([^()]*\)\.?|\[[^\[\]]*\]\.?")
_SENTENCE_ENDS = tuple(".?!…:;\"”’')]-–—")  # an answer's paragraph ends a sentence, or breaks off
# A turn's own voice: whoever answers says "I", "we", "you"; the writer's narration does not.
_SPEAKING_VOICE = {"i", "me", "my", "we", "us", "our", "you", "your"}


def _attributes(tok: Any) -> bool:
    """A cue of saying with someone as its subject ("Pence said", "the governor added", "she wrote"; not
    "no downloads are required", a passive). A verb of thinking or wanting ("The Republicans think …",
    "they want to …") is no sign of the writer's narration: an answer goes on in such paragraphs, and
    since the lexicon counts cues in narration only (`quote_cues.NARRATION_LEXICON`) those verbs are
    cues, at P 0.3-0.5 where the verbs of saying stand at 0.6-0.95 (`_SAYING_P`)."""
    if tok.pos_ != "VERB" or cue_score(tok, cue_slot(tok)[0]) < _SAYING_P:
        return False
    return any(c.dep_ == "nsubj" and (c.pos_ in ("PROPN", "NOUN") or c.lower_ in _THIRD_PERSON) for c in tok.children)


_THIRD_PERSON = {"he", "she", "they"}
_SAYING_P = 0.6


def _quoted(text: str, a: int, b: int) -> list[Span]:
    """Stretches in paired quotation marks within text[a:b]."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text, a, b)]


_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")


def turn_at(doc: Any, text: str, at: int) -> Span | None:
    """(start, end) of the label of the turn whose words hold offset `at`: the labelled paragraph
    holding it, or in an interview or transcript the nearest labelled one before it, when its turn
    runs on to it (`turn_pieces`)."""
    paras = paragraphs(text)
    here = next((i for i, (a, b) in enumerate(paras) if a <= at <= b), None)
    if here is None:
        return None
    for i in range(here, -1 if is_dialogue(text) else here - 1, -1):
        a, b = paras[i]
        m = SPEAKER_LINE.match(text[a:b])
        if m is None:
            continue
        label = (a + m.start(1), a + m.end(1))
        if i == here:
            return label
        pieces = turn_pieces(doc, text, a + m.end(), a + len(text[a:b].rstrip()))
        return label if any(x <= at < y for x, y in pieces[1:]) else None
    return None
