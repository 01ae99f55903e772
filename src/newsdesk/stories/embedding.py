"""A sentence embedding of an article's headline and lead, for the pair model's meaning-level cosine.

Two reports of one event worded apart (a follow-up, a different angle) share few rare terms
but say much the same thing in their opening lines; all-MiniLM-L6-v2
(`newsdesk.understand.embed`) maps them near each other. Only the headline and the first
`LEAD_CHARS` characters are embedded: the encoder's cost grows with the word pieces (about
0.8 ms of CPU per piece on one thread), and the lead is where a report says what happened.

Kept per article as float16 (768 bytes; `story_articles.embedding`), the size that matters on
disk at a million articles; the cosine of two float16 unit vectors is exact to ~1e-3.
When the model is not installed, or `ENABLED` is off, articles carry no vector and the pair
model falls back to its weights without one (`pairs.PAIR_WEIGHTS`).
"""

from __future__ import annotations

import functools

import numpy as np

# Whether articles are embedded at all (the benchmarks switch it to compare with and without).
ENABLED = False
# Characters of the body after the headline that are embedded. See the module docstring for the cost.
LEAD_CHARS = 600


def lead(title: str | None, text: str | None) -> str:
    """The headline and the first `LEAD_CHARS` characters of the body (cut at a word)."""
    body = (text or "").strip()
    if len(body) > LEAD_CHARS:
        body = body[:LEAD_CHARS].rsplit(" ", 1)[0]
    if title and body.startswith(title.strip()):  # many pages repeat the headline as the first line
        title = None
    return f"{title.strip()}\n{body}" if title else body


@functools.cache
def available() -> bool:
    from newsdesk.understand.embed import embed_available

    return embed_available()


@functools.lru_cache(maxsize=2048)
def _encode(text: str) -> bytes:
    # Cached by text: an updated article that is placed again, or a benchmark that clusters the
    # same documents once per fold, pays the encoder once.
    from newsdesk.understand.embed import embed

    return embed([text])[0].astype(np.float16).tobytes()


def article_vector(title: str | None, text: str | None) -> bytes | None:
    """The article's lead embedding as float16 bytes, or None (no model, switched off, no text)."""
    if not ENABLED or not available():
        return None
    text_ = lead(title, text)
    if not text_.strip():
        return None
    return _encode(text_)


def from_bytes(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype=np.float16).astype(np.float32)
