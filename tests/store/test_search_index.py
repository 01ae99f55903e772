"""The tantivy search index beside the store: built and kept in step through the change log, the
same answers as FTS5 for every kind of query and filter, FTS5 for what it lags on, deletes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.errors import QueryError
from newsdesk.records import Article, RawPage
from newsdesk.store import Store, desk_search, open_store
from newsdesk.store import search_index as si
from newsdesk.store.desk import Filters
from newsdesk.store.search_syntax import Op, ParseError, Term, parse, plain_words
from newsdesk.store.snippets import MARK_CLOSE, MARK_OPEN

WORDS = ("budget", "harbour", "election", "vaccine", "drought", "railway", "festival")


def _article(i: int, **changes: object) -> Article:
    word = WORDS[i % len(WORDS)]
    body = f"Story {i} about the {word} and the council. " * (1 + i % 4) + ("Élection locale. " if i % 9 == 0 else "")
    fields: dict[str, object] = dict(
        url=f"https://news.example/{i}", title=f"Headline {i} {word}", site_name=f"Site {i % 3}",
        language="en" if i % 4 else "fr", authors=(f"Writer {i % 5}",), categories=(f"Cat {i % 4}",),
        published=f"2026-02-{1 + i // 10:02d}T10:{i % 60:02d}:00+00:00", text=body, paragraphs=(body,),
        excerpt=body[:80])
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def _put(store: Store, i: int, **changes: object) -> int:
    return store.store_page(RawPage(body=f"page {i} {changes}".encode(), origin=f"p{i}"), _article(i, **changes))[1]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    si.forget_readers()
    s = open_store(tmp_path / "desk.db")
    for i in range(80):
        _put(s, i)
    s.store_page(RawPage(body=b"listing", origin="listing"),
                 Article(kind="not_article", reason="category listing", url="https://news.example/list",
                         title="budget budget budget", text="budget " * 50))
    return s


def _fts5(store: Store, query: str, filters: Filters | None = None, sort: str = "relevance") -> list[dict]:
    """The same search with the index out of the way (FTS5, today's path)."""
    path = si.index_dir(si.db_path_of(store.conn))
    hidden = path.with_name(path.name + ".hidden")
    path.rename(hidden)
    si.forget_readers()
    try:
        return store.desk_search(query, filters or Filters(), sort=sort, limit=100)
    finally:
        hidden.rename(path)
        si.forget_readers()


def _ids(rows: list[dict]) -> set[int]:
    return {r["id"] for r in rows}


def test_sync_builds_the_index_and_search_answers_from_it(store: Store) -> None:
    report = si.sync_search_index(store)
    assert report.rebuilt and report.indexed == 80 and not report.busy
    assert si.reader_for(si.db_path_of(store.conn)) is not None
    # Empty FTS5 (an external-content table): whatever search finds now came from the index.
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    hits = store.desk_search("budget", limit=100)
    assert len(hits) == len([i for i in range(80) if i % 7 == 0])
    assert all("budget" in r["title"] for r in hits)
    assert all(MARK_OPEN + "budget" + MARK_CLOSE in r["snippet"] for r in hits)
    assert "not_article" not in {store.get_article(r["id"]).kind for r in hits}


@pytest.mark.parametrize("query", ["council", '"the council"', "elect*", '"about the"*', "budget OR harbour",
                                   "council NOT budget", "title:budget", "(budget OR drought) AND council",
                                   "election", "élection", "U.S.-budget", 'budget "unterminated', "AND",
                                   "story/3", "council.about"])
def test_the_index_finds_what_fts5_finds(store: Store, query: str) -> None:
    si.sync_search_index(store)
    assert _ids(store.desk_search(query, limit=100)) == _ids(_fts5(store, query))


@pytest.mark.parametrize("filters", [Filters(language="fr"), Filters(site="Site 1"), Filters(category="Cat 2"),
                                     Filters(author="Writer 3"), Filters(since="2026-02-03", until="2026-02-05"),
                                     Filters(until="2026-02-02T10:05:00+00:00"),
                                     Filters(language="en", category="Cat 1", since="2026-02-04")])
def test_filters_and_date_sort_match_fts5(store: Store, filters: Filters) -> None:
    si.sync_search_index(store)
    ours = store.desk_search("council", filters, sort="date", limit=100)
    assert ours and _ids(ours) == _ids(_fts5(store, "council", filters, sort="date"))
    assert [r["sort_key"] for r in ours] == sorted((r["sort_key"] for r in ours), reverse=True)
    assert _ids(store.desk_search("council", filters, limit=100)) == _ids(ours)


def test_relevance_ranks_all_matches_title_first_and_pages_do_not_overlap(store: Store) -> None:
    si.sync_search_index(store)
    first = store.desk_search("harbour", limit=5)
    assert all("harbour" in r["title"] for r in first)
    page1, page2 = store.desk_search("council", limit=10), store.desk_search("council", limit=10, offset=10)
    assert len(page1) == len(page2) == 10 and not _ids(page1) & _ids(page2)


@pytest.mark.parametrize("query", ["((", "***", "*", "   "])
def test_unreadable_queries_raise_query_error_with_a_hint(store: Store, query: str) -> None:
    si.sync_search_index(store)
    with pytest.raises(QueryError, match="phrase|word"):
        store.desk_search(query)


def test_a_lagging_index_leaves_changed_articles_to_fts5_until_synced(store: Store) -> None:
    si.sync_search_index(store)
    new_id = _put(store, 500, title="Zeppelin over the harbour", text="A zeppelin landed. " * 3)
    changed = store.desk_search("budget", limit=1)[0]["id"]
    assert store.replace_article(changed, _article(0, title="Renamed story", text="Nothing about money here."))
    reader = si.reader_for(si.db_path_of(store.conn))
    assert reader is not None
    assert set(si.pending_ids(store.conn, reader.watermark, 100) or []) == {new_id, changed}
    # Before the sync: the new article is found (FTS5 tail), the edited one by its new text only.
    assert _ids(store.desk_search("zeppelin")) == {new_id}
    assert new_id in _ids(store.desk_search("harbour", limit=100))
    assert changed not in _ids(store.desk_search("budget", limit=100))
    assert changed in _ids(store.desk_search("money", limit=100))
    assert _ids(store.desk_search("zeppelin", sort="date")) == {new_id}
    report = si.sync_search_index(store)
    assert report.indexed == 2 and not report.rebuilt
    assert si.pending_ids(store.conn, report.watermark, 100) == []
    assert store.conn.execute("SELECT COUNT(*) FROM search_changes").fetchone()[0] == 0  # log trimmed
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")  # index only from here
    assert _ids(store.desk_search("zeppelin")) == {new_id}
    assert changed not in _ids(store.desk_search("budget", limit=100))
    assert changed in _ids(store.desk_search("money", limit=100))


def test_deleted_articles_leave_results_before_and_after_the_sync(store: Store) -> None:
    si.sync_search_index(store)
    gone = store.desk_search("drought", limit=1)[0]["id"]
    store.conn.execute("UPDATE inputs SET article_id = NULL WHERE article_id = ?", (gone,))
    store.conn.execute("DELETE FROM articles WHERE id = ?", (gone,))
    assert gone not in _ids(store.desk_search("drought", limit=100))
    report = si.sync_search_index(store)
    assert report.deleted == 1
    assert gone not in _ids(store.desk_search("drought", limit=100))
    reader = si.reader_for(si.db_path_of(store.conn))
    assert reader is not None and reader.searcher.num_docs == 79


def test_an_index_far_behind_is_not_used(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    si.sync_search_index(store)
    new_id = _put(store, 501, title="Zeppelin", text="zeppelin")
    monkeypatch.setattr(desk_search, "MAX_PENDING", 0)
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    assert _ids(store.desk_search("zeppelin")) == {new_id}
    # Proof it was FTS5: with FTS5 emptied, nothing is found while the index lags too far.
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    assert store.desk_search("zeppelin") == []


def test_missing_or_foreign_index_falls_back_and_is_rebuilt(store: Store) -> None:
    db = si.db_path_of(store.conn)
    assert si.reader_for(db) is None and store.desk_search("budget")  # no index yet: FTS5
    si.sync_search_index(store)
    (si.index_dir(db) / si.WATERMARK).write_text(json.dumps({"version": -1, "seq": 0}))
    assert si.reader_for(db) is None  # built by other code: not trusted
    report = si.sync_search_index(store)
    assert report.rebuilt and si.reader_for(db) is not None
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    assert store.desk_search("budget")  # the rebuilt index, read by the same process's reader


def test_one_indexer_at_a_time(store: Store) -> None:
    db = si.db_path_of(store.conn)
    with si._exclusive(Path(db + si.SUFFIX + ".lock"), wait=True) as got:
        assert got
        assert si.sync_search_index(store, wait=False).busy
    assert not si.sync_search_index(store, wait=False).busy


def test_when_number_orders_like_the_sort_key() -> None:
    keys = ["2025-12-31", "2026-01-01T00:00:00+00:00", "2026-01-01T09:30:00Z", "2026-01-02"]
    assert [si.when_number(k) for k in keys] == sorted(si.when_number(k) for k in keys)
    assert si.when_number("2026-01-02", end_of_day=True) == 20260102235959
    assert si.when_number(None) == 0


def _words(text: str) -> list[str]:
    return text.lower().replace(".", " ").split()


def test_syntax_precedence_and_refusals() -> None:
    assert parse("a b OR c", _words) == Op("or", (Op("and", (Term(("a",)), Term(("b",)))), Term(("c",))))
    assert parse("a NOT b c", _words) == Op("and", (Op("not", (Term(("a",)), Term(("b",)))), Term(("c",))))
    assert parse('title:"u.s" gov*', _words) == Op("and", (Term(("u", "s"), field="title"),
                                                          Term(("gov",), prefix=True)))
    for bad in ("((", "a:b", '"open', "NEAR(a b)", "a -b", "AND", "a OR"):
        with pytest.raises(ParseError):
            parse(bad, _words)
    assert plain_words("U.S.-Iran talks", _words) == Op("and", (Term(("u", "s", "iran")), Term(("talks",))))
    assert plain_words("iran -vote", _words) == Op("and", (Term(("iran",)), Term(("vote",))))
    assert plain_words("***", _words) is None


def test_an_index_left_by_another_database_at_the_same_path_is_not_trusted(tmp_path: Path) -> None:
    si.forget_readers()
    db = tmp_path / "desk.db"
    with open_store(db) as old:
        for i in range(30):
            _put(old, i)
        si.sync_search_index(old)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with open_store(db) as new:  # a new store at the same path, the old index still beside it
        for i in range(5):
            _put(new, 100 + i, title="Only lighthouse news", text="lighthouse " * 3)
        assert new.desk_search("budget") == []  # not the old store's articles
        assert len(new.desk_search("lighthouse")) == 5
        assert si.sync_search_index(new).rebuilt
        new.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
        assert len(new.desk_search("lighthouse")) == 5 and new.desk_search("budget") == []


def test_any_typed_query_is_answered_or_refused_with_a_hint(store: Store) -> None:
    """Random strings of the syntax's pieces and stray characters: results or QueryError, nothing else."""
    import random

    si.sync_search_index(store)
    pieces = ["budget", "coun", "*", '"', "(", ")", ":", "title", "text", "AND", "OR", "NOT", "NEAR", "-",
              "é", "^", "+", "U.S.", " ", " ", "“", "harbour", "'", "\\", "%", "_"]
    rng = random.Random(7)
    answered = 0
    for _ in range(300):
        query = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))
        try:
            rows = store.desk_search(query, limit=5)
        except QueryError as exc:
            assert "phrase" in str(exc) or "word" in str(exc)
        else:
            assert isinstance(rows, list)
            answered += 1
    assert answered > 100


