"""Tagged "people" that are groups: a plural name ("Brahmins"), its singular, a subgroup or a body
named after a group the article names ("Dalit Solidarity").
"""

from __future__ import annotations

from newsdesk.understand import name_kinds
from newsdesk.understand.mention import Mention
from newsdesk.understand.mention_edges import is_demonym
from newsdesk.understand.mention_people import opens_a_turn, person_names, says
from newsdesk.understand.name_sex import first_names


def named_groups_not_people(found: list[Mention]) -> None:
    """A "person" named by a group the article names is no person: the group itself ("Brahmin" and
    "Dalit" beside the NORPs "Brahmins" and "Dalits"), a subgroup of it ("Gawd Saraswat Brahmin",
    "Jangid Brahmins", listed beside the NORPs "Kokanastha Brahmin" and "Gaur Brahmin") or a body
    named after it ("Dalit Solidarity", "Dalit India", "Brahmins Matrimony": an organisation, when
    the rest is no person's name and no plural). The group words are the article's one-word plural
    NORPs that are no nationality, and their singulars (`_group_words`)."""
    groups = _group_words(found)
    for m in found:
        if m.type != "PERSON":
            continue
        words = [t.text for t in m.span if t.is_alpha]
        if not words:
            continue
        if words[-1] in groups:
            # a title with an article inside ("Marry A Brahmin", a matrimonial website) names no group
            inner = any(t.lower_ in ("a", "an", "the") for t in m.span[1:-1])
            m.type, m.role, m.country = ("ORG" if inner else "NORP"), None, None
        elif (len(words) > 1 and words[0] in groups and not name_kinds.plural_noun(m.span)
              and not _names_a_person(m, found)):  # "Dalit Muslims" is left to groups_not_people
            m.type, m.role, m.country = "ORG", None, None


def _group_words(found: list[Mention]) -> set[str]:
    """The article's one-word plural NORPs that are no nationality ("Brahmins", "Dalits"), and the
    plural "people" `groups_not_people` will make groups, with their singulars; less the last word
    of a person's name some mention gives a person's role, a verb of saying or
    an interview's turn ("President Obama" beside "the Obamas", which `groups_not_people` keeps a
    person too), or that follows a given name in a name of two words ("Charlie Christian" beside
    "Christians"), and their plurals."""
    plurals = {m.text for m in found if len(m.span) == 1 and m.text.isalpha() and len(m.text) > 3
               and (m.type == "NORP" and m.text.endswith("s") and not is_demonym(m.text)
                    or m.type == "PERSON" and name_kinds.plural(m.span))}
    given = first_names()
    kept = {m.span[-1].text for m in found if m.type == "PERSON" and (
        m.role and name_kinds.person_role(m.role) or says(m.span) or opens_a_turn(m.span)
        or len(m.span) == 2 and m.span[0].lower_ in given)}
    return (plurals | {w[:-1] for w in plurals}) - kept - {w + "s" for w in kept}


def _names_a_person(m: Mention, found: list[Mention]) -> bool:
    """Whether the words after a group word are a person's name: one the article gives a person
    elsewhere, or a given name and more ("Republican Mitt Romney")."""
    rest = m.span[1:]
    return rest.text in person_names([x for x in found if x.text != m.text]) or (
        len(rest) > 1 and rest[0].lower_ in first_names())


def groups_not_people(found: list[Mention]) -> list[Mention]:
    """A "person" whose name is a plural is a group ("Brahmins", "Yadavs", "the Africans"),
    and so is its singular ("the Brahmin culture"), unless the singular is the surname of a
    person the article names in full ("the Obamas" beside Barack Obama). So is one ending in the
    plural of an English noun that a mention counts ("all Shivalli Brahmins", "Indian Dalit
    Muslims": a surname such as Woods or Gates is never counted), whatever the article's other
    names. One ending in an abstract plural ("Kartographer Improvements") is no person and no
    group: it is dropped."""
    names = person_names(found)
    groups = {m.text: name_kinds.plural(m.span) for m in found if m.type == "PERSON"}
    singulars = {s for s in groups.values() if s and s not in names}
    counted = {m.text for m in found if m.type == "PERSON" and name_kinds.plural_noun(m.span)
               and name_kinds.counted(m.span)}
    for m in found:
        if m.type == "PERSON" and (groups.get(m.text) in singulars or m.text in singulars or m.text in counted):
            m.type, m.role, m.country = "NORP", None, None
    return [m for m in found if not (m.type == "PERSON" and name_kinds.abstract_plural(m.span))]
