"""JSON-LD (schema.org) blocks: the node describing this page's article and the values in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_tags import loads_lenient
from newsdesk.extract.meta_text import as_list, clean_ws, split_list

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenews", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle",
    "livebloposting", "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle",
    "report", "posting", "satiricalarticle", "medicalscholarlyarticle", "review", "discussionforumposting",
}
# Types whose headline is still the page's headline when no Article node exists.
PAGE_TYPES = {"webpage", "itempage", "videoobject", "medicalwebpage", "qapage", "creativework"}


def ld_nodes(tree: LexborHTMLParser, scripts: list[Any] | None = None) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD blocks (`scripts`, when the caller already has them),
    @graph and mainEntity members included."""
    for script in tree.css('script[type="application/ld+json"]') if scripts is None else scripts:
        raw = (script.text(deep=True) or "").strip()
        if not raw:
            continue
        data = loads_lenient(raw)
        if data is not None:
            yield from _walk(data, depth=0)


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:  # nesting deeper than this is not article metadata
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), list | dict):
                yield from _walk(data[key], depth + 1)


def types(node: dict[str, Any]) -> list[str]:
    return [str(t).lower().rsplit("/", 1)[-1] for t in as_list(node.get("@type"))]


def is_article(node: dict[str, Any]) -> bool:
    """Typed as an article: the listed types and schema.org's many *Article / *Posting variants."""
    return any(t in ARTICLE_TYPES or t.endswith(("article", "posting")) for t in types(node))


def article_node(nodes: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """The node describing this page's article (an empty dict when there is none), and all types seen."""
    all_types = [t for n in nodes for t in types(n)]
    for node in nodes:
        if is_article(node):
            return _resolved(node, nodes), all_types
    for node in nodes:
        if set(types(node)) & PAGE_TYPES and (node.get("headline") or node.get("datePublished")):
            return _resolved(node, nodes), all_types
    return {}, all_types


def _resolved(node: dict[str, Any], nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """The node with its author/creator/publisher references ({"@id": ...}) replaced by the nodes named.

    Yoast and other @graph writers give the article `"author": {"@id": "#/schema/person/..."}` and
    the Person elsewhere in the graph.
    """
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 1}
    if not by_id:
        return node

    def deref(item: Any) -> Any:
        if isinstance(item, dict) and set(item) <= {"@id", "@type"} and item.get("@id") in by_id:
            return by_id[item["@id"]]
        return item

    out = dict(node)
    for key in ("author", "creator", "publisher"):
        if key in out:
            out[key] = [deref(i) for i in out[key]] if isinstance(out[key], list) else deref(out[key])
    return out


def ld_str(node: dict[str, Any] | None, key: str) -> str | None:
    if not node:
        return None
    value = node.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return clean_ws(str(value)) if value not in (None, "") else None


def ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return clean_ws(str(value)) if isinstance(value, str) and value.strip() else None


def ld_image(node: dict[str, Any] | None) -> str | None:
    if not node:
        return None
    value = node.get("image") or node.get("thumbnailUrl")
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return str(value).strip() if isinstance(value, str) and value.strip() else None


def ld_authors(node: dict[str, Any] | None, organisations: bool = False) -> list[str]:
    """Author names in an Article node; with organisations=True only those typed Organization."""
    if not node:
        return []
    names = []
    for item in as_list(node.get("author")) + as_list(node.get("creator")):
        if organisations and not (isinstance(item, dict) and "organization" in types(item)):
            continue
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if not name and (item.get("givenName") or item.get("familyName")):
                name = f"{item.get('givenName', '')} {item.get('familyName', '')}"
            if name:
                names.append(str(name))
        elif isinstance(item, str):
            names.append(item)
    return names


def keywords(node: dict[str, Any] | None, metas: dict[str, str]) -> list[str]:
    raw = node.get("keywords") if node else None
    if not raw:
        raw = metas.get("news_keywords") or metas.get("keywords")
    if isinstance(raw, list):
        return [clean_ws(str(k)) for k in raw if str(k).strip()]
    return split_list(raw)
