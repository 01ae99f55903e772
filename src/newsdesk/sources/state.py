"""What the fetcher remembers between requests and runs.

`FetchState` is the interface; the SQLite store (`store.Store`) implements it for real runs
(validators and fetch log in tables, `known` = already stored, a stored page's validators from
the headers it was stored with), `MemoryFetchState` keeps it in memory for `newsdesk analyze`
and for tests. A saved file given as a source (`is_saved_file`) is read, never fetched: it has
no fetch state, and is listed as read, not as never fetched (store.source_list).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable


@runtime_checkable
class FetchState(Protocol):
    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) stored for `url`, for a conditional GET."""
        ...

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember validators; (None, None) forgets them, forcing a full fetch next time."""
        ...

    def known(self, url: str) -> bool:
        """True when `url` is already stored, so it need not be fetched again."""
        ...

    def page_validators(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) the stored copy of page `url` was served with, to ask for
        it again conditionally when its feed or sitemap says it changed; (None, None) if none."""
        ...

    def last_fetched(self, url: str) -> str | None:
        """When `url` last answered a fetch (ISO 8601 UTC), or None; a sitemap <lastmod> after it
        means the stored page changed since."""
        ...

    def log_fetch(self, url: str, status: int | None, nbytes: int, elapsed: float,
                  error: str | None) -> None:
        """Record one attempt (each redirect hop and robots.txt request too)."""
        ...


@dataclass(frozen=True)
class FetchLogEntry:
    url: str
    status: int | None
    nbytes: int
    elapsed: float
    error: str | None
    at: str = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0).isoformat())


@dataclass(frozen=True)
class NotModified:
    """A stored page asked for again answered 304: unchanged, and nothing to extract."""

    origin: str


def is_saved_file(source: str) -> bool:
    """A source that is a path, not a URL: read from disk, as `pipeline.iter_inputs` tells them apart."""
    return not source.startswith(("http://", "https://"))


def header_validators(headers: dict[str, str]) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) from a page's lower-cased response headers."""
    return headers.get("etag") or None, headers.get("last-modified") or None


@dataclass
class MemoryFetchState:
    """FetchState in memory. `mark_known` stands in for "stored" in tests and `analyze`."""

    etags: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    known_urls: set[str] = field(default_factory=set)
    page_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    log: list[FetchLogEntry] = field(default_factory=list)

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self.etags.get(url, (None, None))

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if etag is None and last_modified is None:
            self.etags.pop(url, None)
        else:
            self.etags[url] = (etag, last_modified)

    def known(self, url: str) -> bool:
        return url in self.known_urls

    def mark_known(self, url: str, headers: dict[str, str] | None = None) -> None:
        """`url` counts as stored from now on, with the response `headers` it was stored with."""
        self.known_urls.add(url)
        if headers:
            self.page_headers[url] = headers

    def page_validators(self, url: str) -> tuple[str | None, str | None]:
        return header_validators(self.page_headers.get(url, {}))

    def last_fetched(self, url: str) -> str | None:
        answered = [e.at for e in self.log if e.url == url and e.status is not None and 200 <= e.status < 400]
        return max(answered, default=None)

    def log_fetch(self, url: str, status: int | None, nbytes: int, elapsed: float,
                  error: str | None) -> None:
        self.log.append(FetchLogEntry(url, status, nbytes, elapsed, error))
