"""Content-Encoding decoding that never produces more than it is allowed to: the fetcher's
bodies (sources/fetch.py) and WARC records (sources/warc.py) are decoded here, step by step,
each step told how much room is left under the cap.
"""

from __future__ import annotations

import zlib
from typing import Any

import brotli

from newsdesk.errors import FetchFailed

ACCEPT_ENCODING = "gzip, deflate, br"  # exactly what BodyDecoder decodes


class BodyDecoder:
    """Content-Encoding decoding that never produces more than it is allowed to.

    httpx's own decoders inflate a whole network chunk at once, so 64 kB of brotli could
    become gigabytes before any size check ran; here each step is told how much room is left.
    """

    def __init__(self, content_encoding: str) -> None:
        names = [e.strip().lower() for e in content_encoding.split(",")]
        names = [n for n in names if n and n != "identity"]
        for name in names:
            if name not in ("gzip", "x-gzip", "deflate", "br"):
                raise FetchFailed("unsupported encoding", name)
        self.names = names
        # Encodings are listed in the order applied, so they are undone in reverse.
        self._steps: list[Any] = [self._make(n) for n in reversed(names)]

    @staticmethod
    def _make(name: str) -> Any:
        if name == "br":
            return brotli.Decompressor()
        if name == "deflate":
            return ["deflate", None]  # zlib-wrapped or raw: decided on the first bytes
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def decode(self, data: bytes, room: int) -> bytes:
        try:
            for i, step in enumerate(self._steps):
                if isinstance(step, list):
                    step = self._steps[i] = _open_deflate(data)
                if isinstance(step, brotli.Decompressor):
                    data = step.process(data, output_buffer_limit=room)
                else:
                    data = step.decompress(data, room)
        except (zlib.error, brotli.error) as exc:
            raise FetchFailed("bad encoding", f"{'+'.join(self.names)}: {exc}") from exc
        return data

    def flush(self) -> bytes:
        """What the decoders still hold once the input has ended (small: it was fed already)."""
        data = b""
        try:
            for step in self._steps:
                if isinstance(step, list):  # deflate that never received a byte
                    continue
                if isinstance(step, brotli.Decompressor):
                    data = step.process(data) if data else b""
                else:
                    data = (step.decompress(data) if data else b"") + step.flush()
        except (zlib.error, brotli.error) as exc:
            raise FetchFailed("bad encoding", f"{'+'.join(self.names)}: {exc}") from exc
        return data


def _open_deflate(first: bytes) -> Any:
    """HTTP "deflate" is meant to be zlib-wrapped; some servers send raw deflate."""
    probe = zlib.decompressobj()
    try:
        probe.decompress(first[:64])
        return zlib.decompressobj()
    except zlib.error:
        return zlib.decompressobj(-zlib.MAX_WBITS)
