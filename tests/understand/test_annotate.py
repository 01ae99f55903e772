"""The Annotator on the seed page and the languages it does not cover."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from entity_helpers import annotate

from newsdesk.records import Article
from newsdesk.understand.annotate import Annotator


def seed_body(shared: Path) -> tuple[str, str]:
    """The seed's article body, cut from the scrape at the first and last paragraph the golden file names."""
    expected = json.loads((shared / "seed" / "expected.json").read_text(encoding="utf-8"))["article"]
    raw = (shared / "seed" / "seed.txt").read_text(encoding="utf-8")
    start = raw.index(expected["first_paragraph_starts_with"])
    end = raw.index(expected["last_paragraph_ends_with"]) + len(expected["last_paragraph_ends_with"])
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", raw[start:end]) if p.strip()]
    return expected["title"], "\n\n".join(paragraphs)


def test_seed_entities_and_quotes_pass_check_py(shared_dir: Path, tmp_path: Path) -> None:
    title, body = seed_body(shared_dir)
    result = annotate(body, title=title).to_dict()
    out = tmp_path / "seed.json"
    out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(shared_dir / "seed" / "check.py"), str(shared_dir / "seed" / "expected.json"),
                          str(out), "--only", "entities,quotes"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    # offsets point into the text
    for e in result["entities"]:
        assert body[e["start"]:e["end"]] == e["text"]


def test_offsets_of_quotes_point_at_their_words(shared_dir: Path) -> None:
    _, body = seed_body(shared_dir)
    for q in annotate(body).quotes:
        first = q.text.split(" … ")[0]
        assert body[q.start:q.end].startswith(first[:20])


def test_languages_without_a_model_are_returned_unchanged() -> None:
    # German, not French: French has a model on PyPI and is read since F5 (test_f5_french_entities)
    article = Article(text="Der Minister sagte, die Verhandlungen würden weitergehen.", language="de")
    assert Annotator().annotate(article) is article
