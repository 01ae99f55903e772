"""A state's body is not its country's (E27): "the Virginia Senate", "the state Senate" of an
article about Virginia, "the Texas House" are filed under their state ("Senate (Virginia)"), never
under "Senate (United States)"; "the state Senate" of no known state stays apart from both. A French
body named after its country is the English body's entity ("Cour suprême des États-Unis").
Real SQLite store, real spaCy annotation (English and French pipelines)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import Store
from newsdesk.understand import national_bodies

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import annotate, store_texts  # noqa: E402

US = "The U.S. Senate confirmed the nominee on Wednesday in Washington. Later the Senate adjourned."
VIRGINIA = ("The Virginia Senate passed the budget on Monday. Gov. Terry McAuliffe of Virginia said he would sign "
            "it. The state Senate meets again next week in Richmond, Virginia.")
# "the state Senate", no "Virginia Senate" written: the only state the article names
STATE = ("Republicans in the state Senate blocked the plan on Monday, the Richmond paper said. Virginia "
         "lawmakers return in January.")
NO_STATE = "The state Senate approved the budget on Friday, officials in the United States said."
TEXAS = "The Texas House voted 90 to 50 on Tuesday to pass the measure. The U.S. House has not acted."
US_HOUSE = "The House of Representatives passed the bill in Washington, the United States capital."
COUR = "La Cour suprême des États-Unis a rendu sa décision lundi à Washington."
SUPREME = "The U.S. Supreme Court ruled on Monday in Washington."


def _filed(store: Store, article_id: int, words: str) -> set[str]:
    return {r[0] for r in store.conn.execute(
        "SELECT e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = ? AND m.text = ?", (article_id, words))}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store, ids = store_texts(tmp_path_factory.mktemp("e27") / "desk.db",
                             [US, VIRGINIA, STATE, NO_STATE, TEXAS, US_HOUSE, SUPREME])
    try:
        yield store, dict(zip(("us", "virginia", "state", "none", "texas", "house", "supreme"), ids, strict=True))
    finally:
        store.close()


def test_a_state_senate_is_its_states_not_the_us_senate(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    assert _filed(store, ids["us"], "Senate") == {"Senate (United States)"}
    # before: "Virginia Senate" its own entity, and the later "state Senate" the US Senate
    assert _filed(store, ids["virginia"], "Virginia Senate") | _filed(store, ids["virginia"], "Senate") == {
        "Senate (Virginia)"}
    assert _filed(store, ids["state"], "Senate") == {"Senate (Virginia)"}


def test_a_state_senate_of_no_known_state_is_neither_the_us_senate_nor_a_bare_senate(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    assert _filed(store, ids["none"], "Senate") == {"State Senate"}
    assert store.entity_row("Senate (United States)")["id"] != store.entity_row("State Senate")["id"]


def test_the_texas_house_is_not_the_us_house(stored) -> None:  # type: ignore[no-untyped-def]
    store, ids = stored
    assert _filed(store, ids["texas"], "Texas House") == {"House of Representatives (Texas)"}
    assert _filed(store, ids["house"], "House of Representatives") == {"House of Representatives (United States)"}


def test_a_french_body_named_after_its_country_is_the_english_ones(stored, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """"Cour suprême des États-Unis" (parsed as a place, "Cour suprême", beside "États-Unis")
    joins "Supreme Court (United States)"; it was its own "Cour suprême"."""
    from newsdesk.understand.annotate import Annotator

    store, ids = stored
    article = Annotator().annotate(Article(text=COUR, paragraphs=(COUR,), language="fr",
                                           url="https://news.example/fr", title="Cour"))
    _, article_id = store.store_page(RawPage(body=COUR.encode(), origin="fr-1", url=article.url), article)
    store.after_store_entities(article_id, article)
    court = {r[0] for r in store.conn.execute(
        "SELECT e.id FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = ? AND m.text LIKE 'Cour suprême%'", (article_id,))}
    assert court == {store.entity_row("Supreme Court (United States)")["id"]}


@pytest.mark.parametrize(("text", "named"), [
    # a place then a body, parsed as two names, or one
    ("The bill passed the Senate of Virginia on Monday.", "Senate (Virginia)"),
    ("The Maryland House of Delegates passed the bill on Monday.", "House of Delegates (Maryland)"),
    ("Victoria's Legislative Assembly passed the law in Melbourne, Australia.", "Legislative Assembly (Victoria)"),
    ("The New South Wales Parliament passed the law in Sydney.", "Parliament (New South Wales)"),
    ("Jane Kim, a California state Senate candidate, spoke in San Francisco on Monday.", "Senate (California)"),
    # a state's race for its seat in the national body, with no "state" said (PolNeAR train: "Ohio's
    # Senate race", "Wisconsin Senate candidate Russ Feingold")
    ("Democrats hope to win Ohio's Senate race in November, party officials in Columbus said.",
     "Senate (United States)"),
    # the place beside the short name, not the earlier full name canonical resolved it to (corpus)
    ("The US Supreme Court ruled in 2010. Lawyers welcomed the decision of the beleaguered Supreme Court "
     "of Israel to protect the event.", "Supreme Court (Israel)"),
])
def test_a_body_named_with_its_state(text: str, named: str) -> None:
    assert named in {e.canonical for e in annotate(text).entities}


def test_a_bare_house_after_a_states_stays_bare() -> None:
    """"The House" after "the Texas House" may be the US House (PolNeAR train: "Kasich's record as a
    top House leader" after "the Kentucky House"): a body only a state has here needs its state said."""
    names = {e.text: e.canonical for e in annotate(
        "The Texas House voted on Tuesday. The House later adjourned in Austin.").entities}
    assert names["Texas House"] == "House of Representatives (Texas)" and names["House"] == "House"


@pytest.mark.parametrize(("name", "found"), [
    ("Virginia Senate", ("Senate", "Virginia")), ("Texas House", ("House", "Texas")),
    ("Texas State Senate", ("Senate", "Texas")), ("Washington State Senate", ("Senate", "Washington")),
    ("Senate of Virginia", ("Senate", "Virginia")), ("Assemblée nationale du Québec", ("Assemblée nationale", "Quebec")),
    ("NSW Parliament", ("Parliament", "New South Wales")),
    # "Washington" alone stands for the US government; a bare state-only body has no state
    ("Washington Senate", None), ("General Assembly", None), ("U.S. Senate", None),
])
def test_a_name_that_writes_its_state(name: str, found: tuple[str, str] | None) -> None:
    got = national_bodies.in_state_name(name)
    assert (got and (got[0], got[1].name)) == found or (got is None and found is None)


def test_a_state_named_as_a_country_says_its_country() -> None:
    from newsdesk.understand.federal_states import state_of

    georgia = state_of("Georgia")
    assert georgia is not None and national_bodies.state_named("Senate", georgia) == "Senate (Georgia, United States)"
    assert national_bodies.state_named("House", state_of("Maryland")) == "House of Delegates (Maryland)"  # type: ignore[arg-type]
