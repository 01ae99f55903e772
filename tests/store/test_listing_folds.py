"""The front listing and category pages list a syndicated text once (issue 6): real SQLite stores,
articles placed by the real dedupe and clusterer hook (`after_store_stories`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store.desk import Filters

WIRE = ("The finance ministers of the region met in Lisbon on Tuesday to agree a common line on fishing quotas.\n\n"
        "After eleven hours of talks the ministers said the quotas would fall by a tenth next year, and that "
        "boats laid up as a result would be paid from a shared fund run by the port authorities.")


def _other(i: int) -> str:
    return (f"Local report number {i}: the town council of Village{i} voted on its budget for parks, "
            f"schools and roads, with {i * 7} members in favour.\n\nResidents of Village{i} asked for "
            f"more buses on route {i} and a library open on Sundays.")


# (url, site, published, category, text): the wire text three times (its first publication on
# a.example, a copy on b.example, a second copy on a.example), and four other articles between.
PAGES = [
    ("https://a.example/wire", "a.example", "2026-01-01T08:00:00+00:00", "World", WIRE),
    ("https://n.example/1", "n.example", "2026-01-01T09:00:00+00:00", "World", _other(1)),
    ("https://b.example/wire", "b.example", "2026-01-01T10:00:00+00:00", "World", WIRE),
    ("https://n.example/2", "n.example", "2026-01-01T11:00:00+00:00", "Local", _other(2)),
    ("https://a.example/wire-again", "a.example", "2026-01-01T12:00:00+00:00", "World", WIRE),
    ("https://n.example/3", "n.example", "2026-01-01T13:00:00+00:00", "World", _other(3)),
    ("https://n.example/4", "n.example", "2026-01-01T14:00:00+00:00", "World", _other(4)),
]


def store_pages(store: Store, pages: list[tuple[str, str, str, str, str]]) -> list[int]:
    ids = []
    for url, site, published, category, text in pages:
        article = Article(url=url, site_name=site, title=f"Title of {url}", published=published,
                          categories=(category,), language="en", text=text,
                          paragraphs=tuple(p for p in text.split("\n\n")))
        # each copy is its own page (one page's bytes are one article): the URL stands for the
        # markup around the text that tells two sites' pages apart
        _, article_id = store.store_page(RawPage(body=f"{url}\n{text}".encode(), origin=url, url=url), article)
        store.after_store_stories(article_id, store.get_article(article_id))
        ids.append(article_id)
    return ids


def _ids(store: Store, filters: Filters | None = None, fold: bool = True, limit: int = 30) -> list[int]:
    return [int(r["id"]) for r in store.desk_page(filters or Filters(), limit=limit, fold_copies=fold).items]


def test_the_front_listing_and_a_category_list_the_wire_text_once(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    ids = store_pages(store, PAGES)
    wire, copy_b, copy_a = ids[0], ids[2], ids[4]
    everything = _ids(store, fold=False)
    assert {wire, copy_b, copy_a} <= set(everything)  # the copies are stored articles
    for filters in (Filters(), Filters(category="World"), Filters(since="2026-01-01")):
        listed = _ids(store, filters)
        assert wire in listed and copy_b not in listed and copy_a not in listed, (filters, listed)
    assert sorted(_ids(store)) == sorted(set(everything) - {copy_b, copy_a})
    # A site's own page lists its copies: they are its articles.
    assert copy_b in _ids(store, Filters(site="b.example"), fold=False)
    assert {wire, copy_a} <= set(_ids(store, Filters(site="a.example"), fold=False))
    # Two copies; one other source (b.example): the representative's own site is not another.
    copies, sources, story = store.copy_counts([wire, ids[1]])[wire]
    assert (copies, sources) == (2, 1) and story == store.story_of(wire)
    assert ids[1] not in store.copy_counts([wire, ids[1]])
    store.close()


def test_a_copy_is_listed_where_its_representative_is_not(tmp_path: Path) -> None:
    # A category, or a date range, that holds the copy but not the first publication still lists it.
    store = open_store(tmp_path / "desk.db")
    ids = store_pages(store, [*PAGES, ("https://c.example/wire", "c.example", "2026-01-02T08:00:00+00:00",
                                       "Fishing", WIRE)])
    wire, copy_c = ids[0], ids[-1]
    assert copy_c not in _ids(store) and copy_c not in _ids(store, Filters(category="World"))
    assert _ids(store, Filters(category="Fishing")) == [copy_c]
    assert copy_c in _ids(store, Filters(since="2026-01-02")) and wire not in _ids(store, Filters(since="2026-01-02"))
    assert copy_c not in _ids(store, Filters(since="2026-01-01"))
    store.close()


def test_paging_a_folded_listing_both_ways_lists_each_text_once(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    ids = store_pages(store, PAGES)
    whole = _ids(store)
    for filters in (Filters(), Filters(category="World")):
        expected = _ids(store, filters)
        seen: list[int] = []
        pages = []
        page = store.desk_page(filters, limit=2, fold_copies=True)
        while True:
            pages.append(page)
            seen += [int(r["id"]) for r in page.items]
            if not page.older:
                break
            page = store.desk_page(filters, cursor=page.older, limit=2, fold_copies=True)
        assert seen == expected and len(pages) >= 2
        back = store.desk_page(filters, cursor=pages[-1].newer, newer=True, limit=2, fold_copies=True)
        assert [int(r["id"]) for r in back.items] == [int(r["id"]) for r in pages[-2].items]
    assert ids[2] not in whole
    store.close()


def test_a_copy_comes_back_when_it_becomes_the_representative(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    ids = store_pages(store, PAGES)
    wire, copy_b, copy_a = ids[0], ids[2], ids[4]
    # The first publication is rewritten into another text: the group re-picks its earliest copy.
    store_pages(store, [(PAGES[0][0], *PAGES[0][1:4], _other(9))])
    listed = _ids(store)
    assert wire in listed and copy_b in listed and copy_a not in listed, listed
    assert store.copy_counts([copy_b])[copy_b][:2] == (1, 1)
    assert wire not in store.copy_counts([wire])
    store.close()


def test_a_copy_whose_representative_is_deleted_is_listed(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    ids = store_pages(store, PAGES)
    store.conn.execute("DELETE FROM articles WHERE id = ?", (ids[0],))  # by hand: no dedupe hook runs
    listed = _ids(store)
    assert ids[2] in listed and ids[4] in listed
    store.close()


def _as_before_032(db: Path) -> None:
    """Make a store look as one written before migration 032 (no index of the copies)."""
    conn = sqlite3.connect(db)
    conn.execute("DROP INDEX story_fingerprints_copies")
    conn.execute("DELETE FROM schema_migrations WHERE name LIKE '032_%'")
    conn.execute("PRAGMA user_version = 31")
    conn.commit()
    conn.close()


def test_an_existing_store_is_migrated_and_its_copies_indexed(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    store = open_store(db)
    ids = store_pages(store, PAGES)
    store.close()
    _as_before_032(db)
    store = open_store(db)  # migrates: the index is filled from the stored fingerprints
    indexed = {int(r[0]) for r in store.conn.execute(
        "SELECT article_id FROM story_fingerprints INDEXED BY story_fingerprints_copies"
        " WHERE canonical_id != article_id")}
    assert indexed == {ids[2], ids[4]}
    assert ids[2] not in _ids(store) and ids[0] in _ids(store)
    store.close()


def test_a_store_opened_read_only_before_its_migration_still_folds(tmp_path: Path) -> None:
    # Web workers open the store read-only, which does not migrate: the fold then probes
    # story_fingerprints by primary key.
    db = tmp_path / "desk.db"
    store = open_store(db)
    ids = store_pages(store, PAGES)
    store.close()
    _as_before_032(db)
    reader = open_store(db, readonly=True)
    assert ids[2] not in _ids(reader) and ids[4] not in _ids(reader) and ids[0] in _ids(reader)
    assert reader.copy_counts([ids[0]])[ids[0]][0] == 2
    reader.close()


# The story page's "also published by" and the front card's count other sources by one rule
# (`desk.other_sources`): a source is a site name whatever its case, else a URL's host.
def test_the_story_page_and_the_front_card_count_the_same_other_sources(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db")
    # the wire text first on A.example; copies on the same site spelt in lower case, on the same
    # site named by its URL only ("www." and all), and on one other site
    pages = [("https://a.example/wire", "A.example", "2026-01-01T08:00:00+00:00", "World", WIRE),
             ("https://n.example/1", "n.example", "2026-01-01T09:00:00+00:00", "World", _other(1)),
             ("https://a.example/wire-2", "a.example", "2026-01-01T10:00:00+00:00", "World", WIRE),
             ("https://www.a.example/wire-3", "", "2026-01-01T11:00:00+00:00", "World", WIRE),
             ("https://b.example/wire", "b.example", "2026-01-01T12:00:00+00:00", "World", WIRE)]
    ids = store_pages(store, pages)
    copies, front, story_id = store.copy_counts([ids[0]])[ids[0]]
    assert story_id is not None
    group = next(g for g in store.story(story_id)["groups"] if g["representative"]["id"] == ids[0])
    assert (copies, front) == (3, 1)
    assert group["also_published_by"] == front
    store.close()
