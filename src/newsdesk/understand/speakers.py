"""Who is the source of an attribution: a learned ranker over the noun phrases near its cue.

The rules in `quotes.py` take a cue's grammatical subject as its speaker. That misses
shapes news writes every day: "Claiming that ..., Trump ..." (the participle's subject
is the main clause's), "The Latest: 5:45 p.m. Trump says ..." (a timestamp parsed as the
subject), "experts say" buried in a relative clause. Here every noun-phrase head in the
cue's sentence and the one before is a candidate, described by a few features (the
dependency path from the cue, its role, entity type, distance, whether it sits inside
quotation marks, whether the rules chose it, whether it spoke just before), and a
logistic model scores each; the best one is the speaker head.

The weights (`data/speakers.json`) are learned from PolNeAR train gold sources by
`tools/train_speakers.py`; scoring is a sum of weights, so nothing heavier than
json loads at run time. Without the file the rules' subject stands.

The tensor ranker (session 7, `data/speakers_tensor.json`): the same features plus spaCy's own
contextual vectors (`doc.tensor`, computed by the parse anyway) of the candidate and their
elementwise product with the cue word's (`pair_vector`), used only under the pipeline that wrote
them. 5-fold CV by article over PolNeAR train's 18,346 ranking problems (`tools/train_speakers.py
cv --tensor`, vectors x scale before the L2 penalty, C 0.3), top-1 over named sources: lexical
0.904, scale 0.1 / 0.25 0.909 / 0.908. With the tensor filter, the whole pipeline by CV
(`tools/train_quote_filter.py cv-gate --tensor --tensor-scale 0.1 --tensor-ranker 0.1`, filter 0.5,
gate 0.2): F1@0.3 0.753 / speaker accuracy 0.854 against 0.751 / 0.849 lexical.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from newsdesk.understand import speaker_kinds
from newsdesk.understand.nlp import sent_of

_HEAD_POS = {"NOUN", "PROPN", "PRON"}
# Dependents that are part of a bigger phrase's name, never a phrase head of their own.
_NOT_HEAD = {"compound", "flat", "amod", "nmod", "nummod", "det", "punct", "case"}
_PERSON_PRON = {"he", "she", "him", "her", "i", "me"}
_GROUP_PRON = {"they", "we", "them", "us", "it"}
_REL_PRON = {"who", "that", "which", "whom"}
_NUMBER_ROLES = {"nsubj", "nsubjpass", "appos", "dobj", "pobj"}
_MAX_PATH = 4  # longer dependency paths are one "far" value: rare, and alike
_QUOTE_MARKS = "“”\"«»"
# A chosen speaker that cannot speak (a date, page junk, a dateline, a pronoun standing for no one) is
# reported with P 0, a relative pronoun replaced by its noun (`speaker_kinds`). False: the ranker's
# choice as it is (the tests and the K1 measurements compare both).
VET_SPEAKERS = True


def shipped_weights(name: str) -> dict[str, float] | None:
    """{feature: weight} of a linear model shipped in understand/data/, or None when it is missing."""
    try:
        raw = resources.files("newsdesk.understand").joinpath(f"data/{name}").read_text("utf-8")
        return {str(k): float(v) for k, v in json.loads(raw)["weights"].items()}
    except (FileNotFoundError, KeyError, ValueError):
        return None


@lru_cache(maxsize=1)
def weights() -> dict[str, float] | None:
    """The speaker ranker's weights, learned from PolNeAR train."""
    return shipped_weights("speakers.json")


def has_tensor(doc: Any) -> bool:
    """Whether `doc` carries a token vector per token (`doc.tensor`, spaCy's shared tok2vec output)."""
    shape: tuple[int, ...] = tuple(getattr(doc.tensor, "shape", ()))
    return len(shape) == 2 and shape[0] == len(doc) and shape[1] > 0


def tensor_usable(doc: Any, pipeline: str, width: int) -> bool:
    """Whether `doc` carries the token vectors that weights learned under `pipeline` read; under
    another pipeline they mean nothing."""
    from newsdesk.understand.nlp import model_name

    return has_tensor(doc) and doc.tensor.shape[1] == width and model_name() == pipeline


