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
# Things a person is not, heading a phrase the parse set beside a name: a platform or an account
# ("Image: Twitter / Barack Obama" gave Barack Obama the role "Twitter"; "Obama's Twitter account"),
# a document ("a recently-accepted Evolution paper Bos and colleagues describe") or the press as a
# body ("some international press, Simon Romero of the New York Times"). No role, and unlike
# KIND_NOUNS no type for the name either: the person is still one.
NOT_ROLES = {"twitter", "facebook", "youtube", "instagram", "tiktok", "weibo", "linkedin", "reddit", "flickr",
             "myspace", "orkut", "tumblr", "snapchat", "whatsapp", "wikipedia", "account", "feed", "handle",
             "profile", "page", "tweet", "post", "paper", "study", "report", "article", "press"}
# Session 17 (E22): a phrase that owns the name ("localist camp's Cheng Chung-tai", "localist group
# Youngspiration's Baggio Leung") is whose the person is, not a role. False: only a KIND_NOUNS owner.
POSSESSOR_NO_ROLE = True
# Forms of address, not roles: "Mr. Obama" says nothing of what he is. Titles of office or rank
# ("President", "Professor", "Lord", "General") stay roles.
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "dame", "sir", "mister"}
# Quotation marks, and brackets, which a role may not run across either ("secretary general of CEI
# (Italian Episcopal Conference" keeps its closing bracket)
_QUOTE_OPEN = {"“", "«", "„", "(", "["}
_QUOTE_CLOSE = {"”", "»", ")", "]"}
_QUOTE_MARKS = _QUOTE_OPEN | _QUOTE_CLOSE | {'"'}
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


def title_role(title: str | None) -> str | None:
    """A title split off a name as the person's role, or None when it is only a form of address
    ("Mr.", "Dr")."""
    if not title or all(w.lower() in HONORIFICS for w in title.split()):
        return None
    return title


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
    toks = _tidy(_own_words(_tidy(_same_paragraph(sorted(tokens, key=lambda t: t.i), after))))
    if not toks:
        return None
    doc = toks[0].doc
    end = toks[-1].i + 1
    if not _quotes_pair(doc[toks[0].i: end]):
        # the closing mark trimmed off the edge closes a quotation the role opened ('author of “Book”')
        if end < len(doc) and doc[end].text in _QUOTE_MARKS and _quotes_pair(doc[toks[0].i: end + 1]):
            end += 1
        else:  # the phrase runs across a quotation mark: beyond it are someone's words or a title
            toks = _name_side(list(doc[toks[0].i: end]), after)
            end = toks[-1].i + 1 if toks else 0
    if not toks or len(toks) > _MAX_ROLE_TOKENS or not any(_title_word(t) for t in toks):
        return None
    return doc[toks[0].i: end]


def _own_words(toks: list[Any]) -> list[Any]:
    """The role's words up to where the phrase goes on to something else: a second person joined
    by "and" ("editor of Eutopia and Shervin Nekuee, an Iranian sociologist"), a relative clause
    after a comma ("founder and chairman of Current TV, which employed Euna and Laura") or a date
    glued on without a preposition (a dateline: "nominee for Governor of Virginia Saturday,
    October 19, 2013"); without a handle ("@Current journalists": the account, not the role)."""
    for k, t in enumerate(toks[1:], 1):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.pos_ == "CCONJ" and nxt is not None and nxt.ent_type_ == "PERSON":
            return toks[:k]
        if t.text == "," and nxt is not None and nxt.tag_ in ("WDT", "WP", "WP$"):
            return toks[:k]
        if _dateline(t, toks[k - 1]):
            return toks[:k]
    return [t for t in toks if not t.text.startswith("@")]


def _dateline(tok: Any, before: Any) -> bool:
    """Whether a date opens at `tok` with a day's or month's name straight after a name ("Virginia
    Saturday, October 19, 2013"): a dateline, not the role's ("aide … to Burma in 2011" keeps its year)."""
    return (tok.ent_type_ == "DATE" and tok.ent_iob_ == "B" and tok.is_alpha and tok.text[:1].isupper()
            and before.pos_ == "PROPN" and before.ent_type_ != "DATE")


def _tidy(toks: list[Any]) -> list[Any]:
    """Without leading articles and punctuation, nor trailing punctuation or a form of address
    ("Undersecretary for Education Mr. Toccafondi")."""
    while toks and (toks[0].dep_ in ("det", "punct") or toks[0].text in _TRAIL):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].text in _TRAIL or toks[-1].lower_ in HONORIFICS):
        toks = toks[:-1]
    return toks


