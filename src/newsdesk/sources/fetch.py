"""The polite, safe HTTP fetcher: one `Fetcher` per run.

For each hop of a request (the URL asked, then every redirect target, followed by hand):

1. safety: http(s) only; the host's addresses must be public unless `allow_private`
   (checked before connecting, and again by `safety.GuardedBackend` at connect time);
2. robots.txt of that origin (cached) must allow it, when `respect_robots`;
3. politeness: one request at a time per host, `request_delay` seconds (or the site's
   Crawl-delay, if longer) between the end of one request and the start of the next;
   a 429 or 503 is asked again (twice at most) once its Retry-After has passed, and the
   whole host waits that long (an hour at most: MAX_HOST_HOLD); a host that timed out (or stayed busy after the retries)
   three times in a row is skipped ("host timing out", "host busy") for ten minutes;
4. the request, bounded three ways: connect/read timeouts, a wall-clock deadline for the
   whole hop (a server trickling a byte a second never trips a read timeout), and
   `max_page_bytes` counted on the *decoded* body while it streams (a gzip or brotli
   bomb is stopped at the cap too: decoding here is bounded, see `BodyDecoder`).

Every attempt, refusals included, goes to `state.log_fetch`. Failures raise
`FetchRefused` (policy said no) or `FetchFailed` (network or server), with short
groupable reasons: "private address", "robots.txt disallows", "too large", "timeout",
"redirect loop", "too many redirects", "http 404", "connection failed", "dns failure".

Connections are not kept alive: with a one-second delay per host they would rarely be
reused, and a fresh connection per hop means every hop passes the connect-time check and
its socket is known to the deadline watchdog.

What lies under the hops: the guarded transport and the deadline watchdog are
sources/transport.py, the bounded Content-Encoding decoding sources/decoding.py.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import email.utils
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import httpx

from newsdesk.errors import FetchFailed, FetchRefused, Rejected
from newsdesk.settings import Settings
from newsdesk.sources import safety
from newsdesk.sources.decoding import ACCEPT_ENCODING, BodyDecoder
from newsdesk.sources.robots import MAX_ROBOTS_BYTES, RobotsCache
from newsdesk.sources.state import FetchState, MemoryFetchState
from newsdesk.sources.transport import Deadline, GuardedTransport, caused_by, lower_headers

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
# Answers that mean "come back later" (RFC 6585 section 4, RFC 9110 section 15.6.4).
RETRY_STATUSES = (429, 503)
# Tries after the first for one of those answers. A host still refusing after two is left for
# the next run (web.TRANSIENT keeps the item pending), so one busy host costs a run seconds.
MAX_RETRIES = 2
# The longest Retry-After waited out inside a run. A host asking for more is not waited for:
# the URL fails with its status, and the host is skipped ("host busy") until its Retry-After
# has passed, which `watch`, keeping one fetcher for days, lives to see.
MAX_RETRY_WAIT = 60.0
# The longest a Retry-After keeps a host off. A server asking for days (or sending an HTTP date
# years ahead, a misconfigured or hostile one) kept the host off for the life of a `watch`
# process; a polite crawler honours a Retry-After up to about an hour, then asks again, and a
# host still busy is held again or left to `watch`'s own back-off (interval x 2^failures).
MAX_HOST_HOLD = 3600.0
# Strikes in a row after which a host is skipped for HOST_PAUSE seconds; a strike is a timeout,
# or a URL still answered 429/503 after its retries. A slow-drip host costs a whole deadline
# (70 s at the defaults) per URL, and a busy one up to two Retry-After waits, so a feed of 200
# such items held a run for hours; three show the host is not just unlucky once.
MAX_HOST_STRIKES = 3
HOST_PAUSE = 600.0  # as long as an unreachable robots.txt keeps a host off (robots.py)
# Without a usable Retry-After: this many seconds times 2**attempt (1 s, then 2 s), or the
# host's delay times 2**attempt when that is longer.
RETRY_BACKOFF = 1.0


@dataclass(frozen=True)
class FetchResult:
    """One successful fetch. `body` is decoded (no Content-Encoding left); headers are lower-case."""

    url: str  # final URL, after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    elapsed: float  # seconds on the network, all hops
    not_modified: bool = False
    requested: str = ""  # the URL asked for
    redirects: tuple[str, ...] = field(default=())  # URLs that redirected, in order


def default_total_timeout(settings: Settings) -> float:
    """Wall-clock limit per hop: connecting, then twice the read timeout for everything else.

    At the defaults (10 s + 2 x 30 s) a 10 MB page still arrives at ~170 kB/s.
    """
    return settings.connect_timeout + 2 * settings.read_timeout


class Fetcher:
    """Polite, safe HTTP GETs. One per run; safe to share between threads."""

    def __init__(self, settings: Settings, state: FetchState | None = None, *,
                 total_timeout: float | None = None, allow_addresses: Iterable[str] = (),
                 ssl_context: ssl.SSLContext | None = None) -> None:
        """`total_timeout`: wall-clock seconds per hop (default: `default_total_timeout`).
        `allow_addresses`: addresses or networks ("10.1.0.0/16") fetched even though private,
        for a trusted intranet host without opening every private address.
        `ssl_context`: certificate trust other than the system's (a company CA; tests).
        """
        self.settings = settings
        self.state: FetchState = state if state is not None else MemoryFetchState()
        self.total_timeout = total_timeout or default_total_timeout(settings)
        self._local = threading.local()
        self._exempt = safety.exempt_networks(allow_addresses)
        backend = safety.GuardedBackend(settings.allow_private, self._on_connect, self._exempt)
        self._client = httpx.Client(
            transport=GuardedTransport(backend, ssl_context),
            timeout=httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                  write=settings.read_timeout, pool=settings.connect_timeout),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            follow_redirects=False, trust_env=False,
        )
        self.robots = RobotsCache(settings.user_agent, self._load_robots)
        self._hosts_lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._last_request: dict[str, float] = {}
        self._not_before: dict[str, float] = {}  # host -> monotonic time a Retry-After ends
        self._strikes: dict[str, int] = {}  # host -> timeouts or busy answers in a row
        self._paused: dict[str, tuple[float, str, str]] = {}  # host -> (monotonic end, kind, why)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public -------------------------------------------------------------------

    def fetch(self, url: str, *, conditional: bool = False,
              validators: tuple[str | None, str | None] | None = None) -> FetchResult:
        """GET `url`, following redirects; raise FetchRefused / FetchFailed.

        With `conditional`, send the validators stored for `url` (a feed, a sitemap) and return
        `not_modified=True` on 304; new validators are saved after a 200. `validators`: the
        (ETag, Last-Modified) to send instead, for a stored page, whose validators are kept
        with the page itself (its headers), so nothing is saved here.
        """
        headers: dict[str, str] = {}
        if validators is None and conditional:
            validators = self.state.validators(url)
        etag, last_modified = validators or (None, None)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result, tries, held = self._follow_retrying(url, headers)
        if result.status == 304 and (conditional or headers):
            return dataclasses.replace(result, not_modified=True)
        if not 200 <= result.status < 300:
            detail = result.url if tries == 1 else f"{result.url} (asked {tries} times)"
            raise FetchFailed(f"http {result.status}", f"{detail}; {held}" if held else detail)
        if conditional:
            etag, last_modified = result.headers.get("etag"), result.headers.get("last-modified")
            if etag or last_modified:
                self.state.save_validators(url, etag, last_modified)
        return result

    # -- hops -----------------------------------------------------------------------

    def _follow_retrying(self, url: str, headers: dict[str, str]) -> tuple[FetchResult, int, str]:
        """`_follow`, asked again after a 429 or 503 once the server's Retry-After (or our
        backoff) has passed; the wait holds the whole host, not only this URL. Also says how
        long a Retry-After too long to wait out holds the host ("" when none did)."""
        held = ""
        for attempt in range(MAX_RETRIES + 1):
            result = self._follow(url, headers, check_robots=self.settings.respect_robots,
                                  cap=self.settings.max_page_bytes)
            if result.status not in RETRY_STATUSES or attempt == MAX_RETRIES:
                break
            base = max(RETRY_BACKOFF, self.settings.request_delay) * 2 ** attempt
            wait = retry_wait(result.headers.get("retry-after"), base)
            if wait > MAX_RETRY_WAIT:
                held = held_for(wait)
                self._pause(_host(result.url), min(wait, MAX_HOST_HOLD), "busy", held)
                break
            self._hold_host(result.url, wait)
        if result.status in RETRY_STATUSES:
            self._strike(_host(result.url), "busy")
        return result, attempt + 1, held

    def _hold_host(self, url: str, seconds: float) -> None:
        host = _host(url)
        with self._hosts_lock:
            until = time.monotonic() + seconds
            self._not_before[host] = max(until, self._not_before.get(host, 0.0))

    def _follow(self, url: str, headers: dict[str, str], *, check_robots: bool, cap: int,
                truncate: bool = False) -> FetchResult:
        chain = [url]
        seen = {url, _normalised(url)}  # a loop back to the URL in either spelling is a loop
        elapsed = 0.0
        for _ in range(self.settings.max_redirects + 1):
            self._check(chain[-1], check_robots)
            result = self._request(chain[-1], headers, cap, truncate)
            elapsed += result.elapsed
            location = result.headers.get("location")
            if result.status not in REDIRECT_STATUSES or not location:
                return dataclasses.replace(result, elapsed=elapsed, requested=url, redirects=tuple(chain[:-1]))
            target = _absolute(chain[-1], location)
            if target in seen:
                raise FetchFailed("redirect loop", " -> ".join([*chain, target]))
            chain.append(target)
            seen.add(target)
        raise FetchFailed("too many redirects", f"more than {self.settings.max_redirects} from {url}")

    def _check(self, url: str, check_robots: bool) -> None:
        try:
            safety.check_url(url, self.settings.allow_private, self._exempt)
            if check_robots:
                rules = self.robots.rules_for(url)
                if rules.failure:  # RFC 9309: an unreachable robots.txt means "keep off for now"
                    raise FetchFailed(rules.failure, f"robots.txt of {url} could not be read; host skipped")
                if not rules.allowed(url):
                    raise FetchRefused("robots.txt disallows", url)
        except Rejected as exc:
            self.state.log_fetch(url, None, 0, 0.0, exc.reason)
            raise

    def _request(self, url: str, headers: dict[str, str], cap: int, truncate: bool = False) -> FetchResult:
        host = _host(url)
        self._refuse_paused(host, url)
        with self._host_slot(host, url):
            started = time.monotonic()
            try:
                result = self._send(url, headers, cap, truncate)
            except Rejected as exc:
                self.state.log_fetch(url, None, 0, time.monotonic() - started, exc.reason)
                if exc.reason == "timeout":
                    self._strike(host, "timing out")
                else:
                    self._clear(host)
                raise
            finally:
                self._last_request[host] = time.monotonic()
        if result.status not in RETRY_STATUSES:
            self._clear(host)
        self.state.log_fetch(url, result.status, len(result.body), result.elapsed, None)
        return result

    def _refuse_paused(self, host: str, url: str) -> None:
        """FetchFailed("host timing out" | "host busy") while `host` sits out a pause."""
        with self._hosts_lock:
            until, kind, why = self._paused.get(host, (0.0, "", ""))
            left = until - time.monotonic()
            if left <= 0:
                self._paused.pop(host, None)  # over (or none): the host gets another chance
                return
        self.state.log_fetch(url, None, 0, 0.0, f"host {kind}")
        raise FetchFailed(f"host {kind}", f"{url}: {host}: {why}; not asked again for {left:.0f} s")

    def _pause(self, host: str, seconds: float, kind: str, why: str) -> None:
        with self._hosts_lock:
            self._paused[host] = (time.monotonic() + seconds, kind, why)

    def _strike(self, host: str, kind: str) -> None:
        with self._hosts_lock:
            count = self._strikes.get(host, 0) + 1
            self._strikes[host] = count
        if count >= MAX_HOST_STRIKES:
            self._clear(host)
            self._pause(host, HOST_PAUSE, kind, f"{count} failures in a row")

    def _clear(self, host: str) -> None:
        with self._hosts_lock:
            self._strikes.pop(host, None)

    @contextlib.contextmanager
    def _host_slot(self, host: str, url: str) -> Iterator[None]:
        """Hold the host's lock and wait out its delay: one request at a time per host."""
        with self._hosts_lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            delay = max(self.settings.request_delay, self.robots.cached_delay(url) or 0.0)
            last = self._last_request.get(host)
            start = max(last + delay if last is not None else 0.0, self._not_before.get(host, 0.0))
            wait = start - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            yield

    def _send(self, url: str, headers: dict[str, str], cap: int, truncate: bool = False) -> FetchResult:
        deadline = Deadline(self.total_timeout)
        self._local.deadline = deadline
        started = time.monotonic()
        try:
            with deadline, self._client.stream("GET", url, headers=headers) as response:
                response_headers = lower_headers(response)
                status = response.status_code
                body = b""
                if 200 <= status < 300:
                    body = self._read_body(response, response_headers, deadline, cap, truncate)
        except httpx.TimeoutException as exc:
            raise FetchFailed("timeout", f"{url}: {type(exc).__name__}") from exc
        except httpx.TransportError as exc:
            if deadline.expired:
                raise FetchFailed("timeout", f"{url}: over {self.total_timeout:g} s in all") from exc
            if caused_by(exc, ssl.SSLError):
                raise FetchFailed("tls failure", f"{url}: {exc}") from exc
            raise FetchFailed("connection failed", f"{url}: {type(exc).__name__}: {exc}") from exc
        except httpx.HTTPError as exc:  # invalid URL and the like
            raise FetchRefused("bad url", f"{url}: {exc}") from exc
        finally:
            self._local.deadline = None
        return FetchResult(url=url, status=status, headers=response_headers, body=body,
                           elapsed=time.monotonic() - started)

    def _read_body(self, response: httpx.Response, headers: dict[str, str], deadline: Deadline,
                   cap: int, truncate: bool = False) -> bytes:
        """The decoded body; past `cap` bytes, refused ("too large"), or cut there if `truncate`."""
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap and not truncate:
            raise FetchRefused("too large", f"Content-Length {declared} over the {cap}-byte cap")
        decoder = BodyDecoder(headers.get("content-encoding", ""))
        parts: list[bytes] = []
        size = raw_size = 0
        for raw in response.iter_raw():
            if deadline.expired:
                raise FetchFailed("timeout", f"over {deadline.seconds:g} s in all")
            raw_size += len(raw)
            data = decoder.decode(raw, cap - size + 1)
            size += len(data)
            if (size > cap or raw_size > cap) and truncate:
                parts.append(data[: max(0, len(data) - (size - cap))])
                return b"".join(parts)
            if size > cap or raw_size > cap:
                raise FetchRefused("too large", f"more than the {cap}-byte cap")
            parts.append(data)
        if deadline.expired:  # a close-delimited body "ends" when the watchdog shuts the socket
            raise FetchFailed("timeout", f"over {deadline.seconds:g} s in all")
        tail = decoder.flush()
        if size + len(tail) > cap:
            raise FetchRefused("too large", f"more than the {cap}-byte cap")
        parts.append(tail)
        if decoder.names:  # the body is decoded now: the wire's encoding headers no longer apply
            headers.pop("content-encoding", None)
            headers.pop("content-length", None)
        return b"".join(parts)

    def _on_connect(self, sock: socket.socket | None) -> None:
        deadline = getattr(self._local, "deadline", None)
        if deadline is not None:
            deadline.add_socket(sock)

    def _load_robots(self, robots_url: str) -> tuple[int | None, str, str | None]:
        """robots.txt for the RobotsCache: (status, text, failure); status None when unreadable."""
        try:
            # RFC 9309: a file longer than the parsing limit is read up to the limit.
            result = self._follow(robots_url, {}, check_robots=False, cap=MAX_ROBOTS_BYTES, truncate=True)
        except Rejected as exc:
            # RFC 9309: redirects that lead nowhere mean "unavailable" (allow); network
            # failures mean "unreachable" (disallow for now).
            if exc.reason in ("redirect loop", "too many redirects", "unsupported scheme"):
                return 404, "", None
            return None, "", exc.reason
        failure = f"http {result.status}" if result.status >= 500 or result.status == 429 else None
        return result.status, result.body.decode("utf-8-sig", "replace"), failure


