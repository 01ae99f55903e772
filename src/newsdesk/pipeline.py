"""Runs the stages over a stream of inputs and stores the results.

    inputs (files, URLs) ─► RawPage ─► extract ─► understand, events ─► store ─► after-store hooks
                                │           │
                                └── Rejected is stored with its stage and reason; the batch goes on

An input already handled (same origin, same bytes) is skipped before extraction, so a run
killed at any point and started again redoes at most the page it was killed in.
"""

from __future__ import annotations

import logging
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import Rejected
from newsdesk.executors import analyze_stream
from newsdesk.extract import extract
from newsdesk.records import Article, RawPage
from newsdesk.settings import Settings
from newsdesk.sources.files import FoundLinks, Skipped, read_files
from newsdesk.sources.state import NotModified, is_saved_file
from newsdesk.stages import Stages
from newsdesk.store import Store

if TYPE_CHECKING:
    from newsdesk.sources.fetch import Fetcher
    from newsdesk.sources.state import FetchState

Item = RawPage | Rejected | Skipped | NotModified

log = logging.getLogger(__name__)


@dataclass
class Summary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    not_article: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def seen(self) -> int:
        return self.new + self.updated + self.unchanged + self.not_article + sum(self.failed.values())

    @property
    def all_failed(self) -> bool:
        """Something was tried and every attempt failed (exit code 4; a failing source in `watch`)."""
        return self.seen > 0 and sum(self.failed.values()) == self.seen

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def as_dict(self) -> dict[str, object]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "not_article": self.not_article, "failed": dict(self.failed), "skipped": dict(self.skipped)}


def analyze_page(raw: RawPage, stages: Stages, settings: Settings | None = None) -> Article:
    """Extract and understand one page. Raises Rejected; any other error becomes a Rejected too."""
    max_bytes = settings.max_page_bytes if settings else 10_000_000
    try:
        article = extract(raw, max_bytes=max_bytes)
    except Rejected:
        raise
    except RecursionError as exc:
        raise Rejected("extract", "page nested too deeply", raw.origin) from exc
    except Exception as exc:  # one bad page must never abort a batch: keep it, with the reason
        raise Rejected("extract", f"internal error: {type(exc).__name__}",
                       "".join(traceback.format_exception_only(exc)).strip()) from exc
    if article.url is None and raw.url:
        article = article.replace(url=raw.url)
    try:
        return stages.apply(article)
    except Exception as exc:
        raise Rejected("understand", f"internal error: {type(exc).__name__}", str(exc)) from exc


class RunFetcher:
    """The one polite `Fetcher` of a run, made when the first URL needs it and closed at the end.

    Why one: politeness belongs to the crawler, not to each source. A Fetcher per saved feed or
    sitemap (as `--follow-links` once made) re-read each host's robots.txt and let the first
    request to a host follow the previous source's last one with no `request_delay` between.
    A fetcher given by the caller (`watch` keeps one for all its rounds) is used and not closed."""

    def __init__(self, settings: Settings, state: FetchState, given: Fetcher | None = None) -> None:
        self.settings, self.state, self.given = settings, state, given
        self._own: Fetcher | None = None

    def get(self) -> Fetcher:
        if self.given is not None:
            return self.given
        if self._own is None:
            from newsdesk.sources.fetch import Fetcher  # a folder-only ingest never loads httpx

            self._own = Fetcher(self.settings, self.state)
        return self._own

    def __enter__(self) -> RunFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own is not None:
            self._own.close()
            self._own = None


def iter_inputs(sources: Iterable[str], settings: Settings, store: Store, follow_links: bool = False,
                fetcher: RunFetcher | None = None) -> Iterator[Item]:
    """Every page from paths and URLs, in order; URLs go through the run's one polite fetcher."""
    run_fetcher = fetcher or RunFetcher(settings, store)
    try:
        for source in sources:
            if source.startswith(("http://", "https://")):
                from newsdesk.sources.web import collect_url

                yield from collect_url(source, run_fetcher.get(), store, settings)
                continue
            for item in read_files([Path(source)], settings.max_page_bytes):
                if isinstance(item, FoundLinks):
                    yield from _links(item, follow_links, settings, store, run_fetcher)
                else:
                    yield item
    finally:
        if fetcher is None:
            run_fetcher.close()


