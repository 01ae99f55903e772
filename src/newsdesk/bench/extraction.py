"""Body-extraction benchmark: ours beside trafilatura, readability-lxml and newspaper4k, one run.

A page set is a directory of `<id>.html` / `<id>.html.gz` files and a truth JSON
`{id: {"articleBody": str, "url": str?}}` (the scrapinghub article-extraction-benchmark
format). The metric is that benchmark's 4-gram shingle P/R/F1 (see `shingle_scores`); when a
`score.py` sits beside the truth file (as in ../shared/bench/extraction) its `evaluate` is
used instead, so our figures are the scorer's own.

Every tool runs on the same decoded page, page by page in turn (interleaved, so machine
load hits all tools alike; the order rotates from page to page, so no tool always goes first);
pages/s counts CPU time of this single process (one core), which other jobs on a shared machine
disturb far less than wall time. Before timing, every tool reads the first page once untimed
(`warm_up`): imports and model loads are paid once per process, not per page (our language model
alone takes ~1 s to load, 7 ms a page spread over 131 pages; trafilatura's import was always
outside the timing). `run(..., warm_up=False)` times those one-time costs too. Network use is
switched off where a tool has it (newspaper4k's image fetching).
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from newsdesk.extract.decode import decode_bytes

Extractor = Callable[[str, "str | None"], "str | None"]
_WORD = re.compile(r"\w+")
NGRAM = 4  # the benchmark's shingles are runs of four words


# --- tools -----------------------------------------------------------------------------


def _ours(html: str, url: str | None) -> str | None:
    """What `newsdesk analyze --jsonl --stages extract` answers for a {"id", "html", "url"} line."""
    from newsdesk.analyze import analyze_line

    return str(analyze_line({"id": None, "html": html, "url": url}, _EXTRACT_ONLY(), _SETTINGS())["text"])


@functools.cache
def _EXTRACT_ONLY() -> Any:  # noqa: N802 - a cached constant
    from newsdesk.stages import Stages

    return Stages(("extract",))


@functools.cache
def _SETTINGS() -> Any:  # noqa: N802 - a cached constant
    from newsdesk.settings import Settings

    return Settings()


def _ours_body(html: str, url: str | None) -> str | None:
    """Our body step alone (no metadata, language, related rail or classification), for comparison."""
    from newsdesk.extract.html import extract_body

    return "\n\n".join(extract_body(html, url)[0])


def _trafilatura(favor_precision: bool) -> Extractor:
    import trafilatura

    def run(html: str, url: str | None) -> str | None:
        return trafilatura.extract(html, url=url, favor_precision=favor_precision)

    return run


def _readability(html: str, url: str | None) -> str | None:
    import lxml.html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    root = lxml.html.fromstring(summary)
    blocks = root.xpath("//p|//h1|//h2|//h3|//h4|//li|//pre|//blockquote")
    text = "\n\n".join(b.text_content().strip() for b in blocks if b.text_content().strip())
    return text or root.text_content().strip()


def newspaper_article(html: str, url: str | None) -> Any:
    """newspaper4k's parsed Article of a page we hand it (the metadata benchmark reads it too)."""
    import newspaper

    config = newspaper.Config()
    config.fetch_images = False  # no network inside a benchmark
    article = newspaper.Article(url or "http://example.invalid/", config=config)
    article.download(input_html=html)
    article.parse()
    return article


def _newspaper(html: str, url: str | None) -> str | None:
    return str(newspaper_article(html, url).text)


def available_tools() -> dict[str, Extractor]:
    """Ours plus every anchor installed here (missing ones are skipped, not faked)."""
    tools: dict[str, Extractor] = {"newsdesk": _ours, "newsdesk-body-only": _ours_body}
    if importlib.util.find_spec("trafilatura"):
        tools["trafilatura"] = _trafilatura(False)
        tools["trafilatura-precision"] = _trafilatura(True)
    if importlib.util.find_spec("readability"):
        tools["readability-lxml"] = _readability
    if importlib.util.find_spec("newspaper"):
        tools["newspaper4k"] = _newspaper
    return tools