def _host(url: str) -> str:
    return (httpx.URL(url).host or "").lower()


def retry_wait(retry_after: str | None, backoff: float) -> float:
    """Seconds to wait before asking again: the Retry-After (delay-seconds or HTTP-date), else
    `backoff`."""
    value = (retry_after or "").strip()
    wait = backoff
    if value.isdigit():
        wait = float(value)
    elif value:
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            when = email.utils.parsedate_to_datetime(value)
            if when.tzinfo is None:  # RFC 9110's IMF-fixdate is always GMT
                when = when.replace(tzinfo=datetime.UTC)
            wait = max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())
    return wait


def held_for(wait: float) -> str:
    """Why a host is held: its Retry-After, and the cap when it asked for more than MAX_HOST_HOLD."""
    if wait <= MAX_HOST_HOLD:
        return f"Retry-After {wait:.0f} s"
    return f"Retry-After {wait:.0f} s ({wait / 86_400:.1f} days), held {MAX_HOST_HOLD:.0f} s at most"


def _normalised(url: str) -> str:
    try:
        return str(httpx.URL(url))
    except (httpx.InvalidURL, ValueError):
        return url


def _absolute(base: str, location: str) -> str:
    try:
        # urlsplit first: httpx joined "http://[bad" into a host "%5bbad" and looked it up in DNS.
        urllib.parse.urlsplit(location.strip())
        return str(httpx.URL(base).join(location.strip()))
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchFailed("bad redirect", f"{location!r}: {exc}") from exc
