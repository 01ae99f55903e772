"""A Retry-After of days (or an HTTP date far ahead) holds a host an hour at most, and says so.

Before, the fetcher paused the host for as long as the server asked: `watch` keeps one fetcher for
its whole life, so a server answering "Retry-After: 2592000" was never asked again by it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from loopback import LoopbackServer
from newsdesk.errors import FetchFailed
from newsdesk.settings import Settings
from newsdesk.sources.fetch import Fetcher
from newsdesk.sources.state import MemoryFetchState
from newsdesk.stages import Stages
from newsdesk.store import open_store
from newsdesk.watch import poll

PAGE = "<html><head><title>Hello</title></head><body><p>Hello, world.</p></body></html>"
THIRTY_DAYS = 30 * 86_400
MAX_HOST_HOLD = 3600.0  # what a polite crawler honours (fetch.MAX_HOST_HOLD)


def _held_seconds(detail: str) -> float:
    found = re.search(r"not asked again for (\d+) s", detail)
    assert found, detail
    return float(found.group(1))


@pytest.mark.parametrize("retry_after", [
    str(THIRTY_DAYS),
    format_datetime(datetime.now(UTC) + timedelta(days=3650), usegmt=True),
])
def test_a_retry_after_of_days_holds_the_host_an_hour_at_most(loopback: LoopbackServer, settings: Settings,
                                                              retry_after: str) -> None:
    loopback.add("/later", status=503, headers={"Retry-After": retry_after})
    loopback.add("/other", PAGE)
    with Fetcher(settings.replace(respect_robots=False), MemoryFetchState()) as f:
        with pytest.raises(FetchFailed) as first:
            f.fetch(loopback.url("/later"))
        with pytest.raises(FetchFailed) as then:
            f.fetch(loopback.url("/other"))
    assert first.value.reason == "http 503"
    assert f"held {MAX_HOST_HOLD:.0f} s at most" in first.value.detail  # the URL's failure says why
    assert then.value.reason == "host busy"
    assert 0 < _held_seconds(then.value.detail) <= MAX_HOST_HOLD
    assert "days" in then.value.detail and not loopback.hits("/other")


def test_watch_records_the_capped_retry_after_on_the_source(loopback: LoopbackServer, settings: Settings,
                                                            tmp_path) -> None:
    loopback.add("/later", status=503, headers={"Retry-After": str(THIRTY_DAYS)})
    source = loopback.url("/later")
    settings = settings.replace(respect_robots=False, db=str(tmp_path / "n.db"), watch_interval=60.0)
    with open_store(settings.db) as store, Fetcher(settings, store) as fetcher:
        stages = Stages(settings=settings)
        assert poll(store, settings, source, stages, fetcher) == "fetch: http 503"
        assert poll(store, settings, source, stages, fetcher) == "fetch: host busy"
        status, fails, due = store.conn.execute(
            "SELECT last_status, fail_count, next_fetch_at FROM sources WHERE url = ?", (source,)).fetchone()
        details = dict(store.conn.execute("SELECT reason, detail FROM failures WHERE input = ?", (source,)))
    assert status == "fetch: host busy" and fails == 2
    # watch's own back-off (interval x 2^failures), not the server's thirty days
    assert datetime.fromisoformat(due) < datetime.now(UTC) + timedelta(hours=1)
    assert "Retry-After 2592000 s" in details["http 503"] and "held 3600 s at most" in details["http 503"]
    assert 0 < _held_seconds(details["host busy"]) <= MAX_HOST_HOLD
    assert len(loopback.hits("/later")) == 1
