"""Who a page's own "I" is.

A minister's speech, an op-ed or a blog post says "I would like to make a statement" outside any
quotation marks: the page's writer speaks. `annotate` gave such an "I" the nearest person before
it, as for a he/she: on the corpus store 101 of 151 "I" quotes went to whoever the page had named
last (a minister's statement to "Alex Marshall", a blogger's to "Charles").

An "I" in an interview's turn ("ChristopherHill: … I took the Oath") is the one the turn's label
names. A page that introduces other people's words as paragraphs after a colon ("Camerini, from
blog Transbrasil, states:") is different again: there, an "I" is the writer being quoted, and the
nearest person before it is the old rule, kept. Elsewhere an unquoted "I" is the writer: the page's
author when the byline names a person (not "Ministry of Justice"); else the person the page's title,
summary or first paragraph gives the words to ("Statement by The Rt Hon Elizabeth Truss MP",
"Home Secretary Theresa May gave a statement"), else the office a title gives them to ("Home
Secretary speech to …"); else nobody the page names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from newsdesk.understand import dialogue, nlp, quote_candidates, quote_regions
from newsdesk.understand.roles import TITLE_WORDS

FIRST_PERSON = {"i", "me"}
WRITER_SPEAKS = True  # False: an unquoted "I" goes to the nearest person, as before session 14
# Session 15: an organisation's page ("Home Office") speaks through the office holder its headings
# name (`page_writer`). False: its "I" is left as written, as in session 14.
ROLE_WRITER = True
# Session 16 (P3): an organisation's own page ("Ministry of Justice", "Marine Management Organisation"
# as its byline) says "we" for the organisation, or for the person its headings give the words to.
# False: its unquoted "we" is left as written.
ORG_WE = True
GROUP_FIRST_PERSON = {"we", "us"}
# Session 17 (E22): a page whose heading gives its words only to an office ("Home Secretary speech
# to …") and whose summary names the holder by surname ("May addresses audience …") is that
# person's: the 11 quotes of the corpus store's page had no entity. False: the office, as before.
HOLDER_BY_SURNAME = True


def writer_speaks(tok: Any, text: str) -> bool:
    """Whether a first-person speaker token is the page's writer: outside quotation marks, with no
    paragraph before it ending in a colon (a page quoting others' paragraphs)."""
    return WRITER_SPEAKS and tok.lower_ in FIRST_PERSON and _page_voice(tok, text)


def organisation_speaks(tok: Any, page: Page, text: str) -> str | None:
    """The organisation whose own page an unquoted "we" stands on (`page_organisation`), placed as
    `writer_speaks` places an "I"; None elsewhere (a news story's or a person's blog's "we")."""
    if not ORG_WE or tok.lower_ not in GROUP_FIRST_PERSON or not _page_voice(tok, text):
        return None
    return page_organisation(page)


def _page_voice(tok: Any, text: str) -> bool:
    """Whether a token stands where the page speaks itself: outside quotation marks, with no
    paragraph before it ending in a colon (a page quoting others' paragraphs)."""
    if ":\n" in text[:tok.idx]:
        return False
    return not any(a <= tok.idx < b for a, b in quote_regions.every_quoted(tok.doc))


def page_organisation(page: Page) -> str | None:
    """The organisation a page is by: its first byline when no byline names a person ("Ministry of
    Justice" of a GOV.UK page, "Wikimedia Foundation" of its blog); None for a person's page or one
    without bylines."""
    authors = [a.strip() for a in page.authors if a.strip()]
    if not authors or person_author(authors) is not None:
        return None
    return authors[0]


def turn_label(tok: Any, text: str) -> str | None:
    """The speaker label of the interview turn a token stands in ("ChristopherHill" of
    "ChristopherHill: … I took the Oath …", or of a later paragraph of the same answer,
    `dialogue.turn_at`): that "I" is the one answering, not the page's writer."""
    found = dialogue.turn_at(tok.doc, text, tok.idx)
    if found is None:
        return None
    label = text[found[0]:found[1]].strip()
    if label in dialogue.QA_LABELS:  # "A:" is the interviewee's; "Q:" the interviewer's, the page's own
        who = dialogue.answerer(tok.doc, text, label)
        return None if who is None else str(who.text)
    if dialogue.media_tag(label):
        return None
    # a name the tagger knows, capitals, or a label that opens other paragraphs too (a Wikinews
    # "ChristopherHill:" is no entity); "Analysis: I think …" once is a heading
    named = quote_candidates.names_speaker(tok.doc, *found)
    return label if named or dialogue.paragraph_labels(text)[label] >= 2 else None


def person_author(authors: Iterable[str]) -> str | None:
    """The first byline that names a person, without its titles ("The Rt Hon Lord McNally" →
    "McNally"); None when the bylines are organisations ("Ministry of Justice") or absent."""
    return next((name for a in authors if (name := _person_name(a.strip()))), None)


@lru_cache(maxsize=1024)
def _person_name(author: str) -> str | None:
    author = _POSTNOMINAL.sub("", author)  # "Nick Gibb MP": the tagger's person is "Nick Gibb"
    if not author or len(author) > 80:
        return None
    doc = nlp.load_nlp()(f"Written by {author}.")
    ents = [e for e in doc.ents if e.label_ == "PERSON" and e.text.strip() == author]
    if not ents:
        return None
    words = author.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS | _COURTESY:
        words = words[1:]
    return " ".join(words)


# Courtesy words bylines put before a peer's or a minister's name ("The Rt Hon Lord McNally").
_COURTESY = {"the", "rt", "hon", "right", "honourable", "honorable"}
_POSTNOMINALS = r"(?:MP|QC|KC|MEP|MSP|MLA)"  # letters after a member's or a silk's name
_POSTNOMINAL = re.compile(rf"(?:,?\s+{_POSTNOMINALS})+$")


class Page(NamedTuple):
    """What a page says of itself beside its text: its bylines, title and summary (the excerpt)."""

    authors: tuple[str, ...] = ()
    title: str | None = None
    excerpt: str | None = None


NO_PAGE = Page()  # a text alone: no byline, title or summary


def page_writer(page: Page, text: str) -> tuple[str | None, str | None]:
    """(name, role) of whoever a page's own "I" is: the byline's person (no role); else, when the
    byline is an organisation ("Ministry of Justice"), the person the title, summary or first
    paragraph says gave the words ("Statement by The Rt Hon Elizabeth Truss MP, Lord Chancellor",
    "Andrea Leadsom's speech", "Prime Minister David Cameron wrote an article"), else (None, the
    role) a title gives the words ("Home Secretary speech to …"), else (None, None). Only these
    forms: a person the page merely names near the top is no more its writer than one further on."""
    name = person_author(page.authors)
    if name is not None or not ROLE_WRITER:
        return name, None
    heads = [h for h in (page.title, page.excerpt, _first_paragraph(text)) if h and h.strip()]
    role = next((r for h in heads if (r := _speech_role(h))), None)  # "PM's closing remarks"
    said = next((found for h in heads if (found := _said_by(h))), None)
    if said is not None:
        return said[0], said[1] or role
    if role is None:
        return None, None
    holder = next((n for h in heads if (n := _holder(h, role))), None)  # "Home Secretary Theresa May"
    if holder is None and HOLDER_BY_SURNAME:
        holder = next((n for h in heads if (n := _surname_holder(h))), None)  # "May addresses audience …"
    return holder, role


def name_at(name: str, text: str) -> tuple[int, int]:
    """Where the text writes a writer's name, first ("Theresa May sends her best wishes"); (0, 0), a
    span of no characters, when only the heading or byline names them: offsets are into the text.
    A lone surname is not looked for: the word may be something else there ("the elections in May")."""
    if len(name.split()) < 2:
        return 0, 0
    m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    return m.span() if m else (0, 0)


def _first_paragraph(text: str) -> str:
    end = text.find("\n\n")
    return text[: end if 0 <= end < _HEAD_CHARS else _HEAD_CHARS]


_HEAD_CHARS = 300  # a first paragraph longer than this is the body, not a heading or a dateline


def _said_by(head: str) -> tuple[str, str | None] | None:
    """(name, role) of the person a heading says gave a page's words, if it says so."""
    for pattern in (_BY, _POSSESSIVE, _SUBJECT, _RT_HON):
        for m in pattern.finditer(head):
            name = m.group("name")
            if not _ROLE_ONLY.fullmatch(name):  # "Prime Minister's message" names no one
                return name, _role_name(m.group("role") or m.groupdict().get("after"))
    return None


def _speech_role(head: str) -> str | None:
    """The office a heading gives a page's words to ("Home Secretary speech to …": Home Secretary)."""
    m = _ROLE_SPEECH.search(head)
    return _role_name(m.group("role")) if m else None


def _holder(head: str, role: str) -> str | None:
    """The person a heading names as holding `role` ("Home Secretary Theresa May")."""
    for m in _ROLE_NAME.finditer(head):
        if _role_name(m.group("role")) == role and not _ROLE_ONLY.fullmatch(m.group("name")):
            return m.group("name")
    return None


@lru_cache(maxsize=256)
def _surname_holder(head: str) -> str | None:
    """The holder of a heading's office named by surname alone as the subject of a summary's
    speech verb ("Home Secretary speech to …" summarised "May addresses audience at …"); the
    store's surname rule takes "May" to the one person of a longer name it knows by it. Not a
    common noun ("Government announces …": the tagger says which) nor an office word."""
    m = _LONE_SUBJECT.match(head.strip())
    if m is None or m.group("name").lower() in TITLE_WORDS or _ROLE_ONLY.fullmatch(m.group("name")):
        return None
    first = nlp.load_nlp()(head.strip())[0]
    return None if first.pos_ == "NOUN" else m.group("name")


def _role_name(role: str | None) -> str | None:
    return None if role is None else _ROLE_SPELLED.get(role, role)


_ROLE_SPELLED = {"PM": "Prime Minister"}
# Offices whose holder gives speeches and statements, as headings write them. The first words are
# a closed list so that a capitalised word opening a sentence ("Today Minister …") is not read in.
_OFFICE = (r"(?:(?:Prime|Home|Foreign|Deputy|Vice|Lord|First|Chief|Shadow|Defence|Health|Justice|"
           r"Education|Transport|Business|Culture|Environment|Energy|Trade|Treasury|Brexit|Welsh|"
           r"Scottish|Northern Ireland|Attorney|Solicitor) ){0,3}"
           r"(?:Secretary|Minister|Chancellor|President|Governor|Mayor|Ambassador|Commissioner|General)"
           r"(?: of State)?(?: (?:for|of) (?:the )?[A-Z][\w]*(?:,? (?:and |& )?[A-Z][\w]*)*)?|PM")
_ROLES = rf"(?:{_OFFICE})(?: and (?:{_OFFICE}))?"
_WORD = rf"(?!{_POSTNOMINALS}\b)[A-Z][a-zA-Z-]+(?:['’][A-Z][a-zA-Z-]+)?"
_PEER = r"(?:Lord|Lady|Baroness|Sir|Dame)"
_NAME = rf"(?P<name>(?:{_PEER} )?{_WORD}(?: {_WORD}){{1,2}}|{_PEER} {_WORD})"  # two or three words, or "Lord McNally"
_HON = r"(?:[Tt]he )?(?:Rt\.? Hon\.? |Right Honourable )?"
_POST = rf"(?: {_POSTNOMINALS}\b)?"
_SPEAKER = rf"(?:(?P<role>{_ROLES}) )?{_HON}{_NAME}{_POST}(?:,? (?:the )?(?P<after>{_ROLES}))?"
_SPEECH = (r"(?i:speech|statement|remarks|address|message|article|letter|speaking note|note|foreword|"
           r"words|op-ed|blog post|lecture)")
_VERBS = (r"(?:gave|gives|made|makes|delivered|delivers|wrote|writes|addressed|addresses|closed|closes|"
          r"opened|opens|spoke|speaks|set out|sets out|announced|announces|sent|sends)")
# Each form opens the heading (or follows a "Topic: " in it): "Bloggers react to Obama's speech", "a
# statement by the President was …" are about someone's words, not those words.
_OPENS = r"(?:^|(?<=: ))"
_BY = re.compile(rf"{_OPENS}(?:[\w-]+ ){{0,2}}{_SPEECH} (?:by|of|from) {_SPEAKER}")  # "Statement by The Rt Hon …"
_POSSESSIVE = re.compile(rf"{_OPENS}(?:(?P<role>{_ROLES}) )?{_HON}{_NAME}['’]s (?:\w+ )?{_SPEECH}"
                         r"(?! (?:was|were|is|has|had|drew)\b)")  # "Andrea Leadsom's speech at …"
_SUBJECT = re.compile(rf"^{_SPEAKER},? {_VERBS}\b")  # a summary opening "David Cameron closed the summit"
_RT_HON = re.compile(rf"(?P<role>)\b[Tt]he (?:Rt\.? Hon\.?|Right Honourable) {_NAME}")
_ROLE_SPEECH = re.compile(rf"{_OPENS}(?P<role>{_ROLES})(?:['’]s)? (?:\w+ )?{_SPEECH}\b")
_ROLE_NAME = re.compile(rf"(?P<role>{_ROLES}),? (?:the )?{_HON}{_NAME}")
_LONE_SUBJECT = re.compile(rf"(?P<name>{_WORD}) {_VERBS}\b")
_ROLE_ONLY = re.compile(rf"(?:{_ROLES})|(?:[A-Z]\w* )*(?:{_OFFICE})")
