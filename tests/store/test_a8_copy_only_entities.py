"""An entity only a syndicated copy names is no row of the entity list (session 17, A8). Every count
on the entity pages folds copies, so such an entity was listed with "0 mentions, 0 articles,
0 quotes" and its page was empty: 11 of 1,884 on a fresh corpus store (Rebecca MacKinnon - China,
Margaret Posnett, ...). Real SQLite store, the dedupe hook placing each page, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_listing_folds import PAGES, WIRE, store_pages

from newsdesk.cli import main
from newsdesk.records import Article, Entity
from newsdesk.store import open_store


def _named(text: str, *names: tuple[str, str]) -> Article:
    return Article(url="https://x.example/", text=text, language="en", published="2026-01-01T08:00:00+00:00",
                   entities=tuple(Entity(text=n, type=t, start=text.index(n), end=text.index(n) + len(n))
                                  for n, t in names))


def test_an_entity_only_a_copy_names_is_not_listed(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    ids = store_pages(store, PAGES)
    wire, copy = ids[0], ids[2]
    store.after_store_entities(wire, _named(WIRE, ("Lisbon", "GPE")))
    # the copy's annotation also read the port authorities as an organisation
    store.after_store_entities(copy, _named(WIRE, ("Lisbon", "GPE"), ("port authorities", "ORG")))
    listed = {r["name"]: r["mentions"] for r in store.list_entities()}
    assert listed == {"Lisbon": 1}, listed
    assert store.list_entities(q="port") == []
    # still an entity, by id, as the copy's own annotations say
    assert store.entity_row("port authorities")["type"] == "ORG"
    store.close()
    out = CliRunner().invoke(main, ["entities", "--db", str(tmp_path / "desk.db"), "--json"])
    assert out.exit_code == 0, out.output
    assert [r["name"] for r in json.loads(out.output)] == ["Lisbon"]
