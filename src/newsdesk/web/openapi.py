"""The OpenAPI 3.1 description of /api, written by hand so it says what each call is for."""

from __future__ import annotations

from typing import Any


def _param(name: str, description: str, kind: str = "string", where: str = "query",
           required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "description": description, "schema": {"type": kind}}


FILTERS = [
    _param("site", "Only articles from this site (its site_name)."),
    _param("language", "Only articles in this language (ISO 639-1)."),
    _param("category", "Only articles in this category."),
    _param("author", "Only articles by this author."),
    _param("since", "Dated on or after this date (YYYY-MM-DD): the item's `date`, its publication, else when it was"
                    " first collected."),
    _param("until", "Dated on or before this date (YYYY-MM-DD, inclusive): the item's `date`, as for `since`."),
]
PAGING = [
    _param("before", "Opaque cursor: the page of older articles (a response's `next`); pages stay stable as"
                     " articles arrive."),
    _param("after", "Opaque cursor: the page of newer articles (a response's `prev`)."),
    _param("cursor", "The same as `before`."),
    _param("limit", "Items per page (1-100, default 30).", "integer"),
]
COPIES = _param("copies", "`fold` (default): a syndicated text is listed once, as its representative, whose"
                          " `copies` and `other_sources` say how many more copies are stored and how many other"
                          " sources published it (not on a site's or an author's own listing, whose copies are"
                          " theirs); `all`: every stored copy.")
ERROR = {"description": "Error, always in one shape", "content": {"application/json": {"schema": {
    "$ref": "#/components/schemas/Error"}}}}


# An entity a user merged into another answers 301 to where it went (routes_entities._merged):
# clients following the description alone took that answer for an error.
MERGED = {"description": "Merged into another entity: `Location` (and `url`) is the kept one's", "content": {
    "application/json": {"schema": {"type": "object", "required": ["id", "merged_into", "url"], "properties": {
        "id": {"type": "integer"}, "merged_into": {"type": "integer"}, "url": {"type": "string"}}}}}}


def _get(summary: str, description: str, params: list[dict[str, Any]], schema: str,
         merged: bool = False) -> dict[str, Any]:
    responses = {"200": {"description": "OK", "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}}}}, **({"301": MERGED} if merged else {}),
        "400": ERROR, "404": ERROR}
    return {"get": {"summary": summary, "description": description, "parameters": params, "responses": responses}}


def _post(summary: str, description: str, params: list[dict[str, Any]], body: bool) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "description": description, "parameters": params,
                          "security": [{"token": []}],
                          "responses": {"201": {"description": "Created"}, "202": {"description": "Accepted"},
                                        "401": ERROR, "403": ERROR, "404": ERROR}}
    if body:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["url"], "properties": {
                "url": {"type": "string", "description": "Feed, sitemap, site or page URL"},
                "kind": {"type": "string", "description": "feed | sitemap | site | page"}}}}}}
    return {"post": op}


