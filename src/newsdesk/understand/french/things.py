"""The type of a French name by the noun the text puts before it, or by how the text uses it.

fr_core_news_sm calls products, sites, bodies and works MISC, and sometimes a square, a film or a
storm a person. The English side keeps such names as ORG, PRODUCT, WORK_OF_ART, EVENT or FAC; so
does French, by evidence in the article, never by a list of names:
- a common noun right before the name says its kind: "le système Ubuntu" (PRODUCT), "la chaîne Al
  Jazeera" (ORG), "le film Skyfall" (WORK_OF_ART), "l'ouragan Sandy" (EVENT), "place Tahrir" (FAC);
- a MISC the article makes act ("HRW a relevé", "Wikipédia utilise") or that one is on ("sur
  Twitter") is a body or a site (ORG), as the English side reads "on Twitter";
- a name keeps the type one of its mentions gets this way in all its mentions ("Ubuntu" after "le
  système Ubuntu" is the product where it stands alone too).
A MISC with no such evidence stays dropped (entities): "Minitel", "SMIC" say nothing of their kind.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand.entities import Mention
from newsdesk.understand.french import places
from newsdesk.understand.name_sex import first_names

# Nouns naming the kind of the name after them ("la chaîne Al Jazeera", "le site de Jababeka").
# Not "équipe" or "gouvernement": a person's name follows them ("le gouvernement Papadimos").
HEADS = {
    **dict.fromkeys(("site", "chaîne", "journal", "quotidien", "hebdomadaire", "magazine", "revue", "agence",
                     "société", "entreprise", "firme", "collectif", "association", "parti", "fondation", "ong",
                     "compagnie", "banque", "syndicat", "radio", "télévision", "encyclopédie", "réseau"), "ORG"),
    **dict.fromkeys(("logiciel", "système", "fusée", "lanceur", "capsule", "console", "spectrographe",
                     "satellite", "sonde", "télescope", "navigateur", "smartphone", "tablette", "avion",
                     "appareil", "distribution"), "PRODUCT"),
    **dict.fromkeys(("film", "livre", "roman", "album", "chanson", "documentaire", "feuilleton", "opéra",
                     "tableau", "épisode", "série", "saga"), "WORK_OF_ART"),
    **dict.fromkeys(("ouragan", "typhon", "tempête", "cyclone"), "EVENT"),
    **dict.fromkeys(("place", "rue", "avenue", "boulevard", "pont", "stade", "aéroport", "quartier"), "FAC"),
    # a unit's name is no entity: "1 200 degrés Celsius" (MISC is dropped)
    **dict.fromkeys(("degré", "degrés"), "MISC"),
}
# Kinds a name set off by commas after its noun takes ("la série James Bond, Skyfall,", "un deuxième
# typhon, Damrey,"): not ORG or FAC, whose nouns a person's name follows so too ("la société, Dupont,").
_APPOSED = {"WORK_OF_ART", "EVENT", "PRODUCT"}
# Plural nouns of the people a group is made of: "les islamistes d'Ansar Eddine", "les membres du X".
_MEMBERS = {"membres", "militants", "combattants", "islamistes", "rebelles", "djihadistes", "jihadistes",
            "insurgés", "miliciens", "adhérents"}
_DE = {"de", "du", "d'", "d’"}
# Prepositions before a site or service one is on: "sur Twitter", "via Facebook".
_ON = {"sur", "via"}
_ACTOR_DEPS = {"nsubj", "nsubj:pass"}


def head_type(span: Any, over_de: bool = False, adjective: bool = False) -> str | None:
    """The kind the lower-case noun right before a name gives it; with `over_de`, also one before
    "de" ("le site de Jababeka"), which may be a person's too ("le parti de Sarkozy"); with
    `adjective`, also one before an adjective ("l'entreprise américaine Hewlett-Packard")."""
    doc, i = span.doc, span.start - 1
    if over_de and i > 0 and doc[i].lower_ in _DE:
        i -= 1
    if adjective and i > 0 and doc[i].pos_ == "ADJ" and doc[i].is_lower and doc[i].lower_ not in HEADS:
        i -= 1
    if i < 0 or not doc[i].is_lower:
        return None
    return HEADS.get(doc[i].lower_)


def _apposed_type(span: Any) -> str | None:
    """The kind of the noun a name is set off after by commas: "<noun>, X," or "<noun> <Name>, X,"
    ("la série James Bond, Skyfall, effectue"), for the kinds in _APPOSED."""
    doc, a, b = span.doc, span.start, span.end
    if a < 2 or doc[a - 1].text != "," or b >= len(doc) or doc[b].text not in (",", "."):
        return None
    i = a - 2
    while i > 0 and doc[i].text[:1].isupper() and not doc[i].is_sent_start:
        i -= 1  # over the name the noun gives ("série James Bond")
    kind = HEADS.get(doc[i].lower_) if doc[i].is_lower else None
    return kind if kind in _APPOSED else None


def _member_type(span: Any) -> str | None:
    """ORG for a name whose members the text names: "les islamistes d'Ansar Eddine"; not a place's
    ("les rebelles de Homs" come from there)."""
    doc, a = span.doc, span.start
    if a < 2 or doc[a - 1].lower_ not in _DE or doc[a - 2].lower_ not in _MEMBERS:
        return None
    return None if places.lookup(span.text, "LOC") is not None else "ORG"


def _evidence_elsewhere(m: Mention) -> str | None:
    """The kind a storm's noun gives the name where the model did not read it as a name: "Sandy a
    influencé son choix" (a place to the model), then "touchée par l'ouragan Sandy" (no mention)."""
    if len(m.span) != 1:
        return None  # before the walk over the whole Doc, which it runs for each mention
    doc, word = m.span.doc, m.span[0].text
    for t in doc:
        if t.i != m.span.start and t.text == word:
            kind = head_type(doc[t.i:t.i + 1], adjective=True)
            if kind == "EVENT":
                return kind
    return None


