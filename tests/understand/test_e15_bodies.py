"""An international body of the abbreviation table is shown by the name news writes ("NATO"), and
every other name of it still finds it (real spaCy, real SQLite store)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from entity_helpers import store_texts

from newsdesk.understand.canonical import known_body


def _table() -> list[dict]:  # type: ignore[type-arg]
    text = resources.files("newsdesk.understand").joinpath("data/org_abbreviations.json").read_text("utf-8")
    return list(json.loads(text)["bodies"])


def test_every_name_of_a_body_gives_its_display_form() -> None:
    for body in _table():
        for name in (*body["short"], body["name"], *body["also"]):
            assert known_body(name) == body["display"], name
        assert body["display"] in (*body["short"], body["name"]), body


def test_nato_is_shown_as_nato_and_found_by_its_full_name(tmp_path: Path) -> None:
    texts = ["NATO said on Tuesday that its ships would stay in the Baltic until the spring.",
             "The North Atlantic Treaty Organization (NATO) met in Brussels on Monday. NATO did not say more.",
             "The IMF lent Greece more money on Friday, and the IMF said it would lend more."]
    for order in (texts, texts[::-1]):
        store, _ = store_texts(tmp_path / f"desk-{order is texts}.db", order)
        try:
            orgs = {r["name"] for r in store.conn.execute("SELECT name FROM entities WHERE type = 'ORG'")}
            assert {"NATO", "IMF"} <= orgs and not orgs & {"North Atlantic Treaty Organization",
                                                           "International Monetary Fund"}, orgs
            # both ways: each name finds the one entity, the full name even where no article writes it
            for name in ("NATO", "North Atlantic Treaty Organization", "International Monetary Fund", "IMF"):
                assert store.entity_row(name)["name"] in ("NATO", "IMF"), name
            listed = store.list_entities(type="ORG", q="International Monetary Fund")
            assert [e["name"] for e in listed] == ["IMF"], listed
        finally:
            store.close()
