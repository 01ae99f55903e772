"""robots.txt, read the way RFC 9309 says, cached per origin.

Why not urllib.robotparser: it takes the first matching rule instead of the longest, and
knows neither `*` nor `$` in paths, so common files ("Disallow: /*?replytocom=",
"Allow: /news/$") are misread. The rules here:

- the group whose user-agent names our product token (case-insensitive) wins, else `*`;
  several groups for the same agent are merged;
- the longest matching pattern decides; on a tie, Allow wins; no match allows;
- /robots.txt itself is always allowed;
- robots.txt missing (4xx) allows everything; unreachable (5xx, network failure)
  disallows everything for now (RFC 9309 section 2.3.1.3/4). A 429 counts as unreachable,
  not missing: a server rate-limiting its robots.txt is asking us to wait, not to crawl
  everything (Google's crawler reads it so too).
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

# robots.txt is re-read after a day, as RFC 9309 section 2.4 suggests, so `watch` sees changes.
CACHE_SECONDS = 24 * 3600
# RFC 9309 asks parsers to read at least 500 KiB; more is not worth reading.
MAX_ROBOTS_BYTES = 512 * 1024
# An unreachable robots.txt blocks its host only this long before we ask again.
UNREACHABLE_RETRY_SECONDS = 600.0
# A Crawl-delay above this is treated as this, so one host's file cannot stall a run for hours.
MAX_CRAWL_DELAY = 30.0


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[tuple[bool, str]] = field(default_factory=list)  # (allow, pattern)
    crawl_delay: float | None = None


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one robots.txt that apply to us."""

    rules: tuple[tuple[bool, str], ...] = ()
    crawl_delay: float | None = None
    disallow_all: bool = False  # robots.txt unreachable
    failure: str | None = None  # why it was unreachable: "timeout", "connection failed", "http 503"
    sitemaps: tuple[str, ...] = ()  # "Sitemap:" lines, which belong to no group

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if parts.path == "/robots.txt":
            return True
        if self.disallow_all:
            return False
        best_len, best_allow = -1, True
        path = unquote(path)
        for allow, pattern in self.rules:
            if rule_matches(pattern, path) and (len(pattern) > best_len or (len(pattern) == best_len and allow)):
                best_len, best_allow = len(pattern), allow
        return best_allow


def rule_matches(pattern: str, path: str) -> bool:
    """Whether `path` (percent-decoded) matches `pattern`, `*` and a final `$` as RFC 9309 says.

    Matched piece by piece, each `*` taking the leftmost place where the next piece fits (which
    is enough when `*` is the only wildcard), in time linear in the path per piece. Not a
    regex: "/*a*a*a*b" as ".*a.*a.*a.*b" backtracks, and against a 2,000-character path of
    a's (the same host's sitemap can list one) one check ran for minutes, holding the run.
    """
    pieces, anchored = _pieces(pattern)
    head, *rest = pieces
    if not path.startswith(head):
        return False
    if not rest:
        return not anchored or len(path) == len(head)
    pos = len(head)
    *middle, last = rest
    for piece in middle:
        found = path.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    if anchored:
        return len(path) - len(last) >= pos and path.endswith(last)
    return path.find(last, pos) >= 0


@functools.lru_cache(maxsize=4096)  # bounded: `watch` meets many hosts over days
def _pieces(pattern: str) -> tuple[tuple[str, ...], bool]:
    """The pattern's literal pieces between `*`s, percent-decoded, and whether it ends in `$`."""
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    return tuple(unquote(body).split("*")), anchored


def _sitemap_lines(text: str) -> tuple[str, ...]:
    found = []
    for raw in text.splitlines():
        key, _, value = raw.split("#", 1)[0].partition(":")
        if key.strip().lower() == "sitemap" and value.strip().startswith(("http://", "https://")):
            found.append(value.strip())
    return tuple(dict.fromkeys(found))


def _parse_groups(text: str) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    last_was_agent = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (s.strip() for s in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if current is None or not last_was_agent:
                current = _Group()
                groups.append(current)
            current.agents.append(value.lower())
            last_was_agent = True
            continue
        last_was_agent = False
        if current is None:
            continue
        if key in ("allow", "disallow") and value:
            current.rules.append((key == "allow", value))
        elif key == "crawl-delay":
            with contextlib.suppress(ValueError):
                delay = float(value)
                if math.isfinite(delay) and delay >= 0:
                    current.crawl_delay = delay
    return groups


def parse_robots(text: str, product: str) -> RobotsRules:
    """The rules for `product` (our user-agent's product token, e.g. "newsdesk")."""
    groups = _parse_groups(text)
    product = product.lower()
    mine = [g for g in groups if product in g.agents]
    if not mine:
        mine = [g for g in groups if "*" in g.agents]
    rules = tuple(rule for g in mine for rule in g.rules)
    delays = [g.crawl_delay for g in mine if g.crawl_delay is not None]
    return RobotsRules(rules, min(max(delays), MAX_CRAWL_DELAY) if delays else None,
                       sitemaps=_sitemap_lines(text))


def product_token(user_agent: str) -> str:
    """"newsdesk/0.1 (+https://...)" -> "newsdesk"."""
    return re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0] or user_agent


# What the fetcher hands us: robots.txt URL -> (status, text, failure reason); status None
# when the file could not be read at all.
RobotsLoader = Callable[[str], tuple[int | None, str, str | None]]


class RobotsCache:
    """robots.txt per origin (scheme, host, port), loaded on first use and kept a day.

    Not locked: two threads may load the same file once each, which is harmless.
    """

    def __init__(self, user_agent: str, load: RobotsLoader) -> None:
        self._product = product_token(user_agent)
        self._load = load
        self._cache: dict[str, tuple[float, RobotsRules]] = {}  # origin -> (expires, rules)

    def rules_for(self, url: str) -> RobotsRules:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        hit = self._cache.get(origin)
        if hit and time.monotonic() < hit[0]:
            return hit[1]
        status, text, failure = self._load(origin + "/robots.txt")
        if status is None or status >= 500 or status == 429:
            rules = RobotsRules(disallow_all=True, failure=failure or f"http {status}")
        elif status >= 400:
            rules = RobotsRules()
        else:
            rules = parse_robots(text, self._product)
        ttl = UNREACHABLE_RETRY_SECONDS if rules.disallow_all else CACHE_SECONDS
        self._cache[origin] = (time.monotonic() + ttl, rules)
        return rules

    def allowed(self, url: str) -> bool:
        return self.rules_for(url).allowed(url)

    def cached_delay(self, url: str) -> float | None:
        """The Crawl-delay of `url`'s origin if its robots.txt is already loaded (never loads)."""
        parts = urlsplit(url)
        hit = self._cache.get(f"{parts.scheme}://{parts.netloc.lower()}")
        return hit[1].crawl_delay if hit else None
