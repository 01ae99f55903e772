"""Event coding benchmark: `newsdesk bench events --gold FILE`.

Runs our analyze path (`newsdesk analyze --jsonl` over {"id", "body"} sentence lines, events
stage) on every gold sentence, writes the predictions, and scores them with
../shared/bench/events/score.py (any scorer with the same interface via --scorer).

In the same run, interleaved chunk by chunk so machine load hits both alike:
  * the bare spaCy parse of the same sentences (the bound the event stage rests on);
  * for "pentaclass" gold, the anchor: TF-IDF + logistic regression trained on --train
    (default: the gold train split), each sentence coded with its class's default code.
If the gold sentences overlap the training sentences the result says so: that is not a
held-out figure.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "bench" / "events"
DEFAULT_TRAIN = SHARED / "gold" / "conflibert_pentaclass_train.jsonl"
DEFAULT_SCORER = SHARED / "score.py"
CHUNK = 32


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _text(row: dict[str, Any]) -> str:
    return str(row.get("text") or row.get("body") or "")


def anchor_predictions(train: Path, gold: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    """TF-IDF + logistic regression on the train split; each sentence gets its class's default code."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from newsdesk.understand.event_classifier import CLASS_DEFAULT_CODE

    rows = _load(train)
    vec = TfidfVectorizer()
    clf = LogisticRegression(max_iter=2000).fit(vec.fit_transform([_text(r) for r in rows]),
                                                [int(r["pentaclass"]) for r in rows])
    t0 = time.perf_counter()
    classes = clf.predict(vec.transform([_text(g) for g in gold]))
    elapsed = time.perf_counter() - t0
    preds = [{"id": g["id"], "events": [{"cameo": CLASS_DEFAULT_CODE[int(c)]}]} for g, c in zip(gold, classes,
                                                                                                strict=True)]
    return preds, elapsed


def run_ours(gold: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float, float]:
    """Our predictions through analyze_jsonl, and seconds spent: (ours, bare spaCy parse)."""
    from newsdesk.analyze import analyze_jsonl
    from newsdesk.settings import Settings
    from newsdesk.stages import Stages
    from newsdesk.understand.nlp import load_nlp

    nlp, stages, settings = load_nlp(), Stages(("events",)), Settings()
    stages.apply(_warm_article())  # load models before timing
    ours_s = spacy_s = 0.0
    out = io.StringIO()
    for i in range(0, len(gold), CHUNK):
        chunk = gold[i:i + CHUNK]
        texts = [_text(g) for g in chunk]
        t0 = time.perf_counter()
        list(nlp.pipe(texts))
        t1 = time.perf_counter()
        analyze_jsonl((json.dumps({"id": g["id"], "body": _text(g)}) for g in chunk), out, stages, settings)
        t2 = time.perf_counter()
        spacy_s, ours_s = spacy_s + (t1 - t0), ours_s + (t2 - t1)
    preds = [json.loads(line) for line in out.getvalue().splitlines()]
    return [{"id": p["id"], "events": p.get("events") or []} for p in preds], ours_s, spacy_s


def _warm_article() -> Any:
    from newsdesk.records import Article

    return Article(text="Iran rejected the proposal.", language="en")


