"""Garbage between the gzip members of a .warc.gz costs that garbage only, not the record after it.

warcio reads plain bytes after a gzip member as an uncompressed record: a line of five words is an
ARC header to it, so the garbage was skipped as "a response without HTTP headers", the next gzip
member was then read as plain text, failed, and was reported as the corrupt record: its page lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import Rejected
from newsdesk.records import RawPage
from newsdesk.sources.files import read_files

from .warc_records import ARTICLE, response_record

GARBAGE = {
    "five words and a length that fits": b"a b c d 3\nxyz\n",
    "an ARC-like line and more junk": b"a b c d 3\nxyz\nmore junk here\n",
    "an ARC-like line cut short": b"a b c d 3\nx",
    "text": b"garbage garbage garbage\r\n" * 20,
}


@pytest.mark.parametrize("garbage", list(GARBAGE.values()), ids=list(GARBAGE))
def test_garbage_between_gzip_members_is_one_failure_and_the_next_record_is_read(tmp_path: Path,
                                                                                 garbage: bytes) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(response_record("https://news.example/a") + garbage + response_record("https://news.example/b")
                     + response_record("https://news.example/c"))
    got = list(read_files([path], 10_000_000))
    pages = [i for i in got if isinstance(i, RawPage)]
    assert [p.url for p in pages] == [f"https://news.example/{x}" for x in "abc"]
    assert all(p.body == ARTICLE for p in pages)
    (failure,) = [i for i in got if isinstance(i, Rejected)]
    assert failure.reason == "corrupt record" and failure.origin == f"{path}#1"
    assert [p.origin for p in pages] == [f"{path}#{n}" for n in (0, 2, 3)]
    assert len(got) == 4  # the garbage is not also skipped as a page without headers
