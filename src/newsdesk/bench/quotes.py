"""`newsdesk bench quotes`: quote attribution on PolNeAR, ours beside the anchors.

    newsdesk bench quotes --split-dir ../shared/bench/quotes/polnear/dev

Runs on any split laid out like PolNeAR (`text/*.txt`, `attributions/*.ann`):

- **ours**: each article goes through `newsdesk analyze --jsonl` as a `{"id", "title",
  "body"}` line (in process, `analyze_jsonl`, understand stage only); the result lines
  are scored with `score.py` from the bench folder;
- **GGT rules**: the GenderGapTracker quote rules (syntactic quotes: a speech verb with
  a clausal complement and a subject; plus quoted stretches with a speech verb in their
  sentence), ported to spaCy over the same parse;
- **textacy-style direct quotes**: quoted stretches with a speech verb and subject in the
  same or adjacent sentence, and nothing else;
- **throughput**: articles per CPU second of ours end to end vs spaCy's own `nlp.pipe` on
  the same texts, measured interleaved (CPU time: wall time on a shared, loaded machine
  measures the other jobs); **peak RSS** of this process;
- **speakers by place**: score.py's judged speakers of each system again, split by whether the pair
  lies at one place or score.py paired the prediction with a gold elsewhere by shared words
  (`quote_pairs`); score.py's own figure stays the headline.

`train_cues` learns `understand/data/cues.json` from a training split (PolNeAR train);
`tools/train_quote_filter.py` learns the attribution filter (`understand/data/quote_filter.json`)
and `tools/train_speakers.py` the speaker ranker, each with a cross-validation on train.
"""

from __future__ import annotations

import glob
import importlib.util
import io
import json
import os
import re
import resource
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import click

from newsdesk.bench.quote_pairs import placed_speakers

DEFAULT_SPLIT = Path(__file__).resolve().parents[3] / ".." / "shared" / "bench" / "quotes" / "polnear" / "dev"


# ---------------------------------------------------------------- data