def openapi_spec() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/api/articles": _get("List articles", "Newest first, filtered; keyset-paginated.",
                              [*FILTERS, COPIES, *PAGING], "Listing"),
        "/api/articles/{id}": _get("One article", "The full `newsdesk analyze` record plus `store`: store times,"
                                   " `covered`, false when the article's language is not one both entities and quotes"
                                   " are read in (entities and quotes: English and French), so its empty lists"
                                   " say nothing, and `covered_stages`, per stage (entities, quotes, events) whether"
                                   " it read this language.",
                                   [_param("id", "Article id", "integer", "path", True)], "Article"),
        "/api/search": _get("Search", "Search over title and body, ranked by bm25 (title weighted 5x) over every match:"
                            " words, \"phrases\", prefix*, AND/OR/NOT."
                            " Snippets highlight matches. A query that cannot be read gets a 400 with a hint."
                            " `total`: how many articles match in all (at least that many when `total_exact`"
                            " is false), as the search page and `newsdesk search` say it (`total_label`).",
                            [_param("q", "The query", required=True),
                             _param("sort", "relevance (default) or date"),
                             _param("page", "Page number, 1-50 (fewer with a large limit: the first 1,000"
                                    " results); another is a 400, a page past the last results is empty",
                                    "integer"), *FILTERS, COPIES,
                             _param("limit", "Results per page (1-100, default 20)", "integer")], "Listing"),
        "/api/categories": _get("Categories", "Categories with the number of articles each one's listing shows"
                                " (a syndicated text once).", [], "Counts"),
        "/api/authors": _get("Authors", "Authors with article counts.", [], "Counts"),
        "/api/sites": _get("Sites", "Sites (site_name) with article counts.", [], "Counts"),
        "/api/languages": _get("Languages", "Languages with the number of articles the front page lists in each"
                               " (a syndicated text once).", [], "Counts"),
        "/api/sources": {**_get("Sources", "Sources: last fetch (by `watch` or an ingest), status, back-off,"
                                " articles; a saved feed file (`file` true, kind `file`) is read, not fetched:"
                                " `last_read_at` says when its entries were last stored.", [], "Items"),
                         **_post("Add a source", "Needs the write token.", [], True)},
        "/api/sources/{id}/refetch": _post("Re-fetch a source", "Makes the source due now for `newsdesk watch`."
                                           " Needs the write token.",
                                           [_param("id", "Source id", "integer", "path", True)], False),
        "/api/failures": _get("Failures", "Inputs that failed, with stage and reason, newest first.",
                              [_param("reason", "Only this reason"), _param("limit", "1-500", "integer"),
                               _param("offset", "Skip this many", "integer")], "Items"),
        "/api/not-articles": _get("Not articles", "Stored pages judged not articles (a home page, a link farm), newest"
                                  " first: `items` (id, input, title, reason, at), `reasons` (count per reason),"
                                  " `more` when a next page exists.",
                                  [_param("reason", "Only this reason, as `reasons` names it"),
                                   _param("page", "1-1000", "integer")], "Items"),
        "/api/stats": _get("Stats", "Counts, failure reasons, articles per day and per month, and when they were"
                            " counted (`counted_at`, UTC: the counts are kept 30 seconds, and an expired count is"
                            " answered once more while it is counted again).", [], "Stats"),
        "/api/export": _export(),
        **QUOTE_PATHS,
        **UNDERSTANDING_PATHS,
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsdesk API", "version": "1", "description":
                 "Read the news desk as JSON. Every HTML page has a twin here. Errors always look like"
                 " {\"error\": {\"status\", \"code\", \"message\"}}."},
        "paths": paths,
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}, "schemas": _schemas()},
    }


def _export() -> dict[str, Any]:
    """/api/export: a file, not JSON, so its own answer (web/routes_export.py)."""
    from newsdesk.web.routes_export import KINDS, MAX_DOWNLOADS

    content = {kind: {"schema": {"type": "string", "format": "binary" if fmt == "parquet" else "text"}}
               for fmt, (kind, _) in KINDS.items()}
    headers = {"Content-Disposition": {"description": "attachment; filename=\"newsdesk-….jsonl\"",
                                       "schema": {"type": "string"}},
               "X-Export-Articles": {"description": "how many articles the file holds", "schema": {"type": "integer"}},
               "X-Export-Complete": {"description": "false when the search index is missing or behind, so the"
                                     " search read only its newest matches", "schema": {"type": "string"}}}
    selection = [_param("q", "Only the articles this search finds (as /api/search reads it; syndicated copies"
                        " included)"), *FILTERS,
                 _param("story", "Only this story's articles", "integer"),
                 _param("entity", "Only the articles naming this entity", "integer")]
    return {"get": {"summary": "Download articles", "description":
                    "The articles a search, source, story or entity page shows, as a file in any format"
                    " `newsdesk export` writes (the same writer and the same selection: `q`, the filters,"
                    " `story`, `entity`; all of them when none is given): JSONL, CSV, Parquet, or the"
                    " GDELT-style events, mentions and GKG tables of those articles. Streamed as it is"
                    " written, never held whole. A bad format, date or query is a 400 with the reason, an"
                    f" unknown story or entity a 404; while {MAX_DOWNLOADS} downloads are being written by the process,"
                    " another is a 503 (`busy`). An export that fails before its first byte is a 500"
                    " (`export_failed`); one that fails later cuts the connection, so a broken file never"
                    " looks whole. HEAD answers the headers without writing the file.",
                    "parameters": [_param("format", "jsonl (default), csv, parquet, gdelt-events,"
                                           " gdelt-mentions or gdelt-gkg"), *selection],
                    "responses": {"200": {"description": "The file", "headers": headers, "content": content},
                                  "400": ERROR, "404": ERROR, "500": ERROR, "503": ERROR}}}


