"""The role or title a text gives a person, read off the dependency parse.

Three shapes cover most news writing:

- apposition after the name: "Ali Shamkhani, an adviser to Iran's Supreme Leader, ...";
- the name in apposition to a noun: "Iran's foreign minister, Abbas Araghchi, ...";
- pre-modifiers: "The Iranian Foreign Minister Abbas Araqchi", "US President Donald Trump".

Titles spaCy folds into the name ("President Donald Trump" tagged PERSON as a whole)
are split off by `split_title`.
"""

from __future__ import annotations

from typing import Any

# Words that open a name as a title rather than belong to it.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "foreign", "secretary", "senator", "sen.", "sen",
    "gov.", "governor", "rep.", "representative", "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr",
    "gen.", "general", "king", "queen", "prince", "princess", "pope", "chancellor", "ayatollah",
    "sheikh", "judge", "justice", "mayor", "speaker", "leader", "supreme", "chairman", "chief",
    "ambassador", "envoy", "spokesman", "spokeswoman", "adviser", "advisor", "candidate", "nominee",
    "former", "sir", "lord", "lady", "col.", "lt.", "sgt.", "capt.", "adm.", "admiral", "commander",
    "director", "ceo", "emir", "crown", "premier", "attorney", "pres.", "sec.", "first",
    "prof.", "prof", "professor", "spokesperson",
}
# Nouns that describe a thing, not a person, with the entity type they give its name. Class
# nouns of everyday English (not read off the sample store): a name described by one of them
# is no person, and the phrase is no role.
KIND_NOUNS = {
    **dict.fromkeys(("group", "party", "band", "company", "firm", "school", "university", "college",
                     "network", "website", "site", "blog", "newspaper", "magazine", "journal", "channel",
                     "agency", "organisation", "organization", "movement", "club", "team", "coalition",
                     "union", "association", "foundation", "institute", "charity", "bank", "brand",
                     "platform", "service", "campaign", "festival", "forum", "label"), "ORG"),
    **dict.fromkeys(("film", "movie", "novel", "book", "album", "song", "series", "show", "play",
                     "documentary", "poem", "painting", "webcomic", "game"), "WORK_OF_ART"),
    **dict.fromkeys(("browser", "app", "software", "spacecraft", "shuttle", "vehicle"), "PRODUCT"),
}
# Words of a credit line: the name after them made the picture or holds the rights.
CREDITS = {"image", "images", "photo", "photos", "photograph", "picture", "copyright", "credit", "courtesy",
            "source", "video"}
_TRAIL = {",", ";", ":", "(", ")", "—", "–", "-", "'s", "’s"}
_MAX_ROLE_TOKENS = 14  # longer appositions are clauses, not titles
# A closed class: the parse tags a capitalised "I" PROPN in upper-case text ("I, BARACK OBAMA, ...").
_PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "one"}


def split_title(tokens: list[Any]) -> int:
    """How many leading tokens of a PERSON mention are a title ("President", "Gov.")."""
    n = 0
    while n < len(tokens) - 1 and tokens[n].lower_ in TITLE_WORDS:
        n += 1
    return n


def paragraph_break(tok: Any) -> bool:
    """Whether a token is a paragraph break: whitespace holding a blank line."""
    return bool(tok.is_space and tok.text.count("\n") >= 2)


def _same_paragraph(toks: list[Any], after: bool) -> list[Any]:
    """The role's tokens on the name's side of a paragraph break (a blank line).

    The parse runs over the whole article, so an apposition can reach into the next
    paragraph or back into a heading; a title never crosses a blank line.
    """
    breaks = [k for k, t in enumerate(toks) if paragraph_break(t)]
    if not breaks:
        return toks
    return toks[: breaks[0]] if after else toks[breaks[-1] + 1:]


def _title_word(tok: Any) -> bool:
    """A word that can carry a title: a noun outside any named entity ("minister", "Chief").

    A role made only of names, dates, pronouns or handles is no title: "I" (a pronoun the
    parse put in apposition), "Google", "Thomas Jefferson", "May 28", "@arlesophia".
    """
    if tok.lower_ in TITLE_WORDS:  # "Dr.", "Prof."; "Spokesman" inside an ORG span
        return True
    word = tok.text.rstrip(".")
    return word.isalpha() and tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_ and tok.lower_ not in _PRONOUNS


def _clean(tokens: list[Any], after: bool) -> Any:
    """The role's tokens as a Span, edges tidied, or None when they hold no title word."""
    toks = _same_paragraph(sorted(tokens, key=lambda t: t.i), after)
    while toks and (toks[0].dep_ in ("det", "punct") or toks[0].text in _TRAIL):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].text in _TRAIL):
        toks = toks[:-1]
    if not toks or len(toks) > _MAX_ROLE_TOKENS or not any(_title_word(t) for t in toks):
        return None
    doc = toks[0].doc
    return doc[toks[0].i: toks[-1].i + 1]


