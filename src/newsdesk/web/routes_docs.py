"""/api/openapi.json and /docs: the API description, rendered as a page that works offline."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsdesk.web.openapi import openapi_spec
from newsdesk.web.responses import JSONResponse, page


def spec(request: Request) -> Response:
    return JSONResponse(openapi_spec())


def docs(request: Request) -> Response:
    spec = openapi_spec()
    ops = [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]
    return page(request, "docs.html", {"title": "API", "spec": spec, "ops": ops, "json_url": "/api/openapi.json"})


ROUTES = [Route("/api/openapi.json", spec), Route("/docs", docs, name="docs")]
