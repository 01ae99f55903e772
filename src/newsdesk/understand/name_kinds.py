"""What a name the small model tags PERSON says it is, by its own words and the grammar around it.

`roles.describe` reads a phrase set beside the name ("the 1969 film Easy Rider"). These read the
rest of what English gives away (checked on the sample store's PERSON mentions, E12):

- a class noun inside the name: "Dalit Freedom Network", "McMurdo Station", "Space Shuttle
  Discovery", "Storm Babet", "the Obama White House";
- the class the text lists the name in, or says it is: "castes like Brahmins, Rajputs and
  Yadavs", "a student association such as Tahkim Vahdat", "Dalit Muslims Voice is a platform";
- a plural: "Brahmins", "Yadavs", "the Africans" name a group, not a person;
- a determiner: "the G8", "the Moon", "A Bill will be introduced": English puts none before a
  person's name ("the Obama administration" is the administration's, and stays a person);
- a hashtag: "#WeMissTurkey";
- a place noun it modifies, or a big city: "the Glasgow area", "São Paulo";
- a common English word glued before a name ("Free Aung San Suu Kyi", "Citing Togo"), and a last
  word that is the plural of an English noun, counted as many ("all Shivalli Brahmins") or
  abstract ("Kartographer Improvements"): the words are the lemmatizer's own lexicon (WordNet's);
- a place glued after a name: "the Obama Cairo speech" (`place_glued`);
- the way a text uses a thing, not a person: "on Twitter", "via Orkut", "using Twitter", "used
  with Firefox", "a Twitter account" (`thing_use`);
- the shape of an acronym: "HMIC", "Dstl", "DAB" (`acronym`, `capitals_acronym`);
- a class noun called by the name: "an extension called Kartographer".

Nothing here reads a list of names: a class noun says what a thing is, whatever it is called.
entities.py applies the rules to every mention of the name and lets a person the article names
in full win ("the Obamas" beside Barack Obama; "photographers such as Ansel Adams" has no class
noun of things, so he stays a person).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsdesk.understand import countries, nlp
from newsdesk.understand.name_sex import first_names
from newsdesk.understand.roles import HONORIFICS, KIND_NOUNS, TITLE_WORDS

# Class nouns that end a name of a place, a building or an organisation; a person's surname is
# rarely one of these (so not "Hall", "Park", "Cave", "Lake", "Tower": Jerry Hall, Park Joo-ho,
# Nick Cave, Ricki Lake, John Tower).
_LAST_WORD = {
    **dict.fromkeys(("station", "road", "avenue", "square", "airport", "gallery", "museum", "center",
                     "centre", "stadium", "palace", "house", "building", "hospital", "prison"), "FAC"),
    **dict.fromkeys(("network", "foundation", "institute", "party", "council", "committee", "ministry",
                     "department", "agency", "university", "college", "academy", "corporation",
                     "association", "society", "samaj", "trust", "administration", "government",
                     "commission"), "ORG"),
    **dict.fromkeys(("county", "province", "district", "region", "island", "islands", "valley",
                     "mountains", "coast"), "LOC"),
}
# Class nouns that open a name: a storm's, a vehicle's, a place's.
_FIRST_WORD = {
    **dict.fromkeys(("storm", "hurricane", "typhoon", "cyclone", "tropical", "operation"), "EVENT"),
    **dict.fromkeys(("shuttle", "space"), "PRODUCT"),
    **dict.fromkeys(("mount", "lake", "cape"), "LOC"),
}
# Class nouns a listing or a copula may give a name, beyond roles.KIND_NOUNS.
_CLASS_NOUNS = {
    **KIND_NOUNS,
    **dict.fromkeys(("caste", "tribe", "clan", "sect", "community"), "NORP"),
    **dict.fromkeys(("engine", "extension", "plugin", "tool", "product"), "PRODUCT"),
    **dict.fromkeys(("storm", "hurricane", "typhoon", "cyclone"), "EVENT"),
}
# Nouns of software a name may modify ("Mediawiki software"); a person's name modifies a
# campaign, a show or a website of theirs ("the Obama campaign"), so those are not here.
_SOFTWARE = {"software", "browser", "app", "extension", "plugin", "engine"}
# Prepositions of place: "in Yurimaguas", "near Bagua" (not "from", "to": a letter from, a visit to someone).
_PLACE_PREPS = {"in", "at", "near", "outside", "around", "across", "inside"}
# Nouns of a place a name may modify: "the Glasgow area".
_PLACE_NOUNS = {"area", "region", "district", "province", "county", "range", "coast", "valley", "border",
                "outskirts", "suburbs"}
# A city this big is the place when the small model reads its name as a person's: Glasgow
# (630 000), São Paulo, Surrey BC (570 000). Below it lie towns named like people who lead the
# news (Bush, Egypt, 136 000; Obama, Japan, 29 000).
BIG_CITY = 500_000
# Endings of words for someone who does something ("blogger", "leader", "actor", "activist",
# "politician", "spokesman"): the head of a person's role when it is no title word.
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "man", "woman")
# Place nouns with those endings ("river", "border", "center", "harbor").
_PLACE_AGENTS = {"river", "border", "center", "centre", "tower", "theater", "theatre", "harbor", "harbour",
                 "quarter", "corridor", "manor", "chamber", "water", "shelter", "computer", "monitor"}
_TITLE_MODIFIERS = {"first", "former", "vice", "foreign", "prime", "supreme", "chief", "crown"}  # "First Lady"
_ROLE_END = {"of", "at", "in", "for", "to", "from", "with", "on", "and", ",", "who", "which", "that"}
_NAMING = {"call", "name", "dub"}  # "an extension called X": X is an extension
_LISTING = {"like", "including", "as"}  # "castes like X", "such as X", "groups including X"
_DETERMINERS = {"the", "a", "an", "this", "these", "those", "that", "all", "every", "each"}
# Words that count a group: "all Shivalli Brahmins", "many Dalit Muslims" (a number too: "1000 Brahmins").
_QUANTIFIERS = {"all", "many", "most", "some", "these", "those", "several", "few", "both", "other", "such"}
# Endings of plural nouns made from a verb or an adjective ("improvements", "elections",
# "communities", "relationships"): a thing's or a quality's, never a surname's (unlike "-ings":
# Jennings, Hastings).
_ABSTRACT_PLURALS = ("ments", "tions", "sions", "ities", "nesses", "ances", "ences", "ships", "isms")


def class_in_name(span: Any) -> str | None:
    """The type a class noun inside the name gives it: its last word ("McMurdo Station",
    "Dalit Freedom Network") or its first ("Storm Babet", "Space Shuttle Discovery")."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or not all(t.text[:1].isupper() for t in words):
        return None
    return _LAST_WORD.get(words[-1].lower_) or _FIRST_WORD.get(words[0].lower_)


