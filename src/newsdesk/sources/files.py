"""Local inputs: files and whole folders (recursive).

HTML pages (.html/.htm, gzipped too), WARC/ARC files, plain-text scrapes (.txt), and RSS/Atom
feeds or sitemaps saved as XML. A file named on the command line is read whatever its name and
judged by its content; in a folder walk, only files whose names look like pages or archives
are read (a corpus folder also holds READMEs, licences and manifests, which are not news).
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import FetchRefused, Rejected
from newsdesk.extract.detect import sniff
from newsdesk.records import RawPage

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".xml", ".rss", ".atom",
                 ".warc", ".arc")


@dataclass(frozen=True)
class Skipped:
    """An input deliberately not read, with why (counted in the summary, not a failure)."""

    origin: str
    reason: str
    count: int = 1


@dataclass(frozen=True)
class FoundLinks:
    """Article URLs listed by a saved feed or sitemap, for the fetcher when links are followed."""

    origin: str
    urls: tuple[str, ...]


Item = RawPage | Rejected | Skipped | FoundLinks


def walk(paths: list[Path]) -> Iterator[tuple[Path, bool]]:
    """Yield (file, named_by_user) for files and, recursively in name order, folders."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child, False
        else:
            yield path, True


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(PAGE_SUFFIXES)


def read_capped(path: Path, max_bytes: int) -> bytes:
    """Read a file, gunzipping it, refusing more than max_bytes (before or after decompression)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise Rejected("read", "too large", f"{size} bytes > {max_bytes}")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b" and not _is_warc_name(path):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise Rejected("read", "corrupt gzip", str(exc)) from exc
        if len(data) > max_bytes:
            raise Rejected("read", "too large", f"more than {max_bytes} bytes after decompression")
    return data


# "scheme:" at the head of an input that is no file: a URL we do not fetch (file:, ftp:, data:,
# javascript:...). Two letters at least, so a Windows drive ("C:") is still a path.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def _missing(origin: str) -> Rejected:
    """No such file, or a URL with a scheme other than http(s): refused by name, not "no such file"."""
    m = _SCHEME.match(origin)
    if m is None:
        return Rejected("read", "no such file", origin=origin)
    scheme = m.group(0)[:-1].lower()
    hint = "give the path itself" if scheme == "file" else "only http and https URLs are fetched"
    if scheme in ("http", "https"):
        hint = "write the scheme in lower case"
    rej = FetchRefused("unsupported scheme", f"{scheme}: {hint}")
    rej.origin = origin
    return rej


def _is_warc_name(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc.gz", ".arc.gz", ".warc", ".arc"))


def read_files(paths: list[Path], max_bytes: int, kind_hint: str = "auto") -> Iterator[Item]:
    """Every page, feed item, link list, skip and failure found under `paths`, in order."""
    for path, named in walk(paths):
        origin = str(path)
        if not path.exists():
            yield _missing(origin)
            continue
        if not named and not _wanted(path):
            yield Skipped(origin, "not a page, feed or archive file")
            continue
        try:
            if _is_warc_name(path) or _starts_like_warc(path):
                from newsdesk.sources.warc import read_warc

                yield from read_warc(path, max_bytes)
                continue
            data = read_capped(path, max_bytes)
        except Rejected as rej:
            yield _with_input(rej, origin)
            continue
        except OSError as exc:
            yield Rejected("read", "unreadable file", str(exc), origin=origin)
            continue
        try:
            yield from _document(data, origin, kind_hint)
        except Rejected as rej:
            yield _with_input(rej, origin)
        except Exception as exc:  # a parser's bug on one file must not end the batch
            yield Rejected("read", f"internal error: {type(exc).__name__}", str(exc), origin=origin)


def _starts_like_warc(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(31).decompress(head)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _with_input(rej: Rejected, origin: str) -> Rejected:
    rej.origin = rej.origin or origin
    return rej


def _document(data: bytes, origin: str, kind_hint: str) -> Iterator[Item]:
    kind = sniff(data) if kind_hint == "auto" else kind_hint
    if kind == "feed":
        yield from _saved_feed(data, origin)
    elif kind == "sitemap":
        yield from _saved_sitemap(data, origin)
    else:
        yield RawPage(body=data, origin=origin, kind_hint=kind if kind in ("html", "text") else "auto")


def _saved_feed(data: bytes, origin: str) -> Iterator[Item]:
    from newsdesk.sources.feeds import parse_feed
    from newsdesk.sources.web import entries_to_pages

    try:
        feed = parse_feed(data, None)
    except Rejected as rej:
        yield _with_input(rej, origin)
        return
    if feed.cut:
        from newsdesk.sources.web import too_many_entries

        yield too_many_entries(origin, "feed")
    pages = entries_to_pages(feed, origin)
    with_content = {p.url for p in pages}
    yield from pages
    links = tuple(e.url for e in feed.entries if e.url and e.url not in with_content)
    if links:
        yield FoundLinks(origin, links)
    elif not pages:  # said, so the file given does not vanish from the summary
        yield Skipped(origin, "feed lists no pages")


def _saved_sitemap(data: bytes, origin: str) -> Iterator[Item]:
    from newsdesk.sources.sitemaps import parse_sitemap

    try:
        sitemap = parse_sitemap(data, None)
    except Rejected as rej:
        yield _with_input(rej, origin)
        return
    if sitemap.cut:
        from newsdesk.sources.web import too_many_entries

        yield too_many_entries(origin)
    urls = tuple(u.loc for u in sitemap.urls) + tuple(sitemap.sitemaps)
    yield FoundLinks(origin, urls) if urls else Skipped(origin, "sitemap lists no pages")
