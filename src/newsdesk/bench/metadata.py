"""Metadata benchmark: title, authors and publication date, ours beside trafilatura and newspaper4k.

A page set is a gold JSONL whose lines name a page by `file` (relative to the pages
directory, by default the gold file's folder) with `title`, `authors` (list) and
`date_published` (ISO, or null when the page states none): the format of
../shared/bench/metadata/{fundus,postlight}/gold.jsonl. Scoring is that set's `score.py`
(looked up beside the gold file, then one folder up), loaded by path; its figures are:
title exact match (normalised), author-name micro F1, date accuracy (day level).

"Invented" counts values given where the gold has none: an author on a page whose gold
author list is empty, a date on a page whose gold date is null. The gold is the truth
here: a page the annotators found no author on should get none from us either.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import io
import json
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from newsdesk.bench.extraction import newspaper_article
from newsdesk.extract.decode import decode_bytes

Meta = dict[str, Any]  # {"title", "authors", "date_published"}
Tool = Callable[[str, "str | None"], Meta]


def _ours(html: str, url: str | None) -> Meta:
    from newsdesk.extract.html import extract_html

    a = extract_html(html, url=url)
    return {"title": a.title, "authors": list(a.authors), "date_published": a.published}


def _ours_metadata(html: str, url: str | None) -> Meta:
    """The metadata module alone (read_metadata's headline), without html.py's own title rule.

    Shown beside the full path so the two can be compared; the analyze path is the `newsdesk` row.
    """
    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.extract.metadata import markup_date, read_metadata

    meta = read_metadata(LexborHTMLParser(html), url)
    return {"title": meta.headline, "authors": list(meta.authors),
            "date_published": meta.published or markup_date(html, url)}


def _trafilatura(html: str, url: str | None) -> Meta:
    import trafilatura

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, as_dict=True)
    doc: dict[str, Any] = found if isinstance(found, dict) else {}
    authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
    return {"title": doc.get("title"), "authors": authors, "date_published": doc.get("date")}


def _newspaper(html: str, url: str | None) -> Meta:
    article = newspaper_article(html, url)
    date = article.publish_date.isoformat() if article.publish_date else None
    return {"title": article.title or None, "authors": list(article.authors), "date_published": date}


def available_tools() -> dict[str, Tool]:
    """Ours (full extract_html path, and the metadata module alone) plus every anchor installed here
    (missing ones are skipped, not faked)."""
    tools: dict[str, Tool] = {"newsdesk": _ours, "newsdesk-metadata": _ours_metadata}
    if importlib.util.find_spec("trafilatura"):
        tools["trafilatura"] = _trafilatura
    if importlib.util.find_spec("newspaper"):
        tools["newspaper4k"] = _newspaper
    return tools


def load_scorer(truth_file: Path) -> ModuleType:
    for path in (truth_file.with_name("score.py"), truth_file.parent.parent / "score.py"):
        if path.exists():
            spec = importlib.util.spec_from_file_location("_bench_metadata_score", path)
            if spec and spec.loader:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return module
    raise FileNotFoundError(f"no score.py beside {truth_file} or one folder up; the set ships its scorer")


def _read_page(path: Path) -> str:
    raw = path.read_bytes()
    return decode_bytes(gzip.decompress(raw) if path.name.endswith(".gz") else raw)


def _score(scorer: ModuleType, truth_file: Path, preds: list[Meta]) -> dict[str, Any]:
    """The set's scorer run on our predictions, exactly as its command line would run it."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
        pred_path = fh.name
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            scorer.main([str(truth_file), pred_path, "--json"])
    finally:
        Path(pred_path).unlink(missing_ok=True)
    return json.loads(out.getvalue())


def _invented(gold: list[Meta], preds: list[Meta]) -> dict[str, int]:
    by_file = {p["file"]: p for p in preds}
    authors = sum(1 for g in gold if g.get("authors") == [] and by_file[g["file"]].get("authors"))
    dates = sum(1 for g in gold if "date_published" in g and g["date_published"] is None
                and by_file[g["file"]].get("date_published"))
    return {"invented_authors": authors, "invented_dates": dates,
            "no_author_pages": sum(1 for g in gold if g.get("authors") == []),
            "no_date_pages": sum(1 for g in gold if "date_published" in g and g["date_published"] is None)}


def run(pages_dir: Path | None, truth_file: Path, tools: list[str] | None = None,
        limit: int | None = None) -> dict[str, Any]:
    """Every tool on every gold page, interleaved page by page; scores from the set's score.py."""
    truth_file = Path(truth_file)
    base = Path(pages_dir) if pages_dir else truth_file.parent
    gold = [json.loads(line) for line in truth_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = gold[:limit] if limit else gold
    chosen = {n: f for n, f in available_tools().items() if tools is None or n in tools}
    preds: dict[str, list[Meta]] = {n: [] for n in chosen}
    seconds = dict.fromkeys(chosen, 0.0)
    errors = dict.fromkeys(chosen, 0)
    for g in gold:
        html = _read_page(base / g["file"])
        for name, fn in chosen.items():
            start = time.process_time()
            try:
                meta = fn(html, g.get("url"))
            except Exception:  # noqa: BLE001 - a tool failing on a page predicts nothing for it
                meta, errors[name] = {}, errors[name] + 1
            seconds[name] += time.process_time() - start
            preds[name].append({"file": g["file"], **meta})
    scorer = load_scorer(truth_file)
    result: dict[str, Any] = {"pages": len(gold), "gold": str(truth_file), "tools": {}, "predictions": preds}
    for name in chosen:
        row = _score(scorer, truth_file, preds[name])
        row.update(_invented(gold, preds[name]), errors=errors[name],
                   pages_per_s=len(gold) / seconds[name] if seconds[name] else 0.0)
        result["tools"][name] = row
    return result


def format_table(result: dict[str, Any]) -> str:
    lines = [f"metadata: {result['pages']} pages ({result['gold']})",
             f"{'tool':<19}{'title':>7}{'authF1':>8}{'authP':>7}{'authR':>7}{'date':>7}{'date±1':>8}"
             f"{'inv.auth':>10}{'inv.date':>10}{'pages/s':>9}"]
    for name, m in result["tools"].items():
        lines.append(
            f"{name:<19}{m.get('title_exact', 0):>7.3f}{m.get('authors_name_F1', 0):>8.3f}"
            f"{m.get('authors_name_P', 0):>7.3f}{m.get('authors_name_R', 0):>7.3f}"
            f"{m.get('date_accuracy', 0):>7.3f}{m.get('date_accuracy_pm1day', 0):>8.3f}"
            f"{m['invented_authors']:>5}/{m['no_author_pages']:<4}{m['invented_dates']:>5}/{m['no_date_pages']:<4}"
            f"{m['pages_per_s']:>9.1f}"
        )
    return "\n".join(lines)


# --- error analysis --------------------------------------------------------------------------


def misses(result: dict[str, Any], tool: str = "newsdesk") -> dict[str, list[str]]:
    """Every page `tool` got wrong, one line each, grouped by field and a rough cause.

    The causes are read off the two values only (no page is opened again): enough to see which
    general fix would pay, e.g. "title: site name left in" vs "title: another headline".
    """
    truth_file = Path(result["gold"])
    scorer = load_scorer(truth_file)
    gold = {g["file"]: g for line in truth_file.read_text(encoding="utf-8").splitlines()
            if line.strip() and (g := json.loads(line))}
    groups: dict[str, list[str]] = {}
    for pred in result["predictions"][tool]:
        g = gold[pred["file"]]
        for field, cause in _causes(scorer, g, pred):
            groups.setdefault(f"{field}: {cause}", []).append(
                f"{pred['file']}\n    gold: {g.get(field)!r}\n    ours: {pred.get(field)!r}")
    return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))


