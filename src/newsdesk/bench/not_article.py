"""Article or not, measured: precision and recall of the `not_article` decision on a labelled set.

    labelled_pages(shared)   real pages read in place from ../shared, labelled by
                             not_article_labels.json (corpus and bench articles; a home page;
                             WARC records: Common Crawl spam, listings, catalogues, error pages,
                             archive.org home pages), then generated pages (not_article_pages.py:
                             home, category, tag, search, error, login, paywall, link farm)
    run(shared)              every page through `extract_html`, the path `newsdesk analyze` takes;
                             ours beside a length-only baseline (not an article when the body
                             has fewer than 40 words: what a bare extractor offers)

Positive class = not_article. Figures are given for all pages, real pages only and generated
pages only, with recall per kind, so a figure carried by the pages written here shows as such.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.bench.not_article_pages import generate_pages
from newsdesk.extract.decode import decode_bytes
from newsdesk.records import RawPage

LABELS = Path(__file__).resolve().parent / "not_article_labels.json"
# Words of body below which the baseline says "not an article" (classify.MIN_WORDS, the usual floor).
BASELINE_WORDS = 40


@dataclass(frozen=True)
class Labelled:
    page_id: str
    url: str | None
    html: str
    label: str  # "article" or "not_article"
    kind: str  # article, home, listing, category, tag, search, error, login, paywall, link_farm, other
    origin: str  # "real" or "generated"


def _read(path: Path) -> str:
    data = path.read_bytes()
    return decode_bytes(gzip.decompress(data) if path.name.endswith(".gz") else data)


def _glob_pages(shared: Path, entry: dict[str, Any], urls: dict[str, str]) -> Iterator[Labelled]:
    for path in sorted(shared.glob(entry["glob"])):
        rel = str(path.relative_to(shared))
        url = entry.get("url") or urls.get(rel) or urls.get(path.name.removesuffix(".html.gz"))
        yield Labelled(rel, url, _read(path), entry["label"], entry["kind"], "real")


def _warc_pages(shared: Path, entry: dict[str, Any]) -> Iterator[Labelled]:
    from newsdesk.sources.warc import read_warc

    by_url = {r["url"]: r for r in entry["records"]}
    for n, page in enumerate(read_warc(shared / entry["file"], 10_000_000)):
        if not isinstance(page, RawPage):
            continue
        record = by_url.get(page.url) or by_url.get("*")
        if record is None:
            continue
        html = decode_bytes(page.body, page.headers.get("content-type"))
        label = record.get("label", "not_article")
        yield Labelled(f"{entry['file']}#{n}", page.url, html, label, record["kind"], "real")


def _known_urls(shared: Path) -> dict[str, str]:
    """URL of each corpus file (manifest) and bench page (ground truth), so URL rules see what a crawler sees."""
    urls: dict[str, str] = {}
    for line in (shared / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        urls[f"corpus/{record['path']}"] = record["url"]
    truth = json.loads((shared / "bench" / "extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    urls.update({pid: v["url"] for pid, v in truth.items() if v.get("url")})
    return urls


def corpus_titles(shared: Path) -> list[str]:
    lines = (shared / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [t for t in (json.loads(line).get("title") for line in lines) if t]


def labelled_pages(shared: Path, per_kind: int = 8, real: bool = True) -> Iterator[Labelled]:
    """Every labelled page: the real ones (unless real=False), then `per_kind` generated pages per kind."""
    if real:
        labels = json.loads(LABELS.read_text(encoding="utf-8"))
        urls = _known_urls(shared)
        for entry in labels["globs"]:
            yield from _glob_pages(shared, entry, urls)
        for entry in labels["warc"]:
            yield from _warc_pages(shared, entry)
    for page_id, url, html, kind in generate_pages(corpus_titles(shared), per_kind=per_kind):
        yield Labelled(page_id, url, html, "not_article", kind, "generated")


def precision_recall(pairs: list[tuple[bool, bool]]) -> dict[str, float]:
    """(predicted not_article, truly not_article) pairs -> precision, recall, F1 and counts."""
    tp = sum(p and t for p, t in pairs)
    fp = sum(p and not t for p, t in pairs)
    fn = sum(t and not p for p, t in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(pairs), "positives": tp + fn,
            "tp": tp, "fp": fp, "fn": fn}


def judge(page: Labelled) -> dict[str, Any]:
    """Our decision and the baseline's on one page."""
    from newsdesk.extract.classify import text_size
    from newsdesk.extract.html import extract_html

    article = extract_html(page.html, url=page.url)
    return {"page": page.page_id, "url": page.url, "label": page.label, "kind": page.kind, "origin": page.origin,
            "ours": article.kind == "not_article", "reason": article.reason,
            "baseline": text_size(article.text) < BASELINE_WORDS}


def run(shared: Path, per_kind: int = 8, real: bool = True) -> dict[str, Any]:
    """Ours and the length baseline over the labelled set; figures overall, by origin and by kind."""
    start = time.perf_counter()
    rows = [judge(page) for page in labelled_pages(shared, per_kind, real)]
    out: dict[str, Any] = {"pages": len(rows), "seconds": time.perf_counter() - start, "systems": {}}
    for system in ("ours", "baseline"):
        figures: dict[str, Any] = {"all": precision_recall([(r[system], r["label"] == "not_article") for r in rows])}
        for origin in ("real", "generated"):
            part = [(r[system], r["label"] == "not_article") for r in rows if r["origin"] == origin]
            if part:
                figures[origin] = precision_recall(part)
        kinds = sorted({r["kind"] for r in rows if r["label"] == "not_article"})
        figures["recall_by_kind"] = {k: _recall(rows, system, k) for k in kinds}
        out["systems"][system] = figures
    out["errors"] = [r for r in rows if r["ours"] != (r["label"] == "not_article")]
    out["reasons"] = {r["page"]: r["reason"] for r in rows if r["ours"]}
    return out


