"""A URL the user gave us: an article page, a feed, a sitemap (index), or a site's home page.

What it is is decided by the content, not the URL:

- a feed: each item link not yet stored is fetched; when an item's page cannot be
  fetched but the feed carries the whole article, the feed's copy is used instead;
  then each stored item whose <updated> is after our last fetch of it is fetched again;
- a sitemap or sitemap index: followed (indexes to `MAX_SITEMAP_DEPTH`), newest child
  sitemaps and newest URLs first (by <lastmod> or news:publication_date), and each page
  not yet stored is fetched; then each stored page whose <lastmod> is after our last
  fetch of it is fetched again;
- a page fetched again is asked for conditionally, with the ETag / Last-Modified its
  stored copy was served with: a 304 yields `NotModified` (counted unchanged, nothing
  extracted), a 200 a new version, stored as an update when its content changed;
- an HTML page at a site root ("/"): the feeds it declares are collected; if it declares
  none, the sitemaps its robots.txt names (when robots.txt is honoured); else the page itself;
- any other page: yielded as it is.

One run fetches at most `settings.max_feed_items` new pages per URL given. Feeds and
sitemaps are fetched conditionally; when a run leaves some of their items behind (budget
spent, or a failure worth retrying) their validators are forgotten, so the next run
reads them in full instead of being told "not modified" and missing those items.

Failures are yielded as `Rejected` objects, never raised: one bad item never stops a batch.
"""

from __future__ import annotations

import enum
import html as htmlmod
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from newsdesk.errors import FetchFailed, FetchRefused, Rejected
from newsdesk.extract.decode import decode_bytes, looks_binary
from newsdesk.extract.detect import sniff
from newsdesk.extract.meta_title import site_in_title
from newsdesk.records import RawPage
from newsdesk.settings import Settings
from newsdesk.sources.feed_records import Feed, FeedEntry
from newsdesk.sources.feeds import MAX_FEED_ENTRIES, discover_feeds, is_substantial, parse_feed
from newsdesk.sources.fetch import Fetcher, FetchResult
from newsdesk.sources.sitemaps import MAX_SITEMAP_ENTRIES, SitemapUrl, gunzip_bounded, parse_sitemap
from newsdesk.sources.state import FetchState, NotModified

# The sitemaps.org protocol forbids an index inside an index; the wild does not. Three
# levels covers the nesting seen in practice without letting a loop of indexes run on.
MAX_SITEMAP_DEPTH = 3
# Children read from one sitemap index per run, newest <lastmod> first (undated ones after,
# in index order).
MAX_CHILD_SITEMAPS = 50
# Child sitemaps fetched for one URL given, per run, at every depth together. Pages have their
# budget (max_feed_items) but sitemap files had none: an index of 50 indexes of 50 indexes,
# listing no page at all, had a run fetch 127,550 files from one host (22,229 in the first
# minute on loopback) and store a "too deep" failure for most. Twice one index's children.
MAX_SITEMAP_FILES = 2 * MAX_CHILD_SITEMAPS
# Feeds (or robots.txt sitemaps) taken from one home page: sites declare one main feed and a
# few section feeds, the first ones being the broadest.
MAX_SITE_FEEDS = 3
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
SNIFF_BYTES = 64 * 1024  # of a gzipped answer, inflated to tell a feed or sitemap
# Failures that may pass by themselves; an item lost to one of them is worth another try.
TRANSIENT = ("timeout", "host timing out", "host busy", "connection failed", "dns failure", "http 429")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


Outcome = RawPage | Rejected | NotModified


def collect_url(url: str, fetcher: Fetcher, state: FetchState, settings: Settings) -> Iterator[Outcome]:
    """Yield the pages `url` leads to, a Rejected for each thing that failed, and a NotModified for
    each stored page asked for again that had not changed."""
    yield from _Run(fetcher, state, settings.max_feed_items).collect(url)


