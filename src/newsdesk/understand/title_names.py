"""The names an article's title gives, as fuller forms of the text's short ones ("Wikinews
interviews Christopher Hill" for the text's "Hill"), and a headline's words kept off the names it
glues them to ("Obama Says", "Clinton Hid", "Rip Donald Trump").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsdesk.records import Article
from newsdesk.understand import name_kinds, name_sex, nlp
from newsdesk.understand.annotate_switches import TITLE_CASE_WORDS, TITLE_NAME_WORDS, TITLE_NAMES
from newsdesk.understand.entities import Mention, find_mentions


def title_names(article: Article, mentions: list[Mention]) -> list[Mention]:
    """The people and organisations the title names in full, as fuller forms of the text's short
    names: an interview titled "Wikinews interviews Christopher Hill, ..." whose text writes only
    "Hill" means him. They stand before the text (offset -1, so a full name the text gives before a
    short one is nearer and wins) and never reach the article's entities: offsets are into `text`,
    and extraction keeps the title out of it (a title the text repeats is read there already, and
    its names in the text lose their headline words the same way)."""
    title = (article.title or "").strip()
    if not TITLE_NAMES or not title:
        return []
    at = article.text.find(title)
    if at >= 0:
        if TITLE_NAME_WORDS:
            _repeated_title_names(mentions, at, at + len(title), article.text)
        return []
    doc = nlp.load_nlp()(title)
    names = [m for m in find_mentions(doc) if m.type in ("PERSON", "ORG")]
    if TITLE_NAME_WORDS:
        capitals = _headline_case(doc)
        names = [Mention(s.text, m.type, -1, -1, s) for m in names
                 for s in [_name_words(m.span, article.text, m.type == "PERSON", capitals)]]
    names = [m for m in names if len(m.span) > 1]
    for m in names:  # a headline's grammar is no source of a role (nor, through it, of a country)
        m.start = m.end = -1
        m.role = m.country = None
    return names


def _repeated_title_names(mentions: list[Mention], start: int, end: int, text: str) -> None:
    """The text's own people and organisations inside the title it repeats keep only their name
    words, as the title's do: "Obama Says" opening the text is the text's "Obama". Their words are
    looked for in the text after and before the title, as a title's are in a text without it."""
    inside = [m for m in mentions if m.type in ("PERSON", "ORG") and start <= m.start and m.end <= end]
    title = inside[0].span.doc.char_span(start, end, alignment_mode="expand") if inside else None
    capitals, rest = title is not None and _headline_case(title), text[:start] + "\n" + text[end:]
    for m in inside:
        span = _name_words(m.span, rest, m.type == "PERSON", capitals)
        if len(span) < len(m.span):
            m.span, m.text, m.start, m.end = span, span.text, span.start_char, span.end_char


def _name_words(span: Any, text: str, person: bool = True, capitals: bool = False) -> Any:
    """The name in a headline's name, without the headline words the model glues to its edges: in
    headline case every word looks like a name ("Obama Says African-American Museum ...", "Clinton
    Plan for Taxes", "Rip Donald Trump"). An edge word goes when the tagger reads it as a verb form
    or punctuation; a person's also when it reads it as a common noun, or when it is an English word
    (the lemmatizer's lexicon) that the article's text writes in lower case ("says", "plan"): a
    surname such as Hill or Clinton is written capitalised. Its first word goes so only while two
    words stay (given names are English words too: Bill, Rush), unless `_no_name_here` says it is
    no name. An organisation's name is made of common nouns ("International Monetary Fund"), so only
    verbs and punctuation leave it. `capitals`: the title capitalises every word (`_headline_case`)."""
    def headline(tok: Any, lead: bool) -> bool:
        if tok.tag_.startswith("VB") or tok.is_punct or tok.tag_ == "POS":
            return True
        if person and TITLE_CASE_WORDS and _no_name_here(tok, lead, text, capitals):
            return True
        if not person or (lead and len(span) < 3):
            return False
        common = tok.is_alpha and name_kinds.common_word(tok.text)
        return tok.tag_ in ("NN", "NNS") or (common and _written(tok.lower_, text))

    while len(span) > 1 and headline(span[-1], lead=False):  # a word alone is no glued one
        span = span[:-1]
    while len(span) > 1 and headline(span[0], lead=True):
        span = span[1:]
    return span


def _written(word: str, text: str) -> bool:
    """Whether the text writes `word`, in the case given, somewhere as a word of its own."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _written_capitalised(word: str, text: str) -> bool:
    """Whether the text writes `word` with a capital, as a word of its own ("TRUMP" as "Trump")."""
    found = re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE)
    return any(m.group()[0].isupper() for m in found)


def _no_name_here(tok: Any, lead: bool, text: str, capitals: bool) -> bool:
    """Whether a word at a person's name's edge, capitalised only by where it stands (a title in
    headline case, or its first word), is an English word the text never writes as a name: "Face"
    of "... Clinton And Trump Face", "Hid" of "Clinton Hid Past Health Problems", "Rip" of "Black
    Lawmakers Rip Donald Trump", "Derelict" of "Derelict Obama and Clinton". A surname that is an
    English word (Hill, Warren) is written capitalised in the text; a known given name first
    (name_sex.first_names: Bill, Rush) stays, since a text may write only the surname."""
    if not (capitals or tok.is_sent_start):
        return False
    if not tok.is_alpha or not _english_word(tok.text):  # a stop word is no name's end: "Obama To"
        return not lead and (tok.like_num or tok.is_stop)  # ("George Will" is an English word's case)
    if lead and tok.lower_ in name_sex.first_names():
        return False
    return not _written_capitalised(tok.text, text)


def _headline_case(tokens: Any) -> bool:
    """Whether a title capitalises every word but spaCy's stop words ("One Tweet Sums Up The Absurd
    Double Standard Clinton And Trump Face"): there a capital tells no name from a word."""
    words = [t for t in tokens if t.is_alpha and not t.is_stop]
    return len(words) > 1 and all(t.text[:1].isupper() for t in words)


@lru_cache(maxsize=1)
def _irregular_forms() -> frozenset[str]:
    """The irregular forms in the lemmatizer's exception table ("hid", "broke", "geese"), which its
    lexicon's suffix rules do not reach."""
    lemmatizer = nlp.load_nlp().get_pipe("lemmatizer") if "lemmatizer" in nlp.load_nlp().pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return frozenset()
    table = lookups.get_table("lemma_exc")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in table.get(pos, {}))


def _english_word(word: str) -> bool:
    """Whether `word` is a form of an English noun, verb, adjective or adverb, irregular ones too."""
    return name_kinds.common_word(word) or word.lower() in _irregular_forms()
