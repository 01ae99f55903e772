"""The extraction bench keeps one-time costs (imports, model loads) out of pages/s unless asked."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from newsdesk.bench import extraction

BODY = " ".join(f"Sentence {i} tells readers what the council decided about the harbour." for i in range(20))


def _slow_first_call() -> extraction.Extractor:
    calls = []

    def tool(html: str, url: str | None) -> str | None:
        if not calls:
            end = time.process_time() + 0.3  # a model load: CPU time, once per process
            while time.process_time() < end:
                pass
        calls.append(url)
        return BODY

    return tool


@pytest.mark.parametrize("warm_up", [True, False])
def test_one_time_costs_are_untimed_only_with_warm_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      warm_up: bool) -> None:
    pages = tmp_path / "html"
    pages.mkdir()
    truth = {}
    for i in range(3):
        (pages / f"p{i}.html.gz").write_bytes(gzip.compress(f"<html><body><p>{BODY}</p></body></html>".encode()))
        truth[f"p{i}"] = {"articleBody": BODY, "url": f"https://x.example/{i}"}
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    monkeypatch.setattr(extraction, "available_tools", lambda: {"slow-start": _slow_first_call()})
    result = extraction.run(pages, tmp_path / "truth.json", warm_up=warm_up)
    seconds = result["tools"]["slow-start"]["seconds"]
    assert (seconds < 0.2) == warm_up
    assert result["tools"]["slow-start"]["f1"] == pytest.approx(1.0)
