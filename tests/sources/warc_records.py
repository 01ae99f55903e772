"""WARC response records as the sources tests write them (warcio's writer, one gzip member each)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = (b"<html><head><title>A title</title></head><body><article><p>" + b"Words here. " * 50
           + b"</p></article></body></html>")


def response_record(url: str, body: bytes = ARTICLE, content_type: str = "text/html", gz: bool = True) -> bytes:
    """One WARC response record of `url` answering 200 with `body`."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()
