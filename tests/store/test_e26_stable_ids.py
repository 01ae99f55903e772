"""An entity's id survives `newsdesk reprocess`: a bookmark or link to it still names it (E26).
Real SQLite store, real spaCy annotation, the reprocess's own entity steps (pipeline.reprocess)."""

from __future__ import annotations

import sys
from pathlib import Path

from newsdesk.pipeline import drop_unused_entities
from newsdesk.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import annotate, store_text, store_texts  # noqa: E402

# A bare "Obama" first; then Barack, who carries the surname alone; then Michelle, a second
# carrier, which sends the bare "Obama" (no title) back to a one-word entity.
BARE = "Obama told reporters in Chicago on Monday that the bill would pass. The senator said the vote was close."
BARACK = ("President Barack Obama signed the health care bill at the White House on Tuesday. "
          "Obama said it was a good day.")
MICHELLE = "First Lady Michelle Obama visited a school in Ohio on Wednesday. She said children need healthy lunches."
# a later article's entities take the ids after the one-word entity's: SQLite gives a new row the
# highest id plus one, so without them a deleted and remade "Obama" got its old id back by chance
LATER = "Chancellor Angela Merkel met President Emmanuel Macron in Berlin on Thursday to discuss trade."
TEXTS = [BARE, BARACK, MICHELLE, LATER]


def _reprocess(store: Store, ids: list[int]) -> None:
    """What `newsdesk reprocess` does to the entities (pipeline.reprocess): clear, store each article
    again in order, then drop what no mention names and the aliases no mention gives."""
    store.clear_for_reprocess(ids)
    for article_id, text in zip(ids, TEXTS, strict=True):
        store.after_store_entities(article_id, annotate(text, published="2026-01-05T09:00:00+00:00"))
    drop_unused_entities(store)
    store.drop_stale_aliases()


def _named(store: Store) -> dict[int, tuple[str, str]]:
    """Each entity some mention names: id → (type, name)."""
    return {r[0]: (r[1], r[2]) for r in store.conn.execute(
        "SELECT DISTINCT e.id, e.type, e.name FROM entities e JOIN entity_mentions m ON m.entity_id = e.id")}


def test_every_entity_keeps_its_id_through_two_reprocesses(tmp_path: Path) -> None:
    store, ids = store_texts(tmp_path / "desk.db", TEXTS)
    try:
        before = _named(store)
        assert ("PERSON", "Obama") in before.values()  # the one-word entity this is about
        for _ in range(2):
            _reprocess(store, ids)
            after = _named(store)
            # before: the one-word "Obama" was deleted when Barack took its mention, and made again
            # with a new id when Michelle came
            assert after == before
    finally:
        store.close()


def test_an_ingest_keeps_the_one_word_entitys_id_when_it_empties_and_fills_again(tmp_path: Path) -> None:
    """Stored in the order above, the bare "Obama" opens an entity, goes to Barack, then comes back
    to that same entity (its id) when Michelle makes the surname two people's."""
    store, ids = store_texts(tmp_path / "first.db", [BARE])
    try:
        first = store.conn.execute("SELECT id FROM entities WHERE type = 'PERSON' AND key = 'obama'").fetchone()[0]
        store_text(store, BARACK, "story-1", url="https://news.example/1", published="2026-01-02T09:00:00+00:00")
        store_text(store, MICHELLE, "story-2", url="https://news.example/2", published="2026-01-03T09:00:00+00:00")
        filed = store.conn.execute("SELECT entity_id FROM entity_mentions WHERE article_id = ? AND text = 'Obama'",
                                     (ids[0],)).fetchall()
        assert {r[0] for r in filed} == {first}
    finally:
        store.close()
