"""Articles that write given names of given types, for the store's entity tests (one name one entity,
E19; newspapers, gods and type ties, E20)."""

from __future__ import annotations

from newsdesk.records import Article, Entity


def named_article(i: int, names: list[tuple[str, str]]) -> Article:
    """Article `i`, writing each (name, type) once, in that order, with its entity at its offsets."""
    text, entities = f"Story {i}. ", []
    for name, type_ in names:
        start = len(text) + len("Today ")
        text += f"Today {name} was in the news. "
        entities.append(Entity(text=name, type=type_, start=start, end=start + len(name), canonical=name))
    return Article(text=text, paragraphs=(text,), language="en", url=f"https://news.example/{i}", title=f"Story {i}",
                   published=f"2026-01-{i + 1:02d}T09:00:00+00:00", entities=tuple(entities))
