"""Which cue candidates are attributions: a learned filter over cue and context.

The cue lexicon (`data/cues.json`) knows how often a word in a slot is a cue, but not
the context that makes "said" reported speech and "would say" a hypothetical, or "told"
inside another attribution's content a second level ("X said officials told him Y") and
"believes" there the same speaker's state of mind ("X said he believes Y", one
attribution in PolNeAR). Each candidate is described by its cue lemma and slot, how it
nests in the other candidates, its subject's kind, negation, modals, quotation marks and
its content's shape; a logistic model (`data/quote_filter.json`, learned from PolNeAR
train by `tools/train_quote_filter.py`) scores it, and candidates below `THRESHOLD` are
dropped. Scoring is a sum of weights: nothing heavier than json loads at run time.
Without the file every candidate stands.

The contextual filter (session 6): where the lexical model is unsure (P in `CASCADE`), a second
logistic model with the same features plus the cue word's contextual vector and its sentence's
embedding (`data/quote_filter_ctx.json`, MiniLM through `newsdesk.understand.embed`) decides: is
"attacked" an attribution in this sentence? Without the encoder installed, the lexical model
decides alone. 5-fold CV by article on PolNeAR train (`tools/train_quote_filter.py cv-filter
--context`, cue lexicon, filter and ranker refitted per fold), filter log loss / AUC: lexical
0.3635 / 0.9027, with both vector blocks (x3 before the L2 penalty, C 0.3) 0.3564 / 0.9072; fitted
on all train and scored on PolNeAR dev: 0.3349 / 0.9180 -> 0.3235 / 0.9232 (the cue-word block
alone: CV 0.3528 / 0.9088, dev 0.3220 / 0.9245, better still and no cheaper; not run in cv-gate). In `cv-gate` (F1@0.3 /
speaker accuracy at filter 0.5, gate 0.2): lexical 0.751 / 0.849, cascade [0.3, 0.8) 0.750 / 0.853,
every candidate encoded 0.750 / 0.853: the cascade loses nothing and encodes about a quarter of the
candidates. NOT SHIPPED: on PolNeAR dev (`benchmarks/quotes.py`, the code without it in the same
run) it gave F1@0.3 0.778 / speaker 0.869 against 0.782 / 0.865, at +91.7% CPU over spaCy's own
parse against -1.9% (target <= 30%) and 838 MB peak RSS against 665: some 35 ms CPU for each of
the ~7 sentences an article it encodes, for 0.4 speaker points. `train --context` writes the
weights file; with it present (and the encoder installed) the cascade runs.

The tensor filter (session 7): the same features plus spaCy's own contextual token vectors
(`doc.tensor`, the 96-wide output of en_core_web_sm's shared tok2vec, which the parse computes
anyway) of the cue word, the mean over its content and its rules' subject (`tensor_vector`), in
`data/quote_filter_tensor.json`, used only under the pipeline that wrote them. 5-fold CV by article
(`tools/train_quote_filter.py cv-filter --tensor`, lexicon, filter and ranker refitted per fold;
the vectors x scale before the L2 penalty, C 0.3), log loss / AUC: lexical 0.3635 / 0.9027; all
three blocks at scale 0.025 / 0.05 / 0.1 / 0.25 / 0.5: 0.3620 / 0.3604 / 0.3591 / 0.3610 / 0.3639
(AUC 0.9051 at 0.1); cue + content at 0.1: 0.3619. In `cv-gate --tensor --tensor-scale 0.1`
(F1@0.3 / speaker accuracy): filter 0.5 gate 0.2 0.752 / 0.850 against lexical 0.751 / 0.849,
filter 0.4 gate 0.3 0.750 / 0.850: a tenth of a point alone. With the tensor speaker ranker
(`speakers.py`, `--tensor-ranker 0.1`): 0.753 / 0.854 at filter 0.5 gate 0.2 (shipped), 0.756 /
0.853 at 0.6 / 0. On PolNeAR dev (`benchmarks/quotes.py`, the code without them in the same run):
filter alone 0.781 / 0.866 against 0.782 / 0.865; filter and ranker 0.779 / 0.872, overhead +3.5%
against +2.6% (peak RSS 667 MB against 664).

Tried and not kept: a MiniLM embedding (`newsdesk.understand.embed`) of the cue's window
(five tokens either side) beside these features. 5-fold CV by article over the 20,988
candidates of PolNeAR train gave AUC 0.8925 -> 0.8935 and log loss 0.374 -> 0.373 (C 0.3;
scaling the block x3 or C 1 did worse). The price was 7 ms CPU per candidate, about 27
candidates per article: some 60% of the spaCy parse (0.30 s), against 30% for the whole stage.

Also tried for the attributions PolNeAR does not annotate (session 5; `tools/train_quote_filter.py
cv-filter`, log loss over the 20,988 train candidates by 5-fold CV, and of the model fitted on
all train over PolNeAR dev's 2,302; shipped: CV 0.3690, dev 0.3349):
- the cue word's gold-Cue rate among the training candidates (per word and slot, smoothed toward
  the word's and then the global rate, each training row seeing the counts without its own
  article): CV 0.3601 but dev 0.3372. The gain was a leak: `lexicon_p` comes from the lexicon
  learned on all of train, the held-out folds included, and the rate left out exactly the row's
  own article, so their difference told the label. Without `lexicon_p`: CV 0.3730, dev 0.3360.
  The `lemma=` and `lemma|slot=` weights already carry the rate, shrunk by the L2 penalty.
- the cue word's WordNet 3.0 lexicographer class (communication, cognition, contact, creation...:
  first sense, and the share of senses in each class): CV 0.3691-0.3696, dev 0.3345. No gain.
- C 0.1 / 0.3 / 1 / 3: CV 0.3664 / 0.3690 / 0.3789 / 0.3960, dev 0.3360 / 0.3349 / 0.3397 / 0.3505.
These CV figures used the lexicon learned on all of train. `cv-filter` now rebuilds it per fold
(20,295 candidates): 0.3635, without `lexicon_p` 0.3642, without the `lemma=` features 0.3639.

Tried and not kept (session 17, X23), for the kept predictions where PolNeAR marks no attribution at
all (5-fold CV at 139e0ef, filter 0.5 gate 0.4: 1,039 of 13,983 kept; 281 of them judged against a
gold elsewhere, 59 right). Most are a noun phrase after a verb of doing ("posted the clip to
YouTube", "signed an open letter", "invoked the state's history": of the kept cue candidates whose
content holds no verb, 0.23 lie at no gold, against 0.02 with a verb and its own subject), or a cue
PolNeAR does mark whose content it puts elsewhere ("released a statement", "blasted Rubio", "asked
Clinton": the quotation that follows is the content; 165 of the 1,039). Every figure is 5-fold CV
as `train_quote_filter.py cv-gate --tensor --tensor-scale 0.1 --tensor-ranker 0.1` runs it (lexicon,
filter and ranker refitted per fold), F1@0.3 / speaker accuracy (judged), base 0.7617 / 0.8805 (9,510):
- the content's shape as features (its heads: a verb with its own subject, a verb, a noun phrase by
  name / pronoun / noun; alone, by slot, by cue lemma): 0.7612 / 0.8809 (9,508), on the base's own
  threshold curve (its filter 0.52: 0.7602 / 0.8818); PolNeAR dev 0.7891 / 0.8974 -> 0.7891 / 0.8948.
  Log loss (cv-filter, lexical) 0.3682 with them, 0.3679 without: the lemma|slot weights and the
  content's length already carry it.
- learning "cue word in a gold Cue AND content overlapping its Content" (train_quote_filter.py
  LABEL_CONTENT): 0.7596 / 0.8813 (9,444), P 0.921 -> 0.926, R 0.649 -> 0.644; the base at gate 0.42
  gives 0.7595 / 0.8820: a gate moved, not better predictions. Dev 0.7873 / 0.8992 (F1 down 0.002).
- under that label, a quotation after the content in its paragraph, and a common-noun subject's
  lemma ("the inquiry comes against ..."): cv-filter log loss 0.3681 with, 0.3683 / 0.3680 without.

Tried and not kept (session 18, K3): a boosted filter (`boosted_model`, HistGradientBoosting, 200 trees
of 15 leaves at learning rate 0.1, over the features seen in >= 40 candidates plus the tensor filter's
log-odds, stacked on out-of-fold tensor scores; `tools/train_quote_filter.py cv-gate --tensor --boosted`).
Held-out log loss / AUC over the 19,393 candidates of 5-fold CV (lexicon refitted per fold): lexical
logistic 0.3541 / 0.9023, the trees on the lexical features alone 0.3539 / 0.9020, tensor logistic
(shipped) 0.3500 / 0.9047, the trees stacked on it 0.3486 / 0.9047: the lemma|slot conjunctions already
carry the interactions. In the pipeline (5-fold CV as cvdump runs it, trees refitted per fold), F1@0.3
/ speaker accuracy at filter / gate 0.4/0.3, 0.5/0.4, 0.5/0.5, 0.55/0.5: 0.7738/0.8712 -> 0.7748/0.8727,
0.7616/0.8803 -> 0.7597/0.8822, 0.7523/0.8869 -> 0.7504/0.8888, 0.7506/0.8884 -> 0.7485/0.8892: the
same F1-for-speakers curve (+0.0005 speaker accuracy at equal F1). PolNeAR dev at 0.5/0.4: 0.7891 /
0.8974 -> 0.7892 / 0.8921. The hook stays (inert without `data/quote_filter_boosted.npz`) so that
`cv-gate --boosted` measures it; `train --tensor --boosted` writes the file.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from newsdesk.understand.nlp import sent_of
from newsdesk.understand.speakers import TensorWeights, shipped_tensor_weights, shipped_weights

# Tuned by 5-fold CV over PolNeAR train articles (tools/train_quote_filter.py cv-score, filter and
# speaker ranker fitted on the other folds): F1@0.3 / speaker accuracy at 0.4/0.5/0.6 =
# 0.764/0.808, 0.758/0.818, 0.747/0.825 (no filter, no nesting: 0.763/0.807). 0.5 is the
# highest threshold that keeps F1@0.3 >= 0.75, the other target.
THRESHOLD = 0.5
_MODALS = {"would", "could", "might", "may", "should", "will", "can", "must"}
_QUOTE_MARKS = "“”\"«»"


@lru_cache(maxsize=1)
def weights() -> dict[str, float] | None:
    """The attribution filter's weights, learned from PolNeAR train (None when not shipped)."""
    return shipped_weights("quote_filter.json")


