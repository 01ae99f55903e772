"""A quote's speaker left as the text writes it, with no capital ("who", "the government"), is linked
to no entity: by its key alone "who" was filed under the World Health Organization another article
names, and its quotes showed on the WHO's page. A named speaker still links across articles."""

from __future__ import annotations

from pathlib import Path

from named_articles import named_article

from newsdesk.records import Quote, RawPage
from newsdesk.store import open_store


def _speaker_ids(tmp_path: Path, speaker: str) -> list[tuple[str, str | None]]:
    store = open_store(tmp_path / "d.db")
    first = named_article(0, [("WHO", "ORG"), ("Government", "ORG")])
    second = named_article(1, [("Maria Lopez", "PERSON")])
    second = second.replace(quotes=(Quote(text="the plan works", kind="indirect", start=0, end=5, speaker=speaker),))
    for i, article in enumerate((first, second)):
        _, article_id = store.store_page(RawPage(body=article.text.encode(), origin=f"s-{i}", url=article.url), article)
        store.after_store_entities(article_id, article)
    return [(r[0], r[1]) for r in store.conn.execute(
        "SELECT q.speaker, e.name FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id")]


def test_a_lower_case_speaker_names_no_entity(tmp_path: Path) -> None:
    assert _speaker_ids(tmp_path, "who") == [("who", None)]


def test_a_common_noun_speaker_is_not_filed_under_a_body_of_that_name(tmp_path: Path) -> None:
    assert _speaker_ids(tmp_path, "the government") == [("the government", None)]


def test_a_named_speaker_still_links_to_the_entity_another_article_gives(tmp_path: Path) -> None:
    assert _speaker_ids(tmp_path, "WHO") == [("WHO", "WHO")]
