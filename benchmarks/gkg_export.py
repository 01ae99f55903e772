"""GDELT GKG export cost per article on a synthesised store of annotated articles (no anchor).

usage: python benchmarks/gkg_export.py [--articles N]

Each article names people, organisations and places, stored as the annotator's records are
(store.after_store_entities), so the export reads their mentions from the store (G2; it re-parsed
articles with spaCy before). Prints ours only: seconds for the whole export and ms per article,
the first call's one-off loads (gazetteer, city table) included and apart.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from newsdesk.records import Article, Entity, RawPage
from newsdesk.store import open_store
from newsdesk.store.gdelt_export import write_gdelt

NAMES = [("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Jim Wexley", "PERSON"),
         ("United Nations", "ORG"), ("Quarkfield Holdings", "ORG"), ("Tehran", "GPE"), ("Paris", "GPE"),
         ("United States", "GPE"), ("Cambridge", "GPE"), ("Nigeria", "GPE")]


def article(i: int) -> Article:
    """Article `i`: every name of NAMES, rotated by `i`, once each, with the talk of a news story."""
    text, entities = f"Story {i}. ", []
    for k in range(len(NAMES)):
        name, type_ = NAMES[(i + k) % len(NAMES)]
        start = len(text) + len("On Tuesday ")
        text += f"On Tuesday {name} said talks on the 3 million dollar aid deal would go on despite the attack. "
        entities.append(Entity(text=name, type=type_, start=start, end=start + len(name), canonical=name))
    return Article(text=text, paragraphs=(text,), language="en", url=f"https://news.example/{i}",
                   title=f"Story {i}", published="2026-01-05T09:00:00+00:00", entities=tuple(entities))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "gkg.db") as store:
        for i in range(args.articles):
            a = article(i)
            _, article_id = store.store_page(RawPage(body=a.text.encode(), origin=f"b-{i}", url=a.url), a)
            store.after_store_entities(article_id, a)
        start = time.perf_counter()
        write_gdelt(store, "gdelt-gkg", io.StringIO())
        first = time.perf_counter() - start
        start = time.perf_counter()
        n = write_gdelt(store, "gdelt-gkg", io.StringIO())
        again = time.perf_counter() - start
    print(f"gdelt-gkg export, {n} stored articles: first run {first:.2f} s (one-off loads included),"
          f" again {again:.2f} s = {1000 * again / max(n, 1):.2f} ms per article")


if __name__ == "__main__":
    sys.exit(main())