@dataclass
class _Run:
    fetcher: Fetcher
    state: FetchState
    budget: int  # new pages still allowed this run
    seen: set[str] = field(default_factory=set)
    sitemap_files: int = 0  # child sitemaps fetched this run (MAX_SITEMAP_FILES)

    def collect(self, url: str) -> Iterator[Outcome]:
        self.seen.add(url)
        # A home page is fetched in full every time: its feeds change even when it does not.
        result = self._fetch(url, conditional=not _is_site_root(url))
        if isinstance(result, Rejected):
            yield result
            return
        if result.not_modified:
            return
        kind = _kind(result)
        if kind == "feed":
            yield from self._feed(url, result)
        elif kind == "sitemap":
            yield from self._sitemap(url, result, depth=0)
        elif kind == "html" and _is_site_root(result.url):
            yield from self._site(url, result)
        elif kind in ("html", "text"):
            yield _as_page(result, origin=url, source_url=None)
        else:
            yield Rejected("collect", "unsupported content", f"{url}: {kind}", origin=url)

    def _site(self, url: str, result: FetchResult) -> Iterator[Outcome]:
        """A home page: its declared feeds, else the sitemaps its robots.txt names, else itself."""
        feeds = _declared_feeds(result)
        for feed_url in feeds[:MAX_SITE_FEEDS]:
            yield from self._feed_url(feed_url)
        if feeds:
            return
        sitemaps = self.fetcher.robots.rules_for(result.url).sitemaps if self.fetcher.settings.respect_robots \
            else ()
        for sitemap_url in sitemaps[:MAX_SITE_FEEDS]:
            if sitemap_url in self.seen:
                continue
            self.seen.add(sitemap_url)
            fetched = self._fetch(sitemap_url, conditional=True)
            if isinstance(fetched, Rejected):
                yield fetched
            elif not fetched.not_modified:
                yield from self._sitemap(sitemap_url, fetched, depth=0)
        if not sitemaps:
            yield _as_page(result, origin=url, source_url=None)

    def _fetch(self, url: str, conditional: bool = False,
               validators: tuple[str | None, str | None] | None = None) -> FetchResult | Rejected:
        try:
            return self.fetcher.fetch(url, conditional=conditional, validators=validators)
        except Rejected as exc:
            return located(exc, url)
        except Exception as exc:  # a bug or a surprise in a library must not end the batch
            return internal_error("fetch", url, exc)

    def _feed_url(self, feed_url: str) -> Iterator[Outcome]:
        if feed_url in self.seen:
            return
        self.seen.add(feed_url)
        result = self._fetch(feed_url, conditional=True)
        if isinstance(result, Rejected):
            yield result
        elif not result.not_modified:
            yield from self._feed(feed_url, result)

    def _feed(self, feed_url: str, result: FetchResult) -> Iterator[Outcome]:
        try:
            feed = parse_feed(_inflate(result.body, "feed"), result.url)
        except Rejected as exc:
            yield located(exc, feed_url)
            return
        except Exception as exc:  # a parser's surprise on one feed must not end the batch
            yield internal_error("feed", feed_url, exc)
            return
        if feed.cut:
            yield too_many_entries(feed_url, "feed")
        complete = yield from self._feed_items(feed_url, feed)
        if not complete:
            self.state.save_validators(feed_url, None, None)

    def _feed_items(self, feed_url: str, feed: Feed) -> Generator[Outcome, None, bool]:
        """Yield a feed's new pages, then its updated ones; return False when some were left."""
        complete = True
        updated: list[str] = []  # stored items whose <updated> is after our fetch, taken after new ones
        for entry in feed.entries:
            if not entry.url:
                continue
            outcome = self._new_page(entry.url, feed_url, lastmod=entry.updated, updated=updated)
            if outcome is None:
                continue
            if outcome is _Budget.SPENT:
                return False
            if isinstance(outcome, Rejected):
                if is_substantial(entry.content_html):  # the feed carried the article itself
                    outcome = entry_page(entry, feed, origin=entry.url, source_url=feed_url,
                                         fetched_at=now_iso())
                elif _transient(outcome):
                    complete = False
            yield outcome
        return (yield from self._refetch(updated, feed_url)) and complete

    def _sitemap(self, url: str, result: FetchResult, depth: int) -> Generator[Outcome, None, bool]:
        complete = yield from self._sitemap_items(url, result, depth)
        if not complete:
            self.state.save_validators(url, None, None)
        return complete

    def _sitemap_items(self, url: str, result: FetchResult, depth: int) -> Generator[Outcome, None, bool]:
        """Yield a sitemap's pages; return False when some were left for a later run."""
        try:
            sitemap = parse_sitemap(result.body, result.url)
        except Rejected as exc:
            yield located(exc, url)
            return True
        except Exception as exc:  # a parser's surprise on one sitemap must not end the batch
            yield internal_error("sitemap", url, exc)
            return True
        if sitemap.cut:
            yield too_many_entries(url)
        if sitemap.is_index:
            # Newest first, as for pages: an index listing its files oldest first (Yoast's
            # post-sitemap1..N) spent the run's budget on its oldest articles.
            children = tuple(c.loc for c in sorted(sitemap.children, key=_newest_first))
            return (yield from self._sitemap_index(url, children, depth))
        complete = True
        updated: list[str] = []  # stored pages whose <lastmod> is after our fetch, taken after new ones
        for item in sorted(sitemap.urls, key=_newest_first):
            outcome = self._new_page(item.loc, url, lastmod=item.lastmod, updated=updated)
            if outcome is None:
                continue
            if outcome is _Budget.SPENT:
                return False
            if isinstance(outcome, Rejected) and _transient(outcome):
                complete = False
            yield outcome
        return (yield from self._refetch(updated, url)) and complete

    def _refetch(self, links: list[str], source_url: str) -> Generator[Outcome, None, bool]:
        """Fetch stored pages again, conditionally; return False when some were left for a later run."""
        complete = True
        for link in links:
            outcome = self._fetch_page(link, source_url, stored=True)
            if outcome is _Budget.SPENT:
                return False
            if isinstance(outcome, Rejected) and _transient(outcome):
                complete = False
            yield outcome
        return complete

    def _sitemap_index(self, url: str, children: tuple[str, ...],
                       depth: int) -> Generator[Outcome, None, bool]:
        if depth >= MAX_SITEMAP_DEPTH:
            yield Rejected("sitemap", "too deep", f"{url}: indexes nested more than {MAX_SITEMAP_DEPTH} deep",
                           origin=url)
            return True
        complete = True
        for child in children[:MAX_CHILD_SITEMAPS]:
            if child in self.seen:
                continue
            if self.budget <= 0:
                return False
            if self.sitemap_files >= MAX_SITEMAP_FILES:
                yield from self._too_many_sitemaps(url)
                return False
            self.sitemap_files += 1
            self.seen.add(child)
            result = self._fetch(child, conditional=True)
            if isinstance(result, Rejected):
                complete = complete and not _transient(result)
                yield result
            elif not result.not_modified:
                # A child left unfinished keeps the index unfinished too: were the index
                # "not modified" next run, that child would never be read again.
                complete = (yield from self._sitemap(child, result, depth + 1)) and complete
        return complete

    def _too_many_sitemaps(self, url: str) -> Iterator[Rejected]:
        """Said once per run: every open index up the chain stops at the same limit."""
        if self.sitemap_files == MAX_SITEMAP_FILES:
            self.sitemap_files += 1
            yield Rejected("sitemap", "too many sitemaps",
                           f"{url}: more than {MAX_SITEMAP_FILES} sitemap files in one run; the rest is left",
                           origin=url)

    def _new_page(self, link: str, source_url: str, *, lastmod: str | None = None,
                  updated: list[str] | None = None) -> Outcome | _Budget | None:
        """Fetch one listed page: None when already seen or stored, _Budget.SPENT when spent.

        A stored page whose `lastmod` (sitemap <lastmod>, feed <updated>) is after our last
        fetch of it goes on `updated` instead, for the caller to re-fetch once the new pages
        have had the budget: a sitemap stamping every URL with its build time would otherwise
        spend every run on pages we have."""
        if link in self.seen:
            return None
        self.seen.add(link)
        if self.state.known(link):
            if updated is not None and changed_since(lastmod, self.state.last_fetched(link)):
                updated.append(link)
            return None
        return self._fetch_page(link, source_url)

    def _fetch_page(self, link: str, source_url: str, stored: bool = False) -> Outcome | _Budget:
        """One page; a `stored` one is asked for with its stored copy's validators."""
        if self.budget <= 0:
            return _Budget.SPENT
        self.budget -= 1
        result = self._fetch(link, validators=self.state.page_validators(link) if stored else None)
        if isinstance(result, Rejected):
            return result
        if result.not_modified:
            return NotModified(link)
        return _as_page(result, origin=link, source_url=source_url)