# The tensor ranker: the same features plus the candidate's contextual vector and its elementwise
# product with the cue word's (`pair_vector`), from `doc.tensor`: no extra CPU at run time.
TENSOR_FILE = "speakers_tensor.json"


class TensorWeights(NamedTuple):
    """A linear model over lexical features plus `doc.tensor` vectors (the tensor filter and ranker)."""
    weights: dict[str, float]  # the sparse features' weights, as in the lexical model's file
    dense: Any  # numpy weights over the vectors
    pipeline: str  # `nlp.model_name()` of the pipeline whose vectors these weights read
    width: int
    boosted: Any = None  # the ranker's `boosted.Trees` stacked on these weights' scores (`stacked`), if any


def shipped_tensor_weights(name: str) -> TensorWeights | None:
    """A tensor model shipped in understand/data/, or None when it is missing."""
    import numpy as np

    try:
        raw = json.loads(resources.files("newsdesk.understand").joinpath(f"data/{name}").read_text("utf-8"))
        return TensorWeights({str(k): float(v) for k, v in raw["weights"].items()},
                             np.asarray(raw["dense"], dtype=np.float32), str(raw["pipeline"]), int(raw["width"]))
    except (FileNotFoundError, KeyError, ValueError):
        return None


@lru_cache(maxsize=1)
def tensor_ranker() -> TensorWeights | None:
    """The tensor ranker (dense weights over `pair_vector`), with the boosted trees stacked on it when
    they are shipped; None when it is not shipped (the lexical ranker then decides)."""
    from newsdesk.understand import boosted  # numpy: only once a tensor ranker is asked for

    tw = shipped_tensor_weights(TENSOR_FILE)
    return None if tw is None else tw._replace(boosted=boosted.shipped(BOOSTED_FILE))


# The boosted ranker (session 18): gradient-boosted trees over the lexical features (the frequent
# ones: no lemmas) plus the tensor ranker's score of each candidate and where it stands among the
# cue's candidates (`stacked`), trained on scores out of fold (`tools/train_speakers.py train
# --boosted`). Trees see what a sum of weights cannot: a path that is good for one kind of phrase
# and bad for another, a score that matters only when the runner-up is close.
# Not shipped in session 18 (K2): over PolNeAR train's ranking problems (5-fold CV by article, top-1
# over named sources) 0.9094 -> 0.9162, under the ~1 point that pays for it; on PolNeAR dev it changed
# 4 of 1,619 shared quotes' speakers, and its P (trained on the first 5, a richer base rate than the
# linear ranker's) let 75 more quotes through the gate: F1@0.3 0.7891 -> 0.8049 but speaker
# accuracy 0.8974 -> 0.8866. That compared them at one gate, while their P lie on different scales.
# Shipped in session 28, compared along the gate (5-fold CV of the whole pipeline, trees refitted per
# fold; `quotes.SPEAKER_GATE`): at the same speaker accuracy, 0.900, F1@0.3 0.7480 (linear, gate 0.6) ->
# 0.7575 (trees, gate 0.62); top-1 over named sources 0.9126 -> 0.9187. Trees on more features (seen in
# 100 problems, not 300), slower learning (0.07 x 400 rounds), the linear scores they stack on taken out
# of 5 inner folds, not 3 (0.7577 / 0.8989 at 0.62), or smaller, more regularised trees (15 leaves of at
# least 40, L2 3: 0.7564 / 0.9002) drew the same curve; reranking the first 3, not 5, a lower one
# (0.7558 / 0.8977 at gate 0.64); the trees' and the linear scores averaged the same (0.7506 / 0.9000 at
# 0.62). Folds drawn with another seed: 0.7551 / 0.8987 at 0.62, 0.7506 / 0.9000 at 0.64. The trees cost
# about 3 points of overhead over spaCy's parse on PolNeAR dev (+25.4% against +22.8% without them, one
# run on one machine). On hand-made sentences the trees give some right speakers a lower P than the
# linear ranker's pick carried (tests/understand: test_x21 "with Maddow asking", test_q15), and take a
# list's second member for its first (test_s24). Without the file the tensor ranker decides, as before.
BOOSTED_FILE = "speakers_boosted.npz"
# The trees rerank the linear ranker's first few: the right one is among its first 5 for 0.977 of
# PolNeAR train's named sources (by CV), and the trees learn the hard cases, not the obvious losers.
BOOSTED_TOP = 5