def _evidence_type(span: Any) -> str | None:
    """The kind the words around a name give it: its noun, its noun by apposition, its members."""
    return head_type(span, adjective=True) or _apposed_type(span) or _member_type(span)


def _use_type(m: Mention) -> str | None:
    """ORG for a MISC that acts (the subject of a verb) or that one is on ("sur Twitter"): a short
    capitalised name with no digit ("la 3DS XL sortira" is a product) and no first name ("Sherrod
    Brown"); a law by the English word ending it ("Stop Online Piracy Act")."""
    doc, a = m.span.doc, m.span.start
    if m.span[-1].text == "Act":
        return "LAW"
    if len(m.span) > 2 or not m.text[:1].isupper() or any(ch.isdigit() for ch in m.text) \
            or len(m.span) > 1 and m.span[0].lower_ in first_names():
        return None
    if a > 0 and doc[a - 1].lower_ in _ON:
        return "ORG"
    if any(t.dep_ in _ACTOR_DEPS and t.head.pos_ in ("VERB", "AUX") for t in m.span):
        return "ORG"
    return None


def type_things(found: list[Mention]) -> None:
    """Types MISC mentions, and one-word people with no role, by the evidence the module docstring
    says; a name's head-noun type wins over its use type, and holds for all its mentions."""
    by_head: dict[str, str] = {}
    by_use: dict[str, str] = {}
    surnames = {m.span[-1].text for m in found if m.type == "PERSON" and len(m.span) > 1}
    for m in found:
        if m.text in surnames:
            continue
        kind = _evidence_type(m.span) or _evidence_elsewhere(m)
        if kind is not None and _open_to_evidence(m, kind):
            by_head.setdefault(m.text, kind)
        elif m.type == "MISC" and (use := _use_type(m)) is not None:
            by_use.setdefault(m.text, use)
    for m in found:
        kind = by_head.get(m.text) or (by_use.get(m.text) if m.type == "MISC" else None)
        if kind is not None and _open_to_evidence(m, kind) and m.text not in surnames:
            m.type, m.role, m.country, m.place_how = kind, None, None, None


def _open_to_evidence(m: Mention, kind: str) -> bool:
    """A MISC, or a person with no role and no first name ("Tahrir", "Skyfall", "Ansar Eddine"): a
    person given a role or a first name is one whatever noun stands before it. A place only to a
    storm's noun ("l'ouragan Sandy": GeoNames has a town Sandy)."""
    if m.type in ("GPE", "LOC"):
        return kind == "EVENT" and len(m.span) == 1
    return m.type == "MISC" or m.type == "PERSON" and not m.role and (
        len(m.span) == 1 or m.span[0].lower_ not in first_names())