def changed_since(lastmod: str | None, fetched_at: str | None) -> bool:
    """Whether a sitemap `<lastmod>` says the page changed after we fetched it at `fetched_at`.

    False when either is missing or unreadable, and for a lastmod more than a day ahead of our
    clock (a site's bad clock or template would have every run fetch the page again). A bare
    date is midnight UTC, so a page fetched later that day is not fetched again for it."""
    changed, fetched = _utc(lastmod), _utc(fetched_at)
    if changed is None or fetched is None:
        return False
    return fetched < changed <= datetime.now(UTC) + timedelta(days=1)


def _utc(when: str | None) -> datetime | None:
    try:
        value = datetime.fromisoformat((when or "").strip())
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class _Budget(enum.Enum):
    SPENT = "no new pages left for this run"


def _transient(exc: Rejected) -> bool:
    return isinstance(exc, FetchFailed) and (exc.reason in TRANSIENT or exc.reason.startswith("http 5"))


def too_many_entries(origin: str, stage: str = "sitemap") -> Rejected:
    """Said of a sitemap (or feed) past its entry limit, whose first entries are still read."""
    limit = MAX_SITEMAP_ENTRIES if stage == "sitemap" else MAX_FEED_ENTRIES
    return Rejected(stage, "too many entries", f"{origin}: more than {limit:,}; only the first {limit:,} are read",
                    origin=origin)


