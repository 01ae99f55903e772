"""Entity pages and quote search: who is who, what did they say.

- /entities                 canonical entities by mentions (filter by type, alias search)
- /entities/{id}            aliases, roles over time, mentions per day (server-side SVG),
                            co-occurring entities, articles, quotes
- /quotes?speaker=&about=   "what did X say about Y"
Each also answers as JSON under /api/... with the same data.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsdesk.web.chart import bar_chart, fill_days
from newsdesk.web.render import query_string
from newsdesk.web.responses import HTTPError, JSONResponse, int_param, page
from newsdesk.web.state import desk

TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")
PER_PAGE = 50


def _entity_list(request: Request) -> dict[str, Any]:
    type_ = (request.query_params.get("type") or "").upper() or None
    if type_ and type_ not in TYPES:
        raise HTTPError(400, f"parameter 'type' must be one of {', '.join(TYPES)}")
    q = (request.query_params.get("q") or "").strip() or None
    number = int_param(request, "page", 1, 1, 1000)
    rows = desk(request).store().list_entities(type=type_, q=q, limit=PER_PAGE + 1, offset=(number - 1) * PER_PAGE)
    return {"type": type_, "q": q, "page": number, "entities": rows[:PER_PAGE], "more": len(rows) > PER_PAGE}


def entities_page(request: Request) -> Response:
    found = _entity_list(request)
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    context = {"title": "Entities", **found, "types": TYPES,
               "next_url": "/entities" + query_string(params, page=found["page"] + 1) if found["more"] else None,
               "json_url": "/api/entities" + query_string(params)}
    return page(request, "entity_list.html", context)


def entities_api(request: Request) -> Response:
    return JSONResponse(_entity_list(request))


def _entity(request: Request) -> dict[str, Any]:
    return desk(request).store().entity_detail(request.path_params["entity_id"])


def entity_page(request: Request) -> Response:
    e = _entity(request)
    points = fill_days([(d["day"], d["mentions"]) for d in e["mentions_by_day"] if d["day"]])
    chart = bar_chart(points, f"Mentions of {e['name']} per day") if points else None
    return page(request, "entity_page.html", {"title": e["name"], "e": e, "chart": chart,
                                              "json_url": f"/api/entities/{e['id']}"})


def entity_api(request: Request) -> Response:
    return JSONResponse(_entity(request))


def _quotes(request: Request) -> dict[str, Any]:
    speaker = (request.query_params.get("speaker") or "").strip() or None
    about = (request.query_params.get("about") or "").strip() or None
    kind = request.query_params.get("kind") or None
    if kind not in (None, "direct", "indirect"):
        raise HTTPError(400, "parameter 'kind' must be 'direct' or 'indirect'")
    number = int_param(request, "page", 1, 1, 1000)
    rows = desk(request).store().search_quotes(speaker=speaker, about=about, kind=kind, limit=PER_PAGE + 1,
                                               offset=(number - 1) * PER_PAGE)
    return {"speaker": speaker, "about": about, "kind": kind, "page": number, "quotes": rows[:PER_PAGE],
            "more": len(rows) > PER_PAGE}


def quotes_page(request: Request) -> Response:
    found = _quotes(request)
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    context = {"title": "Quotes", **found,
               "next_url": "/quotes" + query_string(params, page=found["page"] + 1) if found["more"] else None,
               "json_url": "/api/quotes" + query_string(params)}
    return page(request, "entity_quotes.html", context)


def quotes_api(request: Request) -> Response:
    return JSONResponse(_quotes(request))


ROUTES = [
    Route("/entities", entities_page, name="entities"),
    Route("/entities/{entity_id:int}", entity_page, name="entity"),
    Route("/quotes", quotes_page, name="quotes"),
    Route("/api/entities", entities_api, name="api_entities"),
    Route("/api/entities/{entity_id:int}", entity_api, name="api_entity"),
    Route("/api/quotes", quotes_api, name="api_quotes"),
]
