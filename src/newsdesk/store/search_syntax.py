"""The desk's search syntax, read into a small tree that any engine can run.

The syntax is FTS5's, which the desk has always taken: words (all must match), "exact phrases",
prefix* and "phrase prefix"*, AND / OR / NOT (NOT binds tightest, then AND, then OR, as in
FTS5), parentheses, and the column filters `title:` and `text:`. What FTS5 refuses this parser
refuses too (ParseError), so the caller can reread the query as plain words exactly as the FTS5
path does (`plain_words`).

Words are cut into terms by the engine's analyzer (a callable), so "U.S" in quotes or a word
that the analyzer splits becomes a phrase of its terms, as FTS5's unicode61 tokenizer makes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Analyzer = Callable[[str], list[str]]
COLUMNS = {"title": "title", "text": "body"}
_OPERATORS = ("AND", "OR", "NOT")
_WORD = re.compile(r"\w+")
# A quoted phrase (closed), a bare word, or one syntax character. ASCII punctuation outside
# these is an FTS5 syntax error; other non-word characters (non-ASCII) only separate words.
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"|(?P<word>\w+)|(?P<sym>[()*:"])|(?P<space>\s+|[^\x00-\x7f])|(?P<bad>.)')


class ParseError(ValueError):
    """The query is not in the desk's syntax (the caller rereads it as plain words)."""


@dataclass(frozen=True)
class Term:
    """A word or phrase: its analysed terms, a prefix on the last one, limited to one field or not."""

    terms: tuple[str, ...]
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True)
class Op:
    kind: str  # "and", "or", "not" (not: first child minus the others)
    children: tuple[Node, ...]


Node = Term | Op


def parse(query: str, analyze: Analyzer) -> Node:
    """The tree of a query in the desk's syntax; ParseError when FTS5 would refuse it."""
    parser = _Parser(_lex(query), analyze)
    node = parser.or_expr()
    if parser.peek() is not None:
        raise ParseError(f"unexpected {parser.peek()!r}")
    return node


def plain_words(query: str, analyze: Analyzer) -> Node | None:
    """A query FTS5 would refuse, as plain words, all required; None if it has no word.

    The words a query writes joined by punctuation ('9/11', 'U.S.-Iran', 'AT&T') are one phrase
    ("9 11"), as they would be in quotes: read as separate words, '9/11' ranked the sample
    store's one article that says 9/11 third, behind articles that hold a 9 and an 11 anywhere."""
    terms = []
    for chunk in query.split():
        words = tuple(t for word in re.findall(r"\w+", chunk) for t in analyze(word))
        if words:
            terms.append(Term(words))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else Op("and", tuple(terms))


def reread_as_words(query: str) -> list[str] | None:
    """The words a query outside the syntax is searched for instead (all of them, as `plain_words`
    and the FTS5 path read it), for telling the reader so; None when the syntax reads the query.
    "iran -vote" or "NOT police" found articles WITH the word meant to be left out, silently.
    Words alone, the common query, always parse: answered without the parser (12-26 us a query)."""
    words = query.split()
    if all(_WORD.fullmatch(w) and w not in _OPERATORS for w in words):
        return None
    try:
        parse(query, lambda text: re.findall(r"\w+", text.lower()))
    except ParseError:
        return re.findall(r"\w+", query)
    return None


_FTS5_COLUMNS = {"title": "title", "body": "text"}


def fts5_query(node: Node, more_words: Callable[[str], list[str]],
               more_phrases: Callable[[list[str]], list[str]] | None = None) -> str:
    """The tree as an FTS5 query, every operator written out (FTS5 takes no parenthesised group
    after an implicit AND: 'iran (a OR b)' is a syntax error), each lone prefix* with the words
    `more_words` gives it as alternatives ('electi*' -> '("electi"* OR "electing")'), each word or
    phrase with those `more_phrases` gives it ('said' -> '("said" OR "say")')."""
    if isinstance(node, Op):
        if not node.children:
            return '""'  # a phrase of punctuation: FTS5 matches nothing with it, as the parser does
        joined = f" {node.kind.upper()} ".join(fts5_query(c, more_words, more_phrases) for c in node.children)
        return f"({joined})" if len(node.children) > 1 else joined
    text = '"' + " ".join(node.terms) + '"' + ("*" if node.prefix else "")
    if node.prefix:
        extra = more_words(node.terms[0]) if len(node.terms) == 1 else []
    else:
        extra = more_phrases(list(node.terms)) if more_phrases else []
    if extra:
        text = "(" + " OR ".join([text, *(f'"{w}"' for w in extra)]) + ")"
    return f"{_FTS5_COLUMNS[node.field]} : {text}" if node.field else text


def _lex(query: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or ""
        if kind == "space":
            continue
        if kind == "bad" or (kind == "sym" and m.group() == '"'):
            raise ParseError(f"cannot read {m.group()!r}")
        tokens.append((kind, m.group(kind)))
    return tokens


class _Parser:
    """Recursive descent over FTS5's grammar: or_expr > and_expr > not_expr > primary."""

    def __init__(self, tokens: list[tuple[str, str]], analyze: Analyzer) -> None:
        self.tokens, self.pos, self.analyze = tokens, 0, analyze

    def peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def _is_op(self, name: str) -> bool:
        return self.pos < len(self.tokens) and self.tokens[self.pos] == ("word", name)

    def _chain(self, kind: str, word: str, operand: Callable[[], Node]) -> Node:
        """operand (word operand)*, as one Op of `kind` (or the lone operand)."""
        parts = [operand()]
        while self._is_op(word):
            self.pos += 1
            parts.append(operand())
        return parts[0] if len(parts) == 1 else Op(kind, tuple(parts))

    def or_expr(self) -> Node:
        return self._chain("or", "OR", self.and_expr)

    def and_expr(self) -> Node:
        parts = [self.not_expr()]
        while self.pos < len(self.tokens) and not self._is_op("OR") and self.peek() != ")":
            if self._is_op("AND"):
                self.pos += 1
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else Op("and", tuple(parts))

    def not_expr(self) -> Node:
        return self._chain("not", "NOT", self.primary)

    def primary(self, field: str | None = None) -> Node:
        if self.pos >= len(self.tokens):
            raise ParseError("the query ends too early")
        kind, text = self.tokens[self.pos]
        self.pos += 1
        if text == "(" and kind == "sym":
            node = self.or_expr()
            if self.peek() != ")":
                raise ParseError("unclosed (")
            self.pos += 1
            return node
        if kind == "word" and self.peek() == ":" and field is None:
            if text not in COLUMNS:
                raise ParseError(f"no column {text!r}")
            self.pos += 1
            return self.primary(COLUMNS[text])
        if kind == "sym" or (kind == "word" and (text in _OPERATORS or (text == "NEAR" and self.peek() == "("))):
            raise ParseError(f"unexpected {text!r}")
        return self._term(text, field)

    def _term(self, text: str, field: str | None) -> Node:
        prefix = self.peek() == "*"
        if prefix:
            self.pos += 1
        terms = tuple(self.analyze(text))
        if not terms:  # a phrase of punctuation, "": FTS5 matches nothing and so do we
            return Op("or", ())
        return Term(terms, prefix, field)