def _listing_item() -> dict[str, Any]:
    """An article in a listing or a search answer (web/listing.item_json): what the analyze record
    does not know is null (a text scrape has no URL, an undated page no `published`), never a
    made-up value, so those fields say so; the schema said "string" and an answer with a null
    `url` did not validate."""
    maybe_s, strings = {"type": ["string", "null"]}, {"type": "array", "items": {"type": "string"}}
    fields: dict[str, Any] = {k: maybe_s for k in ("title", "url", "canonical_url", "site_name", "published",
                                                   "updated", "language", "excerpt", "image")}
    fields |= {
        "id": {"type": "integer"}, "authors": strings, "categories": strings,
        "date": {"type": "string", "description": "the listing's order: published, else when first stored"},
        "links": {"type": "object", "properties": {"html": {"type": "string"}, "api": {"type": "string"}}},
        "copies": {"type": "integer", "description": "more stored copies of this text (folded)"},
        "other_sources": {"type": "integer", "description": "other sources among them"},
        "story_id": {"type": ["integer", "null"], "description": "/api/articles: the story of a text with copies"},
        "snippet": {"type": "string", "description": "search only: the matching passage"},
        "snippet_html": {"type": "string", "description": "search only: the snippet, matches in <mark>"},
    }
    return {"type": "object", "required": ["id", "title", "url", "published", "date", "links"], "properties": fields}


def _schemas() -> dict[str, Any]:
    obj, arr, s = "object", "array", {"type": "string"}
    return {
        "Error": {"type": obj, "properties": {"error": {"type": obj, "properties": {
            "status": {"type": "integer"}, "code": s, "message": s}}}},
        "Listing": {"type": obj, "required": ["items", "next", "prev"], "properties": {
            "items": {"type": arr, "items": _listing_item()},
            "next": {"type": ["string", "null"]}, "prev": {"type": ["string", "null"]},
            "filters": {"type": obj, "description": "/api/articles: the filters applied"},
            "query": {**s, "description": "/api/search: the query"}, "sort": s,
            "page": {"type": "integer", "description": "/api/search: the page number"},
            "read_as": {"type": ["array", "null"], "items": {"type": "string"},
                        "description": "/api/search: the words searched for (all of them) when the query"
                                       " could not be read as written ('iran -vote'), else null"},
            "total": {"type": ["integer", "null"], "description": "/api/search: how many articles the query"
                                                                  " finds in all (at least this many when"
                                                                  " `total_exact` is false)"},
            "total_exact": {"type": ["boolean", "null"]},
            "total_label": {"type": ["string", "null"],
                            "description": "/api/search: the count as the page says it ('12 results',"
                                           " 'at least 1,000 results')"},
            "past_the_end": {"type": ["string", "null"],
                             "description": "/api/search: on a page past the last results (empty items, the"
                                            " true total), what the page says: 'Nothing on page 51: the 4"
                                            " results end on page 1'; else null"}}},
        "Article": {"type": obj, "description": "The `newsdesk analyze` contract (see DESIGN.md) plus `store`.",
                    "properties": {"quotes": {"type": arr, "items": {"$ref": "#/components/schemas/Quote"}}}},
        "Counts": {"type": obj, "properties": {"items": {"type": arr, "items": {"type": obj, "properties": {
            "name": s, "articles": {"type": "integer"}}}}}},
        "Items": {"type": obj, "properties": {"items": {"type": arr, "items": {"type": obj}}}},
        "Stats": _stats_schema(),
        "Object": {"type": obj},
        "EventList": {"type": obj, "required": ["events", "more", "page"], "properties": {
            "events": {"type": "array", "items": {"type": obj}}, "more": {"type": "boolean"},
            "page": {"type": "integer"}, "limit": {"type": "integer"}, "filters": {"type": obj}, **COUNTED}},
        **_quote_schemas(),
        "StoryList": _story_list(),
    }


