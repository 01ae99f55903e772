"""The fetcher against a real loopback server: politeness, caps, timeouts, redirects, encodings."""

from __future__ import annotations

import gzip
import socket
import time
import zlib

import brotli
import pytest

from loopback import LoopbackServer
from newsdesk.errors import FetchFailed, FetchRefused
from newsdesk.settings import Settings
from newsdesk.sources.fetch import Fetcher
from newsdesk.sources.state import MemoryFetchState

PAGE = "<html><head><title>Hello</title></head><body><p>Hello, world.</p></body></html>"


def fetcher_for(settings: Settings, **kwargs: object) -> Fetcher:
    return Fetcher(settings, MemoryFetchState(), **kwargs)  # type: ignore[arg-type]


def test_plain_fetch(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.add("/a", PAGE, headers={"X-Thing": "1"})
    with fetcher_for(settings) as f:
        result = f.fetch(loopback.url("/a"))
    assert result.status == 200 and result.body == PAGE.encode()
    assert result.headers["x-thing"] == "1" and result.headers["content-type"].startswith("text/html")
    assert result.url == result.requested == loopback.url("/a") and not result.not_modified
    seen = loopback.hits("/a")[0]
    assert seen.headers["user-agent"] == settings.user_agent
    assert set(seen.headers["accept-encoding"].replace(" ", "").split(",")) == {"gzip", "deflate", "br"}
    assert [(e.status, e.error) for e in f.state.log] == [(404, None), (200, None)]  # robots, page


def test_http_error_and_closed_port(loopback: LoopbackServer, settings: Settings) -> None:
    with fetcher_for(settings) as f:
        with pytest.raises(FetchFailed) as info:
            f.fetch(loopback.url("/missing"))
        assert info.value.reason == "http 404"
        with socket.socket() as s:  # a port nobody listens on
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with pytest.raises(FetchFailed) as info:
            f.fetch(f"http://127.0.0.1:{port}/")
        assert info.value.reason == "connection failed"  # robots.txt could not be read: same cause


def test_redirects_followed_and_logged(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.redirect("/old", "/mid", status=301)
    loopback.redirect("/mid", loopback.url("/new"))
    loopback.add("/new", PAGE)
    with fetcher_for(settings.replace(respect_robots=False)) as f:
        result = f.fetch(loopback.url("/old"))
        assert result.url == loopback.url("/new") and result.body == PAGE.encode()
        assert result.redirects == (loopback.url("/old"), loopback.url("/mid"))
        assert [e.status for e in f.state.log] == [301, 302, 200]


def test_redirect_loop_named(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.redirect("/a", "/b")
    loopback.redirect("/b", "/a")
    with fetcher_for(settings) as f, pytest.raises(FetchFailed) as info:
        f.fetch(loopback.url("/a"))
    assert info.value.reason == "redirect loop"
    assert len(loopback.hits("/a")) == 1 and len(loopback.hits("/b")) == 1


def test_too_many_redirects(loopback: LoopbackServer, settings: Settings) -> None:
    for i in range(10):
        loopback.redirect(f"/r{i}", f"/r{i + 1}")
    with fetcher_for(settings.replace(max_redirects=3)) as f, pytest.raises(FetchFailed) as info:
        f.fetch(loopback.url("/r0"))
    assert info.value.reason == "too many redirects"
    assert not loopback.hits("/r4")  # three redirects followed, the fourth refused


def test_redirect_to_private_address_refused(loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the test server's own address is exempt; redirects elsewhere private are refused unsent."""
    real_connect = socket.create_connection
    attempted: list[object] = []

    def only_our_server(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        attempted.append(address)
        assert address[0] == "127.0.0.1", f"connection attempted to {address}"
        return real_connect(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", only_our_server)
    loopback.redirect("/to-ten", "http://10.0.0.1/admin")
    loopback.redirect("/to-loop2", f"http://127.0.0.2:{loopback.port}/x")
    loopback.redirect("/to-meta", "http://169.254.169.254/latest/meta-data/")
    loopback.redirect("/to-file", "file:///etc/passwd")
    settings = Settings().replace(request_delay=0.0, respect_robots=False)  # allow_private stays off
    with fetcher_for(settings, allow_addresses=["127.0.0.1"]) as f:
        for path, reason in [("/to-ten", "private address"), ("/to-loop2", "private address"),
                             ("/to-meta", "private address"), ("/to-file", "unsupported scheme")]:
            with pytest.raises(FetchRefused) as info:
                f.fetch(loopback.url(path))
            assert info.value.reason == reason, path
    assert all(a[0] == "127.0.0.1" for a in attempted) and len(attempted) == 4


def test_host_that_never_answers_times_out(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.never_answer("/hang")
    with fetcher_for(settings.replace(read_timeout=0.5, respect_robots=False)) as f:
        started = time.monotonic()
        with pytest.raises(FetchFailed) as info:
            f.fetch(loopback.url("/hang"))
    assert info.value.reason == "timeout"
    assert time.monotonic() - started < 3


def test_trickling_server_hits_the_total_deadline(loopback: LoopbackServer, settings: Settings) -> None:
    """One byte every 0.1 s never trips a 2 s read timeout; the wall-clock deadline stops it."""
    loopback.trickle("/slow", every=0.1)
    with fetcher_for(settings.replace(respect_robots=False), total_timeout=1.0) as f:
        started = time.monotonic()
        with pytest.raises(FetchFailed) as info:
            f.fetch(loopback.url("/slow"))
    assert info.value.reason == "timeout"
    assert 0.9 < time.monotonic() - started < 3
    assert loopback.sent("/slow") >= 3  # it really was trickling when we hung up


@pytest.mark.parametrize("content_length", [True, False])
def test_hundred_megabytes_refused_at_the_cap(loopback: LoopbackServer, settings: Settings,
                                              content_length: bool) -> None:
    loopback.stream("/huge", 100_000_000, content_length=content_length)
    cap = 1_000_000
    with fetcher_for(settings.replace(max_page_bytes=cap, respect_robots=False)) as f:
        started = time.monotonic()
        with pytest.raises(FetchRefused) as info:
            f.fetch(loopback.url("/huge"))
    assert info.value.reason == "too large"
    assert time.monotonic() - started < 5
    time.sleep(0.2)  # let the server notice the closed socket
    # We read at most the cap; what the server got out is that plus socket buffers, far from 100 MB.
    assert loopback.sent("/huge") < 20_000_000


def test_robots_txt_disallow(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.robots("User-agent: *\nDisallow: /private/\n\nUser-agent: newsdesk\nDisallow: /mine/\n"
                    "Allow: /mine/open$\n")
    for path in ("/private/a", "/mine/a", "/mine/open", "/ok"):
        loopback.add(path, PAGE)
    with fetcher_for(settings) as f:
        # Our own group applies, not "*": /private/ is open to us, /mine/ is not, except /mine/open.
        assert f.fetch(loopback.url("/private/a")).status == 200
        assert f.fetch(loopback.url("/mine/open")).status == 200
        with pytest.raises(FetchRefused) as info:
            f.fetch(loopback.url("/mine/a"))
        assert info.value.reason == "robots.txt disallows"
        assert f.fetch(loopback.url("/ok")).status == 200
        assert not loopback.hits("/mine/a")
        assert len(loopback.hits("/robots.txt")) == 1  # cached per origin
        assert f.state.log[-2].error == "robots.txt disallows"  # type: ignore[attr-defined]


def test_robots_ignored_when_told(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.robots("User-agent: *\nDisallow: /\n")
    loopback.add("/a", PAGE)
    with fetcher_for(settings.replace(respect_robots=False)) as f:
        assert f.fetch(loopback.url("/a")).status == 200
    assert not loopback.hits("/robots.txt")


def test_unreachable_robots_txt_disallows(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.add("/robots.txt", "oops", status=503)
    loopback.add("/a", PAGE)
    with fetcher_for(settings) as f, pytest.raises(FetchFailed) as info:
        f.fetch(loopback.url("/a"))
    assert info.value.reason == "http 503" and "robots.txt" in info.value.detail
    assert not loopback.hits("/a")


def test_per_host_delay_honoured(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.add("/one", PAGE)
    loopback.add("/two", PAGE)
    with fetcher_for(settings.replace(request_delay=0.4)) as f:
        f.fetch(loopback.url("/one"))
        f.fetch(loopback.url("/two"))
    times = [s.at for s in loopback.requests]  # robots.txt, /one, /two
    assert [s.path for s in loopback.requests] == ["/robots.txt", "/one", "/two"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(gap >= 0.39 for gap in gaps), gaps


def test_delay_not_applied_across_hosts(loopback: LoopbackServer, settings: Settings) -> None:
    """"localhost" and "127.0.0.1" are different host names: no waiting between them."""
    loopback.add("/one", PAGE)
    with fetcher_for(settings.replace(request_delay=2.0, respect_robots=False)) as f:
        started = time.monotonic()
        f.fetch(loopback.url("/one"))
        f.fetch(f"http://localhost:{loopback.port}/one")
    assert time.monotonic() - started < 1.5


def test_conditional_get_etag(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.add("/feed", "<rss/>", content_type="application/rss+xml", etag='"v1"')
    with fetcher_for(settings) as f:
        first = f.fetch(loopback.url("/feed"), conditional=True)
        assert first.status == 200 and not first.not_modified
        assert f.state.validators(loopback.url("/feed")) == ('"v1"', None)
        second = f.fetch(loopback.url("/feed"), conditional=True)
        assert second.not_modified and second.status == 304 and second.body == b""
        assert loopback.hits("/feed")[1].headers["if-none-match"] == '"v1"'
        plain = f.fetch(loopback.url("/feed"))  # not conditional: full body again
        assert plain.body == b"<rss/>"
        assert "if-none-match" not in loopback.hits("/feed")[2].headers


def test_conditional_get_last_modified(loopback: LoopbackServer, settings: Settings) -> None:
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    loopback.add("/feed", "<rss/>", last_modified=stamp)
    with fetcher_for(settings) as f:
        f.fetch(loopback.url("/feed"), conditional=True)
        assert f.fetch(loopback.url("/feed"), conditional=True).not_modified
    assert loopback.hits("/feed")[1].headers["if-modified-since"] == stamp


@pytest.mark.parametrize("encoding, pack", [
    ("gzip", gzip.compress),
    ("br", brotli.compress),
    ("deflate", zlib.compress),
    ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send
    ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
])
def test_compressed_bodies_decoded(loopback: LoopbackServer, settings: Settings, encoding: str, pack) -> None:
    body = (PAGE * 200).encode()
    loopback.add("/z", pack(body), headers={"Content-Encoding": encoding})
    with fetcher_for(settings.replace(respect_robots=False)) as f:
        result = f.fetch(loopback.url("/z"))
    assert result.body == body
    assert "content-encoding" not in result.headers


@pytest.mark.parametrize("encoding, pack", [("br", lambda b: brotli.compress(b, quality=1)),
                                            ("gzip", lambda b: gzip.compress(b, 1))])
def test_compression_bomb_stopped_at_cap(loopback: LoopbackServer, settings: Settings, encoding: str,
                                         pack) -> None:
    bomb = pack(b"\0" * 50_000_000)
    assert len(bomb) < 250_000  # a small download that inflates 200-fold and more
    loopback.add("/bomb", bomb, headers={"Content-Encoding": encoding})
    small_cap = settings.replace(respect_robots=False, max_page_bytes=1_000_000)
    with fetcher_for(small_cap) as f, pytest.raises(FetchRefused) as info:
        f.fetch(loopback.url("/bomb"))
    assert info.value.reason == "too large"


def test_corrupt_encoding_named(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.add("/bad", b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
    with fetcher_for(settings.replace(respect_robots=False)) as f, pytest.raises(FetchFailed) as info:
        f.fetch(loopback.url("/bad"))
    assert info.value.reason == "bad encoding"


def test_redirect_to_itself_is_a_loop(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.redirect("/self", "/self")
    asked = loopback.url("/self").replace("http://", "HTTP://")  # the same URL, spelt differently
    with fetcher_for(settings.replace(respect_robots=False)) as f, pytest.raises(FetchFailed) as info:
        f.fetch(asked)
    assert info.value.reason == "redirect loop" and len(loopback.hits("/self")) == 1


def test_robots_txt_with_byte_order_mark(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.add("/robots.txt", "\ufeffUser-agent: *\nDisallow: /x\n".encode(), content_type="text/plain")
    with fetcher_for(settings) as f, pytest.raises(FetchRefused) as info:
        f.fetch(loopback.url("/x"))
    assert info.value.reason == "robots.txt disallows"


def test_crawl_delay_from_robots_txt(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.robots("User-agent: *\nCrawl-delay: 0.5\n")
    loopback.add("/one", PAGE)
    loopback.add("/two", PAGE)
    with fetcher_for(settings) as f:  # request_delay is 0: the site's own delay applies
        f.fetch(loopback.url("/one"))
        f.fetch(loopback.url("/two"))
    one, two = loopback.hits("/one")[0].at, loopback.hits("/two")[0].at
    assert two - one >= 0.49


def test_one_request_at_a_time_per_host_across_threads(loopback: LoopbackServer, settings: Settings) -> None:
    import threading

    for i in range(4):
        loopback.add(f"/p{i}", PAGE)
    with fetcher_for(settings.replace(request_delay=0.2, respect_robots=False)) as f:
        threads = [threading.Thread(target=f.fetch, args=(loopback.url(f"/p{i}"),)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    times = sorted(s.at for s in loopback.requests)
    assert len(times) == 4
    assert all(b - a >= 0.19 for a, b in zip(times, times[1:], strict=False)), times


def test_headers_trickled_forever_hit_the_deadline(loopback: LoopbackServer, settings: Settings) -> None:
    """Slow headers keep httpx inside one call; the watchdog must still cut it off."""
    def slow_headers(h) -> None:  # type: ignore[no-untyped-def]
        h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        h.wfile.flush()
        while not loopback.stopping.wait(0.1):
            h.wfile.write(b"z")
            h.wfile.flush()

    loopback.handle("/slow-headers", slow_headers)
    with fetcher_for(settings.replace(respect_robots=False), total_timeout=1.0) as f:
        started = time.monotonic()
        with pytest.raises(FetchFailed) as info:
            f.fetch(loopback.url("/slow-headers"))
    assert info.value.reason == "timeout" and time.monotonic() - started < 3


def test_huge_robots_txt_read_up_to_the_limit(loopback: LoopbackServer, settings: Settings) -> None:
    """RFC 9309: a robots.txt past the parsing limit is read up to it, not ignored."""
    padding = "# " + "x" * 1000 + "\n"
    loopback.robots("User-agent: *\nDisallow: /no/\n" + padding * 2000)  # ~2 MB
    loopback.add("/no/x", PAGE)
    with fetcher_for(settings) as f, pytest.raises(FetchRefused) as info:
        f.fetch(loopback.url("/no/x"))
    assert info.value.reason == "robots.txt disallows"


def test_tls_spoken_to_a_plain_server_is_a_tls_failure(loopback: LoopbackServer, settings: Settings) -> None:
    loopback.add("/a", PAGE)
    with fetcher_for(settings.replace(respect_robots=False)) as f, pytest.raises(FetchFailed) as info:
        f.fetch(loopback.url("/a").replace("http://", "https://"))
    assert info.value.reason == "tls failure"


def _busy_then_ok(loopback: LoopbackServer, path: str, status: int, retry_after: str | None, busy: int) -> None:
    """`path` answers `status` (with `retry_after`) `busy` times, then serves PAGE."""
    def run(h) -> None:  # type: ignore[no-untyped-def]
        if len(loopback.hits(path)) <= busy:
            h.send_response(status)
            if retry_after is not None:
                h.send_header("Retry-After", retry_after)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(PAGE)))
        h.end_headers()
        h.wfile.write(PAGE.encode())
    loopback.handle(path, run)


def test_503_with_retry_after_is_asked_again_after_the_wait(loopback: LoopbackServer, settings: Settings) -> None:
    _busy_then_ok(loopback, "/busy", 503, "1", busy=1)
    with fetcher_for(settings.replace(respect_robots=False)) as f:
        result = f.fetch(loopback.url("/busy"))
    assert result.status == 200 and result.body == PAGE.encode()
    first, second = loopback.hits("/busy")
    assert second.at - first.at >= 0.95  # the server's Retry-After, though request_delay is 0
    assert [e.status for e in f.state.log] == [503, 200]


def test_429_without_retry_after_backs_off_then_gives_up(loopback: LoopbackServer, settings: Settings) -> None:
    _busy_then_ok(loopback, "/limited", 429, "0", busy=99)
    _busy_then_ok(loopback, "/date", 429, "Wed, 21 Oct 2015 07:28:00 GMT", busy=1)  # a date in the past
    with fetcher_for(settings.replace(respect_robots=False)) as f:
        with pytest.raises(FetchFailed) as info:
            f.fetch(loopback.url("/limited"))
        assert f.fetch(loopback.url("/date")).status == 200
    assert info.value.reason == "http 429" and "asked 3 times" in info.value.detail
    assert len(loopback.hits("/limited")) == 3 and len(loopback.hits("/date")) == 2


def test_retry_after_too_long_is_not_waited_for_and_keeps_us_off_the_host(loopback: LoopbackServer,
                                                                         settings: Settings) -> None:
    _busy_then_ok(loopback, "/later", 503, "3600", busy=1)
    loopback.add("/other", PAGE)
    with fetcher_for(settings.replace(respect_robots=False)) as f:
        with pytest.raises(FetchFailed) as info:
            f.fetch(loopback.url("/later"))
        assert info.value.reason == "http 503" and len(loopback.hits("/later")) == 1
        with pytest.raises(FetchFailed) as info:  # the host asked for an hour's peace: it gets it
            f.fetch(loopback.url("/other"))
        assert info.value.reason == "host busy" and "Retry-After 3600 s" in info.value.detail
        assert f.fetch(f"http://localhost:{loopback.port}/other").status == 200  # other hosts go on
    # Only the request by the other host name reached the server.
    assert [seen.headers.get("host") for seen in loopback.hits("/other")] == [f"localhost:{loopback.port}"]


def test_retry_wait_reads_both_forms() -> None:
    from newsdesk.sources.fetch import MAX_RETRY_WAIT, retry_wait

    assert retry_wait("7", 1.0) == 7.0 and retry_wait(None, 2.0) == 2.0 and retry_wait("soon", 4.0) == 4.0
    assert retry_wait(str(int(MAX_RETRY_WAIT) + 1), 1.0) == MAX_RETRY_WAIT + 1
    assert retry_wait("Wed, 21 Oct 2015 07:28:00 GMT", 1.0) == 0.0
    assert retry_wait("Fri, 31 Dec 9999 23:59:59 GMT", 1.0) > MAX_RETRY_WAIT


def test_a_host_timing_out_three_times_in_a_row_is_skipped(loopback: LoopbackServer, settings: Settings) -> None:
    """A feed of slow-drip items cost a whole deadline each; after three, the host is left alone."""
    for i in range(5):
        loopback.trickle(f"/slow{i}", every=0.1)
    loopback.add("/fine", PAGE)
    failures = []
    with fetcher_for(settings.replace(respect_robots=False), total_timeout=0.5) as f:
        assert f.fetch(f"http://localhost:{loopback.port}/fine").status == 200  # another host name
        for i in range(5):
            with pytest.raises(FetchFailed) as info:
                f.fetch(loopback.url(f"/slow{i}"))
            failures.append(info.value.reason)
        assert f.fetch(f"http://localhost:{loopback.port}/fine").status == 200  # other hosts go on
    assert failures == ["timeout"] * 3 + ["host timing out"] * 2
    assert not loopback.hits("/slow3") and not loopback.hits("/slow4")


def test_a_host_still_busy_after_its_retries_three_times_is_skipped(loopback: LoopbackServer,
                                                                    settings: Settings) -> None:
    for i in range(5):
        _busy_then_ok(loopback, f"/busy{i}", 503, "0", busy=99)
    reasons = []
    with fetcher_for(settings.replace(respect_robots=False)) as f:
        for i in range(5):
            with pytest.raises(FetchFailed) as info:
                f.fetch(loopback.url(f"/busy{i}"))
            reasons.append(info.value.reason)
    assert reasons == ["http 503"] * 3 + ["host busy"] * 2
    assert [len(loopback.hits(f"/busy{i}")) for i in range(5)] == [3, 3, 3, 0, 0]


def test_unparsable_redirect_target_is_a_bad_redirect_not_a_dns_lookup(loopback: LoopbackServer,
                                                                     settings: Settings) -> None:
    """httpx joined "http://[bad" into the host "%5bbad", which went to DNS ("dns failure", a
    transient reason: the item was tried again every run)."""
    loopback.redirect("/to-bad", "http://[bad/x")
    with fetcher_for(settings) as f, pytest.raises(FetchFailed) as info:
        f.fetch(loopback.url("/to-bad"))
    assert info.value.reason == "bad redirect"
    assert [e.url for e in f.state.log] == [loopback.url("/robots.txt"), loopback.url("/to-bad")]
