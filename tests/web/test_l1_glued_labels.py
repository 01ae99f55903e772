"""A wiki interview labels its turns with user names glued from the speakers' names ("HughMcGuire:",
"MarioJLucero:"). The turns were filed under the label as written, and the label was an ORG or a
WORK_OF_ART entity of its own, so the interviewee's entity page listed none of their answers (A7's
audit of session 16: Hugh McGuire 0 of 6, Christopher Hill 0 of 10; L1). Real annotator, real SQLite
store, real uvicorn on a loopback port and the real CLI."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from desk_server import get_json, serve_desk
from newsdesk.cli import main
from newsdesk.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "understand"))
from entity_helpers import store_text  # noqa: E402

pytest.importorskip("spacy")

# (title, text): the interviewee named in the text ("Hugh McGuire", whose label splits as "Mc Guire"
# at its capitals), by the title only ("Christopher Hill"; the text says "Hill"), with a full stop
# the tagger takes into the name ("Jack Herrick."), and an interviewer the page names only by the label.
PAGES = [
    ("Interview with LibriVox founder Hugh McGuire",
     "Wikinews spoke with the LibriVox founder Hugh McGuire about audiobooks.\n\n"
     "Wikinews: Why did you decide to start LibriVox?\n\n"
     "HughMcGuire: I think that a vibrant public domain is important for our culture.\n\n"
     "Wikinews: Do you personally record audiobooks?\n\n"
     "HughMcGuire: LibriVox was my first experience recording audio, and I loved it."),
    ("Wikinews interviews Christopher Hill, presidential candidate",
     "Hill is running for the Republican nomination in New Hampshire.\n\n"
     "WilliamSSaturn: What qualifications do you have for the office?\n\n"
     "ChristopherHill: I served as a soldier for twenty years and I know the country well.\n\n"
     "WilliamSSaturn: Why run for president now?\n\n"
     "ChristopherHill: We need a new direction for working families, and I can give it."),
    ("A founder interviewed",
     "Wikinews interviewed the site's founder, Jack Herrick.\n\n"
     "DavidShankbone: For our readers, what is wikiHow?\n\n"
     "JackHerrick: Sure. It is a collaborative effort to build the world's largest how-to manual.\n\n"
     "DavidShankbone: Why did you decide to create it?\n\n"
     "JackHerrick: I think that providing people with practical help is a good thing to do."),
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("l1") / "desk.db"
    store = open_store(db)
    for i, (title, text) in enumerate(PAGES):
        store_text(store, text, f"wiki-{i}", url=f"https://wiki.example/{i}", title=title,
                   published=f"2026-01-{i + 1:02d}T09:00:00+00:00")
    entities = {(r["type"], r["name"]): r["id"] for r in store.list_entities(limit=500)}
    store.close()
    yield from serve_desk(db, entities=entities)


@pytest.mark.parametrize(("person", "answer"), [("Hugh McGuire", "vibrant public domain"),
                                                ("Christopher Hill", "soldier for twenty years"),
                                                ("Jack Herrick", "how-to manual")])
def test_the_interviewees_entity_lists_their_answers(desk: dict[str, Any], person: str, answer: str) -> None:
    entity = desk["entities"].get(("PERSON", person))
    assert entity is not None, sorted(desk["entities"])
    said = [q["text"] for q in get_json(desk, f"/api/entities/{entity}")["quotes"]]
    assert len(said) == 2 and any(answer in s for s in said), said


def test_the_quotes_command_finds_the_answers_by_the_persons_name(desk: dict[str, Any]) -> None:
    out = CliRunner().invoke(main, ["quotes", "--db", str(desk["db"]), "--speaker", "Hugh McGuire"])
    assert out.exit_code == 0, out.output
    assert "vibrant public domain" in out.output and "first experience recording" in out.output, out.output


def test_a_label_naming_no_one_on_the_page_is_a_person_of_its_spaced_name(desk: dict[str, Any]) -> None:
    entity = desk["entities"].get(("PERSON", "William S Saturn"))
    assert entity is not None, sorted(desk["entities"])
    said = [q["text"] for q in get_json(desk, f"/api/entities/{entity}")["quotes"]]
    assert len(said) == 2 and any("qualifications" in s for s in said), said


def test_no_label_is_an_entity_of_its_own_and_no_name_keeps_a_full_stop(desk: dict[str, Any]) -> None:
    names = {name for _, name in desk["entities"]}
    for label in ("HughMcGuire", "ChristopherHill", "WilliamSSaturn", "JackHerrick", "DavidShankbone"):
        assert label not in names, sorted(desk["entities"])
    assert not [name for name in names if name.endswith(".")], sorted(desk["entities"])
    assert ("PERSON", "David Shankbone") in desk["entities"], sorted(desk["entities"])