def _name_side(toks: list[Any], after: bool) -> list[Any]:
    """The role's words between the name and the quotation mark nearest it, without the words
    left hanging ('curator of "Andy Warhol: ...' -> "curator")."""
    marks = [k for k, t in enumerate(toks) if t.text in _QUOTE_MARKS]
    toks = toks[: marks[0]] if after else toks[marks[-1] + 1:]
    toks = _tidy(toks)
    while toks and toks[-1].pos_ in ("ADP", "CCONJ", "DET", "PART"):
        toks = _tidy(toks[:-1])
    return toks


def _quotes_pair(toks: Any) -> bool:
    """Whether every quotation mark among the tokens is opened and closed among them."""
    depth, straight = 0, 0
    for t in toks:
        if t.text in _QUOTE_OPEN:
            depth += 1
        elif t.text in _QUOTE_CLOSE:
            if depth == 0:
                return False
            depth -= 1
        elif t.text == '"':
            straight += 1
    return depth == 0 and straight % 2 == 0


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
    # Unmarked, the phrase ends in its head noun ("Iran's foreign minister Abbas Araghchi"): in
    # "Remarks of President Barack Obama" the parse hung the name on "Remarks" across "of".
    tail = [t for t in toks if t.i > head.i]
    if tail and not any(t.is_punct for t in tail):
        return None
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
    if _hyphened_adjective(toks):
        return None
    return _clean(toks, after=False)


def _hyphened_adjective(toks: list[Any]) -> bool:
    """Whether a premodifier chain is one hyphened adjective ("right-wing Ahmadinejad"): it says
    what kind, not what office; one ending in a title word stays ("Vice-President")."""
    glued = all(not t.whitespace_ for t in toks[:-1]) and any(t.text == "-" for t in toks)
    return glued and toks[0].pos_ == "ADJ" and toks[-1].lower_ not in TITLE_WORDS


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
    label = any(t.text in (":", ";", "/") for t in gap) or _credited(found)
    # "including Sanders’ son, Tywanza": the parse set "son" beside the name, a possessive marker
    # between (tagged punctuation when a no-break space follows); Sanders has a son and is none
    # (she was read as a man: pronouns gave her the sex of "son")
    owns = found.start >= span.end and len(gap) > 0 and gap[0].text in ("'", "’", "'s", "’s")
    return not (label or owns or _apart(gap, found) or root.lower_ in CREDITS or counted or _a_persons_name(root))


def _credited(found: Any) -> bool:
    """Whether the phrase opens a credit line ("Image: Twitter / Barack Obama"): it names the
    picture's source, not what the person is."""
    doc, a = found.doc, found.start
    return a >= 2 and doc[a - 1].text == ":" and doc[a - 2].lower_ in CREDITS


def _apart(gap: Any, found: Any) -> bool:
    """Whether words stand between a name and the phrase the parse set beside it, or a quotation
    opens or closes between them: an apposition is next to its name, with no more than punctuation,
    an article or a title between ("Obama came then to offer a kiss… “a kiss of death” to the Arab
    World" is none; "JatLand, “the online home for the Jats”" is one)."""
    doc = found.doc
    a, b = min(gap.start, found.start), max(gap.end, found.end)
    a_out = a - 1 if a > 0 and doc[a - 1].text in _QUOTE_MARKS else a
    b_out = b + 1 if b < len(doc) and doc[b].text in _QUOTE_MARKS else b
    quoted = _quotes_pair(doc[a:b]) or _quotes_pair(doc[a_out:b_out])
    return not quoted or any(t.is_alpha and t.dep_ != "det" and t.lower_ not in TITLE_WORDS for t in gap)


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
    if any(w.lower_ in NOT_ROLES and not w.ent_type_ for w in (head, found[-1])):  # "… Evolution paper Bos"
        return None, None
    if kind and possessor or POSSESSOR_NO_ROLE and _owns_the_name(found):
        return None, None
    return (None, kind) if kind else (str(found.text), None)


def _owns_the_name(found: Any) -> bool:
    """Whether the phrase ends in a possessive marker right before the name ("localist camp's Cheng
    Chung-tai": his camp), not one inside it ("South Korea's President Lee Myung-bak": his office)."""
    doc = found.doc
    return found.end < len(doc) and doc[found.end].text in ("'s", "’s", "'", "’") and doc[found.end].dep_ == "case"


def role_of(span: Any, in_entity: set[int] | None = None) -> str | None:
    """The role the text gives the person named by `span` (a spaCy Span), or None."""
    return describe(span, in_entity)[0]