def reranked(trees: Any, feats: list[dict[str, float]], scores: list[float]) -> list[float]:
    """The trees' scores of the linear ranker's first BOOSTED_TOP candidates; the rest get -inf."""
    from newsdesk.understand import boosted

    rows = stacked(feats, scores)
    first = leading(scores)
    out = [-math.inf] * len(scores)
    for k, v in zip(first, boosted.raw_score(trees, boosted.matrix([rows[k] for k in first], trees.names)),
                    strict=True):
        out[k] = float(v)
    return out


def leading(scores: list[float]) -> list[int]:
    """The linear ranker's first BOOSTED_TOP candidates, best first: what the trees rerank (and are
    trained on, tools/train_speakers.py)."""
    return sorted(range(len(scores)), key=lambda k: -scores[k])[:BOOSTED_TOP]


def stacked(feats: list[dict[str, float]], scores: list[float]) -> list[dict[str, float]]:
    """Each candidate's features plus the linear ranker's score of it, its gap to the best and
    (for the best) to the runner-up, its rank and the number of candidates."""
    top = max(scores, default=0.0)
    second = sorted(scores)[-2] if len(scores) > 1 else top - 10.0
    ranks = {k: r for r, k in enumerate(sorted(range(len(scores)), key=lambda k: -scores[k]))}
    return [{**f, "stack:score": s, "stack:gap": s - top, "stack:margin": top - second if s == top else s - top,
             "stack:rank": float(ranks[k]), "stack:n": float(len(scores))}
            for k, (f, s) in enumerate(zip(feats, scores, strict=True))]


def pair_vector(cue: Any, cand: Any) -> Any:
    """The candidate's vector, then its elementwise product with the cue word's."""
    import numpy as np

    tensor = cue.doc.tensor
    return np.concatenate([tensor[cand.i], tensor[cand.i] * tensor[cue.i]])


def _pair_scores(cue: Any, cands: list[Any], dense: Any) -> list[float]:
    """`dense @ pair_vector(cue, c)` for every candidate in one product: the pair vector is
    [v_c, v_c * v_cue], so its score is v_c @ (dense[:W] + dense[W:] * v_cue)."""
    if not cands:
        return []
    tensor = cue.doc.tensor
    width = tensor.shape[1]
    u = dense[:width] + dense[width:] * tensor[cue.i]
    return [float(x) for x in tensor[[c.i for c in cands]] @ u]


