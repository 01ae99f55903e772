"""A bare surname's entity does not depend on the order articles come in, and a user's split or
merge of it survives reprocess (real SQLite store, real spaCy annotation)."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

from entity_helpers import annotate, store_texts
from starlette.testclient import TestClient

from newsdesk.settings import Settings

BARE = "Obama told reporters in Chicago on Monday that the bill would pass. The senator said the vote was close."
BARACK = ("President Barack Obama signed the health care bill at the White House on Tuesday. "
          "Obama said it was a good day.")
MICHELLE = "First Lady Michelle Obama visited a school in Ohio on Wednesday. She said children need healthy lunches."


def _groups(store) -> dict[str, set[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """Each person entity's name → its mentions as (the article's first words, mention text)."""
    groups: dict[str, set[tuple[str, str]]] = {}
    for r in store.conn.execute(
            "SELECT e.name, a.text AS body, m.text FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
            " JOIN articles a ON a.id = m.article_id WHERE e.type = 'PERSON'"):
        groups.setdefault(r["name"], set()).add((r["body"][:20], r["text"]))
    return groups


def _stored(tmp_path: Path, texts: list[str]):  # type: ignore[no-untyped-def]
    db = tmp_path / f"desk-{len(list(tmp_path.iterdir()))}.db"
    return store_texts(db, texts)


def _reprocess(store, ids: list[int], texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """What `newsdesk reprocess` does to each article: annotate it again, rebuild its rows."""
    for article_id, text in zip(ids, texts, strict=True):
        store.after_store_entities(article_id, annotate(text, published="2026-01-05T09:00:00+00:00"))


def test_a_bare_surname_stored_first_joins_the_person_named_later(tmp_path: Path) -> None:
    groups = []
    for texts in ([BARE, BARACK], [BARACK, BARE]):
        store, _ = _stored(tmp_path, texts)
        try:
            groups.append(_groups(store))
        finally:
            store.close()
    # before: the early "Obama" opened an entity of its own and kept it after Barack Obama came
    assert groups[0] == groups[1]
    assert groups[0] == {"Barack Obama": {(BARE[:20], "Obama"), (BARACK[:20], "Barack Obama"),
                                          (BARACK[:20], "Obama")}}


def test_the_folded_entity_reads_whole_on_its_page_and_api(tmp_path: Path) -> None:
    from newsdesk.web.app import create_app

    store, ids = _stored(tmp_path, [BARE, BARACK])
    try:
        eid = store.entity_row("Barack Obama")["id"]
        assert [e["name"] for e in store.list_entities(type="PERSON")] == ["Barack Obama"]
        quote = store.search_quotes(about="bill would pass")
        assert [q["speaker_id"] for q in quote] == [eid]
        db = Path(store.conn.execute("PRAGMA database_list").fetchone()["file"])
    finally:
        store.close()
    client = TestClient(create_app(db, Settings(db=str(db))))
    api = client.get(f"/api/entities/{eid}").json()
    assert api["mentions"] == 3 and len(api["articles"]) == 2
    assert {"Obama", "Barack Obama"} <= set(api["aliases"])
    assert [(r["role"], r["mentions"]) for r in api["roles"]] == [("President", 1)]
    assert {q["text"] for q in api["quotes"]} >= {"that the bill would pass"}
    assert api["first_seen"] == "2026-01-01"  # the bare article's day, the earlier
    page = client.get(f"/entities/{eid}")
    assert page.status_code == 200 and "bill would pass" in page.text
    assert client.get("/api/entities", params={"type": "PERSON"}).json()["entities"][0]["mentions"] == 3


def test_a_surname_two_persons_carry_stays_its_own_entity_in_any_order(tmp_path: Path) -> None:
    groups = []
    for texts in permutations([BARE, BARACK, MICHELLE]):
        store, _ = _stored(tmp_path, list(texts))
        try:
            groups.append(_groups(store))
        finally:
            store.close()
    assert all(g == groups[0] for g in groups), groups
    assert groups[0] == {"Obama": {(BARE[:20], "Obama")},
                         "Barack Obama": {(BARACK[:20], "Barack Obama"), (BARACK[:20], "Obama")},
                         "Michelle Obama": {(MICHELLE[:20], "Michelle Obama")}}


def test_a_person_no_article_names_any_more_carries_no_surname_until_named_again(tmp_path: Path) -> None:
    texts = [BARACK, MICHELLE, BARE]
    store, ids = _stored(tmp_path, texts)
    try:
        settled = _groups(store)
        # Michelle Obama's article, edited to name no one: the bare "Obama" is Barack Obama's alone
        _reprocess(store, [ids[1], ids[0]], ["A school in Ohio opened on Wednesday.", BARACK])
        assert _groups(store)["Barack Obama"] >= {(BARE[:20], "Obama")}
        # named again (her entity and its alias were kept): two persons carry the surname again
        _reprocess(store, ids[1:2], texts[1:2])
        assert _groups(store) == settled
    finally:
        store.close()


def test_an_accent_tells_two_persons_with_one_surname_apart_in_any_order(tmp_path: Path) -> None:
    alan = "President Alan García of Peru defended the police on Friday. García said the protesters had been armed."
    erick = "The blogger Erick Garcia wrote on Friday that the police had fired first in Bagua."
    accent = "García told the nation on Saturday that order would be restored in the Amazon."
    plain = "Garcia told the nation on Saturday that order would be restored in the Amazon."
    groups = []
    for texts in ([alan, erick, accent, plain], [plain, accent, erick, alan], [accent, plain, alan, erick]):
        store, _ = _stored(tmp_path, texts)
        try:
            groups.append(_groups(store))
        finally:
            store.close()
    assert all(g == groups[0] for g in groups), groups
    assert groups[0] == {"Alan García": {(alan[:20], "Alan García"), (alan[:20], "García"), (accent[:20], "García")},
                         "Erick Garcia": {(erick[:20], "Erick Garcia")},
                         "Garcia": {(plain[:20], "Garcia")}}


def test_a_users_split_of_a_short_alias_survives_reprocess(tmp_path: Path) -> None:
    texts = [BARE, BARACK]
    store, ids = _stored(tmp_path, texts)
    try:
        store.split_entity("Barack Obama", "Obama")
        split = _groups(store)
        assert split["Obama"] == {(BARE[:20], "Obama"), (BARACK[:20], "Obama")}
        # Barack Obama's own article names him in full: its "Obama" resolved by that full name
        _reprocess(store, ids, texts)
        assert _groups(store) == split
        # a new article naming him in full folds nothing the user split off
        _reprocess(store, ids[1:], texts[1:])
        assert _groups(store) == split
    finally:
        store.close()


def test_a_split_holds_against_the_entity_it_left_only(tmp_path: Path) -> None:
    michelle = MICHELLE.replace("She said", "Obama said")
    texts = [BARACK, michelle]
    store, ids = _stored(tmp_path, texts)
    try:
        store.split_entity("Barack Obama", "Obama")
        _reprocess(store, ids, texts)
        groups = _groups(store)
        assert groups["Obama"] == {(BARACK[:20], "Obama")}
        # Michelle Obama's own "Obama" was never split off her
        assert groups["Michelle Obama"] == {(michelle[:20], "Michelle Obama"), (michelle[:20], "Obama")}
    finally:
        store.close()


def test_a_users_merge_of_a_shared_surname_survives_reprocess(tmp_path: Path) -> None:
    texts = [BARACK, MICHELLE, BARE]
    store, ids = _stored(tmp_path, texts)
    try:
        assert (BARE[:20], "Obama") in _groups(store)["Obama"]
        # by id: the name "Obama" reads as the most mentioned entity with that alias, Barack Obama
        lone = store.conn.execute("SELECT id FROM entities WHERE name = 'Obama'").fetchone()["id"]
        store.merge_entities(store.entity_row("Barack Obama")["id"], lone)
        merged = _groups(store)
        assert merged["Barack Obama"] >= {(BARE[:20], "Obama"), (BARACK[:20], "Obama")}
        _reprocess(store, ids, texts)
        assert _groups(store) == merged
    finally:
        store.close()
