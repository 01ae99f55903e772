"""The edges of a tagged name: what is cut off the span spaCy's NER gives.

A heading glued across a paragraph break, a leading "the", a trailing possessive or full stop,
brackets and quotation marks the name does not pair, a nationality before a person's name and
lower-case words after it, a title (split off as the person's role). And the spans that are no
name at all whatever their edges: unbalanced brackets, a currency sign.
"""

from __future__ import annotations

from typing import Any

from newsdesk.understand import countries, roles

_POSSESSIVE = ("'s", "’s", "'", "’")


def _paragraph_breaks(doc: Any, a: int, b: int) -> list[int]:
    """Indices of the whitespace tokens in doc[a:b] that hold a paragraph break (a blank line)."""
    return [i for i in range(a, b) if roles.paragraph_break(doc[i])]


def within_paragraph(doc: Any, a: int, b: int) -> tuple[int, int]:
    """The longest part of doc[a:b] inside one paragraph.

    spaCy reads the article as one text and its NER runs over blank lines, gluing a
    heading to the next paragraph's first word ("House of Commons:\n\nEstimates"). No name
    crosses a paragraph break, so the mention is cut there; the longest piece (in words)
    is the name, the rest is the heading's or paragraph's stray word.
    """
    breaks = _paragraph_breaks(doc, a, b)
    if not breaks:
        return a, b
    bounds = [a, *[i for brk in breaks for i in (brk, brk + 1)], b]
    pieces = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    return max(pieces, key=lambda p: sum(1 for t in doc[p[0]: p[1]] if t.is_alpha))


def _name_edges(doc: Any, a: int, b: int) -> tuple[int, int]:
    """A person's name without a leading nationality or trailing lower-case words.

    The small model folds neighbours into a PERSON: an adjective of nationality before it
    ("Moroccan Obama enthusiasts") and, in a quoted French or Spanish sentence, the verb
    after it ("Obama a eu également ..."). A name ends in a capitalised word and a
    nationality is not part of it (the mention keeps the name; "Moroccan" was the fans').
    Particles inside a name stay ("Ludwig van Beethoven", "Suleiman al-Amr").
    """
    while b > a + 1 and _lower_word(doc[b - 1]):
        b -= 1
    while a < b - 1 and is_demonym(doc[a].text):
        a += 1
    return a, b


def _lower_word(tok: Any) -> bool:
    """A separate lower-case word ("eu" of "Obama a eu"): not the end of a hyphenated name
    ("Kim Jong-un", "Lau Siu-lai": "un" follows "-" with no space) and not punctuation."""
    glued = tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return tok.is_alpha and not glued and not has_capital(tok.text)


def has_capital(word: str) -> bool:
    """ "Obama", "al-Amr", "d'Ettorre": a word of a name has a capital somewhere; "eu" has none."""
    return any(ch.isupper() for ch in word)


def is_demonym(word: str) -> bool:
    if not word[:1].isupper():
        return False
    place = countries.lookup(word, "NORP")
    return place is not None and place.how == "demonym"


def trim(ent: Any) -> tuple[Any, str | None, bool]:
    """The mention without "the" and possessive; a leading title of a person split off;
    and whether lower-case words were cut off a person's name (the reading is then in doubt)."""
    doc = ent.doc
    a, b = within_paragraph(doc, ent.start, ent.end)
    while a < b and doc[a].lower_ in ("the", "a", "an"):
        a += 1
    # a sentence's full stop the tagger took in ("founder, Jack Herrick.") is no part of the name; an
    # abbreviation's stays on its word ("Jr.", "U.S.")
    while b > a and (doc[b - 1].text in _POSSESSIVE or doc[b - 1].is_punct and doc[b - 1].text in ":;,."):
        b -= 1
    a, b = _editor_brackets(doc, *unpaired_brackets_off(doc, *unpaired_quotes_off(doc, a, b)))
    # a caption's credit label glued to the name before it: "student Ahmed Mohamed Image: Twitter"
    if b - a > 1 and doc[b - 1].lower_ in roles.CREDITS and b < len(doc) and doc[b].text in (":", ";"):
        b -= 1
    title, cut = None, False
    if ent.label_ == "PERSON":
        end = b
        a, b = _name_edges(doc, a, b)
        cut = b < end
    if ent.label_ == "PERSON" and b > a:
        n = roles.split_title(list(doc[a:b]))
        if n:
            title, a = doc[a: a + n].text, a + n
    return doc[a:b], title, cut


