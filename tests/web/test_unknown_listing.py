"""A source or category the store has never heard of is a 404, not an empty 200 listing; a site
the store knows but holds no listed articles of (here: a configured source) is still a listing."""

from __future__ import annotations

from pathlib import Path

import httpx

from newsdesk.store import open_store

from .desk_fixtures import running_server


def test_unknown_source_and_category_are_404_known_ones_list(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        assert client.get("/source/Rail%20Times").status_code == 200
        assert client.get("/category/World").status_code == 200
        for path in ("/source/No%20such%20site%20x13", "/category/No%20such%20category%20x13"):
            r = client.get(path)
            assert r.status_code == 404, (path, r.status_code)
            assert "no such" in r.text.lower() or "no source" in r.text or "no category" in r.text
        # a filter that empties a known source's page leaves it a listing
        assert client.get("/source/Rail%20Times", params={"language": "xx"}).status_code == 200


def test_a_configured_source_without_articles_is_not_unknown(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        store.add_source("https://www.quiet.example/feed.xml", "feed")
    with running_server(db) as url, httpx.Client(base_url=url, timeout=60) as client:
        assert client.get("/source/quiet.example").status_code == 200
        assert client.get("/source/loud.example").status_code == 404