def score(scorer: Path, gold_path: Path, preds: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        pred_path, out_path = Path(tmp) / "pred.jsonl", Path(tmp) / "score.json"
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        proc = subprocess.run([sys.executable, str(scorer), str(gold_path), str(pred_path), "--json", str(out_path)],
                              capture_output=True, text=True, check=True)
        result = json.loads(out_path.read_text(encoding="utf-8"))
        result["headline"] = proc.stdout.strip().splitlines()[-1]
    return result


def run(gold_path: Path, train: Path | None = None, scorer: Path | None = None, limit: int | None = None,
        predictions_out: Path | None = None) -> dict[str, Any]:
    gold = _load(gold_path)[:limit] if limit else _load(gold_path)
    scorer = scorer or DEFAULT_SCORER
    used_gold = gold_path
    if limit:
        used_gold = Path(tempfile.mkdtemp()) / gold_path.name
        used_gold.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    preds, ours_s, spacy_s = run_ours(gold)
    if predictions_out:
        predictions_out.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    result: dict[str, Any] = {
        "gold": str(gold_path), "sentences": len(gold), "ours": score(scorer, used_gold, preds),
        "ours_sentences_per_s": len(gold) / ours_s if ours_s else None,
        "spacy_sentences_per_s": len(gold) / spacy_s if spacy_s else None,
        "events_per_sentence": sum(len(p["events"]) for p in preds) / max(1, len(preds)),
    }
    train = train or DEFAULT_TRAIN
    if "pentaclass" in gold[0] and train.exists():
        anchor, anchor_s = anchor_predictions(train, gold)
        result["anchor"] = score(scorer, used_gold, anchor)
        result["anchor_name"] = f"TF-IDF + logistic regression trained on {train.name}"
        train_texts = {_text(r) for r in _load(train)}
        result["overlap_with_train"] = sum(_text(g) in train_texts for g in gold)
    return result


def format_table(result: dict[str, Any]) -> str:
    lines = [f"events benchmark on {result['gold']} ({result['sentences']} sentences)"]
    lines.append(f"  ours   : {result['ours']['headline']}")
    if "anchor" in result:
        lines.append(f"  anchor : {result['anchor']['headline']}   ({result['anchor_name']})")
        a, o = result["anchor"].get("macro_f1"), result["ours"].get("macro_f1")
        if a:
            lines.append(f"  ratio ours/anchor macro-F1: {o / a:.2f}")
        if result.get("overlap_with_train"):
            lines.append(f"  WARNING: {result['overlap_with_train']} gold sentences are in the training set: "
                         "not a held-out figure")
    ours_s, spacy_s = result["ours_sentences_per_s"], result["spacy_sentences_per_s"]
    if ours_s and spacy_s:
        lines.append(f"  throughput: events stage (parse included) {ours_s:.1f} sentences/s; bare spaCy parse "
                     f"{spacy_s:.1f} sentences/s; ratio {ours_s / spacy_s:.2f}")
    lines.append(f"  events per sentence: {result['events_per_sentence']:.2f}")
    return "\n".join(lines)


# --- Cross-validation of the pentaclass coder on the train split ---------------------------------

NEAR_DUP_JACCARD = 0.3  # word-trigram Jaccard above which two sentences are one story's rewrites


def near_duplicate_groups(texts: list[str]) -> list[int]:
    """A group id per sentence: sentences linked by word-trigram Jaccard > 0.3 share one."""
    import re
    from itertools import combinations

    shingles = []
    for text in texts:
        words = re.findall(r"\w+", text.lower())
        shingles.append({" ".join(words[i:i + 3]) for i in range(len(words) - 2)})
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(texts)), 2):
        a, b = shingles[i], shingles[j]
        if a and b and len(a & b) / len(a | b) > NEAR_DUP_JACCARD:
            parent[find(i)] = find(j)
    return [find(i) for i in range(len(texts))]


def country_groups(docs: list, near_dup: list[int]) -> list[str]:
    """A group per sentence: the first country its names point to (so a test fold holds
    countries, and the stories about them, that its training folds never saw); a sentence
    naming none keeps its near-duplicate group."""
    from newsdesk.understand.actors import dictionary_codes

    out = []
    for doc, dup in zip(docs, near_dup, strict=True):
        names = [t for t in doc if t.pos_ == "PROPN" or t.ent_type_]
        codes = [code[:3] for _, code in dictionary_codes(names) if code[:3].isalpha()]
        out.append(codes[0] if codes else f"dup{dup}")
    return out


def root_verb_groups(docs: list) -> list[str]:
    """A group per sentence: the lemma of its main verb. The train file is built in blocks of
    one wording each ("expressed condolences", "eased sanctions", "declined to comment"), so
    random folds test on wordings the model has seen; holding out whole main verbs tests it on
    predicates it never saw, the shift a held-out set drawn from other blocks brings."""
    return [next((t.lemma_.lower() for t in doc if t.dep_ == "ROOT"), "") for doc in docs]


WORD_CLUSTERS = 20  # k-means clusters of TF-IDF vectors: k=20 gave the anchor 0.64, k=50 0.70


def word_cluster_groups(texts: list[str], k: int = WORD_CLUSTERS) -> list[int]:
    """A group per sentence: its k-means cluster over TF-IDF (stop words dropped), so a test fold
    holds whole topics and wordings (vocabulary novelty) its training folds never saw."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", min_df=2).fit_transform(texts)
    return [int(g) for g in KMeans(k, n_init=3, random_state=0).fit_predict(x)]


def _first_event_classes(docs: list, model: Any) -> list[int]:
    """The class of the coder's first event per document (what score.py scores), -1 for none."""
    from newsdesk.understand import events as ev
    from newsdesk.understand.cameo import penta_of

    out = []
    for doc in docs:
        ctx = ev.Context(text=doc.text, entities=[])
        ctx.salient = ev.salient_countries(doc)
        sents = ev.coded_sentences(doc)  # the stage's sentences, blank lines and other scripts cut
        found: list[dict[str, Any]] = []
        for sent, probs in zip(sents, model.predict_proba(sents) if sents else [], strict=True):
            found = ev.EventCoder.code_sentence(None, sent, probs, ctx)  # type: ignore[arg-type]
            if found:
                break
        klass = penta_of(found[0]["cameo"]) if found else None
        out.append(-1 if klass is None else klass)
    return out


