"""Who answers a question-and-answer interview, by what the page says before its first "Q:"/"A:".

Session 16 took the first person named there. A page that names its interviewer, its photographer
or someone else first ("Our reporter Sam Ortiz sat down with Dana Whitfield", "Photo: Marcus Lee",
"Vice President Joe Biden … spoke with POLITICO senior writer Michael Grunwald") gave the answers
to the wrong person when that one came first. Now, in this order:

1. the person the page says it interviewed: the object of "interviews"/"interviewed", of "with"
   after "Q&A", "interview", "spoke", "sat down", "talked", "caught up" (unless a person who is
   no member of the press is that verb's subject: Biden spoke with a writer); a heading's
   "Interview: Jane Doe"; "Jane Doe, interviewed by …"; "interviewee Jane Doe"; the subject of
   "answered", "told us", "spoke to us"; a label "Interviewee: Jane Doe";
2. the person the questions address ("Q: Ms. Whitfield, …");
3. the first person named, as before;

never a byline or credit ("By …", "Photo: …", "Image: …"), a member of the press by the words
around the name ("reporter", "writer", "photographer", "host", …), whoever does the interviewing
("Sam Ortiz interviewed …", "… interviewed by Sam Ortiz"), nor one the intro compares the
interviewee with ("Like Barack Obama, Jane Doe …").
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.understand import nlp

# The press and its credits: a name with one of these words in its phrase asks or shoots, not answers.
_PRESS = frozenset({
    "reporter", "writer", "correspondent", "journalist", "editor", "interviewer", "host", "anchor",
    "moderator", "photographer", "columnist", "producer", "contributor", "stringer", "blogger", "presenter",
})
_ANSWERING = frozenset({"interviewee", "guest", "respondent"})  # "interviewee David Titley"
# The verbs and nouns a page meets its interviewee "with": "spoke with X", "Q&A with X".
_MEETING = frozenset({"speak", "talk", "sit", "chat", "catch", "meet", "interview", "q&a", "conversation",
                      "session", "discussion", "exchange"})
# A person who is the subject of these answered: "X answered our questions", "X told us", "X spoke to us".
_ANSWERED = frozenset({"answer", "reply", "respond", "tell", "speak", "talk", "agree", "sit", "chat"})
_ASKING = frozenset({"interview", "ask", "question", "quiz"})  # its subject asks: "Sam Ortiz interviewed …"
_COMPARED = frozenset({"like", "unlike", "than"})  # "Like Barack Obama, Jane Doe …"
# What stands before a name on its line when the name is a byline or a credit, or a label that
# names the interviewee.
_CREDIT = re.compile(r"(?i)(?:\bby|\b(?:photos?|photographs?|pictures?|images?|credits?|camera|illustrations?)\s*:)"
                     r"\s*$")
_LABELLED = re.compile(r"(?i)\b(?:interviewee|guest|respondent|answers?(?: by)?|answered by)\s*:\s*$")


def pick(doc: Any, text: str, first: int, questions: list[tuple[int, int]]) -> Any:
    """The interviewee among the people the page names before offset `first` (its first "Q:" or
    "A:"), by the module's order; None when it names no one who could be. `questions`: the
    (start, end) of the page's "Q:" paragraphs, whose words may address the interviewee."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= first]
    fit = [e for e in people if not _not_answering(e, text)]
    said = next((e for e in fit if _answering(e, text, people)), None)
    if said is not None:
        return said
    return _addressed(doc, text, fit, questions) or (fit[0] if fit else None)


# A title that labels its page an interview before the name: "Q&A: Jane Doe on ...", "Interview: Jane Doe".
_TITLE_LABEL = re.compile(r"(?i)^\s*(?:an?\s+)?(?:exclusive\s+)?(?:q\s*&\s*a|q\s+and\s+a|interview)"
                          r"\s*[:\-\u2013\u2014|]\s*")


