"""Guards for the desk's write actions: off unless the server has a token, and then only with it."""

from __future__ import annotations

import hmac
import json
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request

from newsdesk.web.responses import HTTPError
from newsdesk.web.state import desk


def check_token(request: Request, given: str | None = None) -> None:
    """Writes need the server's token: from the form field `given`, else `Authorization: Bearer`."""
    token = desk(request).settings.write_token
    if not token:
        raise HTTPError(403, "write actions are off; start the server with `newsdesk serve --write-token TOKEN`")
    # A reader of the desk who mistyped the token in a page's form was told to send an HTTP header.
    hint = ("type the token the server was started with (`newsdesk serve --write-token`) in the form's"
            " Write token field" if given is not None else "send it as `Authorization: Bearer <token>`")
    if given is None:
        header = request.headers.get("authorization", "")
        given = header[len("Bearer "):] if header.startswith("Bearer ") else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPError(401, f"wrong or missing write token; {hint}")


def valid_source_url(url: object) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")) or len(url) > 2000:
        raise HTTPError(400, "'url' must be an http(s) URL of a feed, sitemap, site or page")
    return url


async def json_body(request: Request, hint: str) -> Any:
    """A write's JSON body (an empty one is {}); a 400 saying `hint` when it is no JSON."""
    try:
        return json.loads(await request.body() or b"{}")
    except ValueError:
        raise HTTPError(400, hint) from None


async def form_fields(request: Request) -> dict[str, str]:
    """A desk form's fields, the last value of each (the forms carry the write token as `token`)."""
    return {k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