def candidates(cue: Any) -> list[Any]:
    """Noun-phrase heads in the cue's sentence and the sentence before, cue word excluded."""
    doc = cue.doc
    sent = sent_of(cue)
    start = sent_of(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    return [t for t in doc[start: sent.end] if t.i != cue.i and _is_head(t)]


def _is_head(t: Any) -> bool:
    """A phrase head: a noun or pronoun not inside a bigger name; a number standing for people
    ("Six in 10 say", "one listing ..."); a name the parser hung on a verb in a headline
    ("Morton Blackwell Endorses Ted Cruz" parsed with "Blackwell" as a compound)."""
    if t.pos_ in _HEAD_POS:
        return t.dep_ not in _NOT_HEAD or (t.dep_ == "compound" and t.head.pos_ not in _HEAD_POS)
    return t.pos_ == "NUM" and t.dep_ in _NUMBER_ROLES


def _ancestors(tok: Any) -> list[Any]:
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def dep_path(cue: Any, cand: Any) -> str:
    """The dependency path from cue to candidate: arcs up, then arcs down ("^advcl>nsubj")."""
    up = _ancestors(cue)
    down = _ancestors(cand)
    down_ids = {t.i: k for k, t in enumerate(down)}
    for k, t in enumerate(up):
        if t.i in down_ids:
            ups = [f"^{u.dep_}" for u in up[:k]]
            downs = [f">{d.dep_}" for d in reversed(down[: down_ids[t.i]])]
            steps = ups + downs
            return "".join(steps) if len(steps) <= _MAX_PATH else "far"
    return "other-sentence"


def _kind(tok: Any) -> str:
    low = tok.lower_
    if tok.pos_ == "PRON":
        if low in _PERSON_PRON:
            return "pron:person"
        if low in _GROUP_PRON:
            return "pron:group"
        return "pron:rel" if low in _REL_PRON else "pron:other"
    if tok.ent_type_:
        return f"ent:{tok.ent_type_}"
    return f"pos:{tok.pos_}:{'pl' if tok.tag_ in ('NNS', 'NNPS') else 'sg'}"


def quoted_at(char: int, regions: Iterable[tuple[int, int]]) -> bool:
    """Whether the text position lies inside one of the quoted regions ((start, end) offsets)."""
    return any(a <= char < b for a, b in regions)


def _in_quotes(tok: Any, regions: Iterable[tuple[int, int]]) -> bool:
    return quoted_at(tok.idx, regions)


def features(cue: Any, cand: Any, *, rule: Any, previous: set[str],
             regions: list[tuple[int, int]]) -> dict[str, float]:
    """What the model knows about one (cue, candidate) pair; values are 0/1 or small reals."""
    path = dep_path(cue, cand)
    kind = _kind(cand)
    same = sent_of(cand).start == sent_of(cue).start
    dist = abs(cand.i - cue.i)
    cue_pos = "n" if cue.pos_ == "NOUN" else "v"
    f = {
        f"path={path}": 1.0,
        f"path={path}|{cue_pos}": 1.0,
        f"kind={kind}": 1.0,
        f"dep={cand.dep_}": 1.0,
        f"dep={cand.dep_}|cuedep={cue.dep_}": 1.0,
        f"kind={kind}|path={path}": 1.0,
        "before": float(cand.i < cue.i),
        "same_sentence": float(same),
        "log_distance": math.log1p(dist),
        "in_quotes": float(_in_quotes(cand, regions)),
        "rule_subject": float(rule is not None and rule.i == cand.i),
        "spoke_before": float(head_key(cand) in previous),
        "title_case": float(cand.is_title),
        "upper_case": float(cand.is_upper and len(cand.text) > 3),  # headings: "THE BORROWING"
    }
    if LEFT_OF_CUE:
        left = left_of_cue(cue, cand)
        if left:
            f[f"left={left}"] = 1.0
            f[f"left={left}|subjless={_subjless_finite(cue)}"] = 1.0
    f[f"lemma={cand.lemma_.lower()}"] = 1.0
    return f


# Session 27: a cue the parse gave no subject, right after a name ("“…,” Ramos, 58, told AFP"; "Marcel
# Lehel Lazar, 44, said"; "former president Bill Clinton said" with the name hung on a word before as
# an appositive). The dependency path from such a cue to the name is a misparse's ("^conj>npadvmod",
# "far"), rare and scored low; what the sentence shows is the name written where a subject goes: right
# before the verb, or before it with an aside set off by commas or brackets. `left_of_cue` says so, for
# the ranker to weigh (with whether the cue is a finite verb without a subject). False: no such features.
LEFT_OF_CUE = True
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_BETWEEN_POS = {"ADV", "PART", "AUX"}  # "Clinton also said", "Trump has said", "Levine then said"
_ASIDE_MARKS = {(",", ","), ("(", ")")}  # what opens and closes an aside between a name and its cue
_ASIDE_BREAKS = set(_QUOTE_MARKS) | {";", ":", ".", "?", "!", "(", ")", "—", "--"}
_MAX_ASIDE = 30
_CUE_MODIFIERS = {"prep", "advmod", "npadvmod", "aux", "auxpass", "neg"}


def _subjless_finite(cue: Any) -> int:
    """1 when the cue is a finite verb (said, says, say) with no subject in the parse."""
    return int(cue.tag_ in ("VBD", "VBZ", "VBP") and not any(c.dep_ in _SUBJECTS for c in cue.children))


def left_of_cue(cue: Any, cand: Any) -> str | None:
    """"adjacent" when only adverbs, auxiliaries or the cue's own modifiers lie between the candidate
    and the cue after it ("Bill Clinton also said", "Biden on Monday said"); "aside" when what lies
    between is set off by commas or brackets (", 58,"; ", a spokesman for Ryan,"; ", who has given money
    to Marco Rubio,"; "(a Connecticut Democrat)") with no quotation mark or sentence end inside; else
    None."""
    if not cand.i < cue.i or cue.i - cand.i > _MAX_ASIDE or sent_of(cand).start != sent_of(cue).start:
        return None
    # the cue's own modifiers written before it ("Biden on Monday said", "Beck last week said")
    own = {t.i for c in cue.lefts if c.dep_ in _CUE_MODIFIERS for t in c.subtree}
    gap = list(cue.doc[cand.i + 1: cue.i])
    while gap and (gap[-1].pos_ in _BETWEEN_POS or gap[-1].i in own):
        gap.pop()
    if not gap:
        return "adjacent"
    if len(gap) >= 3 and (gap[0].text, gap[-1].text) in _ASIDE_MARKS \
            and not any(t.text in _ASIDE_BREAKS for t in gap[1:-1]):
        return "aside"
    return None


def head_key(tok: Any) -> str:
    return tok.lemma_.lower() if tok.pos_ != "PRON" else ""


def score(feats: dict[str, float], w: dict[str, float]) -> float:
    return w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in feats.items())