# The contextual filter: the same features plus the cue word's contextual vector (the unit mean
# of MiniLM's layer-CUE_LAYER states over its word pieces, its sentence encoded once) and the
# sentence's embedding, from one forward pass (`newsdesk.understand.embed.embed_with_spans`).
CONTEXT_FILE = "quote_filter_ctx.json"
CUE_LAYER = 6
# Only candidates the lexical filter is unsure of are encoded (a cascade, as events does): the
# encoder costs some 20 ms CPU a sentence against spaCy's ~0.3 s an article, and PolNeAR dev has
# 27 candidates an article. [0.3, 0.8) holds 27% of them (7 an article); in cv-gate it gave the
# same F1@0.3 / speaker accuracy as encoding every candidate (0.750 / 0.853 at filter 0.5, gate 0.2).
CASCADE = (0.3, 0.8)


@lru_cache(maxsize=1)
def context_model() -> tuple[dict[str, float], dict[str, list[float]]] | None:
    """(sparse weights, {"cue": 384 weights, "sentence": 384 weights}) of the contextual filter;
    None when it is not shipped or the encoder is not installed (the lexical filter then decides)."""
    from newsdesk.understand.embed import embed_available

    if not embed_available():
        return None
    try:
        raw = json.loads(resources.files("newsdesk.understand").joinpath(f"data/{CONTEXT_FILE}")
                         .read_text("utf-8"))
        return ({str(k): float(v) for k, v in raw["weights"].items()},
                {str(k): [float(x) for x in v] for k, v in raw["dense"].items()})
    except (FileNotFoundError, KeyError, ValueError):
        return None


