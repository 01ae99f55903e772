"""Event pages: who did what to whom, and an actor pair's relation over time.

- /events?actor=&pair=&code=&place=&since=&until=   coded events with their sentences
- /pair/{a}-{b}       e.g. /pair/USA-IRN: Goldstein over time (server-side SVG; every point
                      links to the sentences behind it, which works without JavaScript),
                      cooperation against conflict counts, and the events day by day
Each answers as JSON too: /api/events?..., /api/pair/{a}-{b}.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsdesk.store.desk import MAX_PAGE
from newsdesk.web.listing import counted
from newsdesk.web.render import numbered_links, without_page
from newsdesk.web.responses import HTTPError, JSONResponse, day_param, int_param, page, page_param
from newsdesk.web.state import desk

ACTOR = re.compile(r"^[A-Z]{3}[A-Z]{0,6}$")
PER_PAGE = 100
MAX_PER_PAGE = 500


def _actor(value: str | None, name: str) -> str | None:
    if not value:
        return None
    value = value.strip().upper()
    if not ACTOR.match(value):
        raise HTTPError(400, f"parameter '{name}' must be a CAMEO actor code such as IRN or IRNGOV")
    return value


def _filters(request: Request) -> dict[str, Any]:
    q = request.query_params
    pair: tuple[str, str] | None = None
    if q.get("pair"):
        parts = q["pair"].upper().split("-")
        if len(parts) != 2:
            raise HTTPError(400, "parameter 'pair' must be two actor codes joined by '-', e.g. USA-IRN")
        pair = (_actor(parts[0], "pair") or "", _actor(parts[1], "pair") or "")
    code = (q.get("code") or "").strip() or None
    if code and not code.isdigit():
        raise HTTPError(400, "parameter 'code' must be a CAMEO code prefix such as 04 or 046")
    # a real calendar day: a pattern alone let 2026-11-31 or 2026-13-45 through, and the listing
    # answered 'no events' instead of saying the day does not exist (the quotes' parser and wording)
    return {"actor": _actor(q.get("actor"), "actor"), "pair": pair, "ordered": _ordered(q.get("ordered")),
            "code": code, "place": _actor(q.get("place"), "place"), "since": day_param(request, "since"),
            "until": day_param(request, "until")}


def _ordered(value: str | None) -> bool:
    """?ordered=1, as `newsdesk events --pair A-B --ordered`: only A acting on B. The API had no
    such parameter and always answered both directions."""
    value = (value or "").strip().lower()
    if value not in ("", "0", "1", "true", "false"):
        raise HTTPError(400, "parameter 'ordered' must be 1 (only source=first, target=second) or 0")
    return value in ("1", "true")


def _events(request: Request) -> dict[str, Any]:
    filters = _filters(request)
    number = page_param(request, MAX_PAGE)
    size = int_param(request, "limit", PER_PAGE, 1, MAX_PER_PAGE)  # as `newsdesk events --limit`
    store = desk(request).store()
    rows = store.events(**filters, limit=size + 1, offset=(number - 1) * size)
    shown = {k: ("-".join(v) if isinstance(v, tuple) else v) for k, v in filters.items()}
    return {"filters": shown, "page": number, "limit": size, "events": rows[:size], "more": len(rows) > size,
            **counted(number, size, store.count_events(**filters), ("event", "events"))}


def events_page(request: Request) -> Response:
    found = _events(request)
    json_url = "/api/events" + (("?" + str(request.query_params)) if request.query_params else "")
    links = numbered_links("/events", without_page(request), found["page"], found["more"], last=found["last_page"])
    return page(request, "event_list.html", {"title": "Events", **found, "json_url": json_url, **links})


def events_api(request: Request) -> Response:
    return JSONResponse(_events(request))


def _pair(request: Request) -> dict[str, Any]:
    raw = request.path_params["pair"].upper()
    parts = raw.split("-")
    if len(parts) != 2:
        raise HTTPError(404, "an actor pair looks like /pair/USA-IRN")
    a, b = _actor(parts[0], "pair") or "", _actor(parts[1], "pair") or ""
    if not (a and b):
        raise HTTPError(404, "an actor pair looks like /pair/USA-IRN")
    store = desk(request).store()
    events = store.events(pair=(a, b), limit=2000)
    events.sort(key=lambda e: (e["day"] or "", e["article_id"], e["seq"]))
    days: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        days.setdefault(e["day"] or "undated", []).append(e)
    timeline = store.event_timeline(a, b)
    return {"a": a, "b": b, "timeline": timeline, "days": [{"day": d, "events": evs} for d, evs in days.items()],
            "cooperation": sum(t["cooperation"] or 0 for t in timeline),
            "conflict": sum(t["conflict"] or 0 for t in timeline), "count": len(events)}


def pair_page(request: Request) -> Response:
    data = _pair(request)
    chart = goldstein_chart(data["timeline"], f"Goldstein score of {data['a']}–{data['b']} events per day")
    return page(request, "event_pair.html", {"title": f"{data['a']} – {data['b']}", **data, "chart": chart,
                                             "json_url": f"/api/pair/{data['a']}-{data['b']}"})


def pair_api(request: Request) -> Response:
    return JSONResponse(_pair(request))


def goldstein_chart(timeline: list[dict[str, Any]], title: str, width: int = 720, height: int = 240) -> Markup | None:
    """Mean Goldstein per day (-10 conflict .. +10 cooperation) as linked points on a zero line.
    Each point is an SVG link to that day's sentences below the chart (#day-YYYY-MM-DD)."""
    points = [t for t in timeline if t["goldstein"] is not None]
    if not points:
        return None
    left, right, top, bottom = 40, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points), 1)

    def y(v: float) -> float:
        return top + plot_h * (10 - v) / 20

    # role=group, not img: an img's children are presentational, so a screen reader met neither the
    # points' links nor their figures; the group's label sums the points up, each link says its day.
    scores = [float(t["goldstein"]) for t in points]
    summary = escape(f"{title}: {len(points)} day{'s' if len(points) != 1 else ''}, mean Goldstein from"
                     f" {min(scores):+.1f} to {max(scores):+.1f}")
    parts = [f'<svg class="chart goldstein" viewBox="0 0 {width} {height}" role="group" aria-label="{summary}"'
             f' xmlns="http://www.w3.org/2000/svg"><title>{summary}</title>']
    for v in (10, 0, -10):
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>'
                     f'<text class="axis" x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:+d}</text>')
    for i, t in enumerate(points):
        cx, cy = left + (i + 0.5) * step, y(float(t["goldstein"]))
        label = (f"{t['day']}: mean Goldstein {t['goldstein']:+.1f}, {t['n']} events "
                 f"({t['cooperation']} cooperation, {t['conflict']} conflict)")
        parts.append(f'<a href="#day-{escape(t["day"])}" class="point" data-day="{escape(t["day"])}"'
                     f' aria-label="{escape(label)}">'
                     f'<line class="grid" x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(0):.1f}" y2="{cy:.1f}"/>'
                     f'<circle class="bar" cx="{cx:.1f}" cy="{cy:.1f}" r="6">'
                     f"<title>{escape(label)}</title></circle></a>")
    for i in sorted({0, len(points) - 1}):
        anchor = "start" if i == 0 else "end"
        x = left + (i * step if i == 0 else (i + 1) * step)
        parts.append(f'<text class="axis" x="{x:.1f}" y="{height - 8}" text-anchor="{anchor}">'
                     f'{escape(points[i]["day"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# Nothing linked to the event pages: /events and /pair/... were reachable only by typing them.
NAV = [("Events", "/events")]
ROUTES = [
    Route("/events", events_page),
    Route("/api/events", events_api),
    Route("/pair/{pair}", pair_page),
    Route("/api/pair/{pair}", pair_api),
]
