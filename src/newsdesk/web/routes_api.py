"""The JSON API under /api: the twin of every HTML page, one error shape, stable cursors.

Listings return `{"items": [...], "next": url|null, "prev": url|null}`; `next`/`prev` carry
a keyset cursor, so paging stays stable while new articles arrive. Write actions (adding a
source, asking for a re-fetch) need `Authorization: Bearer <token>` and are off unless the
server was started with a write token.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsdesk.records import Quote
from newsdesk.store.search_syntax import reread_as_words
from newsdesk.store.source_list import sources_overview
from newsdesk.understand.coverage import read_state
from newsdesk.web.fast import FastAnswer
from newsdesk.web.listing import facets, filters_from, fold_from, item_json, page_from, page_links, with_copy_counts
from newsdesk.web.openapi import openapi_spec
from newsdesk.web.render import marked_html, numbered_links, query_string, unmarked, without_page
from newsdesk.web.responses import HTTPError, JSONResponse, dumps, int_param
from newsdesk.web.routes_article import load_article
from newsdesk.web.routes_search import run_search
from newsdesk.web.routes_stats import stats_data
from newsdesk.web.state import DeskState, desk
from newsdesk.web.writes import check_token, json_body, valid_source_url


def api_index(request: Request) -> Response:
    # The endpoints the description documents, so this list cannot leave out a twin again.
    return JSONResponse({"openapi": "/api/openapi.json", "docs": "/docs", "endpoints": list(openapi_spec()["paths"])})


def articles(request: Request) -> Response:
    state = desk(request)
    filters = filters_from(request)
    result = page_from(request, state, filters, fold_copies=fold_from(request, filters))
    links = page_links(request, result)
    items = [item_json(r) for r in result.items]
    with_copy_counts(state, items)
    return JSONResponse({"items": items, "next": links["older"],
                         "prev": links["newer"], "filters": filters.as_dict()})


def one_article(request: Request) -> Response:
    row = load_article(desk(request), request.path_params["id"])
    return JSONResponse({**row["record"], "quotes": quotes_json(row["record"]), "store": {
        "first_seen": row["first_seen"], "last_seen": row["last_seen"], "changed_at": row["changed_at"],
        "source": row.get("source_url"), "input": row.get("raw_origin"), "fetched_at": row.get("fetched_at"),
        # whether `entities` and `quotes` were both looked for (a German article's empty lists say nothing),
        # and per stage (a French article's entities were, its quotes not yet)
        # as the store's record says (store/reads.py): a French article stored before French was read
        # says so ("not read yet; run `newsdesk reprocess --stale`"), not "read, no one named"
        **read_state(row.get("language"), desk(request).store().article_read(row["id"])),
        "links": {"html": f"/article/{row['id']}"}}})


def quotes_json(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored record's quotes with their anatomy: one stored before pieces, cue and speaker
    offsets existed has the one piece [start, end] and nulls, as the store's quote rows do."""
    return [_with_speaker_text(Quote.from_dict(q).to_dict(), record.get("text") or "")
            for q in record.get("quotes") or []]


def _with_speaker_text(q: dict[str, Any], text: str) -> dict[str, Any]:
    """The quote with `speaker_text`, the speaker as written (as the store's quote rows give it):
    `speaker` is whom "the minister" or "we" was resolved to, and only offsets said what was written."""
    a, b = q.get("speaker_start"), q.get("speaker_end")
    q["speaker_text"] = text[a:b] if a is not None and b is not None and a < b else None
    return q


async def search(request: Request) -> Response:
    """Search results; the whole answer is cached (per process, emptied on any commit), because
    marking 20 snippets up as HTML costs more than serving a cached answer. GET is answered by
    API_SEARCH's lean path (web/fast.py); this route answers HEAD and what that path hands back
    (errors, in the one error shape)."""
    return API_SEARCH.response(*await API_SEARCH.answer(request, desk(request)))