def cross_validate(gold_path: Path = DEFAULT_TRAIN, c: float = 30.0, folds: int = 5,
                   extra: list | None = None, only: tuple[str, ...] = ()) -> dict[str, Any]:
    """Macro-F1 of the anchor, our classifier and our coder's first event, with folds drawn
    five ways: stratified at random, grouped by near-duplicate, by first country, by main verb
    and by word cluster (the last two hold out wordings: the honest proxy for the held-out set).
    `extra`: events_wordings.Wording rows added to every training fold (never to a test fold),
    weighted by events_wordings.SOURCE_WEIGHTS; None: the shipped choice (event_classifier.EXTRA_SOURCES).
    `only`: run just the schemes whose names start with one of these (all when empty)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold, StratifiedGroupKFold, StratifiedKFold

    from newsdesk.understand.event_classifier import PentaModel, embed_weight, needs_embedding, training_wordings
    from newsdesk.understand.events_wordings import SOURCE_WEIGHTS
    from newsdesk.understand.nlp import parse_many

    rows = _load(gold_path)
    texts, y = [_text(r) for r in rows], np.array([int(r["pentaclass"]) for r in rows])
    docs = parse_many(texts, batch_size=64)
    extra = training_wordings() if extra is None else extra
    x_sents = [doc[:] for doc in parse_many([w.text for w in extra], batch_size=64)]
    x_y, x_w = [w.pentaclass for w in extra], [SOURCE_WEIGHTS[w.source] for w in extra]

    def fit(train: Any, embed: float) -> PentaModel:
        return PentaModel(embed).fit([docs[i][:] for i in train] + x_sents, list(y[train]) + x_y, c=c,
                                     weights=[1.0] * len(train) + x_w)
    dup = near_duplicate_groups(texts)
    schemes = {
        "stratified": StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, y),
        "near-duplicate grouped": GroupKFold(folds).split(texts, y, dup),
        "country grouped": GroupKFold(folds).split(texts, y, country_groups(docs, dup)),
        "main-verb grouped": StratifiedGroupKFold(folds, shuffle=True, random_state=0).split(
            texts, y, root_verb_groups(docs)),
        "word-cluster grouped": StratifiedGroupKFold(folds, shuffle=True, random_state=0).split(
            texts, y, word_cluster_groups(texts)),
    }
    result: dict[str, Any] = {"gold": str(gold_path), "sentences": len(rows), "c": c,
                              "near_duplicate_groups": len(set(dup)), "schemes": {},
                              "extra": dict(Counter(w.source for w in extra))}
    cascade = bool(embed_weight())
    for name, splits in schemes.items():
        if only and not name.startswith(only):
            continue
        pred = {k: np.full_like(y, -1) for k in ("anchor", "classifier", "coder")}
        probs = {k: np.zeros((len(y), 5)) for k in ("full", "sparse")}
        for train, test in splits:
            vec = TfidfVectorizer()
            lr = LogisticRegression(max_iter=2000).fit(vec.fit_transform([texts[i] for i in train]), y[train])
            pred["anchor"][test] = lr.predict(vec.transform([texts[i] for i in test]))
            model = fit(train, embed_weight())
            if cascade:  # the gate is fitted on the training folds only, like the full model
                model.gate = fit(train, 0.0)
                probs["sparse"][test] = model.gate.predict_proba([docs[i][:] for i in test])
                probs["full"][test] = model.predict_proba([docs[i][:] for i in test], cascade=False)
            pred["classifier"][test] = model.predict_proba([docs[i][:] for i in test]).argmax(axis=1)
            pred["coder"][test] = _first_event_classes([docs[i] for i in test], model)
        scores: dict[str, Any] = {k: float(f1_score(y, p, labels=list(range(5)), average="macro"))
                                  for k, p in pred.items()}
        if cascade:
            scores["embedded_share"] = float(needs_embedding(probs["sparse"]).mean())
            scores["full_only"] = float(f1_score(y, probs["full"].argmax(axis=1), labels=list(range(5)),
                                                 average="macro"))
            # out-of-fold probabilities of both models, for tools/cv_event_shift.py's threshold sweep
            scores["probs"] = {k: v.round(5).tolist() for k, v in probs.items()}
        result["schemes"][name] = scores
    result["labels"] = y.tolist()
    return result


def format_cv(result: dict[str, Any]) -> str:
    lines = [f"{len(result['schemes'])} fold schemes on {result['gold']} ({result['sentences']} sentences, "
             f"{result['near_duplicate_groups']} near-duplicate groups), macro-F1, C={result['c']}"]
    if result.get("extra"):
        lines.append("  extra wordings in every training fold (not in test folds): "
                     + ", ".join(f"{n} {k}" for k, n in result["extra"].items()))
    for name, m in result["schemes"].items():
        line = (f"  {name:<24} anchor TF-IDF+LR {m['anchor']:.3f}   ours: classifier {m['classifier']:.3f}, "
                f"coder's first event {m['coder']:.3f}")
        if "full_only" in m:
            line += f"; full model alone {m['full_only']:.3f}, embedded {m['embedded_share']:.0%} of sentences"
        lines.append(line)
    return "\n".join(lines)