def ranked_speaker(cue: Any, rule: Any, previous: set[str], regions: list[tuple[int, int]],
                   said: list[tuple[int, int]] | None = None) -> tuple[Any, float]:
    """(the candidate the model ranks first, as `grammar_speaker` reads the parse around it, the
    model's P(its first is the source)); the rules' subject with P 1 when no model is shipped, and
    with P 0 when there is no candidate. A first that cannot speak (`speaker_kinds.vetted`: a date,
    page junk, a dateline, "That") comes back with P 0, so the gate drops its quote; a relative
    pronoun comes back as the noun it stands for.
    `said`: spans the grammar puts in what was said, whose words are no candidates ("The economy,
    the governor said, would recover": the economy is talked about, not talking)."""
    model = _model(cue)
    if model is None:
        return rule, 1.0
    cands = [c for c in candidates(cue) if not said or not quoted_at(c.idx, said)]
    if not cands:
        return rule, 0.0
    values = _values(model, cue, cands, rule, previous, regions)
    scored = [(v, c.i, c) for v, c in zip(values, cands, strict=True)]
    top = max(scored, key=lambda s: (s[0], -abs(s[1] - cue.i)))
    chosen = grammar_speaker(cue, top[2])
    if said and quoted_at(chosen.idx, said):  # the closer of two subjects is the quoted word before the cue
        chosen = top[2]
    p = _sigmoid(top[0])
    reporter = _continued_by(cue, top[2]) if REPORTER_P else None  # grammar_speaker's first rule
    if reporter is not None and reporter.i == chosen.i != top[2].i:
        p = _reporter_p(model, reporter, previous, regions)
    inverted = inverted_subject(cue) if INVERTED_SUBJECTS else None
    if inverted is not None and (not said or not quoted_at(inverted.idx, said)):
        chosen = _named_in_apposition(inverted)
        p = _inverted_p(model, cue, chosen, previous, regions)
    if not VET_SPEAKERS:
        return chosen, p
    # the ranker's P says which candidate is best, not that the best can speak (speaker_kinds)
    speaker = speaker_kinds.vetted(chosen)
    return (chosen, 0.0) if speaker is None else (speaker, p)


Model = tuple[dict[str, float], Any, Any]  # (weights, tensor weights or None, boosted trees or None)


def _model(cue: Any) -> Model | None:
    """The ranker this Doc is scored with."""
    tr = tensor_ranker()
    if tr is not None and tensor_usable(cue.doc, tr.pipeline, tr.width):
        return tr.weights, tr.dense, tr.boosted
    w = weights()
    return None if w is None else (w, None, None)


def _values(model: Model, cue: Any, cands: list[Any], rule: Any, previous: set[str],
            regions: list[tuple[int, int]]) -> list[float]:
    """The ranker's score (log-odds) of each candidate as the cue's speaker."""
    w, dense, trees = model
    feats = [features(cue, c, rule=rule, previous=previous, regions=regions) for c in cands]
    extra = [0.0] * len(cands) if dense is None else _pair_scores(cue, cands, dense)
    values = [score(f, w) + x for f, x in zip(feats, extra, strict=True)]
    return values if trees is None else reranked(trees, feats, values)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# When `_continued_by` gives a participle the reporter instead of the ranker's first (a word of the
