"""S20 end to end: the corpus's French and German pages searched in their own language through the
CLI (`newsdesk search --json`, `newsdesk quotes --about --json`), /api/search and the desk's
/search, /api/quotes and /quotes, served by a real uvicorn on a loopback port: with the search
index (synced before the server starts) and with FTS5 only (the index's lock held, so the desk's
keeper cannot build it: the state of a desk before the index catches up). The three answer alike
(S19), and as the texts say (tests/store/test_s20_languages.py, test_s20_quotes.py)."""

from __future__ import annotations

import fcntl
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import running_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_s20_languages import prefix_oracle, query_words, store_corpus, texts_in, word_oracle  # noqa: E402
from test_s20_quotes import form_queries, oracle, quote_texts, store_french_quotes  # noqa: E402

from newsdesk.cli import main  # noqa: E402
from newsdesk.store import open_store  # noqa: E402
from newsdesk.store import search_index as si  # noqa: E402


@pytest.fixture(scope="module", params=["index", "fts5"])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         shared_dir: Path) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp(f"s20-{request.param}") / "desk.db"
    si.forget_readers()
    store = open_store(db)
    store_corpus(store, shared_dir)
    store_french_quotes(store, shared_dir)
    texts = {lang: texts_in(store, lang) for lang in ("fr", "de")}
    quotes = quote_texts(store)
    if request.param == "index":
        si.sync_search_index(store)
    store.close()
    with open(str(db) + si.SUFFIX + ".lock", "a") as lock:
        if request.param == "fts5":  # the keeper's sync finds the index busy and leaves it unbuilt
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with running_server(db) as url:
                yield {"url": url, "db": db, "texts": texts, "quotes": quotes, "mode": request.param}
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            si.forget_readers()


def _get(desk: dict[str, Any], path: str, **params: Any) -> httpx.Response:
    response = httpx.get(desk["url"] + path, params=params, timeout=60)
    assert response.status_code == 200, (path, response.text[:300])
    return response


def _cli(desk: dict[str, Any], *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, [*args, "--db", str(desk["db"]), "--json", "--limit", "100"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    return list(found["items"] if isinstance(found, dict) else found)  # search's hits sit beside its total


def _answers(desk: dict[str, Any], query: str, language: str) -> list[int]:
    """The ids /api/search gives, after checking that the CLI and the /search page give the same."""
    api = [i["id"] for i in _get(desk, "/api/search", q=query, language=language, limit=100).json()["items"]]
    cli = [hit["id"] for hit in _cli(desk, "search", query, "--language", language)]
    html = _get(desk, "/search", q=query, language=language, limit=100).text
    page = [int(i) for i in dict.fromkeys(re.findall(r'href="/article/(\d+)"', html[html.index("<main"):]))]
    assert cli == api and page == api, (desk["mode"], query)
    return api


@pytest.mark.parametrize("language", ["fr", "de"])
def test_words_and_prefixes_in_the_articles_language(desk: dict[str, Any], language: str) -> None:
    texts = desk["texts"][language]
    assert (si.reader_for(str(desk["db"])) is None) == (desk["mode"] == "fts5")  # the engine asked for
    for word in query_words(texts, 6):
        assert set(_answers(desk, word, language)) == word_oracle(texts, language, word), (desk["mode"], word)
        prefix = word[:-2]
        assert set(_answers(desk, prefix + "*", language)) == prefix_oracle(texts, prefix), (desk["mode"], prefix)


def test_quotes_about_a_word_in_french(desk: dict[str, Any]) -> None:
    for word in form_queries(desk["quotes"])[:6]:
        api = [q["id"] for q in _get(desk, "/api/quotes", about=word, limit=100).json()["quotes"]]
        cli = [q["id"] for q in _cli(desk, "quotes", "--about", word)]
        html = _get(desk, "/quotes", about=word, limit=100).text
        page = [int(i) for i in dict.fromkeys(re.findall(r'#q(\d+)"', html))]
        assert cli == api and page == api, word
        assert set(api) == oracle(desk["quotes"], word), word
