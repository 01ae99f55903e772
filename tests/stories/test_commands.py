"""`newsdesk cluster`, `newsdesk stories`, `newsdesk story`, and the store hook through the real pipeline store."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

from .stories_data import ELECTION, QUAKE


def _lines(docs: list[tuple[str, str]], prefix: str) -> list[dict[str, object]]:
    return [{"id": f"{prefix}{i}", "title": t, "text": x, "date": None} for i, (t, x) in enumerate(docs)]


def test_cluster_reads_jsonl_in_order_and_writes_story_ids(tmp_path: Path) -> None:
    lines = _lines(QUAKE, "q") + _lines(ELECTION, "e") + [{"id": "z", "title": None, "text": "", "date": None}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = CliRunner().invoke(main, ["cluster", "--jsonl", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == [line["id"] for line in lines]
    story = {o["id"]: o["story_id"] for o in out}
    assert story["q0"] == story["q1"] == story["q2"] != story["e0"] == story["e1"] == story["e2"]


def test_cluster_rejects_a_line_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "fine"}\nnot json\n')
    result = CliRunner().invoke(main, ["cluster", "--jsonl", str(path)])
    assert result.exit_code != 0 and "line 2" in result.output


def _store_articles(db: Path) -> dict[str, int]:
    store = open_store(db)
    ids = {}
    for n, (title, text) in enumerate(QUAKE + ELECTION):
        site = f"site{n}.example"
        article = Article(title=title, text=text, url=f"https://{site}/{n}", site_name=site,
                          published=f"2026-02-1{n % 3}T10:00:00+00:00")
        _, ids[title] = store.store_page(RawPage(body=text.encode(), origin=f"o{n}"), article)
        store.after_store_stories(ids[title], article)
    # A syndicated copy of the first quake report on another site.
    copy = Article(title="Quake hits Morocco", text=QUAKE[0][1] + "\n\nADVERTISEMENT", url="https://copy.example/1",
                   site_name="copy.example", published="2026-02-10T12:00:00+00:00")
    _, ids["copy"] = store.store_page(RawPage(body=b"copy", origin="copy"), copy)
    store.after_store_stories(ids["copy"], copy)
    store.close()
    return ids


def test_store_hook_writes_story_and_duplicate_into_the_record(tmp_path: Path) -> None:
    ids = _store_articles(tmp_path / "desk.db")
    store = open_store(tmp_path / "desk.db")
    first = store.get_article(ids[QUAKE[0][0]])
    copy = store.get_article(ids["copy"])
    assert copy.duplicate_of == str(ids[QUAKE[0][0]]) and first.duplicate_of is None
    assert copy.story_id == first.story_id == store.get_article(ids[QUAKE[2][0]]).story_id
    assert store.get_article(ids[ELECTION[0][0]]).story_id != first.story_id
    story = store.story(int(first.story_id or 0))
    assert story["articles"] == 4 and story["first_report"]["id"] == ids[QUAKE[0][0]]
    group = next(g for g in story["groups"] if g["representative"]["id"] == ids[QUAKE[0][0]])
    assert group["also_published_by"] == 1
    assert [d["id"] for d in store.duplicates_of(ids[QUAKE[0][0]])] == [ids["copy"]]


def test_stories_and_story_commands(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    ids = _store_articles(db)
    result = CliRunner().invoke(main, ["stories", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert sorted(r["articles"] for r in rows) == [3, 4]
    text = CliRunner().invoke(main, ["stories", "--db", str(db)]).output
    assert "Earthquake" in text or "Morocco" in text
    story_id = open_store(db).story_of(ids[QUAKE[0][0]])
    shown = CliRunner().invoke(main, ["story", str(story_id), "--db", str(db)])
    assert shown.exit_code == 0 and "(also published by 1 source)" in shown.output
    missing = CliRunner().invoke(main, ["story", "99999", "--db", str(db)])
    assert missing.exit_code != 0


def test_stories_pages_through_the_list(tmp_path: Path) -> None:
    # a terminal reaches stories past --limit, as /api/stories' ?page= does
    db = tmp_path / "desk.db"
    _store_articles(db)

    def ids(*args: str) -> list[int]:
        result = CliRunner().invoke(main, ["stories", "--db", str(db), "--json", *args])
        assert result.exit_code == 0, result.output
        return [r["id"] for r in json.loads(result.output)]

    every = ids()
    assert len(every) == 2
    assert ids("--limit", "1", "--page", "1") + ids("--limit", "1", "--page", "2") == every
    assert ids("--limit", "1", "--page", "3") == []
    assert CliRunner().invoke(main, ["stories", "--db", str(db), "--page", "0"]).exit_code == 2


def test_story_lists_key_entities_once_the_entity_hook_ran(tmp_path: Path) -> None:
    from newsdesk.records import Entity

    store = open_store(tmp_path / "desk.db")
    for n, (title, text) in enumerate(QUAKE):
        start = text.index("Marrakesh")
        article = Article(title=title, text=text, url=f"https://e{n}.example/a", site_name=f"E{n}", language="en",
                          entities=(Entity(text="Marrakesh", type="GPE", start=start, end=start + 9),))
        _, article_id = store.store_page(RawPage(body=text.encode(), origin=f"e{n}"), article)
        store.after_store_entities(article_id, article)
        store.after_store_stories(article_id, article)
    story = store.story(store.story_of(article_id) or 0)
    assert story["entities"] and story["entities"][0]["name"] == "Marrakesh"
    assert story["entities"][0]["articles"] == 3