def test_a_lone_prefix_gives_the_same_hits_with_or_without_its_unscored_rest(tmp_path: Path) -> None:
    """search() skips a prefix's rarer completions when the scored ones fill the page; the answer
    must be the full query's, hit for hit, whether the page is filled or not."""
    si.forget_readers()
    s = open_store(tmp_path / "prefix.db")
    for i in range(60):  # 16 completions of "par" in many of the first 40 articles; the last 20 hold
        words = (" ".join(f"par{k}x" for k in range(16) if i % (k + 1) == 0) if i < 40  # one rare one each
                 else f"par{i}zz")
        _put(s, i, text=f"Report {i}: {words}.", paragraphs=(f"Report {i}: {words}.",), title=f"Headline {i}")
    si.sync_search_index(s)
    reader = si.reader_for(si.db_path_of(s.conn))
    assert reader is not None
    assert len(reader.searcher.terms_with_prefix("body", "par", limit=100)) > si.PREFIX_SCORED_TERMS
    node = Term(("par",), prefix=True)
    for top in (5, 20, 59, 60, 80):
        for f in (Filters(), Filters(language="fr")):
            full = reader._run(reader._query(node, reader.searcher), f, reader.searcher, "relevance", top, None)
            assert reader.search(node, f, top=top) == full, (top, f)
    assert len(reader.search(node, Filters(), top=80)) == 60  # the rare completions still match