def first_listed(tok: Any) -> Any:
    """The first member of the coordination a token is in ("Brahmins" for "Yadavs" in "castes like
    Brahmins, Rajputs and Yadavs"): the one the listing noun or the verb hangs on. A token in no
    coordination is its own first member."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def class_said(span: Any) -> str | None:
    """The type the text gives the name by listing it under a class noun ("castes like
    Brahmins, Rajputs and Yadavs"), by saying what it is ("X is a platform") or by calling a
    class noun by it ("an extension called Kartographer")."""
    root = first_listed(span.root)
    noun = None
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ in _LISTING and prep.i < root.i:
        # "a group such as X" says X is a group; "castes like X" and "sites including X" only
        # in the plural ("the organisation including Tom Devocht" is one he belonged to)
        such = prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"
        if such or (prep.lower_ != "as" and prep.head.tag_ == "NNS"):
            noun = prep.head
    elif root.dep_ == "nsubj" and root.head.lemma_ == "be":
        noun = next((c for c in root.head.children if c.dep_ == "attr" and c.i > root.i), None)
    elif root.dep_ == "oprd" and root.head.lemma_.lower() in _NAMING and root.head.dep_ == "acl":
        noun = root.head.head  # "an extension called Kartographer"
    elif root.dep_ == "compound" and root.head.i == span.end and root.head.lemma_.lower() in _SOFTWARE:
        noun = root.head  # "runs on Mediawiki software", "These Kartographer maps"
    if noun is None or noun.ent_type_ or noun.pos_ != "NOUN":
        return None
    return _CLASS_NOUNS.get(noun.lemma_.lower().split("-")[-1])


def plural(span: Any) -> str | None:
    """The singular of a name whose last word is a plural noun ("Brahmins" -> "Brahmin"), else None.

    The tagger's plural tag alone also takes surnames ending in s ("Sean Mills", "Gilmar
    Mendes"); a group's name is plural of a word the article also uses alone ("Brahmin
    culture", "a governor"), a surname's singular is no word of the article."""
    last = span[-1]
    if last.tag_ not in ("NNS", "NNPS") or not last.lower_.endswith("s") or len(last) < 4:
        return None
    singular = last.lower_[:-1]
    if any(t.lower_ == singular and t.i not in range(span.start, span.end) for t in span.doc):
        return last.text[:-1]
    return None


def determined(span: Any) -> bool:
    """Whether the name itself takes a determiner ("the G8", "A Bill will be introduced").

    The determiner must hang on the name: in "the Obama administration" it is the
    administration's, and Obama is still a person."""
    root = span.root
    if root.dep_ == "compound":
        return False
    doc = span.doc
    dets = [c for c in root.children if c.dep_ in ("det", "predet") and c.i < span.start]
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in _DETERMINERS and before.head.i in range(span.start, span.end):
        dets.append(before)
    # no punctuation between: "Notes from the Underground (Dostoyevsky)" is the parse's slip; a hyphen
    # inside a word is none ("a no-deal Brexit", "a self-described Libertarian Socialist")
    return any(d.lower_ in _DETERMINERS and not any(t.is_punct and t.tag_ != "HYPH" for t in doc[d.i + 1: span.start])
               for d in dets)


def predicate_class(span: Any) -> bool:
    """Whether the name is what a copula says someone is, with an indefinite article ("he is a
    self-described Libertarian Socialist"): a class one belongs to, not a name ("he is Bill" has none)."""
    root = span.root
    return (root.dep_ == "attr" and root.head.lemma_ == "be"
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children) and determined(span))


