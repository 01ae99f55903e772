"""`newsdesk watch` is as polite across sources and rounds as one ingest run is, and says when it polled."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from loopback import LoopbackServer
from newsdesk.cli import main
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.watch import watch


class _Stop(Exception):
    pass


EMPTY_FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'


def test_sources_on_one_host_share_robots_txt_and_the_request_delay(tmp_path) -> None:
    with LoopbackServer() as server:
        server.robots("User-agent: *\nDisallow: /private/\n")
        feeds = [f"/section{i}.xml" for i in range(3)]
        for path in feeds:
            server.add(path, EMPTY_FEED, content_type="application/rss+xml", etag='"v1"')
        settings = Settings(db=str(tmp_path / "n.db"), sources=tuple(server.url(p) for p in feeds),
                            allow_private=True, request_delay=0.5, watch_interval=0.01)
        rounds: list[float] = []
        with open_store(settings.db) as store:
            # Two rounds in one watch: the "sleep" between them is the test's, and ends the watch.
            # It outlasts watch_interval, so every source is due again in the second round.
            def sleep(_: float) -> None:
                time.sleep(0.05)
                rounds.append(1)
                if len(rounds) == 2:
                    raise _Stop
            with pytest.raises(_Stop):
                watch(store, settings, echo=lambda _: None, sleep=sleep)
        seen = list(server.requests)
    assert len(rounds) == 2
    assert [s.path for s in seen].count("/robots.txt") == 1, [s.path for s in seen]
    assert sum(1 for s in seen if s.path in feeds) == 6  # three feeds, two rounds
    gaps = [b.at - a.at for a, b in zip(seen, seen[1:], strict=False)]
    assert min(gaps) >= 0.45, gaps  # request_delay 0.5 s between any two requests to the host


def test_watch_prints_each_poll_time_in_utc_with_its_offset(tmp_path) -> None:
    # The CLI prints every time as ISO 8601 UTC with its offset (stats --failures, the stores'
    # times); watch printed a bare 14:05:09, read as local time by anyone not on UTC.
    with LoopbackServer() as server:
        server.robots("User-agent: *\nAllow: /\n")
        server.add("/quiet.xml", EMPTY_FEED, content_type="application/rss+xml")
        source = server.url("/quiet.xml")
        config = tmp_path / "newsdesk.toml"
        config.write_text(f'sources = ["{source}"]\n')
        before = datetime.now(UTC).replace(microsecond=0)
        result = CliRunner().invoke(main, ["--config", str(config), "watch", "--db", str(tmp_path / "n.db"),
                                           "--once", "--allow-private"], catch_exceptions=False)
        after = datetime.now(UTC)
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    stamp, rest = line.split(" ", 1)
    assert rest == f"{source}: ok"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", stamp), stamp
    assert before <= datetime.fromisoformat(stamp) <= after