def _id(name: str, what: str) -> dict[str, Any]:
    return _param(name, what, "integer", "path", True)


_PAGE = _param("page", "Page number, 1-1000 (another is a 400; a page past the list's end is empty)", "integer")
_LIMIT = _param("limit", "Items per page (1-100, default 50), as the commands' --limit", "integer")
QUOTE_PATHS = {
    "/api/quotes": _get("Quote search", "What did X say about Y: stored quotes, newest first, each with where"
                        " its pieces, cue and speaker mention are in the article text.",
                        [_param("speaker", "Who said it: a name or alias (every entity that has it, and quotes"
                                 " whose unresolved speaker is written so), else words of the phrase; and the"
                                 " quotes whose speaker the text writes so (`speaker_text`: 'the senator' finds"
                                 " the senator's quotes filed under their name), each marked `written_match`, or"
                                 " whose speaker's role is so (`role_match`: 'foreign minister')"),
                         _param("speaker_id", "Who said it: one entity, by id", "integer"),
                         _param("about", "Words of what was said (not of the speaker's name), all of them;"
                                         " each finds its forms (English stems): 'missiles' finds 'missile"
                                         " program', 'treaties' 'treaty', 'said' 'says'; words that together"
                                         " name a country or a stored entity are one name, matched as a phrase"
                                         " ('united states' also finds 'American'), as is a \"quoted phrase\""),
                         _param("kind", "direct or indirect"),
                         _param("since", "Only quotes of this day or later (YYYY-MM-DD, the article's date)"),
                         _param("until", "Only quotes of this day or earlier (YYYY-MM-DD, inclusive)"),
                         _PAGE, _LIMIT], "QuoteList"),
    "/api/entities/in/{article_id}": _get(
        "One article's entities and quotes", "Stored mentions and quotes of one article, in text order;"
        " `covered` false: the article's language is not one the desk reads for both entities and quotes"
        " (entities and quotes: English and French), so an empty list says nothing about it;"
        " `covered_stages` says per stage which lists were looked for.",
        [_id("article_id", "Article id")], "Annotations"),
}


def _correction(summary: str, description: str, params: list[dict[str, Any]], fields: dict[str, str]) -> dict[str, Any]:
    """A user's correction of the entities: a POST with the write token and a JSON object."""
    body = {"type": "object", "required": list(fields), "properties": {
        k: {"type": ["integer", "string"] if k in ("keep", "drop") else "string", "description": v}
        for k, v in fields.items()}}
    answer = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Entity"}}}}
    return {"post": {"summary": summary, "description": description + " Needs the write token.",
                     "parameters": params, "security": [{"token": []}],
                     "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
                     "responses": {"200": {"description": "Merged", **answer}, "201": {"description": "Split off",
                                                                                     **answer},
                                   "400": ERROR, "401": ERROR, "403": ERROR, "404": ERROR}}}


_DAY = "a day, YYYY-MM-DD"
# The numbered lists' count, in the search answer's names: only the search knew its total, and a page
# past the end of the others led back to the page before it, itself empty.
COUNTED = {"total": {"type": "integer", "description": "how many the list holds in all, every page"},
           "past_the_end": {"type": ["string", "null"], "description": "a page past the last: the sentence saying"
                            " so and where the list ends ('Nothing on page 9: the 120 quotes end on page 3');"
                            " null otherwise"},
           "last_page": {"type": "integer", "description": "the last page holding items (0 when none)"}}
