"""The `newsdesk` command end to end: the seed golden check, the corpus, the data contract."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsdesk.cli import main

SEED_FETCHED_AT = "2026-02-11T12:00:00+00:00"


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def norm(s: str | None) -> str:
    fold = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
    return re.sub(r"\s+", " ", (s or "").translate(fold)).strip().lower()


def test_seed_page_passes_the_golden_check(tmp_path, shared_dir):
    out = tmp_path / "r.json"
    with out.open("w") as fh:
        subprocess.run([sys.executable, "-m", "newsdesk", "analyze", str(shared_dir / "seed" / "seed.txt"),
                        "--fetched-at", SEED_FETCHED_AT, "--stages", "extract"], stdout=fh, check=True, timeout=300)
    check = subprocess.run([sys.executable, str(shared_dir / "seed" / "check.py"),
                            str(shared_dir / "seed" / "expected.json"), str(out), "--only", "article,related"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    result = json.loads(out.read_text())
    assert result["related"][0]["published"] == "2026-02-11T11:58:00+00:00"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, shared_dir) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    result = run("ingest", str(shared_dir / "corpus"), "--db", str(db), "--stages", "extract", "--json")
    assert result.exit_code == 0, result.output
    return db


def test_corpus_ingest_stores_every_manifest_article_with_its_title(corpus_db, shared_dir):
    import sqlite3

    manifest = [json.loads(line) for line in (shared_dir / "corpus" / "manifest.jsonl").open()]
    assert len(manifest) == 202
    conn = sqlite3.connect(corpus_db)
    rows = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT i.origin, a.kind, a.title FROM inputs i JOIN articles a ON a.id = i.article_id")}
    missing, not_articles, wrong_titles = [], [], []
    for entry in manifest:
        got = rows.get(str(shared_dir / "corpus" / entry["path"]))
        if got is None:
            missing.append(entry["path"])
        elif got[0] != "article":
            not_articles.append(entry["path"])
        elif norm(got[1]) != norm(entry["title"]):
            wrong_titles.append((entry["title"], got[1]))
    assert not missing and not not_articles, (missing, not_articles)
    assert len(wrong_titles) <= 10, wrong_titles  # titles are the extraction issue's to perfect
    warc_articles = conn.execute("SELECT COUNT(*) FROM inputs i JOIN articles a ON a.id = i.article_id"
                                 " WHERE i.origin LIKE '%.warc.gz#%' AND a.kind = 'article'").fetchone()[0]
    assert warc_articles >= 25  # the constructed WARC's pages at least


def test_export_returns_the_articles_with_titles(corpus_db, tmp_path):
    result = run("export", "--db", str(corpus_db), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 202 and all(r["kind"] == "article" for r in records)
    assert sum(1 for r in records if r["title"]) >= 202
    run("export", "--db", str(corpus_db), "--format", "parquet", "-o", str(tmp_path / "a.parquet"))
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == len(records) and "title" in table.column_names
    csv_out = run("export", "--db", str(corpus_db), "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("id,url,canonical_url")


def test_show_search_stats(corpus_db):
    hits = json.loads(run("search", "Tiananmen", "--db", str(corpus_db), "--json").stdout)["items"]
    assert hits and "[" in hits[0]["snippet"]
    text = run("search", "Tiananmen", "--db", str(corpus_db)).stdout
    assert str(hits[0]["id"]) in text.splitlines()[0] and "[" in text.splitlines()[1]
    # Filters and sort are the desk's: only French articles, newest first.
    french = json.loads(run("search", "le", "--language", "fr", "--sort", "date", "--db", str(corpus_db),
                            "--json").stdout)["items"]
    assert french and {h["language"] for h in french} == {"fr"}
    dates = [h["sort_key"] for h in french]
    assert dates == sorted(dates, reverse=True)
    shown = json.loads(run("show", str(hits[0]["id"]), "--db", str(corpus_db), "--json").stdout)
    assert shown["title"] == hits[0]["title"] and shown["text"]
    stats = json.loads(run("stats", "--db", str(corpus_db), "--json").stdout)
    assert stats["articles"] >= 202 and stats["languages"]["fr"] >= 100
    assert run("show", "999999", "--db", str(corpus_db)).exit_code == 5


def test_search_says_when_it_read_the_query_as_plain_words(corpus_db):
    # "tiananmen -square" found articles WITH "square", and nothing said why (the desk's page says so).
    result = CliRunner().invoke(main, ["search", "tiananmen -square", "--db", str(corpus_db)], catch_exceptions=False)
    assert "searched for all of its words: tiananmen square" in result.stderr
    plain = CliRunner().invoke(main, ["search", "tiananmen NOT square", "--db", str(corpus_db)], catch_exceptions=False)
    assert plain.exit_code == 0 and "cannot be read" not in plain.stderr


def test_ingesting_twice_stores_nothing_new(corpus_db, shared_dir):
    result = run("ingest", str(shared_dir / "corpus" / "html"), "--db", str(corpus_db), "--stages", "extract", "--json")
    summary = json.loads(result.stdout)
    assert summary["new"] == 0 and summary["updated"] == 0 and summary["unchanged"] >= 30


def test_analyze_jsonl_gives_one_line_per_input_with_the_same_id(tmp_path, shared_dir):
    page = shared_dir / "corpus" / "html" / "globalvoices-2009" / "iran-to-vote-or-not-to-vote.html"
    lines = [{"id": "h", "html": page.read_text(encoding="utf-8")},
             {"id": "t", "text": (shared_dir / "seed" / "seed.txt").read_text(encoding="utf-8")},
             {"id": "b", "body": "Ministers met.\n\nThey talked.", "title": "Talks"},
             {"id": "p", "path": str(page)},
             {"id": "missing", "path": str(tmp_path / "nope.html")},
             {"id": "odd"}]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n"
    out = [json.loads(x) for x in run("analyze", "--jsonl", "-", "--stages", "extract", input=stdin).stdout.splitlines()]
    assert [o["id"] for o in out] == ["h", "t", "b", "p", "missing", "odd", None]
    assert out[0]["kind"] == "article" and out[0]["title"]
    assert out[2]["text"] == "Ministers met.\n\nThey talked." and out[2]["paragraphs"] == ["Ministers met.", "They talked."]
    assert out[0]["text"] == out[3]["text"]
    assert out[4]["error"]["reason"] == "no such file" and out[5]["error"]["stage"] == "input"
    assert out[6]["error"]["reason"] == "not a JSON object"


def test_exit_codes(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = run("analyze", str(empty))
    assert result.exit_code == 4 and json.loads(result.stdout)["error"]["reason"] == "empty input"
    (tmp_path / "bad.toml").write_text("nonsense_key = 1\n")
    assert run("--config", str(tmp_path / "bad.toml"), "stats").exit_code == 2
    assert run("search", "word", "--db", str(tmp_path / "x.db")).exit_code == 3  # no database there
    run("ingest", "--db", str(tmp_path / "x.db"), str(empty))
    assert run("search", '"(*', "--db", str(tmp_path / "x.db")).exit_code == 2


def test_ingest_reads_a_list_of_sources_from_a_file(tmp_path, shared_dir):
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# my sources\n{shared_dir / 'corpus' / 'html' / 'wikimedia'}\n\n{shared_dir / 'seed' / 'seed.txt'}\n")
    summary = json.loads(run("ingest", f"@{listing}", "--db", str(tmp_path / "n.db"), "--stages", "extract",
                             "--json").stdout)
    assert summary["new"] >= 2 and not summary["failed"]


def test_jsonl_body_lines_parsed_in_batches_match_lines_analysed_alone():
    # analyze --jsonl parses body lines in batches through the shared Doc cache; a result must not
    # depend on which batch its line fell in, or on the lines around it.
    import io

    from newsdesk.analyze import JSONL_BATCH, analyze_jsonl, analyze_line
    from newsdesk.settings import Settings
    from newsdesk.stages import Stages

    sentences = [f"Iran's foreign minister Abbas Araqchi met the US envoy in Muscat on day {i}, officials said."
                 for i in range(JSONL_BATCH + 3)] + ["", "Die Regierung in Berlin hat am Montag neue Gespräche angekündigt."]
    lines = [json.dumps({"id": i, "body": s}) for i, s in enumerate(sentences)] + ["not json"]
    out = io.StringIO()
    stages, settings = Stages(), Settings()
    assert analyze_jsonl(lines, out, stages, settings) == len(lines)
    batched = [json.loads(x) for x in out.getvalue().splitlines()]
    alone = [analyze_line(json.loads(x), stages, settings) for x in lines[:-1]]
    assert batched[:-1] == alone
    assert batched[0]["entities"] and batched[-1]["error"]["reason"] == "not a JSON object"


def _first_line(proc: subprocess.Popen[str], seconds: float) -> str:
    """The first line `proc` prints, or "" if none comes within `seconds` (a hung server fails the test)."""
    import queue
    import threading

    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    threading.Thread(target=lambda: lines.put(proc.stdout.readline() if proc.stdout else ""), daemon=True).start()
    try:
        return lines.get(timeout=seconds)
    except queue.Empty:
        return ""


def test_serve_on_port_0_prints_the_port_it_bound_and_answers_there(tmp_path):
    import time

    import httpx

    from newsdesk.store import open_store

    db = tmp_path / "n.db"
    open_store(db).close()
    proc = subprocess.Popen([sys.executable, "-m", "newsdesk", "serve", "--db", str(db), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = _first_line(proc, 120)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found and int(found.group(1)) != 0, line
        url = found.group(0)
        deadline = time.monotonic() + 120  # start-up under load; the test ends as soon as it answers
        while True:
            try:
                status = httpx.get(url, trust_env=False, timeout=10).status_code
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "the desk never answered on " + url
                time.sleep(0.2)
        assert status == 200
    finally:
        proc.terminate()
        proc.wait(60)


def test_the_readme_names_every_command_and_benchmark():
    # `newsdesk bench not-article` ran but the README's list of benchmarks left it out.
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"`newsdesk {name}" in readme or f"newsdesk {name} " in readme, name
    documented = re.search(r"`newsdesk bench ([\w|\\-]+) \.\.\.`", readme)
    assert documented, "no bench line in the README"
    assert set(documented.group(1).split("\\|")) == set(main.commands["bench"].commands)  # type: ignore[attr-defined]
