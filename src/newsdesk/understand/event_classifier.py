"""The sentence classifier: which of the five CAMEO classes (cameo.PENTA_NAMES) a sentence's event is,
from its words (names masked), the verb lexicon's votes (cameo.predicate_codes), its characters,
and, where the embedding model is installed, its MiniLM embedding and its main verb's vector;
a sparse-only gate answers first and only the sentences it is unsure of are embedded (the
cascade, CASCADE_TAU). The shipped weights are understand/data/events_penta*.npz, trained by
tools/train_event_model.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.understand.cameo import penta_of, predicate_codes

# A code for each class when no verb in the sentence carries a code of the predicted class.
CLASS_DEFAULT_CODE = {0: "010", 1: "040", 2: "060", 3: "110", 4: "190"}
HASH_BITS = 16  # 65k buckets per view: < 1% collisions at our vocabulary size, weights < 3 MB
MODEL_FILE = "events_penta.npz"  # with the embedding block (EMBED_WEIGHT)
# The same model without it, for installs without the embedding model: trained by
# tools/train_event_model.py with the embedding package absent (C=30; 5-fold CV 0.890).
SPARSE_MODEL_FILE = "events_penta_sparse.npz"


def sentence_features(sent) -> str:  # noqa: ANN001 - a spaCy Span
    """Symbolic features: the lexicon's class and root for each predicate, by slot, with negation."""
    out = []
    for tok, slot, code in predicate_codes(sent):
        p = penta_of(code)
        out += [f"{slot}P{p}", f"{slot}C{code[:2]}", f"AP{p}"]
        if any(c.dep_ == "neg" for c in tok.children):
            out.append(f"{slot}NEG{p}")
    out += [f"RL={t.lemma_.lower()}" for t in sent if t.dep_ == "ROOT"]
    return " ".join(out)


# Names and numbers stand for their kind in the word and character views ("Iraqi troops
# launched an assault on ISIS" -> "NORP troop launch an assault on ORG"): who acts is not what
# happens, and a held-out sentence names other actors. Cross-validated with folds grouped by
# the sentence's first country (bench.events.cross_validate), classifier macro-F1: masked 0.876
# vs 0.855 unmasked (0.879 in a first run of the same idea with hashed group ids).
MASK_NAMES = True
_MASKED_TYPES = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY",
                 "QUANTITY", "ORDINAL", "PERCENT"}


def _is_name(tok) -> bool:  # noqa: ANN001
    return tok.ent_type_ in _MASKED_TYPES or tok.pos_ in ("PROPN", "NUM")


# A sentence's views: words (names masked), lexicon features, characters (names masked), its raw
# text, and where its main verb sits in that text (characters; None without a root).
Views = tuple[str, str, str, str, "tuple[int, int] | None"]