def _search_body(request: Request, state: DeskState) -> tuple[bytes, int]:
    found = run_search(request, state, titles=False, items=True)  # the answer shows titles unmarked
    items: list[Any] = []
    for r in found["results"]:
        snippet = r.get("snippet")
        stored = r.get("item")
        if stored is None:  # a full listing row (the FTS5 path)
            item = item_json(r) | {k: r[k] for k in ("copies", "other_sources") if k in r}
            item.update(snippet=unmarked(snippet), snippet_html=marked_html(snippet))
            items.append(item)
            continue
        # The stored item (a JSON object, desk_search_page's `items`) with the snippet's two keys
        # spliced in before its closing brace: the same bytes dumps() writes for the dict.
        items.append(orjson.Fragment(stored[:-1] + _copies_keys(r) + _snippet_keys(snippet or "")))
    links = numbered_links("/api/search", without_page(request), found["page"], found["more"], last=found["last_page"])
    return dumps({
        "query": found["query"], "sort": found["sort"], "page": found["page"], "items": items,
        # how many articles the query finds in all (`total_exact` false: at least `total`), as the page says
        "total": found["total"], "total_exact": found["total_exact"],
        "total_label": found["total_label"],
        # a page past the last: empty items, the true total, and this sentence (null otherwise)
        "past_the_end": found["past_the_end"],
        "next": links["next_url"], "prev": links["prev_url"],
        # as the search page says: the words a query outside the syntax was searched for instead
        "read_as": reread_as_words(found["query"]) if found["query"] else None,
    }), 200


def _copies_keys(row: dict[str, Any]) -> bytes:
    """`,"copies":N,"other_sources":M` of a folded search's row (web/listing.with_copy_counts)."""
    if "copies" not in row:
        return b""
    return b',"copies":%d,"other_sources":%d' % (row["copies"], row["other_sources"])


def _snippet_keys(snippet: str) -> bytes:
    """`,"snippet":…,"snippet_html":…}`: the snippet unmarked and as HTML (render.marked_html,
    no Markup object), without the dict dumps() would serialise (with Markup, a third of shaping
    a result)."""
    return (b',"snippet":' + orjson.dumps(unmarked(snippet))
            + b',"snippet_html":' + orjson.dumps(marked_html(snippet)) + b"}")


def _counts(rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"name": name, "articles": n} for name, n in rows]


def categories(request: Request) -> Response:
    state = desk(request)
    return JSONResponse({"items": _counts(state.facets.get("categories", lambda: state.store().category_counts(500)))})


def authors(request: Request) -> Response:
    state = desk(request)
    return JSONResponse({"items": _counts(state.facets.get("authors", lambda: state.store().author_counts(500)))})


def sites(request: Request) -> Response:
    state = desk(request)
    return JSONResponse({"items": _counts(state.facets.get("sites", lambda: state.store().site_counts(500)))})


def languages(request: Request) -> Response:
    return JSONResponse({"items": _counts(facets(desk(request))["languages"])})


def sources(request: Request) -> Response:
    return JSONResponse({"items": sources_overview(desk(request).store().conn)})


def failures(request: Request) -> Response:
    limit = int_param(request, "limit", 50, 1, 500)
    offset = int_param(request, "offset", 0, 0, 1_000_000)
    rows = desk(request).store().failures_page(reason=request.query_params.get("reason") or None,
                                               limit=limit, offset=offset)
    return JSONResponse({"items": rows, "next": None if len(rows) < limit else
                         "/api/failures" + query_string(dict(request.query_params), offset=offset + limit)})


def stats(request: Request) -> Response:
    data = dict(stats_data(desk(request)))
    data["per_day"] = [{"day": d, "articles": n} for d, n in data["per_day"]]
    data["per_month"] = [{"month": m, "articles": n} for m, n in data["per_month"]]
    return JSONResponse(data)


# -- writes ------------------------------------------------------------------------------------
async def add_source(request: Request) -> Response:
    check_token(request)
    body = await json_body(request, "send a JSON object like {\"url\": \"https://example.org/feed.xml\"}")
    url = valid_source_url(body.get("url") if isinstance(body, dict) else None)
    with desk(request).writable_store() as store:
        source_id = store.add_source(url, body.get("kind") if isinstance(body.get("kind"), str) else None)
        row = store.source_row(source_id)
    return JSONResponse(row, status_code=201)


async def refetch(request: Request) -> Response:
    check_token(request)
    with desk(request).writable_store() as store:
        if not store.request_refetch(request.path_params["id"]):
            raise HTTPError(404, f"no source {request.path_params['id']}; see /api/sources")
        row = store.source_row(request.path_params["id"])
    return JSONResponse(row, status_code=202)


API_SEARCH = FastAnswer("api", b"application/json", _search_body)
FAST = {"/api/search": API_SEARCH}
ROUTES = [
    Route("/api", api_index),
    Route("/api/articles", articles),
    Route("/api/articles/{id:id}", one_article),
    Route("/api/search", search),
    Route("/api/categories", categories),
    Route("/api/authors", authors),
    Route("/api/sites", sites),
    Route("/api/languages", languages),
    Route("/api/sources", sources, methods=["GET"]),
    Route("/api/sources", add_source, methods=["POST"]),
    Route("/api/sources/{id:id}/refetch", refetch, methods=["POST"]),
    Route("/api/failures", failures),
    Route("/api/stats", stats),
]
