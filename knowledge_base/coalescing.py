"""Query coalescing and the query cache: what every embedding runtime shares.

Single queries that arrive while the model is busy wait and are taken through the model together
by one thread (in one forward pass, or one pass each where the runtime says so: onnx-int8); a
repeated question is answered from a small LRU cache. The runtimes (knowledge_base/st_embedder.py,
knowledge_base/onnx_embedder.py) subclass `CoalescingEmbedder`; knowledge_base/embedding.py holds
the `Embedder` seam and the registry that picks one.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from opentelemetry import trace

# Distinct queries whose vectors are kept (384 floats each: 1,024 of them take 1.5 MiB).
QUERY_CACHE_SIZE = 1024
# The spans keep the scope they had when this lived in knowledge_base.embedding.
_tracer = trace.get_tracer("knowledge_base.embedding")


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

    Subclasses implement `_run(texts, bulk=...)`: the vectors of texts that already carry their
    prefix, in as many forward passes as the runtime needs.
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
        self.fingerprint = f"{name}|{backend}|{passage_prefix}"
        """What made a passage vector: a build's embedding cache keeps one file per value."""
        # Inference libraries release the GIL; one pass at a time keeps concurrent requests
        # from oversubscribing the cores (PERF-NOTES).
        self._lock = threading.Lock()
        # Single queries that arrive while the model is busy wait to be taken through it together.
        self._queue = threading.Condition()
        self._waiting: list[_Waiting] = []
        self._leading = False
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self.query_passes = 0
        """Times single queries were taken through the model (queries gathered count once)."""
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
        """One query's vector; queries that arrive while the model is busy are embedded together
        next, by the thread that finds the model free.

        Why: every pass takes the GIL back hundreds of times, each a chance to wait behind
        another thread's Python work (the convoy that slowed 8 concurrent clients several-fold);
        gathered, the waiting queries are run by one thread while the others sleep. Runtimes whose
        vectors do not depend on a pass's other texts (torch, float32 ONNX) run them in one pass;
        onnx-int8 runs one pass each, so a query's vector is the same alone and under load.
        Alone, a query is embedded at once.
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