def read_split(split_dir: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(id, text) for every article of a split, in name order."""
    files = sorted(glob.glob(str(split_dir / "text" / "*.txt")))[:limit]
    return [(os.path.basename(f)[:-4], Path(f).read_text(encoding="utf-8")) for f in files]


def ann_files(split_dir: Path) -> dict[str, str]:
    """One annotator per article, the first alphabetically (as score.py does)."""
    anns: dict[str, str] = {}
    for p in sorted(glob.glob(str(split_dir / "attributions" / "*.ann"))):
        anns.setdefault(re.sub(r"_[0-9a-f]{4}\.ann$", "", os.path.basename(p)), p)
    return anns


def read_attributions(path: str) -> list[dict[str, list[tuple[int, int]]]]:
    """Brat standoff attributions: {"Source"|"Cue"|"Content": [(start, end), ...]}."""
    spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and " " in parts[1]:
            offs = parts[1].split(" ", 1)[1]
            spans[parts[0]] = [(int(a), int(b)) for a, b in (s.split() for s in offs.split(";"))]
        elif line.startswith("E") and len(parts) == 2:
            roles = dict(a.split(":", 1) for a in parts[1].split())
            out.append({r: spans[roles[r]] for r in ("Source", "Cue", "Content") if roles.get(r) in spans})
    return out


def load_scorer(split_dir: Path) -> Any:
    """score.py from the bench folder that holds this split (read in place, never copied)."""
    candidates = (split_dir.parent.parent / "score.py", split_dir.parent / "score.py",
                  DEFAULT_SPLIT.parents[1] / "score.py")
    for cand in candidates:
        if cand.exists():
            spec = importlib.util.spec_from_file_location("polnear_score", cand)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise click.ClickException(f"no score.py next to {split_dir}; expected it two folders up")


# ---------------------------------------------------------------- training the cue lexicon


def _inside(pos: int, segs: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in segs)


def cue_counts(doc: Any, attributions: list[dict[str, list[tuple[int, int]]]],
               counts: dict[str, Counter], seen: dict[str, Counter]) -> None:
    """Count, per (word, slot), how often the word in that slot is a gold cue with its content. With
    `quote_cues.NARRATION_LEXICON`, only the words outside quotation marks: the rules never take a cue
    inside them (`quotes.candidates`), and PolNeAR marks no attribution there ("“I think …”")."""
    from newsdesk.understand import quote_cues, quote_regions, speakers
    from newsdesk.understand.quotes import cue_slot

    regions = quote_regions.quotations(doc) if quote_cues.NARRATION_LEXICON else []
    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN") or regions and speakers.quoted_at(tok.idx, regions):
            continue
        slot, comps = cue_slot(tok)
        key = f"{'n:' if tok.pos_ == 'NOUN' else ''}{tok.lemma_.lower()}"
        seen[key][slot] += 1
        for attr in attributions:
            if not _inside(tok.idx, attr.get("Cue", [])):
                continue
            content = attr.get("Content", [])
            if slot == "bare" or any(_inside(t.idx, content) for c in comps for t in c.subtree):
                counts[key][slot] += 1
            break


def cue_lexicon_from(counts: dict[str, Counter], seen: dict[str, Counter],
                     min_seen: int = 3, smooth: float = 1.0) -> dict[str, dict[str, float]]:
    """{word: {slot: P(cue)}} from `cue_counts`' tallies (the shape of data/cues.json's "cues")."""
    cues = {}
    for key, slots in seen.items():
        # add-`smooth` smoothing keeps a word seen twice as a cue from outranking one seen 200 times
        probs = {s: round(counts[key][s] / (n + smooth), 3) for s, n in slots.items()
                 if n >= min_seen and counts[key][s]}
        if probs:
            cues[key] = probs
    return dict(sorted(cues.items()))


def train_cues(split_dir: Path, out: Path, min_seen: int = 3) -> dict[str, Any]:
    """Learn P(cue | word, slot) from a training split; write it as JSON."""
    from newsdesk.understand.nlp import load_nlp

    anns = ann_files(split_dir)
    articles = [(i, t) for i, t in read_split(split_dir) if i in anns]
    counts: dict[str, Counter] = defaultdict(Counter)
    seen: dict[str, Counter] = defaultdict(Counter)
    nlp = load_nlp()
    for (doc_id, _), doc in zip(articles, nlp.pipe([t for _, t in articles], batch_size=16), strict=True):
        cue_counts(doc, read_attributions(anns[doc_id]), counts, seen)
    cues = cue_lexicon_from(counts, seen, min_seen)
    data = {"about": f"P(attribution cue | word, slot), learned from {len(articles)} articles of "
                     f"{split_dir.name} by newsdesk.bench.quotes.train_cues", "cues": cues}
    out.write_text(json.dumps(data, indent=0, sort_keys=False), encoding="utf-8")
    return data


# ---------------------------------------------------------------- anchors

# GenderGapTracker's quote verbs (the common core of its quote_verb_list), as lemmas.
GGT_VERBS = {
    "say", "tell", "add", "state", "note", "claim", "explain", "argue", "insist", "warn", "acknowledge",
    "admit", "announce", "assert", "believe", "comment", "confirm", "declare", "deny", "describe",
    "emphasize", "estimate", "indicate", "maintain", "mention", "point", "predict", "recall", "remark",
    "reply", "report", "respond", "reveal", "stress", "suggest", "testify", "think", "tweet", "write",
    "ask", "agree", "complain", "contend", "concede", "caution", "urge", "vow", "promise", "observe",
}
_QUOTE_PAIRS = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")


def _subject_text(verb: Any) -> str | None:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    return verb.doc[subj.left_edge.i: subj.right_edge.i + 1].text


def ggt_quotes(doc: Any) -> list[dict[str, Any]]:
    """GenderGapTracker rules: syntactic (verb + subject + ccomp), "according to", then
    quoted stretches in a sentence with a quote verb; no coreference."""
    out: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for tok in doc:
        if tok.lemma_ in GGT_VERBS and tok.pos_ == "VERB":
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            speaker = _subject_text(tok)
            if comp is not None and speaker:
                a, b = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)
                out.append({"text": doc.text[a:b], "speaker": speaker})
                taken.append((a, b))
        elif tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
            sent = tok.sent
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            a, b = sent.start_char, sent.end_char
            out.append({"text": sent.text, "speaker": pobj.text if pobj is not None else None})
            taken.append((a, b))
    for m in _QUOTE_PAIRS.finditer(doc.text):
        a, b = m.span(1)
        if any(x < b and a < y for x, y in taken) or len(m.group(1).split()) < 3:
            continue
        span = doc.char_span(a, a + 1, alignment_mode="expand")
        verb = next((t for t in span.sent if t.lemma_ in GGT_VERBS and t.pos_ == "VERB"), None) if span else None
        if verb is not None:
            out.append({"text": m.group(1), "speaker": _subject_text(verb)})
    return out


def textacy_quotes(doc: Any) -> list[dict[str, Any]]:
    """textacy-style direct quotations: quoted text with a speech verb and its subject in the
    same sentence or a neighbouring one; reported speech is out of its scope."""
    out = []
    sents = list(doc.sents)
    for m in _QUOTE_PAIRS.finditer(doc.text):
        a, b = m.span(1)
        if len(m.group(1).split()) < 4:
            continue
        span = doc.char_span(a, a + 1, alignment_mode="expand")
        if span is None:
            continue
        i = next((k for k, s in enumerate(sents) if s.start <= span.start < s.end), 0)
        for s in sents[max(0, i - 1): i + 2]:
            verb = next((t for t in s if t.lemma_ in GGT_VERBS and t.pos_ == "VERB"
                         and not (a <= t.idx < b) and _subject_text(t)), None)
            if verb is not None:
                out.append({"text": m.group(1), "speaker": _subject_text(verb)})
                break
    return out


# ---------------------------------------------------------------- running


def run_ours(articles: list[tuple[str, str]]) -> tuple[dict[str, list[dict[str, Any]]], float]:
    """Our analyze path over {"id", "title", "body"} lines; (predictions by id, CPU seconds)."""
    from newsdesk.analyze import analyze_jsonl
    from newsdesk.settings import Settings
    from newsdesk.stages import Stages

    lines = [json.dumps({"id": i, "title": t.split("\n", 1)[0], "body": t}) for i, t in articles]
    out = io.StringIO()
    stages = Stages(("understand",))
    stages.apply(_warm_article())  # models load outside the clock, as for the anchor
    t0 = time.process_time()
    analyze_jsonl(lines, out, stages, Settings())
    seconds = time.process_time() - t0
    preds = {}
    for line in out.getvalue().splitlines():
        row = json.loads(line)
        preds[str(row["id"])] = row.get("quotes") or []
    return preds, seconds


def _warm_article() -> Any:
    from newsdesk.analyze import body_article

    return body_article("Officials said on Monday that the talks would continue.")


def run_spacy(texts: list[str]) -> tuple[list[Any], float]:
    from newsdesk.understand.nlp import load_nlp

    nlp = load_nlp()
    t0 = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=16))
    return docs, time.process_time() - t0


def bench(split_dir: Path, limit: int | None = None, chunk: int = 12) -> dict[str, Any]:
    """Ours and the anchors on one split, timed interleaved chunk by chunk."""
    from newsdesk.understand import nlp as shared

    scorer = load_scorer(split_dir)
    articles = read_split(split_dir, limit)
    gold = _gold(scorer, split_dir, [i for i, _ in articles])
    ours: dict[str, list[dict[str, Any]]] = {}
    docs: list[Any] = []
    t_ours = t_spacy = 0.0
    for k in range(0, len(articles), chunk):
        part = articles[k: k + chunk]
        part_docs, dt = run_spacy([t for _, t in part])
        docs += part_docs
        t_spacy += dt
        shared._cache.clear()  # ours parses for itself, as in production
        preds, dt = run_ours(part)
        ours.update(preds)
        t_ours += dt
    ids = [i for i, _ in articles]
    systems = {"newsdesk": ours,
               "GGT rules (spaCy port)": {i: ggt_quotes(d) for i, d in zip(ids, docs, strict=True)},
               "textacy-style direct": {i: textacy_quotes(d) for i, d in zip(ids, docs, strict=True)}}
    scores = {name: {th: scorer.score(gold, preds, th) for th in (0.3, 0.8)} for name, preds in systems.items()}
    texts = dict(articles)
    anns = ann_files(split_dir)
    raw = {doc: scorer.parse_ann(anns[doc]) for doc in gold}  # the gold's offsets, read once for every system
    placed = {name: speakers_by_place(scorer, gold, raw, texts, preds) for name, preds in systems.items()}
    return {"articles": len(articles), "scores": scores, "speakers_by_place": placed, "seconds_ours": t_ours,
            "seconds_spacy": t_spacy, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def speakers_by_place(scorer: Any, gold: dict[str, Any], raw: dict[str, list[dict[str, Any]]],
                      texts: dict[str, str], preds: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """score.py's judged speakers at 0.3 split by whether the pair lies at one place (`quote_pairs`);
    `raw` is score.py's parse_ann of each article (the gold's offsets)."""
    total: Counter[str] = Counter()
    for doc, g in gold.items():
        total += placed_speakers(scorer, texts[doc], raw[doc], g["items"], preds.get(doc, []))
    return {"here": total["here_ok"] / max(1, total["here_judged"]), "here_judged": total["here_judged"],
            "elsewhere_judged": total["elsewhere_judged"], "elsewhere_wrong": total["elsewhere_judged"] -
            total["elsewhere_ok"]}


def _gold(scorer: Any, split_dir: Path, ids: list[str]) -> dict[str, Any]:
    """The gold of these texts, refusing none at all: with no .ann file matching a text, every
    system scored F1 0.000 with n=0 and nothing said why. Texts without gold are named on stderr."""
    gold = {k: v for k, v in scorer.gold_for_split(split_dir).items() if k in set(ids)}
    if not gold:
        raise click.ClickException(
            f"no gold annotations in {split_dir / 'attributions'} for any of the {len(ids)} texts in"
            f" {split_dir / 'text'} (text/NAME.txt is scored against attributions/NAME_xxxx.ann)")
    missing = [i for i in ids if i not in gold]
    if missing:
        click.echo(f"warning: {len(missing)} of {len(ids)} texts have no gold annotations and are not scored"
                   f" (first: {missing[0]})", err=True)
    return gold


def report(result: dict[str, Any]) -> str:
    lines = [f"articles={result['articles']}"]
    for name, by_th in result["scores"].items():
        a, s = by_th[0.3], by_th[0.8]
        lines.append(f"{name:<24} F1@0.3={a['f1']:.3f} (P={a['precision']:.3f} R={a['recall']:.3f}) "
                     f"F1@0.8={s['f1']:.3f} speaker acc={a['speaker_accuracy']:.3f} (n={a['speaker_judged']})")
        if name in result.get("speakers_by_place", {}):
            b = result["speakers_by_place"][name]
            lines.append(f"{'':<24} speaker acc where the pair lies at one place={b['here']:.3f} "
                         f"(n={b['here_judged']}); paired with a gold elsewhere: {b['elsewhere_judged']}, "
                         f"{b['elsewhere_wrong']} judged wrong")
    n, to, ts = result["articles"], result["seconds_ours"], result["seconds_spacy"]
    lines.append(f"throughput: newsdesk {n / to:.2f} articles/CPU s, spaCy nlp.pipe {n / ts:.2f} articles/CPU s, "
                 f"overhead {100 * (to / ts - 1):+.1f}%")
    lines.append(f"peak RSS {result['peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


@click.command("quotes")
@click.option("--split-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_SPLIT,
              show_default=True, help="A split in PolNeAR's layout: text/*.txt and attributions/*.ann.")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Also write results here.")
@click.option("--train", "train_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Instead: learn understand/data/cues.json from this training split.")
def command(split_dir: Path, limit: int | None, json_out: Path | None, train_dir: Path | None) -> None:
    """Quote attribution on PolNeAR: ours beside the GGT rules and textacy-style quotes."""
    if train_dir is not None:
        out = Path(__file__).resolve().parents[1] / "understand" / "data" / "cues.json"
        data = train_cues(train_dir, out)
        click.echo(f"wrote {out} ({len(data['cues'])} cue words)")
        return
    result = bench(split_dir, limit)
    click.echo(report(result))
    if json_out:
        json_out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
