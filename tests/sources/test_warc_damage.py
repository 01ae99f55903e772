"""One bad WARC record costs that record only: the pages after it are read, and it is stored
as a failure of its own, named by its record number, with its reason."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.errors import Rejected
from newsdesk.records import RawPage
from newsdesk.sources.files import read_files

from .warc_records import ARTICLE, response_record

HTTP = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + ARTICLE


def _raw(block: bytes, length: int, gz: bool) -> bytes:
    """A response record written by hand, so its Content-Length can lie."""
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/b\r\n"
              b"WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:b>\r\n"
              b"Content-Type: application/http; msgtype=response\r\n"
              b"Content-Length: %d\r\n\r\n" % length + block + b"\r\n\r\n")
    return gzip.compress(record) if gz else record


def _damaged(damage: str, gz: bool) -> bytes:
    good = response_record("https://news.example/b", gz=gz)
    if damage == "truncated":
        return good[: len(good) // 2]
    if damage == "flipped":  # bytes inside the record's header (or its gzip member) garbled
        return good[:60] + bytes(b ^ 0xFF for b in good[60:120]) + good[120:]
    if damage == "length too short":
        return _raw(HTTP, len(HTTP) - 300, gz)
    if damage == "length too long":
        return _raw(HTTP, len(HTTP) + 300, gz)
    assert damage == "not http"
    return _raw(b"this is no HTTP message\r\n\r\nbody", 33, gz)


REASONS = {"truncated": ("corrupt record", "bad record length"), "flipped": ("corrupt record",),
           "length too short": ("bad record length",), "length too long": ("bad record length",),
           "not http": ("not an http response",)}


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("damage", list(REASONS))
def test_a_bad_record_is_refused_alone_and_the_pages_after_it_are_read(tmp_path: Path, damage: str,
                                                                        gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(response_record("https://news.example/a", gz=gz) + _damaged(damage, gz)
                     + response_record("https://news.example/c", gz=gz))
    got = list(read_files([path], 10_000_000))
    pages = [i for i in got if isinstance(i, RawPage)]
    assert [p.url for p in pages] == ["https://news.example/a", "https://news.example/c"]
    assert all(p.body == ARTICLE for p in pages)  # c neither lost nor swallowed into b's body
    (failure,) = [i for i in got if isinstance(i, Rejected)]
    assert failure.reason in REASONS[damage]
    assert failure.origin == f"{path}#1"  # the record, not the whole file
    assert pages[1].origin == f"{path}#2"


def test_ingest_stores_the_bad_record_and_lists_it_with_its_reason(tmp_path: Path) -> None:
    from newsdesk.cli import main

    path = tmp_path / "crawl.warc"
    path.write_bytes(response_record("https://news.example/a", gz=False) + _damaged("length too long", False)
                     + response_record("https://news.example/c", gz=False) + _damaged("not http", False)
                     + response_record("https://news.example/d", gz=False))
    db = str(tmp_path / "n.db")
    result = CliRunner().invoke(main, ["ingest", "--db", db, "--json", str(path)], catch_exceptions=False)
    summary = json.loads(result.stdout)
    assert summary["failed"] == {"warc: bad record length": 1, "warc: not an http response": 1}
    listed = CliRunner().invoke(main, ["stats", "--db", db, "--failures"], catch_exceptions=False).stdout
    assert re.search(rf"{re.escape(str(path))}#1\b.*bad record length|bad record length.*{re.escape(str(path))}#1\b",
                     listed), listed
    assert f"{path}#3" in listed and "not an http response" in listed
