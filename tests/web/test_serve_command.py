"""`newsdesk serve` as a user runs it: a real process, loopback by default, answering HTTP."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .desk_fixtures import free_port


def _serve(db: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsdesk", "serve", "--db", str(db), "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"newsdesk serve exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            if httpx.get(url + "/api/stats", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("newsdesk serve did not answer within 60 s")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_answers_on_loopback(tmp_path: Path, workers: str) -> None:
    proc, url = _serve(tmp_path / "new.db", "--workers", workers)
    try:
        front = httpx.get(url + "/", timeout=10)
        assert front.status_code == 200 and "No articles here yet" in front.text
        assert httpx.post(url + "/api/sources", json={"url": "https://example.org/"}, timeout=10).status_code == 403
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"at {url}/" in out
