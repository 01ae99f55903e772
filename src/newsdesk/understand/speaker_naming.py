"""A quote's speaker named as the text means it: a label or byline, the name the speaker phrase
writes, a pronoun's antecedent, the person "the minister" means, the page's writer for an "I", else
the phrase as written (`resolve_speaker`).
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import dialogue, pronouns, quotes, role_nouns, writer
from newsdesk.understand.annotate_switches import GROUP_SUBJECTS, NORP_PEOPLE
from newsdesk.understand.entities import Mention
from newsdesk.understand.quote_found import doc_text
from newsdesk.understand.speaker_antecedents import ANTECEDENT_WINDOW, PERSON_PRONOUNS, antecedent
from newsdesk.understand.speaker_mention import written_speaker
from newsdesk.understand.speaker_phrase import phrase

_GROUP_PRONOUNS = {"they", "we", "it", "them", "us"}
# "we" in narration (a speaker head is never inside quotation marks) is the writer, not the nearest
# organisation: a blog's "we believe" was filed under Sellafield (W13).
_WRITER = {"we", "us"}
# Session 20 (S23): a speaker head that does not write whom it means ("She", "The senator") and is
# joined by "and" to others ("She and her aides said", "The senator and his allies argued") names
# them all: the antecedent's name and the other conjuncts as `_joined_names` writes them. Before,
# the others were dropped, so the quote was filed under one person and its co-speakers lost (PolNeAR
# train: "She and her aides" -> Hillary Clinton). False: the antecedent's name alone.
JOINED_RESOLVED = True


def resolve_speaker(doc: Any, f: quotes.Found, mentions: list[Mention], by_token: dict[int, Mention],
                    page: writer.Page = writer.NO_PAGE, naming: dict[str, Any] | None = None
                    ) -> tuple[str | None, str | None]:
    """(speaker name, their role) for a quote, or the phrase the text uses when no name fits.
    `naming`, when given, is filled with how the name was reached, for the learned speaker gate
    (`speaker_gate.features`): "writes" (the entity type of the name the speaker phrase writes, "-"
    for none, "nobody" for a clause's "it"), "how" (pronoun / description / group, "_none" added when
    no antecedent was found; absent for the phrase as written), "mention" and "back" (the resolved
    mention's type and how many characters before the speaker head it starts)."""
    naming = {} if naming is None else naming
    text = doc_text(doc)
    if f.speaker_text is not None:
        m = mention_named(f.speaker_text, mentions) or _by_label_role(f.speaker_text, text, mentions)
        return _as_named(f.speaker_text, m, mentions)
    tok = f.speaker_tok
    if tok is None:
        return None, None
    tok = quotes.speaker_head(tok)
    m, words = written_speaker(tok, by_token)
    naming["writes"] = m.type if m is not None else ("-" if words is not None else "nobody")
    if words is None:
        return None, None  # "it was striking that ...": the writer's framing, nobody's words
    if m is None and tok.lower_ in writer.FIRST_PERSON and writer.WRITER_SPEAKS:
        label = writer.turn_label(tok, text)  # "ChristopherHill: … I took the Oath"
        if label is not None:
            return _as_named(label, mention_named(label, mentions), mentions)
        if writer.writer_speaks(tok, text):  # "I would like to make a statement": the page's writer
            return _writer(page, text, mentions) or (words.text, None)
    if m is None and GROUP_SUBJECTS and tok.lower_ in pronouns.GROUP_WORDS:
        group = _group_speaker(tok, f, by_token, mentions)
        naming["how"] = "group" if group is not None else "group_none"
        return group or (words.text, None)
    if m is None and GROUP_SUBJECTS and tok.lower_ in _WRITER:
        label = writer.turn_label(tok, text)  # "TinaMcKenzie: We always …": she speaks for her team
        if label is not None:
            return _as_named(label, mention_named(label, mentions), mentions)
        if (org := writer.organisation_speaks(tok, page, text)) is not None:  # a ministry's own "we"
            return _writer(page, text, mentions) or _as_named(org, mention_named(org, mentions), mentions)
    written = m is not None
    if m is None and tok.lower_ in PERSON_PRONOUNS | _GROUP_PRONOUNS and tok.lower_ not in _WRITER:
        m = antecedent(tok, mentions)
        _resolved(naming, "pronoun", tok, m)
    if m is None and tok.pos_ == "NOUN":
        m = _role_noun(tok, f, mentions) if role_nouns.ROLE_NOUNS else _by_role(tok, mentions)
        _resolved(naming, "description", tok, m)
    if m is not None and not written and JOINED_RESOLVED and pronouns.joined(tok):
        return _joined_names(tok, by_token, first=_name(m)), None  # "She and her aides said"
    if m is not None:
        return _name(m), _role(m, mentions)
    return words.text, None


def _resolved(naming: dict[str, Any], how: str, tok: Any, m: Mention | None) -> None:
    """`resolve_speaker`'s record of an antecedent looked for, found or not."""
    naming["how"] = how if m is not None else how + "_none"
    if m is not None:
        naming["mention"], naming["back"] = m.type, tok.idx - m.start


def _writer(page: writer.Page, text: str, mentions: list[Mention]) -> tuple[str | None, str | None] | None:
    """The page's writer as the page names them ("McNally" of the byline "The Rt Hon Lord McNally"
    is the text's "Lord McNally"), with their role; an office when only that is known ("Home
    Secretary"); None when the page says nothing of its writer (`writer.page_writer`)."""
    name, role = writer.page_writer(page, text)
    if name is None:
        return None if role is None else (role, None)
    speaker, known = _as_named(name, mention_named(name, mentions), mentions)
    return speaker, known or role


def _as_named(name: str, m: Mention | None, mentions: list[Mention]) -> tuple[str | None, str | None]:
    """A name written as a label or byline, as a speaker: the mention it names with that mention's
    role, else the name as written."""
    return (m.canonical, _role(m, mentions)) if m else (name, None)


def _name(m: Mention) -> str | None:
    """A mention's name as a speaker: "Mexicans" say things, not Mexico (a nationality's canonical
    name is its country, the wrong kind of thing to quote)."""
    return m.text if NORP_PEOPLE and m.type == "NORP" else m.canonical


def _group_speaker(tok: Any, f: quotes.Found, by_token: dict[int, Mention],
                   mentions: list[Mention]) -> tuple[str | None, str | None] | None:
    """(speaker, role) of a they/them/it speaker (`pronouns.group_antecedent`): the name or phrase its
    antecedent writes, named as if it spoke itself; names joined by "and" all of them. None: no fit."""
    quoted = pronouns.antecedent_quoted(tok.doc)
    head = pronouns.group_antecedent(tok, by_token, quoted, (f.start, f.end), ANTECEDENT_WINDOW)
    if head is None:
        return None
    if tok.lower_ in pronouns.THEY and pronouns.joined(head):
        return _joined_names(head, by_token), None
    m, words = written_speaker(head, by_token)
    if m is not None:
        return _name(m), _role(m, mentions)
    return (words.text, None) if words is not None else None


def _joined_names(head: Any, by_token: dict[int, Mention], first: str | None = None) -> str:
    """"Chuck Grassley and Patrick Leahy" for "Mr. Grassley and Mr. Leahy": each conjunct's name,
    or its phrase when it names no one; `first`: the name the head stands for, when the head does not
    write it ("Maria Lopez and her aides" for "She and her aides")."""
    parts, t = [head], head
    while (nxt := next((c for c in t.children if c.dep_ == "conj"), None)) is not None:
        parts.append(nxt)
        t = nxt
    names = [] if first is None else [first]
    for p in parts[0 if first is None else 1:]:
        m = by_token.get(p.i)
        names.append(_name(m) or m.text if m is not None else phrase(p))
    return ", ".join(names[:-1]) + " and " + names[-1]


def _role_noun(tok: Any, f: quotes.Found, mentions: list[Mention]) -> Mention | None:
    """The one person "the minister" may mean (`role_nouns.role_antecedent`, roles read as `_role`
    does), else the one organisation "the fund" may (`role_nouns.org_antecedent`)."""
    quoted = pronouns.antecedent_quoted(tok.doc)
    said = (f.start, f.end)
    return (role_nouns.role_antecedent(tok, mentions, lambda m: _role(m, mentions), quoted, said)
            or role_nouns.org_antecedent(tok, mentions, quoted, said))


def _by_role(tok: Any, mentions: list[Mention]) -> Mention | None:
    """"the minister said": the nearest person before whose role is headed by that word,
    with the phrase's modifiers agreeing ("the Republican nominee" is not the Democratic one).
    Plurals and indefinites ("officials", "a senator") name nobody in particular."""
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    if tok.tag_ not in ("NN", "NNP") or det is None or det.lower_ not in ("the", "this"):
        return None
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.is_alpha}
    for m in reversed([m for m in mentions if m.end <= tok.idx and m.type == "PERSON"]):
        role = (_role(m, mentions) or "").lower()
        head = _role_head(role)
        if head and head[-1] == tok.lower_ and mods <= set(role.replace("-", " ").split()) | set(role.split()):
            return m
    return None


