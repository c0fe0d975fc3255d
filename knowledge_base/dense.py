"""Dense vector search with FAISS: exact for small corpora, IVF once exact search gets slow."""

from __future__ import annotations

import faiss
import numpy as np

# Below this many vectors an exact inner-product scan is ~2 ms (PERF-NOTES: 1 ms at 10k);
# above it, an inverted-file index keeps a query well under the 20 ms budget at 100k.
EXACT_LIMIT = 20_000
# Inverted lists probed per query. bench/retrieval.py at 100,000 chunks (e5 vectors): recall@10
# against exact search 0.95 at 16, 0.97 at 32, 0.987 at 64, and 64 still costs < 2 ms at p95.
NPROBE = 64


class DenseIndex:
    """Inner-product search over L2-normalised vectors (= cosine similarity)."""

    def __init__(self, vectors: np.ndarray, *, nprobe: int = NPROBE) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        count, dim = vectors.shape
        self.size = count
        self.exact = count <= EXACT_LIMIT
        if self.exact:
            index: faiss.Index = faiss.IndexFlatIP(dim)
        else:
            lists = int(4 * np.sqrt(count))
            quantizer = faiss.IndexFlatIP(dim)
            ivf = faiss.IndexIVFFlat(quantizer, dim, lists, faiss.METRIC_INNER_PRODUCT)
            rng = np.random.default_rng(0)
            sample = vectors[rng.choice(count, size=min(count, lists * 40), replace=False)]
            ivf.train(sample)
            ivf.nprobe = nprobe
            index = ivf
        if count:
            index.add(vectors)
        self._index = index

    def set_nprobe(self, nprobe: int) -> None:
        """How many inverted lists a query scans (IVF only: more is slower and closer to exact)."""
        if isinstance(self._index, faiss.IndexIVF):
            self._index.nprobe = nprobe

    def ids(self, query: np.ndarray, k: int) -> np.ndarray:
        """Positions of the top-k vectors for one L2-normalised query (best first), or of
        every vector, in order and without a search, when k covers them all."""
        if k >= self.size:
            return np.arange(self.size)
        _, ids = self._index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), k)
        return ids[0][ids[0] >= 0]

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Top-k (position, cosine) for one L2-normalised query vector."""
        if self.size == 0:
            return []
        scores, ids = self._index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