def cue_context(cue: Any) -> tuple[str, tuple[int, int]]:
    """What the encoder reads for a cue: its sentence, and the cue word's span inside it."""
    sent = sent_of(cue)
    lo = cue.idx - sent.start_char
    return sent.text, (lo, lo + len(cue.text))


# (sentence, cue span) -> (sentence vector, cue vector): cross-validation encodes each once
_VECTORS: dict[tuple[str, tuple[int, int]], tuple[Any, Any]] = {}
_MAX_VECTORS = 40_000  # about 120 MB of float32 pairs at most; cleared when full


def context_vectors(keys: list[tuple[str, tuple[int, int]]]) -> list[tuple[Any, Any]]:
    """(sentence embedding, cue contextual vector) per `cue_context` key, from one forward pass."""
    from newsdesk.understand.embed import embed_with_spans

    todo = list(dict.fromkeys(k for k in keys if k not in _VECTORS))
    if todo:
        if len(_VECTORS) + len(todo) > _MAX_VECTORS:
            _VECTORS.clear()
        pooled, at = embed_with_spans([t for t, _ in todo], [s for _, s in todo], CUE_LAYER)
        _VECTORS.update(zip(todo, zip(pooled, at, strict=True), strict=True))
    return [_VECTORS[k] for k in keys]