# Words that end a role's head: what follows says of what or whom, or is a relative clause ("a
# pollster who is not involved with the Clinton campaign" is a pollster, not a campaign).
_ROLE_HEAD_END = {"of", "to", "for", "at", "in", "with", "from", "on", "by", "who", "whom", "whose", "which", "that"}


def _role_head(role: str) -> list[str]:
    """A role's words up to its head noun ("democratic pollster" of the pollster above)."""
    words = []
    for w in role.split():
        if w in _ROLE_HEAD_END:
            break
        words.append(w.strip(",;:()"))
        if w.endswith((",", ";", ":", "(")):
            break
    return [w for w in words if w]


def _by_label_role(label: str, text: str, mentions: list[Mention]) -> Mention | None:
    """The person a transcript's "THE PRESIDENT:" or "THE FIRST LADY:" label means: the first one
    the article gives that title, as a role ("First Lady Michelle Obama") or written before the
    name ("Remarks of President Barack Obama"). Only "the" + title: a bare "SENATOR:" may be anyone."""
    words = label.lower().split()
    if len(words) < 2 or words[0] != "the":
        return None
    title = " ".join(words[1:])
    for m in mentions:
        if m.type != "PERSON":
            continue
        before = text[max(0, m.start - len(title) - 1):m.start].lower().strip()
        if (_role(m, mentions) or "").lower() == title or before == title:
            return m
    return None


