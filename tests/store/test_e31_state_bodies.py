"""A state's body by the article's evidence (E31). A bare "Senate" or "House" of an article about a
state's politics (its place, its governor, its legislature; no word of Congress) is the state's, not
the US body; an article about Congress keeps the US Senate. "The state Senate" of an article naming
several states is the state named in its sentence, else its paragraph, not the state named most. A
state's body named by the state's adjective or name before the body ("the Victorian Parliament", "the
Ontario legislature", "the Punjab Assembly" in a Pakistani story) is the state's. Real SQLite store,
real spaCy annotation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsdesk.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_texts  # noqa: E402

TEXAS = ("Lawmakers in Austin passed the bill. Gov. Greg Abbott said the Texas Legislature had done its work. "
         "The Senate voted 20 to 11 on Tuesday, and the House will take it up next week.")
VIRGINIA = ("Virginia Democrats won control of the Senate on Tuesday. Gov. Ralph Northam of Virginia said the "
            "House would follow in Richmond, Virginia. Virginia voters were pleased.")
CONGRESS = ("Sen. Tim Kaine of Virginia said the Senate would vote on the bill in Washington. Virginia voters and "
            "Virginia officials watched the vote in the U.S. Capitol, where Congress sat.")
STATES = ("Several states moved on the issue this week. In Ohio, the state Senate passed a ban on Tuesday.\n\n"
          "In Michigan, Gov. Gretchen Whitmer vetoed a similar bill, and the state House failed to override her. "
          "Texas and Ohio lawmakers said more states would follow. Ohio officials agreed.")
VICTORIA = "The Victorian Parliament passed the bill on Tuesday in Melbourne, Australia."
PUNJAB = "The Punjab Assembly passed a resolution in Lahore, Pakistan, on Monday."
ONTARIO = "The Ontario legislature rose for the summer, Premier Doug Ford said in Toronto."
BAVARIA = "The Bavarian state parliament voted on Wednesday in Munich, Germany."
# a state with no Senate of its own: Australia's, though the article is about Victoria's politics
PREMIER = ("Premier Daniel Andrews of Victoria said in Melbourne, Australia, that the Senate had blocked the "
           "funding. Victoria's Legislative Assembly sat late, and Victoria would pay, the premier said.")
TEXTS = {"premier": PREMIER, "texas": TEXAS, "virginia": VIRGINIA, "congress": CONGRESS, "states": STATES, "victoria": VICTORIA,
         "punjab": PUNJAB, "ontario": ONTARIO, "bavaria": BAVARIA}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store, ids = store_texts(tmp_path_factory.mktemp("e31") / "desk.db", list(TEXTS.values()))
    try:
        yield store, dict(zip(TEXTS, ids, strict=True))
    finally:
        store.close()


def _filed(store: Store, article_id: int, *words: str) -> set[str]:
    marks = ",".join("?" * len(words))
    return {r[0] for r in store.conn.execute(
        "SELECT e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
        f" WHERE m.article_id = ? AND m.text IN ({marks})", (article_id, *words))}


def test_a_bare_senate_or_house_of_a_state_politics_article_is_the_states(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    # before: "Senate (United States)" and a bare "House"
    assert _filed(store, ids["texas"], "Senate") == {"Senate (Texas)"}
    assert _filed(store, ids["texas"], "House") == {"House of Representatives (Texas)"}
    assert _filed(store, ids["virginia"], "Senate", "House") == {"Senate (Virginia)", "House of Delegates (Virginia)"}


def test_an_article_about_congress_keeps_the_us_senate(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    assert _filed(store, ids["congress"], "Senate") == {"Senate (United States)"}


def test_a_state_with_no_senate_leaves_the_senate_its_countrys(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    assert _filed(store, ids["premier"], "Senate") == {"Senate (Australia)"}
    assert _filed(store, ids["premier"], "Victoria's Legislative Assembly") == {"Legislative Assembly (Victoria)"}


def test_the_state_senate_of_a_list_of_states_is_the_one_its_paragraph_names(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    assert _filed(store, ids["states"], "Senate") == {"Senate (Ohio)"}
    # before: Ohio's, the state the article names most
    assert _filed(store, ids["states"], "House") == {"House of Representatives (Michigan)"}


@pytest.mark.parametrize(("key", "words", "body"), [
    ("victoria", "Victorian Parliament", "Parliament (Victoria)"),  # before: its own "Victorian Parliament"
    ("punjab", "Punjab Assembly", "Assembly (Punjab)"),  # before: "Punjab Assembly", Pakistan's or India's
    ("ontario", "Ontario legislature", "Legislature (Ontario)"),  # before: no mention of the legislature
    ("bavaria", "Bavarian state parliament", "Parliament (Bavaria)"),  # before: only "Bavarian", a nationality
])
def test_a_state_body_named_by_the_states_name_or_adjective_is_the_states(stored, key: str, words: str,  # type: ignore[no-untyped-def]
                                                                          body: str) -> None:
    store, ids = stored
    assert _filed(store, ids[key], words) == {body}
