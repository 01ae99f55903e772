"""A stored article that is nothing but quotes: one "“…,” the minister said." sentence per quote,
each quote's offsets into the text, for the quote-search tests."""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.records import Article, Quote


def minister_quotes(quotes: Iterable[str], *, url: str, published: str, speaker: str = "Ana Lopez") -> Article:
    said = " ".join(f"“{q},” the minister said." for q in quotes)
    found, at = [], 0
    for q in quotes:
        start = said.index(q, at)
        found.append(Quote(text=q, kind="direct", start=start, end=start + len(q), speaker=speaker, cue="said"))
        at = start + len(q)
    return Article(url=url, title="Minister speaks", text=said, paragraphs=(said,), language="en",
                   published=published, quotes=tuple(found))