def county_name(word: str) -> bool:
    """Whether a one-word name is a shire's: "Hampshire", "Bedfordshire" ("shire" is English for a
    county, and ends no given name; a surname so made, "Cheshire" of Leonard Cheshire, is kept by
    the caller when the article names him in full)."""
    return word[:1].isupper() and word.isalpha() and word.lower().endswith("shire") and len(word) > 7


def office_word(role: str | None, word: str) -> bool:
    """Whether a one-word name after a title that only modifies one ("Chief", "Vice", "First") is a
    common noun of English, not a given name: "Chief Guest", "Chief Whip", "First Lady" are offices."""
    return (bool(role) and str(role).lower() in _TITLE_MODIFIERS and word.isalpha()
            and bool(_lemmas(word, "noun")) and word.lower() not in first_names())


def hashtag(span: Any) -> bool:
    """Whether the name is a hashtag ("#WeMissTurkey"): a topic's label, whoever it names."""
    return span.start > 0 and span.doc[span.start - 1].text == "#" and not span.doc[span.start - 1].whitespace_


def modifies_place(span: Any) -> bool:
    """Whether the name modifies a place noun: "the Glasgow area", "the Barry Buddon range"."""
    root = span.root
    return root.dep_ == "compound" and root.head.i >= span.end and root.head.lemma_.lower() in _PLACE_NOUNS


def big_city(text: str) -> bool:
    """Whether the gazetteer's biggest place of that name is a city of BIG_CITY people or more."""
    return countries.largest_city(text) >= BIG_CITY


def _role_words(role: str) -> list[str]:
    """A descriptor's words up to its head (the last word before "of", "at", a comma...), lower case."""
    text = role.lower()
    for lead in ("one of the ", "one of "):  # "one of the indigenous leaders of the group"
        text = text[len(lead):] if text.startswith(lead) else text
    words = []
    for w in text.split():
        if w.lower() in _ROLE_END:
            break
        words.append(w.strip(",.;:()[]\"'“”‘’").lower())
    return words


# Heads of a descriptor that make the name a website's: "JatLand, the online home for the Jats".
_SITE_NOUNS = {"website", "site", "forum", "portal", "blog", "wiki", "homepage", "webzine"}


def site_role(role: str) -> bool:
    """Whether a descriptor is a website's: its head is a site's noun ("a forum for teachers"), or
    "home" said to be online ("the online home for the Jats"): no person is."""
    words = [w for w in _role_words(role) if w]
    head = words[-1] if words else ""
    return head in _SITE_NOUNS or head == "home" and ("online" in words or "web" in words)


