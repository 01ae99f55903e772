"""Organisations by their short names across articles, "the Islamic Republic" as Iran, and a name
looked up as the pages count it (real SQLite store, real spaCy, the real dedupe placing copies)."""

from __future__ import annotations

from pathlib import Path

from entity_helpers import annotate, store_texts

from newsdesk.records import RawPage
from newsdesk.store import open_store


def _entities(store, article_id: int) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """An article's mention texts → (entity type, entity name)."""
    return {r["text"]: (r["type"], r["name"]) for r in store.conn.execute(
        "SELECT m.text, e.type, e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = ?", (article_id,))}


def test_a_short_org_name_is_not_a_longer_name_it_begins(tmp_path: Path) -> None:
    texts = ["The EU said on Friday it would fine the company. The EU Supreme Court upheld the fine.",
             "Google said on Monday that the Google Science Fair would open in May. Google did not say where.",
             "Apple Inc. reported record sales on Thursday. Apple said the phones sold well.",
             "The US Supreme Court ruled on Monday. The Supreme Court said the law stood."]
    store, ids = store_texts(tmp_path / "desk.db", texts)
    try:
        found = [_entities(store, i) for i in ids]
    finally:
        store.close()
    # before: "EU" was the "EU Supreme Court" and "Google" the "Google Science Fair"
    assert found[0]["EU"] == ("ORG", "EU") and found[0]["EU Supreme Court"][1] == "EU Supreme Court"
    assert found[1]["Google"] == ("ORG", "Google")
    # a generic suffix and the last words of a longer name still shorten it
    assert found[2]["Apple"] == ("ORG", "Apple Inc.")
    # (a body every state has is named after its country: national_bodies, E26)
    assert found[3]["Supreme Court"] == found[3]["US Supreme Court"] == ("ORG", "Supreme Court (United States)")


def test_an_international_body_is_one_entity_whichever_name_an_article_uses(tmp_path: Path) -> None:
    texts = ["The EU said on Tuesday that the ban would stay until the summer.",
             "The European Union said on Monday it would lift the ban next year.",
             "The UN called on Wednesday for a ceasefire in the north.",
             "The United Nations sent food to the region on Thursday."]
    for order in (texts, texts[::-1]):
        store, ids = store_texts(tmp_path / f"desk-{order is texts}.db", order)
        try:
            orgs = {r["name"] for r in store.conn.execute("SELECT name FROM entities WHERE type = 'ORG'")}
            assert orgs == {"EU", "UN"}, orgs  # the table's display forms
            assert store.entity_row("European Union")["name"] == "EU"
        finally:
            store.close()


def test_the_islamic_republic_is_iran_in_an_article_about_iran(tmp_path: Path) -> None:
    texts = ["Tehran rejected the offer on Monday. The Islamic Republic said Iran would not bend.",
             "Pakistan held elections on Sunday. The Islamic Republic has had three military rulers, "
             "and Pakistan's army still holds sway."]
    store, ids = store_texts(tmp_path / "desk.db", texts)
    try:
        assert _entities(store, ids[0])["Islamic Republic"] == ("GPE", "Iran")
        assert _entities(store, ids[1])["Islamic Republic"] == ("GPE", "Pakistan")
    finally:
        store.close()


IRANIAN = ("Iranian officials met in Geneva on Tuesday with the envoys of six powers.\n\nThe Iranian delegation "
           "said the talks went well, and Iranian diplomats stayed late to draft the next round's agenda.")
IRAN = "Iran said on Monday it would not stop enriching uranium. Iran also rejected the offer."


def test_a_name_finds_the_country_the_pages_count_most_not_the_copied_nationality(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    try:
        # the nationality's article three times (a wire text and two syndicated copies), the country's once
        _store_copied(store, [("a", IRANIAN), ("b", IRANIAN), ("c", IRANIAN), ("d", IRAN)])
        counts = {r["type"]: r["n"] for r in store.conn.execute(
            "SELECT e.type, count(*) AS n FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
            " WHERE e.name = 'Iran' GROUP BY e.type")}
        assert counts["NORP"] > counts["GPE"]  # counted with the copies, the nationality leads (9 to 2)
        assert store.entity_row("Iran")["type"] == "GPE"
        assert store.entity_row("Iranian")["type"] == "NORP"
    finally:
        store.close()


MICHELLE = ("First Lady Michelle Obama visited a school in Ohio on Wednesday with the state's governor.\n\n"
            "Mrs. Obama said children need healthy lunches, and the school's cooks showed her their kitchen.")
BARACK = ("President Barack Obama signed the health care bill at the White House on Tuesday. "
          "Obama said it was a good day. Obama thanked the nurses who had campaigned for it.")


def _store_copied(store, texts: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    for i, (site, text) in enumerate(texts):
        url = f"https://{site}.example/story"
        article = annotate(text, url=url, site_name=f"{site}.example", title=f"Story {i}",
                           published=f"2026-01-0{i + 1}T09:00:00+00:00")
        _, article_id = store.store_page(RawPage(body=f"{url}\n{text}".encode(), origin=url, url=url), article)
        store.after_store_stories(article_id, store.get_article(article_id))
        store.after_store_entities(article_id, article)


def test_a_name_finds_the_entity_most_mentioned_with_syndicated_copies_folded(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    try:
        _store_copied(store, [("a", MICHELLE), ("b", MICHELLE), ("c", MICHELLE), ("d", BARACK)])
        michelle, barack = store.entity_row("Michelle Obama"), store.entity_row("Barack Obama")
        mentions = {e["name"]: store.conn.execute("SELECT count(*) FROM entity_mentions WHERE entity_id = ?",
                                                  (e["id"],)).fetchone()[0] for e in (michelle, barack)}
        assert mentions["Michelle Obama"] > mentions["Barack Obama"]  # her copies counted
        assert store.entity_detail(michelle["id"])["article_count"] == 1  # the pages fold them
        assert store.entity_row("Obama")["name"] == "Barack Obama"
    finally:
        store.close()
