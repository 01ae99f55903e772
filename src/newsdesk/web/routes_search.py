"""Search: highlighted snippets, phrases, prefixes, filters and sort by relevance or date, through
the tantivy index beside the store (store/search_index.py), FTS5 for what it lags on.

A query that cannot be read is shown back with a hint (status 400), never a server error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsdesk.errors import QueryError
from newsdesk.store.desk import Filters
from newsdesk.store.desk_search import (
    last_page,
    leave_out_example,
    pages_hint,
    past_the_end,
    search_pages,
    total_label,
)
from newsdesk.store.search_syntax import reread_as_words
from newsdesk.web.fast import FastAnswer
from newsdesk.web.listing import export_links, facets, filters_from, fold_from, with_copy_counts
from newsdesk.web.render import numbered_links, page_url, query_string, without_page
from newsdesk.web.responses import HTTPError, int_param, page, page_param
from newsdesk.web.state import DeskState, desk

PER_PAGE = 20
T = TypeVar("T")


def run_search(request: Request, state: DeskState, titles: bool = True, items: bool = False,
               default_sort: str = "relevance") -> dict[str, Any]:
    """The search a request asks for: {query, filters, sort, page, results, more} (QueryError if
    unreadable); `titles=False`: results need no `title_marked`; `items=True`: results may be
    the JSON answer's items (see DeskSearch.desk_search_page); `default_sort` without ?sort= (a feed's: date)."""
    q = (request.query_params.get("q") or "").strip()
    sort = request.query_params.get("sort") or default_sort
    if sort not in ("relevance", "date"):
        raise HTTPError(400, "parameter 'sort' must be 'relevance' or 'date'")
    filters = filters_from(request)
    limit = int_param(request, "limit", PER_PAGE, 1, 100)
    fold = fold_from(request, filters)
    number = page_param(request, search_pages(limit), pages_hint(limit))
    results: list[dict[str, Any]] = []
    more = cached = False
    total: tuple[int, bool] | None = None
    if q:
        (results, more), cached = _cached_search(request, state, (q, filters, sort, limit, number, titles, items,
                                                                  fold))
        if not cached:
            state.index_keeper.poke()  # new articles since the last sync go into the index soon
        # one count for every page and order of a query (the cache keys it without them)
        total = _cached_total(request, state, q, filters, fold)
    return {"query": q, "filters": filters, "sort": sort, "page": number, "limit": limit,
            "results": results, "more": more, "cached": cached, "total": total[0] if total else None,
            "total_exact": total[1] if total else None, "total_label": total_label(*total) if total else None,
            "last_page": last_page(total, limit), "past_the_end": past_the_end(number, total, limit)}


def _cached_search(request: Request, state: DeskState, key: tuple[str, Filters, str, int, int, bool, bool, bool]
                   ) -> tuple[tuple[list[dict[str, Any]], bool], bool]:
    """One page of results and whether more follow (rows shared read-only between requests:
    handlers copy what they change). Folded (`fold`), each result says how many copies of its
    text are stored and how many other sources published it (`with_copy_counts`)."""
    q, filters, sort, limit, number, titles, items, fold = key

    def compute() -> tuple[list[dict[str, Any]], bool]:
        rows, more = state.store().desk_search_page(q, filters, sort=sort, limit=limit, offset=(number - 1) * limit,
                                                    titles=titles, items=items, fold_copies=fold)
        if fold:
            with_copy_counts(state, rows)
        return rows, more
    return cached(request, state, ("rows", *key), compute)


def _cached_total(request: Request, state: DeskState, q: str, filters: Filters, fold: bool) -> tuple[int, bool]:
    """(n, exact) of desk_search_total through the search cache."""
    return cached(request, state, ("total", q, filters, fold),
                  lambda: state.store().desk_search_total(q, filters, fold_copies=fold))[0]


def cached(request: Request, state: DeskState, key: tuple[Any, ...], compute: Callable[[], T]) -> tuple[T, bool]:
    """`compute()` through the process's search cache: (value, True if it came from the cache).

    A request with `Cache-Control: no-cache` is computed afresh (the benchmark's cold figure).
    Errors (unreadable queries) are raised, never cached.
    """
    if "no-cache" not in request.headers.get("cache-control", ""):
        hit = state.searches.get(key)
        if hit is not None:
            return hit, True  # type: ignore[no-any-return]
    value = compute()
    state.searches.put(key, value)
    return value, False


async def search(request: Request) -> Response:
    """The search page (GET is answered by HTML_SEARCH's lean path, web/fast.py; this route answers
    HEAD and whatever that path hands back, such as errors). Whole pages are cached like API
    answers (until the store changes): their relative times may lag by as long, which desk.js
    corrects where JavaScript runs."""
    return HTML_SEARCH.response(*await HTML_SEARCH.answer(request, desk(request)))


def _search_page(request: Request, state: DeskState) -> tuple[bytes, int]:
    """(body, status) of the search page; an unreadable query is a 400 page with the hint."""
    error = None
    try:
        found = run_search(request, state)
    except QueryError as exc:
        error = str(exc)
        found = {"query": request.query_params.get("q", ""), "filters": Filters(), "sort": "relevance",
                 "page": 1, "limit": PER_PAGE, "results": [], "more": False, "total": None, "total_label": None,
                 "last_page": None, "past_the_end": None}
    params = without_page(request)
    read_as = None if error or not found["query"] else reread_as_words(found["query"])
    context = {
        "title": f"Search: {found['query']}" if found["query"] else "Search", **found, "error": error,
        "read_as": read_as, "leave_out": leave_out_example(found["query"], read_as) if read_as else None,
        "facets": facets(state), "filters": found["filters"].as_dict(), "params": params,
        **numbered_links("/search", params, found["page"], found["more"], last=found.get("last_page")),
        "json_url": page_url("/api/search", params, found["page"]),
        "feed_url": "/search/feed.atom" + query_string(params) if found["query"] else None,
        "download_links": export_links({"q": found["query"], **found["filters"].as_dict()}),
    }
    response = page(request, "search.html", context, status=400 if error else 200)
    return bytes(response.body), response.status_code


HTML_SEARCH = FastAnswer("html", b"text/html; charset=utf-8", _search_page)
ROUTES = [Route("/search", search, name="search")]
FAST = {"/search": HTML_SEARCH}