def vector_cache() -> dict[tuple[str, tuple[int, int]], tuple[Any, Any]]:
    """A copy of the encoder's cached vectors by `cue_context` key, for a caller to keep across runs
    (tools/train_quote_filter.py --vectors writes it to a file)."""
    return dict(_VECTORS)


def load_vector_cache(vectors: dict[tuple[str, tuple[int, int]], tuple[Any, Any]]) -> None:
    """Add vectors a caller kept (`vector_cache`) to the cache, so `context_vectors` does not encode
    those contexts again."""
    _VECTORS.update(vectors)


def dense_score(vectors: tuple[Any, Any], dense: dict[str, list[float]]) -> float:
    """The vector blocks' share of the logit."""
    import numpy as np

    return sum(float(np.dot(np.asarray(dense[name], dtype=np.float32), vec))
               for name, vec in zip(("sentence", "cue"), vectors, strict=True) if name in dense)


# The tensor filter: the same features plus spaCy's own contextual token vectors (`doc.tensor`, the
# shared tok2vec's output that the parse computes anyway: no extra encoder, no extra CPU) of the cue
# word, the mean over its content and its rules' subject. The weights are tied to the pipeline
# that wrote the vectors (`nlp.model_name()`); under another pipeline the lexical filter decides.
TENSOR_FILE = "quote_filter_tensor.json"
TENSOR_BLOCKS = ("cue", "content", "subject")  # the order of the vector's blocks


@lru_cache(maxsize=1)
def tensor_model() -> TensorWeights | None:
    """The tensor filter (dense weights over `tensor_vector`, len(TENSOR_BLOCKS) x width); None when it
    is not shipped (the lexical filter then decides)."""
    return shipped_tensor_weights(TENSOR_FILE)


def tensor_vector(cue: Any, start: int, end: int, subject: Any) -> Any:
    """The cue word's, the content's (mean) and the subject's vectors in `doc.tensor`, end to end
    (zeros for a missing content or subject)."""
    import numpy as np

    tensor = cue.doc.tensor
    out = np.zeros((len(TENSOR_BLOCKS), tensor.shape[1]), dtype=np.float32)
    out[0] = tensor[cue.i]
    span = cue.doc.char_span(start, end, alignment_mode="expand") if end > start else None
    if span is not None and len(span):
        out[1] = tensor[span.start:span.end].mean(axis=0)
    if subject is not None:
        out[2] = tensor[subject.i]
    return out.ravel()


# The boosted filter (session 18, K3; not shipped: see the module's docstring): gradient-boosted trees
# (scikit-learn's HistGradientBoosting, as arrays in `data/quote_filter_boosted.npz`, scored by
# `newsdesk.understand.boosted` with numpy) over the same lexical features plus the tensor filter's
# log-odds (`TENSOR_LOGIT`; stacked: fitted on out-of-fold tensor scores), for the interactions a sum
# of weights cannot express (cue lemma x slot x quotation marks x nesting). It rescores what the tensor
# filter scored, only where that one runs (its pipeline's vectors); without the file the tensor filter
# decides.
BOOSTED_FILE = "quote_filter_boosted.npz"
TENSOR_LOGIT = "tensor_logit"