def _appositive_after(span: Any) -> Any:
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            # a relative clause or a second apposition is a sentence, not a title
            toks = [t for t in child.subtree if not (t.dep_ == "relcl" or t.head.dep_ == "relcl")]
            return _clean(toks, after=True)
    return None


def _appositive_before(span: Any) -> Any:
    root = span.root
    if root.dep_ != "appos" or root.head.i >= span.start:
        return None
    head = root.head
    own = {t.i for t in root.subtree}
    toks = [t for t in head.subtree if t.i not in own and t.i < span.start]
    return _clean(toks, after=False)


def _premodifiers(span: Any, in_entity: set[int]) -> Any:
    """Compound/amod chains right before the name: "US President", "Iranian Foreign Minister"."""
    root = span.root
    mods = [c for c in root.children if c.i < span.start and c.dep_ in ("compound", "amod", "nmod", "poss")]
    if not mods:
        return None
    toks = sorted({t for m in mods for t in m.subtree if t.i < span.start}, key=lambda t: t.i)
    # the chain must reach the name, and say more than a place or a party ("Iranian Abbas")
    if not toks or toks[-1].i != span.start - 1:
        return None
    if all(t.i in in_entity or t.is_punct for t in toks):
        return None
    return _clean(toks, after=False)


def _descriptor(span: Any, in_entity: set[int] | None) -> Any:
    """The phrase the text puts beside the name to say what it names (a Span), or None."""
    in_entity = in_entity or set()
    for find in (_appositive_after, _appositive_before):
        found = find(span)
        # a phrase naming the person again is a heading or a list ("Ann Chiang of DAB In the
        # Kowloon West constituency, pro-Beijing councillors Ann Chiang ..."), not their title
        if found is not None and span.text not in found.text and _beside(span, found):
            return found
    found = _premodifiers(span, in_entity)
    return found if found is not None and _beside(span, found) else None


def _beside(span: Any, found: Any) -> bool:
    """Whether a descriptor says what the name is: not a label, a credit, a count or another
    person's name.

    A colon between them makes the phrase a label: a photo credit ("Image: Mark Rathbun") or
    a transcript's speaker turn ("Bill: A lot on the web"); so does a credit word ("copyright
    Frank Messina"). A phrase headed by a person's name is that person ("Vice President Biden,
    First Lady Michelle Obama"), and a counted one a group ("Gaur Brahmin, 2055 members").
    """
    doc = span.doc
    gap = doc[found.end: span.start] if found.end <= span.start else doc[span.end: found.start]
    root = _head_noun(found)
    # a number counting a plural ("2055 members"), not a year before a singular ("2012 candidate")
    counted = root.tag_ in ("NNS", "NNPS") and any(c.dep_ == "nummod" for c in root.children)
    label = any(t.text in (":", ";") for t in gap)
    return not (label or root.lower_ in CREDITS or counted or _a_persons_name(root))


def _a_persons_name(tok: Any) -> bool:
    """A word of a person's name: inside a PERSON entity, or the surname of one named elsewhere
    ("Wong Kwok-kin of FTU" where the parse missed the name here)."""
    if tok.ent_type_ == "PERSON":
        return True
    return tok.pos_ == "PROPN" and any(len(e) > 1 and e[-1].text == tok.text
                                       for e in tok.doc.ents if e.label_ == "PERSON")


def _head_noun(found: Any) -> Any:
    """The noun a descriptor is about: "networks" of "one of the most popular networks"."""
    root = found.root
    if root.lower_ == "one":
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.i < found.end):
                return pobj
    return root


def describe(span: Any, in_entity: set[int] | None = None) -> tuple[str | None, str | None]:
    """(role, type): the role the text gives the person named by `span` (a spaCy Span), or the
    entity type it gives the name by describing it as a thing, else None for either.

    "Localist group Civic Passion", "his blog Conflictos Sociales", "the 1969 film Easy Rider":
    the small model tags such names PERSON, and the phrase beside them says what they are.
    """
    found = _descriptor(span, in_entity)
    if found is None:
        return None, None
    head = _head_noun(found)
    # "Civic Party's Jeremy Tam": a possessor is the person's party, not what the name is
    possessor = any(c.dep_ == "case" for c in head.children)
    kind = KIND_NOUNS.get(head.lemma_.lower())
    if kind and possessor:
        return None, None
    return (None, kind) if kind else (str(found.text), None)


def role_of(span: Any, in_entity: set[int] | None = None) -> str | None:
    """The role the text gives the person named by `span` (a spaCy Span), or None."""
    return describe(span, in_entity)[0]
