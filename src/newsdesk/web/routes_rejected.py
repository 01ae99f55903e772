"""Stored pages that are not articles: /not-articles (HTML) and /api/not-articles (JSON).

/failures lists the inputs that failed (a fetch, a parse); a page that was fetched and read but
judged no article (a home page, a link farm, a login page) is stored with its reason instead,
and was only counted on /stats. This lists them, newest first, by reason.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsdesk.store.desk import MAX_PAGE
from newsdesk.store.rejected import not_article_pages, not_article_reasons
from newsdesk.web.render import numbered_links, page_url
from newsdesk.web.responses import JSONResponse, page, page_param
from newsdesk.web.state import desk

PER_PAGE = 50


def _listing(request: Request) -> dict[str, Any]:
    reason = request.query_params.get("reason") or None
    number = page_param(request, MAX_PAGE)
    conn = desk(request).store().conn
    rows = not_article_pages(conn, reason=reason, limit=PER_PAGE + 1, offset=(number - 1) * PER_PAGE)
    return {"reason": reason, "page": number, "items": rows[:PER_PAGE], "more": len(rows) > PER_PAGE,
            "reasons": not_article_reasons(conn)}


def not_articles_page(request: Request) -> Response:
    data = _listing(request)
    params = {"reason": data["reason"]}
    context = {"title": "Not articles", **data,
               "links": numbered_links("/not-articles", params, data["page"], data["more"]),
               "json_url": page_url("/api/not-articles", params, data["page"])}
    return page(request, "not_articles.html", context)


def not_articles_api(request: Request) -> Response:
    return JSONResponse(_listing(request))


ROUTES = [
    Route("/not-articles", not_articles_page, name="not_articles"),
    Route("/api/not-articles", not_articles_api),
]