def person_role(role: str) -> bool:
    """Whether a descriptor is a person's: its head (the last word before "of", "at", a comma...)
    is a title ("President") or a word for someone who does something ("blogger", "leader")."""
    words = _role_words(role)
    head = words[-1] if words else ""
    head = head[:-1] if head.endswith(("ers", "ors", "ists", "ians")) else head
    if head in TITLE_WORDS - _TITLE_MODIFIERS:
        return True
    return len(head) > 4 and head.endswith(_AGENT_ENDINGS) and head not in _PLACE_AGENTS


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, frozenset[str]], dict[str, list[tuple[str, str]]]]:
    """The English words the pipeline's lemmatizer ships, by part of speech (WordNet's nouns, verbs,
    adjectives, adverbs), and its suffix rules; empty when the pipeline has no such tables."""
    nlp_ = nlp.load_nlp()
    lookups = getattr(nlp_.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp_.pipe_names else None
    if lookups is None or not lookups.has_table("lemma_index") or not lookups.has_table("lemma_rules"):
        return {}, {}
    index, rules = lookups.get_table("lemma_index"), lookups.get_table("lemma_rules")
    parts = ("noun", "verb", "adj", "adv")
    return ({pos: frozenset(index.get(pos, ())) for pos in parts},
            {pos: [(old, new) for old, new in rules.get(pos, ())] for pos in parts})


def _lemmas(word: str, pos: str) -> set[str]:
    """The words of the lexicon `word` is a form of, as that part of speech ("citing" -> {"cite"})."""
    words, rules = _lexicon()
    w = word.lower()
    forms = {w} | {w[: len(w) - len(old)] + new for old, new in rules.get(pos, []) if old and w.endswith(old)}
    return forms & words.get(pos, frozenset())


def common_word(word: str) -> bool:
    """Whether `word` is a form of an English noun, verb, adjective or adverb ("Free", "Citing")."""
    return word.isalpha() and any(_lemmas(word, pos) for pos in ("noun", "verb", "adj", "adv"))


def common_lead(span: Any, noun: bool = True) -> bool:
    """Whether the name opens with a common English word that is no title: "Free" of "Free Aung San
    Suu Kyi" (a slogan), "Citing" of "Citing Togo's experience"; with `noun` False, a word English
    uses as no noun ("Citing", "Marry": not "Mark", "Will", "Rose"). Given names are such words too,
    so the caller cuts the word only when the rest is a name the article gives alone."""
    first = span[0]
    if len(span) < 2 or not first.text[:1].isupper() or first.lower_ in TITLE_WORDS | HONORIFICS:
        return False
    return common_word(first.text) and (noun or not _lemmas(first.text, "noun"))


def plural_noun(span: Any) -> bool:
    """Whether the name's last word is the plural of an English noun ("Brahmins", "Muslims",
    "Improvements"; also surnames: "Woods", "Mills", "Gates")."""
    last = span[-1]
    word = last.lower_
    return last.is_alpha and word.endswith("s") and len(word) > 3 and bool(_lemmas(word, "noun") - {word})


def abstract_plural(span: Any) -> bool:
    """Whether the name ends in the plural of a noun made from a verb or an adjective
    ("Kartographer Improvements"): a proposal's, a campaign's or a heading's name."""
    return plural_noun(span) and span[-1].lower_.endswith(_ABSTRACT_PLURALS)


def counted(span: Any) -> bool:
    """Whether this mention treats the name as many: a quantifier or a number on it ("all Shivalli
    Brahmins", "1000 Brahmins"), a nationality before it ("Indian Dalit Muslims"), or a verb in
    the plural after it as subject ("Dalit Muslims face"). A year before a name is no number of
    it ("In 2009 Tiger Woods won"): only the parse's nummod counts."""
    root, doc = span.root, span.doc
    before = [c for c in root.children if c.i < span.start]
    if span.start and doc[span.start - 1].lower_ in _QUANTIFIERS:
        return True
    if any(c.lower_ in _QUANTIFIERS or c.dep_ == "nummod" for c in before):
        return True
    if any(c.dep_ == "amod" and _demonym(c.text) for c in before):
        return True
    return root.dep_ == "nsubj" and root.head.tag_ == "VBP" and root.head.i > root.i


def _demonym(word: str) -> bool:
    place = countries.lookup(word, "NORP") if word[:1].isupper() else None
    return place is not None and place.how == "demonym"


def place_glued(span: Any) -> bool:
    """Whether the name's last word is a place of its own, a country, a capital or a big city,
    after a word that is no given name: "Obama Cairo" (of "the Obama Cairo speech"), not "Jack
    London" nor "George Washington" (a given name before a place is a person's full name)."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or len(words) != len(span) or not all(t.text[:1].isupper() for t in words):
        return False
    if len(words) == 2 and words[0].lower_ in first_names():
        return False
    place = countries.lookup(span[-1].text, "GPE")
    return place is not None and (place.how in ("country", "capital") or big_city(span[-1].text))


# Prepositions that put their object online or inside a program: one is "on Twitter", writes "via
# Orkut", a bug is "within Firefox"; a person is seldom any of these.
_ON_A_SITE = {"on", "onto", "via"}
_IN_A_PROGRAM = {"within"}
# Verbs whose object is a tool: one uses, downloads or installs software, not a person.
_TOOL_VERBS = {"use", "download", "install", "uninstall", "reinstall"}


def thing_use(span: Any) -> str | None:
    """How the sentence uses a one-word name as a thing: "site" as the object of "on" or "via" ("a
    hot topic on Twitter"), "tool" as what is used, downloaded or installed, or inside which
    something happens ("using Twitter", "used with Firefox", "within Firefox"), "noun" as a
    modifier of a common noun that is no word for a person ("a Twitter account", "Firefox
    extension"; not "Orkut users"); else None."""
    root = span.root
    first = first_listed(root)  # "used with Internet Explorer or Google Chrome": Chrome is used too
    head = first.head
    if first.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ in _ON_A_SITE:
            return "site"
        if head.lower_ in _IN_A_PROGRAM or _used_by_preps(head):
            return "tool"
    if first.dep_ == "dobj" and head.lemma_.lower() in _TOOL_VERBS:
        return "tool"
    if (root.dep_ == "compound" and head.i == span.end and head.pos_ == "NOUN" and not head.ent_type_
            and not person_role(head.text) and head.lower_ not in TITLE_WORDS):
        return "noun"
    return None


_VOWELS = set("aeiouyAEIOUY")


def acronym(word: str) -> bool:
    """Whether a one-word name is shaped like an acronym: two capitals or more and no fewer capitals
    than small letters ("HMIC", "FRANK", "DfE"), or letters with no vowel ("Dstl"). A surname
    with a capital inside has more small letters ("McCain", "DeSantis"); one with no vowel
    ("Ng") is used with a given name, which the caller checks."""
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) < 2 or len(letters) != len(word.replace("&", "")) or not word[0].isupper():
        return False
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and 2 * upper >= len(letters) or not _VOWELS & set(letters)


def capitals_acronym(word: str) -> bool:
    """Whether a word is an acronym in capitals ("DAB", "HMIC"), not a Roman numeral ("Henry VIII")."""
    return len(word) > 1 and word.isalpha() and word.isupper() and not set(word) <= set("IVXLCDM")


def initials(name: str) -> str:
    """The capitals that open the words of a name ("John F Kennedy" -> "JFK")."""
    return "".join(w[0] for w in name.replace(".", " ").split() if w[:1].isupper())


def _used_by_preps(prep: Any) -> bool:
    """Whether a preposition hangs on a verb of use, directly ("used with") or through one more
    prepositional phrase ("used in conjunction with")."""
    node = prep.head
    for _ in range(2):
        if node.lemma_.lower() in _TOOL_VERBS:
            return True
        if not (node.dep_ == "pobj" and node.head.dep_ == "prep"):
            return False
        node = node.head.head
    return node.lemma_.lower() in _TOOL_VERBS


def english_phrase(span: Any) -> bool:
    """Whether the name is a phrase of English, not a person's: two words, each a word of the
    lexicon, the first an adjective and no given name ("Collective Intelligence", "Global Warming",
    "Civic Innovation"; not "Drew Barrymore", "Terry Gross", "Eden Hazard", whose first words English
    uses as no adjective). Only two: the lexicon holds famous people's names too ("Lee Harvey
    Oswald": "lee", "harvey" and "oswald" are all in it)."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 2 or not all(t.is_alpha and t.text[:1].isupper() for t in words):
        return False
    first = words[0].lower_
    return (bool(_lemmas(first, "adj")) and first not in first_names() and first not in TITLE_WORDS | HONORIFICS
            and all(common_word(t.text) for t in words))


def translated(span: Any) -> bool:
    """Whether the text gives the name a translation in brackets with a language's code, as a
    link to a page in that language: "Mega Não! [Mega No!, pt]"."""
    doc = span.doc
    i = span.end
    while i < len(doc) and doc[i].text in ("!", "?") and i - span.end < 2:
        i += 1
    if i >= len(doc) or doc[i].text != "[":
        return False
    close = next((j for j in range(i + 1, min(i + 12, len(doc))) if doc[j].text == "]"), None)
    if close is None or close - i < 4 or doc[close - 2].text != ",":
        return False
    code, inside = doc[close - 1].text, doc[i + 1: close - 2].text
    return len(code) == 2 and code.isalpha() and code.islower() and inside[:1].isupper() and inside != span.text


def subtitle(span: Any, names: set[int]) -> bool:
    """Whether the name follows another name and a colon inside a sentence ("of Batman: Arkham
    VR"): a title's subtitle. `names`: the token indices where the article's names of things (not
    people, places nor nationalities: "another Virginian: Harry F. Byrd Sr.") start."""
    doc, a = span.doc, span.start
    if a < 3 or doc[a - 1].text != ":" or not doc[a - 1].whitespace_ or doc[a - 2].whitespace_:
        return False
    before = a - 2
    while before > 0 and before not in names and doc[before - 1].pos_ == "PROPN":
        before -= 1
    # a lower-case word before it: mid-sentence, not a paragraph's opening turn
    return before in names and before > 0 and doc[before - 1].is_lower


def place_use(span: Any) -> bool:
    """Whether the text uses the name as a place: after a preposition of place ("in Yurimaguas",
    "near Bagua") or listed as an instance ("urban populations (such as Yurimaguas)")."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj":
        return False
    such = prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"
    return such or prep.lower_ in _PLACE_PREPS


# Words newspapers and magazines take as their names ("the Sun", "the Times", "the Edmonton Sun"):
# with a definite article English writes a publication by one of these alone, and the same word
# names other things too (the star, a person surnamed Post), so such a one-word name read as an
# organisation in one article and as something else in another names two things (canonical.one_thing).
NAMEPLATES = frozenset(("sun", "times", "post", "star", "mirror", "globe", "guardian", "independent", "express",
                        "observer", "telegraph", "herald", "tribune", "journal", "chronicle", "gazette", "standard",
                        "mail", "examiner", "sentinel", "courier", "inquirer", "bulletin", "monitor", "economist",
                        "spectator", "daily", "news", "record", "register"))
# Nouns for a publication a name may modify ("Time magazine", "the Futura channel").
_PRESS_NOUNS = {"magazine", "newspaper", "tabloid", "journal", "channel", "weekly", "daily", "paper"}
# People of a publication: "editor of Eutopia", "a columnist for the Sun", "the Sun's editor".
_PRESS_PEOPLE = {"editor", "publisher", "columnist", "correspondent", "reporter", "journalist", "contributor",
                 "subeditor", "commentator", "critic"}
# What one does in a publication: "wrote in Eutopia", "published in Nature", "an article in Kontext" (not
# "appeared in": one appears in a film too).
_PUBLISHING = {"write", "publish", "report", "article", "essay", "column", "interview", "editorial", "op-ed",
               "piece", "story"}
# What a publication does, as the subject: "the Sun reported", "the Times revealed".
_REPORTING = {"report", "reveal", "publish", "print", "run", "claim", "write", "say", "highlight", "quote"}
# Deities: a religion's name for its god, which the small model tags as a person ("May God bless you").
DEITIES = frozenset(("god", "allah", "yahweh", "jehovah"))


def publication_use(span: Any) -> bool:
    """Whether the sentence uses the name as a newspaper's or a magazine's: it modifies a noun for a
    publication ("Time magazine"); it is what someone of the press works for ("editor of Eutopia", "a
    columnist at the Sun") or what something is written in ("wrote in Eutopia"); or, written with a
    definite article, as no person's name is, it is told things, reports or has an editor ("told the
    Guardian", "the Sun reported", "the Sun's editor")."""
    root, doc = span.root, span.doc
    if root.dep_ == "compound" and root.head.i == span.end and root.head.lemma_.lower() in _PRESS_NOUNS:
        return True
    # the name itself, not the list it is in: "editor of Eutopia and Shervin Nekuee" lists a person
    prep = root.head
    if root.dep_ == "pobj" and prep.dep_ == "prep" and prep.i < root.i:
        if prep.lower_ in ("of", "for", "at", "with") and prep.head.lemma_.lower() in _PRESS_PEOPLE:
            return True
        if prep.lower_ == "in" and prep.head.lemma_.lower() in _PUBLISHING:
            return True
    if not (span.start > 0 and doc[span.start - 1].lower_ == "the"):
        return False
    if span[0].lower_ in first_names() and span[0].lower_ not in NAMEPLATES:
        return False  # a nickname: "the Donald has said" (PolNeAR train), not "the Star reported"
    if root.dep_ in ("dobj", "dative") and prep.lemma_.lower() == "tell":
        return True
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in _REPORTING:
        return True
    after = doc[span.end: span.end + 2]
    return len(after) == 2 and after[0].tag_ == "POS" and after[1].lemma_.lower() in _PRESS_PEOPLE


def press_name(span: Any) -> bool:
    """Whether the name is a place's and a nameplate's ("Edmonton Sun", "Toronto Star", "New York
    Times"): a country, a capital or a big city, then one of NAMEPLATES, as no person is named."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or words[-1].lower_ not in NAMEPLATES or not words[-1].text[:1].isupper():
        return False
    place_words = span.doc[span.start: words[-1].i].text.strip()
    place = countries.lookup(place_words, "GPE")
    return (place is not None and place.how in ("country", "part", "capital")) or big_city(place_words)


def prefixed(word: str) -> bool:
    """Whether the word is an English prefix glued by a hyphen to a name: "pro-Beijing", "anti-Trump",
    "non-EU" (the prefix an adjective or adverb of the lexicon, in lower case, of three letters or
    more: not the particles of names, "al-Assad", "el-Sisi", "bin-Laden")."""
    head, _, rest = word.partition("-")
    return (len(head) >= 3 and head.islower() and rest[:1].isupper()
            and bool(_lemmas(head, "adj") or _lemmas(head, "adv")))


# Nouns for a storm, before its name: "Cyclone Phailin", "Hurricane Sandy", "Typhoon Haiyan". A storm's
# name is a given name often ("Phailin's winds will weaken"), and the small model reads it a person's.
STORM_NOUNS = frozenset(("cyclone", "hurricane", "typhoon", "storm"))


def summit_code(word: str) -> bool:
    """Whether the word is a summit's code: G7, G8, G20 (a group of countries and its meeting, never a
    person: no one's name is a capital and digits)."""
    return len(word) in (2, 3) and word[0] == "G" and word[1:].isdigit()


def editor_note(span: Any) -> bool:
    """Whether the name is the label of an editor's note: "Ed.:" opening a paragraph, "[Ed.: ...]",
    "(Ed. note)". "Ed" with an abbreviation's full stop after it, then a colon, or inside a bracket: a
    man called Ed is written without the stop ("Ed: I think", "Ed said")."""
    doc = span.doc
    if span.text not in ("Ed", "Ed.") or span.end >= len(doc):
        return False
    after = span.end + (0 if span.text == "Ed." else 1)
    if span.text == "Ed" and doc[span.end].text != ".":
        return False
    colon = after < len(doc) and doc[after].text == ":"
    bracket = span.start > 0 and doc[span.start - 1].text in ("[", "(")
    return colon or bracket


def glued_acronym(word: str) -> bool:
    """Whether a one-word name is an acronym glued to an English word in small letters: "KDnet",
    "ITnews" (a site's or a firm's). No person's name is written so; an Irish name that lost
    its apostrophe ("OBrien", "ODonnell") ends in no English word."""
    caps = len(word) - len(word.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    tail = word[caps:]
    return caps >= 2 and len(tail) >= 2 and tail.isalpha() and tail.islower() and common_word(tail)


def no_english(text: str) -> bool:
    """Whether a short text's words in small letters, two or more, are none of them English: no form
    of a noun, verb, adjective or adverb the lexicon knows and no function word ("Gente, que absurdo!",
    a Portuguese exclamation too short for the language identifier). A name in capitals says nothing."""
    from spacy.lang.en.stop_words import STOP_WORDS

    small = re.findall(r"\b[a-z]+\b", text)
    return len(small) >= 2 and not any(w in STOP_WORDS or common_word(w) for w in small)
