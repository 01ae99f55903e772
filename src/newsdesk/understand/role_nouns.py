"""The person or organisation a definite noun speaker stands for: "Iran's foreign minister Abbas
Araqchi … the minister said" is Abbas Araqchi, "The International Monetary Fund … the fund said" the IMF.

`speaker_naming._by_role` (session 9) gave "the minister" the nearest person before it whose role ended in
that noun with every modifier of the phrase in the role. Session 16 (P3) reads titles as roles too
("Sen. Bernie Sanders" is a senator), does not take another office for the noun's ("Vice President
Joe Biden" is not "the president"), skips names inside quotation marks and the quote itself, and
names someone only when one person fits, or one whose role says no more than the phrase ("the
president" after "President Obama" and "World Bank President Jim Yong Kim"): two senators before
"the senator" leave the phrase.
An organisation is named so only by a name headed by the noun, near before it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsdesk.understand import speakers
from newsdesk.understand.entities import Mention

# Session 16 (P3): the rules above. False: `speaker_naming._by_role` as session 15 left it.
ROLE_NOUNS = True
# The same for an organisation whose name holds the noun ("the fund" after "International Monetary
# Fund"). False: such a phrase is named as written.
ORG_NOUNS = True
# Characters back an organisation's name may be (about three paragraphs): "The network said" about RT
# is not the Dish Network named as where to watch it, five thousand characters before.
ORG_WINDOW = 1500
# Titles as news abbreviates them, so that a "Sen." is a senator.
_ABBREVIATED = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
                "pres": "president", "sec": "secretary", "prof": "professor", "lt": "lieutenant",
                "col": "colonel", "sgt": "sergeant", "capt": "captain", "adm": "admiral", "atty": "attorney"}
# Words that end a role's head: what follows says of what or whom, or is a relative clause.
_HEAD_END = {"of", "to", "for", "at", "in", "with", "from", "on", "by", "who", "whom", "whose", "which", "that"}
# Words that make another office of the head noun: a vice president is not "the president", nor a
# former one.
_OTHER_OFFICE = {"vice", "deputy", "assistant", "associate", "under", "lieutenant", "former", "ex", "co"}


def role_antecedent(tok: Any, mentions: list[Mention], role_of: Callable[[Mention], str | None],
                    quoted: list[tuple[int, int]], said: tuple[int, int]) -> Mention | None:
    """The person "the minister" (`tok` its head noun) stands for: the nearest person named before it
    whose role or title has that head noun and every modifier the phrase gives, and that is no
    other office of it ("Vice President" is not "the president"), outside quotation marks and the
    quote's own words (`said`); None when no one or more than one person fits, or the phrase is no
    singular definite one ("officials", "a senator")."""
    if not _definite(tok):
        return None
    needed = _modifiers(tok)
    fits = [m for m in _before(tok, mentions, "PERSON", quoted, said) if _fits(role_of(m), tok.lower_, needed)]
    # "the president" after "President Obama" and "World Bank President Jim Yong Kim": the one whose
    # role says no more than the phrase
    bare = [m for m in fits if set(_own(role_words(role_of(m) or ""))) <= needed | {tok.lower_}]
    return _one(fits, people=True) or _one(bare, people=True)


def org_antecedent(tok: Any, mentions: list[Mention], quoted: list[tuple[int, int]],
                   said: tuple[int, int]) -> Mention | None:
    """The organisation "the fund" or "the appeals court" stands for (`ORG_NOUNS`): one the article
    named before it with a name headed by the noun and holding its modifiers ("International
    Monetary Fund", "U.S. Court of Appeals") and named again, in any form, up to `ORG_WINDOW`
    characters before it, outside quotation marks and the quote; None when no one or more than one
    organisation fits. A name without the noun ("the company" for "Wells Fargo") is not read:
    nothing here says which kind of organisation a name is."""
    if not ORG_NOUNS or not _definite(tok):
        return None
    needed = _modifiers(tok)
    before = _before(tok, mentions, "ORG", quoted, said)
    named = {_key(m) for m in before if _named_for(m.text, tok.lower_, needed)}
    # near: its name in any form ("IMF" after "International Monetary Fund") within the window
    return _one([m for m in before if _key(m) in named and tok.idx - m.start < ORG_WINDOW])


def _named_for(name: str, head: str, needed: set[str]) -> bool:
    """Whether an organisation's name, as written ("IMF" is the canonical name of "International
    Monetary Fund"), is headed by the noun ("Court" of "U.S. Court of Appeals", not "Research" of
    "Potsdam Institute for Climate Impact Research") and holds more than it: a name "Bank" alone is
    a word the tagger took for one."""
    words = role_words(name)
    own = _own(words)
    return len(words) > 1 and bool(own) and own[-1] == head and needed <= set(words)


def _definite(tok: Any) -> bool:
    """A singular noun after "the" or "this": "officials", "a senator" name nobody in particular."""
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    return tok.tag_ in ("NN", "NNP") and det is not None and det.lower_ in ("the", "this")


def _before(tok: Any, mentions: list[Mention], kind: str, quoted: list[tuple[int, int]],
            said: tuple[int, int]) -> list[Mention]:
    """The mentions of `kind` the text gives before `tok`, outside quotation marks and the quote."""
    return [m for m in mentions if m.type == kind and m.start >= 0 and m.end <= tok.idx
            and not speakers.quoted_at(m.start, quoted) and not said[0] <= m.start < said[1]]


def _one(fits: list[Mention], people: bool = False) -> Mention | None:
    """The nearest of `fits` when they are all one person or organisation, else None. People's names
    that end in the same word count as one ("Admiral Harris" and "Harry B. Harris Jr.", which the
    canonical names did not join); organisations' do not ("State Department", "Labor Department")."""
    keys = {_key(m) for m in fits}
    if len(keys) == 1 or people and keys and len({k.split()[-1] for k in keys}) == 1:
        return fits[-1]
    return None