def from_title(title: str) -> str | None:
    """The person an interview's title says it interviewed, for a page whose text names no one before
    its first question: "An interview with Jane Doe", "Q&A: Jane Doe on the harbour plan", "Interview:
    Jane Doe", "Wikinews interviews Jane Doe" (the page's own rules, and a label before the name).
    None when the title names no one so: a title's first person is no interviewee by place alone
    ("Why Jane Doe matters" may be about her)."""
    if not title.strip():
        return None
    doc = nlp.load_nlp()(title)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    label = _TITLE_LABEL.match(title)
    for e in people:
        if _not_answering(e, title):
            continue
        if _answering(e, title, people) or (label is not None and e.start_char == label.end()):
            return str(e.text)
    return None


def _not_answering(ent: Any, text: str) -> bool:
    """A byline or credit, a member of the press, whoever does the interviewing, or a comparison."""
    if _CREDIT.search(_line_before(text, ent.start_char)):
        return True
    root = ent.root
    if root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.lemma_.lower() == "interview":
        return True  # "… interviewed by Sam Ortiz"
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in _ASKING:
        return True  # "Sam Ortiz interviewed Dana Whitfield"
    noun = root.head if root.dep_ == "appos" else root  # "Like her grandfather Tom Pryce, …"
    if noun.dep_ == "pobj" and noun.head.lower_ in _COMPARED:
        return True  # "Like Barack Obama, Jane Doe grew up …": a comparison
    return _in_phrase(ent, _PRESS)


def _answering(ent: Any, text: str, people: list[Any]) -> bool:
    """Whether the page says it interviewed this person (the module's first list)."""
    root, head = ent.root, ent.root.head
    lemma = head.lemma_.lower()
    if _LABELLED.search(_line_before(text, ent.start_char)) or _in_phrase(ent, _ANSWERING):
        return True
    if root.dep_ in ("dobj", "nsubjpass") and lemma == "interview":
        return True  # "Wikinews interviews Jane Doe", "Jane Doe was interviewed"
    if root.dep_ == "appos" and head.lower_ == "interview":
        return True  # a heading "Interview: Jane Doe on …"
    if _passive_interview(root):
        return True
    if root.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in _MEETING:
        return not _person_subject(head.head, people)  # "he spoke with POLITICO's writer": not the writer
    if root.dep_ == "nsubj" and lemma in _ANSWERED:
        return not any(c.lower_ == "with" and _people_in(c, people) for c in head.children)
    return False


def _passive_interview(root: Any) -> bool:
    """"Jack Herrick, wikiHow founder interviewed by Wikinews", "Dana Whitfield, who was interviewed
    by …": the clause that says so hangs on the name or its apposition."""
    for c in root.subtree:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "interview":
            return c.tag_ == "VBN" or any(x.dep_ == "auxpass" for x in c.children)
    return False


def _person_subject(verb: Any, people: list[Any]) -> bool:
    """Whether the verb's subject is a person not of the press: the interviewee meeting a reporter."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    return any(e.start <= subj.i < e.end and not _in_phrase(e, _PRESS) for e in people)


def _people_in(tok: Any, people: list[Any]) -> bool:
    idx = {t.i for t in tok.subtree}
    return any(e.root.i in idx for e in people)


def _in_phrase(ent: Any, words: frozenset[str]) -> bool:
    """Whether one of `words` stands in the name's noun phrase before it ("POLITICO senior writer
    Michael Grunwald") or in an apposition to it ("Sam Ortiz, our reporter")."""
    root = ent.root
    before = [t for t in ent.doc[root.left_edge.i:ent.start]]
    appos = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    return any(t.lower_ in words for t in before + appos)


def _line_before(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1:at]


def _addressed(doc: Any, text: str, people: list[Any], questions: list[tuple[int, int]]) -> Any:
    """The person a question opens by addressing ("Q: Ms. Whitfield, why …", "Q: Dana, …"): one the
    page named before whose name shares a word with the words before the question's first comma,
    else the person named there."""
    for a, b in questions:
        comma = text.find(",", a, b)
        if comma < 0 or len(text[a:comma].split()) > 6:
            continue
        words = {w.strip(".").lower() for w in text[a:comma].split()[1:]}  # after the "Q:" label
        hit = next((e for e in people if words & {w.lower() for w in e.text.split()}), None)
        hit = hit or next((e for e in doc.ents if e.label_ == "PERSON" and a <= e.start_char and e.end_char <= comma),
                          None)
        if hit is not None:
            return hit
    return None
