"""Downloads: /api/export?format=jsonl&q=...&site=...&story=...&entity=..., the articles a search,
source, story or entity page shows, in each format `newsdesk export` writes (store/export.py and the
GDELT writers, through store/desk_export.py's selection: the export is written once, for both).

The writers write to a file. Here that file is a pipe: a thread of its own opens a read-only store
(the selection is a TEMP view on its connection, which must not be a handler thread's shared one),
selects the articles, and writes chunks into a small bounded queue that the response sends as they
come. A large selection is never held whole (at most QUEUED chunks of CHUNK bytes wait), and a
client that goes away stops the writer at its next chunk. The selection is made before the
response starts, so an unreadable query, a bad filter or an unknown story is a 400/404 with the reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import threading
from collections.abc import AsyncIterator
from concurrent.futures import TimeoutError as FutureTimeout
from typing import IO, Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from newsdesk.store import open_store
from newsdesk.store.desk_export import select_articles
from newsdesk.store.export import FORMATS, export
from newsdesk.web.listing import filters_from
from newsdesk.web.responses import HTTPError, int_param
from newsdesk.web.state import desk

log = logging.getLogger(__name__)

# (content type, file name ending) of each format. GDELT's own files are tab-separated, named .CSV.
KINDS = {"jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"), "csv": ("text/csv; charset=utf-8", "csv"),
         "parquet": ("application/vnd.apache.parquet", "parquet"),
         "gdelt-events": ("text/tab-separated-values; charset=utf-8", "events.tsv"),
         "gdelt-mentions": ("text/tab-separated-values; charset=utf-8", "mentions.tsv"),
         "gdelt-gkg": ("text/tab-separated-values; charset=utf-8", "gkg.tsv")}
CHUNK = 64 * 1024
QUEUED = 8  # chunks waiting to be sent: at most ~0.5 MB of a download in memory
# Downloads written at once per process, each a thread and a connection of its own, held as long as
# its client reads (a slow client holds one for long): more wait for a 503 rather than pile up.
MAX_DOWNLOADS = 4
_DOWNLOADS = threading.BoundedSemaphore(MAX_DOWNLOADS)
# A client that reads nothing for this long is taken for gone: its writer stops and frees its place.
STALL_SECONDS = 300.0
_END = b""


class Pipe(io.RawIOBase):
    """The file the export writes: each write is put on an asyncio queue of the event loop, waiting
    while the queue is full (the client reads slower than the store is read)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.loop, self.queue = loop, asyncio.Queue[Any](QUEUED)
        self.gone = threading.Event()  # the response stopped reading (client away, server stopping)
        self.written = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:  # pyarrow asks where it is; the pipe cannot seek
        return self.written

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.send(chunk)
        self.written += len(chunk)
        return len(chunk)

    def send(self, item: Any) -> None:
        """Queue an item for the response; BrokenPipeError once it stopped reading."""
        future = asyncio.run_coroutine_threadsafe(self.queue.put(item), self.loop)
        for _ in range(int(STALL_SECONDS / 0.5)):
            if self.gone.is_set():
                break
            try:
                future.result(timeout=0.5)
                return
            except FutureTimeout:
                continue
        future.cancel()
        raise BrokenPipeError("the download was closed, or its client stopped reading")


def _writer(pipe: Pipe, fmt: str) -> IO[Any]:
    """What store/export.export writes to: bytes for parquet, UTF-8 text for the others."""
    buffered = io.BufferedWriter(pipe, CHUNK)
    return buffered if fmt == "parquet" else io.TextIOWrapper(buffered, encoding="utf-8", newline="")


def _run(db_path: str, fmt: str, asked: dict[str, Any], pipe: Pipe) -> None:
    """The writer thread: select, say so (or why not), write, end. Every exit puts something on the
    queue, so the response never waits for nothing."""
    selected = False
    try:
        with _released(), open_store(db_path, readonly=True) as store:
            n, complete = select_articles(store, **asked)
            pipe.send(("selected", n, complete))
            selected = True
            out = _writer(pipe, fmt)
            export(store, fmt, out)
            out.flush()
        pipe.send(_END)
    except BrokenPipeError:
        return
    except Exception as exc:  # noqa: BLE001 - handed to the response: a 4xx before the selection, a cut stream after
        if selected:
            log.exception("export %s failed while streaming", fmt)
        with contextlib.suppress(BrokenPipeError):
            pipe.send(exc)


@contextlib.contextmanager
def _released() -> Any:
    """The download's place (_DOWNLOADS), given back however the writer ends."""
    try:
        yield
    finally:
        _DOWNLOADS.release()


async def _chunks(pipe: Pipe) -> AsyncIterator[bytes]:
    try:
        while (item := await pipe.queue.get()) != _END:
            if isinstance(item, Exception):  # the connection is cut: a client sees a broken download, not a short file
                raise item
            yield item
    finally:
        pipe.gone.set()


def _asked(request: Request) -> tuple[str, dict[str, Any]]:
    """The format and the selection (select_articles' arguments) a request asks for; a 400 otherwise."""
    fmt = (request.query_params.get("format") or "jsonl").strip()
    if fmt not in FORMATS:
        raise HTTPError(400, f"parameter 'format' must be one of {', '.join(FORMATS)}, got {fmt[:40]!r}")
    ids = {name: int_param(request, name, 0, 1, 2**62) if request.query_params.get(name) else None
           for name in ("story", "entity")}
    query = (request.query_params.get("q") or "").strip() or None
    return fmt, {"query": query, "filters": filters_from(request), **ids}


def file_name(fmt: str, asked: dict[str, Any]) -> str:
    """newsdesk-story-12.jsonl, newsdesk-entity-7.gdelt-events.tsv, newsdesk-export.csv: what it holds."""
    parts = [f"{k}-{asked[k]}" for k in ("story", "entity") if asked.get(k)]
    stem = "newsdesk-" + ("-".join(parts) or "export")
    return f"{stem}.{'gdelt-' if fmt.startswith('gdelt-') else ''}{KINDS[fmt][1]}"


async def export_api(request: Request) -> Response:
    fmt, asked = _asked(request)
    if not _DOWNLOADS.acquire(blocking=False):
        raise HTTPError(503, f"{MAX_DOWNLOADS} downloads are being written; try again in a minute", code="busy")
    pipe = Pipe(asyncio.get_running_loop())
    threading.Thread(target=_run, args=(desk(request).db_path, fmt, asked, pipe), daemon=True,
                     name="desk-export").start()
    first = await pipe.queue.get()
    if isinstance(first, Exception):
        pipe.gone.set()
        raise first  # QueryError: 400, NotFound: 404 (app.py), in the one error shape
    _, n, complete = first
    if request.method == "HEAD":  # the headers a GET would answer, without writing the file
        pipe.gone.set()
        return Response(status_code=200, media_type=KINDS[fmt][0], headers=_headers(fmt, asked, n, complete))
    return Download(pipe, _chunks(pipe), media_type=KINDS[fmt][0], headers=_headers(fmt, asked, n, complete))


class Download(StreamingResponse):
    """The streamed file; however the response ends (sent, client gone before its first chunk, server
    stopping), its writer is told to stop: the generator's own `finally` never runs if it never started."""

    def __init__(self, pipe: Pipe, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pipe = pipe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.pipe.gone.set()


def _headers(fmt: str, asked: dict[str, Any], n: int, complete: bool) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{file_name(fmt, asked)}"',
            "X-Export-Articles": str(n), "X-Export-Complete": "true" if complete else "false",
            "Cache-Control": "no-store"}


ROUTES = [Route("/api/export", export_api, methods=["GET"])]