def _key(m: Mention) -> str:
    return m.canonical or m.text


def _modifiers(tok: Any) -> set[str]:
    """The words that modify a role noun ("republican", "presidential" of "the Republican presidential
    nominee"; "gop" of "the GOP front-runner"; "interior" of "the minister of the interior")."""
    words = set()
    for c in tok.children:
        prep = c.dep_ == "prep" and c.lower_ in ("of", "for")
        if c.dep_ not in ("amod", "compound", "nmod") and not prep:
            continue
        for t in c.subtree:  # a stop word of a modifier counts ("former"), not "of the" of a prep
            if t.is_alpha and not (prep and t.is_stop):
                words.add(t.lower_)
    return words


def _fits(role: str | None, head: str, needed: set[str]) -> bool:
    """Whether a role ("Foreign Minister", "Sen.") is headed by `head`, has the `needed` words, and
    no word of another office the phrase does not say ("vice", "former")."""
    if not role:
        return False
    words = role_words(role)
    own = _own(words)
    if not own or own[-1] != head or not needed <= set(words):
        return False
    return not (_OTHER_OFFICE & set(own)) - needed


def _own(words: list[str]) -> list[str]:
    """A role's or name's words up to its head ("court", "u.s." of "U.S. Court of Appeals")."""
    ends = [i for i, w in enumerate(words) if w in _HEAD_END]
    return words[:ends[0]] if ends else words


def role_words(role: str) -> list[str]:
    """A role's words, lower-cased, without punctuation, abbreviated titles written out
    ("Vermont Sen." → vermont, senator; "vice-president" → vice, president)."""
    out = []
    for w in role.lower().replace("-", " ").replace("’s", " ").replace("'s", " ").split():
        w = w.strip(".,;:()\"“”")
        if w:
            out.append(_ABBREVIATED.get(w, w))
    return out