def internal_error(stage: str, url: str, exc: Exception) -> Rejected:
    return Rejected(stage, f"internal error: {type(exc).__name__}", f"{url}: {exc}", origin=url)


def located(exc: Rejected, url: str) -> Rejected:
    """The same refusal with `url` at the head of its detail.

    A feed yields failures for its items, not for the URL the user gave, so each failure
    must name the URL it is about or the failures table could not say which item failed.
    """
    if exc.detail.startswith(url):
        exc.origin = exc.origin or url
        return exc
    detail = f"{url}: {exc.detail}" if exc.detail else url
    new = type(exc)(exc.reason, detail) if isinstance(exc, FetchRefused | FetchFailed) \
        else Rejected(exc.stage, exc.reason, detail)
    # The input refused is the URL: without an origin the failures table stored the whole
    # message as its input ("https://x/feed: x: [Errno -2] ...", shown twice by stats --failures).
    new.origin = exc.origin or url
    new.__cause__ = exc.__cause__
    return new


def _newest_first(item: SitemapUrl) -> tuple[bool, float]:
    """Sort key: dated URLs newest first, undated ones after them in sitemap order."""
    date = item.newest_date
    if not date:
        return (True, 0.0)
    try:
        when = datetime.fromisoformat(date)
    except ValueError:
        return (True, 0.0)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (False, -when.timestamp())


def _is_site_root(url: str) -> bool:
    try:
        return urlsplit(url).path in ("", "/")
    except ValueError:  # "http://[bad": the fetcher refuses it as a bad url
        return False


def _inflate(body: bytes, stage: str) -> bytes:
    """A feed or sitemap served as a .gz file (not Content-Encoding) arrives still gzipped."""
    return gunzip_bounded(body, stage=stage) if body[:2] == b"\x1f\x8b" else body


def _kind(result: FetchResult) -> str:
    kind = sniff(result.body)
    if kind == "gzip":
        # Its head is enough to say what it is. Inflated whole here (up to 50 MB, then again by
        # the parser), a .xml.gz bomb was refused as "unsupported content: gzip"; now the parser
        # inflates it once and says "too large".
        try:
            inner = sniff(zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(result.body[:SNIFF_BYTES], SNIFF_BYTES))
        except zlib.error:
            return kind
        if inner in ("feed", "sitemap"):
            return inner
    return kind


