"""Guards for the desk's write actions: off unless the server has a token, and then only with it."""

from __future__ import annotations

import hmac

from starlette.requests import Request

from newsdesk.web.responses import HTTPError
from newsdesk.web.state import desk


def check_token(request: Request, given: str | None = None) -> None:
    """Writes need the server's token: from the form field `given`, else `Authorization: Bearer`."""
    token = desk(request).settings.write_token
    if not token:
        raise HTTPError(403, "write actions are off; start the server with `newsdesk serve --write-token TOKEN`")
    if given is None:
        header = request.headers.get("authorization", "")
        given = header[len("Bearer "):] if header.startswith("Bearer ") else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPError(401, "wrong or missing write token; send it as `Authorization: Bearer <token>`")


def valid_source_url(url: object) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")) or len(url) > 2000:
        raise HTTPError(400, "'url' must be an http(s) URL of a feed, sitemap, site or page")
    return url
