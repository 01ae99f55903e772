"""WARC and ARC files: each HTML response record becomes a RawPage.

Other records (requests, metadata, warcinfo, redirects, images) are skipped and counted.
A bad record (a corrupt header or gzip member, a record cut short, a Content-Length that
lies, a response that holds no HTTP message) is a failure of its own, named by its record
number: the reader then looks for the next record's start (the next gzip member that
inflates to "WARC/", or the next "WARC/1." line in a plain file) and goes on from there, so
one bad record never costs the pages after it. Plain bytes between the members of a gzipped
file are such a bad record (warcio would read five words on a line as an ARC record).
"""

from __future__ import annotations

import gzip
import mmap
import re
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from newsdesk.errors import Rejected
from newsdesk.extract.detect import is_web_link
from newsdesk.records import RawPage
from newsdesk.sources.decoding import BodyDecoder
from newsdesk.sources.files import Skipped

# Only HTML: text/plain responses in real crawls are robots.txt files, sitemaps and feeds
# errors, not pages (the UKWA and data.gov.uk samples hold nothing else as text/plain).
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Raw payload bytes read (and decoded) at a time.
CHUNK_BYTES = 64 * 1024
# Where a record may begin: a gzip member (per-record compression, as WARC writers do), or
# a version line in a plain file.
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = b"WARC/1."
_VERSION_LINE = re.compile(rb"WARC/1\.[01]\r?\n")

Item = RawPage | Rejected | Skipped


def read_warc(path: Path, max_bytes: int) -> Iterator[Item]:
    origin = str(path)
    reported = False
    first = 0  # number of the next record read
    start: int | None = 0
    with path.open("rb") as fh:
        gzipped = fh.read(2) == _GZIP_MAGIC[:2]  # gzip members (one a record, as WARC writers do), or plain
        while start is not None:
            fh.seek(start)
            start = None
            for number, item, resume in _records(fh, origin, max_bytes, first, gzipped):
                reported = reported or isinstance(item, Rejected)
                first, start = number + 1, resume
                yield item
    if not reported and gzipped and (damage := _gzip_damage(path)):
        # warcio ends quietly at a truncated gzip member; the record that was cut off is lost.
        yield Rejected("warc", "corrupt record", damage, origin=origin)


def _records(fh: IO[bytes], origin: str, max_bytes: int, number: int,
             gzipped: bool) -> Iterator[tuple[int, Item, int | None]]:
    """(record number, item, where to go on) for each record from `fh`'s position; the last
    triple after a bad record says where the next one begins (None: no other record follows)."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(fh, arc2warc=True)
    records.INC_RECORD = ""  # its "Content-Length is invalid" warning: err_count says it, not stderr
    while True:
        begin = records.offset  # where the record about to be read starts
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # warcio raises many kinds on damage
            yield number, _corrupt(origin, number, exc), _next_start(fh, begin, gzipped)
            return
        if gzipped and records.reader.decompressor is None:
            # Plain bytes between the gzip members of a .warc.gz are garbage, though warcio reads
            # a line of five words as an ARC record (and skipped it as a page without headers).
            item: Item = Rejected("warc", "corrupt record", "bytes outside any gzip member",
                                  origin=f"{origin}#{number}")
            yield number, item, _next_start(fh, begin, gzipped)
            return
        item, bad = _read_one(records, record, f"{origin}#{number}", max_bytes)
        yield number, item, (_next_start(fh, begin, gzipped) if bad else None)
        if bad:
            return
        number += 1


def _read_one(records: Any, record: Any, origin: str, max_bytes: int) -> tuple[Item, bool]:
    """The record's page (or skip, or refusal), and whether its bounds cannot be trusted."""
    errors = records.err_count
    try:
        item = _record_to_page(record, origin, max_bytes)
        records.read_to_end()
    except Exception as exc:  # damage inside the record: a gzip member broken halfway
        return _corrupt(origin, None, exc), True
    limit = getattr(record.raw_stream, "limit", 0)
    if records.err_count > errors or limit > 0:
        # Not followed by the blank lines that end a record, or shorter than it says: its
        # Content-Length lies, so its body is cut short or holds the next record's bytes.
        why = "the file ends first" if limit > 0 else "another record's bytes follow"
        return Rejected("warc", "bad record length", f"Content-Length {record.length}: {why}",
                        origin=origin), True
    return item, False