def _declared_feeds(result: FetchResult) -> list[str]:
    try:
        return discover_feeds(decode_bytes(result.body, result.headers.get("content-type")), result.url)
    except Exception:  # undecodable or unparsable: a home page without feeds, yielded as a page
        return []


def _as_page(result: FetchResult, origin: str, source_url: str | None) -> RawPage | Rejected:
    """The fetched page, unless it is something else (PDF, image, archive, a feed...).

    Content decides first: HTML is taken whatever the server calls it. Text is taken when
    the server calls it text (or nothing) and it does not look binary.
    """
    kind = sniff(result.body)
    content_type = result.headers.get("content-type", "").split(";")[0].strip().lower()
    textual = not content_type or content_type in PAGE_TYPES or content_type.startswith("text/")
    if kind == "html" or (kind == "text" and textual and not looks_binary(result.body)):
        return _page(result, origin, source_url)
    # origin: the failures table shows the URL as the input, not "URL: text/html" (its detail)
    return Rejected("collect", "not a page", f"{origin}: {content_type or kind}", origin=origin)


def _page(result: FetchResult, origin: str, source_url: str | None) -> RawPage:
    return RawPage(body=result.body, origin=origin, url=result.url, headers=dict(result.headers),
                   fetched_at=now_iso(), source_url=source_url, status=result.status)


# --- pages made from feed entries ---------------------------------------------------------


def entry_html(entry: FeedEntry, feed: Feed) -> str:
    """A minimal page carrying an entry's content and metadata where the HTML extractor looks."""
    esc = htmlmod.escape
    head = ['<meta charset="utf-8">']
    if entry.title:
        head.append(f"<title>{esc(entry.title)}</title>")
        head.append(f'<meta property="og:title" content="{esc(entry.title)}">')
    # The feed's title names the site ("Global Voices Online » Feature"): its entries' pages state no other.
    if site := site_in_title(feed.title, feed.link or entry.url, whole=True):
        head.append(f'<meta property="og:site_name" content="{esc(site)}">')
    if entry.url:
        head.append(f'<link rel="canonical" href="{esc(entry.url)}">')
        head.append(f'<meta property="og:url" content="{esc(entry.url)}">')
    if entry.published:
        head.append(f'<meta property="article:published_time" content="{esc(entry.published)}">')
    if entry.updated and entry.updated != entry.published:
        head.append(f'<meta property="article:modified_time" content="{esc(entry.updated)}">')
    head += [f'<meta name="author" content="{esc(a)}">' for a in entry.authors]
    head += [f'<meta property="article:section" content="{esc(c)}">' for c in entry.categories]
    lang = f' lang="{esc(feed.language)}"' if feed.language else ""
    title = f"<h1>{esc(entry.title)}</h1>" if entry.title else ""
    return (f"<!DOCTYPE html><html{lang}><head>{''.join(head)}</head>"
            f"<body><article>{title}{entry.content_html}</article></body></html>")


def entry_page(entry: FeedEntry, feed: Feed, *, origin: str, source_url: str | None,
               fetched_at: str | None = None) -> RawPage:
    return RawPage(body=entry_html(entry, feed).encode("utf-8"), origin=origin, url=entry.url,
                   kind_hint="html", headers={"content-type": "text/html; charset=utf-8"},
                   fetched_at=fetched_at, source_url=source_url)


def entries_to_pages(feed: Feed, origin: str) -> list[RawPage]:
    """Pages for the entries of a saved feed that carry whole articles.

    Entries with only a teaser are skipped: `len(feed.entries) - len(result)` of them.
    Each page's origin is `origin#item<N>` (1-based), so a failure points at its entry.
    """
    return [entry_page(entry, feed, origin=f"{origin}#item{i}", source_url=origin)
            for i, entry in enumerate(feed.entries, start=1) if is_substantial(entry.content_html)]
