"""Records as the annotator gives them, stored in a real SQLite store, for the tests of a quote's
speaker link made after its article was stored (E26's late links, E28's merges and splits): a quote
"“The forest is ours,” said X" whose speaker is no entity of its own article (the tagger sometimes
leaves a name out), and the article's speaker as the store links it."""

from __future__ import annotations

from newsdesk.records import Article, Entity, Quote, RawPage
from newsdesk.store import Store

SAID = "\u201cThe forest is ours,\u201d said {who}, on a visit to Peru."


def article(text: str, entities: tuple[Entity, ...], quotes: tuple[Quote, ...] = ()) -> Article:
    return Article(text=text, paragraphs=(text,), language="en", title=text[:20], entities=entities,
                   quotes=quotes, published="2026-01-02T09:00:00+00:00")


def name(text: str, written: str, type_: str = "PERSON", canonical: str | None = None, nth: int = 0) -> Entity:
    """The entity `written` at its (nth + 1)th place in `text`."""
    start = text.index(written)
    for _ in range(nth):
        start = text.index(written, start + 1)
    return Entity(text=written, type=type_, start=start, end=start + len(written), canonical=canonical or written)


def said_quote(text: str, who: str) -> Quote:
    start = text.rindex(who)
    return Quote(text="The forest is ours", kind="direct", start=text.index("\u201c"), end=start + len(who),
                 speaker=who, cue="said", speaker_start=start, speaker_end=start + len(who))


def said(who: str) -> Article:
    """A quote of `who`, who is no entity of its own article."""
    text = SAID.format(who=who)
    return article(text, (name(text, "Peru", "GPE"),), (said_quote(text, who),))


def store_article(store: Store, n: int, record: Article) -> int:
    """Store the record as the nth page and its entities (quotes linked as at store time)."""
    url = f"https://news.example/{n}"
    _, article_id = store.store_page(RawPage(body=record.text.encode(), origin=f"story-{n}", url=url),
                                     record.replace(url=url))
    store.after_store_entities(article_id, record)
    return int(article_id)


def speaker(store: Store, article_id: int) -> str | None:
    """The name of the entity the article's quote is linked to (None: unlinked or no quote)."""
    row = store.conn.execute("SELECT e.name FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id"
                             " WHERE q.article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None