@pytest.mark.parametrize("indexed", [True, False])
def test_a_search_page_says_whether_more_follow_without_reading_the_next_row(store: Store, indexed: bool) -> None:
    if indexed:
        si.sync_search_index(store)
    matches = len(store.desk_search("council", limit=100))  # every article says "the council"
    assert matches == 80
    for limit, offset in ((10, 0), (10, 70), (30, 50), (20, 60), (100, 0)):
        rows, more = store.desk_search_page("council", limit=limit, offset=offset)
        assert [r["id"] for r in rows] == [r["id"] for r in store.desk_search("council", limit=limit, offset=offset)]
        assert more == (offset + limit < matches), (limit, offset)
    with pytest.raises(QueryError):
        store.desk_search_page("  ")


@pytest.mark.parametrize("indexed", [True, False])
def test_words_joined_by_punctuation_are_read_as_a_phrase(tmp_path: Path, indexed: bool) -> None:
    # '9/11' (outside the syntax) was read as 9 AND 11: the one article that says 9/11 came third,
    # behind articles with a 9 and an 11 anywhere.
    si.forget_readers()
    with open_store(tmp_path / "desk.db") as s:
        texts = ["On 9/11 the towers fell and the city changed.", "In 2011, 9 ministers met on 11 May about trade.",
                 "The 11 teams played 9 rounds in 2011, 9 of them at home and 11 away."]
        ids = [_put(s, i, text=t, paragraphs=(t,), title=f"Item {i}") for i, t in enumerate(texts)]
        if indexed:
            si.sync_search_index(s)
        # without an index, search is the FTS5 path
        assert [r["id"] for r in s.desk_search("9/11", limit=10)] == [ids[0]]
