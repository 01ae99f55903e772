"""One name per thing: within an article, then across the store.

Within an article, a short mention takes the full name it abbreviates: "Araqchi" →
"Abbas Araqchi" (the nearest full name before it, else the most frequent one), "IAEA" →
"International Atomic Energy Agency" when the initials fit, "U.S." → "United States".

Across articles, `name_key` folds case, accents, punctuation and titles, and
`spelling_key` folds the transliteration variants of one sound (Araqchi / Araghchi,
Qaddafi / Gaddafi, Mohammad / Muhammad), so the store can treat them as one person.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from newsdesk.understand import countries
from newsdesk.understand.entities import Mention
from newsdesk.understand.roles import TITLE_WORDS

_NAME_TYPES = ("PERSON", "ORG")
_STOP = {"the", "of", "and", "for", "mr", "mrs", "ms", "dr"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "mister", "madam"}


def name_key(name: str) -> str:
    """Case, accents, punctuation and a leading "the" folded: "the U.S." → "us"."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text).strip())


def spelling_key(name: str) -> str:
    """A consonant skeleton per word: transliteration variants of one name share it."""
    words = []
    for word in name_key(name).split():
        w = re.sub(r"[qgck]h?|kh", "k", word)
        w = w.replace("ph", "f").replace("h", "").replace("w", "v")
        w = w[0] + re.sub(r"[aeiouy]", "", w[1:]) if w else w
        words.append(re.sub(r"(.)\1+", r"\1", w))
    return " ".join(words)


def same_name(a: str, b: str) -> bool:
    """Spelling variants of one name: same skeleton and close as strings."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    return spelling_key(a) == spelling_key(b) and difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.8


@lru_cache(maxsize=4096)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(w for w in name_key(name).split() if w not in _STOP)


def _abbreviates(short: str, full: str) -> bool:
    """"Araqchi" for "Abbas Araqchi", "Trump" for "Donald J. Trump", "IAEA" for its full name."""
    s, f = _tokens(short), _tokens(full)
    if not s or len(s) >= len(f):
        return False
    if s == f[-len(s):] or s == f[: len(s)]:
        return True
    initials = "".join(w[0] for w in f)
    return len(s) == 1 and short.isupper() and len(short) >= 2 and s[0] == initials


def name_words(name: str) -> int:
    """The words of a name, "the", "of", "Mr" and the like not counted."""
    return len(_tokens(name))


def lone_word(name: str) -> str | None:
    """The one word of a one-word name ("Obama", "Mr. Obama" → "obama"), else None."""
    words = _tokens(name)
    return words[0] if len(words) == 1 else None


def surname(name: str) -> str | None:
    """The last word of a longer name ("Barack Obama" → "obama"), else None: the word a bare
    surname elsewhere must equal, spelt the same, to name this person across articles."""
    words = _tokens(name)
    return words[-1] if len(words) > 1 else None


def last_spelt(name: str) -> str:
    """A name's last word as written, accents kept, case folded: "García" against "Garcia", the
    one thing telling Alan García from the blogger Erick Garcia when a text writes "García"."""
    text = re.sub(r"'s\b", "", unicodedata.normalize("NFC", name).replace("’", "'"))
    words = re.sub(r"[^\w\s]", "", text).casefold().split()
    return words[-1] if words else ""


def _role_head(role: str | None) -> str | None:
    """The title word a role ends in ("president" of "US President"), or None: honorifics
    ("Mr.") and roles that end in no title word ("blogger", a misparse) say nothing."""
    words = [w.strip(".").lower() for w in (role or "").split() if w.strip(".").isalpha()]
    head = words[-1] if words else None
    return head if head in TITLE_WORDS and head not in _HONORIFICS else None


def _full_name(m: Mention, fulls: list[Mention], counts: Counter, titles: dict[str, set[str]]) -> str | None:
    """The full name a short mention abbreviates.

    A title the short mention carries rules out a full name titled otherwise ("President Obama"
    is not "First Lady Michelle Obama"), and a name spelled exactly as the mention (accents and
    all) comes first: "President García" is Alan García, not the blogger Erick Garcia.
    """
    cands = [f for f in fulls if f.type == m.type and f.text != m.text and _abbreviates(m.text, f.text)]
    mine = _role_head(m.role)
    if mine:
        cands = [f for f in cands if not titles.get(f.text) or mine in titles[f.text]]
    cands = [f for f in cands if m.text in f.text] or cands
    if not cands:
        return None
    before = [f for f in cands if f.start < m.start]
    if before:
        return max(before, key=lambda f: f.start).text
    return max(cands, key=lambda f: counts[f.text]).text


def canonicalize(mentions: Iterable[Mention]) -> list[Mention]:
    """Fill `canonical` on each mention (in place) and return them."""
    mentions = list(mentions)
    counts = Counter(m.text for m in mentions)
    # one mention per distinct full name and place in the text is enough to choose from
    fulls = [m for m in mentions if m.type in _NAME_TYPES and len(_tokens(m.text)) > 1]
    titles: dict[str, set[str]] = {}
    for f in fulls:
        head = _role_head(f.role)
        if head:
            titles.setdefault(f.text, set()).add(head)
    done: dict[tuple[str, str, int, str | None], str] = {}
    for m in mentions:
        if m.type in _NAME_TYPES:
            # the answer only changes when a new full name appeared before this mention
            seen = sum(1 for f in fulls if f.start < m.start)
            key = (m.type, m.text, seen, _role_head(m.role))
            if key not in done:
                done[key] = _full_name(m, fulls, counts, titles) or m.text
            m.canonical = done[key]
        elif m.country and m.place_how in ("country", "demonym"):
            m.canonical = countries.country_name(m.country) or m.text
        else:
            m.canonical = m.text
    # a person's role found on one mention holds for the others ("Araqchi said" after the title)
    roles = {}
    for m in mentions:
        if m.type == "PERSON" and m.role and m.canonical not in roles:
            roles[m.canonical] = (m.role, m.country)
    for m in mentions:
        if m.type == "PERSON" and not m.role and m.canonical in roles:
            m.country = m.country or roles[m.canonical][1]
    return mentions
