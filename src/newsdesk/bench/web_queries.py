"""What the web benchmark asks for in its searches, drawn the way readers ask: a Zipf law (s = 1)
over the store's own vocabulary (stopwords left out), as search logs do: single words, two-word
queries, phrases taken from stored text, prefixes, a share with filters (language, category, date)
or sorted by date, some second pages. See `web.py` for the whole run.
"""

from __future__ import annotations

import math
import random
import re
import sqlite3
import urllib.parse
from dataclasses import dataclass

# Words nobody searches for alone (en, fr, de, es: the store's main languages).
_STOPWORDS = """
a about after all also an and are as at be been but by can could did do for from had has have he her his
how i if in into is it its just more most my new no not now of on one only or other our out over said she so
some than that the their them then there these they this those to up was we were what when where which
while who will with would you your being very before between both each many much such under
au aux avec ce ces dans de des du elle en est et il ils je la le les leur lui mais ne nous on ou par pas
plus pour qu que qui sa se ses son sont sur un une vous été être ete etre fait cette comme
aber als am an auch auf aus bei bis das dass dem den der des die ein eine einem einen einer es für hat
im in ist mit nach nicht noch oder sich sie sind und von vor war wie wird zu zum zur über fur uber
al como con del el en es la las lo los para por que se su un una
"""
STOPWORDS = frozenset(_STOPWORDS.split())
ZIPF_S = 1.0  # Zipf exponent of query popularity; ~1 is what search-log studies report


@dataclass
class Vocabulary:
    words: list[str]  # content words, most documents first
    phrases: list[str]  # two-word phrases as they occur in stored text
    categories: list[str]
    languages: list[str]

    def zipf_word(self, rng: random.Random) -> str:
        return self.words[zipf_rank(rng, len(self.words))]


def zipf_rank(rng: random.Random, n: int, s: float = ZIPF_S) -> int:
    """A rank in [0, n) with P(r) ∝ 1/(r+1)^s, by inverting the continuous approximation of the CDF."""
    u = rng.random()
    if s == 1.0:
        return min(n - 1, int(math.exp(u * math.log(n + 1))) - 1)
    top = (n + 1) ** (1 - s)
    return min(n - 1, int((1 + u * (top - 1)) ** (1 / (1 - s))) - 1)


def store_vocabulary(conn: sqlite3.Connection, size: int = 20_000, sample: int = 400, seed: int = 5) -> Vocabulary:
    """The store's own words ranked by how many articles hold them, and phrases from sampled articles."""
    _words_table(conn)
    words = [t for t, _ in conn.execute("SELECT term, doc FROM temp.bench_vocab WHERE doc >= 3 ORDER BY doc DESC")
             if len(t) >= 3 and t.isalpha() and t not in STOPWORDS][:size]
    texts = [r[0] or "" for r in conn.execute(
        "SELECT text FROM articles WHERE kind = 'article' ORDER BY random() LIMIT ?", (sample,))]
    rng = random.Random(seed)
    phrases = []
    for text in texts:
        tokens = re.findall(r"\w+", text.lower())
        pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)
                 if a.isalpha() and b.isalpha() and a not in STOPWORDS and b not in STOPWORDS]
        phrases += rng.sample(pairs, min(3, len(pairs)))
    categories = [r[0] for r in conn.execute(
        "SELECT name FROM desk_categories GROUP BY name ORDER BY COUNT(*) DESC LIMIT 30")]
    languages = [r[0] for r in conn.execute(
        "SELECT language FROM articles WHERE kind = 'article' AND language IS NOT NULL GROUP BY language")]
    return Vocabulary(words, phrases, categories, languages)


def _words_table(conn: sqlite3.Connection) -> None:
    """temp.bench_vocab: the stored words and how many pages hold each. articles_fts holds porter
    stems since migration 034 ('railwai', 'stori'), which no reader types: the words come from a
    temporary table tokenized as articles_fts was before it, over the same rows."""
    if conn.execute("SELECT 1 FROM sqlite_temp_master WHERE name = 'bench_words'").fetchone():
        return
    conn.execute("CREATE VIRTUAL TABLE temp.bench_words USING fts5(title, text, content='',"
                 " tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO temp.bench_words(rowid, title, text) SELECT id, title, text FROM articles")
    conn.execute("CREATE VIRTUAL TABLE temp.bench_vocab USING fts5vocab(temp, bench_words, row)")


def search_query(vocab: Vocabulary, rng: random.Random) -> str:
    """One request's query string: a query of some kind, sometimes filtered, sorted by date or a second page."""
    kind = rng.random()
    if kind < 0.62:
        q = vocab.zipf_word(rng)
    elif kind < 0.76:
        q = f"{vocab.zipf_word(rng)} {vocab.zipf_word(rng)}"
    elif kind < 0.90:
        q = f'"{rng.choice(vocab.phrases)}"'
    else:
        word = vocab.zipf_word(rng)
        q = word[:max(3, min(5, len(word) - 2))] + "*"
    params = {"q": q}
    extra = rng.random()
    if extra < 0.05 and vocab.languages:
        params["language"] = rng.choice(vocab.languages)
    elif extra < 0.10 and vocab.categories:
        params["category"] = rng.choice(vocab.categories)
    elif extra < 0.13:
        params["since"] = f"2026-{rng.randint(1, 9):02d}-01"
    if rng.random() < 0.10:
        params["sort"] = "date"
    if rng.random() < 0.10:
        params["page"] = "2"
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def search_paths(conn: sqlite3.Connection, n: int = 20_000, seed: int = 3, path: str = "/api/search") -> list[str]:
    vocab = store_vocabulary(conn)
    rng = random.Random(seed)
    return [f"{path}?{search_query(vocab, rng)}" for _ in range(n)]