def _recall(rows: list[dict[str, Any]], system: str, kind: str) -> list[int]:
    """[found, of] for one kind of non-article."""
    hits = [r[system] for r in rows if r["kind"] == kind and r["label"] == "not_article"]
    return [sum(hits), len(hits)]


def format_table(result: dict[str, Any]) -> str:
    rows = [f"not-article detection, {result['pages']} labelled pages ({result['seconds']:.0f} s); "
            "positive class = not_article",
            f"{'system':<28} {'set':<10} {'pages':>5} {'non-art':>7} {'P':>6} {'R':>6} {'F1':>6} {'FP':>4} {'FN':>4}"]
    for system, figures in result["systems"].items():
        name = "newsdesk" if system == "ours" else f"body < {BASELINE_WORDS} words"
        for part in ("all", "real", "generated"):
            if part in figures:
                f = figures[part]
                rows.append(f"{name:<28} {part:<10} {f['pages']:>5} {f['positives']:>7} {f['precision']:6.3f} "
                            f"{f['recall']:6.3f} {f['f1']:6.3f} {f['fp']:>4} {f['fn']:>4}")
        kinds = ", ".join(f"{k} {a}/{b}" for k, (a, b) in figures["recall_by_kind"].items())
        rows.append(f"{'':<28} recall by kind: {kinds}")
    for r in result["errors"]:
        rows.append(f"  missed/false: {r['page']} ({r['kind']}, {r['url']}) -> {r['reason']}")
    return "\n".join(rows)


# --- the link-farm model ---------------------------------------------------------------------

# Kinds the link-farm model learns as positives: spam and commercial pages with no article in
# them. Home pages, listings, error and login pages have their own rules in classify.py.
FARM_KINDS = ("link_farm", "other")
# Inverse regularisation strength of the logistic model. 5-fold CV on the labelled pages (real
# pages; C 0.3/1/10, class weights balanced or not, threshold 0.5/0.8): balanced weights cost
# 8-22 false alarms among the real articles; unweighted, C=0.3 at 0.5 flagged no article and
# found 5 of 12 real farms (C=1: 1 false alarm, same recall).
FARM_C = 0.3


def shape_rows(shared: Path, per_kind: int = 8) -> list[dict[str, Any]]:
    """Every labelled page's SHAPE_FEATURES (what the link-farm model reads) with its label and kind."""
    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.extract.classify import page_shape
    from newsdesk.extract.html import extract_body
    from newsdesk.extract.metadata import read_metadata
    from newsdesk.records import paragraphs_to_text

    rows = []
    for page in labelled_pages(shared, per_kind):
        tree = LexborHTMLParser(page.html)
        meta = read_metadata(tree, page.url)
        text = paragraphs_to_text(extract_body(page.html, page.url, tree)[0])
        rows.append({"page": page.page_id, "label": page.label, "kind": page.kind, "origin": page.origin,
                     "x": page_shape(tree, meta, text, page.url)})
    return rows


def _farm_xy(rows: list[dict[str, Any]]) -> tuple[Any, Any, list[dict[str, Any]]]:
    import numpy as np

    used = [r for r in rows if r["label"] == "article" or r["kind"] in FARM_KINDS]
    x = np.asarray([r["x"] for r in used], dtype=float)
    y = np.asarray([r["kind"] in FARM_KINDS for r in used], dtype=int)
    return x, y, used


def fit_link_farm(rows: list[dict[str, Any]], c: float = FARM_C) -> dict[str, Any]:
    """A standardised logistic model over SHAPE_FEATURES, exported as plain numbers."""
    from sklearn.linear_model import LogisticRegression

    from newsdesk.extract.classify import SHAPE_FEATURES

    x, y, _ = _farm_xy(rows)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    # Unweighted: a false alarm drops a real article, so the few farms must not outvote the articles.
    model = LogisticRegression(C=c, max_iter=1000).fit((x - mean) / scale, y)
    return {"features": list(SHAPE_FEATURES), "mean": mean.tolist(), "scale": scale.tolist(),
            "coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0])}


def link_farm_cv(rows: list[dict[str, Any]], c: float = FARM_C, folds: int = 5) -> dict[str, Any]:
    """Out-of-fold link-farm decisions (stratified k-fold over pages): the honest figure for the model."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from newsdesk.extract.classify import LinkFarmModel

    x, y, used = _farm_xy(rows)
    predicted = np.zeros(len(y), dtype=bool)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(x, y):
        model = LinkFarmModel.from_dict(fit_link_farm([used[i] for i in train], c))
        predicted[test] = [model.is_farm(list(row)) for row in x[test]]
    out: dict[str, Any] = {"c": c, "all": precision_recall(list(zip(predicted.tolist(), y.astype(bool).tolist(),
                                                                        strict=True)))}
    for origin in ("real", "generated"):
        pairs = [(bool(p), bool(t)) for p, t, r in zip(predicted, y, used, strict=True) if r["origin"] == origin]
        out[origin] = precision_recall(pairs)
    return out


def train_link_farm(shared: Path, out: Path | None = None) -> Path:
    """Fit the shipped link-farm model on every labelled page and write it beside classify.py."""
    from newsdesk.extract.classify import FARM_MODEL_FILE

    target = out or FARM_MODEL_FILE
    target.write_text(json.dumps(fit_link_farm(shape_rows(shared)), indent=1), encoding="utf-8")
    return target
