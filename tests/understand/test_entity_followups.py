"""F1: a short name the article resolved by its title stays that person in the store; Sir and
Dame say a sex; a merge of an entity with itself is bad usage; no stray quotation mark in a name.
Real parses, real SQLite stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from entity_helpers import annotate, store_texts

from newsdesk.cli import main
from newsdesk.records import RawPage
from newsdesk.store import Store, open_store
from newsdesk.understand.canonical import honorific_before, title_of

# The Christopher Hill interview (E14): the body writes only "Hill", the title names him in full.
HILL_TITLE = "Wikinews interviews Christopher Hill, U.S. Republican Party presidential candidate"
HILL_BODY = ("Wikinews spoke to the candidate on Monday.\n\nHill said his years in the Air Force taught him "
             "discipline. Asked about taxes, Hill said he would cut them.")
# Another person with that surname, named in full: two owners of "Hill" in the store.
MARC_BODY = "Marc Lamont Hill, a professor at Temple University, joined the panel.\n\nHill said the debate was useful."


def _store(db: Path, articles: list[tuple[str, str]]) -> tuple[Store, list[int]]:
    store = open_store(db)
    ids = []
    for i, (title, body) in enumerate(articles):
        article = annotate(body, title=title, url=f"https://news.example/{i}",
                           published=f"2026-01-{i + 1:02d}T09:00:00+00:00")
        _, article_id = store.store_page(RawPage(body=body.encode(), origin=f"story-{i}", url=article.url), article)
        store.after_store_entities(article_id, article)
        ids.append(article_id)
    return store, ids


def _hills(store: Store, article_id: int) -> set[str]:
    mentions, _ = store.article_annotations(article_id)
    return {m["name"] for m in mentions if m["type"] == "PERSON" and m["text"] == "Hill"}


def _speakers(store: Store, article_id: int) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT e.name FROM quotes q JOIN entities e ON e.id = q.speaker_id"
                                             " WHERE q.article_id = ?", (article_id,))}


@pytest.mark.parametrize("interview_first", [True, False])
def test_a_short_name_resolved_by_the_title_stays_with_that_person(tmp_path: Path, interview_first: bool) -> None:
    articles = [(HILL_TITLE, HILL_BODY), ("A panel on the debates", MARC_BODY)]
    store, ids = _store(tmp_path / "desk.db", articles if interview_first else articles[::-1])
    interview, panel = ids if interview_first else ids[::-1]
    try:
        assert _hills(store, interview) == {"Christopher Hill"}  # was a one-word entity "Hill"
        assert _hills(store, panel) == {"Marc Lamont Hill"}
        assert "Christopher Hill" in _speakers(store, interview)  # his quotes follow his mentions
    finally:
        store.close()


def test_sir_and_dame_are_honorifics_that_say_a_sex() -> None:
    text = "Police chief Sir Bernard Hogan-Howe met Dame Sue Ion."
    assert honorific_before(text, text.index("Bernard")) == "Sir"
    assert honorific_before(text, text.index("Sue")) == "Dame"
    assert title_of("Sir") == (None, "m")
    assert title_of("Dame") == (None, "f")


def test_a_knights_sex_tells_namesakes_apart_in_the_store(tmp_path: Path) -> None:
    texts = ["Sir Edward Smith opened the new wing of the museum in London on Monday. Edward Smith thanked the donors.",
             "Mrs. Alice Smith won the prize in Edinburgh. Alice Smith said she was delighted.",
             "The talks will continue next week, Mr. Smith said in Paris."]
    store, ids = store_texts(tmp_path / "desk.db", texts)
    try:
        mentions, _ = store.article_annotations(ids[2])
        # the store knows a sex for both Smiths only when "Sir" says Edward's; else "Smith" stood alone
        assert {m["name"] for m in mentions if m["text"] == "Smith"} == {"Edward Smith"}
    finally:
        store.close()


def test_merging_an_entity_with_itself_is_bad_usage(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    store, _ = store_texts(db, ["Iran said on Monday that talks with Britain would resume in Geneva."])
    store.close()
    result = CliRunner().invoke(main, ["entities", "merge", "Iran", "Iran", "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "nothing to merge" in result.output


QUOTE_MARKS = "\"“”‘’«»'"


def test_a_name_keeps_no_quotation_mark_it_does_not_close() -> None:
    text = ("According to the Afghan team's coach, Alireza Mehraban, in their first matchup, the Afghan team's "
            "robot, named \"Better Idea of Afghan Girls,\" scored one or two points for the three-nation alliance.")
    article = annotate(text)
    names = {e.text for e in article.entities} | {e.canonical for e in article.entities if e.canonical}
    assert "Better Idea of Afghan Girls" in names
    assert not [n for n in names if n[0] in QUOTE_MARKS or n[-1] in QUOTE_MARKS]
    assert all(article.text[e.start:e.end] == e.text for e in article.entities)


def test_two_first_names_with_one_consonant_skeleton_are_two_people(tmp_path: Path) -> None:
    # "Jane Smith" / "John Smith": "jn smt" both and 0.8 alike as strings, so Jane was filed under John (F1)
    texts = ["John Smith opened the new wing of the museum in London on Monday.",
             "Jane Smith won the prize in Edinburgh on Tuesday."]
    store, ids = store_texts(tmp_path / "desk.db", texts)
    try:
        names = [{m["name"] for m in store.article_annotations(i)[0] if m["type"] == "PERSON"} for i in ids]
        assert names == [{"John Smith"}, {"Jane Smith"}], names
    finally:
        store.close()