# reported clause), the ranker's P was its first's, not the reporter's: the P is then the ranker's for
# the reporter as the speaker of the verb it is the subject of, which the participle goes on
# ("Trump told reporters that the wall would ..., saying it is ...": P(the wall says) 0.55, P(Trump
# told) 0.99). The speaker gate (`quotes.SPEAKER_GATE`) reads that P.
REPORTER_P = True


# Session 26: the subject written after a cue that has none ("“…,” said Robin Maynard, half joking";
# "…, said a former spokesman for the ministry, Oleg Voloshyn, who also ran …") is often parsed as
# the subject of a clause after the cue ("joking", "helped"). The ranker, reading that path, still
# picked the name but gave it a P of 0.02-0.08, and the gate dropped the quote. It is the speaker,
# with the ranker's P for it as the cue's own subject (`inverted_subject`, `_inverted_p`).
# False: the ranker's choice and P stand.
INVERTED_SUBJECTS = True
# verbs whose object is the one spoken to
_TOLD_WHOM = {"tell", "ask", "inform", "urge", "remind", "assure", "warn", "brief", "call", "accuse", "thank",
              "answer", "email", "text", "message", "show", "promise"}
_PHRASE_DEPS = {"det", "amod", "compound", "nummod", "poss", "case", "quantmod", "nmod"}


def inverted_subject(cue: Any) -> Any:
    """The phrase right after a subjectless reporting verb whose reported clause comes before it,
    when the parse made that phrase the verb's object or the subject of a clause hung on the verb
    after it."""
    doc = cue.doc
    if cue.pos_ != "VERB" or cue.i + 1 >= len(doc) or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in cue.children):
        return None
    if cue.dep_ not in ("ROOT", "parataxis") or not any(
            c.dep_ == "ccomp" and c.i < cue.i and all(t.is_punct for t in doc[c.right_edge.i + 1: cue.i])
            for c in cue.children):
        return None  # the words said come right before: "…,” said X"
    head = doc[cue.i + 1]
    while head.dep_ in _PHRASE_DEPS and cue.i < head.head.i <= cue.i + 8:
        head = head.head
    if head.pos_ not in ("PROPN", "NOUN"):
        return None
    if head.dep_ == "dobj" and head.head.i == cue.i:
        # "“…,” added a South Carolina Democrat"; but "…, Bozell told Breitbart News" parsed without
        # its subject has the listener there
        return head if cue.lemma_.lower() not in _TOLD_WHOM else None
    clause = head.head
    if head.dep_ != "nsubj" or clause.head.i != cue.i or clause.i <= head.i:
        return None
    return head if clause.dep_ in ("ccomp", "advcl", "conj") else None


def _named_in_apposition(head: Any) -> Any:
    """"a former spokesman for the ministry, Oleg Voloshyn": the name a description goes on to."""
    if head.pos_ != "NOUN":
        return head
    return next((t for t in head.subtree if t.dep_ == "appos" and t.pos_ == "PROPN" and t.ent_type_ == "PERSON"), head)


def _inverted_p(model: Model, cue: Any, subject: Any, previous: set[str], regions: list[tuple[int, int]]) -> float:
    """The ranker's P for `subject` read as the cue's own subject after it: its features with the
    path, dependency and rule-subject flag a well-parsed "said Robin Maynard" gives."""
    w, dense, trees = model
    f = {k: v for k, v in features(cue, subject, rule=subject, previous=previous, regions=regions).items()
         if not k.startswith(("path=", "dep=")) and "|path=" not in k}
    f.update({"path=>nsubj": 1.0, "path=>nsubj|v": 1.0, "dep=nsubj": 1.0, f"dep=nsubj|cuedep={cue.dep_}": 1.0,
              f"kind={_kind(subject)}|path=>nsubj": 1.0})
    value = score(f, w) + (0.0 if dense is None else _pair_scores(cue, [subject], dense)[0])
    return _sigmoid(value if trees is None else reranked(trees, [f], [value])[0])


def _reporter_p(model: Model, reporter: Any, previous: set[str], regions: list[tuple[int, int]]) -> float:
    """The ranker's P that `reporter` is the speaker of the verb it is the subject of."""
    verb = reporter.head
    cands = candidates(verb)
    at = next((k for k, c in enumerate(cands) if c.i == reporter.i), None)
    if at is None:
        return 0.0
    return _sigmoid(_values(model, verb, cands, reporter, previous, regions)[at])


