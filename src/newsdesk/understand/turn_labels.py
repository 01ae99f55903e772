"""A wiki interview's glued turn labels ("HughMcGuire:") as the people they name, so the turns'
quotes link to the interviewee's entity.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.understand import dialogue
from newsdesk.understand.entities import Mention
from newsdesk.understand.speaker_naming import by_letters


def glued_label_people(doc: Any, text: str, mentions: list[Mention]) -> None:
    """A wiki interview's glued turn labels ("HughMcGuire:") as the people they name, so the turns'
    quotes link to the interviewee's entity (L1: Hugh McGuire's page listed none of his 6 answers).
    The tagger reads such a label as an ORG ("DavidShankbone", "JackHerrick") or PERSON of its own, and
    the spaced name once as a WORK_OF_ART ("Marymegan Daly"): each becomes the person the page names
    by it, or, naming no one, the label's spaced form ("WilliamSSaturn" is William S Saturn)."""
    for label in sorted(dialogue.glued_labels(text)):
        kin = by_letters(label, mentions)
        named = next((m for m in kin if m.type == "PERSON" and " " in (m.canonical or m.text).strip()), None)
        if named is None and any(m.type == "ORG" and " " in m.text for m in kin):
            continue  # "TheOnion:" is the paper's own account ("The Onion"), no person
        name = (named.canonical or named.text) if named else dialogue.glued_name(label) or label
        for m in kin:
            m.type, m.canonical, m.role = "PERSON", name, m.role if m.type == "PERSON" else None
        if not kin and (own := _label_mention(doc, text, label, name)) is not None:
            mentions.append(own)  # a person the page names only by the label: still an entity to link
    mentions.sort(key=lambda m: m.start)


def _label_mention(doc: Any, text: str, label: str, name: str) -> Mention | None:
    """A PERSON mention of the label where it first opens a paragraph."""
    found = re.search(r"(?:^|\n)[\"“]?(" + re.escape(label) + r"):", text)
    span = doc.char_span(found.start(1), found.end(1)) if found else None
    return Mention(label, "PERSON", span.start_char, span.end_char, span, canonical=name) if span is not None else None
