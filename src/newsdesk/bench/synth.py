"""A large store synthesised from the corpus, for benchmarks of the web desk at 100k+ articles.

Text is varied, not copied: each article draws paragraphs from the corpus pool, shuffles
their sentences and swaps some words for words from other pages, so FTS5 sees a realistic
vocabulary and posting lists instead of 500 copies of the same 200 documents. Sites,
authors, categories, languages and dates are spread the way a busy desk's would be.

Writing is bulk: one transaction, the FTS trigger dropped during the load and the index
rebuilt once at the end (row-by-row FTS inserts would triple the load time).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from newsdesk.records import Article
from newsdesk.store import open_store, search_fts_langs
from newsdesk.store.sqlite import immediate

CATEGORIES = ("World", "Politics", "Business", "Science", "Technology", "Health", "Sport", "Culture",
              "Environment", "Education", "Law", "Opinion", "Africa", "Asia", "Europe", "Americas",
              "Middle East", "Elections", "Economy", "Energy", "Media", "Human rights", "Security",
              "Transport", "Local", "Weather", "Arts", "Books", "Travel", "Food")
SITE_WORDS = ("Herald", "Times", "Post", "Courier", "Gazette", "Tribune", "Observer", "Chronicle", "Daily",
              "Ledger", "Dispatch", "Monitor")
CITY_WORDS = ("North", "River", "Harbour", "Capital", "Valley", "Lake", "Coast", "Metro", "Bay", "Hill")
LANGUAGES = (("en", 0.62), ("fr", 0.22), ("de", 0.1), ("ar", 0.03), ("es", 0.03))
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Pool:
    """What the corpus lends the synthesiser: sentences per language, titles, a vocabulary."""

    sentences: dict[str, list[str]]
    titles: list[str]
    words: list[str]


def corpus_pool(corpus: Path) -> Pool:
    """Sentences of paragraphs (<p> text of 80+ characters) and titles from every page in the manifest."""
    sentences: dict[str, list[str]] = {}
    titles: list[str] = []
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        path = corpus / entry["path"]
        if not path.exists():
            continue
        tree = HTMLParser(path.read_bytes().decode("utf-8", "replace"))
        for node in tree.css("p"):
            text = " ".join(node.text().split())
            if len(text) >= 80:
                sentences.setdefault(entry.get("language") or "en", []).extend(
                    s for s in _SENTENCE.split(text) if 20 <= len(s) <= 300)
        if entry.get("title"):
            titles.append(entry["title"])
    words = sorted({w for ss in sentences.values() for s in ss for w in s.split() if w.isalpha() and len(w) > 3})
    return Pool(sentences, titles, words)


# The analyze record with every field at its empty value; synthetic records fill in the rest.
# (Built once: dataclasses.asdict per article would be half the synthesiser's time.)
_EMPTY_RECORD = Article().to_dict()


class Synthesiser:
    def __init__(self, pool: Pool, seed: int = 7, now: datetime | None = None) -> None:
        self.pool, self.rng = pool, random.Random(seed)
        self.now = now or datetime.now(UTC).replace(microsecond=0)
        self.sites = [f"The {c} {s}" for c in CITY_WORDS for s in SITE_WORDS][:80]
        self.authors = [f"{self.rng.choice(pool.words).title()} {self.rng.choice(pool.words).title()}"
                        for _ in range(600)]
        langs = [lang for lang, _ in LANGUAGES if pool.sentences.get(lang)] or list(pool.sentences)
        self.languages = langs
        self.lang_weights = [dict(LANGUAGES).get(lang, 0.01) for lang in langs]

    def paragraph(self, language: str) -> str:
        """Two or three corpus sentences of one language, from different pages, with two words swapped
        for words from anywhere in the corpus: text no page contains, with a real vocabulary."""
        rng, pool = self.rng, self.pool
        words = " ".join(rng.choice(pool.sentences[language]) for _ in range(rng.randint(2, 3))).split()
        for _ in range(2):
            words[rng.randrange(len(words))] = rng.choice(pool.words)
        return " ".join(words)

    def record(self, n: int) -> dict[str, Any]:
        """One synthetic article as its analyze record (the `Article.to_dict()` shape)."""
        rng = self.rng
        language = rng.choices(self.languages, self.lang_weights)[0]
        paragraphs = [self.paragraph(language) for _ in range(rng.randint(2, 5))]
        title_words = rng.choice(self.pool.titles).split()
        title_words[rng.randrange(len(title_words))] = rng.choice(self.pool.words)
        site = rng.choice(self.sites)
        slug = hashlib.blake2s(f"{n}".encode(), digest_size=6).hexdigest()
        published = self.now - timedelta(seconds=int(rng.expovariate(1 / (120 * 86400))))
        url = f"https://{site.lower().replace(' ', '-')}.example/{published:%Y/%m/%d}/{slug}"
        return {**_EMPTY_RECORD, "url": url, "site_name": site, "title": " ".join(title_words),
                "authors": rng.sample(self.authors, rng.randint(1, 2)),
                "published": published.isoformat(), "categories": rng.sample(CATEGORIES, rng.randint(1, 3)),
                "language": language, "text": "\n\n".join(paragraphs), "paragraphs": paragraphs,
                "excerpt": paragraphs[0][:280], "extractor": "synth"}

    def article(self, n: int) -> Article:
        return Article.from_dict(self.record(n))


def _row(r: dict[str, Any], now: str) -> tuple[Any, ...]:
    data = json.dumps(r, ensure_ascii=False)
    return (r["url"], "article", r["url"], r["site_name"], r["title"], json.dumps(r["authors"], ensure_ascii=False),
            json.dumps(r["categories"]), r["published"], r["language"], r["excerpt"], r["text"],
            hashlib.sha256(data.encode()).hexdigest(), data, now, now, now)


_INSERT = ("INSERT OR IGNORE INTO articles(key, kind, url, site_name, title, authors, categories, published,"
           " language, excerpt, text, content_hash, data, first_seen, last_seen, changed_at)"
           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")


def synthesise_store(db: Path, corpus: Path, n: int = 100_000, seed: int = 7,
                     progress: bool = True) -> dict[str, Any]:
    """Write `n` synthetic articles into the store at `db` (created if needed); return timings."""
    t0 = time.perf_counter()
    synth = Synthesiser(corpus_pool(corpus), seed=seed)
    store = open_store(db)
    conn = store.conn
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_fts_insert'"
                           ).fetchone()
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    with immediate(conn):
        if trigger:
            conn.execute("DROP TRIGGER articles_fts_insert")
        batch: list[tuple[Any, ...]] = []
        for i in range(n):
            batch.append(_row(synth.record(i), now))
            if len(batch) >= 5000:
                conn.executemany(_INSERT, batch)
                batch.clear()
                if progress:
                    print(f"\rsynthesised {i + 1}/{n}", end="", flush=True)
        conn.executemany(_INSERT, batch)
        t_rows = time.perf_counter() - t0
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        if trigger:
            conn.execute(trigger[0])
        search_fts_langs.drain(conn)  # the rows of the articles in other languages (migration 039's queue)
    conn.execute("ANALYZE")
    count = conn.execute("SELECT COUNT(*) FROM articles WHERE kind = 'article'").fetchone()[0]
    store.close()
    if progress:
        print()
    return {"articles": count, "rows_s": round(t_rows, 1), "total_s": round(time.perf_counter() - t0, 1),
            "db_bytes": db.stat().st_size}
