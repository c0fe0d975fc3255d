"""The `torch` runtime: any sentence-transformers model, by name or local path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from knowledge_base.coalescing import QUERY_CACHE_SIZE, CoalescingEmbedder


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


class SentenceTransformerEmbedder(CoalescingEmbedder):
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
        cache_size: int = QUERY_CACHE_SIZE,
    ) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        super().__init__(
            name=name or model_path,
            backend="torch",
            query_prefix=query_prefix,
            passage_prefix=passage_prefix,
            cache_size=cache_size,
        )
        # One thread is fastest for single queries and does not collapse when the other core is
        # busy (PERF-NOTES); bulk builds may ask for more through `threads`.
        torch.set_num_threads(threads)
        self._model = _load_quietly(SentenceTransformer, model_path)
        if max_seq_length:
            self._model.max_seq_length = min(self._model.max_seq_length or 512, max_seq_length)
        dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dim() or 0)
        self._batch_size = batch_size
        # Passages in bulk (index builds) use bfloat16 matrix products where the CPU has them
        # natively (avx512_bf16, AMX): about twice as fast, vectors within cosine 0.99999 of
        # float32. Queries stay float32, so a query's vector never depends on which other
        # queries shared its forward pass. Emulated bf16 would be slower: off there.
        self._bf16 = _native_bf16() if bf16 is None else bf16

    def _run(self, texts: list[str], *, bulk: bool = False) -> np.ndarray:
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bulk and self._bf16):
            vectors = self._model.encode(
                texts,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_tensor=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors.float().numpy(), dtype=np.float32)
