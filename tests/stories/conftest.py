"""Fixtures of the story tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.extract import extract
from newsdesk.records import RawPage


@pytest.fixture(scope="session")
def wikinews_fr(shared_dir: Path) -> list[dict[str, str | None]]:
    """The corpus's Wikinews fr reports (those extracted as articles) as `cluster_stream` lines:
    id (the page's number), title, text and date. Read once; the tests only read them."""
    docs = []
    for path in sorted((shared_dir / "corpus" / "converted" / "wikinews-fr").glob("*.html")):
        article = extract(RawPage(body=path.read_bytes(), origin=str(path)))
        if article.kind == "article":
            docs.append({"id": path.name.split("-")[0], "title": article.title, "text": article.text,
                         "date": article.published})
    return docs