def _verb_span(sent) -> tuple[int, int] | None:  # noqa: ANN001
    """The characters of the sentence's (first) main verb, relative to the sentence's text."""
    root = next((t for t in sent if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    start = root.idx - sent.start_char
    return start, start + len(root.text)


def sentence_views(sent) -> Views:  # noqa: ANN001
    """Words (names masked), lexicon features, characters (names masked), the raw text, and the
    main verb's span in it."""
    if not MASK_NAMES:
        return (" ".join(t.lemma_.lower() for t in sent if not t.is_punct), sentence_features(sent), sent.text,
                sent.text, _verb_span(sent))
    words: list[str] = []
    for t in sent:
        if t.is_punct:
            continue
        word = (t.ent_type_ or t.pos_) if _is_name(t) else t.lemma_.lower()
        if not (_is_name(t) and words and words[-1] == word):  # one kind per run of name tokens
            words.append(word)
    chars = " ".join("X" if t.ent_type_ or t.pos_ in ("PROPN", "NUM") else t.text for t in sent)
    return " ".join(words), sentence_features(sent), chars, sent.text, _verb_span(sent)


# The sentence's MiniLM embedding joins the three sparse views as a fourth block, times this
# weight (0 = without it). Embeddings place an unseen wording near seen ones of the same act,
# where hashed n-grams only know the words they saw. 5-fold CV on the gold train split,
# classifier macro-F1 at C=30, anchor TF-IDF+LR on the same folds (folds as in
# bench.events.cross_validate), without the block / weight 1 / weight 2:
#   stratified            anchor 0.772   0.890 / 0.911 / 0.890
#   main-verb grouped     anchor 0.541   0.674 / 0.728 / 0.719
#   word-cluster grouped  anchor 0.643   0.807 / 0.833 / 0.813
# (an LR on the embedding alone: 0.771 / 0.626 / 0.687). C with the block, 3/10/30: main-verb
# grouped 0.717/0.722/0.728, word-cluster grouped 0.834/0.835/0.833, so C=30 stays. The price: the events stage runs at
# 0.17 of the bare spaCy parse's sentences/s instead of 0.83 on one-sentence documents (MiniLM
# in numpy; `newsdesk bench events --gold petr2_gsr_validation_en.jsonl`).
EMBED_WEIGHT = 1.0

# The main verb's contextual vector joins as a fifth block, times this weight (0 = without it):
# the unit mean of MiniLM's layer-VERB_LAYER states over the root verb's word pieces, from the
# same forward pass as the sentence embedding (understand.embed.embed_with_spans), so it costs
# next to nothing more. An unseen verb lands near seen verbs of the same meaning, in the sense
# its sentence gives it -- what the main-verb grouped folds test. Classifier macro-F1 of the full
# model (C=30), main-verb / word-cluster grouped folds as in bench.events.cross_validate, anchor
# 0.541 / 0.643 on the same folds:
#   without the verb block 0.728 / 0.833; verb at layer 6, weight 1: 0.750 / 0.862
#   weight 0.5: 0.746 / 0.855; layer 4 instead of 6: 0.745 / 0.858
#   + its object's (dobj/xcomp/ccomp) vector too: 0.739 / 0.869 (worse on the main-verb folds)
#   + layer 4 mean pooling beside layer 6's: no change (0.728 / 0.834 without the verb block)
# The root verb's span in the parse decides the pieces (_verb_span).
VERB_WEIGHT = 1.0
VERB_LAYER = 6


def embed_weight() -> float:
    """EMBED_WEIGHT when the embedding model is installed, else 0 (the sparse views alone)."""
    from newsdesk.understand.embed import embed_available

    return EMBED_WEIGHT if embed_available() else 0.0


# The confidence cascade: the sparse-only model (SPARSE_MODEL_FILE) classifies every sentence;
# only when its top probability is below CASCADE_TAU or its top two are within CASCADE_MARGIN is
# the sentence embedded and the full model's answer taken. Tuned by tools/cv_event_shift.py (both
# models fitted on the training folds only), classifier macro-F1 / share of sentences embedded,
# main-verb grouped and word-cluster grouped folds (full model alone: 0.728 / 0.833):
#   TAU 0.5: 0.706/22%  0.817/12%     TAU 0.6: 0.719/36%  0.824/22%
#   TAU 0.7: 0.724/50%  0.829/32%     TAU 0.8: 0.728/64%  0.830/43%     TAU 0.9: 0.727/79%  0.833/58%
# so 0.7, the lowest within 0.005 of the full model on both (stratified: 0.910 vs 0.911, 22%
# embedded). A margin rule added nothing at TAU >= 0.6 (a top-two margin of 0.4 at TAU 0.5:
# 0.726/38% 0.824/24%, worse than TAU 0.7). News sentences are less sure than the gold's event
# sentences: on the extraction-bench pages the gate's top probability is below 0.7 for ~70%.
# With the verb block (VERB_WEIGHT) the full model gained more than the gate, so the same rule moved
# TAU: the same sweep, main-verb / word-cluster grouped (full model alone 0.750 / 0.862):
#   TAU 0.6: 0.733/36%  0.844/22%   TAU 0.7: 0.740/50%  0.854/32%   TAU 0.8: 0.750/64%  0.857/43%
#   TAU 0.85: 0.751/71%  0.859/50%  TAU 0.9: 0.749/79%  0.860/58%   (margin 0.4 at TAU 0.5: 0.742/38% 0.846/24%)
CASCADE_TAU = 0.8
CASCADE_MARGIN = 0.0


def needs_embedding(probs, tau: float | None = None, margin: float | None = None):  # noqa: ANN001, ANN201
    """A boolean per row of the gate's class probabilities: is it unsure enough to embed?"""
    import numpy as np

    tau = CASCADE_TAU if tau is None else tau
    margin = CASCADE_MARGIN if margin is None else margin
    top2 = np.sort(np.asarray(probs), axis=1)[:, -2:]
    return (top2[:, 1] < tau) | (top2[:, 1] - top2[:, 0] < margin)


# Extra wordings trained on beside the gold (events_wordings, weighted by its SOURCE_WEIGHTS):
# none ship, because they hurt. Measured with the extra data in the training folds only (same
# folds as bench.events.cross_validate), full model alone, macro-F1 main-verb / word-cluster
# grouped: gold only 0.728 / 0.833; + ngec stories and headlines at weight 0.3: 0.598 / 0.747.
# The synthetic sentences carry no "statement" class (18% of the gold: statement F1 0.67 ->
# 0.35) and their document-level labels over-predict verbal cooperation.
EXTRA_SOURCES: tuple[str, ...] = ()


def training_wordings() -> list:
    """The extra wordings the shipped model is trained with ([] without the codebooks)."""
    from newsdesk.understand.events_wordings import extra_wordings

    return extra_wordings(sources=EXTRA_SOURCES)


class PentaModel:
    """Hashed TF-IDF over lemmas (1-2 grams), lexicon features and character 3-5 grams,
    then multinomial logistic regression. Weights are plain arrays (npz), no pickle.

    Equal view weights with characters won a 5-fold CV grid on the gold train split (feature
    weight 1/2, with/without characters); C is picked by tools/train_event_model.py's CV
    (3/10/30 first: 0.862/0.873/0.880; then 30/100 on the current lexicon: 0.877/0.876, so
    30 ships). Names are masked (MASK_NAMES). `newsdesk bench events --gold TRAIN --cv`
    (classifier, macro-F1, anchor TF-IDF+LR on the same folds): stratified 0.890 (0.772),
    near-duplicate grouped 0.899 (0.781), grouped by first country 0.876 (0.745) -- these
    without the embedding block; with it see EMBED_WEIGHT, and VERB_WEIGHT for the main verb's
    contextual vector (the shipped MODEL_FILE has both).
    """

    def __init__(self, embed_weight: float = 0.0, verb_weight: float | None = None) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        # > 0: a fourth block, the sentence's MiniLM embedding (understand.embed) times this
        self.embed_weight = embed_weight
        # > 0 (with the fourth block): a fifth, the main verb's contextual vector (VERB_WEIGHT)
        self.verb_weight = (VERB_WEIGHT if embed_weight else 0.0) if verb_weight is None else verb_weight
        self.verb_layer = VERB_LAYER

        kw = {"n_features": 2**HASH_BITS, "alternate_sign": False, "norm": None}
        self.vectorizers = [
            HashingVectorizer(ngram_range=(1, 2), **kw),
            HashingVectorizer(token_pattern=r"\S+", lowercase=False, **kw),
            HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), **kw),
        ]
        self.idf: list = []
        self.coef: Any = None
        self.intercept: Any = None
        # The sparse-only model that answers first (see CASCADE_TAU); None: always the full model
        self.gate: PentaModel | None = None

    def _matrix(self, views: Sequence[Views], fit: bool = False, embeddings=None):  # noqa: ANN001, ANN202
        import numpy as np
        import sklearn
        from scipy.sparse import csr_matrix, diags, hstack

        blocks = []
        # sklearn's per-call parameter validation cost more than the hashing itself (profiled)
        with sklearn.config_context(skip_parameter_validation=True):
            for i, vec in enumerate(self.vectorizers):
                counts = vec.transform([v[i] for v in views]).tocsr()
                counts.data = 1 + np.log(counts.data)  # sublinear tf
                if fit:
                    df = np.bincount(counts.indices, minlength=counts.shape[1])
                    self.idf.append(np.log((1 + len(views)) / (1 + df)) + 1)
                counts.data *= np.asarray(self.idf[i])[counts.indices]
                norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
                blocks.append(diags(1 / np.where(norms > 0, norms, 1)) @ counts)
        if self.embed_weight:
            from newsdesk.understand.embed import DIM

            emb = self._dense(views) if embeddings is None else np.asarray(embeddings, dtype="float64")
            blocks.append(csr_matrix(emb[:, :DIM] * self.embed_weight))
            if self.verb_weight:
                blocks.append(csr_matrix(emb[:, DIM:2 * DIM] * self.verb_weight))
        return hstack(blocks).tocsr()

    def _dense(self, views: Sequence[Views]):  # noqa: ANN202
        """The embedding blocks' rows: the sentence embedding, then the main verb's vector if used."""
        verb = self.verb_layer if self.verb_weight else None
        return sentence_embeddings(views, verb_layer=verb).astype("float64")

    def fit(self, sents: list, labels: list[int], c: float = 10.0, embeddings=None,  # noqa: ANN001
            weights: Sequence[float] | None = None) -> PentaModel:
        """`embeddings`: the sentences' embeddings when the caller has them (else computed; with
        the verb block, rows of sentence embedding then verb vector, as sentence_embeddings gives);
        `weights`: one per sentence (extra wordings count less than gold), else all 1."""
        from sklearn.linear_model import LogisticRegression

        x = self._matrix([sentence_views(s) for s in sents], fit=True, embeddings=embeddings)
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, labels, sample_weight=weights)
        self.coef, self.intercept = clf.coef_, clf.intercept_
        return self

    def predict_proba(self, sents: list, cascade: bool = True):  # noqa: ANN201
        """Class probabilities, one row per sentence. With a gate (and `cascade`), the sparse
        gate answers first and only the sentences it is unsure of (needs_embedding) are
        embedded and answered by this model: the embedding is most of the stage's cost."""
        views = [sentence_views(s) for s in sents]
        if not (cascade and self.gate is not None and self.embed_weight and views):
            return self._proba(views)
        import numpy as np

        probs = self.gate._proba(views)
        unsure = np.flatnonzero(needs_embedding(probs))
        if len(unsure):
            probs[unsure] = self._proba([views[i] for i in unsure])
        return probs

    def _proba(self, views: Sequence[Views]):  # noqa: ANN202
        """The same arithmetic as `_matrix` then the linear model, but row by row in numpy:
        scipy.sparse's per-call overhead was 3/4 of the event stage on one-sentence documents
        (profiled: 25 of 33 s for 278 sentences)."""
        import numpy as np

        z = np.array([self._logits(v) for v in views]).reshape(len(views), -1)
        if self.embed_weight and len(views):
            from newsdesk.understand.embed import DIM

            n = 3 * 2**HASH_BITS
            emb = self._dense(views)
            z += self.embed_weight * (emb[:, :DIM] @ self._coef_rows[n:n + DIM])
            if self.verb_weight:
                z += self.verb_weight * (emb[:, DIM:] @ self._coef_rows[n + DIM:n + 2 * DIM])
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def _logits(self, views: Views):  # noqa: ANN202
        import numpy as np
        from sklearn.utils import murmurhash3_32

        if not hasattr(self, "_analyzers"):
            self._analyzers = [vec.build_analyzer() for vec in self.vectorizers]
            self._coef_rows = np.ascontiguousarray(np.asarray(self.coef, dtype="float64").T)
            self._idf64 = [np.asarray(idf, dtype="float64") for idf in self.idf]
        n = 2**HASH_BITS
        z = np.asarray(self.intercept, dtype="float64").copy()
        buckets = _BUCKETS
        for i, analyzer in enumerate(self._analyzers):
            counts: dict[int, int] = {}
            for feature in analyzer(views[i]):
                b = buckets.get(feature)
                if b is None:
                    b = _bucket(feature, murmurhash3_32)
                counts[b] = counts.get(b, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
            w = 1 + np.log(np.fromiter(counts.values(), dtype="float64", count=len(counts)))
            w *= self._idf64[i][idx]
            z += (w / np.sqrt(w @ w)) @ self._coef_rows[idx + i * n]
        return z

    def save(self, path: Path) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix

        coef = csr_matrix(self.coef.astype("float32"))
        np.savez_compressed(path, idf=np.stack(self.idf).astype("float32"), data=coef.data,
                            indices=coef.indices, indptr=coef.indptr, shape=np.array(coef.shape),
                            intercept=self.intercept.astype("float32"),
                            embed_weight=np.array(self.embed_weight, dtype="float32"),
                            verb_weight=np.array(self.verb_weight, dtype="float32"),
                            verb_layer=np.array(self.verb_layer))

    @classmethod
    def load(cls, path: Path | None = None, name: str = MODEL_FILE) -> PentaModel:
        import numpy as np
        from scipy.sparse import csr_matrix

        model = cls()
        source = path or resources.files("newsdesk.understand").joinpath("data", name)
        with source.open("rb") as fh, np.load(fh) as z:
            model.idf = list(z["idf"])
            model.coef = csr_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"])).toarray()
            model.intercept = z["intercept"]
            model.embed_weight = float(z["embed_weight"]) if "embed_weight" in z.files else 0.0
            model.verb_weight = float(z["verb_weight"]) if "verb_weight" in z.files else 0.0
            model.verb_layer = int(z["verb_layer"]) if "verb_layer" in z.files else VERB_LAYER
        return model


def sentence_embeddings(views: Sequence[Views], verb_layer: int | None = None):  # noqa: ANN201
    """MiniLM embeddings of the sentences behind `views` (their unmasked text rides along as the
    fourth item); zeros when the embedding model is not installed, so the other views still
    decide (the model then loses what the embedding block adds: see PentaModel). With a
    `verb_layer`, each row goes on with the main verb's vector at that layer (2 * DIM columns),
    from the same forward pass."""
    import numpy as np

    from newsdesk.understand.embed import DIM, embed, embed_available, embed_with_spans

    if not embed_available():
        return np.zeros((len(views), DIM if verb_layer is None else 2 * DIM), dtype="float32")
    texts = [v[3] for v in views]
    if len(_EMBEDDINGS) + len(views) > _MAX_EMBEDDINGS:
        _EMBEDDINGS.clear()
        _VERB_VECTORS.clear()
    if verb_layer is None:
        missing = list(dict.fromkeys(t for t in texts if t not in _EMBEDDINGS))
        if missing:
            _EMBEDDINGS.update(zip(missing, embed(missing), strict=True))  # embed() runs on one BLAS thread
        return np.stack([_EMBEDDINGS[t] for t in texts])
    keys = [(v[3], v[4], verb_layer) for v in views]
    todo = list(dict.fromkeys(k for k in keys if k not in _VERB_VECTORS))
    if todo:
        pooled, verbs = embed_with_spans([k[0] for k in todo], [k[1] for k in todo], verb_layer)
        _EMBEDDINGS.update(zip([k[0] for k in todo], pooled, strict=True))
        _VERB_VECTORS.update(zip(todo, verbs, strict=True))
    return np.hstack([np.stack([_EMBEDDINGS[t] for t in texts]), np.stack([_VERB_VECTORS[k] for k in keys])])


def remember_embeddings(views: Sequence[Views], embeddings, verb_layer: int = VERB_LAYER) -> None:  # noqa: ANN001
    """Prime the embedding cache with rows computed earlier (a training script's saved file): the
    sentence embeddings, and the main verbs' vectors when the rows carry them (2 * DIM columns)."""
    from newsdesk.understand.embed import DIM

    _EMBEDDINGS.update(zip([v[3] for v in views], [row[:DIM] for row in embeddings], strict=True))
    if len(embeddings) and len(embeddings[0]) == 2 * DIM:
        _VERB_VECTORS.update(zip([(v[3], v[4], verb_layer) for v in views], [row[DIM:] for row in embeddings],
                                 strict=True))


# text -> embedding: cross-validation and training embed each sentence once, not once a fold
_EMBEDDINGS: dict[str, Any] = {}
_MAX_EMBEDDINGS = 20_000  # 30 MB of float32 rows at most; cleared when full
# (text, main verb's span, layer) -> the verb's contextual vector, as many rows at most
_VERB_VECTORS: dict[tuple, Any] = {}


# feature string -> bucket: news repeats its n-grams, and a dict lookup is 10x a murmurhash call
_BUCKETS: dict[str, int] = {}
_MAX_BUCKETS = 1_000_000  # about 100 MB at most; cleared when full


def _bucket(feature: str, murmurhash3_32: Callable[..., int]) -> int:
    """HashingVectorizer's bucket for a feature (sklearn's _hashing_fast, alternate_sign=False)."""
    n = 2**HASH_BITS
    h = murmurhash3_32(feature, seed=0)
    b = (2147483647 - (n - 1)) % n if h == -2147483648 else abs(h) % n
    if len(_BUCKETS) >= _MAX_BUCKETS:
        _BUCKETS.clear()
    _BUCKETS[feature] = b
    return b


@lru_cache(maxsize=1)
def penta_model(embeddings: bool = True) -> PentaModel | None:
    """The shipped classifier, or None when its weights are missing (lexicon-only coding); the
    one without the embedding block when the embedding model is not installed or not wanted."""
    try:
        model = PentaModel.load(name=MODEL_FILE if embeddings and embed_weight() else SPARSE_MODEL_FILE)
        if model.embed_weight:
            model.gate = PentaModel.load(name=SPARSE_MODEL_FILE)
        return model
    except (FileNotFoundError, OSError):
        return None
