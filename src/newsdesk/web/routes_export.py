"""Downloads: /api/export?format=jsonl&q=...&site=...&story=...&entity=..., the articles a search,
source, story or entity page shows, in each format `newsdesk export` writes: the desk runs that very
command (store/export.py and the GDELT writers, through store/desk_export.py's selection) and
streams what it prints, so the export is written once, for both.

Why a child process and not the writers in a desk thread: the first version did that, and on a
20,000-article store a Parquet download took a worker from 60 to 200 MB resident (pyarrow and its
pool stay), a GKG download to 660 MB (spaCy, parsing the articles with no stored mentions), kept
for the worker's life against the desk's 300 MB budget. The child's memory goes with it. Its output
is read a chunk at a time: a slow client leaves it waiting on a full pipe (never a whole file in
memory), a client that goes away ends it. The selection is checked before the response starts
(the same chosen_ids the command reads), so a bad format, filter or query is a 400 with the
reason and an unknown story or entity a 404. The command's first chunk is read before the headers
too: a command that fails at once (no database, a store it cannot read) is a 500, where the headers
sent first made it a 200 cut short; one failing later can only cut the connection.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from newsdesk.store.desk_export import chosen_ids
from newsdesk.store.export import FORMATS
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
# Downloads written at once per process, each a child process held as long as its client reads
# (a slow client holds one for long): more wait for a 503 rather than pile up.
MAX_DOWNLOADS = 4
_running = {"downloads": 0}
# A client that reads nothing for this long is taken for gone: its export is stopped.
STALL_SECONDS = 300.0
# `newsdesk export`'s option for each parameter of the selection
OPTIONS = {"query": "--query", "site": "--source", "language": "--language", "category": "--category",
           "author": "--author", "since": "--since", "until": "--until", "story": "--story", "entity": "--entity"}


def _asked(request: Request) -> tuple[str, dict[str, Any]]:
    """The format and the selection (select_articles' arguments) a request asks for; a 400 otherwise."""
    fmt = (request.query_params.get("format") or "jsonl").strip()
    if fmt not in FORMATS:
        raise HTTPError(400, f"parameter 'format' must be one of {', '.join(FORMATS)}, got {fmt[:40]!r}")
    ids = {name: int_param(request, name, 0, 1, 2**62) if request.query_params.get(name) else None
           for name in ("story", "entity")}
    query = (request.query_params.get("q") or "").strip() or None
    return fmt, {"query": query, "filters": filters_from(request), **ids}


def command(db_path: str, fmt: str, asked: dict[str, Any]) -> list[str]:
    """The `newsdesk export` command line writing this selection to its standard output."""
    given = {"query": asked["query"], **asked["filters"].as_dict(), "story": asked["story"], "entity": asked["entity"]}
    # --query=-iran: as two arguments, a value beginning with '-' would read as an option
    args = [f"{OPTIONS[name]}={value}" for name, value in given.items() if value is not None]
    return [sys.executable, "-m", "newsdesk", "export", "--db", db_path, "--format", fmt, "-o", "-", *args]


def file_name(fmt: str, asked: dict[str, Any]) -> str:
    """newsdesk-story-12.jsonl, newsdesk-entity-7.gdelt-events.tsv, newsdesk-export.csv: what it holds."""
    parts = [f"{k}-{asked[k]}" for k in ("story", "entity") if asked.get(k)]
    stem = "newsdesk-" + ("-".join(parts) or "export")
    return f"{stem}.{'gdelt-' if fmt.startswith('gdelt-') else ''}{KINDS[fmt][1]}"


async def export_api(request: Request) -> Response:
    fmt, asked = _asked(request)
    state = desk(request)
    # what the command will select, read here first: its 400s and 404s before the response starts
    ids, complete = await state.in_thread(lambda: chosen_ids(state.store(), **asked))
    headers = _headers(fmt, asked, len(ids), complete)
    if request.method == "HEAD":  # the headers a GET would answer, without writing the file
        return Response(status_code=200, media_type=KINDS[fmt][0], headers=headers)
    if _running["downloads"] >= MAX_DOWNLOADS:
        raise HTTPError(503, f"{MAX_DOWNLOADS} downloads are being written; try again in a minute", code="busy")
    _running["downloads"] += 1
    try:
        child = await asyncio.create_subprocess_exec(
            *command(state.db_path, fmt, asked), stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    except BaseException:
        _running["downloads"] -= 1
        raise
    export = Export(child)
    try:  # the first chunk before the headers: a command that fails at once is a 500, not a cut 200
        first = await export.first_chunk()
    except BaseException as failed:
        await export.end()
        if isinstance(failed, ExportFailed):
            raise HTTPError(500, "the export could not be written; the desk's log has the reason",
                            code="export_failed") from None
        raise
    return Download(export, first, media_type=KINDS[fmt][0], headers=headers)


class ExportFailed(RuntimeError):
    """`newsdesk export` ended with an error (its message is logged, not shown: it may hold paths)."""


class Export:
    """One running `newsdesk export`: its output a chunk at a time, its end (killed if still running)."""

    def __init__(self, child: asyncio.subprocess.Process) -> None:
        self.child, self.done = child, False
        self.errors = asyncio.ensure_future(child.stderr.read() if child.stderr else asyncio.sleep(0, b""))

    async def first_chunk(self) -> bytes:
        """The output's first chunk; b"" for an empty export; ExportFailed if it ended with nothing but an error."""
        assert self.child.stdout is not None
        chunk = await self.child.stdout.read(CHUNK)
        if not chunk:
            await self._ended_well()
        return chunk

    async def chunks(self, first: bytes) -> AsyncIterator[bytes]:
        assert self.child.stdout is not None
        if not first:  # first_chunk saw the end
            return
        yield first
        while chunk := await self.child.stdout.read(CHUNK):
            yield chunk
        await self._ended_well()  # raising here cuts the connection: a broken download, not a short file

    async def _ended_well(self) -> None:
        if await self.child.wait() != 0:
            message = (await self.errors or b"").decode("utf-8", "replace").strip()[-500:]
            log.error("export failed (exit %s): %s", self.child.returncode, message)
            raise ExportFailed(f"newsdesk export failed: {message}")

    async def end(self) -> None:
        if self.done:
            return
        self.done = True
        _running["downloads"] -= 1
        if self.child.returncode is None:
            self.child.kill()
            await self.child.wait()
        self.errors.cancel()


class Download(StreamingResponse):
    """The streamed file. However the response ends (sent, client gone, even before the first chunk,
    a client that stopped reading for STALL_SECONDS), its export ends with it."""

    def __init__(self, export: Export, first: bytes, **kwargs: Any) -> None:
        super().__init__(export.chunks(first), **kwargs)
        self.export = export

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def timed(message: Message) -> None:
            await asyncio.wait_for(send(message), STALL_SECONDS)

        try:
            await super().__call__(scope, receive, timed)
        except ExportFailed:
            # Logged once, with the child's message, where it was read (Export._ended_well). Returning
            # with the body unfinished makes the server cut the connection, as raising did, so a broken
            # file never looks whole; raised on, the failure was logged twice more, each time with its
            # traceback and the child's message (the app's unexpected-error handler, then uvicorn).
            pass
        finally:
            await self.export.end()


def _headers(fmt: str, asked: dict[str, Any], n: int, complete: bool) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{file_name(fmt, asked)}"',
            "X-Export-Articles": str(n), "X-Export-Complete": "true" if complete else "false",
            "Cache-Control": "no-store"}


ROUTES = [Route("/api/export", export_api, methods=["GET"])]
