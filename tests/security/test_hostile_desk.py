"""Script in what strangers write (feed and item titles, bylines, categories, article HTML, quote
text, failure details) collected through the real pipeline, then every desk page, the Atom feeds
and the JSON API's HTML fields read in chromium: nothing may run.

A page "runs" when a dialog opens or `window.pwned` is set: every payload below does one or the
other. The store is built by `newsdesk ingest` from a loopback server (real fetcher, real SQLite,
quotes and entities found by the pipeline), so what reaches the desk is what an attacker's
site would put there, not a hand-made record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from click.testing import CliRunner

from desk_server import chromium_browser, running_server
from loopback import LoopbackServer

pytestmark = pytest.mark.browser

RUN = "window.pwned=1"
IMG = f"<img src=x onerror={RUN}>"
SCRIPT = f"<script>{RUN}</script>"
WORDS = ("The council met on Tuesday to discuss the budget for the coming year, and members argued for "
         "hours about roads, schools and the library before the vote was put off until next week. ")


def _text(s: str) -> str:
    """`s` as HTML text: what a page shows as the literal characters."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


STORY = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Budget row {_text(SCRIPT)} grows</title>
<meta name="author" content="{_text(IMG).replace('"', '&quot;')}">
<meta property="article:section" content="{_text(SCRIPT)}">
<meta property="og:site_name" content="Hostile {_text(IMG)} Times">
</head><body><article><h1>Budget row grows</h1>
<p>"The budget {_text(IMG)} is a disgrace and we will fight it," said Mayor John Smith on Tuesday at the
town hall in Springfield. <script>{RUN}</script> <img src="x" onerror="{RUN}"></p>
<p>{WORDS * 2}<a href="javascript:{RUN}">read more</a> <svg><script>{RUN}</script></svg></p>
<p>Smith added that the council would vote next week. "We have no choice {_text(SCRIPT)} but to act," he
said. <iframe srcdoc="<script>parent.pwned=1</script>"></iframe></p>
<p>{WORDS * 3}</p></article></body></html>"""

FEED_ITEM_HTML = (f"<p>\"Nobody {_text(SCRIPT)} asked us,\" said Councillor Mary Jones, who chairs the roads "
                  f"committee in Springfield.</p><p>{WORDS * 6}</p><script>{RUN}</script>"
                  f'<iframe srcdoc="&lt;script&gt;parent.pwned=1&lt;/script&gt;"></iframe>'
                  f'<svg onload="{RUN}"><script>{RUN}</script></svg><a href="javascript:{RUN}">x</a>'
                  f"<p>{WORDS * 4}</p>")


def _feed(server: LoopbackServer) -> bytes:
    def cdata(s: str) -> str:
        return f"<![CDATA[{s}]]>"

    items = [
        (server.url("/story"), f"Budget{SCRIPT} row", IMG, "<p>teaser</p>"),
        (server.url("/gone"), f"Roads{IMG} plan", SCRIPT, FEED_ITEM_HTML),  # 404: the feed's copy is kept
    ]
    body = "".join(
        f"<item><title>{cdata(title)}</title><link>{link}</link><dc:creator>{cdata(author)}</dc:creator>"
        f"<category>{cdata(SCRIPT)}</category><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate>"
        f"<content:encoded>{cdata(html)}</content:encoded></item>"
        for link, title, author, html in items)
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{cdata('Hostile ' + SCRIPT + ' Feed')}</title><link>{server.url('/')}</link>{body}"
            f"</channel></rss>").encode()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsdesk.cli import main

    db = tmp_path_factory.mktemp("hostile") / "desk.db"
    with LoopbackServer() as server:
        server.add("/feed.xml", _feed(server), content_type="application/rss+xml")
        server.add("/story", STORY)
        server.add("/nav", f"<html><head><title>Menu {_text(IMG)}</title></head><body><ul><li>"
                           f"<a href='/a'>A</a></li></ul></body></html>")
        server.add("/blob", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
                   content_type=f"image/x-{IMG.replace(' ', '')}")
        sources = [server.url("/feed.xml"), server.url("/nav"), server.url("/blob"),
                   server.url("/missing") + f'?q="><script>{RUN}</script>']
        result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--allow-private", "--delay", "0", "--json",
                                           *sources], catch_exceptions=False)
    summary = json.loads(result.stdout)
    assert summary["new"] >= 2 and summary["not_article"] >= 1 and summary["failed"], summary
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_browser()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


# Markup that would run were the desk's Content-Security-Policy (no inline script) ever lost:
# checked in the DOM, so a lapse in escaping fails the test even while the CSP still holds.
ARMED = """() => [...document.querySelectorAll('*')].filter(e =>
    [...e.attributes].some(a => a.name.toLowerCase().startsWith('on')
                               || /^\\s*(javascript|vbscript|data):/i.test(a.value) && /href|src|action/i.test(a.name))
    || (e.localName === 'script' && !e.getAttribute('src'))
    || (e.localName === 'iframe' && e.hasAttribute('srcdoc'))).map(e => e.outerHTML.slice(0, 120))"""


def _ran(page: Any) -> list[str]:
    """What ran or could run on the page: dialogs, `window.pwned`, armed markup in the DOM."""
    page.wait_for_timeout(100)  # an onerror fires once the broken image has failed
    pwned = page.evaluate("() => window.pwned !== undefined")
    return [*page.dialogs, *(["window.pwned set"] if pwned else []), *page.evaluate(ARMED)]


START = ["/", "/not-articles", "/failures", "/sources", "/quotes", "/entities", "/authors", "/categories",
         "/stories", "/events", "/stats", "/search?q=budget", "/search?q=script"]


def _same_desk(base: str, href: str) -> str | None:
    url = urljoin(base + "/", href)
    parts = urlsplit(url)
    if not url.startswith(base) or parts.path.startswith(("/api", "/docs", "/static")) or url.endswith(".atom"):
        return None
    return url.split("#")[0]


def test_no_desk_page_runs_script_from_collected_content(desk: str, page: Any) -> None:
    queue, seen, ran = [desk + p for p in START], set(), []
    while queue and len(seen) < 80:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        ran += [f"{url}: {what}" for what in _ran(page)]
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], url
        queue += [u for h in hrefs if (u := _same_desk(desk, h)) and u not in seen]
    assert not ran, ran
    assert any("/article/" in u for u in seen) and any("/quotes" in u for u in seen)
    # The attack reached the desk as text: it was there to run, and did not.
    page.goto(desk + "/quotes")
    assert "<script>" in page.inner_text("body")
    page.goto(desk + "/failures")
    assert "onerror" in page.inner_text("body") and not _ran(page)


def test_atom_feeds_run_nothing(desk: str, page: Any) -> None:
    entities = httpx.get(desk + "/api/entities", timeout=60).json()
    ids = [e["id"] for e in (entities.get("items") or entities.get("entities") or [])][:5]
    feeds = ["/feed.atom", "/search/feed.atom?q=budget", *(f"/entities/{i}/feed.atom" for i in ids)]
    for path in feeds:
        response = page.goto(desk + path)
        assert response.status == 200, path
        assert not _ran(page), (path, _ran(page))
    body = httpx.get(desk + "/feed.atom", timeout=60).text
    assert "window.pwned" in body and "<script>" not in body  # there, as text only


def _html_fields(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key.endswith("_html") and isinstance(inner, str):
                yield inner
            else:
                yield from _html_fields(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _html_fields(inner)


def test_the_apis_html_fields_run_nothing_when_put_in_a_page(desk: str, page: Any) -> None:
    fields: list[str] = []
    for path in ("/api/search?q=budget", "/api/search?q=script", "/api/search?q=pwned", "/api/articles",
                 "/api/quotes", "/api/not-articles", "/api/failures"):
        response = httpx.get(desk + path, timeout=60)
        assert response.status_code == 200, path
        fields += _html_fields(response.json())
    assert fields, "no HTML field in any answer"
    assert any("pwned" in f for f in fields)  # the payload is in them, to be tried
    page.goto(desk + "/stats")
    for html in fields:
        page.evaluate("html => { const d = document.createElement('div'); d.innerHTML = html;"
                      " document.body.appendChild(d); }", html)
    assert not _ran(page), _ran(page)
