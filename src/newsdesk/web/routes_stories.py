"""Story pages: the list of stories and one story's timeline, with syndicated copies folded.

/stories                   live and quiet stories, most recently active first; JSON twin /api/stories;
                           ?grew_since=ISO|today: the stories that took articles collected since then,
                           newest arrival first, each with how many (`joined`); ?sort=arrived
/stories/{id}              headline, first and latest report, timeline of articles and sources, each
                           syndication group once with "also published by N sources"; /api/stories/{id}
/api/duplicates/{id}       the other members of an article's syndication group
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from newsdesk.errors import NotFound, QueryError
from newsdesk.store.desk import MAX_PAGE
from newsdesk.store.stories import ORDERS, read_grew_since, story_order
from newsdesk.web.listing import counted, export_links
from newsdesk.web.render import numbered_links, page_url, query_string, without_page
from newsdesk.web.responses import HTTPError, JSONResponse, int_param, page, page_param
from newsdesk.web.state import desk

NAV = [("Stories", "/stories")]
PAGE_SIZE = 30
MAX_PAGE_SIZE = 100


def _listing(request: Request) -> dict[str, Any]:
    number = page_param(request, MAX_PAGE)
    min_size = int_param(request, "min", 1, 1, 1000)
    # ?limit=, as `newsdesk stories --limit` gives: the API answered 30 whatever a client asked for
    size = int_param(request, "limit", PAGE_SIZE, 1, MAX_PAGE_SIZE)
    grew, sort = _growth(request)
    store = desk(request).store()
    rows = store.front_stories(limit=size + 1, offset=(number - 1) * size, min_size=min_size, grew_since=grew,
                               sort=sort)
    return {"stories": rows[:size], "page": number, "limit": size, "more": len(rows) > size, "min": min_size,
            "grew_since": grew, "sort": story_order(sort, grew),
            **counted(number, size, store.count_stories(min_size, grew), ("story", "stories"))}


def _growth(request: Request) -> tuple[str | None, str]:
    """?grew_since= (ISO date or time, or `today`) and ?sort= (active: the news day of the latest
    report, the default; arrived: when the newest member was collected), as `newsdesk stories` reads them."""
    try:
        grew = read_grew_since("parameter 'grew_since'", request.query_params.get("grew_since"))
    except QueryError as exc:
        raise HTTPError(400, str(exc)) from None
    sort = (request.query_params.get("sort") or "active").strip()
    if sort not in ORDERS:
        raise HTTPError(400, f"parameter 'sort' must be {' or '.join(repr(o) for o in ORDERS)}, got {sort[:40]!r}")
    return grew, sort


def _story(request: Request) -> dict[str, Any]:
    try:
        return desk(request).store().story(request.path_params["id"])
    except NotFound:
        raise HTTPError(404, f"no story {request.path_params['id']}; see /stories for the list") from None


def stories_page(request: Request) -> Response:
    data = _listing(request)
    params = without_page(request)  # pager links and the JSON twin keep `min`
    links = numbered_links("/stories", params, data["page"], data["more"], last=data["last_page"])
    return page(request, "story_list.html", data | links | {
        "title": "Stories that grew" if data["grew_since"] else "Stories",
        "first_url": "/stories" + query_string(params), "json_url": page_url("/api/stories", params, data["page"]),
        # what an editor asks first thing: which stories took new articles today (UTC), newest first
        "grew_today_url": "/stories" + query_string({"min": params.get("min")}, grew_since="today"),
        "all_url": "/stories" + query_string({"min": params.get("min")})})


def stories_api(request: Request) -> Response:
    return JSONResponse(_listing(request))


def story_page(request: Request) -> Response:
    story = _story(request)
    if story["id"] != request.path_params["id"]:  # merged into another story since
        return RedirectResponse(f"/stories/{story['id']}", status_code=301)
    return page(request, "story_page.html", {"title": story["headline"] or f"Story {story['id']}",
                                             "story": story, "json_url": f"/api/stories/{story['id']}",
                                             "download_links": export_links({"story": story["id"]})})


def story_api(request: Request) -> Response:
    return JSONResponse(_story(request))


def duplicates_api(request: Request) -> Response:
    article_id = request.path_params["id"]
    store = desk(request).store()
    store.get_article(article_id)  # NotFound (404) for an article we do not have, not an empty 200
    return JSONResponse({"article": article_id, "story": store.story_of(article_id),
                         "duplicates": store.duplicates_of(article_id)})


ROUTES = [
    Route("/stories", stories_page, name="stories"),
    Route("/stories/{id:id}", story_page, name="story"),
    Route("/api/stories", stories_api),
    Route("/api/stories/{id:id}", story_api),
    Route("/api/duplicates/{id:id}", duplicates_api),
]