# The JSON twins of the entity, story and event pages (routes_entities, routes_stories,
# routes_events): they answered, but the description left them out, so /docs did not show them.
UNDERSTANDING_PATHS = {
    "/api/entities": _get("Entities", "Canonical people, organisations and places, most mentioned first;"
                          " mentions, articles and quotes are counted as the entity's page lists them,"
                          " a syndicated copy's left out.",
                          [_param("type", "PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, LAW, PRODUCT or WORK_OF_ART"),
                           _param("q", "Only entities with an alias containing this"), _PAGE, _LIMIT],
                          "EntityList"),
    "/api/entities/{entity_id}": _get("One entity", "Aliases, roles, mentions per day, co-occurring entities,"
                                      " articles and quotes (the 50 newest of each: `quote_count` and"
                                      " `article_count` say how many there are; /api/quotes?speaker_id= pages"
                                      " through every quote).", [_id("entity_id", "Entity id")], "EntityDetail",
                                      merged=True),
    "/api/entities/merge": _correction("Merge two entities", "`drop` becomes part of `keep` (aliases, mentions,"
                                       " quotes); the decision survives reprocess. Answers the kept entity.",
                                       [], {"keep": "the entity to keep: id or name", "drop": "the entity to fold"
                                            " into it: id or name"}),
    "/api/entities/{entity_id}/split": _correction("Split a name off an entity", "The alias becomes an entity"
                                                   " of its own, with its mentions and quotes; the decision"
                                                   " survives reprocess. Answers the new entity (201).",
                                                   [_id("entity_id", "Entity id")],
                                                   {"alias": "one of the entity's aliases"}),
    "/api/stories": _get("Stories", "Stories (articles about the same event), most recently active first;"
                         " with `grew_since`, which stories grew: those that took articles collected since then,"
                         " newest arrival first, each with how many (`joined`).",
                         [_PAGE, _param("min", "Only stories of at least this many articles", "integer"),
                          _param("grew_since", "An ISO date or time (UTC unless it says; a date from its"
                                 " midnight), or `today`: only stories that took articles collected since then"),
                          _param("sort", "`active` (default without grew_since): by the news day of the latest"
                                 " report; `arrived`: by when the newest member was collected"),
                          _param("limit", "Stories per page (1-100, default 30), as `newsdesk stories --limit`",
                                 "integer")], "StoryList"),
    "/api/stories/{id}": _get("One story", "Headline, first and latest report, and the timeline of articles and"
                              " sources with syndicated copies grouped.", [_id("id", "Story id")], "Object"),
    "/api/duplicates/{id}": _get("An article's duplicates", "The article's story and the other members of its"
                                 " syndication group.", [_id("id", "Article id")], "Object"),
    "/api/events": _get("Events", "Coded events (who did what to whom), newest first, each with its sentence.",
                        [_param("actor", "Actor code on either side: IRN, IRNGOV"),
                         _param("pair", "Two actor codes, either direction: USA-IRN"),
                         _param("ordered", "1: with pair, only the first acting on the second (`--ordered`)",
                                "integer"),
                         _param("code", "CAMEO code prefix: 04, 046"),
                         _param("place", "ISO 3166 alpha-3 country where it happened"),
                         _param("since", f"From {_DAY}"), _param("until", f"Up to {_DAY}, inclusive"), _PAGE,
                         _param("limit", "Events per page (1-500, default 100), as `newsdesk events --limit`",
                                "integer")],
                        "EventList"),
    "/api/pair/{pair}": _get("An actor pair", "Two actors' events over time: mean Goldstein per day, cooperation"
                             " and conflict counts, and the events day by day.",
                             [_param("pair", "Two actor codes joined by '-': USA-IRN", where="path", required=True)],
                             "Object"),
}


