"""`newsdesk analyze URL...`: the documents it fetches go through one polite fetcher, closed after."""

from __future__ import annotations

import gc

import httpx

from loopback import LoopbackServer
from newsdesk.analyze import analyze_documents
from newsdesk.settings import Settings
from newsdesk.stages import Stages

PARAS = "".join(f"<p>Paragraph {i} says the council met again on Tuesday to discuss the ferry timetable, "
                f"the harbour fees and the new pier, which residents have opposed for years.</p>" for i in range(6))


def _open_clients() -> set[int]:
    return {id(o) for o in gc.get_objects() if isinstance(o, httpx.Client) and not o.is_closed}


def test_analyze_urls_share_one_fetcher_and_close_it(tmp_path) -> None:
    with LoopbackServer() as server:
        server.robots("User-agent: *\nDisallow: /private/\n")
        paths = ["/a.html", "/b.html"]
        for path in paths:
            server.add(path, f"<html><title>Ferry {path}</title><body><article>{PARAS}</article></body></html>".encode(),
                       content_type="text/html")
        settings = Settings(db=str(tmp_path / "n.db"), allow_private=True, request_delay=0.3)
        stages = Stages(names=("extract",), settings=settings)
        gc.collect()
        before = _open_clients()
        # The Fetcher holds a reference cycle (its robots cache calls back into it), so a client
        # left open would linger until the cyclic collector ran: keep it from running meanwhile.
        gc.disable()
        try:
            results = list(analyze_documents([server.url(p) for p in paths], stages, settings))
            left_open = _open_clients() - before
        finally:
            gc.enable()
        seen = list(server.requests)
    assert [r.get("title") for r in results] == ["Ferry /a.html", "Ferry /b.html"], results
    assert not left_open, "the fetcher's HTTP client was never closed"
    assert [s.path for s in seen].count("/robots.txt") == 1, [s.path for s in seen]
    gaps = [b.at - a.at for a, b in zip(seen, seen[1:], strict=False)]
    assert min(gaps) >= 0.25, gaps  # request_delay 0.3 s between requests to the host


def test_jsonl_url_paths_share_one_fetcher(tmp_path) -> None:
    """`{"path": URL}` lines went each through a fetcher of their own: robots.txt read per line, no delay."""
    import io
    import json

    from newsdesk.analyze import analyze_jsonl

    with LoopbackServer() as server:
        server.robots("User-agent: *\nDisallow: /private/\n")
        for path in ("/a.html", "/b.html"):
            server.add(path, f"<html><title>Pier {path}</title><body><article>{PARAS}</article></body></html>".encode(),
                       content_type="text/html")
        settings = Settings(db=str(tmp_path / "n.db"), allow_private=True, request_delay=0.3)
        lines = [json.dumps({"id": n, "path": server.url(p)}) for n, p in enumerate(("/a.html", "/b.html",
                                                                                    "/private/c.html"))]
        out = io.StringIO()
        written = analyze_jsonl(lines, out, Stages(names=("extract",), settings=settings), settings)
        seen = list(server.requests)
    results = [json.loads(x) for x in out.getvalue().splitlines()]
    assert written == 3 and [r["id"] for r in results] == [0, 1, 2]
    assert [r["title"] for r in results[:2]] == ["Pier /a.html", "Pier /b.html"]
    assert results[2]["error"]["reason"] == "robots.txt disallows"
    assert [s.path for s in seen].count("/robots.txt") == 1, [s.path for s in seen]
    gaps = [b.at - a.at for a, b in zip(seen, seen[1:], strict=False)]
    assert min(gaps) >= 0.25, gaps


def test_jsonl_lines_that_broke_the_batch_are_each_refused_or_read(tmp_path) -> None:
    """A line of 100,000 nested "[" raised RecursionError and a lone surrogate ("\\ud800") a
    UnicodeEncodeError, out of analyze_jsonl: the batch ended with a traceback, every later line lost."""
    import io
    import json

    from newsdesk.analyze import analyze_jsonl

    page = f"<html><title>Pier</title><body><article>{PARAS}</article></body></html>"
    lines = ["[" * 100_000 + "]" * 100_000, json.dumps({"id": "s\ud800", "html": page.replace("Pier", "Pier\ud800")}),
             json.dumps({"id": 3, "html": page})]
    settings = Settings(db=str(tmp_path / "n.db"))
    out = io.StringIO()
    assert analyze_jsonl(lines, out, Stages(names=("extract",), settings=settings), settings) == 3
    first, second, third = (json.loads(x) for x in out.getvalue().splitlines())
    assert first["error"]["reason"] == "not a JSON object"
    assert second["id"] == "s?" and second["title"] == "Pier?"
    assert third["id"] == 3 and third["title"] == "Pier" and third["kind"] == "article"