def _role(m: Mention, mentions: list[Mention]) -> str | None:
    if m.role or m.type != "PERSON":
        return m.role
    return next((o.role for o in mentions if o.canonical == m.canonical and o.role), None)


def mention_named(name: str, mentions: list[Mention]) -> Mention | None:
    """The person or organisation a label or byline names. A wiki user name "ShimonPeres" labels the
    text's "Shimon Peres": the name whose letters it is (`_glued_named`) is asked first, because the
    tagger also reads the glued label itself as an ORG ("NoamChomsky"), which would otherwise name the turns."""
    if dialogue.glued_name(name) and (m := _glued_named(name, mentions)) is not None:
        return m
    key = name.lower()
    for m in mentions:
        if m.type in ("PERSON", "ORG") and (m.text.lower() == key or key in (m.canonical or "").lower().split()):
            return m
    return None


def _glued_named(label: str, mentions: list[Mention]) -> Mention | None:
    """The person (else organisation) whose name, by its letters, is the glued label: "MarioJLucero"
    is the text's "Mario J. Lucero", "ChristopherHill" the "Hill" the title names in full. Compared
    by letters, as splitting at capitals reads "HughMcGuire" as "Hugh Mc Guire"."""
    kin = by_letters(label, mentions)
    for kind in ("PERSON", "ORG"):
        for m in kin:
            if m.type == kind:
                return m
    return None


def by_letters(label: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions whose name, as written or canonical, has the glued label's letters."""
    key = dialogue.name_key(label)
    return [m for m in mentions if key in (dialogue.name_key(m.text), dialogue.name_key(m.canonical or ""))]
