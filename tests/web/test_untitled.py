"""Pages whose articles lack a title, byline or date still render (a WARC page may have none)."""

from __future__ import annotations

import httpx

from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

from .desk_fixtures import running_server


def test_article_pages_render_next_to_untitled_neighbours(tmp_path):
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        ids = [store.store_page(RawPage(body=f"page {n}".encode(), origin=f"p{n}"),
                                Article(title=title, text=f"Body number {n} of the test.", url=f"https://x.example/{n}",
                                        published=f"2026-02-1{n}T09:00:00+00:00"))[1]
               for n, title in enumerate([None, "A titled story", None])]
    with running_server(db) as url:
        for article_id in ids:
            page = httpx.get(f"{url}/article/{article_id}")
            assert page.status_code == 200, page.text[:300]
            assert "Untitled" in page.text
        assert httpx.get(f"{url}/").status_code == 200
