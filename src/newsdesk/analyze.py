"""`newsdesk analyze`: documents in, analyze-contract JSON out, nothing stored.

Inputs: a path, a URL, `-` (stdin), or JSON lines `{"id", "html"|"text"|"body"|"path", ...}`.
A rejected input still gives one result, with kind "not_article", the reason, and an `error`
object naming the stage, so a batch's output lines match its input lines one to one.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newsdesk.errors import Rejected
from newsdesk.executors import batches
from newsdesk.pipeline import RunFetcher, analyze_page
from newsdesk.records import Article, RawPage
from newsdesk.settings import Settings
from newsdesk.stages import Stages
from newsdesk.store.sqlite import utcnow
from newsdesk.understand.coverage import ENGLISH, stages_ran
from newsdesk.understand.language import detect_language

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def rejected_result(doc_id: Any, rej: Rejected) -> dict[str, Any]:
    result = with_covered(Article(kind="not_article", reason=f"{rej.stage}: {rej.reason}"), None)
    result["id"] = doc_id
    result["error"] = {"stage": rej.stage, "reason": rej.reason, "detail": rej.detail}
    return result


def with_covered(article: Article, stages: Stages | None) -> dict[str, Any]:
    """The article's contract JSON with `covered` and `covered_stages` beside `language`. `covered`:
    whether entities and quotes were both looked for (the understand stage ran over an article in
    a language both read); a German body gave `entities: []`, `quotes: []`, the same as an English
    one naming no one. `covered_stages`: per stage (entities, quotes, events), whether it read this
    article: a French one is read for entities and quotes, not for events. All false for a page
    that is not an article or a stage that did not run."""
    result: dict[str, Any] = {}
    for key, value in article.to_dict().items():
        result[key] = value
        if key == "language":
            per_stage = _covered_stages(article, stages)
            result["covered"] = per_stage["entities"] and per_stage["quotes"]
            result["covered_stages"] = per_stage
    return result


def _covered_stages(article: Article, stages: Stages | None) -> dict[str, bool]:
    ran = set(stages.names) if stages is not None and article.kind == "article" else set()
    return stages_ran(article.language, ran)  # what the store records when it stores this analysis


def body_article(body: str, title: str | None = None, url: str | None = None) -> Article:
    """Text that is already the article body: analysed as given, offsets into it unchanged."""
    paragraphs = tuple(p.strip() for p in _PARAGRAPH_BREAK.split(body) if p.strip())
    return Article(title=title, url=url, text=body, paragraphs=paragraphs,
                   language=detect_language(body), extractor="given")


def analyze_one(raw: RawPage, stages: Stages, settings: Settings, doc_id: Any = None) -> dict[str, Any]:
    try:
        article = analyze_page(raw, stages, settings)
    except Rejected as rej:
        return rejected_result(doc_id, rej)
    result = with_covered(article, stages)
    result["id"] = doc_id
    return result


def analyze_line(line: dict[str, Any], stages: Stages, settings: Settings,
                 given: Article | None = None, fetcher: RunFetcher | None = None) -> dict[str, Any]:
    """One JSON line's result. `given` is the line's body article when the caller built it already;
    a `path` that is a URL is fetched through `fetcher` (the batch's), else a fetcher of its own."""
    doc_id = line.get("id")
    url, fetched_at = line.get("url"), line.get("fetched_at")
    if "body" in line:
        article = given or body_article(str(line["body"] or ""), line.get("title"), url)
        return with_covered(stages.apply(article), stages) | {"id": doc_id}
    if "html" in line or "text" in line:
        kind = "html" if "html" in line else "text"
        raw = RawPage(body=str(line[kind] or "").encode("utf-8"), origin=f"line:{doc_id}", url=url,
                      kind_hint=kind, fetched_at=fetched_at, headers={"content-type": "text/plain; charset=utf-8"})
        return analyze_one(raw, stages, settings, doc_id)
    if "path" in line:
        try:
            raw = read_document(str(line["path"]), settings, line.get("kind", "auto"), url, fetched_at, fetcher)
        except Rejected as rej:
            return rejected_result(doc_id, rej)
        return analyze_one(raw, stages, settings, doc_id)
    return rejected_result(doc_id, Rejected("input", "line has none of html, text, body, path"))


# Lines read and parsed together: spaCy's nlp.pipe over a batch is about twice as fast as one text
# at a time, and a batch no bigger than the shared Doc cache (nlp.CACHE_SIZE) keeps every Doc there
# until its line's stages ask for it.
JSONL_BATCH = 16  # == nlp.CACHE_SIZE


def analyze_jsonl(lines: Iterable[str], out: IO[str], stages: Stages, settings: Settings) -> int:
    """One result line per input line, same ids, models loaded once; returns lines written.

    Lines whose `path` is a URL share one polite fetcher, as `analyze_documents` does: with one
    per line, each re-read its host's robots.txt and followed the last request with no delay."""
    from newsdesk.sources.state import MemoryFetchState

    written = 0
    with RunFetcher(settings, MemoryFetchState()) as fetcher:
        for batch in batches(_read_lines(lines), JSONL_BATCH):
            given = _preparse(batch, stages)
            for index, line in enumerate(batch):
                if isinstance(line, Rejected):
                    result = rejected_result(None, line)
                else:
                    result = analyze_line(line, stages, settings, given.get(index), fetcher)
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                written += 1
    return written


def _read_lines(lines: Iterable[str]) -> Iterator[dict[str, Any] | Rejected]:
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            line = json.loads(text)
            if not isinstance(line, dict):
                raise ValueError("not an object")
        except (ValueError, RecursionError) as exc:  # RecursionError: a line of 100,000 nested "["
            yield Rejected("input", "not a JSON object", f"line {number}: {str(exc)[:200]}")
        else:
            yield {key: _valid_unicode(value) for key, value in line.items()}


def _valid_unicode(value: Any) -> Any:
    """A string with its lone surrogates ("\\ud800" in the JSON, from producers that cut UTF-16
    text) replaced by "?": kept, they failed the UTF-8 encoding of the line's page, or of its
    result line, and ended the whole batch."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _preparse(batch: list[dict[str, Any] | Rejected], stages: Stages) -> dict[int, Article]:
    """Body articles of the batch, their English texts parsed together into the shared Doc cache."""
    given = {i: body_article(str(line["body"] or ""), line.get("title"), line.get("url"))
             for i, line in enumerate(batch) if isinstance(line, dict) and "body" in line}
    if not given or not {"understand", "events"} & set(stages.names):
        return given
    from newsdesk.understand import nlp

    # the English pipeline's texts only: a French one is parsed by its own (french.annotate), never by English
    texts = list(dict.fromkeys(a.text for a in given.values() if a.language in ENGLISH and a.text.strip()))
    with contextlib.suppress(nlp.NoModel):  # the stages report what is not covered themselves
        nlp.parse_many(texts[: nlp.CACHE_SIZE])
    return given


def read_document(ref: str, settings: Settings, kind: str = "auto", url: str | None = None,
                  fetched_at: str | None = None, fetcher: RunFetcher | None = None) -> RawPage:
    """A path, `-` or a URL as one RawPage (URLs through `fetcher`, else a polite fetcher of its
    own, closed before returning)."""
    if ref == "-":
        body = sys.stdin.buffer.read(settings.max_page_bytes + 1)
        if len(body) > settings.max_page_bytes:
            raise Rejected("read", "too large", f"stdin: more than {settings.max_page_bytes} bytes")
        return RawPage(body=body, origin="-", url=url, kind_hint=kind, fetched_at=fetched_at)
    if ref.startswith(("http://", "https://")):
        from newsdesk.sources.state import MemoryFetchState

        # The caller's fetcher as it is (it closes it); else one of our own, closed here.
        with contextlib.nullcontext(fetcher) if fetcher else RunFetcher(settings, MemoryFetchState()) as run_fetcher:
            result = run_fetcher.get().fetch(ref)
        return RawPage(body=result.body, origin=ref, url=url or result.url, kind_hint=kind,
                       headers=result.headers, fetched_at=fetched_at or utcnow(), status=result.status)
    from newsdesk.sources.files import read_capped

    path = Path(ref)
    if path.is_dir():  # "no such file" for a folder that exists sent people looking for a typo
        raise Rejected("read", "is a folder", f"{ref}: analyze reads files; `newsdesk ingest` walks folders")
    if not path.is_file():
        raise Rejected("read", "no such file", ref)
    return RawPage(body=read_capped(path, settings.max_page_bytes), origin=ref, url=url, kind_hint=kind,
                   fetched_at=fetched_at)


def analyze_documents(refs: list[str], stages: Stages, settings: Settings, kind: str = "auto",
                      url: str | None = None, fetched_at: str | None = None) -> Iterator[dict[str, Any]]:
    """Each of `refs` analysed in turn. URLs share one polite fetcher (robots.txt read once per
    host, the per-host delay kept between them), closed when the last ref is done."""
    from newsdesk.sources.state import MemoryFetchState

    with RunFetcher(settings, MemoryFetchState()) as fetcher:
        for ref in refs:
            try:
                raw = read_document(ref, settings, kind, url, fetched_at, fetcher)
            except Rejected as rej:
                yield rejected_result(ref, rej)
                continue
            yield analyze_one(raw, stages, settings, ref)
