"""Reading filters and cursors from a request, and shaping listing rows for HTML and JSON alike."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from newsdesk.store.desk import MAX_LIMIT, Filters, Page
from newsdesk.store.desk_search import last_page, past_the_end
from newsdesk.store.export import FORMATS
from newsdesk.web.fragments import also_published_html, card_template, url_part
from newsdesk.web.render import query_string
from newsdesk.web.responses import HTTPError, date_param, int_param
from newsdesk.web.state import DeskState

FILTER_PARAMS = ("site", "language", "category", "author", "since", "until")
# the parameters of /api/export (web/routes_export.py) that choose the articles
EXPORT_SELECTION = ("q", *FILTER_PARAMS, "story", "entity")


def filters_from(request: Request, **fixed: str) -> Filters:
    """Filters from the query string (`site`, `language`, `category`, `author`, `since`, `until`)."""
    q = request.query_params
    values = {name: (q.get(name) or "").strip() or None for name in FILTER_PARAMS}
    values.update(fixed)
    for name in ("since", "until"):  # the quotes' and the CLI's parser and wording
        values[name] = date_param(request, name) if name not in fixed else values[name]
    return Filters(**values)


def page_from(request: Request, state: DeskState, filters: Filters, default_limit: int = 30,
              cards: int | None = None, fold_copies: bool = False) -> Page:
    """The page of articles a request asks for; `cards`: also read stored listing cards of that version;
    `fold_copies`: leave syndicated copies out (store.desk.copy_clause)."""
    limit = int_param(request, "limit", default_limit, 1, MAX_LIMIT)
    q = request.query_params
    cursor = q.get("after") or q.get("before") or q.get("cursor")
    return state.store().desk_page(filters, cursor=cursor, newer=bool(q.get("after")), limit=limit, cards=cards,
                                   fold_copies=fold_copies)


def page_links(request: Request, page: Page) -> dict[str, str | None]:
    """Links to the older and newer pages, keeping every other parameter of this request."""
    base = {k: v for k, v in request.query_params.items() if k not in ("after", "before", "cursor")}
    # request.url.path is decoded: /source/Wikinews (français)'s pager led to a raw space and
    # parentheses in an href. Encoded as url_part writes a name in the page's own links.
    path = url_part(request.url.path)
    return {
        "older": path + query_string(base, before=page.older) if page.older else None,
        "newer": path + query_string(base, after=page.newer) if page.newer else None,
    }


def fold_from(request: Request, filters: Filters) -> bool:
    """Whether this request's listing or search shows each syndicated text once: the default
    (`copies=fold`) where `folds_copies`, unless `copies=all` asks for every stored copy."""
    value = (request.query_params.get("copies") or "fold").strip()
    if value not in ("fold", "all"):
        raise HTTPError(400, "parameter 'copies' must be 'fold' (each syndicated text once, the default)"
                             " or 'all' (every stored copy)")
    return value == "fold" and folds_copies(filters)


def with_copy_counts(state: DeskState, rows: list[dict[str, Any]]) -> None:
    """Add `copies` and `other_sources` (DeskQueries.copy_counts: 0 and 0 for a text stored once)
    and `story_id` (where it has copies) to each row: one query for all of them."""
    counts = state.store().copy_counts([int(r["id"]) for r in rows])
    for r in rows:
        copies, sources, story = counts.get(int(r["id"]), (0, 0, None))
        r.update(copies=copies, other_sources=sources)
        if copies:
            r["story_id"] = story


def folds_copies(filters: Filters) -> bool:
    """Whether a listing shows each syndicated text once: yes, except on a site's or an author's own
    page, where a copy is that site's (that author's) article like any other."""
    return not (filters.site or filters.author)


def mark_copies(state: DeskState, items: list[dict[str, Any]]) -> None:
    """Give each listed representative of a syndication group an "also published by" line.

    Added to the card per request, after the stored card (web/cards.py), so stored cards stay as
    they are (CARD_VERSION unchanged) and a new copy shows without a card to drop: one indexed
    query for the page's ids (DeskQueries.copy_counts)."""
    counts = state.store().copy_counts([int(a["id"]) for a in items])
    for item in items:
        found = counts.get(int(item["id"]))
        if found:
            card = item.get("card") or card_template(item)
            item["card"] = card.replace("</article>", also_published_html(item["id"], *found) + "</article>", 1)


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


def export_links(selection: dict[str, Any]) -> list[tuple[str, str]]:
    """(format, address) of a download in each format (/api/export) of a page's selection: its query
    (`q`) and filters, a source's name (`site`), a `story` or an `entity`. The search, source, story
    and entity pages link to them: `newsdesk export` was the only way to take those articles away."""
    kept = {k: v for k, v in selection.items() if k in EXPORT_SELECTION and v not in (None, "")}
    return [(fmt, "/api/export" + query_string(kept, format=fmt)) for fmt in FORMATS]


def counted(page: int, size: int, total: int, nouns: tuple[str, str]) -> dict[str, Any]:
    """A numbered list's `total` and `past_the_end` (the search API's names and sentence: 'Nothing on
    page 9: the 120 quotes end on page 3'), and `last_page` for its pager: only the search knew its
    total, and a quotes, events or entities page past the end led back to page N-1, itself empty."""
    return {"total": total, "past_the_end": past_the_end(page, (total, True), size, nouns),
            "last_page": last_page((total, True), size)}
