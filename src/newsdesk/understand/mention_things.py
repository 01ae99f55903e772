"""Tagged "people" that are things: retyped, in all their mentions.

A thing the text describes or translates ("a website, ..."), a work's subtitle, a summit, a storm, a
site, a name read or used as an organisation or a product elsewhere in the article ("on Twitter"),
the short name of a product ("Chrome"), an acronym ("HMIC"). Each rule keeps a name some mention
makes a person's (`mention_people`).
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import name_kinds, nlp
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_people import made_people, opens_a_turn, person_names, persons_by_mention
from newsdesk.understand.name_sex import PRONOUN_SEX, first_names

THINGS = ("ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW")


def translated_not_people(found: list[Mention]) -> None:
    """A "person" the article translates is a title, a blog's or a campaign's, in all its mentions:
    "Mega Não! [Mega No!, pt]" (a person's name is not translated). No mention may make it a
    person."""
    people = made_people(found)
    titles = {m.text for m in found if m.type == "PERSON" and m.text not in people and name_kinds.translated(m.span)}
    for m in found:
        if m.text in titles and m.type == "PERSON":
            m.type, m.role, m.country = "ORG", None, None


def subtitles_not_people(found: list[Mention]) -> None:
    """A "person" after a name and a colon inside a sentence is a work's subtitle: "a demonstration
    of Batman: Arkham VR" (a game). An interview's turn opens a paragraph ("WALLACE: Let's start")
    and a caption's credit follows a credit word ("Image: Twitter"), neither after a name mid-sentence."""
    starts = {m.span.start for m in found if m.type in THINGS}
    for m in found:
        if m.type == "PERSON" and name_kinds.subtitle(m.span, starts):
            m.type, m.role, m.country = "WORK_OF_ART", None, None


def things_not_people(found: list[Mention], things: dict[str, str]) -> None:
    """A "person" the text describes as a thing is that thing, in all its mentions, unless
    the article gives a person that name elsewhere ("A website, President Obama to Speak in
    Morocco" beside "Barack Obama" keeps Obama a person). A "full name" opening with a word English
    uses as no noun and no given name is a sentence's first words glued to the name ("Revamping
    Kartographer so it displays maps" beside "an extension called Kartographer"): it is the thing."""
    for m in found:
        rest = m.span[1:]
        if (m.type == "PERSON" and rest.text in things and name_kinds.common_lead(m.span, noun=False)
                and m.span[0].lower_ not in first_names()):
            m.text, m.start, m.span, m.role, m.country = rest.text, rest.start_char, rest, None, None
    names = person_names([m for m in found if m.text not in things])
    for m in found:
        if m.type == "PERSON" and m.text in things and m.text not in names:
            m.type, m.role, m.country = things[m.text], None, None


def summits_storms_sites(found: list[Mention]) -> None:
    """A summit's code is the group's (ORG: "G8 leaders", "beyond the G8"), and a name opening with it
    is the meeting (EVENT: "the G8 in Lough Erne", read a work). A "person" whose name the article gives
    a storm ("Cyclone Phailin", an EVENT) is the storm: "Phailin's winds will weaken". One a mention
    describes as a website ("JatLand, the online home for the Jats": `name_kinds.site_role`) is the site (ORG)."""
    sites = {m.text for m in found if m.type == "PERSON" and m.role and name_kinds.site_role(m.role)}
    storms = {m.span[1:].text for m in found if m.type != "PERSON" and len(m.span) > 1
              and m.span[0].lower_ in name_kinds.STORM_NOUNS}
    storms |= {m.text for m in found if m.span.start > 0 and m.span.doc[m.span.start - 1].text.istitle()
               and m.span.doc[m.span.start - 1].lower_ in name_kinds.STORM_NOUNS}  # "Cyclone [Phailin]"
    for m in found:
        if name_kinds.summit_code(m.span[0].text) and m.type != "EVENT":
            kind = "ORG" if len(m.span) == 1 else "EVENT"
        elif m.type == "PERSON":
            kind = "EVENT" if m.text in storms else "ORG" if m.text in sites else m.type
        else:
            continue
        if kind != m.type:
            m.type, m.role, m.country, m.place_how = kind, None, None, None


def read_as_things(found: list[Mention]) -> None:
    """A one-word "person" the article names as a thing twice or more is that thing, in all its
    mentions: "FRANK" (a drugs helpline), "Orkut" (a website), "Verfassungsblog" (a blog), each read
    a person in some sentences and an organisation or a product in others. Not when a mention says
    it is a person: a role, a full name the article gives ("Kopgli" beside blogger Rodrigue Kopgli),
    a verb of saying it is the subject of ("Hill said", the model reading "Hill" an ORG once), or
    an interview's turn it opens ("MarymeganDaly: I was amazed", read an ORG six times)."""
    people = persons_by_mention(found)
    things: dict[str, list[str]] = {}
    for m in found:
        if len(m.span) == 1 and m.type in THINGS and m.text not in people:
            things.setdefault(m.text, []).append(m.type)
    for m in found:
        kinds = things.get(m.text, [])
        if m.type == "PERSON" and len(kinds) > 1:
            m.type, m.role, m.country = max(kinds, key=kinds.count), None, None


def used_as_things(found: list[Mention]) -> None:
    """A one-word "person" the text uses as a thing in most of its mentions, at least once as a
    site or a tool ("on Twitter", "via Orkut", "using Twitter", "used with Firefox"; "a Twitter
    account" adds to these), is that thing in all its mentions: the type the article reads it as
    elsewhere, else ORG for a site one is on (what the model calls Facebook or Orkut), else PRODUCT
    for a tool (software). Not when a mention makes it a person, as in `read_as_things`, but by a
    person's role only."""
    people = persons_by_mention(found, any_role=False)
    uses: dict[str, list[str | None]] = {}
    for m in found:
        if m.type == "PERSON" and len(m.span) == 1:
            uses.setdefault(m.text, []).append(name_kinds.thing_use(m.span))
    for text, ways in uses.items():
        strong = [w for w in ways if w in ("site", "tool")]
        if text in people or not strong or 2 * (len(strong) + ways.count("noun")) <= len(ways):
            continue
        read = [m.type for m in found if m.text == text and m.type in ("ORG", "PRODUCT")]
        kind = max(read, key=read.count) if read else "ORG" if "site" in strong else "PRODUCT"
        for m in found:
            if m.text == text and m.type == "PERSON":
                m.type, m.role, m.country = kind, None, None


def things_short_names(found: list[Mention]) -> None:
    """A one-word "person" that is the last word of an organisation's or a product's name the
    article gives is that thing, as a person's surname is that person: "Chrome" beside "Google
    Chrome", "Firefox" beside "Mozilla Firefox". Not when a mention makes it a person, as in
    `read_as_things`."""
    people = persons_by_mention(found)
    things: dict[str, str] = {}
    for m in found:
        if m.type in ("ORG", "PRODUCT") and len(m.span) > 1 and m.span[-2].whitespace_:
            things.setdefault(m.span[-1].text, m.type)
    for m in found:
        if m.type == "PERSON" and len(m.span) == 1 and m.text in things and m.text not in people:
            m.type, m.role, m.country = things[m.text], None, None


def acronyms_not_people(found: list[Mention]) -> None:
    """A one-word "person" shaped like an acronym ("Dstl", "HMIC": `name_kinds.acronym`) is an
    organisation, or the thing the article reads it as elsewhere, in all its mentions. Not when the
    article gives it as a person's name in any case ("OBAMA" in a headline beside Barack Obama) or as
    a person's initials ("JFK" beside John F Kennedy), nor when a mention gives it a role, opens an
    interview's turn ("HILL: We did") or has a he or a she after it in its sentence ("stated by JFK
    when he visited Berlin"). A longer "person" ending in an acronym in capitals that the words before
    it do not make a person's name ("Pro-Beijing DAB", not "BEN MOUMBAMBA" nor "Mark Tedeschi QC"
    beside "Mark Tedeschi") is that organisation too."""
    _acronyms_glued_not_people(found)
    full = [m.text for m in found if m.type == "PERSON" and len(m.span) > 1]
    names = {n.lower() for n in person_names(found)} | {name_kinds.initials(n) for n in full}
    names |= {m.text.lower() for m in found if m.type == "PERSON" and (
        m.role or opens_a_turn(m.span) or _he_or_she_after(m.span))}
    shaped = {m.text for m in found if m.type == "PERSON" and len(m.span) == 1
              and (name_kinds.acronym(m.text) or name_kinds.glued_acronym(m.text))
              and m.text.lower() not in names and m.text not in names}
    for text in shaped:
        read = [m.type for m in found if m.text == text and m.type in THINGS]
        kind = max(read, key=read.count) if read else "ORG"
        for m in found:
            if m.text == text and m.type == "PERSON":
                m.type, m.role, m.country = kind, None, None


def _acronyms_glued_not_people(found: list[Mention]) -> None:
    """The "people" of several words that end in an acronym in capitals after words that are no
    person's name (no given name first, no name the article gives a person alone) are organisations."""
    people = {m.text for m in found if m.type == "PERSON"}
    for m in found:
        words = [t for t in m.span if t.is_alpha]
        if m.type != "PERSON" or len(m.span) < 2 or not name_kinds.capitals_acronym(m.span[-1].text):
            continue
        rest = m.span[:-1]
        if all(t.is_upper for t in words) or rest.text in people or rest[0].lower_ in first_names():
            continue
        m.type, m.role, m.country = "ORG", None, None


def _he_or_she_after(span: Any) -> bool:
    """Whether a he, she, his or her follows the name in its sentence (in lower case: "Her Majesty's
    Inspectorate" is no she)."""
    return any(t.text in PRONOUN_SEX for t in span.doc[span.end: nlp.sent_of(span[-1]).end])
