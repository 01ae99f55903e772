"""`newsdesk watch`: poll the configured sources on an interval, backing off from failing ones.

A source that fails waits interval × 2^failures (capped at a day) before it is tried again,
so one dead host costs us little and is not hammered.

One `Fetcher` serves the whole watch, every source and every round: politeness is the
crawler's, not one poll's, so each poll hands it to `pipeline.ingest`. With a fetcher per
poll, each feed of a site re-read the site's robots.txt, and the first request of a poll
went out right after the last one of the poll before, whatever `request_delay` said.

Each poll prints one line: its time in UTC, ISO 8601 with the offset (as every time the CLI
prints), the source, and "ok" or the failure.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from newsdesk.pipeline import ingest
from newsdesk.settings import Settings
from newsdesk.sources.fetch import Fetcher
from newsdesk.stages import Stages
from newsdesk.store import Store

MAX_BACKOFF = 86_400.0


def next_due(interval: float, failures: int) -> str:
    delay = min(interval * (2 ** failures), MAX_BACKOFF) if failures else interval
    return (datetime.now(UTC) + timedelta(seconds=delay)).replace(microsecond=0).isoformat()


def due_sources(store: Store, configured: tuple[str, ...]) -> list[str]:
    now = datetime.now(UTC).isoformat()
    return [url for url in configured if (due := store.source_due_at(url)) is None or due <= now]


def poll(store: Store, settings: Settings, source: str, stages: Stages,
         fetcher: Fetcher | None = None) -> str | None:
    """Ingest one source; return the failure reason, or None when it worked."""
    summary = ingest([source], store, settings, stages=stages, fetcher=fetcher)
    error = summary.failed.most_common(1)[0][0] if summary.all_failed else None
    failures = store.source_fail_count(source) + 1 if error else 0
    store.source_polled(source, error, next_due(settings.watch_interval, failures))
    return error


def watch(store: Store, settings: Settings, *, once: bool = False,
          echo: Callable[[str], None] = print, sleep: Callable[[float], None] = time.sleep) -> None:
    stages = Stages(settings=settings)
    for url in settings.sources:
        store.add_source(url)
    with Fetcher(settings, store) as fetcher:
        while True:
            for source in due_sources(store, settings.sources):
                error = poll(store, settings, source, stages, fetcher)
                echo(f"{datetime.now(UTC).isoformat(timespec='seconds')} {source}: {error or 'ok'}")
            if once:
                return
            sleep(min(60.0, settings.watch_interval))
