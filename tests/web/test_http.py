"""The desk over a real loopback server: pages, JSON twins, errors, security, feeds, writes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from newsdesk.settings import Settings

from .desk_fixtures import running_server
from .hostile import HOSTILE_TITLE

PAGES = ["/", "/search?q=government", "/stats", "/sources", "/failures", "/categories", "/authors", "/docs",
         "/category/World", "/source/Rail%20Times", "/author/News%20Desk", "/category/News"]


class _Collect(HTMLParser):
    """Every tag with its attributes, every <script> body, and alternate JSON links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_bodies.append(data)


def parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


def get(base_url: str, path: str, **kw: object) -> httpx.Response:
    return httpx.get(base_url + path, timeout=10, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_a_working_json_twin(base_url: str, path: str) -> None:
    r = get(base_url, path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    twins = [a.get("href") for t, a in parse(r.text).tags
             if t == "link" and a.get("rel") == "alternate" and a.get("type") == "application/json"]
    assert twins, f"{path} has no JSON twin"
    j = get(base_url, twins[0] or "")
    assert j.status_code == 200 and j.headers["content-type"].startswith("application/json")
    assert isinstance(j.json(), dict)


def test_front_page_shows_articles_rail_filters_and_pages(base_url: str) -> None:
    r = get(base_url, "/?limit=5")
    html = r.text
    assert "Recent posts" in html
    assert len(re.findall(r'class="card"', html)) == 5
    assert re.search(r"<time[^>]+data-relative[^>]*>[^<]*(ago|just now|in \d)", html)
    assert '<select name="site">' in html and '<select name="language">' in html
    older = re.search(r'rel="next" href="([^"]+)"', html)
    assert older, "no link to older articles"
    page2 = get(base_url, older.group(1).replace("&amp;", "&"))
    assert page2.status_code == 200 and 'rel="prev"' in page2.text


def test_api_pagination_walks_every_article_once(base_url: str) -> None:
    seen: list[int] = []
    url: str | None = "/api/articles?limit=7"
    while url:
        body = get(base_url, url).json()
        seen += [item["id"] for item in body["items"]]
        url = body["next"]
    stats = get(base_url, "/api/stats").json()
    assert len(seen) == len(set(seen)) == stats["articles"]


def test_language_and_site_filters_apply(base_url: str) -> None:
    langs = get(base_url, "/api/languages").json()["items"]
    assert len(langs) >= 2, "the test store should hold more than one language"
    rare = langs[-1]["name"]
    body = get(base_url, f"/api/articles?language={rare}&limit=100").json()
    assert len(body["items"]) == langs[-1]["articles"] and all(i["language"] == rare for i in body["items"])
    site = body["items"][0]["site_name"]
    body = get(base_url, f"/api/articles?site={site}&limit=100").json()
    assert all(i["site_name"] == site for i in body["items"])


def test_article_page_is_a_reader_view_with_related_links(base_url: str, ids: dict[str, int]) -> None:
    r = get(base_url, f"/article/{ids['rail']}")
    assert r.status_code == 200
    assert "Iran Refuses to Negotiate Missile Capabilities with US" in r.text
    assert 'href="/category/News"' in r.text and 'href="/category/World"' in r.text
    tags = parse(r.text).tags
    related = r.text.split('id="related-title"', 1)
    assert len(related) == 2, "no related posts section"
    assert related[1].count("<li>") >= 6
    assert re.search(r'<li><a href="/article/\d+" >A stored story</a>', related[1]), "stored related post not local"
    assert 'href="https://rail.example/post-1"' in related[1]
    assert any(t == "a" and a.get("id") in ("nav-older", "nav-newer") for t, a in tags)
    assert "<dt>Input</dt><dd>rail-record</dd>" in r.text  # where the article came from
    record = get(base_url, f"/api/articles/{ids['rail']}").json()
    assert record["store"]["input"] == "rail-record"
    assert record["title"] == "Iran Refuses to Negotiate Missile Capabilities with US"
    assert record["categories"] == ["News", "World"] and len(record["related"]) == 6


def test_search_highlights_phrases_prefixes_and_filters(base_url: str) -> None:
    r = get(base_url, "/api/search", params={"q": "missile"})
    items = r.json()["items"]
    assert items and "<mark>" in items[0]["snippet_html"].lower()
    phrase = get(base_url, "/api/search", params={"q": '"human rights"'}).json()["items"]
    assert phrase and all(re.search(r"human\W+rights", i["snippet"] + " " + (i["title"] or ""), re.I) for i in phrase)
    prefix = get(base_url, "/api/search", params={"q": "negotiat*"}).json()["items"]
    assert len(prefix) >= 1
    anywhere = get(base_url, "/api/search", params={"q": "the", "limit": 100}).json()["items"]
    other = next(i["language"] for i in anywhere if i["language"] != "en")
    only = get(base_url, "/api/search", params={"q": "the", "language": other}).json()["items"]
    assert only and all(i["language"] == other for i in only)
    by_date = get(base_url, "/api/search", params={"q": "government", "sort": "date", "limit": 50}).json()["items"]
    keys = [i["date"] for i in by_date]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize("q", ['"unterminated', "(", "AND", "*", "NEAR(", "a:b:c"])
def test_malformed_search_is_a_helpful_message_never_a_500(base_url: str, q: str) -> None:
    html = get(base_url, "/search", params={"q": q})
    assert html.status_code in (200, 400)
    api = get(base_url, "/api/search", params={"q": q})
    assert api.status_code in (200, 400)
    if api.status_code == 400:
        err = api.json()["error"]
        assert err["code"] == "invalid_query" and "phrase" in err["message"]
        assert 'role="alert"' in html.text


def test_errors_have_one_shape(base_url: str) -> None:
    for path, status in (("/api/articles/999999", 404), ("/api/nope", 404), ("/api/articles?limit=x", 400),
                         ("/api/articles?cursor=%%%", 400), ("/api/articles?since=yesterday", 400)):
        r = get(base_url, path)
        assert r.status_code == status, path
        assert set(r.json()["error"]) == {"status", "code", "message"}
    html = get(base_url, "/article/999999")
    assert html.status_code == 404 and html.headers["content-type"].startswith("text/html")


def test_security_headers_on_every_response(base_url: str) -> None:
    for path in ("/", "/api/stats", "/static/desk.css", "/nope"):
        h = get(base_url, path).headers
        assert "script-src 'self'" in h["content-security-policy"]
        assert "unsafe-inline" not in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("which", ["hostile", "hostile_extracted"])
def test_hostile_article_renders_as_text(base_url: str, ids: dict[str, int], which: str) -> None:
    r = get(base_url, f"/article/{ids[which]}")
    assert r.status_code == 200
    doc = parse(r.text)
    assert doc.script_bodies == [], "an inline script reached the page"
    scripts = [a.get("src") for t, a in doc.tags if t == "script"]
    assert scripts == ["/static/desk.js"]
    for tag, attrs in doc.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for k in ("href", "src", "action"):
            assert not (attrs.get(k) or "").strip().lower().startswith(("javascript:", "data:")), (tag, attrs)
        assert tag not in ("iframe", "svg", "img") or attrs.get("src", "").startswith("http"), (tag, attrs)
    if which == "hostile":
        assert "&lt;/title&gt;&lt;script&gt;" in r.text  # the title is shown, as text
        assert HOSTILE_TITLE not in r.text


def test_atom_feeds_are_well_formed(base_url: str) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for path in ("/feed.atom", "/feed.atom?category=World", "/feed.atom?site=Rail%20Times", "/search/feed.atom?q=iran"):
        r = get(base_url, path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(r.content)
        entries = root.findall("a:entry", ns)
        assert entries, path
        for e in entries:
            assert e.find("a:title", ns) is not None and e.find("a:id", ns) is not None
            assert e.find("a:updated", ns) is not None


def test_stats_page_draws_the_chart_server_side(base_url: str) -> None:
    html = get(base_url, "/stats").text
    svg = re.search(r'<svg class="chart".*?</svg>', html, re.S)
    assert svg and svg.group(0).count('<rect class="bar"') >= 2
    stats = get(base_url, "/api/stats").json()
    assert stats["failures"] >= 1 and stats["per_day"] and stats["per_month"]
    assert "empty page" in get(base_url, "/failures").text
    assert "timeout" in get(base_url, "/sources").text


def test_openapi_describes_every_get_endpoint_that_works(base_url: str) -> None:
    spec = get(base_url, "/api/openapi.json").json()
    for path, item in spec["paths"].items():
        if "get" in item and "{" not in path:
            r = get(base_url, path, params={"q": "iran"} if path == "/api/search" else None)
            assert r.status_code == 200, path
    docs = get(base_url, "/docs").text
    assert "/api/search" in docs and "<script" not in docs.replace('<script src="/static/desk.js" defer>', "")


def test_writes_are_off_by_default(base_url: str) -> None:
    r = httpx.post(base_url + "/api/sources", json={"url": "https://example.org/feed.xml"}, timeout=10)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    form = httpx.post(base_url + "/sources", data={"url": "https://example.org/feed.xml", "token": ""}, timeout=10)
    assert form.status_code == 403
    assert 'name="token"' not in get(base_url, "/sources").text


def test_writes_need_the_token(corpus_store: tuple[Path, dict[str, int]]) -> None:
    db = corpus_store[0]
    with running_server(db, Settings(db=str(db), write_token="s3cret")) as url:
        body = {"url": "https://example.org/new-feed.xml", "kind": "feed"}
        assert httpx.post(url + "/api/sources", json=body, timeout=10).status_code == 401
        bad = httpx.post(url + "/api/sources", json=body, headers={"Authorization": "Bearer nope"}, timeout=10)
        assert bad.status_code == 401
        ok = httpx.post(url + "/api/sources", json=body, headers={"Authorization": "Bearer s3cret"}, timeout=10)
        assert ok.status_code == 201 and ok.json()["url"] == body["url"]
        again = httpx.post(url + f"/api/sources/{ok.json()['id']}/refetch",
                           headers={"Authorization": "Bearer s3cret"}, timeout=10)
        assert again.status_code == 202 and again.json()["next_fetch_at"]
        listed = httpx.get(url + "/api/sources", timeout=10).json()["items"]
        assert any(s["url"] == body["url"] for s in listed)
        js = httpx.post(url + "/api/sources", json={"url": "javascript:alert(1)"},
                        headers={"Authorization": "Bearer s3cret"}, timeout=10)
        assert js.status_code == 400
        page = httpx.get(url + "/sources", timeout=10).text
        assert 'name="token"' in page and 'type="password"' in page
        form = {"action": "add", "url": "https://example.org/form-feed.xml", "kind": "feed"}
        assert httpx.post(url + "/sources", data=form | {"token": "wrong"}, timeout=10).status_code == 401
        done = httpx.post(url + "/sources", data=form | {"token": "s3cret"}, timeout=10)
        assert done.status_code == 303 and done.headers["location"] == "/sources?done=added"
        assert "https://example.org/form-feed.xml" in httpx.get(url + "/sources", timeout=10).text


@pytest.mark.parametrize("path", PAGES + ["/article/{rail}"])
def test_pages_are_accessible_by_construction(base_url: str, ids: dict[str, int], path: str) -> None:
    """Language, one h1, a main landmark, labelled form controls, alt on images."""
    html = get(base_url, path.format(rail=ids["rail"])).text
    doc = parse(html)
    assert re.search(r'<html lang="[a-z]{2}', html)
    assert [t for t, _ in doc.tags].count("h1") == 1
    assert any(t == "main" for t, _ in doc.tags)
    label_for = {a.get("for") for t, a in doc.tags if t == "label"}
    # Controls nested in a <label> count as labelled: find them by scanning label spans.
    nested = set()
    for m in re.finditer(r"<label\b.*?</label>", html, re.S):
        nested |= set(re.findall(r'<(?:input|select|textarea)\b[^>]*name="([^"]+)"', m.group(0)))
    for tag, attrs in doc.tags:
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            assert attrs.get("id") in label_for or attrs.get("name") in nested, (path, tag, attrs)
        if tag == "img":
            assert "alt" in attrs, (path, attrs)


def test_route_modules_are_discovered_with_their_navigation() -> None:
    from newsdesk.web.app import discover_routes, route_modules

    names = route_modules()
    assert {"newsdesk.web.routes_front", "newsdesk.web.routes_api", "newsdesk.web.routes_search"} <= set(names)
    routes, nav = discover_routes()
    paths = {getattr(r, "path", None) for r in routes}
    assert {"/", "/article/{id:id}", "/search", "/api/search", "/feed.atom", "/docs"} <= paths
    assert all(isinstance(label, str) and href.startswith("/") for label, href in nav)