def _links(found: FoundLinks, follow: bool, settings: Settings, store: Store,
           fetcher: RunFetcher) -> Iterator[Item]:
    if not follow:
        yield Skipped(found.origin, "links in saved feeds and sitemaps, not fetched (use --follow-links)",
                      len(found.urls))
        return
    yield from iter_inputs(found.urls[: settings.max_feed_items], settings, store, fetcher=fetcher)


ProgressFn = Callable[[str], None]


def ingest(sources: Iterable[str], store: Store, settings: Settings, *, stages: Stages | None = None,
           follow_links: bool = False, progress: ProgressFn | None = None,
           fetcher: Fetcher | None = None) -> Summary:
    """Collect, extract, understand and store everything `sources` name; return what happened.

    `fetcher`: the polite fetcher to fetch URLs through, kept open (a caller polling many times,
    like `watch`, passes its own so robots.txt and the per-host delay hold across calls); by
    default the run makes one and closes it at the end."""
    stages = stages or Stages(settings=settings)
    summary = Summary()
    hooks = store.after_store_hooks()
    run_fetcher = RunFetcher(settings, store, fetcher)
    try:
        inputs = iter_inputs(sources, settings, store, follow_links, run_fetcher)
        pending = _pending(inputs, store, summary, progress)
        for raw, result in analyze_stream(pending, stages, settings):
            store_result(raw, result, store, summary, hooks, stages.names)
            if progress:
                progress(raw.origin)
    finally:
        run_fetcher.close()
    sync_search(store)
    return summary


def sync_search(store: Store) -> None:
    """Bring the search index beside the database up to date with what was just written.

    Why here: the desk would catch up by itself within seconds (searching the lagging tail with
    FTS5 meanwhile), but a search right after `newsdesk ingest` should already rank through the
    index. A busy index (another process indexing) is left to that process; a failure to index
    never fails the ingest, whose articles are stored and still found through FTS5."""
    try:
        from newsdesk.store.search_index import sync_search_index

        sync_search_index(store, wait=False)
    except Exception:
        log.exception("search index update failed; search falls back to FTS5 until the next sync")


def _pending(items: Iterable[Item], store: Store, summary: Summary,
             progress: ProgressFn | None) -> Iterator[RawPage]:
    """The pages that still need work; skips, source failures, pages not modified and done inputs
    are settled here; each saved feed file read is recorded as read, whatever its entries bring."""
    files_read: set[str] = set()
    for item in items:
        if isinstance(item, RawPage):
            _note_file_read(item, store, files_read)
        if isinstance(item, Skipped):
            summary.skipped[item.reason] += item.count
            continue
        if isinstance(item, NotModified):
            store.page_not_modified(item.origin)  # seen again: its last_seen moves, as a 200 of the same page's would
            summary.unchanged += 1
        elif isinstance(item, Rejected):
            store.record_failure(item.origin or item.detail or "?", item.stage, item.reason, item.detail)
            summary.failed[f"{item.stage}: {item.reason}"] += 1
        elif store.input_done(item.origin, item.sha256):
            summary.unchanged += 1
        else:
            yield item
            continue
        if progress:
            progress(getattr(item, "origin", "") or "")


def _note_file_read(raw: RawPage, store: Store, files_read: set[str]) -> None:
    """A saved feed file's first entry of this run: the file was read now. Why here: a re-read whose
    entries are all unchanged stores nothing, so the sources list showed the last read that
    brought something (store.source_list)."""
    path = raw.source_url
    if path and path not in files_read and is_saved_file(path):
        files_read.add(path)
        store.saved_file_read(path)


def store_result(raw: RawPage, result: Article | Rejected, store: Store, summary: Summary,
                 hooks: list[Callable[[int, Article], None]], ran: tuple[str, ...] = ()) -> None:
    """Store one analysed page and run the hooks; `ran`: the stages that analysed it, recorded with it
    (store/reads.py) so the desk says what the store holds, not what today's code would read."""
    if isinstance(result, Rejected):
        store.record_failure(raw.origin, result.stage, result.reason, result.detail, raw)
        summary.failed[f"{result.stage}: {result.reason}"] += 1
        return
    outcome, article_id = store.store_page(raw, result)
    summary.count(outcome)
    if outcome in ("new", "updated"):
        run_hooks(hooks, article_id, result.replace(id=str(article_id)))
        if result.kind == "article":
            store.record_read(article_id, result.language, ran)


def run_hooks(hooks: list[Callable[[int, Article], None]], article_id: int, article: Article) -> None:
    for hook in hooks:
        try:
            hook(article_id, article)
        except Exception:  # a downstream stage's bug must not lose the stored article
            log.exception("after-store hook %s failed for article %s", getattr(hook, "__name__", hook), article_id)


