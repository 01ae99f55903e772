"""A page stored as an article, then judged not an article on reprocess, leaves its story.

After the not-article judge learnt the corpus's lottery listing (09b2108), `newsdesk reprocess`
stored it as not_article but left it in story 178, a story of that one spam page."""

from __future__ import annotations

from pathlib import Path

from newsdesk.records import Article, RawPage
from newsdesk.store import open_store

TEXT = ("The council met on Tuesday to discuss the budget for the coming year, and members argued for "
        "hours about roads, schools and the library before the vote.")


def test_an_article_judged_not_an_article_leaves_its_story(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "n.db"))
    try:
        article = Article(title="Budget vote passes", text=TEXT, url="http://news.example/a",
                          published="2024-05-01T10:00:00+00:00")
        _, article_id = store.store_page(RawPage(body=TEXT.encode(), origin="a", kind_hint="text"), article)
        store.after_store_stories(article_id, article)
        assert store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 1
        refused = article.replace(kind="not_article", reason="not an article: link farm")
        assert store.replace_article(article_id, refused)
        store.after_store_stories(article_id, refused)
        assert store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM story_fingerprints").fetchone()[0] == 0
    finally:
        store.close()