def _stats_schema() -> dict[str, Any]:
    """/api/stats, field by field: the schema said only "an object", so a client learnt nothing of it."""
    n, counts = {"type": "integer"}, {"type": "object", "additionalProperties": {"type": "integer"}}

    def per(unit: str) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "object", "required": [unit, "articles"],
                                           "properties": {unit: {"type": "string"}, "articles": n}}}
    fields = {
        "articles": n, "not_articles": {**n, "description": "stored pages judged not articles (/api/not-articles)"},
        "failures": n, "raw_pages": n, "sources": n, "sites": n,
        "languages": {**counts, "description": "articles per language code ('unknown' for none)"},
        "schema_version": n, "failure_reasons": {**counts, "description": "failures per 'stage: reason'"},
        "to_reprocess": {"type": "object", "required": ["articles", "languages", "command"], "properties": {
            "articles": {**n, "description": "articles an older code read otherwise than today's would"},
            "languages": counts, "command": {"type": "string"}}},
        "per_day": {**per("day"), "description": "articles per publication day (collection day when unknown)"},
        "per_month": per("month"),
        "counted_at": {"type": "string", "format": "date-time", "description": "when these counts were made (UTC)"},
    }
    return {"type": "object", "required": list(fields), "properties": fields}


def _story_list() -> dict[str, Any]:
    """/api/stories, field by field: it was "Object", and a client had to read the JSON to learn that
    quiet stories are listed too (`status`) or what `lead` and `groups` hold."""
    i, maybe_s, arr = {"type": "integer"}, {"type": ["string", "null"]}, "array"
    member = {"type": "object", "description": "an article: id, title, url, site_name, published, first_seen,"
              " excerpt, similarity, duplicate_of …", "properties": {"id": i, "title": maybe_s, "url": maybe_s}}
    story = {"type": "object", "required": ["id", "articles", "status"], "properties": {
        "id": i, "headline": maybe_s, "articles": {**i, "description": "articles in the story"},
        "sources": {**i, "description": "distinct sources among them"},
        "first_day": {**maybe_s, "description": "YYYY-MM-DD of its first article"},
        "last_day": {**maybe_s, "description": "YYYY-MM-DD of its latest article"},
        "status": {"type": "string", "enum": ["live", "quiet"], "description": "quiet: no article for a while;"
                   " quiet stories are listed too"},
        "updated_at": {"type": "string"},
        "arrived": {**maybe_s, "description": "when its newest member was collected (ISO, UTC); `last_day` is"
                    " the news day its reports tell of"},
        "joined": {**i, "description": "with ?grew_since only: its members collected since then"},
        "lead": {"oneOf": [member, {"type": "null"}], "description": "its latest article that is no copy"},
        "groups": {"type": arr, "description": "its articles, one entry per distinct text with its copies",
                   "items": {"type": "object", "properties": {"representative": member,
                                                              "copies": {"type": arr, "items": member}}}}}}
    return {"type": "object", "required": ["stories", "page", "more"], "properties": {
        "stories": {"type": arr, "items": story}, "page": i, "limit": i, "more": {"type": "boolean"},
        "min": {**i, "description": "?min: only stories of at least this many articles"},
        "grew_since": {**maybe_s, "description": "?grew_since as read (`today`: this UTC day), or null"},
        "sort": {"type": "string", "enum": ["active", "arrived"]}, **COUNTED}}


