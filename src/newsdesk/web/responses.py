"""One way to answer: HTML through a template, JSON with one error shape.

Every error, HTML or JSON, carries the same three facts: status, a short code and a message
that says what to do. JSON errors look like
`{"error": {"status": 404, "code": "not_found", "message": "..."}}`.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from newsdesk.errors import QueryError
from newsdesk.store.desk import read_date
from newsdesk.web.state import desk

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         422: "invalid_query", 500: "internal_error"}


# orjson writes what json.dumps(ensure_ascii=False, separators=(",", ":"), default=str) writes for the
# desk's answers (str, int, float, bool, None, lists, dicts with str keys) at about a tenth of the
# cost: json.dumps was ~0.3 ms of a cold /api/search answer (cProfile, 100k-article bench store).
# Dates and dataclasses pass through to `default=str`, as with json.dumps.
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS


def dumps(content: Any) -> bytes:
    """Compact UTF-8 JSON; json.dumps for what orjson refuses (integers beyond 64 bits, non-str keys)."""
    try:
        return orjson.dumps(content, default=str, option=_ORJSON_OPTIONS)
    except TypeError:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


class HTTPError(Exception):
    """Raised by handlers; app.py turns it into an HTML page or a JSON error."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.code = code or CODES.get(status, "error")


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_payload(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.endswith(".atom"):  # a feed reader shows text, not a page
        return PlainTextResponse(f"{status} {code.replace('_', ' ')}: {message}\n", status_code=status)
    if wants_json(request):
        return JSONResponse(error_payload(status, code, message), status_code=status)
    return page(request, "error.html", {"status": status, "code": code, "message": message,
                                        "title": f"{status}: {code.replace('_', ' ')}"}, status=status)


def page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    state = desk(request)
    context = {"request": request, "writes_enabled": state.writes_enabled, **context}
    body = state.env.get_template(template).render(context)
    return HTMLResponse(body, status_code=status)


def int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise HTTPError(400, f"parameter {name!r} must be a whole number, got {raw[:40]!r}") from None
    return max(lo, min(hi, value))




def page_param(request: Request, most: int, why: str = "") -> int:
    """?page=, 1 to `most` (1 when absent); any other number is a 400 saying so. int_param's clamp
    answered another page than the one asked for: /api/search?page=51 answered page 50, with its
    own previous link to page 49. A page past the last one within `most` is an empty page (each
    list says the list ends before it, and the search gives its true total)."""
    raw = request.query_params.get("page")
    if raw in (None, ""):
        return 1
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= most:
        raise HTTPError(400, f"parameter 'page' must be a whole number from 1 to {most}{why}, got {raw[:40]!r}")
    return value


def day_param(request: Request, name: str) -> str | None:
    """?since=/?until= as a calendar day, YYYY-MM-DD (None when absent); a day that does not exist
    (2026-11-31) is a 400, not a filter that silently matches nothing."""
    return date_param(request, name, times=False)


def date_param(request: Request, name: str, *, times: bool = True) -> str | None:
    """?since=/?until= read by store.desk.read_date, the CLI's parser and wording (a 400 otherwise);
    `times=False`: a day only (the quotes and events file theirs by day)."""
    try:
        return read_date(f"parameter {name!r}", request.query_params.get(name), times=times)
    except QueryError as exc:
        raise HTTPError(400, str(exc)) from None