# Cue participles whose subject, when the parse hangs them on a reported clause, is the reporter's
# ("Trump told Newsmax that Romney “had a crazy policy,” adding, “He lost ...”": Trump adds).
CONTINUING = {"add"}
# Verbs that report speech themselves: a participle hung on a clause of one goes on that clause's
# speaker ("Comey cannot say that ..., Lewandowski added, saying ...": Lewandowski says).
SAYING = {"add", "say", "tell", "write", "note", "state", "claim", "argue", "insist", "explain", "tweet",
          "report", "announce", "reply", "respond", "warn", "suggest"}
# What a share of respondents is counted by ("In a CNN/ORC poll, 38 percent of voters said ...").
# These two rules and `_possessor_subject` (X22, session 16): PolNeAR train in-sample (shipped models)
# 12 speakers fixed, none broken (participles 4, polls 5, "their" 3); 5-fold CV over train (filter
# 0.5, gate 0.4, clean copy of 45c693e plus this file): F1@0.3 0.7610 / F1@0.8 0.6917 unchanged,
# speakers 0.8801 -> 0.8811, n 9496; PolNeAR dev predictions identical.
_POLLS = {"poll", "survey"}
# Session 20 (S24): a far subject that is a list closed by a comma before the verb's closer subject is
# no part of that subject (`_closer_subject`); False: any "and" between them keeps the far one.
# Measured with quote_candidates.SEPARATED_TURNS (the figures there).
CLOSED_LISTS = True
_PLACE = {"GPE", "LOC", "FAC"}
_AGENTS = {"PERSON", "ORG", "NORP"}


def grammar_speaker(cue: Any, top: Any) -> Any:
    """The ranker's choice, unless the parse says who does the cue in a shape the ranker's features
    do not see: a closer subject of the same verb, a person the parse hung on a place or a name,
    the noun of "with X asking", the reporter of a clause a participle hangs on, the poll that
    counts a share of its respondents, or the plural subject "their" stands for."""
    return (_continued_by(cue, top) or _with_doer(cue) or _closer_subject(top)
            or _appositive_subject(cue, top) or _poll_counting(cue, top) or _possessor_subject(cue, top) or top)


def _closer_subject(top: Any) -> Any:
    """A verb with two subjects is one subject and a misread place or phrase: the one next to the
    verb speaks ("Speaking in Salem, New Hampshire, Trump went after Bush, calling him ..."). A far
    one that names someone is left alone: "Ban Ki-moon, the secretary general, vowed" is one person,
    and "Paul Ryan, despite admitting ..., the victims “do need ...”" is his."""
    if top.dep_ != "nsubj" or top.pos_ == "PRON" or top.ent_type_ in _AGENTS:
        return None
    verb = top.head
    # a bracket is no subject: "Amazilia Fracaso of Perú Apartheid [es] writes" hangs "]" as one
    closer = [c for c in verb.children if c.dep_ == "nsubj" and top.i < c.i < verb.i and c.pos_ != "PUNCT"]
    # "The family, protesters and civic leaders have been demanding", "1 percent of Democrats and 3
    # percent of liberals said": one list the parse split
    if not closer or any(c.dep_ == "conj" for c in closer[-1].children):
        return None
    if any(t.dep_ == "cc" for t in top.doc[top.i: closer[-1].i]) and not _comma_closed(top, closer[-1]):
        return None
    return closer[-1]


def _comma_closed(top: Any, closer: Any) -> bool:
    """Whether the far subject's phrase, a list of its own or not, ends at a comma right before the
    closer one's ("Cross-referencing voting records and job losses, the researchers found": the
    researchers find; `CLOSED_LISTS`). "The family, protesters and civic leaders" has "and" there."""
    return CLOSED_LISTS and top.right_edge.i < closer.left_edge.i and closer.doc[closer.left_edge.i - 1].text == ","


