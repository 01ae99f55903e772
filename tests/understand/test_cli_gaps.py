"""Gaps in `newsdesk entities`, `newsdesk quotes` and `newsdesk bench quotes` found by the issue-5
audit (session 15, A5's report), each through the real command (click's runner) on a real SQLite
store of annotated articles; each test failed on the code before its fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from entity_helpers import store_texts
from polnear_helpers import Articles, tiny_split

TEXTS = [
    *(f"“The talks on item {n} will go on,” Iran's foreign minister Abbas Araghchi said on Monday." for n in range(3)),
    "Tehran rejected the proposal on Tuesday, and Washington said it would wait.",
    "Ali Shamkhani arrived in Muscat on Monday.",
]
HUGE = "99999999999999999999"  # past SQLite's 64-bit integers


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli_gaps") / "desk.db"
    store, _ = store_texts(path, TEXTS)
    store.close()
    return path


def run(db: Path, *args: str) -> Result:
    from newsdesk.cli import main

    return CliRunner().invoke(main, [*args, "--db", str(db)])


def entity_rows(db: Path) -> list[dict[str, Any]]:
    from newsdesk.store import open_store

    store = open_store(db)
    try:
        return list(store.list_entities(limit=500))
    finally:
        store.close()


def test_an_unknown_speaker_id_is_not_found_as_an_unknown_entity_is(db: Path) -> None:
    araghchi = next(r for r in entity_rows(db) if r["name"] == "Abbas Araghchi")
    found = run(db, "quotes", "--speaker-id", str(araghchi["id"]))
    assert found.exit_code == 0 and found.output.count("Abbas Araghchi:") == 3, found.output
    unknown = max(r["id"] for r in entity_rows(db)) + 1000
    shown = run(db, "entities", "show", str(unknown))
    assert shown.exit_code == 5, shown.output  # the CLI's "not found" (cli.py)
    res = run(db, "quotes", "--speaker-id", str(unknown))
    assert res.exit_code == shown.exit_code, res.output
    assert "no entity" in res.output and "no quotes match" not in res.output


@pytest.mark.parametrize("args", [
    ("entities", "--limit", "0"), ("entities", "--limit", "-1"), ("entities", "--limit", "101"),
    ("quotes", "--limit", "-5"), ("quotes", "--limit", "0"), ("quotes", "--limit", "101"),
    ("quotes", "--page", HUGE), ("entities", "--page", HUGE), ("quotes", "--speaker-id", "-3"),
])
def test_a_page_size_or_page_the_api_would_refuse_is_bad_usage(db: Path, args: tuple[str, ...]) -> None:
    res = run(db, *args)
    assert res.exit_code == 2, (res.exit_code, res.output[-400:])  # bad usage, not every row nor a traceback
    assert "Invalid value" in res.output


def test_the_limits_the_api_takes_still_page(db: Path) -> None:
    araghchi = str(next(r for r in entity_rows(db) if r["name"] == "Abbas Araghchi")["id"])
    res = run(db, "quotes", "--speaker-id", araghchi, "--limit", "2")
    assert res.exit_code == 0 and res.output.count("Abbas Araghchi:") == 2, res.output
    second = run(db, "quotes", "--speaker-id", araghchi, "--limit", "2", "--page", "2")
    assert second.exit_code == 0 and second.output.count("Abbas Araghchi:") == 1, second.output
    listed = run(db, "entities", "--limit", "100")
    assert listed.exit_code == 0 and len(listed.output.splitlines()) == len(entity_rows(db))
    assert len(run(db, "entities", "--limit", "1").output.splitlines()) == 1


@pytest.mark.parametrize("args", [("merge", HUGE, "{id}"), ("merge", "{id}", HUGE), ("split", HUGE, "Tehran"),
                                  ("show", HUGE)])
def test_an_entity_id_past_sqlites_integers_is_not_found(db: Path, args: tuple[str, ...]) -> None:
    some = entity_rows(db)[0]["id"]
    res = run(db, "entities", *(a.format(id=some) for a in args))
    assert res.exit_code == 5, (res.exit_code, res.output[-400:])
    assert isinstance(res.exception, SystemExit) and "no entity" in res.output


@pytest.mark.parametrize("ref", ["²", "١٢٣٤٥٦٧"])  # a digit int() refuses; decimal digits of another script
def test_digits_of_other_kinds_are_no_entity_not_a_traceback(db: Path, ref: str) -> None:
    res = run(db, "entities", "show", ref)
    assert res.exit_code == 5 and isinstance(res.exception, SystemExit), (res.exit_code, res.output[-400:])


def test_a_capital_standing_for_its_government_says_so_in_the_list_and_on_show(db: Path) -> None:
    rows = entity_rows(db)
    metonyms = [r for r in rows if r["metonym"]]
    assert metonyms, [(r["name"], r["type"]) for r in rows]  # the seed's "Tehran rejected": the government
    listed = run(db, "entities", "--limit", "100").output.splitlines()
    for r in rows:
        line = next(line for line in listed if line.split()[0] == str(r["id"]))
        assert ("(its government)" in line) == bool(r["metonym"]), line
    shown = run(db, "entities", "show", str(metonyms[0]["id"]))
    assert shown.exit_code == 0
    assert shown.output.splitlines()[0].startswith(f"{metonyms[0]['name']} (its government) ("), shown.output
    person = next(r for r in rows if not r["metonym"])
    assert "(its government)" not in run(db, "entities", "show", str(person["id"])).output.splitlines()[0]


ARTICLES: Articles = {
    "paper_2016-01-01_budget": (
        "Budget talks resume.\n\nSenator Maria Gomez said on Monday that the budget would pass by March.",
        [("Senator Maria Gomez", "said", "that the budget would pass by March")],
    ),
    "paper_2016-01-02_storm": (
        "Storm nears.\n\nForecasters warned that the storm could reach the coast on Friday.",
        [("Forecasters", "warned", "that the storm could reach the coast on Friday")],
    ),
}


def bench(split: Path) -> Result:
    from newsdesk.cli import main

    return CliRunner().invoke(main, ["bench", "quotes", "--split-dir", str(split)])


def test_bench_on_texts_with_no_gold_annotations_says_so_and_fails(tmp_path: Path, shared_dir: Path) -> None:
    split = tiny_split(tmp_path, shared_dir, ARTICLES)
    for ann in (split / "attributions").glob("*.ann"):
        ann.unlink()
    res = bench(split)
    assert res.exit_code != 0, res.output  # it printed F1 0.000 with n=0 for every system, exit 0
    assert "no gold annotations" in res.output and "F1@0.3" not in res.output


def test_bench_names_the_texts_it_does_not_score(tmp_path: Path, shared_dir: Path) -> None:
    split = tiny_split(tmp_path, shared_dir, ARTICLES)
    next((split / "attributions").glob("paper_2016-01-02_storm_*.ann")).unlink()
    res = bench(split)
    assert res.exit_code == 0, res.output
    assert "1 of 2 texts have no gold annotations" in res.stderr and "paper_2016-01-02_storm" in res.stderr
    assert "F1@0.3" in res.stdout
