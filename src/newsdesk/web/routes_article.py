"""The article page: a reader view with byline, times, source, lead image, body and related posts."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsdesk.store.rejected import why_not_article
from newsdesk.understand.coverage import REPROCESS, not_read_yet, read_in_all, stages_read
from newsdesk.web.render import safe_url
from newsdesk.web.responses import HTTPError, page
from newsdesk.web.state import DeskState, desk


def load_article(state: DeskState, article_id: int) -> dict[str, Any]:
    row = state.store().article_row(article_id)
    if row is not None and row["kind"] == "not_article":  # say why, not only "no article" (/not-articles lists them)
        raise HTTPError(404, f"{article_id} is a stored page judged not an article:"
                             f" {why_not_article(row['record'].get('reason'))};"
                             " /not-articles lists every such page with its reason")
    if row is None or row["kind"] != "article":
        raise HTTPError(404, f"no article {article_id}; start from the front page or search")
    return row


def related_links(state: DeskState, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's own related rail, linking to our copy when we store the target, else to the site."""
    items = row["record"].get("related") or []
    stored = state.store().stored_ids_for([i.get("url") or "" for i in items])
    out = []
    for item in items:
        url = item.get("url")
        local = stored.get(url or "")
        out.append({**item, "href": f"/article/{local}" if local else safe_url(url), "local": bool(local)})
    return out


def article(request: Request) -> Response:
    state = desk(request)
    row = load_article(state, request.path_params["id"])
    store = state.store()
    newer, older = store.neighbours(row["sort_key"], row["id"])
    more = store.more_in_category(row["categories"][0], row["id"]) if row["categories"] else []
    record = row["record"]
    paragraphs = record.get("paragraphs") or [p for p in (row["text"] or "").split("\n\n") if p.strip()]
    read = store.article_read(row["id"])  # what the stages read when it was stored (store/reads.py)
    context = {
        "title": row["title"] or "Untitled", "a": row, "record": record, "paragraphs": paragraphs,
        "related": related_links(state, row), "more": more, "newer": newer, "older": older,
        "source_link": safe_url(row["canonical_url"]) or safe_url(row["url"]),
        "image": safe_url(row["image"]), "json_url": f"/api/articles/{row['id']}",
        # per stage: a French article's names are marked, its quotes not read (yet); a German one neither
        "coverage": stages_read(row.get("language"), read), "read_in": read_in_all(),
        "not_read_yet": not_read_yet(row.get("language"), read), "reprocess": REPROCESS,
    }
    return page(request, "article.html", context)


ROUTES = [Route("/article/{id:id}", article, name="article")]
