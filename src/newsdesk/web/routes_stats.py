"""Stats and health: counts, articles per day (as a chart), sources with their last fetch, failures."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from newsdesk.store.desk import MAX_PAGE
from newsdesk.store.reads import to_reprocess
from newsdesk.store.source_list import sources_overview
from newsdesk.store.sqlite import utcnow
from newsdesk.web.chart import bar_chart, fill_days, fill_months
from newsdesk.web.render import query_string
from newsdesk.web.responses import HTTPError, page, page_param
from newsdesk.web.state import DeskState, desk
from newsdesk.web.writes import check_token, form_fields, valid_source_url

CHART_DAYS = 60


def stats_data(state: DeskState) -> dict[str, Any]:
    """Everything /stats shows, cached for state.FACET_TTL seconds (several queries scan an index:
    ~60 ms of CPU at 20k articles). The cache answers an expired count once more while it counts
    again (TTLCache's stale_ok), so a count may be older than the TTL: `counted_at` says when it was made."""
    def compute() -> dict[str, Any]:
        store = state.store()
        return {**store.stats(), "failure_reasons": store.failure_counts(), "to_reprocess": to_reprocess(store),
                "per_day": fill_days(store.day_counts(CHART_DAYS)), "per_month": store.month_counts(),
                "counted_at": utcnow()}
    return state.facets.get("stats", compute)


def stats(request: Request) -> Response:
    data = stats_data(desk(request))
    days = data["per_day"]
    context = {
        "title": "Stats and health", "s": data, "json_url": "/api/stats",
        "day_chart": bar_chart(days, f"Articles per day, {days[0][0]} to {days[-1][0]}") if days else None,
        "month_chart": bar_chart(fill_months(data["per_month"]), "Articles per month")
        if len(data["per_month"]) > 1 else None,
    }
    return page(request, "stats.html", context)


def sources(request: Request) -> Response:
    state = desk(request)
    context = {"title": "Sources", "sources": sources_overview(state.store().conn),
               "done": request.query_params.get("done"),
               "sites": state.facets.get("sites", lambda: state.store().site_counts(500)),
               "json_url": "/api/sources"}
    return page(request, "sources.html", context)


def failures(request: Request) -> Response:
    state = desk(request)
    reason = request.query_params.get("reason") or None
    number = page_param(request, MAX_PAGE)
    rows = state.store().failures_page(reason=reason, limit=51, offset=(number - 1) * 50)
    # The JSON twin is this page: the same reason and rows (it was every failure, from the first).
    twin = "/api/failures" + query_string({"reason": reason, "offset": (number - 1) * 50 or None, "limit": 50})
    counts = stats_data(state)
    context = {"title": "Failures", "rows": rows[:50], "reason": reason, "page": number, "more": len(rows) > 50,
               "reasons": counts["failure_reasons"], "not_articles": counts["not_articles"], "json_url": twin}
    return page(request, "failures.html", context)


async def sources_form(request: Request) -> Response:
    """The HTML twin of POST /api/sources and /refetch: a form carrying the write token."""
    form = await form_fields(request)
    check_token(request, form.get("token", ""))
    with desk(request).writable_store() as store:
        if form.get("action") == "refetch":
            if not store.request_refetch(int(form.get("source") or 0)):
                raise HTTPError(404, "no such source; reload the sources page")
            note = "refetch"
        else:
            kind = form.get("kind") if form.get("kind") in ("feed", "sitemap", "site", "page") else None
            store.add_source(valid_source_url(form.get("url")), kind)
            note = "added"
    desk(request).facets.clear()
    return RedirectResponse(f"/sources?done={note}", status_code=303)


ROUTES = [
    Route("/stats", stats, name="stats"),
    Route("/sources", sources, name="sources", methods=["GET"]),
    Route("/sources", sources_form, methods=["POST"]),
    Route("/failures", failures, name="failures"),
]