def _appositive_subject(cue: Any, top: Any) -> Any:
    """The person the parse made an appositive of the subject: of a place (a dateline, "New York
    (AFP) – Vice President Joe Biden on Monday hit ..."), or written right against the cue, with no
    comma to close an apposition ("To understand the real Dred Scott, Chief Justice Roberts said")."""
    for app in (c for c in top.children if c.dep_ == "appos"):
        if top.ent_type_ in _PLACE and app.ent_type_ == "PERSON":
            return app
        if app.right_edge.i + 1 == cue.i and not app.right_edge.is_punct and app.pos_ == "PROPN" and top.i < app.i:
            return app
    return None


def _with_doer(cue: Any) -> Any:
    """"The conversation ended with Maddow asking Clinton ...": the noun of "with" right before a
    participle does it."""
    if cue.tag_ != "VBG" or cue.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    before = cue.doc[cue.i - 1]
    return before if before.dep_ == "pobj" and before.head.lower_ == "with" and before.pos_ in _HEAD_POS else None


def _continued_by(cue: Any, top: Any) -> Any:
    """A participle the parse hung on a reported clause goes on the reporter's words: the subject of
    the verb that reports that clause, when the ranker took one inside it ("Cruz said that Trump
    represents “New York values,” stating ...": Cruz states). "adding" always; any other participle
    only when the reporter can speak and the clause reports no speech of its own."""
    if cue.tag_ != "VBG" or cue.dep_ != "advcl":
        return None
    clause = cue.head
    if clause.dep_ not in ("ccomp", "acl") or not clause.left_edge.i <= top.i <= clause.right_edge.i:
        return None
    # a reported clause opens with "that"; without it the clause may be the reporter's own ("Grayson
    # said Randolph “would have no chance,” the source recalled, adding ...": the parse's ccomp)
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    verb = clause.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    reporter = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if cue.lemma_.lower() in CONTINUING or reporter is None:
        return reporter
    # any other participle ("..., saying", "noting", "stating"): only when the clause reports no
    # speech of its own and the reporter can speak (not "the explanation is that ..., experiencing")
    if clause.lemma_.lower() in SAYING or not (reporter.pos_ in ("PRON", "PROPN") or reporter.ent_type_ in _AGENTS):
        return None
    return reporter


def _poll_counting(cue: Any, top: Any) -> Any:
    """The poll a share of its respondents is counted in, written before them on the cue's verb:
    "In a CNN/ORC poll, 38 percent of voters said ...". The share speaks for no one the reader can
    name; the poll does (PolNeAR names it the source)."""
    if not (top.lower_ in speaker_kinds.SHARES or top.like_num):
        return None
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i < top.i:
            poll = next((o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in _POLLS), None)
            if poll is not None:
                return poll
    return None


def _possessor_subject(cue: Any, top: Any) -> Any:
    """"Their" owning a cue noun stands for the plural subject of the verb the noun's phrase hangs
    on: "The politicians and religious figures in attendance were unanimous in their condemnation".
    The ranker picks the possessor; the pronoun search need not find its noun."""
    if top.lower_ != "their" or top.dep_ != "poss" or top.head.i != cue.i:
        return None
    verb = cue
    while verb.dep_ in ("pobj", "prep", "dobj", "acomp", "attr") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    return subject if plural else None


# A page's markup the text kept ('<tweet author="@AP" datetime="2016-08-23">'): a token holding an
# attribute's "=\"" or a tag's bracket is part of no name (PolNeAR train: '2016">.@BernieSanders',
# 'datetime="2016' were speakers); PolNeAR marks a tweet block as Discuss, its author no Source.
_MARKUP = ('="', '">', "='", "'>", "<", ">")


def markup(word: str) -> bool:
    """Whether a speaker word is markup, not a name."""
    return any(m in word for m in _MARKUP)


_EDGE_PUNCT = set(",;:-–—(")


def trimmed(span: Any, head: Any) -> Any:
    """A speaker phrase without the punctuation at its ends ("everyone," of "everyone, including
    the mayor, said"): the API's speaker and the page's speaker mark end on a word."""
    start, end = span.start, span.end
    while end - 1 > head.i and (span.doc[end - 1].text in _EDGE_PUNCT or span.doc[end - 1].is_space):
        end -= 1
    while start < head.i and (span.doc[start].text in _EDGE_PUNCT or span.doc[start].is_space):
        start += 1
    return span.doc[start:end]