def _corrupt(origin: str, number: int | None, exc: Exception) -> Rejected:
    where = f"{origin}#{number}" if number is not None else origin
    return Rejected("warc", "corrupt record", f"{type(exc).__name__}: {str(exc)[:200]}", origin=where)


def _next_start(fh: IO[bytes], after: int, gzipped: bool) -> int | None:
    """Offset of the first record start past `after`, or None."""
    try:
        view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except ValueError:  # an empty file cannot be mapped
        return None
    with view:
        pos = after
        while (pos := view.find(_GZIP_MAGIC if gzipped else _WARC_LINE, pos + 1)) >= 0:
            if gzipped and _inflates_to_warc(view[pos:pos + 4096]):
                return pos
            # Not only after a newline: a record cut short leaves the next one mid-line.
            if not gzipped and _VERSION_LINE.match(view, pos):
                return pos
    return None


def _inflates_to_warc(head: bytes) -> bool:
    try:
        return zlib.decompressobj(31).decompress(head, 16).startswith(_WARC_LINE[:5])
    except zlib.error:
        return False


def _gzip_damage(path: Path) -> str | None:
    """Why a gzipped file does not decompress to its end, or None when it does."""
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return f"gzip stream damaged: {exc}"
    return None


def _record_to_page(record, origin: str, max_bytes: int) -> Item:  # type: ignore[no-untyped-def]
    if record.rec_type != "response":
        return Skipped(origin, f"warc {record.rec_type} record")
    http = record.http_headers
    if http is None:
        return Skipped(origin, "warc response without HTTP headers")
    code = http.get_statuscode() or "0"
    if not code.isdigit():  # warcio takes any first line for a status line
        return Rejected("warc", "not an http response", f"status line {http.statusline[:80]!r}", origin=origin)
    status = int(code)
    content_type = (http.get_header("Content-Type") or "").lower()
    if not 200 <= status < 300:
        return Skipped(origin, f"warc response http {status // 100}xx")
    if content_type and not content_type.startswith(HTML_TYPES):
        return Skipped(origin, "warc response not html")
    try:
        body = _payload(record, http, max_bytes)
    except Rejected as rej:
        return Rejected("warc", rej.reason, rej.detail, origin=origin)
    url = record.rec_headers.get_header("WARC-Target-URI")
    url = url if url and is_web_link(url) else None  # an archive's javascript: target is no page's URL
    headers = {k.lower(): v for k, v in http.headers}
    return RawPage(body=body, origin=origin, url=url, kind_hint="auto", headers=headers,
                   fetched_at=_iso(record.rec_headers.get_header("WARC-Date")), status=status)


def _payload(record, http, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    """The record's HTTP body, de-chunked and decoded, refused past `max_bytes` decoded bytes.

    Not warcio's `content_stream()`: it inflates a whole block at once (16 kB of brotli can be
    gigabytes), and with brotli 1.2 its br decoder fails on every record, which ended the
    file as "corrupt" and lost every page after it. The fetcher's decoder is bounded.
    """
    from warcio.bufferedreaders import ChunkedDataReader

    stream = record.raw_stream
    if (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        stream = ChunkedDataReader(stream)  # de-chunks only: no decompressor
    encoding = http.get_header("Content-Encoding") or ""
    try:
        decoder = BodyDecoder(encoding)
    except Rejected:  # an encoding we do not know: the bytes as they are, as warcio gave them
        decoder = BodyDecoder("")
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(CHUNK_BYTES):
        data = decoder.decode(chunk, max_bytes - size + 1)
        size += len(data)
        if size > max_bytes:
            raise Rejected("warc", "too large", f"more than {max_bytes} bytes")
        parts.append(data)
    tail = decoder.flush()
    if size + len(tail) > max_bytes:
        raise Rejected("warc", "too large", f"more than {max_bytes} bytes")
    return b"".join([*parts, tail])


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None