def _causes(scorer: ModuleType, g: Meta, p: Meta) -> list[tuple[str, str]]:
    found = []
    if g.get("title") and scorer.nt(g["title"]) != scorer.nt(p.get("title")):
        found.append(("title", _title_cause(scorer, g["title"], p.get("title"))))
    if g.get("authors") is not None:
        want, got = set(scorer.auth_list(g["authors"])), set(scorer.auth_list(p.get("authors")))
        if want != got:
            found.append(("authors", "none given" if not got else "invented" if not want else
                          "some missing" if got < want else "extra names" if want < got else "other names"))
    if "date_published" in g:
        want_day, got_day = scorer.day_pair(g["date_published"], p.get("date_published"))
        if want_day != got_day:
            found.append(("date_published", "none given" if not got_day else "invented" if not want_day
                          else "off by one day" if _one_day_apart(want_day, got_day) else "other day"))
    return found


def _title_cause(scorer: ModuleType, want: str, got: str | None) -> str:
    w, o = scorer.nt(want), scorer.nt(got)
    if not o:
        return "none given"
    if re.sub(r"\W", "", w) == re.sub(r"\W", "", o):
        return "punctuation or spacing"
    if w in o:
        return "extra words around the headline (site name, kicker)"
    if o in w:
        return "headline cut too short"
    return "another headline (SEO/social variant)" if scorer.tok_f1(want, got) < 0.8 else "reworded headline"


def _one_day_apart(a: str, b: str) -> bool:
    from datetime import date

    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) == 1
    except ValueError:
        return False


def format_misses(groups: dict[str, list[str]], limit: int | None = None) -> str:
    lines = []
    for cause, pages in groups.items():
        lines.append(f"== {cause}: {len(pages)}")
        lines += [f"  {p}" for p in pages[:limit]]
    return "\n".join(lines)