# After-store hooks `reprocess` runs on every article, changed or not. Why: an upgrade may change
# how the store files what a page analyses to (entities and quotes: store/entities.py and
# store/surnames.py; events: store/events.event_row) without changing the analysis itself, and a
# reprocess killed between storing an article and its hooks leaves it "unchanged" for the next one;
# a user runs reprocess to bring those rows up to the new code. Both steps are cheap (entities: 11.8 s
# of an 887 s reprocess of the 252 articles of ../shared/corpus) and rebuild the article's rows from
# its record, keeping the user's merges and splits (entity_decisions); events are rewritten only
# where they differ, so event ids (GLOBALEVENTID in the exports) stay put.
# Stories are not in the list: placing an article again is neither cheap nor idempotent. It takes
# the article out of its story and asks which story fits it now that every later article is stored
# too. Re-placing the 239 articles of a ../shared/corpus store, code and records unchanged, took
# 353 s (on a loaded machine), gave 167 of them a new story id and 40 other story companions
# (176 stories became 186): a reprocess would reshuffle stories and break their addresses though
# nothing changed. An article whose analysis changed is placed again, as an ingest's update is.
REFRESH_ALWAYS = ("after_store_entities", "after_store_events")


def reprocess(store: Store, settings: Settings, *, stages: Stages | None = None,
              progress: ProgressFn | None = None, stale: bool = False) -> Summary:
    """Re-run extraction and understanding over every stored raw page, on the configured executor;
    every article's entities, quotes and events are stored again (`REFRESH_ALWAYS`), even when
    unchanged; then the entities and aliases no mention gives any more go. `stale`: only the
    articles whose record (store/reads.py) an older coverage wrote, such as French ones annotated
    before French was read."""
    stages = stages or Stages(settings=settings)
    summary = Summary()
    hooks = store.after_store_hooks()
    always = [h for h in hooks if getattr(h, "__name__", "") in REFRESH_ALWAYS]
    in_flight: deque[int] = deque()  # article ids of the pages sent; results come back in order
    entities = any(getattr(h, "__name__", "") == "after_store_entities" for h in always)
    ids = store.raw_ids_for_reprocess()
    if stale:
        wanted = set(store.stale_ids())
        ids = [(article_id, raw_id) for article_id, raw_id in ids if article_id in wanted]
    if entities:  # built again from the articles alone, not from the last pass's aliases
        store.clear_for_reprocess([article_id for article_id, _ in ids])

    def pages() -> Iterator[RawPage]:
        for article_id, raw_id in ids:
            in_flight.append(article_id)
            yield store.raw_page(raw_id)

    for raw, result in analyze_stream(pages(), stages, settings):
        article_id = in_flight.popleft()
        if isinstance(result, Rejected):
            store.record_failure(raw.origin, result.stage, result.reason, result.detail)
            summary.failed[f"{result.stage}: {result.reason}"] += 1
            if entities:  # its entities as its stored analysis gives them, as before the reprocess
                store.after_store_entities(article_id, store.get_article(article_id))
        elif store.replace_article(article_id, result):
            summary.updated += 1
            run_hooks(hooks, article_id, result.replace(id=str(article_id)))
            _record_read(store, article_id, result, stages)
        else:
            summary.unchanged += 1
            run_hooks(always, article_id, result.replace(id=str(article_id)))
            _record_read(store, article_id, result, stages)
        if progress:
            progress(raw.origin)
    if entities:
        drop_unused_entities(store)
        store.drop_stale_aliases()
    sync_search(store)
    return summary


def _record_read(store: Store, article_id: int, result: Article, stages: Stages) -> None:
    if result.kind == "article":
        store.record_read(article_id, result.language, stages.names)


def drop_unused_entities(store: Store) -> int:
    """Delete the entities no mention and no quote points at any more; how many went.

    Why after reprocess: re-resolving every article moves mentions off entities an older code
    made (a one-word "Hill", a misspelt name); left behind they are listed with 0 mentions.
    A user's merge or split lives in `entity_decisions`, by name, and makes its entity again
    when a mention needs it. One statement, so a concurrent ingest's entity (created in the same
    transaction as its mentions) is never caught between the two."""
    cur = store.conn.execute(
        "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM entity_mentions m WHERE m.entity_id = entities.id)"
        " AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = entities.id)")
    return cur.rowcount