@lru_cache(maxsize=1)
def boosted_model() -> Any:
    """The boosted filter (`boosted.Trees`), or None when it is not shipped or was learned under another
    pipeline (its tensor logits would mean something else)."""
    from newsdesk.understand import boosted
    from newsdesk.understand.nlp import model_name

    trees = boosted.shipped(BOOSTED_FILE)
    return trees if trees is not None and trees.meta.get("pipeline") == model_name() else None


def logit(p: float) -> float:
    """The log-odds of a probability, clipped as `score` clips them."""
    p = min(max(p, 1e-13), 1.0 - 1e-13)
    return math.log(p / (1.0 - p))


def boosted_scores(trees: Any, feats: list[dict[str, float]], tensor_p: list[float]) -> list[float]:
    """P(attribution) of each candidate from the trees, given its features and the tensor filter's P."""
    from newsdesk.understand import boosted

    rows = [{**x, TENSOR_LOGIT: logit(p)} for x, p in zip(feats, tensor_p, strict=True)]
    return [float(p) for p in boosted.probability(trees, boosted.matrix(rows, trees.names))]


def _subject_kind(subj: Any) -> str:
    if subj is None:
        return "none"
    if subj.pos_ == "PRON":
        return f"pron:{subj.lower_}"
    if subj.ent_type_:
        return f"ent:{subj.ent_type_}"
    return f"pos:{subj.pos_}"


def cue_features(cue: Any, slot: str, subject: Any, lexicon_p: float) -> dict[str, float]:
    """The cue word and its own grammar: lemma, slot, tense, negation, modal, subject."""
    lemma = f"{'n:' if cue.pos_ == 'NOUN' else ''}{cue.lemma_.lower()}"
    kids = list(cue.children)
    modal = next((c.lower_ for c in kids if c.dep_ == "aux" and c.lower_ in _MODALS), None)
    subj = _subject_kind(subject)
    return {
        f"lemma={lemma}": 1.0,
        f"slot={slot.split(':')[0]}": 1.0,
        f"lemma={lemma}|slot={slot}": 1.0,
        "lexicon_p": lexicon_p,
        f"tag={cue.tag_}": 1.0,
        f"dep={cue.dep_}": 1.0,
        f"dep={cue.dep_}|head={cue.head.pos_}": 1.0,
        "negated": float(any(c.dep_ == "neg" for c in kids)),
        f"modal={modal}": 1.0,
        f"subject={subj}": 1.0,
        f"subject={subj.split(':')[0]}|lemma={lemma}": 1.0,
        "sent_start": float(cue.i - sent_of(cue).start <= 1),
    }


def context_features(doc_text: str, cue: Any, start: int, end: int, kind: str, rule: str,
                     parent_lemma: str | None, depth: int) -> dict[str, float]:
    """Where the candidate sits: nested in another candidate, quoted, how long its content is."""
    sent = sent_of(cue)
    words = len(doc_text[start:end].split())
    first = doc_text[start:end].split(maxsplit=1)[0].lower() if words else ""
    lemma = f"{'n:' if cue.pos_ == 'NOUN' else ''}{cue.lemma_.lower()}"
    f = {
        f"rule={rule}": 1.0,
        f"kind={kind}": 1.0,
        "nested": float(depth > 0),
        f"nested|lemma={lemma}": float(depth > 0),
        f"parent={parent_lemma}": 1.0,
        "sentence_quoted": float(any(ch in _QUOTE_MARKS for ch in sent.text)),
        "log_words": math.log1p(words),
        "short": float(words < 4),
        f"first={first if first in ('that', 'to', 'the', 'a', 'he', 'she', 'it', 'they', 'we', 'i') else 'other'}": 1.0,
        "content_before": float(start < cue.idx),
    }
    return f


def score(feats: dict[str, float], w: dict[str, float], extra: float = 0.0) -> float:
    """P(attribution): the logistic of the weights' sum (`extra`: the vector blocks' share)."""
    z = w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in feats.items()) + extra
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
