"""Ingest end to end over local inputs: bad input never costs data, and a killed run resumes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.pipeline import ingest, reprocess
from newsdesk.settings import Settings
from newsdesk.stages import Stages
from newsdesk.store import open_store
from newsdesk.store.source_list import sources_overview

PARAS = "".join(f"<p>Paragraph {i} of the report says the ministers met again on Tuesday to discuss the ferry "
                f"timetable, the harbour fees and the new pier, which residents have opposed for years.</p>"
                for i in range(8))
GOOD = f"<html><head><title>Ferry talks resume</title></head><body><article><h1>Ferry talks resume</h1>{PARAS}</article></body></html>"
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title><link>http://x/1</link></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title><link>http://x/1</link>
<description>&xxe;</description></item></channel></rss>"""


def make_batch(folder: Path) -> None:
    folder.mkdir()
    (folder / "01-good.html").write_text(GOOD, encoding="utf-8")
    (folder / "02-truncated.html").write_text(GOOD[: len(GOOD) * 2 // 3], encoding="utf-8")
    (folder / "03-malformed.html").write_text(GOOD.replace("</p>", "<b><i></p></div>").replace("<article>", "<article><table><tr>"),
                                              encoding="utf-8")
    lying = GOOD.replace("<head>", '<head><meta charset="utf-8">').replace("ministers", "ministères")
    (folder / "04-lying-charset.html").write_bytes(lying.encode("cp1252"))
    with (folder / "05-huge.html").open("wb") as fh:
        fh.truncate(100_000_000)
    (folder / "06-binary.html").write_bytes(bytes(range(256)) * 40)
    (folder / "07-empty.html").write_bytes(b"")
    (folder / "08-bomb.xml").write_bytes(BOMB)
    (folder / "09-xxe.xml").write_bytes(XXE)
    (folder / "10-corrupt.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(300))


def test_bad_inputs_fail_one_by_one_and_the_rest_is_stored(tmp_path):
    make_batch(tmp_path / "batch")
    with open_store(tmp_path / "n.db") as store:
        summary = ingest([str(tmp_path / "batch")], store, Settings(), stages=Stages(("extract",)))
        rows = store.conn.execute("SELECT origin, outcome FROM inputs").fetchall()
        outcomes = {Path(r["origin"]).name: r["outcome"] for r in rows}
        failures = {Path(f["input"].split("#")[0]).name: f["reason"] for f in store.failures()}
        texts = [r[0] for r in store.conn.execute("SELECT text FROM articles WHERE kind = 'article'")]
        all_text = " ".join(r[0] or "" for r in store.conn.execute("SELECT data FROM articles"))
    # usable pages are stored, damaged markup notwithstanding; the lying charset is decoded right
    assert outcomes["01-good.html"] == "new"
    assert outcomes["02-truncated.html"] in ("new", "updated")
    assert outcomes["03-malformed.html"] in ("new", "updated")
    assert any("ministères" in t for t in texts)
    # each unusable input is a failure with its own reason
    assert failures["05-huge.html"] == "too large"
    assert failures["06-binary.html"].startswith("binary")
    assert failures["07-empty.html"] == "empty input"
    assert "entit" in failures["08-bomb.xml"]
    assert "entit" in failures["09-xxe.xml"]
    assert failures["10-corrupt.warc.gz"] == "corrupt record"
    assert "root:" not in all_text  # the XXE target never reaches the store
    assert summary.new >= 1 and sum(summary.failed.values()) == 6


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM inputs").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _ingest_cmd(db: Path, sources: list[str]) -> list[str]:
    return [sys.executable, "-m", "newsdesk", "ingest", "--db", str(db), "--stages", "extract", "-q", "--json",
            *sources]


def _snapshot(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": sorted(tuple(r) for r in conn.execute("SELECT key, kind, title, content_hash FROM articles")),
            "raw": conn.execute("SELECT COUNT(*) FROM raw_pages").fetchone()[0],
            "inputs": sorted(tuple(r) for r in conn.execute("SELECT origin, sha256 FROM inputs")),
            "fts": conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0],
        }
    finally:
        conn.close()


def test_killed_ingest_resumes_losing_nothing_and_duplicating_nothing(tmp_path, shared_dir):
    sources = [str(shared_dir / "corpus" / "html"), str(shared_dir / "corpus" / "converted" / "wikinews-en-gum")]
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    subprocess.run(_ingest_cmd(clean, sources), check=True, capture_output=True, timeout=600)
    proc = subprocess.Popen(_ingest_cmd(killed, sources), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(killed) < 15 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; the test needs a bigger batch"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(killed)
    assert 0 < partial < len(_snapshot(clean)["inputs"])
    resumed = subprocess.run(_ingest_cmd(killed, sources), check=True, capture_output=True, text=True, timeout=600)
    summary = json.loads(resumed.stdout)
    assert summary["unchanged"] >= partial - 1  # at most the page being written when killed is redone
    assert _snapshot(killed) == _snapshot(clean)


def test_ingest_and_reprocess_leave_the_search_index_up_to_date(tmp_path):
    from newsdesk.store import search_index as si

    make_batch(tmp_path / "batch")
    si.forget_readers()
    with open_store(tmp_path / "s.db") as store:
        ingest([str(tmp_path / "batch")], store, Settings(), stages=Stages(("extract",)))
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles WHERE kind = 'article'")]
        reader = si.reader_for(str(tmp_path / "s.db"), si.db_identity(store.conn))
        assert ids and reader is not None
        # Nothing written is left for FTS5: the index holds every stored article.
        assert si.pending_ids(store.conn, reader.watermark, 100) == []
        store.conn.execute("UPDATE articles SET title = title || ' edited' WHERE id = ?", (ids[0],))
        assert si.pending_ids(store.conn, reader.watermark, 100) == [ids[0]]
        reprocess(store, Settings(), stages=Stages(("extract",)))
        si.forget_readers()
        reader = si.reader_for(str(tmp_path / "s.db"), si.db_identity(store.conn))
        assert reader is not None and si.pending_ids(store.conn, reader.watermark, 100) == []


def _sitemap(urls: list[str]) -> str:
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'


def test_follow_links_fetches_every_saved_sitemap_through_one_polite_fetcher(tmp_path):
    # Two saved sitemaps naming pages of one host: robots.txt is read once for the run, and the
    # per-host delay holds between the last page of one sitemap and the first of the next.
    from loopback import LoopbackServer

    with LoopbackServer() as server:
        server.robots("User-agent: *\nDisallow: /private/\n")
        paths = [f"/news/{i}.html" for i in range(4)]
        for path in paths:
            server.add(path, GOOD.replace("Ferry", f"Ferry {path}").encode(), content_type="text/html")
        folder = tmp_path / "saved"
        folder.mkdir()
        (folder / "a-sitemap.xml").write_text(_sitemap([server.url(p) for p in paths[:2]]))
        (folder / "b-sitemap.xml").write_text(_sitemap([server.url(p) for p in paths[2:]]))
        settings = Settings(db=str(tmp_path / "n.db"), allow_private=True, request_delay=0.3)
        with open_store(settings.db) as store:
            summary = ingest([str(folder)], store, settings, stages=Stages(names=("extract",), settings=settings),
                             follow_links=True)
        seen = list(server.requests)
    assert summary.new == 4, summary
    assert [s.path for s in seen].count("/robots.txt") == 1, [s.path for s in seen]
    gaps = [b.at - a.at for a, b in zip(seen, seen[1:], strict=False)]
    assert min(gaps) >= 0.25, gaps  # request_delay 0.3 s between any two requests to the host


@pytest.mark.parametrize("link", ["/ferry.html", "/track/ferry"])
def test_page_fetched_again_sends_its_stored_validators_and_304_counts_unchanged(tmp_path, link):
    # A feed entry updated after our fetch is asked for again with the ETag and Last-Modified its
    # stored raw page was served with: 304 is "unchanged" (nothing extracted, but the page was seen:
    # its last_seen moves), a new version "updated". /track/ferry: a feed's tracker link, whose
    # page is stored under the URL it redirects to.
    from datetime import UTC, datetime, timedelta

    from loopback import LoopbackServer

    def atom(url: str, updated: str) -> str:
        return (f"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title><entry><title>F</title>"
                f"<link href='{url}'/><id>{url}</id><updated>{updated}</updated></entry></feed>")

    def later(hours: int) -> str:
        return (datetime.now(UTC) + timedelta(hours=hours)).isoformat(timespec="seconds")

    stamp = "Tue, 10 Mar 2026 09:00:00 GMT"
    long_ago = "2020-01-01T00:00:00+00:00"
    settings = Settings(db=str(tmp_path / "n.db"), allow_private=True, request_delay=0.0)
    stages = Stages(names=("extract",), settings=settings)
    with LoopbackServer() as server, open_store(settings.db) as store:
        page, entry = server.url("/ferry.html"), server.url(link)
        server.add("/ferry.html", GOOD, etag='"v1"', last_modified=stamp)
        server.redirect("/track/ferry", page)
        server.add("/feed.atom", atom(entry, "2020-01-01T00:00:00Z"), content_type="application/atom+xml")
        assert ingest([server.url("/feed.atom")], store, settings, stages=stages).new == 1
        store.conn.execute("UPDATE articles SET last_seen = ?", (long_ago,))
        server.add("/feed.atom", atom(entry, later(1)), content_type="application/atom+xml")
        again = ingest([server.url("/feed.atom")], store, settings, stages=stages)
        asked = server.hits("/ferry.html")[-1].headers
        last_seen = store.conn.execute("SELECT last_seen FROM articles").fetchone()[0]
        server.add("/ferry.html", GOOD.replace("Tuesday", "Wednesday"), etag='"v2"', last_modified=stamp)
        server.add("/feed.atom", atom(entry, later(2)), content_type="application/atom+xml")
        changed = ingest([server.url("/feed.atom")], store, settings, stages=stages)
        text = store.get_article(page).text
        sources = [row["url"] for row in sources_overview(store.conn)]
    assert (again.unchanged, again.new, again.updated) == (1, 0, 0), again
    assert asked.get("if-none-match") == '"v1"' and asked.get("if-modified-since") == stamp, asked
    assert last_seen > long_ago  # the 304 was a sighting of the page
    assert changed.updated == 1 and "Wednesday" in text, changed
    assert page not in sources and entry not in sources  # a page's validators live with its raw page


def _warc_response(url: str, html: str) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2026-03-10T09:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(url))}>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def test_pages_claiming_a_javascript_canonical_are_not_stored_as_one_article(tmp_path):
    # The canonical URL is an article's key: two pages naming javascript:void(0) as theirs were one
    # article, the second stored as an "update" of the first, which was lost.
    pages = [("https://news.example/a", GOOD), ("https://news.example/b", GOOD.replace("Ferry", "Harbour"))]
    archive = tmp_path / "two.warc"
    archive.write_bytes(b"".join(_warc_response(url, html.replace(
        "<head>", '<head><link rel="canonical" href="javascript:void(0)">')) for url, html in pages))
    settings = Settings(db=str(tmp_path / "n.db"))
    with open_store(settings.db) as store:
        summary = ingest([str(archive)], store, settings, stages=Stages(names=("extract",), settings=settings))
        titles = sorted(store.get_article(url).title or "" for url, _ in pages)
    assert (summary.new, summary.updated) == (2, 0), summary
    assert titles == ["Ferry talks resume", "Harbour talks resume"]
