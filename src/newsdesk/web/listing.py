"""Reading filters and cursors from a request, and shaping listing rows for HTML and JSON alike."""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request

from newsdesk.store.desk import MAX_LIMIT, Filters, Page, is_date
from newsdesk.web.render import query_string
from newsdesk.web.responses import HTTPError, int_param
from newsdesk.web.state import DeskState

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ][0-9:.]+([+-]\d{2}:\d{2}|Z)?)?")
FILTER_PARAMS = ("site", "language", "category", "author", "since", "until")


def filters_from(request: Request, **fixed: str) -> Filters:
    """Filters from the query string (`site`, `language`, `category`, `author`, `since`, `until`)."""
    q = request.query_params
    values = {name: (q.get(name) or "").strip() or None for name in FILTER_PARAMS}
    values.update(fixed)
    for name in ("since", "until"):
        if values[name] and not (_DATE.fullmatch(values[name] or "") and is_date(values[name] or "")):
            raise HTTPError(400, f"parameter {name!r} must be a date like 2026-02-11, got {values[name]!r}")
    return Filters(**values)


def page_from(request: Request, state: DeskState, filters: Filters, default_limit: int = 30,
              cards: int | None = None) -> Page:
    """The page of articles a request asks for; `cards`: also read stored listing cards of that version."""
    limit = int_param(request, "limit", default_limit, 1, MAX_LIMIT)
    q = request.query_params
    cursor = q.get("after") or q.get("before") or q.get("cursor")
    return state.store().desk_page(filters, cursor=cursor, newer=bool(q.get("after")), limit=limit, cards=cards)


def page_links(request: Request, page: Page) -> dict[str, str | None]:
    """Links to the older and newer pages, keeping every other parameter of this request."""
    base = {k: v for k, v in request.query_params.items() if k not in ("after", "before", "cursor")}
    path = request.url.path
    return {
        "older": path + query_string(base, before=page.older) if page.older else None,
        "newer": path + query_string(base, after=page.newer) if page.newer else None,
    }


def item_json(row: dict[str, Any]) -> dict[str, Any]:
    """A listing row as the API returns it: the record's listing fields plus links."""
    keys = ("id", "title", "url", "canonical_url", "site_name", "authors", "categories", "published", "updated",
            "language", "excerpt", "image")
    out = {k: row.get(k) for k in keys}
    out["date"] = row.get("sort_key")  # the listing's order: published, else when we first saw it
    out["links"] = {"html": f"/article/{row['id']}", "api": f"/api/articles/{row['id']}"}
    return out


def group_by_category(items: list[dict[str, Any]], fallback: str = "Latest") -> list[tuple[str, list[dict[str, Any]]]]:
    """Items in sections by their first category, sections in order of their newest item."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        name = item["categories"][0] if item.get("categories") else fallback
        groups.setdefault(name, []).append(item)
    return list(groups.items())


def facets(state: DeskState) -> dict[str, Any]:
    """Sites, languages and top categories for the filter bar (cached; see state.FACET_TTL)."""
    def compute() -> dict[str, Any]:
        store = state.store()
        return {"sites": store.site_counts(100), "languages": store.language_counts(),
                "categories": store.category_counts(40)}
    return state.facets.get("facets", compute)