# --- data ------------------------------------------------------------------------------


def load_pages(pages_dir: Path) -> dict[str, str]:
    """Decoded pages by id (file name without .html/.htm/.gz)."""
    pages = {}
    for path in sorted(Path(pages_dir).iterdir()):
        name = path.name
        if not re.search(r"\.html?(\.gz)?$", name):
            continue
        raw = path.read_bytes()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        pages[re.sub(r"\.html?(\.gz)?$", "", name)] = decode_bytes(raw)
    return pages


def load_scorer(truth_file: Path) -> ModuleType | None:
    """The set's own score.py, loaded by path, when it ships one."""
    path = Path(truth_file).with_name("score.py")
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("_bench_extraction_score", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- metric (the scorer's documented metric, for sets without a score.py) ---------------


def shingles(text: str | None) -> Counter[tuple[str, ...]]:
    toks = _WORD.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < NGRAM:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + NGRAM]) for i in range(len(toks) - NGRAM + 1))


def page_counts(truth: str | None, pred: str | None) -> tuple[float, float, float]:
    """Length-normalised (tp, fp, fn) of one page."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aggregate(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Corpus P and R as the means of the pages' P and R, and F1 of those means."""
    precs = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in counts if tp + fp > 0]
    recs = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in counts if tp + fn > 0]
    p = statistics.mean(precs) if precs else 0.0
    r = statistics.mean(recs) if recs else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


