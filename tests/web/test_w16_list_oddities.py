"""What U2's walk left (session 19, W16): `?speaker=%00` listed every quote, page 51 of a 4-result
search answered page 50 (and led back to page 49), the quotes, search and events worded a wrong date
three ways, `newsdesk events` had no --page, and "Iran's foreign minister" found none of the quotes
of the "Iranian Foreign Minister". Real SQLite store, real uvicorn on a loopback port, the real CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from desk_server import get_json, serve_desk
from newsdesk.cli import main
from newsdesk.records import Article, Entity, Quote, RawPage
from newsdesk.store import open_store

# (day, role as the text writes it, name, rest of the sentence): two Iranian ministers' quotes written
# both ways, a French one the Iranian role must not find, and a quote without a role.
SAID = [
    ("2026-11-03", "Iranian Foreign Minister", "Abbas Araqchi", "said the missile programme was never part of the talks."),
    ("2026-11-04", "Iran's Foreign Minister", "Abbas Araqchi", "said the talks would resume in Muscat next week."),
    ("2026-11-05", "French Foreign Minister", "Jean Dupont", "said Paris would send envoys to the talks."),
    ("2026-11-06", "", "Mary Harbour", "said forty ferries ran late in the storm."),
]
EVENT = {"cameo": "040", "root": "04", "quad_class": 1, "goldstein": 1.0, "sentence": "Iran met envoys",
         "source": {"text": "Iran", "code": "IRN", "country": "IRN"},
         "target": {"text": "envoys", "code": "OMN", "country": "OMN"}, "start": 0, "end": 15}
WRONG_DAY = "2026-11-31"
DATE_MESSAGE = "must be a date, YYYY-MM-DD (a day that exists, such as 2026-02-11), got '2026-11-31'"


def _article(n: int, day: str, role: str, name: str, rest: str) -> Article:
    """One article whose one sentence is a quote: '<role> <name> <rest>', the speaker and role as the
    annotator stores them (hand-made: the store's search is under test, not the annotator)."""
    text = f"{role} {name} {rest}".strip()
    at = text.index(name)
    said = text.index(rest.split(" ", 1)[1])
    quote = Quote(text=text[said:], kind="indirect", start=0, end=len(text), speaker=name,
                  speaker_role=role or None, cue="said", cue_start=said - 5, cue_end=said - 1,
                  speaker_start=at, speaker_end=at + len(name))
    return Article(url=f"https://wire.example/{n}", site_name="Gulf Wire", language="en", text=text,
                   paragraphs=(text,), title=f"{name} on day {day} ({n})", published=f"{day}T10:00:00+00:00",
                   entities=(Entity(text=name, type="PERSON", start=at, end=at + len(name), role="speaker"),),
                   quotes=(quote,))


def _store(db: Any) -> dict[str, int]:
    ids = {}
    with open_store(db) as store:
        for n, said in enumerate(SAID):
            article = _article(n, *said)
            _, ids[str(n)] = store.store_page(RawPage(body=article.text.encode(), origin=article.url or "",
                                                      url=article.url), article)
            store.after_store_entities(ids[str(n)], article)
            store.after_store_stories(ids[str(n)], store.get_article(ids[str(n)]))
            store.after_store_events(ids[str(n)], Article(language="en", published=said[0], events=(EVENT,)))
        store.conn.commit()
    return ids


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("w16") / "desk.db"
    yield from serve_desk(db, ids=_store(db))


def _cli(desk: dict[str, Any], *args: str, code: int = 0) -> Any:
    out = CliRunner().invoke(main, [*args, "--db", str(desk["db"])], catch_exceptions=False)
    assert out.exit_code == code, out.output
    return out


def _error(desk: dict[str, Any], path: str, **params: Any) -> str:
    """The message of a 400 answer (JSON for /api, else the page's text)."""
    response = httpx.get(desk["url"] + path, params=params, timeout=60)
    assert response.status_code == 400, (path, params, response.status_code, response.text[:300])
    return str(response.json()["error"]["message"]) if path.startswith("/api") else response.text


def test_the_store_holds_what_the_tests_read(desk: dict[str, Any]) -> None:
    quotes = get_json(desk, "/api/quotes")["quotes"]
    assert len(quotes) == 4 and {q["speaker_role"] for q in quotes} == {r for _, r, _, _ in SAID} - {""} | {None}


@pytest.mark.parametrize("bad", ["\x00", "\x01\x02", " \x00 \x7f "])
def test_a_speaker_or_words_of_control_characters_only_are_a_400_with_a_reason(desk: dict[str, Any], bad: str) -> None:
    # ?speaker=%00 counted as no speaker and listed every quote
    for name in ("speaker", "about"):
        message = _error(desk, "/api/quotes", **{name: bad})
        assert f"{name} {bad.strip()!r} has nothing to match" in message and "control characters" in message
        assert "nothing to match" in _error(desk, "/quotes", **{name: bad})
        out = _cli(desk, "quotes", f"--{name}", bad, code=2)
        assert f"{name} {bad.strip()!r} has nothing to match" in out.output
    assert "has nothing to match" in _error(desk, "/api/search", q=bad)
    assert "has nothing to match" in _error(desk, "/search", q=bad)
    assert "has nothing to match" in _cli(desk, "search", bad, code=2).output


def test_control_characters_around_a_filter_are_dropped_and_a_name_of_them_matches_nothing(desk: dict[str, Any]) -> None:
    found = get_json(desk, "/api/quotes", speaker="Abbas\x00 Araqchi")["quotes"]
    assert len(found) == 2 and {q["speaker"] for q in found} == {"Abbas Araqchi"}
    assert len(get_json(desk, "/api/quotes", about="\x00missile")["quotes"]) == 1
    assert get_json(desk, "/api/search", q="talks\x00")["total"] == 3
    # a site is a name, matched whole: no site is named by a NUL, as none is named "zeppelin"
    assert get_json(desk, "/api/search", q="talks", site="\x00")["items"] == []
    assert get_json(desk, "/api/articles", site="\x00")["items"] == []


def test_a_search_page_past_the_last_is_empty_with_the_true_total_and_leads_back(desk: dict[str, Any]) -> None:
    # /api/search?page=51 of 4 results answered page 50, with a previous link to page 49
    past = get_json(desk, "/api/search", q="talks", limit=1, page=7)
    assert (past["page"], past["items"], past["total"], past["total_exact"]) == (7, [], 3, True)
    assert past["past_the_end"] == "Nothing on page 7: the 3 results end on page 3"
    assert past["prev"] is not None and "page=3" in past["prev"] and past["next"] is None
    last = get_json(desk, "/api/search", q="talks", limit=1, page=3)
    assert len(last["items"]) == 1 and last["past_the_end"] is None and "page=2" in last["prev"]
    page = httpx.get(desk["url"] + "/search", params={"q": "talks", "limit": 1, "page": 7}, timeout=60).text
    assert "Nothing on page 7: the 3 results end on page 3" in page and "Nothing found for" not in page
    found = json.loads(_cli(desk, "search", "talks", "--limit", "1", "--page", "7", "--json").stdout)
    assert (found["items"], found["total"], found["past_the_end"]) == ([], 3, past["past_the_end"])
    assert _cli(desk, "search", "talks", "--limit", "1", "--page", "7").stdout.strip() == past["past_the_end"]


def test_a_page_number_past_what_a_list_answers_is_a_400_not_another_page(desk: dict[str, Any]) -> None:
    message = _error(desk, "/api/search", q="talks", page=51)
    assert "'page' must be a whole number from 1 to 50" in message and "got '51'" in message
    # 100 a page, the first 1,000 results end on page 11: page 12 listed page 11's results
    assert "from 1 to 11" in _error(desk, "/api/search", q="talks", limit=100, page=12)
    assert "--page must be from 1 to 11" in _cli(desk, "search", "talks", "--limit", "100", "--page", "12",
                                                  code=2).output
    for path in ("/api/quotes", "/api/events", "/api/entities", "/api/stories", "/api/not-articles", "/quotes"):
        assert "from 1 to 1000" in _error(desk, path, page=1001), path
        assert "from 1 to 1000" in _error(desk, path, page=0), path
    # within the numbers, a page past the end is empty, as before
    assert get_json(desk, "/api/quotes", page=9)["quotes"] == []
    page = httpx.get(desk["url"] + "/quotes", params={"page": 9}, timeout=60).text
    # and says where the list ends (U3: it said "the list ends before it" and led to page 8)
    assert "Nothing on page 9: the 4 quotes end on page 1" in page


def test_every_list_words_a_wrong_date_alike(desk: dict[str, Any]) -> None:
    # quotes said "must be a day, YYYY-MM-DD", search "must be a date like 2026-02-11", the quotes and
    # events commands click's "does not match the format"
    for path, params in (("/api/quotes", {}), ("/api/search", {"q": "talks"}), ("/api/articles", {}),
                         ("/api/events", {}), ("/quotes", {}), ("/search", {"q": "talks"}), ("/events", {})):
        for name in ("since", "until"):
            message = _error(desk, path, **params, **{name: WRONG_DAY})
            assert f"parameter &#39;{name}&#39; {DATE_MESSAGE.replace(chr(39), '&#39;')}" in message \
                or f"parameter '{name}' {DATE_MESSAGE}" in message, (path, name, message[:300])
    for command in (("quotes",), ("events",), ("search", "talks"), ("export",)):
        out = _cli(desk, *command, "--since", WRONG_DAY, code=2)
        assert f"--since {DATE_MESSAGE}" in out.output, (command, out.output)
    # the quotes and events are filed by day: a time is a wrong date there, a right one for search
    assert "--until must be a date" in _cli(desk, "quotes", "--until", "2026-11-03T10:00", code=2).output
    assert "must be a date" in _error(desk, "/api/events", until="2026-11-03T10:00")
    assert get_json(desk, "/api/search", q="talks", until="2026-11-04T12:00")["total"] == 2


def test_the_events_command_pages_as_the_api(desk: dict[str, Any]) -> None:
    # /api/events pages; `newsdesk events` had no --page ("No such option")
    api = [get_json(desk, "/api/events", limit=1, page=n)["events"] for n in (1, 2, 3, 4)]
    assert len({e[0]["article_id"] for e in api}) == 4
    for n in (1, 2, 3, 4):
        cli = json.loads(_cli(desk, "events", "--limit", "1", "--page", str(n), "--json").stdout)
        assert [e["article_id"] for e in cli] == [e["article_id"] for e in api[n - 1]]
    assert "no events on page 9" in _cli(desk, "events", "--page", "9").stdout
    assert _cli(desk, "events", "--page", "0", code=2)


def test_a_speaker_role_matches_a_country_by_its_possessive_and_its_people(desk: dict[str, Any]) -> None:
    # --about folded "Iran's" and "Iranian"; --speaker "Iran's foreign minister" found 0 of Araqchi's quotes
    ids = {desk["ids"]["0"], desk["ids"]["1"]}
    for phrase in ("Iran's foreign minister", "Iranian foreign minister", "Iran’s Foreign Minister",
                   "the Iranian Foreign Minister", "IRANIAN FOREIGN MINISTER"):
        found = get_json(desk, "/api/quotes", speaker=phrase)["quotes"]
        assert {q["article_id"] for q in found} == ids, (phrase, found)
        assert all(q["role_match"] for q in found)
        cli = json.loads(_cli(desk, "quotes", "--speaker", phrase, "--json").stdout)
        assert {q["article_id"] for q in cli} == ids, phrase
    # the French minister is no Iranian one, and every foreign minister is found by the role alone
    assert len(get_json(desk, "/api/quotes", speaker="foreign minister")["quotes"]) == 3
    assert [q["speaker"] for q in get_json(desk, "/api/quotes", speaker="French foreign minister")["quotes"]] \
        == ["Jean Dupont"]
    assert get_json(desk, "/api/quotes", speaker="Iraqi foreign minister")["quotes"] == []
    page = httpx.get(desk["url"] + "/quotes", params={"speaker": "Iran's foreign minister"}, timeout=60).text
    assert page.count("Abbas Araqchi") >= 2 and "Jean Dupont" not in page
