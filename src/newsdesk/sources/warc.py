"""WARC and ARC files: each HTML response record becomes a RawPage.

Other records (requests, metadata, warcinfo, redirects, images) are skipped and counted.
A corrupt record ends the file, since a compressed stream cannot be resynchronised, but
every page before it is kept and the failure names the record number.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

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


def read_warc(path: Path, max_bytes: int) -> Iterator[RawPage | Rejected | Skipped]:
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    offset = 0
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh, arc2warc=True)
            for number, record in enumerate(records):
                # The record number, not its byte offset: asking warcio for the offset before the
                # payload is read consumes the payload.
                offset = number
                item = _record_to_page(record, f"{origin}#{number}", max_bytes)
                if item is not None:
                    yield item
    except Exception as exc:  # warcio raises many kinds on damage; all mean "corrupt from here on"
        yield Rejected("warc", "corrupt record", f"after record {offset}: {type(exc).__name__}: {str(exc)[:200]}",
                       origin=origin)
        return
    if damage := _gzip_damage(path):
        # warcio ends quietly at a truncated gzip member; the record that was cut off is lost.
        yield Rejected("warc", "corrupt record", damage, origin=origin)


def _gzip_damage(path: Path) -> str | None:
    """Why a gzipped file does not decompress to its end, or None when it does (or is not gzip)."""
    with path.open("rb") as raw:
        if raw.read(2) != b"\x1f\x8b":
            return None
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return f"gzip stream damaged: {exc}"
    return None


def _record_to_page(record, origin: str, max_bytes: int) -> RawPage | Rejected | Skipped | None:  # type: ignore[no-untyped-def]
    if record.rec_type != "response":
        return Skipped(origin, f"warc {record.rec_type} record")
    http = record.http_headers
    if http is None:
        return Skipped(origin, "warc response without HTTP headers")
    status = int(http.get_statuscode() or 0)
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
