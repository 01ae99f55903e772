"""The front page and the category, source and author pages: one listing, different filters."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from newsdesk.store.desk import Filters
from newsdesk.web.cards import CARD_VERSION
from newsdesk.web.fragments import rail_html, url_part
from newsdesk.web.listing import (
    export_links,
    facets,
    filters_from,
    fold_from,
    group_by_category,
    mark_copies,
    page_from,
    page_links,
)
from newsdesk.web.render import query_string
from newsdesk.web.responses import HTTPError, page
from newsdesk.web.state import DeskState, desk


async def _listing_page(request: Request, filters: Filters, heading: str, kind: str, feed: str | None,
                        grouped: bool) -> Response:
    """A listing page. A fresh cached page is answered on the event loop: the front page is the page
    asked most, and handing it to a worker thread cost more than the answer itself."""
    q = request.query_params
    if not (q.get("before") or q.get("after") or q.get("cursor")):
        hit = desk(request).pages.fresh((request.url.path, request.url.query))
        if hit is not None:
            return HTMLResponse(hit[0], status_code=hit[1])
    return await desk(request).in_thread(
        lambda: _listing_page_in_thread(request, filters, heading, kind, feed, grouped))


def _listing_page_in_thread(request: Request, filters: Filters, heading: str, kind: str, feed: str | None,
                            grouped: bool) -> Response:
    state = desk(request)
    q = request.query_params
    if q.get("before") or q.get("after") or q.get("cursor"):
        # Pages further down are spread over the whole store and rarely asked twice: caching
        # them would only hold memory (~100 KB a page) that the first pages need.
        body, status = _render_listing(request, filters, heading, kind, feed, grouped)
    else:
        key = (request.url.path, request.url.query)
        body, status = state.pages.get(key, lambda: _render_listing(request, filters, heading, kind, feed, grouped))
    return HTMLResponse(body, status_code=status)


def _render_listing(request: Request, filters: Filters, heading: str, kind: str, feed: str | None,
                    grouped: bool) -> tuple[bytes, int]:
    state = desk(request)
    fold = fold_from(request, filters)
    result = page_from(request, state, filters, cards=CARD_VERSION, fold_copies=fold)
    if not result.items and kind in ("source", "category", "author"):
        _known_or_404(state, kind, filters)
    if result.items and "card" in result.items[0]:  # stored cards are read on unfiltered pages
        state.index_keeper.cards_missing([a["id"] for a in result.items if not a["card"]])
    if fold:  # each syndicated text is listed once, its representative's card saying so
        mark_copies(state, result.items)
    # The twin of this very page: its filters, and its cursor, size and copies (page 3's twin was page 1).
    paging = {k: v for k, v in request.query_params.items() if k in ("before", "after", "cursor", "limit", "copies")}
    api = "/api/articles" + query_string({**filters.as_dict(), **paging})
    context: dict[str, Any] = {
        "title": heading, "heading": heading, "kind": kind, "page": result, "links": page_links(request, result),
        "groups": group_by_category(result.items) if grouped else [(None, result.items)],
        "rail": rail(state), "facets": facets(state), "filters": filters.as_dict(), "json_url": api, "feed_url": feed,
        # an empty filtered listing offers this page without its query (the front page, or the
        # category, source or author unfiltered), which "No articles here yet" did not
        "clear_url": url_part(request.url.path) if request.url.query else "/",
        "active": _active_filters(request, filters, kind),
        # a source's (category's, author's) articles under this page's filters, as files
        "download_links": export_links(filters.as_dict()) if kind != "front" else None,
    }
    if kind == "front" and not filters.as_dict() and not request.query_params:
        context["stories"] = state.facets.get("top_stories", lambda: top_stories(state.store()))
    response = page(request, "front.html", context)
    return bytes(response.body), response.status_code


def _active_filters(request: Request, filters: Filters, kind: str) -> dict[str, str]:
    """The filters this request's query applies beyond what the page shows by itself: a category
    page's own category is no filter to clear, and the front page's form shows site and language.
    The front page showed none, so /?since=2016-01-01 listed fewer articles without saying why."""
    shown_by_form = ("site", "language") if kind == "front" else ()
    return {k: v for k, v in filters.as_dict().items() if k in request.query_params and k not in shown_by_form}


def _known_or_404(state: DeskState, kind: str, filters: Filters) -> None:
    """An empty source, category or author page is a 404 when the store has never heard of the
    name (a typo, a stale link), and an empty listing when it has (a site whose articles were
    deleted, a filter that leaves none)."""
    store = state.store()
    if kind == "source" and filters.site and not store.site_known(filters.site):
        raise HTTPError(404, f"no source {filters.site!r}; see /sources for the sites stored")
    if kind == "category" and filters.category and not store.category_known(filters.category):
        raise HTTPError(404, f"no category {filters.category!r}; see /categories for the list")
    if kind == "author" and filters.author and not store.author_known(filters.author):
        raise HTTPError(404, f"no author {filters.author!r}; see /authors for the list")


def rail(state: DeskState) -> Markup:
    """The right rail, rendered once per PAGE_TTL for every listing page (its times are refreshed by desk.js)."""
    def render() -> Markup:
        recent = state.facets.get("recent", lambda: state.store().recent_posts(8))
        return rail_html(recent, facets(state)["categories"])
    return state.pages.get("rail", render)


# Stories shown above the latest articles on the first front page; each is one line, so a few.
TOP_STORIES = 6


def top_stories(store: Any, limit: int = TOP_STORIES) -> list[dict[str, Any]]:
    """Live stories told by more than one article, with their syndication groups folded."""
    if not hasattr(store, "front_stories"):
        return []
    # Live ones only: the sample store's top story was a quiet one of 2016-2017 ("The Obama
    # Administration Digital Transition"), years before the store's latest day.
    return [s for s in store.front_stories(limit=limit * 5) if s["articles"] >= 2 and s["status"] == "live"][:limit]


async def front(request: Request) -> Response:
    filters = filters_from(request)
    feed = "/feed.atom" + query_string({k: v for k, v in filters.as_dict().items() if k in ("site", "language")})
    return await _listing_page(request, filters, "Latest news", "front", feed, grouped=True)


async def category(request: Request) -> Response:
    name = request.path_params["name"]
    filters = filters_from(request, category=name)
    feed = "/feed.atom" + query_string({"category": name})
    return await _listing_page(request, filters, name, "category", feed, grouped=False)


async def source(request: Request) -> Response:
    site = request.path_params["site"]
    filters = filters_from(request, site=site)
    feed = "/feed.atom" + query_string({"site": site})
    return await _listing_page(request, filters, site, "source", feed, grouped=True)


async def author(request: Request) -> Response:
    name = request.path_params["name"]
    filters = filters_from(request, author=name)
    feed = "/feed.atom" + query_string({"author": name})
    return await _listing_page(request, filters, f"By {name}", "author", feed, grouped=True)


def _facet_page(request: Request, title: str, kind: str, rows: list[tuple[str, int]], api: str) -> Response:
    return page(request, "facets.html", {"title": title, "kind": kind, "rows": rows, "json_url": api})


def categories(request: Request) -> Response:
    state = desk(request)
    rows = state.facets.get("categories", lambda: state.store().category_counts(500))
    return _facet_page(request, "Categories", "category", rows, "/api/categories")


def authors(request: Request) -> Response:
    state = desk(request)
    rows = state.facets.get("authors", lambda: state.store().author_counts(500))
    return _facet_page(request, "Authors", "author", rows, "/api/authors")


ROUTES = [
    Route("/", front, name="front"),
    Route("/category/{name:path}", category, name="category"),
    Route("/source/{site:path}", source, name="source"),
    Route("/author/{name:path}", author, name="author"),
    Route("/categories", categories, name="categories"),
    Route("/authors", authors, name="authors"),
]