def _quote_schemas() -> dict[str, Any]:
    """A quote with its anatomy; offsets are character offsets into the article's `text`."""
    s, i, arr = {"type": "string"}, {"type": "integer"}, "array"
    maybe_i, maybe_s = {"type": ["integer", "null"]}, {"type": ["string", "null"]}
    quote = {"type": "object", "required": ["text", "kind", "start", "end", "pieces"], "properties": {
        "id": {**i, "description": "Stored quote id; the article page marks it with the anchor `#q<id>`"},
        "text": {**s, "description": "What was said; a split quote's pieces joined with ' … '"},
        "kind": {"type": "string", "enum": ["direct", "indirect"]},
        "start": {**i, "description": "Start of the whole attribution (its first piece)"},
        "end": {**i, "description": "End of the whole attribution (its last piece)"},
        "pieces": {"type": arr, "description": "What was said, as [start, end] stretches in text order; the cue"
                   " clause between a split quote's halves is outside them. Quotes stored before"
                   " these fields existed have the one piece [start, end].",
                   "items": {"type": arr, "items": i, "minItems": 2, "maxItems": 2}},
        "cue": {**maybe_s, "description": "The cue word or phrase: said, according to, a colon"},
        "cue_start": {**maybe_i, "description": "Where the cue is, or null"}, "cue_end": maybe_i,
        "speaker": {**maybe_s, "description": "The speaker's name, or the phrase the text uses"},
        "speaker_role": maybe_s,
        "speaker_id": {**maybe_i, "description": "The speaker's entity (/api/entities/{id}) when resolved"},
        "speaker_start": {**maybe_i, "description": "Where the text names the speaker: the name, the"
                          " description or the pronoun as written, or null"}, "speaker_end": maybe_i,
        "speaker_text": {**maybe_s, "description": "The speaker as the text writes them (text[speaker_start:"
                         "speaker_end]: \"the minister\", \"we\", \"she\"), where `speaker` is whom that was"
                         " resolved to; null when the text names no speaker"},
        "written_match": {"type": "boolean", "description": "Quote search only: true when ?speaker= found"
                          " this quote by its speaker as written (`speaker_text`), not by the name it is"
                          " filed under; false otherwise"},
        "role_match": {"type": "boolean", "description": "Quote search only: true when ?speaker= found this"
                       " quote by the role the text gives its speaker (`speaker_role`: 'foreign minister' of"
                       " \"Iran's Foreign Minister Mohammad Javad Zarif said\"), neither by name nor as written"},
        "article_id": i, "day": maybe_s, "title": maybe_s, "url": maybe_s}}
    quotes = {"type": arr, "items": {"$ref": "#/components/schemas/Quote"}}
    return {
        "Quote": quote,
        "QuoteList": {"type": "object", "required": ["quotes", "more", "page"], "properties": {
            "quotes": quotes, "more": {"type": "boolean", "description": "a next page exists"}, "page": i, "limit": i,
            **COUNTED,
            "speaker": maybe_s, "about": maybe_s, "kind": maybe_s, "since": maybe_s, "until": maybe_s,
            "speaker_entity": {"type": ["object", "null"], "description": "?speaker_id's entity",
                               "properties": {"id": i, "name": s, "type": s}},
            "speakers": {"type": arr, "description": "Who is quoted most among the quotes found (10 most; on page 1)",
                         "items": {"type": "object", "properties": {
                             "speaker_id": {**maybe_i, "description": "null: a speaker not resolved to an entity"},
                             "name": s, "quotes": i}}}}},
        "Annotations": {"type": "object", "properties": {
            "article_id": i, "language": {**maybe_s, "description": "ISO 639-1, null when not identified"},
            "covered": {"type": "boolean", "description": "whether entities and quotes are both read in this"
                        " language; false: an empty list may be empty because nothing was looked for"},
            "covered_stages": {"type": "object", "description": "per stage, whether it reads this language"
                               " (a French article: entities and quotes true, events false)",
                               "properties": {"entities": {"type": "boolean"}, "quotes": {"type": "boolean"},
                                              "events": {"type": "boolean"}}},
            "not_read_yet": {"type": arr, "items": s, "description": "stages that read this language now but had"
                             " not when the article was stored (the store's record, table article_reads)"},
            "reprocess": {**maybe_s, "description": "when not_read_yet: \"not read yet; run `newsdesk reprocess"
                          " --stale`\""},
            "entities": {"type": arr, "items": {"$ref": "#/components/schemas/Mention"}}, "quotes": quotes}},
        **_entity_schemas(),
    }