def unpaired_brackets_off(doc: Any, a: int, b: int) -> tuple[int, int]:
    """The span on the name's side of a bracket it does not pair: "Between (Environmental Minister
    Antonio) Brack" named an entity "Antonio) Brack", the translator's bracket inside it; the words
    after a closing bracket are the name the sentence gives (before an opening one, likewise)."""
    depth_a = a
    for i in range(a, b):
        if doc[i].text == ")" and not any(t.text == "(" for t in doc[depth_a:i]):
            depth_a = i + 1
    a = depth_a if depth_a < b else a
    for i in range(b - 1, a - 1, -1):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i + 1: b]) and i > a:
            b = i
    return a, b


def _editor_brackets(doc: Any, a: int, b: int) -> tuple[int, int]:
    """A name with an editor's square brackets whole, or without a bracket it does not pair: in a
    quotation "[George H. W.] Bush" the model tagged "George H. W.] Bush" (the name is the whole,
    `canonical` drops the brackets); "[Observatory" of "[Observatory of the Right …, pt]" loses its
    bracket. The words after a closing bracket whose opening one is not right before the name are
    the name; before an opening one likewise."""
    closes = [i for i in range(a, b) if doc[i].text == "]"]
    opens = [i for i in range(a, b) if doc[i].text == "["]
    if closes and (not opens or opens[0] > closes[0]):
        if a > 0 and doc[a - 1].text == "[" and closes[0] + 1 < b:
            a -= 1
        elif closes[-1] + 1 < b:
            a = closes[-1] + 1
    if opens and not any(i > opens[-1] for i in closes):
        a, b = (a + 1, b) if opens[-1] == a else (a, opens[-1])
    return a, b


def unbalanced(text: str) -> bool:
    """Whether a name keeps a bracket it does not pair ("Virginia Governor(s": the tokenizer
    glues "(s" to its word, so no trim reaches it): no name is written so."""
    return any(text.count(o) != text.count(c) for o, c in ("()", "[]", "{}"))


# "''" and "``": the New York Times' and Penn Treebank-style texts write quotation marks as two
# apostrophes or backticks ("Donald Trump ''doesn't want ..."), which the tagger left on the name.
OPENING = ('"', "“", "‘", "«", "'", "''", "``")


_CLOSING = ('"', "”", "’", "»", "'", "''")


def unpaired_quotes_off(doc: Any, a: int, b: int) -> tuple[int, int]:
    """The span without a quotation mark at its edge that it does not close or open: the model
    takes the opening mark of a quoted title and leaves its closing one after the comma
    ('named "Better Idea of Afghan Girls," scored' named an entity '"Better Idea of Afghan Girls')."""
    if b - a > 1 and doc[a].text in OPENING and not any(t.text in _CLOSING for t in doc[a + 1: b]):
        a += 1
    if b - a > 1 and doc[b - 1].text in _CLOSING and not any(t.text in OPENING for t in doc[a: b - 1]):
        b -= 1
    return a, b


def is_money(span: Any) -> bool:
    """A currency sign in the "name": the tagger reads "US $" of "priced at US $ 8.00" as a name
    (an EVENT), which the store then filed under the United States; it is the dollar's name, part of
    a sum, and says nothing of the country (E24). No name is written with a sign of its own; a
    country's short code just before one ("US $ 12 million", "NZ $") is the currency's too."""
    doc = span.doc
    prefix = (len(span) == 1 and span.end < len(doc) and doc[span.end].is_currency
              and len(span.text.replace(".", "")) <= 3 and span.text.replace(".", "").isupper())
    return prefix or any(t.is_currency for t in span)
