"""Entity pages and quote search: who is who, what did they say.

- /entities                 canonical entities by mentions (filter by type, alias search)
- /entities/{id}            aliases, roles over time, mentions per day (server-side SVG),
                            co-occurring entities, articles, quotes
- /quotes?speaker=&about=   "what did X say about Y"
- /entities/in/{article}    the article's text with its entities and quotes highlighted
Each also answers as JSON under /api/... with the same data.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from newsdesk.errors import NotFound
from newsdesk.store.desk import MAX_PAGE
from newsdesk.understand.coverage import REPROCESS, not_read_yet, read_in_all, read_state, stages_read
from newsdesk.understand.entities import KEEP
from newsdesk.web.chart import bar_chart, fill_days, fill_months
from newsdesk.web.listing import counted, export_links
from newsdesk.web.render import numbered_links, page_url, query_string, without_page
from newsdesk.web.responses import HTTPError, JSONResponse, day_param, int_param, page, page_param
from newsdesk.web.state import desk
from newsdesk.web.writes import check_token, form_fields, json_body

# Every type the store keeps (understand.entities.KEEP): LAW, PRODUCT and WORK_OF_ART entities were
# listed and linked, but ?type=LAW was refused with a 400 and missing from the type select.
TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", *sorted(KEEP - {"PERSON", "ORG", "GPE", "NORP",
                                                                              "LOC", "FAC", "EVENT"}))
PER_PAGE = 50
MAX_PER_PAGE = 100


def _per_page(request: Request) -> int:
    """?limit=: items per page, as `newsdesk entities|quotes --limit` gives; the API had no such
    parameter and answered 50 whatever a client asked for."""
    return int_param(request, "limit", PER_PAGE, 1, MAX_PER_PAGE)


def _entity_list(request: Request) -> dict[str, Any]:
    type_ = (request.query_params.get("type") or "").upper() or None
    if type_ and type_ not in TYPES:
        raise HTTPError(400, f"parameter 'type' must be one of {', '.join(TYPES)}")
    q = (request.query_params.get("q") or "").strip() or None
    number, size = page_param(request, MAX_PAGE), _per_page(request)
    store = desk(request).store()
    rows = store.list_entities(type=type_, q=q, limit=size + 1, offset=(number - 1) * size)
    return {"type": type_, "q": q, "page": number, "limit": size, "entities": rows[:size], "more": len(rows) > size,
            **counted(number, size, store.count_entities(type=type_, q=q), ("entity", "entities"))}


def entities_page(request: Request) -> Response:
    found = _entity_list(request)
    params = without_page(request)
    context = {"title": "Entities", **found, "types": TYPES,
               **numbered_links("/entities", params, found["page"], found["more"], last=found["last_page"]),
               "first_url": "/entities" + query_string(params),
               "json_url": page_url("/api/entities", params, found["page"])}
    return page(request, "entity_list.html", context)


def entities_api(request: Request) -> Response:
    return JSONResponse(_entity_list(request))


def _entity(request: Request) -> dict[str, Any]:
    return desk(request).store().entity_detail(request.path_params["entity_id"])


def _merged(request: Request, prefix: str) -> Response:
    """The answer for an entity that is no more: a user merged it into another (store.merged_into),
    so its address, linked from before the merge, moves there (301); any other is a 404."""
    entity_id = request.path_params["entity_id"]
    kept = desk(request).store().merged_into(entity_id)
    if kept is None:
        raise NotFound(f"no entity {entity_id}")
    url = f"{prefix}/{kept}"
    if prefix.startswith("/api"):
        return JSONResponse({"id": entity_id, "merged_into": kept, "url": url}, status_code=301,
                            headers={"Location": url})
    return RedirectResponse(url, status_code=301)


# Days are bars up to this span; past it, months (fill_days' own limit, past which it left the gaps out).
DAYS_SPAN = 120


def mentions_over_time(by_day: list[dict[str, Any]]) -> tuple[list[tuple[str, int]], str]:
    """The chart's bars and their unit: days, the empty ones filled in, when the mentions span at
    most DAYS_SPAN days, else months likewise. Past that span fill_days gives only the days with
    mentions, side by side: 2007-10-21 and 2016-05-18 stood as neighbours on the page of "Bill" on
    the sample store, a chart over time that was not one."""
    days = [(d["day"], d["mentions"]) for d in by_day if d["day"]]
    if _span(days) <= DAYS_SPAN:
        return fill_days(days, max_span=DAYS_SPAN), "day"
    months: Counter[str] = Counter()
    for day, n in days:
        months[day[:7]] += n
    return fill_months(sorted(months.items())), "month"


def _span(days: list[tuple[str, int]]) -> int:
    """Days from the first to the last (0 when one is no date: fill_days keeps those as given)."""
    try:
        return (date.fromisoformat(days[-1][0][:10]) - date.fromisoformat(days[0][0][:10])).days if days else 0
    except ValueError:
        return 0


def entity_page(request: Request) -> Response:
    try:
        e = _entity(request)
    except NotFound:
        return _merged(request, "/entities")
    points, unit = mentions_over_time(e["mentions_by_day"])
    chart = bar_chart(points, f"Mentions of {e['name']} per {unit}") if points else None
    return page(request, "entity_page.html", {"title": e["name"], "e": e, "chart": chart,
                                              "json_url": f"/api/entities/{e['id']}",
                                              "feed_url": f"/entities/{e['id']}/feed.atom",
                                              "download_links": export_links({"entity": e["id"]})})


def entity_api(request: Request) -> Response:
    try:
        return JSONResponse(_entity(request))
    except NotFound:
        return _merged(request, "/api/entities")


def _quotes(request: Request) -> dict[str, Any]:
    speaker = (request.query_params.get("speaker") or "").strip() or None
    about = (request.query_params.get("about") or "").strip() or None
    kind = request.query_params.get("kind") or None
    if kind not in (None, "direct", "indirect"):
        raise HTTPError(400, "parameter 'kind' must be 'direct' or 'indirect'")
    number, size = page_param(request, MAX_PAGE), _per_page(request)
    since, until = day_param(request, "since"), day_param(request, "until")
    store = desk(request).store()
    who = _speaker_entity(request)
    asked: dict[str, Any] = {"speaker": speaker, "about": about, "kind": kind, "speaker_id": who["id"] if who else None,
                             "since": since, "until": until}
    rows = store.search_quotes(**asked, limit=size + 1, offset=(number - 1) * size)
    return {"speaker": speaker, "speaker_entity": who, "about": about, "kind": kind, "since": since, "until": until,
            "page": number, "limit": size,
            "quotes": rows[:size], "more": len(rows) > size,
            **counted(number, size, store.count_quotes(**asked), ("quote", "quotes")),
            # counted over every quote found, so once, on the first page
            "speakers": store.quote_speakers(**asked) if number == 1 else []}


def _speaker_entity(request: Request) -> dict[str, Any] | None:
    """?speaker_id=N: the quotes of that one entity. An entity page's "All quotes by" link gave its
    name, and a name finds the most mentioned entity of that name: on the sample store the page of
    Australia (NORP, 1 quote) led to Australia (GPE), which has none."""
    if not request.query_params.get("speaker_id"):
        return None
    row = desk(request).store().entity_row(int_param(request, "speaker_id", 0, 0, 2**62))
    return {"id": row["id"], "name": row["name"], "type": row["type"]}


def quotes_page(request: Request) -> Response:
    found = _quotes(request)
    params = without_page(request)
    context = {"title": "Quotes", **found,
               **numbered_links("/quotes", params, found["page"], found["more"], last=found["last_page"]),
               "json_url": page_url("/api/quotes", params, found["page"]), "read_in": read_in_all(),
               "first_url": "/quotes" + query_string(params),
               "any_speaker_url": "/quotes" + query_string(params, speaker_id=None),
               # each most-quoted speaker's own quotes among these: the search, by that one entity
               "speaker_links": {w["speaker_id"]: "/quotes" + query_string(params, speaker=None,
                                                                           speaker_id=w["speaker_id"])
                                 for w in found["speakers"] if w["speaker_id"]}}
    return page(request, "entity_quotes.html", context)


def quotes_api(request: Request) -> Response:
    return JSONResponse(_quotes(request))


def highlight(text: str, mentions: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> Markup:
    """The text as HTML, paragraphs kept: each entity a link, each piece of a quote marked as
    said (the first with the anchor `q<id>` that quote lists link to), its cue marked as a cue
    and the mention of its speaker marked (a link to the speaker's entity page when resolved).

    Every stretch between two span edges (paragraph breaks included) is escaped and wrapped on
    its own, so overlapping spans can never produce broken markup."""
    marks = _marks(mentions, quotes)
    edges = {0, len(text)} | {i for m in re.finditer(r"\n\n+", text) for i in m.span()}
    for a, b, _, _ in marks:
        edges.update((max(0, min(a, len(text))), max(0, min(b, len(text)))))
    cuts = sorted(edges)
    starts: dict[int, list[dict[str, Any]]] = {}
    for q in quotes:
        if q.get("id") is not None:
            starts.setdefault(min(a for a, _ in q.get("pieces") or [[q["start"], q["end"]]]), []).append(q)
    anchored: set[int] = set()
    out = ["<p>"]
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b]
        if "\n\n" in piece and not piece.strip():
            out.append("</p><p>")
            continue
        # the innermost span of each kind: a quote nested in another's words keeps its own marks
        covering = sorted((m for m in marks if m[0] <= a and b <= m[1]), key=lambda m: m[0] - m[1], reverse=True)
        here = {kind: item for _, _, kind, item in covering}
        body = _wrap(html.escape(piece).replace("\n", "<br>"), here, anchored)
        # a quote whose words another quote's marks cover still gets its anchor where it begins
        missing = [q for q in starts.get(a, []) if int(q["id"]) not in anchored]
        anchored.update(int(q["id"]) for q in missing)
        out.append("".join(f'<span class="quote-anchor" id="q{int(q["id"])}"></span>' for q in missing) + body)
    out.append("</p>")
    return Markup("".join(out))


def _marks(mentions: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> list[tuple[int, int, str, Any]]:
    """(start, end, kind, item) for every span to mark; the first of a kind covering a stretch wins."""
    # a mention named by the heading or byline only has no place in the text (the page lists it apart)
    marks: list[tuple[int, int, str, Any]] = [(m["start"], m["end"], "ent", m) for m in mentions
                                              if not m.get("heading")]
    for q in quotes:
        marks += [(a, b, "said", q) for a, b in q.get("pieces") or [[q["start"], q["end"]]]]
        if q.get("cue_start") is not None and q.get("cue_end") is not None:
            marks.append((q["cue_start"], q["cue_end"], "cue", q))
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            marks.append((q["speaker_start"], q["speaker_end"], "speaker", q))
    return marks


def _wrap(piece: str, here: dict[str, Any], anchored: set[int]) -> str:
    """One stretch inside its marks: the entity or speaker link innermost, then cue, then quote."""
    ent, who = here.get("ent"), here.get("speaker")
    if who is not None and who.get("speaker_id"):
        # one link, never a link inside a link: the speaker's entity page
        kind = f' ent ent-{html.escape(ent["type"])}' if ent is not None else ""
        government = " (standing for its government)" if ent is not None and ent.get("metonym") else ""
        said = html.escape(f"{who.get('speaker') or 'the speaker'}{government}, who said it", quote=True)
        piece = (f'<a class="speaker{kind}" href="/entities/{int(who["speaker_id"])}"{_ref(who)} title="{said}">'
                 f"{piece}</a>")
    else:
        if ent is not None:
            piece = (f'<a class="ent ent-{html.escape(ent["type"])}" href="/entities/{int(ent["entity_id"])}"'
                     f'{_ent_title(ent)}>{piece}</a>')
        if who is not None:
            piece = f'<span class="speaker"{_ref(who)}>{piece}</span>'
    if (cue := here.get("cue")) is not None:
        piece = f'<span class="cue"{_ref(cue)} title="cue">{piece}</span>'
    if (quote := here.get("said")) is not None:
        qid = quote.get("id")
        anchor = f' id="q{int(qid)}"' if qid is not None and int(qid) not in anchored else ""
        if anchor:
            anchored.add(int(qid))
        who_name = html.escape(quote.get("speaker") or "unknown speaker", quote=True)
        piece = (f'<span class="quote quote-{html.escape(quote["kind"])}"{anchor}{_ref(quote)}'
                 f' title="{who_name}">{piece}</span>')
    return piece


def _ent_title(ent: dict[str, Any]) -> str:
    """The title attribute saying who a marked name is, for the pointer and screen readers: 'US'
    is United States (GPE), and nothing but the link's address said so. Empty without a name."""
    if not ent.get("name"):
        return ""
    role = f", {ent['role']}" if ent.get("role") else ""
    # "Washington" standing for the US government read "Washington (GPE)", as the city would
    government = ", standing for its government" if ent.get("metonym") else ""
    return ' title="' + html.escape(f"{ent['name']} ({ent['type']}{role}{government})", quote=True) + '"'


def _ref(quote: dict[str, Any]) -> str:
    """The data-quote attribute tying a mark to its quote (stored quotes have ids)."""
    return f' data-quote="{int(quote["id"])}"' if quote.get("id") is not None else ""


def annotated_page(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    store = desk(request).store()
    article = store.get_article(article_id)
    mentions, quotes = store.article_annotations(article_id)
    read = store.article_read(article_id)  # what the stages read when it was stored (store/reads.py)
    context = {"title": article.title or "Article", "article_id": article_id, "mentions": mentions,
               "quotes": quotes, "body": highlight(article.text, mentions, quotes), "language": article.language,
               "coverage": stages_read(article.language, read),
               "not_read_yet": not_read_yet(article.language, read), "reprocess": REPROCESS,
               "read_in": read_in_all(), "json_url": f"/api/entities/in/{article_id}"}
    return page(request, "entity_article.html", context)


def annotated_api(request: Request) -> Response:
    store = desk(request).store()
    article = store.get_article(request.path_params["article_id"])  # NotFound (404) like its HTML twin
    mentions, quotes = store.article_annotations(request.path_params["article_id"])
    # A German article's empty lists read as "no one named, no one quoted" where nothing was looked
    # for (issue 5: not covered, not silently so); a French one's quotes are not looked for: per stage.
    return JSONResponse({"article_id": request.path_params["article_id"], "language": article.language,
                         **read_state(article.language, store.article_read(request.path_params["article_id"])),
                         "entities": mentions, "quotes": quotes})


# -- a user's corrections, as `newsdesk entities merge|split` makes them (they survive reprocess):
# the command only, so a reader of the desk who saw "Obama" and "Barack Obama" apart could not join them.
def _merge(request: Request, keep: object, drop: object) -> dict[str, Any]:
    if not isinstance(keep, int | str) or not isinstance(drop, int | str) or "" in (keep, drop):
        raise HTTPError(400, "give 'keep' and 'drop', each an entity's id or name: {\"keep\": 12, \"drop\": 34}")
    with desk(request).writable_store() as store:
        kept, dropped = store.entity_row(keep), store.entity_row(drop)
        if kept["id"] == dropped["id"]:
            raise HTTPError(400, f"nothing to merge: {drop!r} is already {kept['name']} (id {kept['id']});"
                                 " give the other entity's id")
        return store.merge_entities(kept["id"], dropped["id"])


def _split(request: Request, entity_id: int, alias: object) -> dict[str, Any]:
    if not isinstance(alias, str) or not alias.strip():
        raise HTTPError(400, "give 'alias', one of the entity's names to make an entity of its own")
    with desk(request).writable_store() as store:
        return store.split_entity(entity_id, alias.strip())


async def _json_object(request: Request) -> dict[str, Any]:
    body = await json_body(request, "send a JSON object")
    if not isinstance(body, dict):
        raise HTTPError(400, "send a JSON object")
    return body


async def merge_api(request: Request) -> Response:
    check_token(request)
    body = await _json_object(request)
    return JSONResponse(_merge(request, body.get("keep"), body.get("drop")))


async def split_api(request: Request) -> Response:
    check_token(request)
    body = await _json_object(request)
    return JSONResponse(_split(request, request.path_params["entity_id"], body.get("alias")), status_code=201)


async def entity_form(request: Request) -> Response:
    """The HTML twin of the two: the entity page's forms, carrying the write token."""
    form = await form_fields(request)
    check_token(request, form.get("token", ""))
    entity_id = request.path_params["entity_id"]
    if form.get("action") == "split":
        row = _split(request, entity_id, form.get("alias"))
    else:
        row = _merge(request, entity_id, form.get("drop", "").strip())
    return RedirectResponse(f"/entities/{int(row['id'])}", status_code=303)


ROUTES = [
    Route("/entities/in/{article_id:id}", annotated_page, name="entities_in_article"),
    Route("/api/entities/in/{article_id:id}", annotated_api, name="api_entities_in_article"),
    Route("/entities", entities_page, name="entities"),
    Route("/entities/{entity_id:id}", entity_page, name="entity"),
    Route("/quotes", quotes_page, name="quotes"),
    Route("/api/entities", entities_api, name="api_entities"),
    Route("/api/entities/{entity_id:id}", entity_api, name="api_entity"),
    Route("/api/quotes", quotes_api, name="api_quotes"),
    Route("/entities/{entity_id:id}", entity_form, methods=["POST"]),
    Route("/api/entities/merge", merge_api, methods=["POST"]),
    Route("/api/entities/{entity_id:id}/split", split_api, methods=["POST"]),
]

NAV = [("Entities", "/entities"), ("Quotes", "/quotes")]
