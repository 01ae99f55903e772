"""Atom feeds: /feed.atom (filter by site, category, language or author), /search/feed.atom?q= and
/entities/{id}/feed.atom (the articles naming an entity)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from newsdesk.errors import NotFound
from newsdesk.web.atom import atom_feed
from newsdesk.web.fragments import url_part
from newsdesk.web.listing import filters_from, fold_from
from newsdesk.web.render import query_string
from newsdesk.web.routes_search import run_search
from newsdesk.web.state import desk

FEED_ITEMS = 50
ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _base(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def feed(request: Request) -> Response:
    filters = filters_from(request)
    page = desk(request).store().desk_page(filters, limit=FEED_ITEMS, fold_copies=fold_from(request, filters))
    f = filters.as_dict()
    label = ", ".join(f"{k} {v}" for k, v in f.items())
    body = atom_feed(title="newsdesk" + (f": {label}" if label else ": latest"), self_url="/feed.atom" +
                     query_string(f), html_url=_page_of(f), base=_base(request), items=page.items)
    return Response(body, media_type=ATOM_TYPE)


# The listing page of a feed filtered by one name alone (the author's feed led to the front page).
PAGES = {"category": "/category/", "site": "/source/", "author": "/author/"}


def _page_of(f: dict[str, str]) -> str:
    """The page a feed's `alternate` link leads to: the category's, source's or author's own page
    for a feed of that one filter, else the front page with the same filters. The name is a path
    segment, percent-encoded: a site called "Tuin? Hovenier" was linked to /source/Tuin with a query."""
    if len(f) == 1 and next(iter(f)) in PAGES:
        name, value = next(iter(f.items()))
        return PAGES[name] + url_part(value)
    return "/" + query_string(f)


def search_feed(request: Request) -> Response:
    """A followed search: its newest matches, unless ?sort=relevance is asked for. Sorted by
    relevance (the page's default) the feed held the 20 best matches of all time, so a new
    article matching the search could never reach a reader following it."""
    found = run_search(request, desk(request), default_sort="date")
    params = dict(request.query_params)
    body = atom_feed(title=f"newsdesk search: {found['query']}", self_url="/search/feed.atom" + query_string(params),
                     html_url="/search" + query_string(params), base=_base(request), items=found["results"])
    return Response(body, media_type=ATOM_TYPE)


def entity_feed(request: Request) -> Response:
    """The newest articles naming an entity: following a person, a body or a place."""
    store, entity_id = desk(request).store(), request.path_params["entity_id"]
    try:
        e = store.entity_row(int(entity_id))
    except NotFound:  # merged into another by a user: the feed moves with it, as the entity's page does
        kept = store.merged_into(entity_id)
        if kept is None:
            raise
        return RedirectResponse(f"/entities/{kept}/feed.atom", status_code=301)
    page = f"/entities/{e['id']}"
    body = atom_feed(title=f"newsdesk: {e['name']}", self_url=page + "/feed.atom", html_url=page, base=_base(request),
                     items=store.entity_articles(int(e["id"]), FEED_ITEMS))
    return Response(body, media_type=ATOM_TYPE)


ROUTES = [Route("/feed.atom", feed, name="feed"), Route("/search/feed.atom", search_feed, name="search_feed"),
          Route("/entities/{entity_id:id}/feed.atom", entity_feed, name="entity_feed")]