def shingle_scores(truth: dict[str, dict[str, Any]], pred: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Corpus P/R/F1 as the benchmark defines them (mean per-page P and R, then F1)."""
    counts = [page_counts(truth[k].get("articleBody"), (pred.get(k) or {}).get("articleBody")) for k in truth]
    exact = [_WORD.findall(truth[k].get("articleBody") or "")
             == _WORD.findall((pred.get(k) or {}).get("articleBody") or "") for k in truth]
    return aggregate(counts) | {"accuracy": statistics.mean(exact) if exact else 0.0}


def score(truth: dict[str, dict[str, Any]], pred: dict[str, dict[str, Any]],
          scorer: ModuleType | None) -> dict[str, float]:
    if scorer is None:
        return shingle_scores(truth, pred)
    m = scorer.evaluate(truth, pred, n_bootstrap=0, allow_missing=True)
    return {k: m[k] for k in ("f1", "precision", "recall", "accuracy")}


# --- run -------------------------------------------------------------------------------


def run(pages_dir: Path, truth_file: Path, tools: list[str] | None = None, limit: int | None = None,
        text_dir: Path | None = None, warm_up: bool = True) -> dict[str, Any]:
    """Score every tool on every page with a truth entry; time each tool on the same pages."""
    truth_all = json.loads(Path(truth_file).read_text(encoding="utf-8"))
    pages = {k: v for k, v in load_pages(Path(pages_dir)).items() if k in truth_all}
    ids = sorted(pages)[:limit] if limit else sorted(pages)
    truth = {k: truth_all[k] for k in ids}
    chosen = {n: f for n, f in available_tools().items() if tools is None or n in tools}
    preds: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in chosen}
    seconds = dict.fromkeys(chosen, 0.0)
    errors = dict.fromkeys(chosen, 0)
    names = list(chosen)
    if warm_up and ids:
        _warm_up(chosen, pages[ids[0]], truth[ids[0]].get("url"))
    for turn, pid in enumerate(ids):
        url = truth[pid].get("url")
        # Interleaved: each page goes through every tool in turn, and the turn rotates, so no tool
        # always meets a page first (cold caches) or last (warm caches).
        for name in names[turn % len(names):] + names[:turn % len(names)]:
            fn = chosen[name]
            start = time.process_time()
            try:
                body = fn(pages[pid], url)
            except Exception:  # noqa: BLE001 - a tool failing on a page scores as an empty prediction
                body, errors[name] = None, errors[name] + 1
            seconds[name] += time.process_time() - start
            preds[name][pid] = {"articleBody": body or ""}
    scorer = load_scorer(Path(truth_file))
    result: dict[str, Any] = {"pages": len(ids), "scorer": "score.py" if scorer else "built-in", "tools": {},
                              "warm_up": warm_up}
    for name in chosen:
        row = score(truth, preds[name], scorer)
        row.update(seconds=seconds[name], pages_per_s=len(ids) / seconds[name] if seconds[name] else 0.0,
                   errors=errors[name])
        result["tools"][name] = row
    if text_dir is not None:
        result["text"] = run_text(Path(text_dir), truth, scorer)
    return result


def _warm_up(tools: dict[str, Extractor], page: str, url: str | None) -> None:
    """One untimed call per tool: imports and model loads happen here, not inside the timing."""
    for fn in tools.values():
        try:
            fn(page, url)
        except Exception:  # noqa: BLE001, S112 - a failing tool is counted when it is timed
            continue
    warm_trafilatura_caches()


def warm_trafilatura_caches() -> None:
    """Build trafilatura's all-languages jusText stop-word set, as a warm-up does with other loads.

    trafilatura builds it (154,000 words, then jusText's lower-cased frozenset of them) the first
    time a page falls back to jusText without a language, once per process: 0.26-0.31 s of CPU
    here, paid inside the timing by whichever tool met such a page first. In both benchmarks that
    was trafilatura (about 6% of its time on the 131 bench pages, in our favour), and our own
    fallback passes then used the set for free. Any other trafilatura: nothing is done, as before.
    """
    try:
        from justext.core import define_stoplist
        from trafilatura import external

        define_stoplist(external.JT_STOPLIST or external.jt_stoplist_init())
    except Exception:  # noqa: BLE001, S110 - without those internals the load stays where it was
        pass


def run_text(text_dir: Path, truth: dict[str, dict[str, Any]], scorer: ModuleType | None) -> dict[str, Any]:
    """Plain-text scrapes of the same pages: ours (extract/text.py, when present) beside the whole text."""
    texts = {p.stem: p.read_text(encoding="utf-8", errors="replace") for p in sorted(text_dir.glob("*.txt"))}
    ids = [k for k in truth if k in texts]
    gold = {k: truth[k] for k in ids}
    out: dict[str, Any] = {"pages": len(ids), "tools": {}}
    out["tools"]["whole text"] = score(gold, {k: {"articleBody": texts[k]} for k in ids}, scorer)
    try:
        from newsdesk.extract.text import extract_text
    except ImportError:
        return out
    preds = {}
    for k in ids:
        try:
            preds[k] = {"articleBody": extract_text(texts[k], url=gold[k].get("url")).text}
        except Exception:  # noqa: BLE001 - scored as empty
            preds[k] = {"articleBody": ""}
    out["tools"]["newsdesk"] = score(gold, preds, scorer)
    return out


def format_table(result: dict[str, Any]) -> str:
    """Ours and each anchor, one row each, with F1 and speed ratios against ours."""
    tools = result["tools"]
    ours = tools.get("newsdesk", {})
    timing = "one-time loads untimed" if result.get("warm_up", True) else "one-time loads timed"
    lines = [f"body extraction: {result['pages']} pages, scorer {result['scorer']}, {timing}",
             f"{'tool':<24}{'F1':>7}{'P':>7}{'R':>7}{'exact':>7}{'pages/s':>9}{'ours speed x':>14}{'err':>5}"]
    for name, m in tools.items():
        ratio = ours.get("pages_per_s", 0.0) / m["pages_per_s"] if m["pages_per_s"] else 0.0
        lines.append(f"{name:<24}{m['f1']:>7.3f}{m['precision']:>7.3f}{m['recall']:>7.3f}"
                     f"{m['accuracy']:>7.3f}{m['pages_per_s']:>9.1f}{ratio:>14.2f}{m['errors']:>5}")
    if "text" in result:
        lines.append(f"plain-text scrapes: {result['text']['pages']} pages")
        for name, m in result["text"]["tools"].items():
            lines.append(f"{name:<24}{m['f1']:>7.3f}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['accuracy']:>7.3f}")
    return "\n".join(lines)