def _entity_schemas() -> dict[str, Any]:
    """The entity list, one entity's page and a mention, field by field ("Object" said nothing)."""
    s, i, arr = {"type": "string"}, {"type": "integer"}, "array"
    maybe_s, day = {"type": ["string", "null"]}, {"type": ["string", "null"], "description": "YYYY-MM-DD"}
    counts = {"mentions": {**i, "description": "Mentions, a syndicated copy's left out"},
              "articles": {**i, "description": "Articles naming it, copies left out"},
              "quotes": {**i, "description": "Quotes attributed to it, copies left out"}}
    named = {"id": i, "type": {**s, "description": "PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, ..."}, "name": s,
             "country": {**maybe_s, "description": "ISO 3166 alpha-3"},
             "metonym": {**i, "description": "1: a capital standing for a government (Tehran), else 0"}}
    entity = {"type": "object", "required": ["id", "type", "name"], "properties": {**named, **counts}}
    role = {"type": "object", "properties": {"role": s, "mentions": i, "first": day, "last": day}}
    detail = {"type": "object", "required": ["id", "type", "name", "aliases", "quotes", "articles"], "properties": {
        **named, "key": {**s, "description": "the name as matched"}, "first_seen": day,
        "aliases": {"type": arr, "items": s}, "roles": {"type": arr, "items": role},
        "mentions": {**i, "description": "Mentions, copies left out"},
        "mentions_by_day": {"type": arr, "items": {"type": "object", "properties": {"day": day, "mentions": i}}},
        "cooccurring": {"type": arr, "description": "Named in the same articles, by shared articles (20 most)",
                        "items": {"type": "object", "properties": {"id": i, "name": s, "type": s, "articles": i}}},
        "quotes": {"type": arr, "items": {"$ref": "#/components/schemas/Quote"}, "description": "the 50 newest"},
        "quote_count": i, "article_count": i,
        "namesakes": {"type": arr, "description": "Other entities of the same name (a nationality and its country)",
                      "items": {"type": "object", "properties": {"id": i, "name": s, "type": s}}},
        "empty": {"type": "boolean", "description": "No mention and no quote names it now (its mentions went"
                  " elsewhere, or a reprocess is storing its articles again)"},
        "filed_under": {"type": ["object", "null"], "description": "An empty entity: the entity its name is filed"
                        " under now (a bare surname's mentions went to the one person carrying it)",
                        "properties": {"id": i, "name": s, "type": s}},
        "speakers_for": {"type": arr, "description": "A country's or nationality's page: who speaks for it (its"
                         " quoted people, organisations and places, itself too), most quoted first",
                         "items": {"type": "object", "properties": {"id": i, "name": s, "type": s, "quotes": i}}},
        "articles": {"type": arr, "description": "the 50 newest", "items": {"type": "object", "properties": {
            "id": i, "title": maybe_s, "url": maybe_s, "published": maybe_s, "mentions": i,
            "collected": {**maybe_s, "description": "when it was first collected (an undated article's date)"},
            "heading": {"type": "boolean", "description": "the article names it in its heading or byline"
                        " only, not in its text"}}}}}}
    mention = {"type": "object", "required": ["entity_id", "text", "start", "end"], "properties": {
        "entity_id": i, "text": {**s, "description": "as written: text[start:end], unless `heading`"},
        "start": {**i, "description": "character offset into the article's `text`"}, "end": i,
        "heading": {"type": "boolean", "description": "true: named by the page's heading or byline only, not"
                    " in `text` (a statement's writer); start == end == 0 and `text` is the name as the"
                    " heading gives it"},
        "role": {**maybe_s, "description": "the role the text gives a person here"},
        "type": s, "name": {**s, "description": "the canonical entity's name"}, "country": maybe_s,
        "metonym": named["metonym"]}}
    return {"Entity": entity, "EntityDetail": detail, "Mention": mention,
            "EntityList": {"type": "object", "required": ["entities", "more", "page"], "properties": {
                "entities": {"type": arr, "items": {"$ref": "#/components/schemas/Entity"}},
                "more": {"type": "boolean"}, "page": i, "limit": i, "type": maybe_s, "q": maybe_s, **COUNTED}}}
