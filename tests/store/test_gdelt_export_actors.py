"""An event naming no actor on either side is not stored, and GDELT Events and Mentions leave
out such a row of a store coded before (78 in the sample store, V1)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from newsdesk.records import Article, RawPage
from newsdesk.store import open_store
from newsdesk.store.events import _INSERT, event_row
from newsdesk.store.gdelt_export import write_gdelt

TEXT = "Kenyan police fired tear gas at protesters. Nobody knows what happened next."


def _event(sentence: str, start: int, source: dict | None, target: dict | None) -> dict:
    return {"source": source, "target": target, "cameo": "190", "root": "19", "quad_class": 4,
            "plover": {"event": "ASSAULT"}, "sentence": sentence, "start": start, "end": start + len(sentence),
            "confidence": 0.5}


def test_a_stored_event_without_actors_is_not_exported(tmp_path: Path) -> None:
    first, second = TEXT.split(". ")
    police = {"text": "Kenyan police", "code": "KENCOP", "country": "KEN"}
    events = (_event(first + ".", 0, police, None), _event(second, len(first) + 2, None, None))
    article = Article(text=TEXT, url="https://news.example.org/k", title="Nairobi",
                      published="2026-02-02T09:00:00+00:00", language="en", events=events)
    with open_store(tmp_path / "desk.db") as store:
        hook = next(h for h in store.after_store_hooks() if h.__name__ == "after_store_events")
        article_id = store.store_page(RawPage(body=TEXT.encode(), origin=article.url, url=article.url), article)[1]
        hook(article_id, article)
        assert [e["sentence"] for e in store.events()] == [first + "."]  # the store keeps the one with an actor
        # a store coded before that holds both rows
        store.conn.execute("DELETE FROM events")
        store.conn.executemany(_INSERT, [event_row(article_id, i, "2026-02-02", e) for i, e in enumerate(events)])
        assert len(store.events()) == 2
        for fmt, actor in (("gdelt-events", "Actor1Code"), ("gdelt-mentions", None)):
            out = io.StringIO()
            assert write_gdelt(store, fmt, out) == 1, fmt
            (row,) = csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t")
            assert row["NDSentence"] == first + "."
            if actor:
                assert row[actor] == "KENCOP"
